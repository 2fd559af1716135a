//! Processes on Windows: listing them, and emptying the working sets of chosen ones.

use std::mem::{size_of, zeroed};
use std::os::windows::io::{AsRawHandle, FromRawHandle, HandleOrInvalid, HandleOrNull, OwnedHandle};

use memsweep_core::process::is_excluded;
use memsweep_core::units::format_bytes;
use memsweep_core::{AreaEffect, AreaError, BackendError, Change, ProcessInfo, Unit};
use windows_sys::Win32::Foundation::{LocalFree, HANDLE};
use windows_sys::Win32::Security::Authorization::ConvertSidToStringSidW;
use windows_sys::Win32::Security::{GetTokenInformation, TokenUser, TOKEN_QUERY, TOKEN_USER};
use windows_sys::Win32::System::Diagnostics::ToolHelp::{
    CreateToolhelp32Snapshot, Process32FirstW, Process32NextW, PROCESSENTRY32W, TH32CS_SNAPPROCESS,
};
use windows_sys::Win32::System::ProcessStatus::{K32EmptyWorkingSet, K32GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS};
use windows_sys::Win32::System::Threading::{
    OpenProcess, OpenProcessToken, QueryFullProcessImageNameW, PROCESS_NAME_WIN32, PROCESS_QUERY_LIMITED_INFORMATION,
    PROCESS_SET_QUOTA,
};

use super::ntapi;
use super::privilege::{Held, Privilege};
use crate::nt::{process_class, PsProtection};

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

/// The full path of a process's executable (QueryFullProcessImageNameW), for exclusions by path.
pub fn path_of(pid: u32) -> Option<String> {
    let process = open(pid, PROCESS_QUERY_LIMITED_INFORMATION).ok()?;
    let mut buffer = vec![0u16; 32_768];
    let mut length = buffer.len() as u32;
    // SAFETY: a live handle with PROCESS_QUERY_LIMITED_INFORMATION, a buffer and its length in
    // characters; the call writes at most that many and sets `length` to what it wrote.
    if unsafe { QueryFullProcessImageNameW(raw(&process), PROCESS_NAME_WIN32, buffer.as_mut_ptr(), &mut length) } == 0 {
        return None;
    }
    Some(String::from_utf16_lossy(&buffer[..(length as usize).min(buffer.len())]))
}

/// The user a process runs as, as a SID string (`S-1-5-21-...`): OpenProcess with
/// PROCESS_QUERY_LIMITED_INFORMATION, OpenProcessToken, TokenUser, ConvertSidToStringSidW.
/// `None` when the process cannot be opened (gone, or protected from this user).
pub fn owner_of(pid: u32) -> Option<String> {
    let process = open(pid, PROCESS_QUERY_LIMITED_INFORMATION).ok()?;
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: a live process handle and an out-pointer to a local.
    if unsafe { OpenProcessToken(raw(&process), TOKEN_QUERY, &mut token) } == 0 {
        return None;
    }
    // SAFETY: OpenProcessToken succeeded: a new token handle this process owns.
    let token = unsafe { OwnedHandle::from_raw_handle(token) };
    let mut needed = 0u32;
    // SAFETY: a size query: no buffer; the size needed goes to a local.
    unsafe { GetTokenInformation(raw(&token), TokenUser, std::ptr::null_mut(), 0, &mut needed) };
    // u64 words: aligned for TOKEN_USER, and as long as the token asked for.
    let mut words = vec![0u64; (needed as usize).div_ceil(8).max(2)];
    let length = (words.len() * 8) as u32;
    // SAFETY: a live, exclusively owned, aligned buffer of `length` bytes.
    if unsafe { GetTokenInformation(raw(&token), TokenUser, words.as_mut_ptr().cast(), length, &mut needed) } == 0 {
        return None;
    }
    let mut text: windows_sys::core::PWSTR = std::ptr::null_mut();
    // SAFETY: the buffer holds the TOKEN_USER just written, whose SID points into the same live
    // buffer; the string is allocated with LocalAlloc.
    if unsafe { ConvertSidToStringSidW((*words.as_ptr().cast::<TOKEN_USER>()).User.Sid, &mut text) } == 0 {
        return None;
    }
    // SAFETY: a NUL-terminated string from ConvertSidToStringSidW, read up to its NUL, then
    // freed once with LocalFree.
    unsafe {
        let len = (0..).take_while(|&i| *text.add(i) != 0).count();
        let sid = String::from_utf16_lossy(std::slice::from_raw_parts(text, len));
        LocalFree(text.cast());
        Some(sid)
    }
}

/// A protected process (or protected process light): Windows lets no one trim it. Where the
/// query is not answered (before 8.1; Wine), it is not taken for one.
fn is_protected(pid: u32) -> bool {
    let Ok(process) = open(pid, PROCESS_QUERY_LIMITED_INFORMATION) else { return false };
    let mut protection = PsProtection::default();
    ntapi::query_process(&process, process_class::PROTECTION_INFORMATION, &mut protection).is_ok()
        && protection.is_protected()
}

