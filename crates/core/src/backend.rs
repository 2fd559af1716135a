//! The one trait every OS backend implements.

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

pub use crate::gentle::GentleReclaim;
pub use crate::units::ReclaimAmount;

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
    fn observe(&self) -> Result<crate::snapshot::Observation, BackendError> {
        Ok(crate::snapshot::Observation::of(&self.snapshot()?))
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
