#!/usr/bin/env bash
# Installs what the tests need on a fresh machine and runs every test, skipping none.
# The differential tests compare pgs with CPython (and later NumPy/Dask), run from a
# virtualenv in .venv so the oracle's versions are pinned.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt

export PGS_PYTHON="$PWD/.venv/bin/python"
cargo test --all-targets "$@"
