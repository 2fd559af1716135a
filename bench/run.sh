#!/usr/bin/env bash
# memsweep's benchmark suite: `bash bench/run.sh` (as root). Prints every figure and writes them,
# with the machine's facts, to bench/RESULTS.md. About 7-11 minutes on this 2-core machine,
# depending on what must be (re)built. What each part measures: bench/README.md.
#
# Knobs (environment): BENCH_PAIRS (3) clean-vs-balloon pairs; BENCH_FILE_GIB (6) page cache to
# fill; BENCH_WATCH_SECONDS (60); BENCH_KEEP_FILE=1 keeps the fill file for the next run;
# BENCH_BUDGET_S (600): a needed Windows (re)build is skipped, and said so, if it would not fit;
# MEMSWEEP_WATCH_ARGS: arguments for `memsweep watch` instead of the benchmark's own config.
#
# Machine-wide steps (writing and reading the fill file, dropping caches, the balloon, the hot
# set and cold cache of part 7) hold /tmp/memsweep-machine-tests.lock, like memsweep's own tests,
# so neither measures the other; the short reading benchmarks (part 3) and the daemon's minute
# (part 4) and the endpoint's (part 8, last, taking the lock again) run under it too, so no cache drop
# or memory pressure lands in them. Part 7's files (1 + 4 GiB in bench/target/lean/) are kept for the
# next run.
set -uo pipefail
t_start=$(date +%s)
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
cd "$root"

LOCK=/tmp/memsweep-machine-tests.lock
PAIRS=${BENCH_PAIRS:-3}
FILE_GIB=${BENCH_FILE_GIB:-6}
WATCH_S=${BENCH_WATCH_SECONDS:-60}
BUDGET_S=${BENCH_BUDGET_S:-600}      # the suite's time budget: 10 minutes
WINDOWS_BUILD_ALLOWANCE_S=200        # what a cold Windows build + the Wine part may take
WINDOWS_REBUILD_ALLOWANCE_S=120      # an incremental rebuild (an earlier exe exists) + the Wine part:
                                     # 60-80 s of build and about 20 s of Wine measured here
