//! Windows access tokens: whose they are and whether they belong to an elevated administrator.
//! Used for the endpoint's callers (control/windows.rs) and this process's own user (the logon
//! task's principal).

use std::io;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};

use windows_sys::Win32::Foundation::{LocalFree, HANDLE};
use windows_sys::Win32::Security::Authorization::ConvertSidToStringSidW;
use windows_sys::Win32::Security::{
    CheckTokenMembership, CreateWellKnownSid, DuplicateToken, GetTokenInformation, LookupAccountSidW,
    SecurityIdentification, TokenElevation, TokenUser, WinBuiltinAdministratorsSid, PSID, SECURITY_MAX_SID_SIZE,
    SID_NAME_USE, TOKEN_DUPLICATE, TOKEN_ELEVATION, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, OpenProcess, OpenProcessToken, PROCESS_QUERY_LIMITED_INFORMATION,
};

/// A handle from a call that answers NULL on failure, owned.
fn owned(handle: HANDLE, call: &str) -> io::Result<OwnedHandle> {
    if handle.is_null() {
        let e = io::Error::last_os_error();
        return Err(io::Error::new(e.kind(), format!("{call}: {e}")));
    }
    // SAFETY: a live handle the call just returned to this process, owned by no one else.
    Ok(unsafe { OwnedHandle::from_raw_handle(handle) })
}

fn last_error(call: &str) -> io::Error {
    let e = io::Error::last_os_error();
    io::Error::new(e.kind(), format!("{call}: {e}"))
}

/// The token of a process (`None`: this one), with `access`.
pub fn process_token(pid: Option<u32>, access: u32) -> io::Result<OwnedHandle> {
    let process = match pid {
        // SAFETY: OpenProcess takes any pid and returns a new handle or NULL.
        Some(pid) => Some(owned(unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) }, "OpenProcess")?),
        None => None,
    };
    // SAFETY: the current process's pseudo-handle needs no closing.
    let raw = process.as_ref().map_or_else(|| unsafe { GetCurrentProcess() }, |p| p.as_raw_handle());
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: a live process handle (or the pseudo-handle) and an out-pointer to a local.
    if unsafe { OpenProcessToken(raw, access, &mut token) } == 0 {
        return Err(last_error("OpenProcessToken"));
    }
    owned(token, "OpenProcessToken")
}

/// TokenUser: the SID string (`S-1-5-21-...`) of the token's user, and the SID's bytes.
fn token_user(token: &OwnedHandle) -> io::Result<Vec<u64>> {
    let mut needed = 0u32;
    // SAFETY: a size query: no buffer; the size needed goes to a local.
    unsafe { GetTokenInformation(token.as_raw_handle(), TokenUser, std::ptr::null_mut(), 0, &mut needed) };
    // u64 words: aligned for TOKEN_USER, and as long as the token asked for.
    let mut words = vec![0u64; (needed as usize).div_ceil(8).max(2)];
    let length = (words.len() * 8) as u32;
    // SAFETY: a live, exclusively owned, aligned buffer of `length` bytes.
    let ok = unsafe {
        GetTokenInformation(token.as_raw_handle(), TokenUser, words.as_mut_ptr().cast(), length, &mut needed)
    };
    if ok == 0 {
        return Err(last_error("GetTokenInformation(TokenUser)"));
    }
    Ok(words)
}

/// The SID inside a TOKEN_USER buffer from [`token_user`].
fn user_sid_in(words: &[u64]) -> PSID {
    // SAFETY: the buffer holds the TOKEN_USER GetTokenInformation wrote; its SID pointer points
    // into the same buffer, which the caller keeps alive while it uses the SID.
    unsafe { (*words.as_ptr().cast::<TOKEN_USER>()).User.Sid }
}

/// A SID as its string form.
fn sid_string(sid: PSID) -> io::Result<String> {
    let mut text: windows_sys::core::PWSTR = std::ptr::null_mut();
    // SAFETY: a valid SID; ConvertSidToStringSidW allocates the string with LocalAlloc.
    if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 {
        return Err(last_error("ConvertSidToStringSid"));
    }
    // SAFETY: a NUL-terminated string from ConvertSidToStringSidW, read up to its NUL, then
    // freed once with LocalFree as its documentation says.
    unsafe {
        let len = (0..).take_while(|&i| *text.add(i) != 0).count();
        let sid = String::from_utf16_lossy(std::slice::from_raw_parts(text, len));
        LocalFree(text.cast());
        Ok(sid)
    }
}

/// The token's user as a SID string (`S-1-5-21-...`).
pub fn user_sid(token: &OwnedHandle) -> io::Result<String> {
    let words = token_user(token)?;
    sid_string(user_sid_in(&words))
}

