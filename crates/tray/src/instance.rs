//! One tray per user session: a named mutex on Windows, a file lock in the user's runtime
//! directory elsewhere (the style of memsweep_app's locks).

/// Held for the life of the process.
pub struct Instance {
    #[cfg(windows)]
    _mutex: std::os::windows::io::OwnedHandle,
    #[cfg(not(windows))]
    _file: std::fs::File,
}

/// `Ok(None)` when another tray already runs.
#[cfg(windows)]
pub fn acquire() -> std::io::Result<Option<Instance>> {
    use std::os::windows::io::{HandleOrNull, OwnedHandle};
    use windows_sys::Win32::Foundation::{GetLastError, ERROR_ALREADY_EXISTS};
    use windows_sys::Win32::System::Threading::CreateMutexW;
    let name: Vec<u16> = "Local\\memsweep-tray".encode_utf16().chain([0]).collect();
    // SAFETY: a NUL-terminated name; default security; CreateMutexW returns an owned handle or
    // null.
    let mutex = unsafe { HandleOrNull::from_raw_handle(CreateMutexW(std::ptr::null(), 0, name.as_ptr())) };
    // SAFETY: no preconditions; read right after the call it belongs to.
    let error = unsafe { GetLastError() };
    let mutex = OwnedHandle::try_from(mutex).map_err(|_| std::io::Error::from_raw_os_error(error as i32))?;
    if error == ERROR_ALREADY_EXISTS {
        return Ok(None); // our handle to the other tray's mutex closes here
    }
    Ok(Some(Instance { _mutex: mutex }))
}

#[cfg(not(windows))]
pub fn acquire() -> std::io::Result<Option<Instance>> {
    use std::fs::OpenOptions;
    use std::io::Write;
    let dir = dirs::runtime_dir().unwrap_or_else(std::env::temp_dir).join("memsweep");
    std::fs::create_dir_all(&dir)?;
    let mut file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(dir.join("tray.lock"))?;
    match file.try_lock() {
        Ok(()) => {
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            Ok(Some(Instance { _file: file }))
        }
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// [`acquire`], retrying for up to `wait` (a restarted tray waits for the one it replaces).
pub fn acquire_waiting(wait: std::time::Duration) -> std::io::Result<Option<Instance>> {
    let started = std::time::Instant::now();
    loop {
        if let Some(instance) = acquire()? {
            return Ok(Some(instance));
        }
        if started.elapsed() >= wait {
            return Ok(None);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
