//! Token privileges and elevation.

use std::mem::{size_of, zeroed};
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::sync::OnceLock;

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
    /// Opening other users' and services' processes to trim them one by one.
    Debug,
}

impl Privilege {
    pub const fn name(self) -> &'static str {
        match self {
            Privilege::ProfileSingleProcess => "SeProfileSingleProcessPrivilege",
            Privilege::IncreaseQuota => "SeIncreaseQuotaPrivilege",
            Privilege::Debug => "SeDebugPrivilege",
        }
    }
}

/// Whether each privilege the cleaning calls need was really enabled; `Err` says why not.
#[derive(Debug)]
pub struct Held {
    profile: Result<(), String>,
    quota: Result<(), String>,
    /// Enabled only when a per-process trim first needs it (an Administrator holds it disabled).
    debug: OnceLock<Result<(), String>>,
}

impl Held {
    /// Whether `privilege` is enabled (SeDebugPrivilege: enabled now, the first time it is
    /// asked for); if not, the area fails saying why.
    pub fn check(&self, privilege: Privilege) -> Result<(), AreaError> {
        self.result(privilege).clone().map_err(AreaError::Failed)
    }

    /// Why `privilege` could not be enabled, if it could not.
    pub fn why_not(&self, privilege: Privilege) -> Option<&str> {
        self.result(privilege).as_ref().err().map(String::as_str)
    }

    fn result(&self, privilege: Privilege) -> &Result<(), String> {
        match privilege {
            Privilege::ProfileSingleProcess => &self.profile,
            Privilege::IncreaseQuota => &self.quota,
            Privilege::Debug => self.debug.get_or_init(|| enable_now(Privilege::Debug)),
        }
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

fn luid_of(privilege: Privilege) -> Result<LUID, String> {
    let name = privilege.name();
    let mut luid = LUID { LowPart: 0, HighPart: 0 };
    let wide_name = wide(name);
    // SAFETY: NUL-terminated UTF-16 name and an out-pointer to a local LUID.
    if unsafe { LookupPrivilegeValueW(std::ptr::null(), wide_name.as_ptr(), &mut luid) } == 0 {
        return Err(format!("{name}: LookupPrivilegeValue: {}", std::io::Error::last_os_error()));
    }
    Ok(luid)
}

fn enable(token: &OwnedHandle, privilege: Privilege) -> Result<(), String> {
    adjust(token, privilege, SE_PRIVILEGE_ENABLED)
}

/// Sets `privilege`'s attributes in the token (SE_PRIVILEGE_ENABLED, or 0 to disable it).
fn adjust(token: &OwnedHandle, privilege: Privilege, attributes: u32) -> Result<(), String> {
    let name = privilege.name();
    let luid = luid_of(privilege)?;
    let privileges = TOKEN_PRIVILEGES {
        PrivilegeCount: 1,
        Privileges: [LUID_AND_ATTRIBUTES { Luid: luid, Attributes: attributes }],
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

/// Whether `privilege` is enabled in this process's token now (TokenPrivileges).
#[cfg(test)]
pub fn is_enabled(privilege: Privilege) -> Result<bool, String> {
    let luid = luid_of(privilege)?;
    let token = open_token(TOKEN_QUERY)?;
    let mut needed = 0u32;
    // SAFETY: a size query: no buffer, the size needed written to a local.
    unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            windows_sys::Win32::Security::TokenPrivileges,
            std::ptr::null_mut(),
            0,
            &mut needed,
        )
    };
    // u64 words: aligned for TOKEN_PRIVILEGES; room for what the token said it needs.
    let mut words = vec![0u64; (needed as usize).div_ceil(8).max(1)];
    let length = (words.len() * 8) as u32;
    // SAFETY: a live, exclusively owned buffer of `length` bytes, aligned for TOKEN_PRIVILEGES.
    if unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            windows_sys::Win32::Security::TokenPrivileges,
            words.as_mut_ptr().cast(),
            length,
            &mut needed,
        )
    } == 0
    {
        return Err(format!("GetTokenInformation(TokenPrivileges): {}", std::io::Error::last_os_error()));
    }
    let header = std::mem::offset_of!(TOKEN_PRIVILEGES, Privileges);
    let entry = size_of::<LUID_AND_ATTRIBUTES>();
    // SAFETY: the call succeeded, so the buffer starts with a TOKEN_PRIVILEGES whose count says
    // how many LUID_AND_ATTRIBUTES follow; each is read only when it lies inside the buffer.
    let found = unsafe {
        let base = words.as_ptr().cast::<u8>();
        let count = (*base.cast::<TOKEN_PRIVILEGES>()).PrivilegeCount as usize;
        (0..count)
            .take_while(|i| header + (i + 1) * entry <= length as usize)
            .map(|i| std::ptr::read_unaligned(base.add(header + i * entry).cast::<LUID_AND_ATTRIBUTES>()))
            .find(|p| p.Luid.LowPart == luid.LowPart && p.Luid.HighPart == luid.HighPart)
    };
    Ok(found.is_some_and(|p| p.Attributes & SE_PRIVILEGE_ENABLED != 0))
}

/// Disables `privilege` in this process's token (tests start from a disabled privilege).
#[cfg(test)]
pub fn disable(privilege: Privilege) -> Result<(), String> {
    adjust(&open_token(TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY)?, privilege, 0)
}

/// Enables SeProfileSingleProcessPrivilege and SeIncreaseQuotaPrivilege, once per process.
pub fn enable_cleaning_privileges() -> Held {
    match open_token(TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY) {
        Ok(token) => Held {
            profile: enable(&token, Privilege::ProfileSingleProcess),
            quota: enable(&token, Privilege::IncreaseQuota),
            debug: OnceLock::new(),
        },
        Err(why) => Held { profile: Err(why.clone()), quota: Err(why), debug: OnceLock::new() },
    }
}

/// Enables one privilege now; `Err` says why it could not be.
pub fn enable_now(privilege: Privilege) -> Result<(), String> {
    enable(&open_token(TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY)?, privilege)
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