/// The token's user as `DOMAIN\name` (just `name` without a domain), where it can be looked up.
pub fn account_name(token: &OwnedHandle) -> Option<String> {
    let words = token_user(token).ok()?;
    let sid = user_sid_in(&words);
    let (mut name, mut domain) = (vec![0u16; 256], vec![0u16; 256]);
    let (mut name_len, mut domain_len) = (name.len() as u32, domain.len() as u32);
    let mut kind: SID_NAME_USE = 0;
    // SAFETY: a valid SID inside `words`, two buffers with their lengths in characters; the
    // call writes at most that many and sets the lengths to what it wrote (without the NUL).
    let ok = unsafe {
        LookupAccountSidW(
            std::ptr::null(),
            sid,
            name.as_mut_ptr(),
            &mut name_len,
            domain.as_mut_ptr(),
            &mut domain_len,
            &mut kind,
        )
    };
    if ok == 0 {
        return None;
    }
    let name = String::from_utf16_lossy(&name[..(name_len as usize).min(name.len())]);
    let domain = String::from_utf16_lossy(&domain[..(domain_len as usize).min(domain.len())]);
    Some(if domain.is_empty() { name } else { format!("{domain}\\{name}") })
}

/// Whether the token is elevated (TokenElevation).
fn is_elevated(token: &OwnedHandle) -> bool {
    let mut elevation = TOKEN_ELEVATION { TokenIsElevated: 0 };
    let mut returned = 0u32;
    // SAFETY: TOKEN_ELEVATION is plain data; its exact size and a live token are passed.
    let ok = unsafe {
        GetTokenInformation(
            token.as_raw_handle(),
            TokenElevation,
            (&mut elevation as *mut TOKEN_ELEVATION).cast(),
            std::mem::size_of::<TOKEN_ELEVATION>() as u32,
            &mut returned,
        )
    };
    ok != 0 && elevation.TokenIsElevated != 0
}

/// Whether the Administrators group is enabled in an impersonation token (CheckTokenMembership:
/// in a UAC-filtered token the group is deny-only, and does not count).
fn is_admin_member(impersonation: &OwnedHandle) -> bool {
    let mut sid = [0u8; SECURITY_MAX_SID_SIZE as usize];
    let mut size = sid.len() as u32;
    // SAFETY: a buffer of `size` bytes for the well-known SID, no domain.
    if unsafe {
        CreateWellKnownSid(WinBuiltinAdministratorsSid, std::ptr::null_mut(), sid.as_mut_ptr().cast(), &mut size)
    } == 0
    {
        return false;
    }
    let mut member = 0;
    // SAFETY: a live impersonation token, the SID just built, an out-pointer to a local.
    let ok = unsafe { CheckTokenMembership(impersonation.as_raw_handle(), sid.as_mut_ptr().cast(), &mut member) };
    ok != 0 && member != 0
}

/// An elevated administrator: the token is elevated and Administrators is enabled in it. The
/// token must be an impersonation token (a thread's, or one from [`process_is_elevated_admin`]).
pub fn is_elevated_admin(impersonation: &OwnedHandle) -> bool {
    is_elevated(impersonation) && is_admin_member(impersonation)
}

/// Whether process `pid` runs as an elevated administrator (its primary token, duplicated into
/// an identification token for CheckTokenMembership). `false` when it cannot be told.
pub fn process_is_elevated_admin(pid: u32) -> bool {
    let Ok(primary) = process_token(Some(pid), TOKEN_QUERY | TOKEN_DUPLICATE) else { return false };
    let mut duplicate: HANDLE = std::ptr::null_mut();
    // SAFETY: a live token opened with TOKEN_DUPLICATE and an out-pointer to a local.
    if unsafe { DuplicateToken(primary.as_raw_handle(), SecurityIdentification, &mut duplicate) } == 0 {
        return false;
    }
    owned(duplicate, "DuplicateToken").is_ok_and(|token| is_elevated_admin(&token))
}

/// This process's user as a SID string.
pub fn own_user_sid() -> io::Result<String> {
    user_sid(&process_token(None, TOKEN_QUERY)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    // Run under Wine by scripts/test.sh: real token calls.

    #[test]
    fn this_process_has_a_user_sid_and_a_name() {
        let sid = own_user_sid().unwrap();
        assert!(sid.starts_with("S-1-5-"), "{sid}");
        let token = process_token(None, TOKEN_QUERY).unwrap();
        let name = account_name(&token).unwrap();
        assert!(!name.is_empty() && !name.ends_with('\\'), "{name}");
        assert_eq!(user_sid(&process_token(Some(std::process::id()), TOKEN_QUERY).unwrap()).unwrap(), sid);
    }

    #[test]
    fn an_elevated_process_is_an_elevated_admin() {
        // Wine runs every program with an elevated administrator's token.
        assert!(process_is_elevated_admin(std::process::id()));
        assert!(!process_is_elevated_admin(0xFFFF_FFF0), "no such process: not an administrator");
    }
}
