//! memsweepw: runs `memsweep.exe` (the one next to it) with the same arguments and no console
//! window, waits for it, and ends with its exit status. The logon task of `memsweep autostart
//! enable` runs `memsweepw.exe watch`.
//!
//! Why: memsweep.exe is a console program. Started at logon, Windows gives it a console window
//! before any of its code runs, and closing that window kills the daemon. This program is a
//! GUI-subsystem one (no console), and starts memsweep.exe with CREATE_NO_WINDOW, which runs a
//! console program with no window at all (documented; `conhost --headless` is not).
//!
//! memsweep's output then has no console to go to: it is written to
//! %LOCALAPPDATA%\memsweep\memsweepw.log (the last run's only), and the exit status is what
//! Task Scheduler shows as the task's last result.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

/// The log of the last run, where memsweep's stdout and stderr go.
#[cfg(windows)]
fn log_file() -> Option<std::fs::File> {
    let dir = std::path::PathBuf::from(std::env::var_os("LOCALAPPDATA")?).join("memsweep");
    std::fs::create_dir_all(&dir).ok()?;
    std::fs::File::create(dir.join("memsweepw.log")).ok()
}

#[cfg(windows)]
fn main() -> ExitCode {
    use std::os::windows::process::CommandExt;
    use std::process::{Command, Stdio};
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;

    let Some(cli) = std::env::current_exe().ok().map(|me| me.with_file_name("memsweep.exe")) else {
        return ExitCode::from(1);
    };
    let log = log_file();
    let output = |log: &Option<std::fs::File>| {
        log.as_ref().and_then(|f| f.try_clone().ok()).map_or_else(Stdio::null, Stdio::from)
    };
    let mut command = Command::new(&cli);
    command.args(std::env::args_os().skip(1)).creation_flags(CREATE_NO_WINDOW).stdin(Stdio::null());
    command.stdout(output(&log)).stderr(output(&log));
    match command.status() {
        // memsweep's exit codes all fit in a byte (crates/core/src/exit.rs)
        Ok(status) => ExitCode::from(status.code().map_or(1, |code| u8::try_from(code).unwrap_or(1))),
        Err(e) => {
            if let Some(mut log) = log {
                use std::io::Write;
                let _ = writeln!(log, "memsweepw: cannot start {}: {e}", cli.display());
            }
            ExitCode::from(1)
        }
    }
}

/// Elsewhere there is no console window to avoid: say so.
#[cfg(not(windows))]
fn main() -> ExitCode {
    eprintln!("memsweepw: the windowless launcher is for Windows; run memsweep itself");
    ExitCode::from(2)
}
