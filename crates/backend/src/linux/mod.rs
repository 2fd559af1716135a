//! The Linux backend: /proc and /sys for looking, sync, drop_caches, node reclaim, compaction and
//! process_madvise for cleaning.

mod areas;
mod clean;
mod pressure;
mod process;
mod procfiles;

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::time::Duration;

use memsweep_core::snapshot::{LinuxMemory, PhysicalMemory, Swap, SCHEMA};
use memsweep_core::{
    Area, AreaEffect, AreaError, AreaStatus, Backend, BackendError, CleanRequest, NeedPrivilege, ProcessInfo, Snapshot,
    Support,
};

use crate::procfs;
use areas::Op;
use memsweep_core::rules::Observation;
use memsweep_core::AreaOp;
use procfiles::{Proc, ProcFiles};

pub use areas::ALL as AREAS;
pub use process::{read_rss, Pageout};

/// Kernel files, in one place. Fixed paths on purpose: nothing (no environment variable) can
/// point a root process at other files.
pub(crate) mod paths {
    pub const MEMINFO: &str = "/proc/meminfo";
    pub const VMSTAT: &str = "/proc/vmstat";
    pub const PRESSURE: &str = "/proc/pressure/memory";
    pub const BUDDYINFO: &str = "/proc/buddyinfo";
    pub const EXTFRAG_THRESHOLD: &str = "/proc/sys/vm/extfrag_threshold";
    pub const DROP_CACHES: &str = "/proc/sys/vm/drop_caches";
    pub const COMPACT_MEMORY: &str = "/proc/sys/vm/compact_memory";
    pub const STAT_REFRESH: &str = "/proc/sys/vm/stat_refresh";
    pub const NODES: &str = "/sys/devices/system/node";
    pub const MOUNTINFO: &str = "/proc/self/mountinfo";
}

#[derive(Default)]
pub struct LinuxBackend {
    /// Kept open between snapshots (a daemon takes one every poll).
    files: std::sync::Mutex<ProcFiles>,
}

impl LinuxBackend {
    pub fn new() -> LinuxBackend {
        LinuxBackend::default()
    }

    fn files(&self) -> std::sync::MutexGuard<'_, ProcFiles> {
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub(crate) fn read(path: &str) -> Result<String, BackendError> {
    fs::read_to_string(path).map_err(|source| BackendError::Read { path: path.into(), source })
}

fn parse_error(path: &str, detail: String) -> BackendError {
    BackendError::Parse { path: path.into(), detail }
}

/// Writes a control file the way `echo value > file` does, in one write(2).
pub(crate) fn write_control(path: impl AsRef<Path>, value: &str) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(value.as_bytes())
}

pub(crate) fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// The kernel's extfrag_threshold, read once per process: it is a boot-time tunable that
/// rarely changes, and the snapshot is taken every poll.
fn extfrag_threshold() -> Option<u32> {
    static THRESHOLD: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *THRESHOLD.get_or_init(|| fs::read_to_string(paths::EXTFRAG_THRESHOLD).ok().and_then(|t| t.trim().parse().ok()))
}

/// Takes a snapshot from the real kernel files.
pub fn read_snapshot() -> Result<Snapshot, BackendError> {
    snapshot_from(&mut ProcFiles::default())
}

fn meminfo_from(files: &mut ProcFiles) -> Result<memsweep_core::snapshot::Meminfo, BackendError> {
    procfs::parse_meminfo(files.read(Proc::Meminfo)?).map_err(|e| parse_error(paths::MEMINFO, e))
}

/// No PSI (kernel without CONFIG_PSI, or booted with psi=0, which makes the read fail with
/// EOPNOTSUPP) is reported as absent, never as zero pressure.
fn pressure_from(files: &mut ProcFiles) -> Result<Option<memsweep_core::snapshot::Pressure>, BackendError> {
    files
        .read_optional(Proc::Pressure)
        .map(|text| procfs::parse_pressure(text).map_err(|e| parse_error(paths::PRESSURE, e)))
        .transpose()
}

/// The figures every OS has, from /proc/meminfo.
fn physical_memory(meminfo: &memsweep_core::snapshot::Meminfo) -> PhysicalMemory {
    PhysicalMemory {
        total_bytes: meminfo.total,
        available_bytes: meminfo.available,
        free_bytes: Some(meminfo.free),
        file_cache_bytes: meminfo.file_cache(),
        droppable_cache_bytes: Some(meminfo.droppable()),
    }
}

