//! memsweep-tray: used memory in the notification area, cleaning from its menu, and the same
//! automatic-cleaning rules as `memsweep watch` on a timer.
//!
//! - [`render`]: the icon, a pure function from (percent, colour, size) to RGBA pixels;
//! - [`app`]: state, actions, effects and the menu model as plain data, with the dispatcher;
//! - [`settings`]: the settings window (Win32), over a platform-neutral model of the config;
//! - [`worker`]: the clean thread; [`instance`]: one tray per session; [`desktop`]: start at
//!   login, opening files;
//! - the platform front ends: plain Win32 (`Shell_NotifyIconW`, a hidden window, a message loop)
//!   on Windows, a StatusNotifierItem over D-Bus on Linux.

pub mod app;
pub mod desktop;
pub mod instance;
pub mod persist;
pub mod render;
pub mod settings;
pub mod startup;
pub mod worker;

#[cfg(target_os = "linux")]
pub mod linux;
#[cfg(windows)]
mod win32;
#[cfg(windows)]
pub mod windows;

/// Exit status when the desktop has no tray to show the icon in (EX_UNAVAILABLE).
pub const EXIT_NO_TRAY: u8 = 69;
