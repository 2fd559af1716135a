//! From the command line and the config to a ready [`State`].

use std::path::PathBuf;
use std::time::Duration;

use memsweep_app::{AutoCleaner, Failure, Session, SessionOptions, SharedBackend};
use memsweep_core::run::now_ms;
use memsweep_core::ExitStatus;
use memsweep_i18n::Messages;

use crate::app::{AreaItem, Reader, State, CLICKS};
use crate::render::Palette;

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

/// Opens the session (a broken config stops the tray, as it stops `memsweep watch`) and builds
/// the state.
pub fn state(options: &Options, backend: SharedBackend) -> Result<Ready, Failure> {
    let session =
        Session::open(SessionOptions { config: options.config.clone(), ..SessionOptions::default() }, backend)?;
    let config = session.config()?;
    let areas = session.areas().to_vec();
    let elevated = session.backend().check_privilege().is_ok();
    let service = service_answers(&session.endpoint());
    let state = State {
        messages: Messages::new(session.lang()),
        palette: Palette::from_config(&config.tray),
        clicks: CLICKS,
        menu_areas: AreaItem::list(&areas),
        areas,
        default_selection: session.default_selection()?,
        auto: AutoCleaner::open(&session, now_ms())?,
        reader: Reader::new(config.advise.clone(), session.areas().to_vec()),
        running: None,
        confirmed: Vec::new(),
        pending_confirm: None,
        start_at_login: false,
        elevated,
        service,
        endpoint: session.endpoint(),
        login_way: crate::desktop::login_way(elevated, service),
        config_path: session.config_path(),
        history_path: session.history_path()?,
        clean_request: session.clean_request()?,
        shown: None,
        tooltip: String::new(),
        last_reading: None,
    };
    let poll = Duration::from_millis(config.watch.poll_interval_ms.get());
    Ok(Ready { state, warnings: session.warnings()?.to_vec(), poll })
}

/// Whether the memsweep service answers at `endpoint` now.
pub(crate) fn service_answers(endpoint: &std::path::Path) -> bool {
    use memsweep_app::control::client::{ask, QUICK_TIMEOUT};
    use memsweep_app::control::{Answer, Request};
    matches!(ask(endpoint, &Request::Status, QUICK_TIMEOUT), Ok(Answer::Status { .. }))
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
