//! Start at login and opening files, per OS.
//!
//! Windows, in the way [`LoginWay`] chose at start-up: with the memsweep service installed the
//! tray needs no elevation and starts from the per-user Run key (`memsweep-tray`); without it,
//! from a Task Scheduler logon task `memsweep-tray` with highest privileges (no UAC prompt at
//! logon), registered from task XML that lets it start and keep running on battery with no time
//! limit. Linux: an XDG autostart entry (~/.config/autostart/memsweep-tray.desktop).

use std::path::{Path, PathBuf};
#[cfg(not(windows))]
use std::process::Command;

use memsweep_app::autostart::LoginWay;

/// The autostart entry's name (Linux).
pub const TASK: &str = "memsweep-tray";

fn current_exe() -> Result<PathBuf, String> {
    std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))
}

/// How the tray can start at logon here, for this process. `service_answers`: the service's
/// endpoint answered (it runs); an installed service counts even when it is stopped.
#[cfg(windows)]
pub fn login_way(elevated: bool, service_answers: bool) -> LoginWay {
    use memsweep_app::autostart::{system, SERVICE};
    // Query access only; an SCM that cannot be asked counts as no service.
    let installed = service_answers || system::service_installed(SERVICE).unwrap_or(false);
    LoginWay::windows(installed, elevated)
}

#[cfg(not(windows))]
pub fn login_way(_elevated: bool, _service_answers: bool) -> LoginWay {
    LoginWay::DesktopEntry
}

#[cfg(windows)]
pub fn start_at_login_enabled(way: LoginWay) -> bool {
    use memsweep_app::autostart::{system, TRAY_RUN_VALUE, TRAY_TASK};
    match way {
        LoginWay::RunKey => system::run_value(TRAY_RUN_VALUE).is_ok_and(|v| v.is_some()),
        LoginWay::ElevatedTask => system::read_task(TRAY_TASK).is_ok_and(|t| t.is_some()),
        LoginWay::NeedsAdministrator | LoginWay::DesktopEntry => false,
    }
}

#[cfg(windows)]
pub fn set_start_at_login(way: LoginWay, on: bool) -> Result<(), String> {
    use memsweep_app::autostart::{quoted, system, task_xml, LogonTask, TRAY_RUN_VALUE, TRAY_TASK};
    let exe = current_exe()?.display().to_string();
    match (way, on) {
        (LoginWay::RunKey, true) => system::set_run_value(TRAY_RUN_VALUE, &quoted(&exe)),
        (LoginWay::RunKey, false) => system::delete_run_value(TRAY_RUN_VALUE),
        (LoginWay::ElevatedTask, true) => {
            let user = system::user_sid()?;
            let description = "memsweep tray: used memory in the notification area, rules on a timer";
            let task = LogonTask { description, user: &user, command: &exe, arguments: "" };
            system::register_task(TRAY_TASK, &task_xml(&task))
        }
        (LoginWay::ElevatedTask, false) => system::delete_task(TRAY_TASK),
        (LoginWay::NeedsAdministrator | LoginWay::DesktopEntry, _) => {
            Err("start at login needs Administrator or the memsweep service".into())
        }
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
pub fn start_at_login_enabled(_way: LoginWay) -> bool {
    autostart_file().is_some_and(|f| f.exists())
}

#[cfg(not(windows))]
pub fn set_start_at_login(_way: LoginWay, on: bool) -> Result<(), String> {
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

/// The CLI to run: next to this executable, else by name from PATH.
pub fn cli() -> PathBuf {
    cli_next_to_me().unwrap_or_else(|| PathBuf::from(if cfg!(windows) { "memsweep.exe" } else { "memsweep" }))
}

/// Linux: the ways to run `memsweep top` in a terminal, best first, as (program, arguments):
/// `$TERMINAL -e` when it is set, then Debian's `x-terminal-emulator -e`.
pub fn top_commands_linux(cli: &Path, terminal: Option<&str>) -> Vec<(String, Vec<String>)> {
    let args = vec!["-e".to_string(), cli.display().to_string(), "top".to_string()];
    let mut ways = Vec::new();
    if let Some(terminal) = terminal.map(str::trim).filter(|t| !t.is_empty()) {
        ways.push((terminal.to_string(), args.clone()));
    }
    ways.push(("x-terminal-emulator".to_string(), args));
    ways
}

/// Windows: the ways to run `memsweep top` in a terminal, best first, as (program, parameters
/// for ShellExecuteW): Windows Terminal where it is installed, else a console (`cmd.exe /k`,
/// which stays open after top ends).
pub fn top_commands_windows(cli: &Path) -> Vec<(String, String)> {
    let cli = cli.display();
    vec![("wt.exe".into(), format!("\"{cli}\" top")), ("cmd.exe".into(), format!("/k \"\"{cli}\" top\""))]
}

/// Linux: `memsweep top` in a terminal, without waiting for it.
#[cfg(not(windows))]
pub fn open_top() -> Result<(), String> {
    let terminal = std::env::var("TERMINAL").ok();
    let mut errors = Vec::new();
    for (program, args) in top_commands_linux(&cli(), terminal.as_deref()) {
        match Command::new(&program).args(&args).spawn() {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => errors.push(format!("{program}: {e}")),
        }
    }
    Err(errors.join("; "))
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
    fn the_manifest_pins_no_processor_architecture() {
        let manifest = include_str!("../res/memsweep-tray.manifest");
        assert!(manifest.contains(r#"name="memsweep.tray" version="1.0.0.0" processorArchitecture="*""#));
        assert!(!manifest.contains("amd64"), "an x86-64 pin keeps an arm64 build from starting");
    }

    #[test]
    fn top_opens_in_the_users_terminal_or_the_systems() {
        let cli = Path::new("/opt/memsweep/memsweep");
        let args = vec!["-e".to_string(), "/opt/memsweep/memsweep".into(), "top".into()];
        assert_eq!(
            top_commands_linux(cli, Some("kitty")),
            [("kitty".to_string(), args.clone()), ("x-terminal-emulator".to_string(), args.clone())]
        );
        assert_eq!(top_commands_linux(cli, Some(" ")), [("x-terminal-emulator".to_string(), args)]);
        let exe = Path::new(r"C:\Program Files\memsweep\memsweep.exe");
        assert_eq!(
            top_commands_windows(exe),
            [
                ("wt.exe".to_string(), r#""C:\Program Files\memsweep\memsweep.exe" top"#.to_string()),
                ("cmd.exe".to_string(), r#"/k ""C:\Program Files\memsweep\memsweep.exe" top""#.to_string()),
            ]
        );
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
