//! What every memsweep front end (the CLI, the terminal view, the tray, the daemon) shares beyond
//! the core: the [`Session`] (config, areas, history, language), the automatic-cleaning engine
//! ([`AutoCleaner`]), typed failures worded at the edge, the config and history files, the
//! machine-wide locks, and the clean procedure (lock, run, record).

pub mod auto;
pub mod autostart;
pub mod config_edit;
pub mod config_file;
pub mod control;
pub mod cost;
pub mod failure;
pub mod file_security;
pub mod history_file;
pub mod lock;
pub mod session;
#[cfg(windows)]
pub mod token;

use std::path::Path;
use std::time::Duration;

use memsweep_core::history::{HistoryEntry, Requester};
use memsweep_core::{execute, Backend, CleanRequest, Plan, Report, RunError, RunOptions};

pub use auto::{AutoCleaner, AutoJob, Tick};
pub use failure::{Failure, Reason};
pub use session::{Session, SessionOptions, SharedBackend};

/// Windows: from here on, DLLs this process loads at run time come from System32 only, never
/// from the current directory or the executable's folder. An elevated cleaner started from a
/// Downloads folder is a classic DLL-hijack target. (Imports resolved at start-up are system
/// DLLs the loader finds first; mingw has no /DEPENDENTLOADFLAG to harden those too.) Returns
/// whether Windows accepted it; elsewhere there is nothing to do.
pub fn harden_dll_search() -> bool {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::LibraryLoader::{SetDefaultDllDirectories, LOAD_LIBRARY_SEARCH_SYSTEM32};
        // SAFETY: takes a flag value only; affects later LoadLibrary calls of this process.
        unsafe { SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32) != 0 }
    }
    #[cfg(not(windows))]
    {
        true
    }
}

/// How long a clean waits for another one (manual or the daemon's) to finish.
pub const CLEAN_LOCK_WAIT: Duration = Duration::from_secs(60);

/// Runs a plan under the clean lock and appends it to the history. A history that cannot be
/// written costs one warning (returned in the second field), never the clean.
/// Where a clean comes from, as the history records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// "manual", "top", "tray", or the rule that fired.
    pub trigger: String,
    /// The endpoint's caller it was run for.
    pub requested_by: Option<Requester>,
}

impl Origin {
    pub fn new(trigger: impl Into<String>) -> Origin {
        Origin { trigger: trigger.into(), requested_by: None }
    }
}

pub fn perform(
    backend: &dyn Backend,
    plan: &Plan,
    request: &CleanRequest,
    options: RunOptions<'_>,
    origin: &Origin,
    history: &Path,
) -> Result<(Report, Option<String>), Failure> {
    if !options.dry_run {
        // Before the lock: an unprivileged run must say "needs root", not fail on the lock file.
        backend.check_privilege()?;
    }
    let _lock = if options.dry_run { None } else { Some(lock::clean(CLEAN_LOCK_WAIT)?) };
    let report = execute(backend, plan, request, options, &mut |_| {}).map_err(|e| match e {
        RunError::NoPermission(need) => Failure::from(need),
    })?;
    let mut warning = None;
    if !options.dry_run {
        let entry = HistoryEntry {
            requested_by: origin.requested_by.clone(),
            ..HistoryEntry::new(&origin.trigger, report.clone())
        };
        if let Err(e) = history_file::append(history, &entry) {
            warning = Some(format!("the clean was not recorded in {}: {e}", history.display()));
        }
    }
    Ok((report, warning))
}

#[cfg(all(test, windows))]
mod tests {
    #[test]
    fn dll_search_is_hardened() {
        // Under Wine (scripts/test.sh runs this crate's tests there) this is the real call.
        assert!(super::harden_dll_search());
    }
}
