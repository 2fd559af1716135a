//! memsweep's OS backends, one module per OS behind [`memsweep_core::Backend`].
//!
//! The text parsers for Linux kernel files ([`procfs`]) and the Windows native-API declarations
//! ([`nt`]) compile on every OS, so they are tested and fuzzed anywhere; the code that reads the
//! real files or calls the real APIs lives in the per-OS module chosen once below.

pub mod nt;
pub mod procfs;

#[cfg(target_os = "linux")]
pub mod linux;

#[cfg(windows)]
pub mod windows;

#[cfg(not(any(target_os = "linux", windows)))]
mod unsupported;

use memsweep_core::{Backend, Unrunnable};

/// Whether this build may run here at all. Every front end asks first and, refused, stops with
/// the reason's one line (exit 69): a 32-bit memsweep on 64-bit Windows is refused.
pub fn check_runnable() -> Result<(), Unrunnable> {
    #[cfg(windows)]
    return windows::check_runnable();
    #[cfg(not(windows))]
    return Ok(());
}

/// The backend of the OS memsweep was built for.
pub fn native() -> Box<dyn Backend + Send + Sync> {
    #[cfg(target_os = "linux")]
    return Box::new(linux::LinuxBackend::new());
    #[cfg(windows)]
    return Box::new(windows::WindowsBackend::new());
    #[cfg(not(any(target_os = "linux", windows)))]
    return Box::new(unsupported::UnsupportedBackend);
}
