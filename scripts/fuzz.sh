#!/usr/bin/env bash
# Fuzzes every parser of kernel text (/proc/meminfo, /proc/vmstat, /proc/buddyinfo,
# /proc/pressure/memory, /proc/PID/status, /proc/PID/maps, node meminfo) and the config loader
# with cargo-fuzz (libFuzzer), from the corpus in fuzz/corpus. No panic, no hang (10 s limit
# per input) is the pass mark.
#
#   bash scripts/fuzz.sh            # 1 000 000 runs per target (the documented full run)
#   bash scripts/fuzz.sh 20000      # a smoke run (CI)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
runs="${1:-1000000}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# cargo-fuzz passes unstable -Z flags; this lets the machine's stable toolchain take them.
export RUSTC_BOOTSTRAP=1
# The parsers are safe Rust: the search is for panics, overflows and hangs, not memory errors,
# so no sanitizer (debug assertions stay on: an overflow panics).
cargo fuzz build --sanitizer none --debug-assertions
total_start=$(date +%s)
for target in $(cargo fuzz list); do
    start=$(date +%s)
    # a scratch copy of the corpus: runs never rewrite the committed one
    work=$(mktemp -d)
    cp -r "corpus/$target/." "$work/"
    log="$work.log"
    status=0
    cargo fuzz run --sanitizer none --debug-assertions "$target" "$work" -- \
        -runs="$runs" -timeout=10 -max_len=65536 -print_final_stats=1 >"$log" 2>&1 || status=$?
    grep -E "stat::number_of_executed_units|ERROR|panicked" "$log" || true
    rm -rf "$work" "$log"
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target FAILED (exit $status); the crashing input is in fuzz/artifacts/$target" >&2
        exit 1
    fi
    echo "fuzz: $target: $runs runs in $(($(date +%s) - start)) s"
done
echo "fuzz: all targets passed in $(($(date +%s) - total_start)) s"
