#!/usr/bin/env bash
# Soak: `memsweep watch` for MINUTES (default 30) while a workload churns the page cache across
# its rules' thresholds. Reports RSS and open descriptors at start and end, every clean in the
# history, and the shortest gap between cleans (it must never be below min_gap_seconds).
# Needs root. Holds the machine-test lock for its whole run. Writes docs/soak-results.md.
#
#   sudo bash scripts/soak.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
minutes="${1:-30}"
gap=60
cargo build --release -p memsweep -q
bin="$root/target/release/memsweep"
work=$(mktemp -d /var/tmp/memsweep-soak.XXXXXX)
trap 'rm -rf "$work"' EXIT

exec 9>/tmp/memsweep-machine-tests.lock
flock 9

"$bin" clean page-cache >/dev/null
base_mib=$(( $("$bin" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["linux"]["droppable_bytes"])') >> 20 ))
threshold=$(( base_mib + 1024 ))
cat > "$work/memsweep.toml" <<TOML
[watch]
poll_interval_ms = 1000
min_gap_seconds = $gap

[history]
path = "$work/history.jsonl"

[[rules]]
kind = "cache-pressure"
cache_mib = $threshold
free_below_mib = 100000000

[[rules]]
kind = "usage"
percent = 95
TOML
chmod 600 "$work/memsweep.toml"

for i in 1 2 3 4; do
    dd if=/dev/urandom of="$work/churn$i.bin" bs=16M count=32 status=none
done
sync

"$bin" --config "$work/memsweep.toml" watch 2>"$work/watch.log" &
watch_pid=$!
sleep 2
( while true; do for i in 1 2 3 4; do cat "$work/churn$i.bin" >/dev/null; done; sleep 5; done ) &
churn_pid=$!

sample() {
    local rss fds
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$watch_pid/status")
    fds=$(ls "/proc/$watch_pid/fd" | wc -l)
    echo "$1 $rss $fds $(wc -l < "$work/history.jsonl" 2>/dev/null || echo 0)"
}
echo "# seconds rss_kib fds cleans" > "$work/samples"
start=$(date +%s)
sample 0 >> "$work/samples"
while [ $(( $(date +%s) - start )) -lt $(( minutes * 60 )) ]; do
    sleep 10
    sample $(( $(date +%s) - start )) >> "$work/samples"
done
kill "$churn_pid"; wait "$churn_pid" 2>/dev/null || true
kill -TERM "$watch_pid"; set +e; wait "$watch_pid"; watch_exit=$?; set -e

python3 - "$work" "$minutes" "$gap" "$watch_exit" "$threshold" > docs/soak-results.md <<'PY'
import json, sys, datetime, platform
work, minutes, gap, code, threshold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rows = [l.split() for l in open(f"{work}/samples") if not l.startswith("#")]
entries = [json.loads(l) for l in open(f"{work}/history.jsonl")] if rows else []
times = [e["time_ms"] for e in entries]
gaps = [(b - a) / 1000 for a, b in zip(times, times[1:])]
print(f"# Soak of `memsweep watch` — {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC\n")
print(f"Machine: {platform.node()}, kernel {platform.release()}. Run: `sudo bash scripts/soak.sh {minutes}`.\n")
print(f"Workload: 2 GiB of files re-read every ~5 s (the cache refills after every drop); rule: cache-pressure at {threshold} MiB of droppable cache; poll 1 s; min gap {gap} s.\n")
print("| figure | start | end | worst |\n|---|---|---|---|")
rss = [int(r[1]) for r in rows]; fds = [int(r[2]) for r in rows]
print(f"| RSS (KiB) | {rss[0]} | {rss[-1]} | {max(rss)} |")
print(f"| open descriptors | {fds[0]} | {fds[-1]} | {max(fds)} |")
print(f"\nCleans in the history: {len(entries)} over {minutes} min; shortest gap {min(gaps) if gaps else 'n/a'} s "
      f"(min gap {gap} s; gaps below it: {sum(g < gap for g in gaps)}). Exit code on SIGTERM: {code}.\n")
print("Every clean: " + ", ".join(f"{e['trigger'][:14]}… {e['report']['tally']['done']} done" for e in entries[:3]) + (" …" if len(entries) > 3 else ""))
PY
cat docs/soak-results.md
