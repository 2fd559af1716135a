//! Files the Windows service acts on as SYSTEM — its config, the folder holding it, its own
//! executable — must be changeable by nobody but SYSTEM, Administrators, TrustedInstaller and
//! the administrator installing it: otherwise whoever may change them runs code, or writes
//! files, as SYSTEM. The Windows counterpart of the Linux check that a root daemon's config is
//! owned by root and writable by no one else (config_file.rs).
//!
//! The decision is plain data (owner and ACEs as SID strings), compiled and tested on every OS;
//! reading and setting the security descriptors is Windows only.

/// LocalSystem.
pub const SYSTEM: &str = "S-1-5-18";
/// BUILTIN\Administrators.
pub const ADMINISTRATORS: &str = "S-1-5-32-544";
/// NT SERVICE\TrustedInstaller, which owns Windows' own files.
pub const TRUSTED_INSTALLER: &str = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
/// OWNER RIGHTS: an ACE for it applies to the owner, who is judged as the owner.
pub const OWNER_RIGHTS: &str = "S-1-3-4";
/// CREATOR OWNER: only ever a template for what is created inside; it grants nothing itself.
pub const CREATOR_OWNER: &str = "S-1-3-0";

/// Rights that change a file, or what a folder holds: write data / add a file (0x2), append
/// data / add a subfolder (0x4), write extended attributes (0x10), delete a child (0x40),
/// DELETE, WRITE_DAC, WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE.
pub const CHANGE_RIGHTS: u32 =
    0x2 | 0x4 | 0x10 | 0x40 | 0x0001_0000 | 0x0004_0000 | 0x0008_0000 | 0x1000_0000 | 0x4000_0000;

/// The service's folder (%ProgramData%\memsweep) as `service install` leaves it: its DACL
/// protected (ProgramData's own lets every user create files in it), SYSTEM and
/// Administrators in full control, Users may read (the history, the log); files and
/// subfolders inherit it.
pub const SERVICE_DIR_SDDL: &str = "D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)";

/// One ACE of a DACL, as far as the check needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ace {
    /// An access-allowed ACE (deny ACEs are not counted on: a file is judged by what it allows).
    pub allow: bool,
    /// INHERIT_ONLY_ACE: a template for children, granting nothing on this object.
    pub inherit_only: bool,
    pub mask: u32,
    pub sid: String,
}

/// Who, besides SYSTEM, Administrators, TrustedInstaller and `also_trusted`, could change an
/// object with this owner and DACL (`None`: a NULL DACL, which lets everyone do anything). The
/// owner may always rewrite the DACL, so an untrusted owner counts.
pub fn untrusted_writers(owner: &str, dacl: Option<&[Ace]>, also_trusted: &[&str]) -> Vec<String> {
    let trusted = |sid: &str| [SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER].contains(&sid) || also_trusted.contains(&sid);
    let mut who = Vec::new();
    if !trusted(owner) {
        who.push(owner.to_string());
    }
    match dacl {
        None => who.push("S-1-1-0".into()), // Everyone
        Some(aces) => {
            for ace in aces {
                let grants_change = ace.allow && !ace.inherit_only && ace.mask & CHANGE_RIGHTS != 0;
                let judged_elsewhere = ace.sid == OWNER_RIGHTS || ace.sid == CREATOR_OWNER;
                if grants_change && !judged_elsewhere && !trusted(&ace.sid) && !who.contains(&ace.sid) {
                    who.push(ace.sid.clone());
                }
            }
        }
    }
    who
}

#[cfg(windows)]
pub use system::{check, check_owner, secure_dir, Unsafe};

