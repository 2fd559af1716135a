//! Parts 1 and 2: `memsweep clean` against the balloon, each from the same full page cache, with
//! the stall probe running beside each cleaner. Machine-wide: the caller holds
//! /tmp/memsweep-machine-tests.lock.

mod measure;
mod render;

pub use measure::measure;
pub use render::render;

use memsweep_bench::reports::{BalloonReport, StallReport};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CleanersResults {
    /// The size of the fill file whose pages each trial starts with in the page cache.
    pub file_bytes: u64,
    pub pairs: u64,
    /// Seconds writing the fill file took; None when a file of the right size was kept from an
    /// earlier run (BENCH_KEEP_FILE=1).
    pub file_written_s: Option<f64>,
    /// The probe alone for 2 s after a cache fill: what a round costs with no cleaner running.
    pub idle_probe: StallReport,
    /// In run order: memsweep, balloon, memsweep, balloon, …
    pub trials: Vec<Trial>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cleaner {
    Memsweep,
    Balloon,
}

impl Cleaner {
    pub fn name(self) -> &'static str {
        match self {
            Cleaner::Memsweep => "memsweep",
            Cleaner::Balloon => "balloon",
        }
    }
}

/// One cleaner's run from a full page cache. Durations in µs, sizes in bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trial {
    pub cleaner: Cleaner,
    pub exit: i32,
    /// Spawn to wait4.
    pub wall_us: f64,
    /// The cleaner process's own, from wait4's rusage.
    pub user_us: f64,
    pub sys_us: f64,
    pub cpu_us: f64,
    /// Seconds reading the fill file back into the cache before the trial.
    pub fill_read_s: f64,
    /// Page cache: Cached + Buffers − Shmem, right after /proc/sys/vm/stat_refresh.
    pub cache_before_bytes: u64,
    pub cache_after_bytes: u64,
    /// Before − after (negative if the cache grew).
    pub cache_freed_bytes: i64,
    pub available_before_bytes: u64,
    pub available_after_bytes: u64,
    pub free_after_bytes: u64,
    /// Delta of `oom_kill` in /proc/vmstat.
    pub oom_kills: u64,
    /// Share of the fill file's pages in the page cache (mincore), 0..=1.
    pub file_resident_before: f64,
    pub file_resident_after: f64,
    /// The stall probe over the cleaner's run.
    pub stall: StallReport,
    /// What the cleaner printed on stdout; None when it printed no JSON.
    pub own_report: Option<OwnReport>,
}

impl Trial {
    pub fn memsweep_report(&self) -> Option<&CleanReport> {
        match &self.own_report {
            Some(OwnReport::Memsweep(r)) => Some(r),
            _ => None,
        }
    }

    pub fn balloon_report(&self) -> Option<&BalloonReport> {
        match &self.own_report {
            Some(OwnReport::Balloon(r)) => Some(r),
            _ => None,
        }
    }
}

/// A cleaner's own report, told apart by its shape (only memsweep's has `areas`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OwnReport {
    Memsweep(CleanReport),
    Balloon(BalloonReport),
    /// JSON of neither shape, kept as it was.
    Unrecognised(Value),
}

/// `memsweep clean --json` (schema `memsweep.clean/1`, docs/json.md): the figures the harness
/// reads, every other field kept as it is in `rest`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CleanReport {
    /// Measure–clean–measure inside the process.
    pub duration_us: u64,
    pub areas: Vec<AreaReport>,
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaReport {
    pub id: String,
    pub duration_us: u64,
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_reports_are_told_apart_and_kept_whole() {
        let memsweep = r#"{"schema":"memsweep.clean/1","os":"linux","duration_us":361600,
            "areas":[{"id":"dirty","outcome":"done","duration_us":16000,"changes":[]}],"tally":{"done":1}}"#;
        let report: OwnReport = serde_json::from_str(memsweep).unwrap();
        let OwnReport::Memsweep(clean) = &report else { panic!("not memsweep's: {report:?}") };
        assert_eq!(
            (clean.duration_us, clean.areas[0].id.as_str(), clean.areas[0].duration_us),
            (361600, "dirty", 16000)
        );
        // Written back, it carries every field it came with.
        let again: Value = serde_json::to_value(&report).unwrap();
        assert_eq!(again, serde_json::from_str::<Value>(memsweep).unwrap());

        let balloon = serde_json::to_string(&BalloonReport { floor_bytes: 7, ..Default::default() }).unwrap();
        assert!(matches!(serde_json::from_str(&balloon).unwrap(), OwnReport::Balloon(b) if b.floor_bytes == 7));
        assert!(matches!(serde_json::from_str(r#"{"other":1}"#).unwrap(), OwnReport::Unrecognised(_)));
    }
}
