//! Windows: the logon task through schtasks and task XML, the per-user Run key, the service.

use std::ffi::OsStr;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

use windows_sys::Win32::Foundation::{GetLastError, ERROR_FILE_NOT_FOUND, ERROR_SERVICE_DOES_NOT_EXIST, ERROR_SUCCESS};
use windows_sys::Win32::System::Registry::{
    RegCloseKey, RegCreateKeyExW, RegDeleteValueW, RegQueryValueExW, RegSetValueExW, HKEY, HKEY_CURRENT_USER,
    KEY_QUERY_VALUE, KEY_SET_VALUE, REG_OPTION_NON_VOLATILE, REG_SZ,
};
use windows_sys::Win32::System::Services::{
    CloseServiceHandle, OpenSCManagerW, OpenServiceW, SC_HANDLE, SC_MANAGER_CONNECT, SERVICE_QUERY_STATUS,
};

use super::{decode_task_text, task_file_bytes};

/// Child processes (schtasks) get no console window of their own, even from the tray.
const CREATE_NO_WINDOW: u32 = 0x0800_0000;

fn wide(text: impl AsRef<OsStr>) -> Vec<u16> {
    text.as_ref().encode_wide().chain(std::iter::once(0)).collect()
}

fn os_error(call: &str, code: u32) -> String {
    format!("{call}: {}", std::io::Error::from_raw_os_error(code as i32))
}

/// This process's user as a SID string (`S-1-5-21-...`), for the task's principal and trigger.
pub fn user_sid() -> Result<String, String> {
    crate::token::own_user_sid().map_err(|e| e.to_string())
}

/// Runs schtasks with these arguments; its failure is an error with what it said.
///
/// Its output goes to files, not pipes: a process schtasks starts on the way (Wine starts
/// `explorer.exe /desktop` for a process without a window station) may inherit the handles
/// and outlive it, and a pipe would then never reach its end. Only schtasks' exit is waited for.
fn schtasks(args: &[&OsStr]) -> Result<String, String> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static RUN: AtomicU32 = AtomicU32::new(0);
    let base = std::env::temp_dir().join(format!(
        "memsweep-schtasks-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let (out_path, err_path) = (base.with_extension("out"), base.with_extension("err"));
    let create = |path: &PathBuf| std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()));
    let (out_file, err_file) = (create(&out_path)?, create(&err_path)?);
    let status = Command::new("schtasks")
        .args(args)
        .creation_flags(CREATE_NO_WINDOW)
        .stdin(std::process::Stdio::null())
        .stdout(out_file)
        .stderr(err_file)
        .status();
    let read = |path: &PathBuf| {
        let text = std::fs::read(path).map(|bytes| decode_task_text(&bytes)).unwrap_or_default();
        let _ = std::fs::remove_file(path);
        text
    };
    let (stdout, stderr) = (read(&out_path), read(&err_path));
    let status = status.map_err(|e| format!("schtasks: {e}"))?;
    if status.success() {
        return Ok(stdout);
    }
    let said = [stderr, stdout].join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    Err(if said.is_empty() { format!("schtasks exited with {status}") } else { said })
}

/// Registers (or replaces) the task `name` from its XML.
pub fn register_task(name: &str, xml: &str) -> Result<(), String> {
    let file = std::env::temp_dir().join(format!("memsweep-task-{}-{name}.xml", std::process::id()));
    std::fs::write(&file, task_file_bytes(xml)).map_err(|e| format!("{}: {e}", file.display()))?;
    let result = schtasks(&[
        "/Create".as_ref(),
        "/F".as_ref(),
        "/TN".as_ref(),
        name.as_ref(),
        "/XML".as_ref(),
        file.as_os_str(),
    ]);
    let _ = std::fs::remove_file(&file);
    result.map(drop)
}

/// Deletes the task `name`.
pub fn delete_task(name: &str) -> Result<(), String> {
    schtasks(&["/Delete".as_ref(), "/F".as_ref(), "/TN".as_ref(), name.as_ref()]).map(drop)
}

