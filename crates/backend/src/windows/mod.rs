//! The Windows backend: the memory manager asked directly through NtSetSystemInformation, the
//! way RAMMap's Empty menu and Mem Reduct do, with the memory lists read back around every step.

mod areas;
mod clean;
mod ntapi;
mod privilege;
mod process;

use std::mem::{size_of, zeroed};
use std::sync::OnceLock;

use memsweep_core::snapshot::{Availability, MemoryLists, PageFile, PhysicalMemory, Swap, WindowsMemory, SCHEMA};
use memsweep_core::{
    Area, AreaEffect, AreaError, AreaStatus, Backend, BackendError, CleanRequest, NeedPrivilege, ProcessInfo, Snapshot,
    Support, Unrunnable,
};
use windows_sys::Win32::System::ProcessStatus::{K32GetPerformanceInfo, PERFORMANCE_INFORMATION};
use windows_sys::Win32::System::SystemInformation::{GlobalMemoryStatusEx, MEMORYSTATUSEX, OSVERSIONINFOW};
use windows_sys::Win32::System::Threading::GetCurrentProcess;

use crate::nt::{self, SystemFileCacheInformation, SystemMemoryListInformation};
use areas::Op;
pub use areas::ALL as AREAS;
use memsweep_core::AreaOp;

/// Windows version from RtlGetVersion (GetVersionEx lies to programs without a manifest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub build: u32,
}

impl Version {
    pub fn at_least(self, (major, minor): (u32, u32)) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    fn current() -> Version {
        // SAFETY: OSVERSIONINFOW is plain data; RtlGetVersion fills the struct whose size we set.
        unsafe {
            let mut info: OSVERSIONINFOW = zeroed();
            info.dwOSVersionInfoSize = size_of::<OSVERSIONINFOW>() as u32;
            windows_sys::Wdk::System::SystemServices::RtlGetVersion(&mut info);
            Version { major: info.dwMajorVersion, minor: info.dwMinorVersion, build: info.dwBuildNumber }
        }
    }
}

