//! The machine-wide Windows areas.

use std::os::windows::io::{AsRawHandle, HandleOrInvalid, OwnedHandle};

use memsweep_core::units::format_bytes;
use memsweep_core::{AreaEffect, AreaError, Change, Unit};
use windows_sys::Win32::Foundation::{GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FindFirstVolumeW, FindNextVolumeW, FindVolumeClose, FlushFileBuffers, GetDriveTypeW, GetLogicalDrives,
    FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::WindowsProgramming::{DRIVE_FIXED, DRIVE_REMOVABLE};

use super::areas::{ADMIN, PROFILE, QUOTA};
use super::ntapi;
use super::privilege::{Held, Privilege};
use crate::nt::{self, MemoryCombineInformationEx, MemoryListCommand, NtStatus, SystemFileCacheInformation};

/// Turns a failed status into the area's outcome: "this Windows has no such thing" is
/// unsupported, a missing privilege names the privilege, anything else is a failure.
fn refused(status: NtStatus, privilege: &str) -> AreaError {
    let described = nt::describe_status(status);
    if nt::means_unsupported(status) {
        AreaError::Unsupported(format!("unsupported on this Windows: {described}"))
    } else if status == nt::STATUS_PRIVILEGE_NOT_HELD {
        AreaError::Failed(format!("needs {privilege}: {described}"))
    } else {
        AreaError::Failed(described)
    }
}

pub fn memory_list_command(command: MemoryListCommand, held: &Held) -> Result<AreaEffect, AreaError> {
    held.check(Privilege::ProfileSingleProcess)?;
    let mut value = command as i32;
    ntapi::set(nt::class::MEMORY_LIST_INFORMATION, &mut value).map_err(|s| refused(s, PROFILE))?;
    Ok(AreaEffect::default())
}

pub fn flush_system_file_cache(held: &Held) -> Result<AreaEffect, AreaError> {
    held.check(Privilege::IncreaseQuota)?;
    let mut request = SystemFileCacheInformation::flush_request();
    ntapi::set(nt::class::FILE_CACHE_INFORMATION_EX, &mut request).map_err(|s| refused(s, QUOTA))?;
    Ok(AreaEffect::default())
}

pub fn flush_registry() -> Result<AreaEffect, AreaError> {
    ntapi::set_empty(nt::class::REGISTRY_RECONCILIATION_INFORMATION).map_err(|s| refused(s, ADMIN))?;
    Ok(AreaEffect::default())
}

pub fn combine_pages(held: &Held, page_size: u64) -> Result<AreaEffect, AreaError> {
    held.check(Privilege::ProfileSingleProcess)?;
    let mut info = MemoryCombineInformationEx::default();
    ntapi::set(nt::class::COMBINE_PHYSICAL_MEMORY_INFORMATION, &mut info).map_err(|s| refused(s, PROFILE))?;
    let pages = info.pages_combined as u64;
    let mut effect = AreaEffect::default();
    effect.changes.push(Change::new("pages_combined", Unit::Count, None, Some(pages as i64)));
    effect.notes.push(format!("{pages} pages combined ({})", format_bytes(pages * page_size)));
    Ok(effect)
}

fn wide_to_string(wide: &[u16]) -> String {
    let end = wide.iter().position(|&c| c == 0).unwrap_or(wide.len());
    String::from_utf16_lossy(&wide[..end])
}

/// A volume search of FindFirstVolumeW, closed with FindVolumeClose (not CloseHandle) on every
/// path.
struct VolumeSearch(HANDLE);

impl Drop for VolumeSearch {
    fn drop(&mut self) {
        // SAFETY: a live search handle from FindFirstVolumeW, closed once, here.
        unsafe { FindVolumeClose(self.0) };
    }
}

/// Every volume GUID path ("\\?\Volume{...}\").
fn volumes() -> Result<Vec<Vec<u16>>, String> {
    let mut buffer = [0u16; 260];
    // SAFETY: the buffer and its length in characters.
    let search = unsafe { FindFirstVolumeW(buffer.as_mut_ptr(), buffer.len() as u32) };
    if search == INVALID_HANDLE_VALUE {
        return Err(format!("FindFirstVolume: {}", std::io::Error::last_os_error()));
    }
    let search = VolumeSearch(search);
    let mut found = Vec::new();
    loop {
        let end = buffer.iter().position(|&c| c == 0).unwrap_or(buffer.len());
        found.push(buffer[..=end.min(buffer.len() - 1)].to_vec());
        // SAFETY: the same live search handle and buffer.
        if unsafe { FindNextVolumeW(search.0, buffer.as_mut_ptr(), buffer.len() as u32) } == 0 {
            break;
        }
    }
    Ok(found)
}

/// Writes one volume's modified data; `name` is NUL-terminated and ends with a backslash.
fn flush_volume(name: &[u16]) -> Result<(), String> {
    // The volume device is opened without its trailing backslash (with it, the root directory);
    // a drive letter "C:\\" becomes the device "\\.\C:".
    let mut device: Vec<u16> = name.iter().copied().take_while(|&c| c != 0).collect();
    if device.last() == Some(&u16::from(b'\\')) {
        device.pop();
    }
    if device.len() == 2 && device[1] == u16::from(b':') {
        device.splice(0..0, r"\\.\".encode_utf16());
    }
    device.push(0);
    // SAFETY: a NUL-terminated path; CreateFileW returns an owned handle or INVALID_HANDLE_VALUE.
    let handle = unsafe {
        HandleOrInvalid::from_raw_handle(CreateFileW(
            device.as_ptr(),
            GENERIC_READ | GENERIC_WRITE,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            std::ptr::null(),
            OPEN_EXISTING,
            0,
            std::ptr::null_mut(),
        ))
    };
    let volume = OwnedHandle::try_from(handle).map_err(|_| format!("open: {}", std::io::Error::last_os_error()))?;
    // SAFETY: a live handle opened for writing.
    if unsafe { FlushFileBuffers(volume.as_raw_handle()) } == 0 {
        return Err(format!("flush: {}", std::io::Error::last_os_error()));
    }
    Ok(())
}

/// "C:\\" for every drive letter in use: the fallback where volume enumeration finds nothing
/// (Wine has no mount manager volumes backed by disks).
fn drive_letters() -> Vec<Vec<u16>> {
    // SAFETY: GetLogicalDrives takes no arguments and returns a bit mask.
    let mask = unsafe { GetLogicalDrives() };
    (0..26u8)
        .filter(|bit| mask & (1 << bit) != 0)
        .map(|bit| format!("{}:\\", char::from(b'A' + bit)).encode_utf16().chain(std::iter::once(0)).collect())
        .collect()
}

pub fn flush_volumes() -> Result<AreaEffect, AreaError> {
    let mut effect = AreaEffect::default();
    let mut flushed = 0i64;
    let mut failures = Vec::new();
    let mut candidates = volumes().unwrap_or_default();
    // SAFETY: each path is NUL-terminated.
    if !candidates.iter().any(|v| matches!(unsafe { GetDriveTypeW(v.as_ptr()) }, DRIVE_FIXED | DRIVE_REMOVABLE)) {
        candidates = drive_letters();
    }
    for volume in candidates {
        // SAFETY: a NUL-terminated volume path with its trailing backslash, as GetDriveType wants.
        let kind = unsafe { GetDriveTypeW(volume.as_ptr()) };
        let shown = wide_to_string(&volume);
        if kind != DRIVE_FIXED && kind != DRIVE_REMOVABLE {
            continue; // CD-ROMs, network and RAM disks hold nothing of ours to write
        }
        match flush_volume(&volume) {
            Ok(()) => flushed += 1,
            Err(why) => failures.push(format!("{shown}: {why}")),
        }
    }
    effect.changes.push(Change::new("volumes_flushed", Unit::Count, None, Some(flushed)));
    effect.notes.extend(failures.iter().map(|f| format!("not flushed: {f}")));
    if flushed == 0 {
        return Err(AreaError::Failed(if failures.is_empty() {
            "no fixed volume was found to flush".into()
        } else {
            format!("no volume could be flushed: {}", failures.join("; "))
        }));
    }
    Ok(effect)
}
