//! Processes: listing them, and paging out the memory of chosen ones with process_madvise.

use std::fs;
use std::os::fd::{AsRawFd, OwnedFd};

use memsweep_core::units::format_bytes;
use memsweep_core::{AreaEffect, AreaError, BackendError, Change, ProcessInfo, Unit};

use super::read;
use crate::procfs::{self, Rss};

/// How hard to push a process's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pageout {
    /// MADV_PAGEOUT: reclaim now (file pages dropped or written back, anonymous to swap).
    Out,
    /// MADV_COLD: only move pages to the inactive list, so they go first under pressure.
    Cold,
}

/// The kernel's UIO_MAXIOV: the most ranges one process_madvise call takes.
const MAX_RANGES_PER_CALL: usize = 1024;

pub fn list() -> Result<Vec<ProcessInfo>, BackendError> {
    let page_size = rustix::param::page_size() as u64;
    let entries = fs::read_dir("/proc").map_err(|source| BackendError::Read { path: "/proc".into(), source })?;
    let mut processes = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        // A process may exit between readdir and these reads: skip it quietly.
        let Ok(statm) = fs::read_to_string(format!("/proc/{pid}/statm")) else {
            continue;
        };
        let mut fields = statm.split_whitespace();
        let size: u64 = fields.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        let resident: u64 = fields.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        if size == 0 {
            continue; // kernel thread: no user memory to page out
        }
        let Ok(comm) = fs::read_to_string(format!("/proc/{pid}/comm")) else {
            continue;
        };
        processes.push(ProcessInfo { pid, name: comm.trim_end().to_string(), resident_bytes: resident * page_size });
    }
    processes.sort_by_key(|p| p.pid);
    Ok(processes)
}

pub fn read_rss(pid: u32) -> Result<Rss, BackendError> {
    let path = format!("/proc/{pid}/status");
    procfs::parse_status_rss(&read(&path)?).map_err(|detail| BackendError::Parse { path, detail })
}

/// Calls process_madvise(2) directly: libc and rustix have no wrapper for it.
fn process_madvise(pidfd: i32, ranges: &[libc::iovec], advice: i32) -> std::io::Result<usize> {
    // SAFETY: `ranges` is a live slice of iovecs describing addresses in the *target* process;
    // the kernel reads only the iovec array from our memory and never writes to it.
    let ret = unsafe { libc::syscall(libc::SYS_process_madvise, pidfd, ranges.as_ptr(), ranges.len(), advice, 0u32) };
    if ret < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(ret as usize)
    }
}

/// process_madvise exists when a call with a bad descriptor fails with EBADF, not ENOSYS.
pub fn process_madvise_exists() -> bool {
    process_madvise(-1, &[], libc::MADV_COLD).err().and_then(|e| e.raw_os_error()) != Some(libc::ENOSYS)
}

/// Why one process could not be paged out (the others still are).
#[derive(Debug, thiserror::Error)]
enum AdviseError {
    #[error("not a valid pid")]
    BadPid,
    #[error("pidfd_open: {0}")]
    Pidfd(rustix::io::Errno),
    #[error("{path}: {source}")]
    ReadMaps { path: String, source: std::io::Error },
    #[error("{path}: {detail}")]
    ParseMaps { path: String, detail: String },
    #[error("the process exited")]
    Exited,
    #[error("not permitted (needs CAP_SYS_NICE and ptrace access)")]
    NotPermitted,
    #[error("process_madvise: {0}")]
    Madvise(std::io::Error),
}