out=$bench/target/results
exe=target/windows/x86_64-pc-windows-gnu/release/memsweep.exe
mkdir -p "$out"
rm -f "$out"/*.md "$out"/*.json "$out"/*.log

if [[ $(id -u) != 0 ]]; then
    echo "bench/run.sh: needs root (drop_caches, stat_refresh, the balloon)" >&2
    exit 77
fi

failed=()
declare -A took
say() { printf '\n== %s\n' "$*" >&2; }
# part NAME MDFILE CMD...: runs CMD, its stdout (Markdown) to MDFILE and the terminal; a failure
# is recorded in RESULTS.md as "not measured" and the suite goes on.
part() {
    local name=$1 md=$2 t0=$SECONDS
    shift 2
    say "$name"
    if "$@" >"$md.tmp"; then
        mv "$md.tmp" "$md"
    else
        local rc=$?
        failed+=("$name")
        { cat "$md.tmp"; printf '\n**%s: not measured** (the step failed with exit code %s; see the terminal output of bench/run.sh).\n\n' "$name" "$rc"; } >"$md"
        rm -f "$md.tmp"
    fi
    cat "$md"
    took[$name]=$((SECONDS - t0))
}

# ---- tools and builds ------------------------------------------------------------------------
say "tools"
if ! command -v hyperfine >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y hyperfine >&2 ||
        { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y hyperfine >&2; }
fi
command -v hyperfine >/dev/null || { echo "bench/run.sh: hyperfine could not be installed" >&2; exit 1; }

say "build memsweep (cargo build --release -p memsweep)"
t0=$SECONDS
build_note=""
if ! cargo build --release -p memsweep >&2; then
    [[ -x target/release/memsweep ]] || { echo "bench/run.sh: no memsweep binary" >&2; exit 1; }
    build_note="**\`cargo build --release -p memsweep\` failed** (sources being edited?); the figures are for the existing target/release/memsweep."
    failed+=("memsweep build")
fi
say "build the bench tools (bench/Cargo.toml, target dir bench/target)"
cargo build --release --locked --manifest-path "$bench/Cargo.toml" --target-dir "$bench/target" >&2 || exit 1
say "build the snapshot bench (cargo bench --no-run), so that part 3 only runs it"
bench_built=1
cargo bench -p memsweep-backend --bench snapshot --no-run >&2 || bench_built=0
took[builds]=$((SECONDS - t0))
H=$bench/target/release/harness
MEMSWEEP=$root/target/release/memsweep

# ---- machine facts ---------------------------------------------------------------------------
facts() {
    local mem swap dirty rev
    mem=$(awk '/^MemTotal:/ {printf "%.2f GiB (%d kB)", $2/1048576, $2}' /proc/meminfo)
    swap=$(awk '/^SwapTotal:/ {print ($2 == 0 ? "none" : sprintf("%.2f GiB", $2/1048576))}' /proc/meminfo)
    rev=$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)
    dirty=$(git --no-optional-locks status --porcelain -- crates Cargo.toml Cargo.lock 2>/dev/null | wc -l)
    echo "# memsweep benchmark results"
    echo
    echo "Written by \`bash bench/run.sh\` ($(date -u '+%F %T UTC')). Every figure below was measured by that run; nothing is typed in by hand. What each benchmark measures: [README.md](README.md)."
    echo
    echo "| machine | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%F %T UTC') |"
    echo "| kernel | $(uname -r) ($(uname -v)) |"
    echo "| CPU | $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores$(command -v systemd-detect-virt >/dev/null && v=$(systemd-detect-virt 2>/dev/null) && echo ", virtualised: $v") |"
    echo "| memory | $mem, swap $swap, THP $(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null) |"
    echo "| disk of bench/target | $(findmnt -n -o FSTYPE -T "$bench") on $(findmnt -n -o SOURCE -T "$bench") |"
    echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| memsweep | commit $rev$( ((dirty > 0)) && echo ", plus $dirty uncommitted change(s) under crates/ or Cargo.*: the binary measured is the working tree's"); $("$MEMSWEEP" --version) |"
    echo "| tools | $(rustc --version), $(hyperfine --version), $(free -V), $(command -v wine >/dev/null && WINEDEBUG=-all wine --version 2>/dev/null || echo 'no wine') |"
    [[ -n $build_note ]] && printf '\n%s\n' "$build_note"
    echo
}
facts >"$out/00-facts.md"
cat "$out/00-facts.md"

# ---- 1 + 2: clean vs balloon, foreground stall (machine-wide: under the lock) -----------------
fill=$bench/target/pagecache-fill.bin
# The lock is taken here, for parts 1 to 4 and 7 (fd 9, inherited by the harness), so that the time
# spent waiting for other tests that hold it is measured apart from the benchmark's own time.
say "waiting for $LOCK"
t0=$SECONDS
exec 9>"$LOCK"
flock 9
lock_wait=$((SECONDS - t0))
part "clean vs balloon + foreground stall" "$out/10-cleaners.md" \
    "$H" cleaners --memsweep "$MEMSWEEP" --balloon "$bench/target/release/balloon" \
    --probe "$bench/target/release/stall-probe" --file "$fill" --size-gib "$FILE_GIB" \
    --pairs "$PAIRS" --json "$out/cleaners.json"
[[ ${BENCH_KEEP_FILE:-0} == 1 ]] || rm -f "$fill"

# ---- 3: reading memory -----------------------------------------------------------------------
status_bench() {
    hyperfine -N --warmup 30 --runs 300 --export-json "$out/status.json" \
        "$MEMSWEEP status --json" "free -b" "$MEMSWEEP --version" >&2 &&
        "$H" hyperfine-status "$out/status.json"
}
part "reading memory: whole process" "$out/30-status.md" status_bench

criterion_bench() {
    local since
    ((bench_built)) || { echo "not measured: \`cargo bench --no-run\` failed" >&2; return 1; }
    since=$(date +%s)
    # Shorter warm-up and measurement than criterion's 3 s + 5 s, to keep the suite short.
    cargo bench -p memsweep-backend --bench snapshot -- --noplot --warm-up-time 1 \
        --measurement-time 3 >"$out/criterion.log" 2>&1
    local rc=$?
    grep -E 'time:|^[A-Za-z].*snapshot|^parse' "$out/criterion.log" >&2
    ((rc == 0)) || { tail -20 "$out/criterion.log" >&2; return "$rc"; }
    "$H" criterion "$out/criterion.log" "$root/target/criterion" "$since"
}
part "reading memory: in process" "$out/31-criterion.md" criterion_bench

# ---- 7: gentle reclaim vs a cache drop, beside a hot set (machine-wide: under the lock) -------
# Run here, still under the lock, rather than in its place after part 6: a cache drop or another
# test's reading would count as the hot set answering or as pressure.
part "gentle reclaim vs cache drop" "$out/70-lean.md" \
    "$H" lean --memsweep "$MEMSWEEP" --hot-reader "$bench/target/release/hot-reader" \
    --dir "$bench/target/lean" --json "$out/lean.json"

# ---- 4: daemon footprint (under the lock too: another test's memory pressure would wake the
# PSI-trigger daemon and put it on 1 s polling for 30 s) ----------------------------------------
part "daemon footprint" "$out/40-watch.md" "$H" watch --memsweep "$MEMSWEEP" --seconds "$WATCH_S" --scratch "$out" \
    --json "$out/watch.json"
# Parts 1-4 and 7 ran under the lock: the machine-wide steps of other tests (cache drops,
# compaction, memory pressure) would otherwise land in the middle of these measurements.
flock -u 9
exec 9>&-

# ---- 6 (build first, so that 5 can size the exe) ---------------------------------------------
windows_note=""
windows_build() {
    # The recipe of scripts/test.sh, for the CLI only.
    # shellcheck source=/dev/null
    source .ci/windows-toolchain.sh
    win_toolchain_install >&2 || return 1
    ( win_env; cargo build --locked --release -Zbuild-std=std,panic_abort \
        --target x86_64-pc-windows-gnu --target-dir target/windows -p memsweep ) >&2
}
say "Windows build"
t0=$SECONDS
# Built when missing, or when a source is newer than it (it would be measuring older code).
newest_src=""
[[ -f $exe ]] && newest_src=$(find crates Cargo.toml Cargo.lock -type f -newer "$exe" 2>/dev/null | head -1)
elapsed=$(($(date +%s) - t_start - lock_wait))   # the suite's own time so far
if [[ ! -f $exe || -n $newest_src ]]; then
    why=$([[ -f $exe ]] && echo "it was older than $newest_src" || echo "it did not exist")
fi
# An exe already there means the build directory holds its dependencies: only memsweep's own
# crates are rebuilt, about a minute, not the 2-3 minutes of a cold build.
allowance=$([[ -f $exe ]] && echo "$WINDOWS_REBUILD_ALLOWANCE_S" || echo "$WINDOWS_BUILD_ALLOWANCE_S")
if [[ -n ${why:-} ]] && ((elapsed + allowance > BUDGET_S)); then
    # A Windows build (toolchain, build-std: 2-3 minutes cold, about one to update) is not
    # started when it would push the suite past its budget.
    if [[ -f $exe ]]; then
        windows_note="**memsweep.exe was not rebuilt** ($why) because ${elapsed} s of the ${BUDGET_S} s budget were already used; its figures are for the older exe (built $(date -u -r "$exe" '+%F %T UTC'))."
    else
        windows_note="**memsweep.exe was not built** ($why) because ${elapsed} s of the ${BUDGET_S} s budget were already used."
    fi
    failed+=("Windows build (skipped: time budget)")
elif [[ -n ${why:-} ]]; then
    if windows_build; then
        windows_note="memsweep.exe was built by this run ($why), with the recipe of scripts/test.sh."
    elif [[ -f $exe ]]; then
        windows_note="**Rebuilding memsweep.exe failed** ($why); the figures are for the existing, older exe (built $(date -u -r "$exe" '+%F %T UTC'))."
        failed+=("Windows build")
    else
        windows_note="**The Windows build failed.**"
        failed+=("Windows build")
    fi
else
    windows_note="memsweep.exe was up to date (built $(date -u -r "$exe" '+%F %T UTC'), no source newer) and was not rebuilt."
fi
took[windows build]=$((SECONDS - t0))

# ---- 5: binary sizes -------------------------------------------------------------------------
part "binary size" "$out/50-sizes.md" "$H" sizes --linux "$MEMSWEEP" --windows "$root/$exe" --scratch "$out"

# ---- 6: the snapshot under Wine --------------------------------------------------------------
wine_bench() {
    if [[ ! -f $exe ]]; then
        printf '## 6. Windows build, under Wine\n\n%s\n\n**not measured: there is no memsweep.exe.**\n\n' "$windows_note"
        return 1
    fi
    command -v wine >/dev/null || { source .ci/windows-toolchain.sh; win_toolchain_install >&2 || return 1; }
    # shellcheck source=/dev/null
    source .ci/wine-prefix.sh
    wine_prefix_up "$bench/target/wine-prefix" >&2 || return 1
    x86_64-w64-mingw32-gcc -O2 -s -o "$bench/target/noop.exe" "$bench/wine/noop.c" >&2 || return 1
    local rc=0
    WINEDEBUG=-all hyperfine -N --warmup 3 --runs 30 --export-json "$out/wine.json" \
        "wine $bench/target/noop.exe" "wine $root/$exe status --json" >&2 || rc=$?
    WINEDEBUG=-all wine "$root/$exe" status --json </dev/null >"$out/wine-status.json" 2>/dev/null || rc=$?
    wine_prefix_down "$WINEPREFIX"
    rm -rf "$bench/target/wine-prefix"
    ((rc == 0)) || return "$rc"
    echo "## 6. Windows build, under Wine"
    echo
    echo "$windows_note"
    echo
    echo "These are **Wine 8 figures, not Windows ones**: \`memsweep.exe status --json\` as a whole process under $(WINEDEBUG=-all wine --version 2>/dev/null) (fresh prefix, WINEDEBUG=-all), where Wine's process start dominates. An in-process micro-benchmark under Wine (N snapshots timed inside the exe) is left for when memsweep has a hidden bench flag; the main crates are not edited by the benchmark."
    echo
    "$H" hyperfine-wine "$out/wine.json"
    echo "What the exe reported under Wine: $(jq -c '{os, total: .memory.total_bytes, available: .memory.available_bytes, free: .memory.free_bytes}' "$out/wine-status.json" 2>/dev/null || echo 'unreadable JSON')."
    echo
}
part "Windows under Wine" "$out/60-wine.md" wine_bench

# ---- 8: the control endpoint, last (after the Windows build, whose time budget it would
# otherwise eat into), under the lock again: its real cleans are machine-wide, and another
# test's cache drop or pressure would land in its timings and in the daemon's CPU ------------
say "waiting for $LOCK"
t0=$SECONDS
exec 9>"$LOCK"
flock 9
lock_wait=$((lock_wait + SECONDS - t0))
part "control endpoint" "$out/80-endpoint.md" "$H" endpoint --memsweep "$MEMSWEEP" --seconds "$WATCH_S" \
    --scratch "$out" --json "$out/endpoint.json"
flock -u 9
exec 9>&-

# ---- RESULTS.md ------------------------------------------------------------------------------
total=$(($(date +%s) - t_start))
{
    cat "$out/00-facts.md" "$out/10-cleaners.md" "$out/30-status.md" "$out/31-criterion.md" \
        "$out/40-watch.md" "$out/50-sizes.md" "$out/60-wine.md" "$out/70-lean.md" "$out/80-endpoint.md"
    echo "## Runtime"
    echo
    own=$((total - lock_wait))
    printf 'This run of `bash bench/run.sh` took **%d min %02d s** (target: under 10 min)' $((total / 60)) $((total % 60))
    if ((lock_wait > 0)); then
        printf ', of which %d s waiting for %s while other tests held it: %d min %02d s of its own' \
            "$lock_wait" "$LOCK" $((own / 60)) $((own % 60))
    fi
    printf '. By part:'
    for k in builds "clean vs balloon + foreground stall" "reading memory: whole process" \
        "reading memory: in process" "gentle reclaim vs cache drop" "daemon footprint" "windows build" \
        "binary size" "Windows under Wine" "control endpoint"; do
        printf ' %s %s s;' "$k" "${took[$k]:-?}"
    done
    echo
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (at the start: see the machine table; other work on this 2-core machine during the run shows up as noise)."
    if ((${#failed[@]})); then
        echo
        printf '**Failed steps:** %s.\n' "$(IFS=,; echo "${failed[*]}")"
    fi
    echo
    echo "Raw data of this run (not committed): bench/target/results/ (cleaners.json, status.json, criterion.log, lean.json, watch.json and the watches' logs, wine.json, endpoint.json and endpoint/ with the daemon's log)."
} >"$bench/RESULTS.md"
say "RESULTS.md written: $(wc -l <"$bench/RESULTS.md") lines; total ${total} s"
((${#failed[@]} == 0)) || { echo "failed: ${failed[*]}" >&2; exit 1; }
