//! What a clean cost afterwards: the daemon samples the counters that show data coming back
//! (bytes read from storage, major faults, refaults; Windows hard faults and the standby lists)
//! every poll, and for each clean in the history — its own and the CLI's — compares the window
//! after the clean with the rate before it, then records the difference as a cost line.

use std::collections::VecDeque;
use std::path::PathBuf;

use memsweep_core::history::{CleanCost, CostLine};
use memsweep_core::snapshot::Snapshot;

use crate::history_file::{self, HistoryWatch};

/// How much of the time before a clean sets its baseline rate.
pub const BASELINE_MS: u64 = 60_000;

/// The longest a clean is expected to take (a slow gentle reclaim); its baseline is still known.
const LONGEST_CLEAN_MS: u64 = 600_000;

/// One reading of the counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub at_ms: u64,
    pub read_bytes: Option<u64>,
    pub major_faults: Option<u64>,
    pub refault_bytes: Option<u64>,
    pub hard_faults: Option<u64>,
    pub standby_bytes: Option<u64>,
}

impl Counters {
    pub fn of(snapshot: &Snapshot) -> Counters {
        let linux = snapshot.linux.as_ref();
        let windows = snapshot.windows.as_ref();
        Counters {
            at_ms: snapshot.taken_at_ms,
            read_bytes: linux.and_then(|l| l.vmstat.pgpgin).map(|kib| kib.saturating_mul(1024)),
            major_faults: linux.and_then(|l| l.vmstat.pgmajfault),
            refault_bytes: linux
                .and_then(|l| Some(l.vmstat.workingset_refault_file?.saturating_mul(l.page_size_bytes))),
            hard_faults: windows.and_then(|w| w.hard_faults),
            standby_bytes: windows.and_then(|w| w.lists.value()).map(|l| l.standby_bytes()),
        }
    }
}

/// A clean whose cost is being measured.
#[derive(Clone, Debug, PartialEq)]
struct Measuring {
    clean_ms: u64,
    ended_ms: u64,
    /// Per-millisecond rates before the clean, and how long they were measured over.
    baseline: Option<(Rates, u64)>,
    /// The last reading before the clean started (the clean's own time counts: data re-read
    /// while a long clean still runs is its cost too), else the first after it ended.
    start: Option<Counters>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Rates {
    read: Option<f64>,
    major: Option<f64>,
    refault: Option<f64>,
    hard: Option<f64>,
}

fn per_ms(from: &Counters, to: &Counters, field: fn(&Counters) -> Option<u64>) -> Option<f64> {
    let elapsed = to.at_ms.checked_sub(from.at_ms).filter(|&e| e > 0)?;
    Some(field(to)?.saturating_sub(field(from)?) as f64 / elapsed as f64)
}

/// Growth from `from` to `to`, less what the baseline rate would have given anyway.
fn excess(from: &Counters, to: &Counters, field: fn(&Counters) -> Option<u64>, rate: Option<f64>) -> Option<u64> {
    let grown = field(to)?.saturating_sub(field(from)?) as f64;
    let expected = rate.unwrap_or(0.0) * to.at_ms.saturating_sub(from.at_ms) as f64;
    Some((grown - expected).max(0.0) as u64)
}

pub struct CostMeter {
    window_ms: u64,
    history: HistoryWatch,
    /// Readings of the last baseline period (and of any clean still being measured).
    readings: VecDeque<Counters>,
    measuring: Vec<Measuring>,
    /// The newest clean already taken in.
    seen_ms: u64,
}

impl CostMeter {
    /// Measures the cleans recorded in `history` from now on, each over `window_s` seconds.
    pub fn new(history: PathBuf, window_s: u64, now_ms: u64) -> CostMeter {
        let seen_ms = history_file::last_time_ms(&history).unwrap_or(0).max(now_ms.saturating_sub(1));
        CostMeter {
            window_ms: window_s.saturating_mul(1000),
            history: HistoryWatch::new(history),
            readings: VecDeque::new(),
            measuring: Vec::new(),
            seen_ms,
        }
    }

    /// Takes one reading. Returns the cost lines of the cleans whose window has passed, already
    /// appended to the history (or the error appending them).
    pub fn observe(&mut self, snapshot: &Snapshot) -> std::io::Result<Vec<CostLine>> {
        let now = Counters::of(snapshot);
        if self.history.poll() {
            self.take_new_cleans();
        }
        for measuring in &mut self.measuring {
            if measuring.start.is_none() && now.at_ms >= measuring.ended_ms {
                measuring.start = Some(now);
            }
        }
        self.readings.push_back(now);
        // A clean is seen in the history when it ends, up to a long clean's duration after it
        // started: keep the baseline period before that.
        let keep_from = now.at_ms.saturating_sub(BASELINE_MS + LONGEST_CLEAN_MS);
        while self.readings.front().is_some_and(|r| r.at_ms < keep_from) {
            self.readings.pop_front();
        }
        let mut done = Vec::new();
        let window_ms = self.window_ms;
        self.measuring.retain(|m| match m.start {
            Some(start) if now.at_ms >= m.ended_ms.saturating_add(window_ms) => {
                done.push(CostLine::new(m.clean_ms, cost(&start, &now, m.baseline)));
                false
            }
            _ => true,
        });
        for line in &done {
            history_file::append_cost(self.history.path(), line)?;
        }
        Ok(done)
    }

