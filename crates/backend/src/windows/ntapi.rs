//! Safe wrappers over the two native calls memsweep makes, and the page size.

use std::ffi::c_void;
use std::mem::{size_of, zeroed};
use std::os::windows::io::{AsRawHandle, OwnedHandle};

use windows_sys::Win32::System::SystemInformation::{GetSystemInfo, SYSTEM_INFO};

use crate::nt::{NtStatus, PlainData, STATUS_BUFFER_TOO_SMALL, STATUS_INFO_LENGTH_MISMATCH, STATUS_SUCCESS};

// windows-sys has no NtSetSystemInformation: declared here, linked from ntdll like its own.
windows_link::link!("ntdll.dll" "system" fn NtSetSystemInformation(class: i32, information: *mut c_void, length: u32) -> NtStatus);

/// Sets `class` with `value` as the buffer (length = its size).
pub fn set<T: PlainData>(class: i32, value: &mut T) -> Result<(), NtStatus> {
    // SAFETY: `value` is a live, exclusively borrowed T of exactly the length passed; the kernel
    // reads it and may write results back into it (MEMORY_COMBINE_INFORMATION_EX), which
    // PlainData makes harmless.
    let status = unsafe { NtSetSystemInformation(class, (value as *mut T).cast(), size_of::<T>() as u32) };
    if status == STATUS_SUCCESS {
        Ok(())
    } else {
        Err(status)
    }
}

/// Sets `class` with a NULL buffer of length 0 (registry reconciliation).
pub fn set_empty(class: i32) -> Result<(), NtStatus> {
    // SAFETY: a NULL buffer with length 0 is this class's documented form; nothing is read.
    let status = unsafe { NtSetSystemInformation(class, std::ptr::null_mut(), 0) };
    if status == STATUS_SUCCESS {
        Ok(())
    } else {
        Err(status)
    }
}

/// Queries `class` into `out` (length = its size).
pub fn query<T: PlainData>(class: i32, out: &mut T) -> Result<(), NtStatus> {
    let mut returned = 0u32;
    // SAFETY: `out` is a live, exclusively borrowed T of exactly the length passed; PlainData
    // makes any bytes the kernel writes a valid T.
    let status = unsafe {
        windows_sys::Wdk::System::SystemInformation::NtQuerySystemInformation(
            class,
            (out as *mut T).cast(),
            size_of::<T>() as u32,
            &mut returned,
        )
    };
    if status == STATUS_SUCCESS {
        Ok(())
    } else {
        Err(status)
    }
}

/// What a variable-length query returned: the bytes the kernel wrote (its return length) and
/// the address the buffer had then, which pointers the kernel wrote into it are relative to.
pub struct QueryBytes {
    pub bytes: Vec<u8>,
    pub base: usize,
}

/// Queries a variable-length class (a list of entries, e.g. the page files) into a byte buffer:
/// starts at `initial` bytes and grows it on STATUS_INFO_LENGTH_MISMATCH /
/// STATUS_BUFFER_TOO_SMALL (to the length the kernel asked for, at least double), up to `limit`.
pub fn query_bytes(class: i32, initial: usize, limit: usize) -> Result<QueryBytes, NtStatus> {
    let mut size = initial.clamp(8, limit);
    loop {
        // u64 words: the buffer is aligned for every structure the kernel writes into it.
        let mut words = vec![0u64; size.div_ceil(8)];
        let length = (words.len() * 8) as u32;
        let mut returned = 0u32;
        // SAFETY: `words` is a live, exclusively owned buffer of exactly `length` bytes, 8-byte
        // aligned; any bytes the kernel writes are valid u64s. It is never read as a structure:
        // callers parse the bytes.
        let status = unsafe {
            windows_sys::Wdk::System::SystemInformation::NtQuerySystemInformation(
                class,
                words.as_mut_ptr().cast(),
                length,
                &mut returned,
            )
        };
        match status {
            STATUS_SUCCESS => {
                let base = words.as_ptr() as usize;
                let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
                bytes.truncate((returned as usize).min(length as usize));
                return Ok(QueryBytes { bytes, base });
            }
            STATUS_INFO_LENGTH_MISMATCH | STATUS_BUFFER_TOO_SMALL if size < limit => {
                size = size.saturating_mul(2).max(returned as usize).min(limit);
            }
            other => return Err(other),
        }
    }
}

/// Queries information `class` of a process into `out` (length = its size).
pub fn query_process<T: PlainData>(process: &OwnedHandle, class: i32, out: &mut T) -> Result<(), NtStatus> {
    // SAFETY: a live process handle; `out` is a live, exclusively borrowed T of exactly the
    // length passed, and PlainData makes any bytes the kernel writes a valid T.
    let status = unsafe {
        windows_sys::Wdk::System::Threading::NtQueryInformationProcess(
            process.as_raw_handle(),
            class,
            (out as *mut T).cast(),
            size_of::<T>() as u32,
            std::ptr::null_mut(),
        )
    };
    if status == STATUS_SUCCESS {
        Ok(())
    } else {
        Err(status)
    }
}

pub fn page_size() -> u64 {
    // SAFETY: SYSTEM_INFO is plain data; GetSystemInfo only writes it.
    unsafe {
        let mut info: SYSTEM_INFO = zeroed();
        GetSystemInfo(&mut info);
        info.dwPageSize as u64
    }
}