#[cfg(windows)]
mod system {
    use std::io;
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    use windows_sys::Win32::Foundation::{LocalFree, ERROR_SUCCESS};
    use windows_sys::Win32::Security::Authorization::{
        ConvertSidToStringSidW, ConvertStringSecurityDescriptorToSecurityDescriptorW, ConvertStringSidToSidW,
        GetNamedSecurityInfoW, SetNamedSecurityInfoW, SDDL_REVISION_1, SE_FILE_OBJECT,
    };
    use windows_sys::Win32::Security::{
        GetAce, GetSecurityDescriptorDacl, LookupAccountSidW, ACCESS_ALLOWED_ACE, ACE_HEADER, ACL,
        DACL_SECURITY_INFORMATION, INHERIT_ONLY_ACE, OWNER_SECURITY_INFORMATION, PROTECTED_DACL_SECURITY_INFORMATION,
        PSECURITY_DESCRIPTOR, PSID, SECURITY_ATTRIBUTES, SID_NAME_USE,
    };
    use windows_sys::Win32::Storage::FileSystem::CreateDirectoryW;

    use super::{untrusted_writers, Ace, SERVICE_DIR_SDDL};

    fn wide(path: &Path) -> Vec<u16> {
        path.as_os_str().encode_wide().chain(std::iter::once(0)).collect()
    }

    /// Memory a security call allocated with LocalAlloc, freed once.
    struct Local(*mut core::ffi::c_void);

    impl Drop for Local {
        fn drop(&mut self) {
            if !self.0.is_null() {
                // SAFETY: allocated by the call that filled it, with LocalAlloc; freed once, here.
                unsafe { LocalFree(self.0) };
            }
        }
    }

    fn sid_string(sid: PSID) -> String {
        let mut text: windows_sys::core::PWSTR = std::ptr::null_mut();
        // SAFETY: a valid SID inside a live security descriptor; the string is LocalAlloc'd.
        if unsafe { ConvertSidToStringSidW(sid, &mut text) } == 0 {
            return "?".into();
        }
        let _free = Local(text.cast());
        // SAFETY: a NUL-terminated string from ConvertSidToStringSidW, read up to its NUL.
        unsafe {
            let len = (0..).take_while(|&i| *text.add(i) != 0).count();
            String::from_utf16_lossy(std::slice::from_raw_parts(text, len))
        }
    }

    /// `BUILTIN\Users (S-1-5-32-545)`, or the SID alone where it has no name.
    fn named(sid: &str) -> String {
        let text: Vec<u16> = sid.encode_utf16().chain(std::iter::once(0)).collect();
        let mut raw: PSID = std::ptr::null_mut();
        // SAFETY: a NUL-terminated SID string and an out-pointer; the SID is LocalAlloc'd.
        if unsafe { ConvertStringSidToSidW(text.as_ptr(), &mut raw) } == 0 {
            return sid.to_string();
        }
        let _free = Local(raw);
        let (mut name, mut domain) = (vec![0u16; 256], vec![0u16; 256]);
        let (mut name_len, mut domain_len) = (name.len() as u32, domain.len() as u32);
        let mut kind: SID_NAME_USE = 0;
        // SAFETY: a valid SID and two buffers with their lengths in characters.
        let ok = unsafe {
            LookupAccountSidW(
                std::ptr::null(),
                raw,
                name.as_mut_ptr(),
                &mut name_len,
                domain.as_mut_ptr(),
                &mut domain_len,
                &mut kind,
            )
        };
        if ok == 0 {
            return sid.to_string();
        }
        let name = String::from_utf16_lossy(&name[..(name_len as usize).min(name.len())]);
        let domain = String::from_utf16_lossy(&domain[..(domain_len as usize).min(domain.len())]);
        if domain.is_empty() {
            format!("{name} ({sid})")
        } else {
            format!("{domain}\\{name} ({sid})")
        }
    }