/// The task store's file of a task: %SystemRoot%\System32\Tasks\NAME.
fn task_file(name: &str) -> PathBuf {
    let root = std::env::var_os("SystemRoot").map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
    root.join("System32").join("Tasks").join(name)
}

/// The registered task's XML; `None` when there is no such task. Asks `schtasks /Query /XML`
/// first; where that answers nothing (Wine's schtasks has no /Query), reads the task store's
/// file, which Task Scheduler keeps in the same format (readable by Administrators).
pub fn read_task(name: &str) -> Result<Option<String>, String> {
    let queried = schtasks(&["/Query".as_ref(), "/TN".as_ref(), name.as_ref(), "/XML".as_ref(), "ONE".as_ref()]);
    if let Ok(xml) = &queried {
        if xml.contains("<Task") {
            return Ok(Some(xml.clone()));
        }
    }
    match std::fs::read(task_file(name)) {
        Ok(bytes) => Ok(Some(decode_task_text(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(match queried {
            Err(said) => said,
            Ok(_) => format!("{}: {e}", task_file(name).display()),
        }),
    }
}

/// A Service Control Manager handle, closed with CloseServiceHandle on every path.
struct ScHandle(SC_HANDLE);

impl Drop for ScHandle {
    fn drop(&mut self) {
        // SAFETY: a live handle from OpenSCManagerW / OpenServiceW, closed once, here.
        unsafe { CloseServiceHandle(self.0) };
    }
}

/// Whether a Windows service of this name is installed (query access only).
pub fn service_installed(name: &str) -> Result<bool, String> {
    // SAFETY: the local machine's active database (two NULLs), connect access only.
    let manager = unsafe { OpenSCManagerW(std::ptr::null(), std::ptr::null(), SC_MANAGER_CONNECT) };
    if manager.is_null() {
        return Err(format!("OpenSCManager: {}", std::io::Error::last_os_error()));
    }
    let manager = ScHandle(manager);
    let name = wide(name);
    // SAFETY: a live manager handle and a NUL-terminated name; query-status access only.
    let service = unsafe { OpenServiceW(manager.0, name.as_ptr(), SERVICE_QUERY_STATUS) };
    if service.is_null() {
        // SAFETY: GetLastError has no preconditions; read right after the call it belongs to.
        let error = unsafe { GetLastError() };
        return if error == ERROR_SERVICE_DOES_NOT_EXIST { Ok(false) } else { Err(os_error("OpenService", error)) };
    }
    drop(ScHandle(service));
    Ok(true)
}

/// An open registry key, closed with RegCloseKey on every path.
struct Key(HKEY);

impl Drop for Key {
    fn drop(&mut self) {
        // SAFETY: a key this module opened, closed once, here.
        unsafe { RegCloseKey(self.0) };
    }
}

const RUN_KEY: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";

fn run_key(access: u32) -> Result<Key, String> {
    let path = wide(RUN_KEY);
    let mut key: HKEY = std::ptr::null_mut();
    // SAFETY: HKEY_CURRENT_USER, a NUL-terminated subkey path and an out-pointer to a local;
    // the key is created if missing (a fresh profile may lack it).
    let status = unsafe {
        RegCreateKeyExW(
            HKEY_CURRENT_USER,
            path.as_ptr(),
            0,
            std::ptr::null(),
            REG_OPTION_NON_VOLATILE,
            access,
            std::ptr::null(),
            &mut key,
            std::ptr::null_mut(),
        )
    };
    if status != ERROR_SUCCESS {
        return Err(os_error("RegCreateKeyEx(HKCU\\...\\Run)", status));
    }
    Ok(Key(key))
}

/// The command under this user's Run key for `value`, if any.
pub fn run_value(value: &str) -> Result<Option<String>, String> {
    let key = run_key(KEY_QUERY_VALUE)?;
    let name = wide(value);
    let mut buffer = vec![0u16; 4096];
    let mut bytes = (buffer.len() * 2) as u32;
    let mut kind = 0u32;
    // SAFETY: a live key, a NUL-terminated value name, and a buffer of `bytes` bytes.
    let status = unsafe {
        RegQueryValueExW(key.0, name.as_ptr(), std::ptr::null(), &mut kind, buffer.as_mut_ptr().cast(), &mut bytes)
    };
    match status {
        ERROR_SUCCESS => {
            let units = &buffer[..(bytes as usize / 2).min(buffer.len())];
            let end = units.iter().position(|&c| c == 0).unwrap_or(units.len());
            Ok(Some(String::from_utf16_lossy(&units[..end])))
        }
        ERROR_FILE_NOT_FOUND => Ok(None),
        other => Err(os_error("RegQueryValueEx", other)),
    }
}

/// Sets this user's Run-key `value` to `command` (any user may: no elevation).
pub fn set_run_value(value: &str, command: &str) -> Result<(), String> {
    let key = run_key(KEY_SET_VALUE)?;
    let name = wide(value);
    let data = wide(command);
    // SAFETY: a live key, a NUL-terminated name, and REG_SZ data of exactly the length passed
    // (NUL included, in bytes).
    let status =
        unsafe { RegSetValueExW(key.0, name.as_ptr(), 0, REG_SZ, data.as_ptr().cast(), (data.len() * 2) as u32) };
    if status != ERROR_SUCCESS {
        return Err(os_error("RegSetValueEx", status));
    }
    Ok(())
}

/// Removes this user's Run-key `value` (nothing to do when it is not there).
pub fn delete_run_value(value: &str) -> Result<(), String> {
    let key = run_key(KEY_SET_VALUE)?;
    let name = wide(value);
    // SAFETY: a live key opened with KEY_SET_VALUE and a NUL-terminated value name.
    match unsafe { RegDeleteValueW(key.0, name.as_ptr()) } {
        ERROR_SUCCESS | ERROR_FILE_NOT_FOUND => Ok(()),
        other => Err(os_error("RegDeleteValue", other)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::{task_xml, LogonTask, TaskSettings};
    use super::*;

    // scripts/test.sh runs these under Wine: real calls into Wine's SCM, registry and Task
    // Scheduler.

    #[test]
    fn services_are_found_by_name_with_query_access() {
        assert_eq!(service_installed("PlugPlay"), Ok(true), "Wine and Windows both run PlugPlay");
        assert_eq!(service_installed("memsweep-no-such-service"), Ok(false));
    }

    #[test]
    fn the_run_key_value_is_set_read_and_removed() {
        let value = "memsweep-unit-test";
        delete_run_value(value).unwrap();
        assert_eq!(run_value(value), Ok(None));
        set_run_value(value, r#""C:\memsweep\memsweep-tray.exe""#).unwrap();
        assert_eq!(run_value(value).unwrap().as_deref(), Some(r#""C:\memsweep\memsweep-tray.exe""#));
        delete_run_value(value).unwrap();
        assert_eq!(run_value(value), Ok(None));
    }

    #[test]
    fn a_task_registered_from_xml_reads_back_with_its_settings() {
        let sid = user_sid().unwrap();
        assert!(sid.starts_with("S-1-5-"), "{sid}");
        let name = "memsweep-unit-test";
        let _ = delete_task(name);
        assert_eq!(read_task(name), Ok(None));
        let xml = task_xml(&LogonTask {
            description: "memsweep unit test",
            user: &sid,
            command: r"C:\memsweep\memsweepw.exe",
            arguments: "watch",
        });
        register_task(name, &xml).unwrap();
        let read = read_task(name).unwrap().expect("registered");
        let settings = TaskSettings::parse(&read);
        // Task Scheduler (Wine's too) parsed the XML and kept the three settings.
        assert!(settings.starts_on_battery && !settings.stops_on_battery, "{read}");
        assert_eq!(settings.time_limit, None, "{read}");
        delete_task(name).unwrap();
        assert_eq!(read_task(name), Ok(None));
    }
}
