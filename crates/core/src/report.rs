//! What a clean did, area by area. The JSON form is the documented `clean` schema (docs/json.md)
//! and one history line per clean (later issues): add fields, never rename them.

use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "memsweep.clean/2";

/// Version 1 named the file cache `cache_bytes` (on Windows it held the standby lists).
const SCHEMA_1: &str = "memsweep.clean/1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Bytes,
    /// Thousandths (fragmentation indices).
    Permille,
    /// A plain count (pages combined, processes).
    Count,
}

/// One figure before and after. `None` means it could not be read (never a made-up zero).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub metric: String,
    pub unit: Unit,
    pub before: Option<i64>,
    pub after: Option<i64>,
}

impl Change {
    pub fn new(metric: impl Into<String>, unit: Unit, before: Option<i64>, after: Option<i64>) -> Self {
        Change { metric: metric.into(), unit, before, after }
    }

    /// after - before, when both are known.
    pub fn delta(&self) -> Option<i64> {
        Some(self.after? - self.before?)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The area ran.
    Done,
    /// Not run, by choice (nothing to do, no process selected, cancelled).
    Skipped,
    /// Not available on this OS version or kernel.
    Unsupported,
    /// It ran and the OS refused or failed.
    Failed,
    /// `--dry-run`: would run.
    Planned,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Skipped => "skipped",
            Outcome::Unsupported => "unsupported",
            Outcome::Failed => "failed",
            Outcome::Planned => "planned",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaReport {
    pub id: String,
    pub outcome: Outcome,
    /// Why it was skipped / unsupported / failed.
    pub reason: Option<String>,
    pub duration_us: u64,
    /// Figures measured before and after this area alone.
    pub changes: Vec<Change>,
    /// Plain facts worth a line: "reclaimed less than asked", "skipped pid 42: ...".
    pub notes: Vec<String>,
    /// `--dry-run` only: the most this area could free, in bytes, where that can be told.
    pub estimate_bytes: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub done: u32,
    pub skipped: u32,
    pub unsupported: u32,
    pub failed: u32,
    /// `--dry-run`: areas that would run.
    pub planned: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub os: String,
    pub dry_run: bool,
    /// Milliseconds since the Unix epoch.
    pub started_at_ms: u64,
    pub duration_us: u64,
    pub areas: Vec<AreaReport>,
    /// First measurement of the clean against the last one.
    pub totals: Vec<Change>,
    pub tally: Tally,
    /// Set when a stop was requested (Ctrl-C, SIGTERM) and the remaining areas were skipped.
    pub cancelled: bool,
}

impl Report {
    /// One of the totals, by metric key. Reports of version 1 (old history lines) answer for
    /// `file_cache_bytes` with their `cache_bytes`.
    pub fn total(&self, metric: &str) -> Option<&Change> {
        let find = |key: &str| self.totals.iter().find(|c| c.metric == key);
        match find(metric) {
            None if self.schema == SCHEMA_1 && metric == "file_cache_bytes" => find("cache_bytes"),
            found => found,
        }
    }

    /// What the clean gave back to "free": the free-memory delta where known, else what left the
    /// cache. Never negative. Used for backoff, not shown as a headline figure.
    pub fn freed_bytes(&self) -> u64 {
        let delta = |metric: &str| self.total(metric).and_then(Change::delta);
        match (delta("free_bytes"), delta("file_cache_bytes")) {
            (Some(free), _) => free.max(0) as u64,
            (None, Some(cache)) => (-cache).max(0) as u64,
            (None, None) => 0,
        }
    }

    pub fn area(&self, id: &str) -> Option<&AreaReport> {
        self.areas.iter().find(|a| a.id == id)
    }
}
