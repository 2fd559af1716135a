//! The one trait every OS backend implements.

use std::fmt;

use crate::area::{Area, AreaStatus};
use crate::process::ProcessInfo;
use crate::report::Change;
use crate::snapshot::Snapshot;

/// Why a snapshot or process listing could not be taken. Names the file or call at fault.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("cannot understand {path}: {detail}")]
    Parse { path: String, detail: String },
    #[error("{call} failed: {detail}")]
    Os { call: &'static str, detail: String },
    #[error("{0}")]
    Unsupported(String),
}

/// What this process lacks to clean: every front end words it in the user's language by
/// variant (the English text here is for logs and tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NeedPrivilege {
    /// Linux: cleaning writes root-only kernel files.
    #[error("cleaning needs root: run it with sudo (status and areas work without)")]
    Root,
    /// Windows: the process is not elevated. (The named privileges an elevated token may still
    /// lack are reported per area, since only some areas need each.)
    #[error("cleaning needs Administrator: run memsweep from an elevated prompt (Run as administrator)")]
    Administrator,
}

/// Why this build of memsweep refuses to run here at all (before anything else is looked at).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unrunnable {
    /// A 32-bit memsweep on 64-bit Windows: the native structures are pinned for 64-bit
    /// processes only, and the memory-list and page-combining calls are not reliable through
    /// WoW64.
    #[error(
        "this is a 32-bit memsweep on 64-bit Windows: memory lists and page combining are not reliable \
         through WoW64; use the 64-bit memsweep.exe"
    )]
    Wow64,
}

/// How much proactive reclaim should take.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReclaimAmount {
    Bytes(u64),
    /// Percent of physical memory.
    Percent(f64),
}

impl ReclaimAmount {
    pub fn to_bytes(self, total_bytes: u64) -> u64 {
        match self {
            ReclaimAmount::Bytes(b) => b,
            ReclaimAmount::Percent(p) => (total_bytes as f64 * p / 100.0) as u64,
        }
    }
}

impl Default for ReclaimAmount {
    fn default() -> Self {
        ReclaimAmount::Percent(10.0)
    }
}

impl fmt::Display for ReclaimAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReclaimAmount::Bytes(b) => write!(f, "{}", crate::units::format_bytes(*b)),
            ReclaimAmount::Percent(p) => write!(f, "{p}% of memory"),
        }
    }
}

impl std::str::FromStr for ReclaimAmount {
    type Err = String;

    /// "512M", "2G", "1048576", "10%".
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(p) = s.strip_suffix('%') {
            let p: f64 = p.trim().parse().map_err(|_| format!("'{s}' is not a percentage"))?;
            if !(p > 0.0 && p <= 100.0) {
                return Err(format!("'{s}': a percentage must be above 0 and at most 100"));
            }
            return Ok(ReclaimAmount::Percent(p));
        }
        crate::units::parse_bytes(s).map(ReclaimAmount::Bytes)
    }
}

/// Gentle reclaim (`clean reclaim --gentle`, the keep-lean rule): reclaim in small steps and
/// stop at the first sign that what was taken is wanted back. The kernel's LRU already takes
/// the coldest pages first; what no tool knows is how much to take, so each step is followed by
/// a short wait in which refaults and memory pressure are measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GentleReclaim {
    /// Stop when PSI memory `some`, measured over a step's wait, rises above this percent.
    pub target_percent: f64,
    /// Each step's size.
    pub step: ReclaimAmount,
    /// The most to take in all (`None`: all that is cold).
    pub max: Option<ReclaimAmount>,
    /// Never take the file cache below this.
    pub floor: ReclaimAmount,
}

impl GentleReclaim {
    /// Meta's senpai keeps memory pressure around 0.1%: a millisecond of stall per second, the
    /// edge of what nobody notices. Above it, something waited for memory we took.
    pub const DEFAULT_TARGET_PERCENT: f64 = 0.1;
}

impl Default for GentleReclaim {
    fn default() -> Self {
        GentleReclaim {
            target_percent: Self::DEFAULT_TARGET_PERCENT,
            // senpai probes with about 1% of memory per step
            step: ReclaimAmount::Percent(1.0),
            max: None,
            floor: ReclaimAmount::Percent(5.0),
        }
    }
}

/// Everything an area may need besides its id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CleanRequest {
    /// Processes chosen for per-process areas (already resolved and filtered by the core).
    pub targets: Vec<ProcessInfo>,
    /// The targets are every process but the excluded ones (`--all-processes`): the report
    /// sums them up instead of listing each.
    pub all_processes: bool,
    /// `[clean] exclude` and `--exclude`: processes a machine-wide trim must keep (names or
    /// full paths, see [`crate::process::is_excluded`]). Windows' `working-sets` then trims
    /// every other process one by one instead of all working sets at once.
    pub exclude: Vec<String>,
    /// Per-process: only mark pages cold (Linux MADV_COLD) instead of paging them out.
    /// Reclaim: reclaim in small steps as `gentle_reclaim` says, instead of one amount.
    pub gentle: bool,
    pub reclaim: ReclaimAmount,
    pub gentle_reclaim: GentleReclaim,
}

/// What an area did, beyond the snapshot figures the executor measures itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaEffect {
    pub changes: Vec<Change>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error("unsupported: {0}")]
    Unsupported(String),
    #[error("skipped: {0}")]
    Skipped(String),
    #[error("failed: {0}")]
    Failed(String),
}

/// One operating system's way of looking at and cleaning memory.
pub trait Backend {
    /// "linux" or "windows".
    fn os(&self) -> &'static str;

    fn snapshot(&self) -> Result<Snapshot, BackendError>;

    /// Every area of this OS, in the backend's order within a stage, with support probed now.
    fn areas(&self) -> Vec<AreaStatus>;

    /// What this process lacks to clean, if anything. Checked before anything runs.
    fn check_privilege(&self) -> Result<(), NeedPrivilege>;

    /// Fold per-CPU counters into the totals before a measurement (Linux stat_refresh).
    fn settle_counters(&self) {}

    /// Running processes (pid, name, resident size) for per-process areas and views.
    fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError>;

    /// The full path of a process's executable, for exclusions by path; `None` where it cannot
    /// be read.
    fn process_path(&self, _pid: u32) -> Option<String> {
        None
    }

    /// Run one area. The executor has already checked privilege and support.
    fn clean(&self, area: &Area, request: &CleanRequest) -> Result<AreaEffect, AreaError>;

    /// Only what the rules look at, as cheaply as the OS allows (a daemon asks every poll).
    fn observe(&self) -> Result<crate::rules::Observation, BackendError> {
        Ok(crate::rules::Observation::of(&self.snapshot()?))
    }

    /// Who owns a process (Linux: the uid; Windows: the user's SID), for an endpoint that lets a
    /// caller trim only processes of its own; `None` when it cannot be told.
    fn process_owner(&self, _pid: u32) -> Option<String> {
        None
    }

    /// Calls `wake`, from a thread of its own, each time tasks stall on memory for `stall`
    /// within `window` (Linux PSI triggers), so a daemon can sleep instead of polling. `false`
    /// where the OS offers no such notification: the caller keeps polling.
    fn on_pressure(
        &self,
        _stall: std::time::Duration,
        _window: std::time::Duration,
        _wake: Box<dyn Fn() + Send>,
    ) -> bool {
        false
    }
}
