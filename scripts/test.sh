#!/usr/bin/env bash
# Run every test of zhengce on a fresh machine: sets up a virtual environment
# from PyPI, builds the Rust core into it, then runs the Rust tests (core,
# integration, doc tests) and the Python tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages for the report tests: Debian's chromium (the HTML report is
# loaded in a headless browser) and a CJK font for it to draw Chinese with.
# Installed only when missing, so a prepared machine pays nothing.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing ${need[*]}"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install -q --upgrade pip
# The dev dependencies are listed once, in pyproject.toml.
python - <<'PYEOF' > .venv/dev-requirements.txt
import tomllib
print("maturin>=1.7,<2")
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"]))
PYEOF
python -m pip install -q -r .venv/dev-requirements.txt "polars>=1.28" "numpy>=1.24"

echo "== building the extension (release)"
maturin develop --release -q

echo "== Rust tests"
cargo test -q

# The fuzz targets build and run briefly (FUZZING.md); ZHENGCE_FUZZ_SECONDS=0 skips them.
if [ "${ZHENGCE_FUZZ_SECONDS:-20}" != "0" ]; then
    echo "== Fuzz targets"
    bash scripts/fuzz.sh "${ZHENGCE_FUZZ_SECONDS:-20}"
fi

echo "== Python tests"
python -m pytest
