//! memsweep's OS backends, one module per OS behind [`memsweep_core::Backend`].
//!
//! The text parsers for Linux kernel files live in [`procfs`] and compile on every OS, so they
//! can be tested and fuzzed anywhere; the code that reads the real files and cleans lives in
//! the per-OS module chosen once below.

pub mod procfs;

#[cfg(target_os = "linux")]
pub mod linux;

#[cfg(not(target_os = "linux"))]
mod unsupported;

use memsweep_core::Backend;

/// The backend of the OS memsweep was built for.
pub fn native() -> Box<dyn Backend + Send + Sync> {
    #[cfg(target_os = "linux")]
    return Box::new(linux::LinuxBackend::new());
    #[cfg(not(target_os = "linux"))]
    return Box::new(unsupported::UnsupportedBackend);
}
