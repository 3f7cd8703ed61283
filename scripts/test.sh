#!/usr/bin/env bash
# Run every test of zhengce on a fresh machine (README, "Run every test", says
# what each step does and how long it takes): sets up a virtual environment from
# PyPI, checks formatting and lints, builds the Rust core into the environment,
# then runs the Rust tests (core, integration, doc tests) and the Python tests.
# Fuzzing is a step of its own: scripts/fuzz.sh (CI runs it after this).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's header says how long the run has taken so far, so that a CI log
# shows which step grew when the whole run does.
step() { echo "== $* (at ${SECONDS} s)"; }

# System packages for the report tests: Debian's chromium (the HTML report is
# loaded in a headless browser) and a CJK font for it to draw Chinese with.
# Installed only when missing, so a prepared machine pays nothing.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# (grep reads all of fc-list's output: with -q it would stop at the first match,
# fc-list would die of SIGPIPE, and pipefail would call the font missing.)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "installing ${need[*]}"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "zhengce needs Python 3.10 or later" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install -q --upgrade pip
# The dev dependencies are listed once, in pyproject.toml (tomllib is 3.11+; tomli before).
python -c 'import tomllib' 2>/dev/null || python -m pip install -q tomli
python - <<'PYEOF' > .venv/dev-requirements.txt
try:
    import tomllib
except ModuleNotFoundError:
    import tomli as tomllib
print("maturin>=1.7,<2")
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"]))
PYEOF
python -m pip install -q -r .venv/dev-requirements.txt "polars>=1.33" "numpy>=1.24"

step "formatting and lints"
cargo fmt --check
cargo clippy -q --all-targets -- -D warnings
# The bindings are compiled only with the python feature: lint them too.
cargo clippy -q --lib --features python -- -D warnings

step "building the extension (release)"
maturin develop --release -q

step "Rust tests"
cargo test -q

step "Python tests"
# The slowest tests are listed at the end: where the Python step's time goes.
python -m pytest --durations=10
step "done"
