//! From the command line and the config to a ready [`State`].

use std::path::PathBuf;
use std::time::Duration;

use memsweep_app::{config_file, history_file, Failure};
use memsweep_core::config::Language;
use memsweep_core::process::same_name;
use memsweep_core::rules::RuleEngine;
use memsweep_core::run::now_ms;
use memsweep_core::{ExitStatus, Selection};
use memsweep_i18n::{Lang, Messages};

use crate::app::{AreaItem, State, CLICKS};
use crate::render::Palette;
use crate::worker::SharedBackend;

/// The command line: `memsweep-tray [--config PATH] [--wait]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub config: Option<PathBuf>,
    /// Wait up to 10 s for a tray that is about to exit (after "restart elevated").
    pub wait: bool,
}

pub const USAGE: &str = "usage: memsweep-tray [--config PATH]\n\
    Shows used memory in the notification area; its menu cleans, its rules clean automatically.\n";

impl Options {
    pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.to_str() {
                Some("--config") => {
                    options.config = Some(args.next().ok_or("--config needs a path")?.into());
                }
                Some("--wait") => options.wait = true,
                _ => return Err(format!("unknown argument {}\n{USAGE}", arg.to_string_lossy())),
            }
        }
        Ok(options)
    }
}

/// A state ready to run.
pub struct Ready {
    pub state: State,
    /// The config's warnings (things that will not work here).
    pub warnings: Vec<String>,
    /// `watch.poll_interval_ms`: how often memory is read and the rules evaluated.
    pub poll: Duration,
}

/// Reads the config (a broken one stops the tray, as it stops `memsweep watch`) and builds the
/// state.
pub fn state(options: &Options, backend: &SharedBackend) -> Result<Ready, Failure> {
    let areas = backend.areas();
    let (loaded, warnings) = config_file::load(options.config.as_deref(), backend.os(), &areas)?;
    let config = loaded.config;
    let lang = match config.language {
        Language::Auto => Lang::from_os(),
        Language::English => Lang::English,
        Language::SimplifiedChinese => Lang::SimplifiedChinese,
    };
    let history = history_file::path(&config);
    let mut engine = RuleEngine::from_config(&config, &areas, now_ms());
    if let Some(last) = history_file::last_time_ms(&history) {
        engine.note_other_clean(last);
    }
    let default_areas = config.default_areas();
    let poll = Duration::from_millis(config.watch.poll_interval_ms.get());
    let pause_names = config.watch.pause_while.clone();
    let probe = backend.clone();
    let state = State {
        messages: Messages::new(lang),
        palette: Palette::from_config(&config.tray),
        clicks: CLICKS,
        areas: AreaItem::list(&areas),
        default_selection: if default_areas.is_empty() { Selection::Defaults } else { Selection::Ids(default_areas) },
        engine,
        paused: Box::new(move || {
            !pause_names.is_empty()
                && probe
                    .processes()
                    .is_ok_and(|running| running.iter().any(|p| pause_names.iter().any(|n| same_name(n, &p.name))))
        }),
        running: None,
        confirmed: Vec::new(),
        pending_confirm: None,
        start_at_login: false,
        elevated: backend.check_privilege().is_ok(),
        config_path: loaded.path,
        history_path: history,
        shown: None,
        tooltip: String::new(),
        last_reading: None,
    };
    Ok(Ready { state, warnings, poll })
}

/// A failure's exit status.
pub fn exit_code(failure: &Failure) -> u8 {
    match failure.status {
        ExitStatus::Ok => 1,
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn options() {
        let parse = |args: &[&str]| Options::parse(args.iter().map(std::ffi::OsString::from));
        assert_eq!(parse(&[]).unwrap(), Options::default());
        assert_eq!(
            parse(&["--config", "x.toml", "--wait"]).unwrap(),
            Options { config: Some("x.toml".into()), wait: true }
        );
        assert!(parse(&["--config"]).is_err());
        assert!(parse(&["--bogus"]).unwrap_err().contains("usage"));
    }
}
