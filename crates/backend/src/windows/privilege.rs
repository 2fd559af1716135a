//! Token privileges and elevation.

use std::mem::{size_of, zeroed};

use windows_sys::Win32::Foundation::{CloseHandle, GetLastError, ERROR_NOT_ALL_ASSIGNED, HANDLE, LUID};
use windows_sys::Win32::Security::{
    AdjustTokenPrivileges, GetTokenInformation, LookupPrivilegeValueW, TokenElevation, LUID_AND_ATTRIBUTES,
    SE_PRIVILEGE_ENABLED, TOKEN_ADJUST_PRIVILEGES, TOKEN_ELEVATION, TOKEN_PRIVILEGES, TOKEN_QUERY,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

use super::areas::{PROFILE, QUOTA};

/// Whether each privilege the cleaning calls need was really enabled; `Err` says why not.
#[derive(Debug)]
pub struct Held {
    pub profile: Result<(), String>,
    pub quota: Result<(), String>,
}

impl Held {
    /// The result for the privilege named `name` (one of the areas' privilege names).
    pub fn check(&self, name: &str) -> Result<(), String> {
        match name {
            PROFILE => self.profile.clone(),
            QUOTA => self.quota.clone(),
            _ => Ok(()),
        }
    }
}

/// Closes the token handle on every path.
struct Token(HANDLE);

impl Drop for Token {
    fn drop(&mut self) {
        // SAFETY: the handle came from OpenProcessToken and is closed once, here.
        unsafe { CloseHandle(self.0) };
    }
}

fn open_token(access: u32) -> Result<Token, String> {
    let mut handle: HANDLE = std::ptr::null_mut();
    // SAFETY: the pseudo-handle of the current process and an out-pointer to a local.
    if unsafe { OpenProcessToken(GetCurrentProcess(), access, &mut handle) } == 0 {
        return Err(format!("OpenProcessToken: {}", std::io::Error::last_os_error()));
    }
    Ok(Token(handle))
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

fn enable(token: &Token, name: &str) -> Result<(), String> {
    let mut luid = LUID { LowPart: 0, HighPart: 0 };
    let wide_name = wide(name);
    // SAFETY: NUL-terminated UTF-16 name and an out-pointer to a local LUID.
    if unsafe { LookupPrivilegeValueW(std::ptr::null(), wide_name.as_ptr(), &mut luid) } == 0 {
        return Err(format!("{name}: LookupPrivilegeValue: {}", std::io::Error::last_os_error()));
    }
    let privileges = TOKEN_PRIVILEGES {
        PrivilegeCount: 1,
        Privileges: [LUID_AND_ATTRIBUTES { Luid: luid, Attributes: SE_PRIVILEGE_ENABLED }],
    };
    // SAFETY: a valid token handle opened with TOKEN_ADJUST_PRIVILEGES and a one-entry array.
    let ok = unsafe { AdjustTokenPrivileges(token.0, 0, &privileges, 0, std::ptr::null_mut(), std::ptr::null_mut()) };
    // AdjustTokenPrivileges succeeds even when the token does not have the privilege at all;
    // only ERROR_NOT_ALL_ASSIGNED, read right after the call, tells.
    // SAFETY: GetLastError has no preconditions.
    let last = unsafe { GetLastError() };
    if ok == 0 {
        return Err(format!("{name}: AdjustTokenPrivileges failed (error {last})"));
    }
    if last == ERROR_NOT_ALL_ASSIGNED {
        return Err(format!("{name} is not held by this process (run memsweep as Administrator)"));
    }
    Ok(())
}

/// Enables SeProfileSingleProcessPrivilege and SeIncreaseQuotaPrivilege, once per process.
pub fn enable_cleaning_privileges() -> Held {
    match open_token(TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY) {
        Ok(token) => Held { profile: enable(&token, PROFILE), quota: enable(&token, QUOTA) },
        Err(why) => Held { profile: Err(why.clone()), quota: Err(why) },
    }
}

/// True when the process runs elevated (the token has its full Administrator rights).
pub fn is_elevated() -> bool {
    let Ok(token) = open_token(TOKEN_QUERY) else {
        return false;
    };
    // SAFETY: TOKEN_ELEVATION is plain data; we pass its exact size and a valid token.
    unsafe {
        let mut elevation: TOKEN_ELEVATION = zeroed();
        let mut returned = 0u32;
        let ok = GetTokenInformation(
            token.0,
            TokenElevation,
            (&mut elevation as *mut TOKEN_ELEVATION).cast(),
            size_of::<TOKEN_ELEVATION>() as u32,
            &mut returned,
        );
        ok != 0 && elevation.TokenIsElevated != 0
    }
}
