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
    let data = std::env::var_os("ProgramData").map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from);
    data.join("memsweep")
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
