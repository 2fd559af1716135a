//! Start at login and opening files, per OS.
//!
//! Windows: a Task Scheduler logon task `memsweep-tray` with highest privileges (what
//! `memsweep autostart enable` does for `memsweep watch`), so the tray starts elevated at logon
//! without a UAC prompt. Linux: an XDG autostart entry (~/.config/autostart/memsweep-tray.desktop).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The logon task / autostart entry's name.
pub const TASK: &str = "memsweep-tray";

fn current_exe() -> Result<PathBuf, String> {
    std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))
}

#[cfg(windows)]
fn quiet(command: &mut Command) -> &mut Command {
    use std::os::windows::process::CommandExt;
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    command.creation_flags(CREATE_NO_WINDOW)
}

#[cfg(windows)]
pub fn start_at_login_enabled() -> bool {
    // Wine's schtasks answers every query with success and no output: only a listing that
    // names the task counts.
    quiet(Command::new("schtasks").args(["/Query", "/TN", TASK]))
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(TASK))
}

#[cfg(windows)]
pub fn set_start_at_login(on: bool) -> Result<(), String> {
    let exe = current_exe()?;
    let action = format!("\"{}\"", exe.display());
    let args: Vec<&str> = if on {
        vec!["/Create", "/F", "/TN", TASK, "/SC", "ONLOGON", "/RL", "HIGHEST", "/TR", &action]
    } else {
        vec!["/Delete", "/F", "/TN", TASK]
    };
    let out = quiet(Command::new("schtasks").args(&args)).output().map_err(|e| format!("schtasks: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let text = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(if text.is_empty() { format!("schtasks exited with {}", out.status) } else { text })
    }
}

#[cfg(not(windows))]
fn autostart_file() -> Option<PathBuf> {
    Some(dirs::config_dir()?.join("autostart").join(format!("{TASK}.desktop")))
}

/// The XDG autostart entry for `exe`.
pub fn desktop_entry(exe: &Path) -> String {
    format!(
        "[Desktop Entry]\nType=Application\nName=memsweep tray\nComment=Used memory in the tray; clean from its menu\n\
         Exec=\"{}\"\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
        exe.display()
    )
}

#[cfg(not(windows))]
pub fn start_at_login_enabled() -> bool {
    autostart_file().is_some_and(|f| f.exists())
}

#[cfg(not(windows))]
pub fn set_start_at_login(on: bool) -> Result<(), String> {
    let file = autostart_file().ok_or("no config directory")?;
    if on {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&file, desktop_entry(&current_exe()?)).map_err(|e| format!("{}: {e}", file.display()))
    } else {
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", file.display())),
            _ => Ok(()),
        }
    }
}

/// Writes the commented default config where there is none, so "Open config" always opens one.
pub fn ensure_config(path: &Path) -> Result<(), String> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, memsweep_core::config::DEFAULT_FILE).map_err(|e| format!("{}: {e}", path.display()))
}

/// `memsweep` (the CLI) next to this executable, if it is there.
pub fn cli_next_to_me() -> Option<PathBuf> {
    let name = if cfg!(windows) { "memsweep.exe" } else { "memsweep" };
    let cli = current_exe().ok()?.parent()?.join(name);
    cli.exists().then_some(cli)
}

/// Opens a file with the desktop's handler (xdg-open), without waiting for it.
#[cfg(not(windows))]
pub fn open(path: &Path) -> Result<(), String> {
    let mut child = Command::new("xdg-open").arg(path).spawn().map_err(|e| format!("xdg-open: {e}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_autostart_entry_runs_this_executable() {
        let entry = desktop_entry(Path::new("/opt/memsweep/memsweep-tray"));
        assert!(entry.starts_with("[Desktop Entry]\nType=Application\n"));
        assert!(entry.contains("Exec=\"/opt/memsweep/memsweep-tray\"\n"));
    }

    #[test]
    fn open_config_writes_the_default_file_only_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("memsweep.toml");
        ensure_config(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), memsweep_core::config::DEFAULT_FILE);
        std::fs::write(&path, "language = \"en\"\n").unwrap();
        ensure_config(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "language = \"en\"\n");
    }
}