/// True for a 32-bit process on 64-bit Windows (WoW64).
fn under_wow64() -> Result<bool, std::io::Error> {
    let mut wow64 = 0;
    // SAFETY: the current process's pseudo-handle and an out-pointer to a local.
    if unsafe { windows_sys::Win32::System::Threading::IsWow64Process(GetCurrentProcess(), &mut wow64) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(wow64 != 0)
}

/// Refuses a 32-bit memsweep on 64-bit Windows: the native structures are pinned for 64-bit
/// processes only (nt.rs), and the memory lists and page combining are not reliable through
/// WoW64. Where IsWow64Process cannot tell, memsweep runs.
pub fn check_runnable() -> Result<(), Unrunnable> {
    refuse_wow64(under_wow64().unwrap_or(false))
}

fn refuse_wow64(wow64: bool) -> Result<(), Unrunnable> {
    if wow64 {
        Err(Unrunnable::Wow64)
    } else {
        Ok(())
    }
}

pub struct WindowsBackend {
    version: Version,
    page_size: u64,
    /// Enabled once, before the first read of the memory lists or the first clean:
    /// (SeProfileSingleProcessPrivilege, SeIncreaseQuotaPrivilege).
    privileges: OnceLock<privilege::Held>,
}

impl Default for WindowsBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl WindowsBackend {
    pub fn new() -> WindowsBackend {
        WindowsBackend { version: Version::current(), page_size: ntapi::page_size(), privileges: OnceLock::new() }
    }

    fn held(&self) -> &privilege::Held {
        self.privileges.get_or_init(privilege::enable_cleaning_privileges)
    }

    /// The memory lists (class 80 query). The query needs SeProfileSingleProcessPrivilege
    /// *enabled*: an elevated token holds it disabled and the query then answers
    /// STATUS_ACCESS_DENIED, so it is enabled first (best effort: not elevated, it stays
    /// off and the reason says so).
    fn memory_lists(&self) -> Availability<MemoryLists> {
        let held = self.held();
        let mut info = SystemMemoryListInformation::default();
        match ntapi::query(nt::class::MEMORY_LIST_INFORMATION, &mut info) {
            Ok(()) => {
                let bytes = |pages: usize| pages as u64 * self.page_size;
                Availability::Available {
                    value: MemoryLists {
                        zeroed_bytes: bytes(info.zero_page_count),
                        free_bytes: bytes(info.free_page_count),
                        modified_bytes: bytes(info.modified_page_count),
                        modified_no_write_bytes: bytes(info.modified_no_write_page_count),
                        bad_bytes: bytes(info.bad_page_count),
                        standby_by_priority_bytes: info.page_count_by_priority.map(bytes),
                        repurposed_by_priority: info.repurposed_pages_by_priority.map(|p| p as u64),
                    },
                }
            }
            Err(status) => {
                let mut reason = format!("the memory-list query failed: {}", nt::describe_status(status));
                let refused = matches!(status, nt::STATUS_ACCESS_DENIED | nt::STATUS_PRIVILEGE_NOT_HELD);
                if let Some(why) = held.why_not(privilege::Privilege::ProfileSingleProcess).filter(|_| refused) {
                    reason.push_str(&format!(" ({why})"));
                }
                Availability::Unavailable { reason }
            }
        }
    }
}

/// The page files (class 18). Windows allows at most 16; 64 KiB holds them with long names.
fn page_files(page_size: u64) -> Availability<Vec<PageFile>> {
    let read = ntapi::query_bytes(nt::class::PAGE_FILE_INFORMATION, 4096, 64 * 1024)
        .map_err(|status| format!("the page-file query failed: {}", nt::describe_status(status)))
        .and_then(|buffer| {
            nt::parse_page_files(&buffer.bytes, buffer.base)
                .map_err(|e| format!("the page-file list is malformed: {e}"))
        });
    match read {
        Ok(entries) => Availability::Available {
            value: entries
                .iter()
                .map(|entry| PageFile {
                    path: nt::win32_path(&entry.name).to_string(),
                    total_bytes: u64::from(entry.total_pages) * page_size,
                    in_use_bytes: u64::from(entry.in_use_pages) * page_size,
                    peak_bytes: u64::from(entry.peak_pages) * page_size,
                })
                .collect(),
        },
        Err(reason) => Availability::Unavailable { reason },
    }
}

/// Hard faults since boot: PageReadIoCount of SystemPerformanceInformation (class 2), queried
/// into a byte buffer (its length differs between Windows versions) and read at its offset.
fn hard_faults() -> Option<u64> {
    let buffer = ntapi::query_bytes(nt::class::PERFORMANCE_INFORMATION, 0x200, 4096).ok()?;
    nt::hard_faults(&buffer.bytes)
}

impl Backend for WindowsBackend {
    fn os(&self) -> &'static str {
        "windows"
    }

    fn snapshot(&self) -> Result<Snapshot, BackendError> {
        // SAFETY: both structs are plain data whose size we pass in; the calls only write them.
        let (status, perf) = unsafe {
            let mut status: MEMORYSTATUSEX = zeroed();
            status.dwLength = size_of::<MEMORYSTATUSEX>() as u32;
            if GlobalMemoryStatusEx(&mut status) == 0 {
                return Err(BackendError::Os {
                    call: "GlobalMemoryStatusEx",
                    detail: std::io::Error::last_os_error().to_string(),
                });
            }
            let mut perf: PERFORMANCE_INFORMATION = zeroed();
            if K32GetPerformanceInfo(&mut perf, size_of::<PERFORMANCE_INFORMATION>() as u32) == 0 {
                return Err(BackendError::Os {
                    call: "GetPerformanceInfo",
                    detail: std::io::Error::last_os_error().to_string(),
                });
            }
            (status, perf)
        };
        let page = perf.PageSize as u64;
        let lists = self.memory_lists();
        let free_bytes = lists.value().map(|l| l.free_bytes + l.zeroed_bytes);
        let droppable_cache_bytes = lists.value().map(MemoryLists::standby_bytes);
        let mut cache = SystemFileCacheInformation::default();
        let system_file_cache_bytes =
            ntapi::query(nt::class::FILE_CACHE_INFORMATION, &mut cache).ok().map(|()| cache.current_size as u64);
        // Not ullTotalPageFile / ullAvailPageFile: those are the commit limit and the commit
        // still available, not the page files.
        let page_files = page_files(self.page_size);
        Ok(Snapshot {
            schema: SCHEMA,
            os: "windows",
            taken_at_ms: memsweep_core::run::now_ms(),
            memory: PhysicalMemory {
                total_bytes: status.ullTotalPhys,
                available_bytes: status.ullAvailPhys,
                free_bytes,
                // Microsoft: "the size of the standby list plus the system working set".
                file_cache_bytes: perf.SystemCache as u64 * page,
                droppable_cache_bytes,
            },
            swap: page_files.value().and_then(|files| Swap::of_page_files(files)),
            linux: None,
            windows: Some(WindowsMemory {
                page_size: self.page_size,
                commit_bytes: perf.CommitTotal as u64 * page,
                commit_limit_bytes: perf.CommitLimit as u64 * page,
                // A peak of 0 beside a real charge is not a peak (Wine reports 0).
                commit_peak_bytes: (perf.CommitPeak > 0).then_some(perf.CommitPeak as u64 * page),
                page_files,
                system_file_cache_bytes,
                lists,
                hard_faults: hard_faults(),
            }),
        })
    }

    fn areas(&self) -> Vec<AreaStatus> {
        areas::ALL
            .iter()
            .map(|&(area, needs)| AreaStatus {
                area: area.clone(),
                support: match needs {
                    Some(needs) if !self.version.at_least(needs.number) => Support::Unsupported(format!(
                        "unsupported on this Windows: needs Windows {} or later (this is {}.{} build {})",
                        needs.name, self.version.major, self.version.minor, self.version.build
                    )),
                    _ => Support::Supported,
                },
            })
            .collect()
    }

    fn check_privilege(&self) -> Result<(), NeedPrivilege> {
        if !privilege::is_elevated() {
            return Err(NeedPrivilege::Administrator);
        }
        self.held();
        Ok(())
    }

    fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
        process::list()
    }

    fn process_path(&self, pid: u32) -> Option<String> {
        process::path_of(pid)
    }

    fn process_owner(&self, pid: u32) -> Option<String> {
        process::owner_of(pid)
    }

    fn clean(&self, area: &Area, request: &CleanRequest) -> Result<AreaEffect, AreaError> {
        use nt::MemoryListCommand as Command;
        let op = Op::of(area).ok_or_else(|| AreaError::Unsupported(format!("'{}' is not a Windows area", area.id)))?;
        let held = self.held();
        match op {
            Op::EmptyWorkingSets if request.exclude.is_empty() => {
                clean::memory_list_command(Command::EmptyWorkingSets, held)
            }
            Op::EmptyWorkingSets => match process::empty_all_but(&request.exclude, held)? {
                Some(effect) => Ok(effect),
                None => {
                    let mut effect = clean::memory_list_command(Command::EmptyWorkingSets, held)?;
                    effect.notes.push("no excluded process runs: one system-wide call".into());
                    Ok(effect)
                }
            },
            Op::FlushSystemFileCache => clean::flush_system_file_cache(held),
            Op::EmptyProcessWorkingSets => process::empty_working_sets(&request.targets, held, request.all_processes),
            Op::FlushVolumes => clean::flush_volumes(),
            Op::FlushModifiedList => clean::memory_list_command(Command::FlushModifiedList, held),
            Op::PurgeStandbyList => clean::memory_list_command(Command::PurgeStandbyList, held),
            Op::PurgeLowPriorityStandbyList => clean::memory_list_command(Command::PurgeLowPriorityStandbyList, held),
            Op::FlushRegistry => clean::flush_registry(),
            Op::CombinePages => clean::combine_pages(held, self.page_size),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use privilege::Privilege;

    /// `status` and `top` only take snapshots: the snapshot itself must enable the privilege
    /// the class-80 query needs. (Under Wine the query then still answers
    /// STATUS_INVALID_INFO_CLASS; the token is real, so the enabling is what this checks.)
    /// The only test of this binary that touches the token.
    #[test]
    fn a_snapshot_enables_the_profile_privilege_before_reading_the_lists() {
        privilege::disable(Privilege::ProfileSingleProcess).unwrap();
        assert_eq!(privilege::is_enabled(Privilege::ProfileSingleProcess), Ok(false));
        let backend = WindowsBackend::new();
        backend.snapshot().unwrap();
        assert_eq!(privilege::is_enabled(Privilege::ProfileSingleProcess), Ok(true));
    }

    #[test]
    fn a_64_bit_process_is_not_under_wow64_and_a_wow64_one_is_refused() {
        // The real call, in this (64-bit) test process: Wine answers it as Windows does.
        assert!(!under_wow64().unwrap());
        assert_eq!(check_runnable(), Ok(()));
        assert_eq!(refuse_wow64(true), Err(Unrunnable::Wow64));
    }

    #[test]
    fn hard_faults_are_read_from_the_performance_class() {
        // Wine answers class 2 (0x138 bytes); Windows too, longer. The counter only grows.
        let first = WindowsBackend::new().snapshot().unwrap().windows.unwrap().hard_faults;
        let second = hard_faults();
        assert!(first.is_some(), "class 2 answered");
        assert!(second >= first, "{first:?} then {second:?}");
    }

    #[test]
    fn a_process_owner_is_its_users_sid() {
        let backend = WindowsBackend::new();
        let own = backend.process_owner(std::process::id()).unwrap();
        assert!(own.starts_with("S-1-5-"), "{own}");
        assert_eq!(backend.process_owner(0xFFFF_FFF0), None, "no such process");
    }

    #[test]
    fn the_page_file_query_answers_a_list_or_a_reason() {
        // Wine has no class 18 (STATUS_INVALID_INFO_CLASS); Windows answers the list. Either
        // way the snapshot never makes up a page file from the commit figures.
        let snapshot = WindowsBackend::new().snapshot().unwrap();
        let windows = snapshot.windows.unwrap();
        match &windows.page_files {
            Availability::Available { value } => assert_eq!(snapshot.swap, Swap::of_page_files(value)),
            Availability::Unavailable { reason } => {
                assert!(reason.starts_with("the page-file query failed: "), "{reason}");
                assert_eq!(snapshot.swap, None);
            }
        }
        assert!(windows.commit_limit_bytes >= windows.commit_bytes);
    }
}
