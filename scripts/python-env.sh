# Sourced by scripts/check-notebook.sh and scripts/check-report.sh: a Python venv with
# notebooks-data/requirements.txt (every version pinned, from PyPI), rebuilt only when that
# file changes. Sets PYTHON to the venv's interpreter. scripts/check-serve.sh sources it with
# AFFLUENCE_VENV and AFFLUENCE_REQUIREMENTS set to a venv and a pinned list of its own.
venv=${AFFLUENCE_VENV:-.build/python-venv}
requirements=${AFFLUENCE_REQUIREMENTS:-notebooks-data/requirements.txt}
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$wanted" ]; then
  python3 -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || {
    echo "python-env: python3 is $(python3 --version 2>&1); the pinned packages need CPython 3.11 or later" >&2
    exit 1
  }
  # Debian ships venv's pip bootstrap separately.
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
    $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq python3-venv
  fi
  rm -rf "$venv"
  start=$(date +%s)
  python3 -m venv "$venv"
  # The pinned wheels are fetched once into a cache outside the work tree (kept between
  # clones on one machine, so CI's fresh clone does not fetch again), then the venv installs
  # offline from it.
  wheels=${AFFLUENCE_WHEELS:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/affluence/wheels}
  mkdir -p "$wheels"
  offline=("$venv/bin/pip" install --quiet --disable-pip-version-check --no-index --find-links "$wheels" -r "$requirements")
  if ! "${offline[@]}" 2>/dev/null; then
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
      -d "$wheels" -r "$requirements"
    "${offline[@]}"
  fi
  echo "$wanted" > "$venv/.requirements.sha256"
  echo "python-env: installed $requirements into $venv in $(( $(date +%s) - start )) s" >&2
fi
PYTHON=$venv/bin/python