    /// The owner and the DACL of a file or folder, as SID strings.
    fn read(path: &Path) -> io::Result<(String, Option<Vec<Ace>>)> {
        let name = wide(path);
        let (mut owner, mut dacl): (PSID, *mut ACL) = (std::ptr::null_mut(), std::ptr::null_mut());
        let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
        // SAFETY: a NUL-terminated path and out-pointers to locals; the owner and DACL point
        // into the descriptor, which is LocalAlloc'd and freed when `_free` goes.
        let status = unsafe {
            GetNamedSecurityInfoW(
                name.as_ptr(),
                SE_FILE_OBJECT,
                OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                &mut owner,
                std::ptr::null_mut(),
                &mut dacl,
                std::ptr::null_mut(),
                &mut descriptor,
            )
        };
        if status != ERROR_SUCCESS {
            return Err(io::Error::from_raw_os_error(status as i32));
        }
        let _free = Local(descriptor);
        let owner = sid_string(owner);
        let (mut present, mut defaulted) = (0, 0);
        let mut acl: *mut ACL = std::ptr::null_mut();
        // SAFETY: a live descriptor and out-pointers to locals.
        unsafe { GetSecurityDescriptorDacl(descriptor, &mut present, &mut acl, &mut defaulted) };
        if present == 0 || acl.is_null() {
            return Ok((owner, None));
        }
        // SAFETY: a live ACL inside the descriptor.
        let count = unsafe { (*acl).AceCount };
        let mut aces = Vec::new();
        for index in 0..u32::from(count) {
            let mut entry: *mut core::ffi::c_void = std::ptr::null_mut();
            // SAFETY: an index below the ACL's count; the ACE points into the ACL.
            if unsafe { GetAce(acl, index, &mut entry) } == 0 {
                continue;
            }
            // SAFETY: every ACE starts with an ACE_HEADER; ACCESS_ALLOWED_ACE (type 0) and
            // ACCESS_DENIED_ACE (type 1) share the layout, with the SID starting at SidStart.
            let ace = unsafe {
                let header = *entry.cast::<ACE_HEADER>();
                if header.AceType > 1 {
                    continue;
                }
                let allowed = entry.cast::<ACCESS_ALLOWED_ACE>();
                Ace {
                    allow: header.AceType == 0,
                    inherit_only: u32::from(header.AceFlags) & INHERIT_ONLY_ACE != 0,
                    mask: (*allowed).Mask,
                    sid: sid_string(std::ptr::addr_of_mut!((*allowed).SidStart).cast()),
                }
            };
            aces.push(ace);
        }
        Ok((owner, Some(aces)))
    }

