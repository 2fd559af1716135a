//! Windows pieces the front end (windows.rs) uses, kept apart from it: the global hotkey
//! (`RegisterHotKey`, unregistered when its registration is dropped), the icon size the shell
//! wants at a DPI, and letting Explorer's `TaskbarCreated` through to an elevated tray.
//!
//! The DPI calls of Windows 10 (GetDpiForWindow, GetSystemMetricsForDpi) are looked up at run
//! time: the win7 build of the same source must start where user32 lacks them.

use std::ptr::null_mut;

use memsweep_core::hotkey::Hotkey;
use windows_sys::Win32::Foundation::{GetLastError, ERROR_HOTKEY_ALREADY_REGISTERED, HWND};
use windows_sys::Win32::Graphics::Gdi::{GetDC, GetDeviceCaps, ReleaseDC, LOGPIXELSX};
use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
use windows_sys::Win32::UI::Input::KeyboardAndMouse::{RegisterHotKey, UnregisterHotKey, MOD_NOREPEAT};
use windows_sys::Win32::UI::WindowsAndMessaging::{ChangeWindowMessageFilterEx, MSGFLT_ALLOW, SM_CXSMICON};

/// A registered hotkey; dropping it unregisters it.
pub struct HotkeyRegistration {
    hwnd: HWND,
    id: i32,
}

impl Drop for HotkeyRegistration {
    fn drop(&mut self) {
        // SAFETY: the registration this value made, for this window (or thread) and id, once.
        unsafe { UnregisterHotKey(self.hwnd, self.id) };
    }
}

/// Why a hotkey could not be registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HotkeyError {
    /// ERROR_HOTKEY_ALREADY_REGISTERED: another program has it.
    Taken,
    /// Another Win32 error.
    Other(u32),
}

/// Registers `hotkey` for `hwnd` (null: this thread) as `id`; WM_HOTKEY arrives with `id` when it
/// is pressed. MOD_NOREPEAT: holding it down cleans once.
pub fn register_hotkey(hwnd: HWND, id: i32, hotkey: Hotkey) -> Result<HotkeyRegistration, HotkeyError> {
    // SAFETY: no pointers; a window of this thread (or null) and a plain key code.
    if unsafe { RegisterHotKey(hwnd, id, hotkey.modifiers | MOD_NOREPEAT, hotkey.key) } != 0 {
        return Ok(HotkeyRegistration { hwnd, id });
    }
    // SAFETY: no preconditions; read right after the call it belongs to.
    match unsafe { GetLastError() } {
        ERROR_HOTKEY_ALREADY_REGISTERED => Err(HotkeyError::Taken),
        other => Err(HotkeyError::Other(other)),
    }
}

/// Lets the shell's broadcast `message` (TaskbarCreated) reach `hwnd` even when this process is
/// elevated: UIPI drops messages from a less privileged Explorer otherwise, and after an
/// Explorer restart the icon would never come back.
pub fn allow_message(hwnd: HWND, message: u32) -> bool {
    // SAFETY: our own window; no filter-status structure asked for.
    unsafe { ChangeWindowMessageFilterEx(hwnd, message, MSGFLT_ALLOW, null_mut()) != 0 }
}

/// A function of user32 by name, if this Windows has it.
fn user32(name: &core::ffi::CStr) -> Option<unsafe extern "system" fn() -> isize> {
    let module: Vec<u16> = "user32.dll".encode_utf16().chain([0]).collect();
    // SAFETY: a NUL-terminated name; user32 is loaded in every GUI process (no reference taken).
    let handle = unsafe { GetModuleHandleW(module.as_ptr()) };
    if handle.is_null() {
        return None;
    }
    // SAFETY: a loaded module and a NUL-terminated ANSI name.
    unsafe { GetProcAddress(handle, name.as_ptr().cast()) }
}

/// The DPI of the monitor `hwnd` is on (GetDpiForWindow, Windows 10 1607+), else the system DPI.
pub fn window_dpi(hwnd: HWND) -> u32 {
    if let Some(function) = user32(c"GetDpiForWindow") {
        // SAFETY: GetDpiForWindow's documented signature: UINT GetDpiForWindow(HWND).
        let get: unsafe extern "system" fn(HWND) -> u32 = unsafe { std::mem::transmute(function) };
        // SAFETY: our own window.
        let dpi = unsafe { get(hwnd) };
        if dpi > 0 {
            return dpi;
        }
    }
    // SAFETY: the screen DC, released right after.
    let dpi = unsafe {
        let dc = GetDC(null_mut());
        let dpi = GetDeviceCaps(dc, LOGPIXELSX as i32);
        ReleaseDC(null_mut(), dc);
        dpi
    };
    u32::try_from(dpi).ok().filter(|&d| d > 0).unwrap_or(96)
}

/// The small-icon size at `dpi`, which the notification area shows: GetSystemMetricsForDpi
/// where Windows has it, else the 96-DPI size (16) scaled (20 at 125%, 24 at 150%, 32 at 200%,
/// 48 at 300%).
pub fn small_icon_size(dpi: u32) -> u32 {
    if let Some(function) = user32(c"GetSystemMetricsForDpi") {
        // SAFETY: GetSystemMetricsForDpi's documented signature: int (int nIndex, UINT dpi).
        let get: unsafe extern "system" fn(i32, u32) -> i32 = unsafe { std::mem::transmute(function) };
        // SAFETY: plain values.
        let size = unsafe { get(SM_CXSMICON, dpi) };
        if size > 0 {
            return (size as u32).clamp(16, 256);
        }
    }
    scaled_icon_size(dpi)
}

/// 16 pixels at 96 DPI, scaled and rounded.
pub fn scaled_icon_size(dpi: u32) -> u32 {
    ((16 * dpi + 48) / 96).clamp(16, 256)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn icon_sizes_follow_the_dpi() {
        assert_eq!([96, 120, 144, 168, 192, 240, 288].map(scaled_icon_size), [16, 20, 24, 28, 32, 40, 48]);
        assert_eq!(scaled_icon_size(0), 16);
    }

    /// Real RegisterHotKey calls (a thread hotkey, no window): a second registration of the same
    /// keys is refused as taken, and dropping the first frees them.
    #[test]
    fn a_hotkey_held_elsewhere_is_taken_and_dropping_frees_it() {
        let hotkey: Hotkey = "Ctrl+Alt+Shift+F13".parse().unwrap();
        let first = register_hotkey(null_mut(), 0x4d01, hotkey).unwrap();
        let holder = std::thread::spawn(move || register_hotkey(null_mut(), 0x4d02, hotkey).map(drop)).join().unwrap();
        assert_eq!(holder, Err(HotkeyError::Taken));
        drop(first);
        let again = std::thread::spawn(move || register_hotkey(null_mut(), 0x4d03, hotkey).map(drop)).join().unwrap();
        assert_eq!(again, Ok(()));
    }
}
