//! Token privileges and elevation.

use std::mem::{size_of, zeroed};
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};

use windows_sys::Win32::Foundation::{GetLastError, ERROR_NOT_ALL_ASSIGNED, HANDLE, LUID};
use windows_sys::Win32::Security::{
    AdjustTokenPrivileges, GetTokenInformation, LookupPrivilegeValueW, TokenElevation, LUID_AND_ATTRIBUTES,
    SE_PRIVILEGE_ENABLED, TOKEN_ADJUST_PRIVILEGES, TOKEN_ELEVATION, TOKEN_PRIVILEGES, TOKEN_QUERY,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

use memsweep_core::AreaError;

/// The token privileges the cleaning calls need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Privilege {
    /// The memory-list commands (class 80) and page combining (class 130).
    ProfileSingleProcess,
    /// Setting the system file cache (class 81).
    IncreaseQuota,
}

impl Privilege {
    pub const fn name(self) -> &'static str {
        match self {
            Privilege::ProfileSingleProcess => "SeProfileSingleProcessPrivilege",
            Privilege::IncreaseQuota => "SeIncreaseQuotaPrivilege",
        }
    }
}

/// Whether each privilege the cleaning calls need was really enabled; `Err` says why not.
#[derive(Debug)]
pub struct Held {
    profile: Result<(), String>,
    quota: Result<(), String>,
}

impl Held {
    /// Whether `privilege` is enabled; if not, the area fails saying why.
    pub fn check(&self, privilege: Privilege) -> Result<(), AreaError> {
        let held = match privilege {
            Privilege::ProfileSingleProcess => &self.profile,
            Privilege::IncreaseQuota => &self.quota,
        };
        held.clone().map_err(AreaError::Failed)
    }
}

fn open_token(access: u32) -> Result<OwnedHandle, String> {
    let mut handle: HANDLE = std::ptr::null_mut();
    // SAFETY: the pseudo-handle of the current process and an out-pointer to a local.
    if unsafe { OpenProcessToken(GetCurrentProcess(), access, &mut handle) } == 0 {
        return Err(format!("OpenProcessToken: {}", std::io::Error::last_os_error()));
    }
    // SAFETY: OpenProcessToken succeeded, so `handle` is a token handle this process now owns.
    Ok(unsafe { OwnedHandle::from_raw_handle(handle) })
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

fn enable(token: &OwnedHandle, privilege: Privilege) -> Result<(), String> {
    let name = privilege.name();
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
    let ok = unsafe {
        AdjustTokenPrivileges(token.as_raw_handle(), 0, &privileges, 0, std::ptr::null_mut(), std::ptr::null_mut())
    };
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
        Ok(token) => Held {
            profile: enable(&token, Privilege::ProfileSingleProcess),
            quota: enable(&token, Privilege::IncreaseQuota),
        },
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
            token.as_raw_handle(),
            TokenElevation,
            (&mut elevation as *mut TOKEN_ELEVATION).cast(),
            size_of::<TOKEN_ELEVATION>() as u32,
            &mut returned,
        );
        ok != 0 && elevation.TokenIsElevated != 0
    }
}
