//! memsweep's exit codes, the same on every OS and documented in the README.

use crate::report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything asked for was done (unsupported areas are not failures).
    Ok = 0,
    /// An unexpected error (unreadable /proc file, internal fault).
    Error = 1,
    /// Bad command line: unknown area, missing process, conflicting flags.
    Usage = 2,
    /// Some areas failed, others were done.
    SomeFailed = 3,
    /// Nothing could be done: no area ran.
    NothingDone = 4,
    /// `memsweep advise`: memory is short and there is cold cache to clean.
    AdviseClean = 10,
    /// `memsweep advise`: huge pages fail for fragmentation; compact.
    AdviseCompact = 11,
    /// `memsweep advise`: memory is short but the cache is being read back; keep it.
    AdviseKeepCache = 12,
    /// This build cannot run on this system at all (a 32-bit memsweep on 64-bit Windows)
    /// (EX_UNAVAILABLE).
    Unsupported = 69,
    /// Another clean holds the lock.
    Busy = 75,
    /// Cleaning needs root / Administrator (EX_NOPERM).
    NoPermission = 77,
    /// The config file is broken (EX_CONFIG).
    Config = 78,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The status a finished clean ends with.
    pub fn of_report(report: &Report) -> ExitStatus {
        let tally = &report.tally;
        if report.dry_run {
            ExitStatus::Ok
        } else if tally.done == 0 {
            ExitStatus::NothingDone
        } else if tally.failed > 0 {
            ExitStatus::SomeFailed
        } else {
            ExitStatus::Ok
        }
    }
}