    /// Starts measuring every clean recorded since the last look.
    fn take_new_cleans(&mut self) {
        let Ok((entries, _)) = history_file::read(self.history.path()) else { return };
        let seen_ms = self.seen_ms;
        for entry in entries.iter().filter(|e| e.time_ms > seen_ms && !e.report.dry_run) {
            let ended_ms = entry.report.started_at_ms.saturating_add(entry.report.duration_us / 1000);
            let before: Vec<&Counters> = self
                .readings
                .iter()
                .filter(|r| r.at_ms <= entry.time_ms && r.at_ms + BASELINE_MS >= entry.time_ms)
                .collect();
            let baseline = match (before.first(), before.last()) {
                (Some(first), Some(last)) if last.at_ms > first.at_ms => Some((
                    Rates {
                        read: per_ms(first, last, |c| c.read_bytes),
                        major: per_ms(first, last, |c| c.major_faults),
                        refault: per_ms(first, last, |c| c.refault_bytes),
                        hard: per_ms(first, last, |c| c.hard_faults),
                    },
                    last.at_ms - first.at_ms,
                )),
                _ => None,
            };
            let start = before.last().map(|r| **r);
            self.measuring.push(Measuring { clean_ms: entry.time_ms, ended_ms, baseline, start });
            self.seen_ms = self.seen_ms.max(entry.time_ms);
        }
    }
}

fn cost(start: &Counters, end: &Counters, baseline: Option<(Rates, u64)>) -> CleanCost {
    let (rates, baseline_ms) = baseline.unwrap_or_default();
    CleanCost {
        window_s: end.at_ms.saturating_sub(start.at_ms).div_ceil(1000),
        baseline_s: baseline_ms / 1000,
        read_back_bytes: excess(start, end, |c| c.read_bytes, rates.read),
        major_faults: excess(start, end, |c| c.major_faults, rates.major),
        refault_bytes: excess(start, end, |c| c.refault_bytes, rates.refault),
        hard_faults: excess(start, end, |c| c.hard_faults, rates.hard),
        standby_refill_bytes: end.standby_bytes.zip(start.standby_bytes).map(|(e, s)| e.saturating_sub(s)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::history::HistoryEntry;
    use memsweep_core::report::{Report, Tally, SCHEMA};
    use memsweep_core::snapshot::{LinuxMemory, Meminfo, PhysicalMemory, VmStat};

    use super::*;

    const MIB: u64 = 1 << 20;

    /// A reading at `at_ms` with `read_mib` MiB read from storage since boot.
    fn snapshot(at_ms: u64, read_mib: u64) -> Snapshot {
        Snapshot {
            schema: memsweep_core::snapshot::SCHEMA,
            os: "linux",
            taken_at_ms: at_ms,
            memory: PhysicalMemory {
                total_bytes: 1 << 34,
                available_bytes: 1 << 33,
                free_bytes: Some(1 << 32),
                file_cache_bytes: 0,
                droppable_cache_bytes: Some(0),
            },
            swap: None,
            linux: Some(LinuxMemory {
                page_size_bytes: 4096,
                meminfo: Meminfo::default(),
                vmstat: VmStat {
                    pgpgin: Some(read_mib * 1024),
                    pgmajfault: Some(0),
                    workingset_refault_file: Some(0),
                    ..VmStat::default()
                },
                pressure: None,
                zones: Vec::new(),
                extfrag_threshold: None,
            }),
            windows: None,
        }
    }

    fn record_clean(path: &std::path::Path, at_ms: u64) {
        let report = Report {
            schema: SCHEMA.into(),
            os: "linux".into(),
            dry_run: false,
            started_at_ms: at_ms,
            duration_us: 500_000,
            areas: Vec::new(),
            totals: Vec::new(),
            tally: Tally::default(),
            cancelled: false,
        };
        history_file::append(path, &HistoryEntry::new("manual", report)).unwrap();
    }

    #[test]
    fn a_clean_costs_what_came_back_beyond_the_rate_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        let mut meter = CostMeter::new(history.clone(), 10, 0);
        // 1 MiB/s read from storage before the clean: the baseline
        for second in 0..=20 {
            assert!(meter.observe(&snapshot(second * 1000, second)).unwrap().is_empty());
        }
        record_clean(&history, 20_500); // ends at 21 000
                                        // after it, 101 MiB/s for 10 s: 100 MiB/s of it is the clean's cost
        let mut lines = Vec::new();
        for second in 21..=32 {
            lines.extend(meter.observe(&snapshot(second * 1000, 20 + (second - 20) * 101)).unwrap());
        }
        assert_eq!(lines.len(), 1, "one cost line, once the window has passed");
        let cost = &lines[0].cost;
        assert_eq!(lines[0].clean_ms, 20_500);
        // from the last reading before the clean (20 s) to the first 10 s after its end (31 s)
        assert_eq!((cost.window_s, cost.baseline_s), (11, 20));
        assert_eq!(cost.read_back_bytes, Some(1100 * MIB));
        // and it is in the history, joined to its clean
        let (entries, _) = history_file::read(&history).unwrap();
        assert_eq!(entries[0].cost.as_ref().unwrap().read_back_bytes, Some(1100 * MIB));
    }

    #[test]
    fn cleans_before_the_meter_started_are_not_measured() {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        record_clean(&history, 1_000);
        let mut meter = CostMeter::new(history, 1, 5_000);
        for second in 5..30 {
            assert!(meter.observe(&snapshot(second * 1000, second)).unwrap().is_empty());
        }
    }
}
