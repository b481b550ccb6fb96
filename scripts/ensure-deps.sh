#!/usr/bin/env bash
# Installs what Affluence needs to build when it is missing: GSL's headers and library
# (Debian's libgsl-dev) and pkg-config, which SwiftPM uses to find them.
# Does nothing when both are present; needs root (or sudo) only when it must install.
set -euo pipefail

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl 2>/dev/null; then
    exit 0
fi

echo "ensure-deps: GSL not found; installing libgsl-dev and pkg-config with apt-get" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libgsl-dev pkg-config >/dev/null
pkg-config --exists gsl || { echo "ensure-deps: GSL still not visible to pkg-config" >&2; exit 1; }
