#!/usr/bin/env bash
# Installs what Affluence needs to build and test when it is missing: GSL's headers and
# library (Debian's libgsl-dev) and pkg-config, which SwiftPM uses to find them; xmllint
# (libxml2-utils), with which the tests validate `affluence check --junit` output against
# the JUnit schema (JUnitReportTests fails, on purpose, when it is missing).
# Does nothing when all are present; needs root (or sudo) only when it must install.
set -euo pipefail

packages=()
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl 2>/dev/null; then
    packages+=(libgsl-dev pkg-config)
fi
if ! command -v xmllint >/dev/null 2>&1; then
    packages+=(libxml2-utils)
fi
if [ ${#packages[@]} -eq 0 ]; then
    exit 0
fi

echo "ensure-deps: installing ${packages[*]} with apt-get" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
pkg-config --exists gsl || { echo "ensure-deps: GSL still not visible to pkg-config" >&2; exit 1; }
command -v xmllint >/dev/null || { echo "ensure-deps: xmllint still not on PATH" >&2; exit 1; }