/// Advises every mapping of one process; returns the bytes the kernel accepted.
fn advise_process(pid: u32, advice: i32) -> Result<u64, AdviseError> {
    let raw_pid = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw).ok_or(AdviseError::BadPid)?;
    // The pidfd pins the process: if the pid is reused meanwhile, the calls fail with ESRCH
    // instead of touching a stranger.
    let pidfd: OwnedFd =
        rustix::process::pidfd_open(raw_pid, rustix::process::PidfdFlags::empty()).map_err(AdviseError::Pidfd)?;
    let path = format!("/proc/{pid}/maps");
    let maps = match fs::read_to_string(&path) {
        Ok(maps) => maps,
        Err(source) => return Err(AdviseError::ReadMaps { path, source }),
    };
    let ranges: Vec<libc::iovec> = procfs::parse_maps(&maps)
        .map_err(|detail| AdviseError::ParseMaps { path, detail })?
        .into_iter()
        .filter(|m| !m.is_special())
        .map(|m| libc::iovec { iov_base: m.start as usize as *mut libc::c_void, iov_len: (m.end - m.start) as usize })
        .collect();

    let mut advised = 0u64;
    let mut next = 0;
    while next < ranges.len() {
        let batch = &ranges[next..ranges.len().min(next + MAX_RANGES_PER_CALL)];
        match process_madvise(pidfd.as_raw_fd(), batch, advice) {
            Ok(bytes) => {
                advised += bytes as u64;
                // A short count means the range after the last whole one failed (unmapped since
                // we read maps, or not advisable): skip it and go on.
                let mut covered = 0usize;
                let mut whole = 0;
                while whole < batch.len() && covered + batch[whole].iov_len <= bytes {
                    covered += batch[whole].iov_len;
                    whole += 1;
                }
                next += if whole == batch.len() { whole } else { whole + 1 };
            }
            Err(e) => match e.raw_os_error() {
                Some(libc::ESRCH) => return Err(AdviseError::Exited),
                Some(libc::EPERM) | Some(libc::EACCES) => return Err(AdviseError::NotPermitted),
                // The first range of the batch could not be advised: skip it alone.
                Some(libc::ENOMEM) | Some(libc::EINVAL) | Some(libc::EFAULT) => next += 1,
                _ => return Err(AdviseError::Madvise(e)),
            },
        }
    }
    Ok(advised)
}

/// The path of a process's executable (/proc/PID/exe), for exclusions by path.
pub fn exe_path(pid: u32) -> Option<String> {
    fs::read_link(format!("/proc/{pid}/exe")).ok().map(|p| p.to_string_lossy().into_owned())
}

/// Pages out each target. `every_process`: the targets are every process but the excluded ones
/// (`--all-processes`), so the report sums them up instead of one line each.
pub fn page_out(targets: &[ProcessInfo], mode: Pageout, every_process: bool) -> Result<AreaEffect, AreaError> {
    let advice = match mode {
        Pageout::Out => libc::MADV_PAGEOUT,
        Pageout::Cold => libc::MADV_COLD,
    };
    let mut effect = AreaEffect::default();
    let (mut before, mut after) = (Rss::default(), Rss::default());
    let mut trimmed = 0i64;
    for target in targets {
        let label = format!("pid {} ({})", target.pid, target.name);
        let Ok(rss_before) = read_rss(target.pid) else {
            effect.notes.push(format!("skipped {label}: it exited"));
            continue;
        };
        match advise_process(target.pid, advice) {
            Ok(_) => {
                let rss_after = read_rss(target.pid).unwrap_or_default();
                if !every_process {
                    effect.notes.push(format!(
                        "{label}: resident {} -> {}",
                        format_bytes(rss_before.total()),
                        format_bytes(rss_after.total())
                    ));
                }
                for (sum, rss) in [(&mut before, rss_before), (&mut after, rss_after)] {
                    sum.anon += rss.anon;
                    sum.file += rss.file;
                    sum.shmem += rss.shmem;
                }
                trimmed += 1;
            }
            Err(why) => effect.notes.push(format!("skipped {label}: {why}")),
        }
    }
    if trimmed == 0 {
        return Err(AreaError::Failed(format!("no chosen process could be trimmed: {}", effect.notes.join("; "))));
    }
    if every_process {
        effect.notes.insert(
            0,
            format!(
                "every process but the excluded ones and memsweep itself: {trimmed} of {} paged out, resident {} -> {}",
                targets.len(),
                format_bytes(before.total()),
                format_bytes(after.total())
            ),
        );
    }
    let bytes = |v: u64| Some(v as i64);
    effect.changes.extend([
        Change::new("processes_trimmed", Unit::Count, None, Some(trimmed)),
        Change::new("rss_bytes", Unit::Bytes, bytes(before.total()), bytes(after.total())),
        Change::new("rss_file_bytes", Unit::Bytes, bytes(before.file), bytes(after.file)),
        Change::new("rss_anon_bytes", Unit::Bytes, bytes(before.anon), bytes(after.anon)),
        Change::new("rss_shmem_bytes", Unit::Bytes, bytes(before.shmem), bytes(after.shmem)),
    ]);
    Ok(effect)
}
