//! What memsweep's integration tests share: one rule for a test that needs something this
//! machine lacks, and the lock that keeps machine-wide tests apart.
//!
//! The rule: a test that needs something missing (root, Wine, a tray host, debugfs,
//! systemd-analyze, dbus-daemon) says what is missing. Under `CI=true` that is a failure — CI
//! runs as root and installs every tool, so a missing one is a broken setup that must not pass
//! silently; elsewhere the test is skipped with one line on stderr.
#![cfg(unix)]

use std::fs::File;
use std::os::fd::AsRawFd;

/// Whether this is a CI run (`CI=true`), where nothing may be skipped.
pub fn is_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// `test` cannot run because `what` is missing: fails under CI, else skips. Always returns
/// `false`, for `if !available { return missing(...) }` and `let Some(x) = ... else { ... }`.
#[track_caller]
pub fn missing(test: &str, what: &str) -> bool {
    if is_ci() {
        panic!("{test} needs {what}, which is missing under CI=true (scripts/test.sh and .ci/run provide it)");
    }
    eprintln!("skipping {test}: needs {what}");
    false
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// True when the test may go on; a test that needs root on a non-root run follows [`missing`].
#[track_caller]
pub fn require_root(test: &str) -> bool {
    is_root() || missing(test, "root")
}

/// Tests that drop caches, compact or reclaim change the whole machine. They hold this lock
/// (an flock shared by every test binary, process and the benchmarks) so they never measure
/// each other.
pub struct MachineLock {
    _file: File,
}

pub const MACHINE_LOCK: &str = "/tmp/memsweep-machine-tests.lock";

pub fn machine_lock() -> MachineLock {
    let file = File::options().create(true).truncate(false).write(true).open(MACHINE_LOCK);
    let file = file.unwrap_or_else(|e| panic!("open {MACHINE_LOCK}: {e}"));
    // SAFETY: flock on a descriptor we own; blocks until the lock is ours.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
    assert_eq!(rc, 0, "flock {MACHINE_LOCK}: {}", std::io::Error::last_os_error());
    MachineLock { _file: file }
}