/// What trying to empty one process's working set came to.
enum Trim {
    Done { before: u64, after: u64 },
    Protected,
    NotOpened(std::io::Error),
    Failed(std::io::Error),
}

fn trim(pid: u32) -> Trim {
    let process = match open(pid, PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_SET_QUOTA) {
        Ok(process) => process,
        Err(_) if is_protected(pid) => return Trim::Protected,
        Err(e) => return Trim::NotOpened(e),
    };
    let before = working_set(&process).unwrap_or(0);
    // SAFETY: a live handle opened with PROCESS_SET_QUOTA, as EmptyWorkingSet requires.
    if unsafe { K32EmptyWorkingSet(raw(&process)) } == 0 {
        return Trim::Failed(std::io::Error::last_os_error());
    }
    Trim::Done { before, after: working_set(&process).unwrap_or(0) }
}

fn label(process: &ProcessInfo) -> String {
    format!("pid {} ({})", process.pid, process.name)
}

/// Trims each target on its own. `list_each`: one note per trimmed process (chosen ones);
/// otherwise the report sums them up. SeDebugPrivilege is enabled first, best effort, so that
/// services' and other users' processes open too.
fn trim_each(targets: &[ProcessInfo], held: &Held, list_each: bool) -> (AreaEffect, i64) {
    let mut effect = AreaEffect::default();
    if let Some(why) = held.why_not(Privilege::Debug) {
        effect.notes.push(format!("{why}: processes of services and other users may not open"));
    }
    let (mut before_sum, mut after_sum, mut trimmed) = (0u64, 0u64, 0i64);
    let (mut protected, mut not_opened, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for target in targets {
        match trim(target.pid) {
            Trim::Done { before, after } => {
                if list_each {
                    let line =
                        format!("{}: working set {} -> {}", label(target), format_bytes(before), format_bytes(after));
                    effect.notes.push(line);
                }
                before_sum += before;
                after_sum += after;
                trimmed += 1;
            }
            Trim::Protected => protected.push(label(target)),
            Trim::NotOpened(e) => not_opened.push(format!("{}: {e}", label(target))),
            Trim::Failed(e) => failed.push(format!("{}: EmptyWorkingSet failed ({e})", label(target))),
        }
    }
    if !protected.is_empty() {
        effect.notes.push(format!("left alone, protected (no one may trim them): {}", protected.join(", ")));
    }
    if !not_opened.is_empty() {
        effect.notes.push(format!("could not open: {}", not_opened.join("; ")));
    }
    effect.notes.extend(failed);
    effect.changes.extend([
        Change::new("processes_trimmed", Unit::Count, None, Some(trimmed)),
        Change::new("processes_not_opened", Unit::Count, None, Some(not_opened.len() as i64)),
        Change::new("rss_bytes", Unit::Bytes, Some(before_sum as i64), Some(after_sum as i64)),
    ]);
    (effect, trimmed)
}

/// The `process` area: the chosen processes' working sets.
pub fn empty_working_sets(targets: &[ProcessInfo], held: &Held, every_process: bool) -> Result<AreaEffect, AreaError> {
    let (mut effect, trimmed) = trim_each(targets, held, !every_process);
    if trimmed == 0 {
        return Err(AreaError::Failed(format!("no chosen process could be trimmed: {}", effect.notes.join("; "))));
    }
    if every_process {
        effect.notes.insert(
            0,
            format!("every process but the excluded ones and memsweep itself: {trimmed} of {} trimmed", targets.len()),
        );
    }
    Ok(effect)
}

/// `working-sets` with exclusions: every process's working set but the excluded ones', one by
/// one (EmptyWorkingSet), where MemoryEmptyWorkingSets would empty them all. `None` when no
/// excluded process runs: then the one system-wide call does the same, and more (it also
/// reaches what no handle opens).
pub fn empty_all_but(exclude: &[String], held: &Held) -> Result<Option<AreaEffect>, AreaError> {
    let running = list().map_err(|e| AreaError::Failed(e.to_string()))?;
    let own = std::process::id();
    let (kept, targets): (Vec<ProcessInfo>, Vec<ProcessInfo>) = running
        .into_iter()
        .filter(|p| p.pid != 0 && p.pid != own) // the System Idle Process is not a process
        .partition(|p| is_excluded(exclude, &p.name, || path_of(p.pid)));
    if kept.is_empty() {
        return Ok(None);
    }
    let (mut effect, trimmed) = trim_each(&targets, held, false);
    let kept_list = kept.iter().map(label).collect::<Vec<_>>().join(", ");
    effect.notes.insert(
        0,
        format!(
            "each working set emptied on its own (EmptyWorkingSet), not all at once, to keep the excluded: {kept_list}; \
             {trimmed} of {} trimmed",
            targets.len()
        ),
    );
    effect.changes.insert(1, Change::new("processes_kept", Unit::Count, None, Some(kept.len() as i64)));
    if trimmed == 0 {
        return Err(AreaError::Failed(format!("no process could be trimmed: {}", effect.notes.join("; "))));
    }
    Ok(Some(effect))
}
