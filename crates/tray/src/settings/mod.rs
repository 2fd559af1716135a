//! The settings window: `memsweep-tray --settings`, the tray's "Settings…" and its settings
//! click all open it. A native Win32 window of plain controls ([`win32`]) over a platform-neutral
//! model: [`model`] (the fields, read from the config and written back through
//! [`memsweep_app::config_edit::ConfigEditor`] only), [`pages`] (what each page shows, every text
//! from the language files) and [`layout`] (where it all goes, measured, at the window's DPI).
//!
//! The window runs as its own process (`memsweep-tray --settings`), also when the tray opens it:
//! a Start-menu shortcut gets the same window, one at a time, and the tray's own message loop is
//! left alone. After a save it tells the running tray (a registered window message), which reads
//! its config again; `memsweep watch` notices the file's change by itself.
//!
//! On Linux there is no window: `--settings` and the menu's "Settings…" open the config file.

pub mod layout;
pub mod model;
pub mod pages;
#[cfg(windows)]
pub mod win32;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use memsweep_i18n::Lang;

/// `memsweep-tray --settings [--config PATH] [--lang TAG] [--check-layout]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub config: Option<PathBuf>,
    /// `en`, `zh-CN`, or the pseudo-locale `qps-ploc` (tests).
    pub lang: Option<String>,
    /// Lay the window out without showing it, measure every control's text against the control
    /// and print what does not fit; exit 1 if anything does not.
    pub check_layout: bool,
}

pub const USAGE: &str = "usage: memsweep-tray --settings [--config PATH] [--lang en|zh-CN] [--check-layout]\n\
    Opens the settings window (one at a time). --check-layout lays it out unseen and prints every\n\
    control whose text does not fit (exit 1 if any).\n";

/// Whether the command line asks for the settings window.
pub fn wanted(args: &[OsString]) -> bool {
    args.iter().any(|a| a == "--settings")
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.to_str() {
                Some("--settings") => {}
                Some("--config") => options.config = Some(args.next().ok_or("--config needs a path")?.into()),
                Some("--lang") => {
                    let tag = args.next().ok_or("--lang needs a language")?;
                    options.lang = Some(tag.to_string_lossy().into_owned());
                }
                Some("--check-layout") => options.check_layout = true,
                _ => return Err(format!("unknown argument {}\n{USAGE}", arg.to_string_lossy())),
            }
        }
        Ok(options)
    }

    /// The command line that opens this window again (for the tray's "Settings…").
    pub fn arguments(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec!["--settings".into()];
        if let Some(config) = &self.config {
            args.extend(["--config".into(), config.clone().into_os_string()]);
        }
        if let Some(lang) = &self.lang {
            args.extend(["--lang".into(), lang.into()]);
        }
        args
    }
}

