//! Processes on Windows: listing them, and emptying the working sets of chosen ones.

use std::mem::{size_of, zeroed};
use std::os::windows::io::{AsRawHandle, HandleOrInvalid, HandleOrNull, OwnedHandle};

use memsweep_core::units::format_bytes;
use memsweep_core::{AreaEffect, AreaError, BackendError, Change, ProcessInfo, Unit};
use windows_sys::Win32::Foundation::HANDLE;
use windows_sys::Win32::System::Diagnostics::ToolHelp::{
    CreateToolhelp32Snapshot, Process32FirstW, Process32NextW, PROCESSENTRY32W, TH32CS_SNAPPROCESS,
};
use windows_sys::Win32::System::ProcessStatus::{K32EmptyWorkingSet, K32GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS};
use windows_sys::Win32::System::Threading::{OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION, PROCESS_SET_QUOTA};

fn open(pid: u32, access: u32) -> Result<OwnedHandle, std::io::Error> {
    // SAFETY: OpenProcess takes any pid and returns an owned handle or null.
    let handle = unsafe { HandleOrNull::from_raw_handle(OpenProcess(access, 0, pid)) };
    OwnedHandle::try_from(handle).map_err(|_| std::io::Error::last_os_error())
}

fn raw(handle: &OwnedHandle) -> HANDLE {
    handle.as_raw_handle()
}

fn working_set(process: &OwnedHandle) -> Option<u64> {
    // SAFETY: plain-data counters of the size passed, on a live handle.
    unsafe {
        let mut counters: PROCESS_MEMORY_COUNTERS = zeroed();
        let size = size_of::<PROCESS_MEMORY_COUNTERS>() as u32;
        (K32GetProcessMemoryInfo(raw(process), &mut counters, size) != 0).then_some(counters.WorkingSetSize as u64)
    }
}

pub fn list() -> Result<Vec<ProcessInfo>, BackendError> {
    // SAFETY: CreateToolhelp32Snapshot returns an owned handle or INVALID_HANDLE_VALUE.
    let snapshot = unsafe { HandleOrInvalid::from_raw_handle(CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)) };
    let snapshot = OwnedHandle::try_from(snapshot).map_err(|_| BackendError::Os {
        call: "CreateToolhelp32Snapshot",
        detail: std::io::Error::last_os_error().to_string(),
    })?;
    let mut processes = Vec::new();
    // SAFETY: PROCESSENTRY32W is plain data with dwSize set, as the API requires.
    unsafe {
        let mut entry: PROCESSENTRY32W = zeroed();
        entry.dwSize = size_of::<PROCESSENTRY32W>() as u32;
        let mut more = Process32FirstW(raw(&snapshot), &mut entry) != 0;
        while more {
            let name_len = entry.szExeFile.iter().position(|&c| c == 0).unwrap_or(entry.szExeFile.len());
            let name = String::from_utf16_lossy(&entry.szExeFile[..name_len]);
            let resident = open(entry.th32ProcessID, PROCESS_QUERY_LIMITED_INFORMATION)
                .ok()
                .and_then(|h| working_set(&h))
                .unwrap_or(0);
            processes.push(ProcessInfo { pid: entry.th32ProcessID, name, resident_bytes: resident });
            more = Process32NextW(raw(&snapshot), &mut entry) != 0;
        }
    }
    Ok(processes)
}

pub fn empty_working_sets(targets: &[ProcessInfo]) -> Result<AreaEffect, AreaError> {
    let mut effect = AreaEffect::default();
    let (mut before_sum, mut after_sum, mut trimmed) = (0u64, 0u64, 0i64);
    let mut skipped = Vec::new();
    for target in targets {
        let label = format!("pid {} ({})", target.pid, target.name);
        let process = match open(target.pid, PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_SET_QUOTA) {
            Ok(process) => process,
            Err(e) => {
                skipped.push(format!("{label}: cannot open it ({e})"));
                continue;
            }
        };
        let before = working_set(&process).unwrap_or(0);
        // SAFETY: a live handle opened with PROCESS_SET_QUOTA, as EmptyWorkingSet requires.
        if unsafe { K32EmptyWorkingSet(raw(&process)) } == 0 {
            skipped.push(format!("{label}: EmptyWorkingSet failed ({})", std::io::Error::last_os_error()));
            continue;
        }
        let after = working_set(&process).unwrap_or(0);
        effect.notes.push(format!("{label}: working set {} -> {}", format_bytes(before), format_bytes(after)));
        before_sum += before;
        after_sum += after;
        trimmed += 1;
    }
    effect.notes.extend(skipped.iter().map(|s| format!("skipped {s}")));
    if trimmed == 0 {
        return Err(AreaError::Failed(format!("no chosen process could be trimmed: {}", skipped.join("; "))));
    }
    effect.changes.extend([
        Change::new("processes_trimmed", Unit::Count, None, Some(trimmed)),
        Change::new("rss_bytes", Unit::Bytes, Some(before_sum as i64), Some(after_sum as i64)),
    ]);
    Ok(effect)
}