fn snapshot_from(files: &mut ProcFiles) -> Result<Snapshot, BackendError> {
    let meminfo = meminfo_from(files)?;
    let vmstat = procfs::parse_vmstat(files.read(Proc::Vmstat)?);
    let pressure = pressure_from(files)?;
    let zones = procfs::parse_buddyinfo(files.read(Proc::Buddyinfo)?).map_err(|e| parse_error(paths::BUDDYINFO, e))?;
    let swap =
        (meminfo.swap_total > 0).then_some(Swap { total_bytes: meminfo.swap_total, free_bytes: meminfo.swap_free });
    Ok(Snapshot {
        schema: SCHEMA,
        os: "linux",
        taken_at_ms: memsweep_core::run::now_ms(),
        memory: physical_memory(&meminfo),
        swap,
        linux: Some(LinuxMemory {
            page_size_bytes: rustix::param::page_size() as u64,
            meminfo,
            vmstat,
            pressure,
            zones,
            extfrag_threshold: extfrag_threshold(),
        }),
        windows: None,
    })
}

fn probe(op: Op) -> Support {
    let unless = |present: bool, why: &str| if present { Support::Supported } else { Support::Unsupported(why.into()) };
    let dropping = || unless(Path::new(paths::DROP_CACHES).exists(), &format!("{} is missing", paths::DROP_CACHES));
    match op {
        Op::Sync => Support::Supported,
        Op::DropPageCache | Op::DropSlab => dropping(),
        Op::Compact => {
            unless(Path::new(paths::COMPACT_MEMORY).exists(), "this kernel has no compaction (CONFIG_COMPACTION off)")
        }
        Op::Reclaim => match clean::reclaim_targets() {
            Ok(_) => Support::Supported,
            Err(why) => Support::Unsupported(why),
        },
        Op::PageOutProcesses => {
            unless(process::process_madvise_exists(), "this kernel has no process_madvise (needs Linux 5.10+)")
        }
    }
}

fn not_ours(area: &Area) -> String {
    format!("'{}' is not a Linux area", area.id)
}

impl Backend for LinuxBackend {
    fn os(&self) -> &'static str {
        "linux"
    }

    fn snapshot(&self) -> Result<Snapshot, BackendError> {
        snapshot_from(&mut self.files())
    }

    /// Only what the rules look at: /proc/meminfo and /proc/pressure/memory (the daemon's
    /// every poll; vmstat alone costs the kernel three times meminfo to generate).
    fn observe(&self) -> Result<Observation, BackendError> {
        let mut files = self.files();
        let meminfo = meminfo_from(&mut files)?;
        let pressure = pressure_from(&mut files)?;
        Ok(Observation::new(&physical_memory(&meminfo), pressure.map(|p| p.some.avg10), Some(meminfo.inactive_file)))
    }

    fn areas(&self) -> Vec<AreaStatus> {
        areas::ALL
            .iter()
            .map(|&area| AreaStatus {
                area: area.clone(),
                support: Op::of(area).map_or_else(|| Support::Unsupported(not_ours(area)), probe),
            })
            .collect()
    }

    fn check_privilege(&self) -> Result<(), NeedPrivilege> {
        if is_root() {
            Ok(())
        } else {
            Err(NeedPrivilege::Root)
        }
    }

    fn settle_counters(&self) {
        // Folds the per-CPU counter deltas into /proc/meminfo and /proc/vmstat so a before/after
        // pair measures the clean, not counter drift. Root only; a failure just leaves drift.
        if is_root() {
            let _ = write_control(paths::STAT_REFRESH, "1");
        }
    }

    fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
        process::list()
    }

    fn process_owner(&self, pid: u32) -> Option<String> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(format!("/proc/{pid}")).ok().map(|m| m.uid().to_string())
    }

    fn on_pressure(&self, stall: Duration, window: Duration, wake: Box<dyn Fn() + Send>) -> bool {
        match pressure::Trigger::arm(stall, window) {
            Ok(trigger) => trigger.spawn(wake).is_ok(),
            Err(_) => false,
        }
    }

    fn process_path(&self, pid: u32) -> Option<String> {
        process::exe_path(pid)
    }

    fn clean(&self, area: &Area, request: &CleanRequest) -> Result<AreaEffect, AreaError> {
        let op = Op::of(area).ok_or_else(|| AreaError::Unsupported(not_ours(area)))?;
        match op {
            Op::Sync => clean::flush_dirty(),
            Op::DropPageCache => clean::drop_caches("1"),
            Op::DropSlab => clean::drop_caches("2"),
            Op::Reclaim if request.gentle => clean::reclaim_gently(&request.gentle_reclaim),
            Op::Reclaim => clean::reclaim(request.reclaim),
            Op::Compact => clean::compact(),
            Op::PageOutProcesses => {
                let mode = if request.gentle { Pageout::Cold } else { Pageout::Out };
                process::page_out(&request.targets, mode, request.all_processes)
            }
        }
    }
}

/// Turns an I/O error on a control file into the area's failure, naming the file.
pub(crate) fn control_failure(path: &str, err: &std::io::Error) -> AreaError {
    match err.kind() {
        ErrorKind::PermissionDenied => AreaError::Failed(format!("{path}: permission denied (needs root)")),
        ErrorKind::NotFound => AreaError::Unsupported(format!("{path} does not exist on this kernel")),
        _ => AreaError::Failed(format!("{path}: {err}")),
    }
}