    /// Why an object the service acts on is refused: who else could change it.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Unsafe {
        pub path: String,
        /// Each account, named where Windows knows the name.
        pub who: Vec<String>,
    }

    /// Refuses `path` when anyone but SYSTEM, Administrators, TrustedInstaller and
    /// `also_trusted` (SID strings) could change it.
    pub fn check(path: &Path, also_trusted: &[&str]) -> io::Result<Result<(), Unsafe>> {
        let (owner, dacl) = read(path)?;
        let who = untrusted_writers(&owner, dacl.as_deref(), also_trusted);
        if who.is_empty() {
            return Ok(Ok(()));
        }
        Ok(Err(Unsafe { path: path.display().to_string(), who: who.iter().map(|sid| named(sid)).collect() }))
    }

    /// Refuses `path` when its owner is not SYSTEM, Administrators, TrustedInstaller or one of
    /// `also_trusted` (the owner may always change the DACL; the DACL itself is not judged).
    pub fn check_owner(path: &Path, also_trusted: &[&str]) -> io::Result<Result<(), Unsafe>> {
        let (owner, _) = read(path)?;
        let who = untrusted_writers(&owner, Some(&[]), also_trusted);
        if who.is_empty() {
            return Ok(Ok(()));
        }
        Ok(Err(Unsafe { path: path.display().to_string(), who: who.iter().map(|sid| named(sid)).collect() }))
    }

    /// Makes `dir` the service's folder: created with [`SERVICE_DIR_SDDL`] and, made now or
    /// before, given that DACL (protected; what is inside inherits it anew). Its owner, and the
    /// owners of what is inside, are not changed: the caller checks them.
    pub fn secure_dir(dir: &Path) -> io::Result<()> {
        let text: Vec<u16> = SERVICE_DIR_SDDL.encode_utf16().chain(std::iter::once(0)).collect();
        let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
        // SAFETY: a NUL-terminated SDDL string and an out-pointer; LocalAlloc'd, freed by `_free`.
        if unsafe {
            ConvertStringSecurityDescriptorToSecurityDescriptorW(
                text.as_ptr(),
                SDDL_REVISION_1,
                &mut descriptor,
                std::ptr::null_mut(),
            )
        } == 0
        {
            return Err(io::Error::last_os_error());
        }
        let _free = Local(descriptor);
        let name = wide(dir);
        if !dir.exists() {
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let attributes = SECURITY_ATTRIBUTES {
                nLength: std::mem::size_of::<SECURITY_ATTRIBUTES>() as u32,
                lpSecurityDescriptor: descriptor,
                bInheritHandle: 0,
            };
            // SAFETY: a NUL-terminated path and attributes pointing at a live descriptor. Made
            // with its DACL at once: ProgramData's would let users add files for a moment.
            if unsafe { CreateDirectoryW(name.as_ptr(), &attributes) } == 0 {
                return Err(io::Error::last_os_error());
            }
        }
        // Set (again) in any case: a folder that was there keeps what it had otherwise, and
        // Wine applies a new folder's descriptor only so.
        let (mut present, mut defaulted) = (0, 0);
        let mut dacl: *mut ACL = std::ptr::null_mut();
        // SAFETY: a live descriptor and out-pointers to locals.
        unsafe { GetSecurityDescriptorDacl(descriptor, &mut present, &mut dacl, &mut defaulted) };
        // SAFETY: a NUL-terminated path and the DACL inside the live descriptor; the call
        // copies it onto the folder and propagates what is inheritable to what is inside.
        let status = unsafe {
            SetNamedSecurityInfoW(
                name.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                dacl,
                std::ptr::null(),
            )
        };
        if status != ERROR_SUCCESS {
            return Err(io::Error::from_raw_os_error(status as i32));
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        #![allow(clippy::unwrap_used)]
        use super::*;

        // Run under Wine by scripts/test.sh: Wine keeps security descriptors of files it set,
        // and makes up one for the others (owner and full control: the user; Everyone reads).

        #[test]
        fn a_folder_made_the_services_allows_only_system_and_administrators_to_change_it() {
            let base = tempfile::tempdir().unwrap();
            let dir = base.path().join("service");
            secure_dir(&dir).unwrap();
            // Its owner is whoever made it: this user (Windows gives an elevated
            // administrator's folders to Administrators; Wine to the user).
            let me = crate::token::own_user_sid().unwrap();
            assert_eq!(check(&dir, &[&me]).unwrap(), Ok(()));
            // Windows reads back SERVICE_DIR_SDDL here; Wine 8 answers a made-up descriptor
            // for every folder (SYSTEM and the user in full control, Everyone reads), which the
            // check passes too: the folder's own DACL needs a real Windows to see.
            let (_, dacl) = read(&dir).unwrap();
            let dacl = dacl.unwrap();
            assert!(dacl.iter().any(|a| a.sid == super::super::SYSTEM), "{dacl:?}");
            std::fs::write(dir.join("memsweep.toml"), "").unwrap();
            assert_eq!(check(&dir.join("memsweep.toml"), &[&me]).unwrap(), Ok(()));
            // set again on a folder that exists: the same
            secure_dir(&dir).unwrap();
            assert_eq!(check(&dir, &[&me]).unwrap(), Ok(()));
        }

        #[test]
        fn a_file_others_may_write_is_refused_naming_them() {
            let base = tempfile::tempdir().unwrap();
            let file = base.path().join("open.toml");
            std::fs::write(&file, "").unwrap();
            // Everyone: full control
            let text: Vec<u16> = "D:P(A;;FA;;;WD)".encode_utf16().chain(std::iter::once(0)).collect();
            let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
            // SAFETY: as in secure_dir.
            unsafe {
                ConvertStringSecurityDescriptorToSecurityDescriptorW(
                    text.as_ptr(),
                    SDDL_REVISION_1,
                    &mut descriptor,
                    std::ptr::null_mut(),
                )
            };
            let _free = Local(descriptor);
            let (mut present, mut defaulted) = (0, 0);
            let mut dacl: *mut ACL = std::ptr::null_mut();
            // SAFETY: a live descriptor, out-pointers to locals; then a path and that DACL.
            let status = unsafe {
                GetSecurityDescriptorDacl(descriptor, &mut present, &mut dacl, &mut defaulted);
                SetNamedSecurityInfoW(
                    wide(&file).as_ptr(),
                    SE_FILE_OBJECT,
                    DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    dacl,
                    std::ptr::null(),
                )
            };
            assert_eq!(status, ERROR_SUCCESS);
            let refused = check(&file, &[]).unwrap().unwrap_err();
            assert!(refused.who.iter().any(|w| w.contains("S-1-1-0")), "{refused:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ace(sid: &str, mask: u32) -> Ace {
        Ace { allow: true, inherit_only: false, mask, sid: sid.into() }
    }

    const READ_EXECUTE: u32 = 0x0012_00A9;
    const FULL: u32 = 0x001F_01FF;
    const MODIFY: u32 = 0x0013_01BF;
    const USERS: &str = "S-1-5-32-545";
    const AUTHENTICATED: &str = "S-1-5-11";

    #[test]
    fn only_system_administrators_trustedinstaller_and_the_installer_may_change_it() {
        let service_dir = [ace(SYSTEM, FULL), ace(ADMINISTRATORS, FULL), ace(USERS, READ_EXECUTE)];
        assert!(untrusted_writers(ADMINISTRATORS, Some(&service_dir), &[]).is_empty());
        assert!(untrusted_writers(TRUSTED_INSTALLER, Some(&service_dir), &[]).is_empty());
        // a folder under C:\ as Windows makes it: Authenticated Users may modify
        let tools =
            [ace(SYSTEM, FULL), ace(ADMINISTRATORS, FULL), ace(AUTHENTICATED, MODIFY), ace(USERS, READ_EXECUTE)];
        assert_eq!(untrusted_writers(ADMINISTRATORS, Some(&tools), &[]), [AUTHENTICATED]);
        // ProgramData's own: users may create files in it (0x2, 0x4)
        let program_data = [ace(SYSTEM, FULL), ace(ADMINISTRATORS, FULL), ace(USERS, 0x6)];
        assert_eq!(untrusted_writers(SYSTEM, Some(&program_data), &[]), [USERS]);
        // a file a user made: its owner may always change its DACL
        let alice = "S-1-5-21-1-2-3-1001";
        assert_eq!(untrusted_writers(alice, Some(&service_dir), &[]), [alice]);
        // the administrator installing the service is trusted with what is theirs
        let admin = "S-1-5-21-1-2-3-500";
        let own = [ace(SYSTEM, FULL), ace(admin, FULL)];
        assert!(untrusted_writers(admin, Some(&own), &[admin]).is_empty());
        assert_eq!(untrusted_writers(admin, Some(&own), &[]), [admin]);
    }

    #[test]
    fn templates_denies_reads_and_null_dacls_are_judged_for_what_they_grant() {
        let template = Ace { inherit_only: true, ..ace(USERS, FULL) };
        let deny = Ace { allow: false, ..ace(USERS, FULL) };
        let creator = ace(CREATOR_OWNER, FULL);
        let owner_rights = ace(OWNER_RIGHTS, FULL);
        let read = ace("S-1-1-0", READ_EXECUTE);
        assert!(untrusted_writers(SYSTEM, Some(&[template, deny, creator, owner_rights, read]), &[]).is_empty());
        assert_eq!(untrusted_writers(SYSTEM, None, &[]), ["S-1-1-0"], "a NULL DACL lets everyone in");
        for right in [0x2, 0x4, 0x10, 0x40, 0x1_0000, 0x4_0000, 0x8_0000, 0x1000_0000, 0x4000_0000] {
            assert_eq!(untrusted_writers(SYSTEM, Some(&[ace(USERS, right)]), &[]), [USERS], "{right:#x}");
        }
        // reading, executing, attributes and synchronize change nothing
        assert!(untrusted_writers(SYSTEM, Some(&[ace(USERS, READ_EXECUTE | 0x100 | 0x80)]), &[]).is_empty());
    }
}
