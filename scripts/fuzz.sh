#!/usr/bin/env bash
# Build the cargo-fuzz targets (fuzz/) and run each for a while, seeded with
# the kept regressions (fuzz/regressions/<target>). Usage:
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]
# CI runs every target for 20 s; a long run: `bash scripts/fuzz.sh 600 pipeline`.
# New interesting inputs go to fuzz/corpus/<target> (not committed); see FUZZING.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/fuzz"
# The fuzz crate builds in the main build's target folder (its instrumented
# artifacts go under target/<triple>/, beside the ordinary ones, and the build
# scripts and proc-macros of the host are shared), and with the main build's
# dependency versions: fuzz/Cargo.lock is made from ../Cargo.lock each time
# (and not tracked), so a run never leaves a tracked file changed.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
TARGET_DIR=$CARGO_TARGET_DIR
cp "$ROOT/Cargo.lock" Cargo.lock

SECONDS_PER_TARGET=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(decode structure pipeline)

# cargo-fuzz goes into the target folder, not into the user's ~/.cargo/bin.
TOOLS="$TARGET_DIR/tools"
export PATH="$TOOLS/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked --root "$TOOLS"
# cargo-fuzz passes nightly-only flags; this lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
# No sanitizer (safe Rust gains little from ASan, and the build is much faster);
# with debug assertions and overflow checks. ZHENGCE_FUZZ_PROFILE=dev (CI's
# smoke run) builds in the fuzz crate's dev profile: our crate at opt-level 2,
# jieba-rs at 3, the rest unoptimised. That build takes about 2 minutes on two
# cores against 9 for the optimised one, and runs 2 to 10 times fewer inputs in
# the same time (polars, unoptimised, builds the frames): in 20 s it replays the
# kept regressions under instrumentation and tries some new inputs. Real fuzzing
# is a long run of the optimised build, the default here (FUZZING.md).
if [ "${ZHENGCE_FUZZ_PROFILE:-release}" = dev ]; then
    FLAGS=(--dev -a --sanitizer none)
else
    FLAGS=(-O -a --sanitizer none --codegen-units 16)
fi

cargo fuzz build "${FLAGS[@]}"
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t"
    echo "-- fuzzing $t for ${SECONDS_PER_TARGET}s"
    log="$TARGET_DIR/fuzz-$t.log"
    # The decode target also reads its input as a web page: HTML tokens, among
    # them the nesting tags whose repetition builds deeply nested pages.
    dict=()
    [ "$t" = decode ] && dict=(-dict=dict/html.dict)
    if ! cargo fuzz run "${FLAGS[@]}" "$t" "corpus/$t" "regressions/$t" -- "${dict[@]}" \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 80 "$log"
        echo "fuzz target $t failed: the input is in fuzz/artifacts/$t (FUZZING.md says how to keep it as a regression)"
        exit 1
    fi
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)" "$log" || true
done
