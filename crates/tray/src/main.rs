//! memsweep-tray: see the crate documentation (src/lib.rs).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use memsweep_app::SharedBackend;
use memsweep_tray::instance;
use memsweep_tray::startup::{self, Options};

/// One line for the user: stderr, and on Windows (no console) a message box too.
fn tell(line: &str) {
    eprintln!("memsweep-tray: {line}");
    #[cfg(windows)]
    memsweep_tray::windows::message_box(line);
}

fn main() -> ExitCode {
    memsweep_app::harden_dll_search();
    if let Err(why) = memsweep_backend::check_runnable() {
        let failure = memsweep_app::Failure::from(why);
        tell(&failure.localized(&memsweep_i18n::Messages::new(memsweep_i18n::Lang::from_os())));
        return ExitCode::from(startup::exit_code(&failure));
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if memsweep_tray::settings::wanted(&args) {
        return ExitCode::from(memsweep_tray::settings::main(args));
    }
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(e) => {
            tell(&e);
            return ExitCode::from(2);
        }
    };
    let backend: SharedBackend = Arc::from(memsweep_backend::native());
    let startup::Ready { state, warnings, poll } = match startup::state(&options, backend.clone()) {
        Ok(ready) => ready,
        Err(failure) => {
            tell(&failure.localized(&memsweep_i18n::Messages::new(memsweep_i18n::Lang::from_os())));
            return ExitCode::from(startup::exit_code(&failure));
        }
    };
    for warning in &warnings {
        eprintln!("memsweep-tray: {}: {warning}", state.config_path.display());
    }
    // Linux: a desktop without a tray is told before the single-instance lock is taken.
    #[cfg(target_os = "linux")]
    if let Err(why) = memsweep_tray::linux::session_with_watcher() {
        eprintln!("memsweep-tray: {} ({why})", state.messages.get("tray-no-tray", &[]));
        return ExitCode::from(memsweep_tray::EXIT_NO_TRAY);
    }
    let wait = if options.wait { Duration::from_secs(10) } else { Duration::ZERO };
    let _instance = match instance::acquire_waiting(wait) {
        Ok(Some(instance)) => instance,
        Ok(None) => {
            // Quietly: starting it twice (autostart plus a click) is not an error worth a box.
            eprintln!("memsweep-tray: {}", state.messages.get("tray-already-running", &[]));
            return ExitCode::from(memsweep_core::ExitStatus::Busy.code());
        }
        Err(e) => {
            tell(&format!("cannot take the single-instance lock: {e}"));
            return ExitCode::from(1);
        }
    };
    #[cfg(target_os = "linux")]
    let code = memsweep_tray::linux::run(state, backend, poll, &options);
    #[cfg(windows)]
    let code = memsweep_tray::windows::run(state, backend, poll, &options);
    #[cfg(not(any(target_os = "linux", windows)))]
    let code = {
        let _ = (state, poll);
        eprintln!("memsweep-tray: {}", memsweep_i18n::tr("tray-no-tray"));
        memsweep_tray::EXIT_NO_TRAY
    };
    ExitCode::from(code)
}
