//! Machine-wide locks: one `memsweep watch` at a time, and one clean at a time (a manual clean
//! and the daemon's never interleave).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use memsweep_core::ExitStatus;

use crate::Failure;

/// Where the lock files live: /run/memsweep for root on Linux, the user's runtime directory
/// otherwise; %ProgramData%\memsweep on Windows (one per machine).
fn dir() -> PathBuf {
    if cfg!(windows) {
        return machine_dir();
    }
    if is_root() {
        return PathBuf::from("/run/memsweep");
    }
    dirs::runtime_dir().unwrap_or_else(std::env::temp_dir).join("memsweep")
}

/// Windows: %ProgramData%\memsweep, the machine's memsweep folder: the locks, and the
/// service's config, history and log.
pub fn machine_dir() -> PathBuf {
    program_data().join("memsweep")
}

/// The machine's ProgramData folder, the same for every process: read where Windows builds
/// every process's %ProgramData% from (ProfileList's ProgramData, expanded), not from this
/// process's environment, which a service may be given otherwise (Wine gives its services
/// C:\users\Public). Then the environment, then C:\ProgramData.
fn program_data() -> PathBuf {
    #[cfg(windows)]
    if let Some(path) = profile_list_program_data() {
        return path;
    }
    std::env::var_os("ProgramData").map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from)
}

#[cfg(windows)]
fn profile_list_program_data() -> Option<PathBuf> {
    use std::os::windows::ffi::OsStringExt;
    use windows_sys::Win32::Foundation::ERROR_SUCCESS;
    use windows_sys::Win32::System::Registry::{RegGetValueW, HKEY_LOCAL_MACHINE, RRF_RT_REG_SZ};
    let wide = |text: &str| text.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (key, value) = (wide(r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList"), wide("ProgramData"));
    let mut buffer = vec![0u16; 1024];
    let mut bytes = (buffer.len() * 2) as u32;
    // RRF_RT_REG_SZ alone: RegGetValueW expands a REG_EXPAND_SZ value (%SystemDrive%) and
    // then takes it as REG_SZ; asking for RRF_RT_REG_EXPAND_SZ without RRF_NOEXPAND is
    // ERROR_INVALID_PARAMETER (on Windows and Wine alike).
    // SAFETY: NUL-terminated key and value names, a buffer of `bytes` bytes and its length;
    // RegGetValueW NUL-terminates what it writes.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            value.as_ptr(),
            RRF_RT_REG_SZ,
            std::ptr::null_mut(),
            buffer.as_mut_ptr().cast(),
            &mut bytes,
        )
    };
    if status != ERROR_SUCCESS {
        return None;
    }
    let units = &buffer[..(bytes as usize / 2).min(buffer.len())];
    let end = units.iter().position(|&c| c == 0).unwrap_or(units.len());
    (end > 0).then(|| PathBuf::from(std::ffi::OsString::from_wide(&units[..end])))
}

#[cfg(all(test, windows))]
mod tests {
    #[test]
    fn the_machine_folder_is_under_programdata() {
        // Wine's and Windows' ProfileList both say C:\ProgramData.
        assert_eq!(super::machine_dir(), std::path::PathBuf::from(r"C:\ProgramData\memsweep"));
    }

    #[test]
    fn programdata_is_read_from_profile_list_not_the_environment() {
        // Read from the registry (the environment of a test says the same, so it is asked for
        // directly: a service's environment may say otherwise).
        assert_eq!(super::profile_list_program_data(), Some(std::path::PathBuf::from(r"C:\ProgramData")));
    }
}

#[cfg(unix)]
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
pub fn is_root() -> bool {
    false
}

/// A held lock; released when dropped (or when the process dies).
pub struct Lock {
    _file: File,
}

fn open(name: &str) -> Result<(File, PathBuf), Failure> {
    let dir = dir();
    let path = dir.join(name);
    std::fs::create_dir_all(&dir)
        .and_then(|_| OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path))
        .map(|file| (file, path.clone()))
        .map_err(|e| Failure::new(ExitStatus::Error, format!("cannot open the lock {}: {e}", path.display())))
}

fn write_pid(file: &mut File) {
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(file, "{}", std::process::id());
}

fn holder(file: &mut File) -> String {
    let mut pid = String::new();
    let _ = file.rewind();
    let _ = file.read_to_string(&mut pid);
    let pid = pid.trim();
    if pid.is_empty() {
        "another process".into()
    } else {
        format!("pid {pid}")
    }
}

/// The single-instance lock of `memsweep watch`; a second one is refused naming the first.
pub fn watch() -> Result<Lock, Failure> {
    let (mut file, path) = open("watch.lock")?;
    match file.try_lock() {
        Ok(()) => {
            write_pid(&mut file);
            Ok(Lock { _file: file })
        }
        Err(_) => Err(Failure::new(
            ExitStatus::Busy,
            format!("memsweep watch is already running ({}, lock {})", holder(&mut file), path.display()),
        )),
    }
}

/// The clean lock: waits up to `wait` for a clean in progress to finish, then gives up.
pub fn clean(wait: Duration) -> Result<Lock, Failure> {
    let (mut file, path) = open("clean.lock")?;
    let started = Instant::now();
    loop {
        if file.try_lock().is_ok() {
            write_pid(&mut file);
            return Ok(Lock { _file: file });
        }
        if started.elapsed() >= wait {
            return Err(Failure::new(
                ExitStatus::Busy,
                format!(
                    "another clean is still running ({}, lock {}); gave up after {} s",
                    holder(&mut file),
                    path.display(),
                    wait.as_secs()
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