/// Opens the settings window: this executable with `--settings`, as its own process, in the
/// tray's language (a language chosen from the menu holds until the tray ends). Returns at once.
pub fn open_window(config: Option<&Path>, lang: Lang) -> Result<(), String> {
    let options =
        Options { config: config.map(Path::to_path_buf), lang: Some(lang.tag().to_string()), ..Options::default() };
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let mut child = std::process::Command::new(&exe)
        .args(options.arguments())
        .stdin(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    // Reaped when it ends, so it never lingers as a handle of the tray.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// `memsweep-tray --settings ...`: the process's exit status.
pub fn main(args: Vec<OsString>) -> u8 {
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("memsweep-tray: {e}");
            return 2;
        }
    };
    #[cfg(windows)]
    {
        win32::run(&options)
    }
    #[cfg(not(windows))]
    {
        // No settings window here: the config file, in the desktop's editor.
        let path = memsweep_app::config_file::path(options.config.as_deref());
        let lang = Lang::choose(options.lang.as_deref(), None).unwrap_or(Lang::English);
        let shown = path.display().to_string();
        eprintln!(
            "memsweep-tray: {}",
            memsweep_i18n::Messages::new(lang)
                .get("settings-windows-only", &[("path", memsweep_i18n::Arg::Text(&shown))])
        );
        if options.check_layout {
            return crate::EXIT_NO_TRAY;
        }
        match crate::desktop::ensure_config(&path).and_then(|()| crate::desktop::open(&path)) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("memsweep-tray: {e}");
                crate::EXIT_NO_TRAY
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use memsweep_app::SharedBackend;
    use memsweep_core::{
        Area, AreaEffect, AreaError, AreaStatus, Backend, BackendError, CleanRequest, NeedPrivilege, ProcessInfo,
        Snapshot, Stage, Support,
    };

    use super::*;
    use crate::app::{dispatch, Action, Effect, Reading};
    use crate::startup;

    #[test]
    fn options() {
        let parse = |args: &[&str]| Options::parse(args.iter().map(OsString::from));
        assert!(wanted(&["--config".into(), "x".into(), "--settings".into()]));
        assert!(!wanted(&["--wait".into()]));
        let options = parse(&["--settings", "--config", "x.toml", "--lang", "qps-ploc", "--check-layout"]).unwrap();
        assert_eq!(
            options,
            Options { config: Some("x.toml".into()), lang: Some("qps-ploc".into()), check_layout: true }
        );
        assert!(parse(&["--settings", "--wait"]).unwrap_err().contains("usage: memsweep-tray --settings"));
        assert!(parse(&["--settings", "--lang"]).is_err());
        let again = Options { check_layout: false, ..options };
        assert_eq!(parse(&again.arguments().iter().map(|a| a.to_str().unwrap()).collect::<Vec<_>>()).unwrap(), again);
    }

    struct Fake;

    impl Backend for Fake {
        fn os(&self) -> &'static str {
            "windows"
        }
        fn snapshot(&self) -> Result<Snapshot, BackendError> {
            Err(BackendError::Unsupported("test".into()))
        }
        fn areas(&self) -> Vec<AreaStatus> {
            vec![AreaStatus {
                area: Area { default_on: true, ..Area::new("working-sets", Stage::Trim) },
                support: Support::Supported,
            }]
        }
        fn check_privilege(&self) -> Result<(), NeedPrivilege> {
            Ok(())
        }
        fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
            Ok(Vec::new())
        }
        fn clean(&self, _: &Area, _: &CleanRequest) -> Result<AreaEffect, AreaError> {
            Ok(AreaEffect::default())
        }
    }

    #[test]
    fn a_saved_config_rebuilds_the_trays_state_and_keeps_what_it_was_doing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        std::fs::write(&path, "[tray]\nwarning_percent = 50\n[history]\npath = \"h.jsonl\"\n").unwrap();
        let backend: SharedBackend = Arc::new(Fake);
        let options = startup::Options { config: Some(path.clone()), ..startup::Options::default() };
        let mut state = startup::state(&options, backend.clone()).unwrap().state;
        let reading = Reading { used_percent: 60.0, ..Reading::default() };
        dispatch(&mut state, Action::Tick { now_ms: 0, reading });
        assert!(state.shown.is_some());
        dispatch(&mut state, Action::CleanNow);
        assert!(state.running.is_some());
        assert!(state.auto.rules().is_empty());

        std::fs::write(
            &path,
            "language = \"zh-CN\"\n[tray]\nwarning_percent = 70\n[history]\npath = \"h.jsonl\"\n[[rules]]\nkind = \"usage\"\npercent = 80\n",
        )
        .unwrap();
        let (configured, _poll) = startup::reload(&options, backend).unwrap();
        // The icon is redrawn by the reload itself (at the new level), the tooltip by it or the next tick.
        let mut effects = crate::app::reload(&mut state, configured);
        assert_eq!(state.auto.rules().len(), 1, "the new rule");
        assert_eq!(state.messages.lang(), Lang::SimplifiedChinese);
        assert!(state.running.is_some(), "the clean in progress is still awaited");
        effects.extend(dispatch(&mut state, Action::Tick { now_ms: 1, reading }));
        let level = effects.iter().find_map(|e| match e {
            Effect::SetIcon { level, .. } => Some(*level),
            _ => None,
        });
        assert_eq!(level, Some(crate::render::Level::Normal), "60% is below the new warning level: redrawn");
        assert!(effects.iter().any(|e| matches!(e, Effect::SetTooltip(t) if t.contains("内存"))));
    }
}
