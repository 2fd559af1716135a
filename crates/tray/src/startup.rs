//! From the command line and the config to a ready [`State`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use memsweep_app::{AutoCleaner, Failure, Session, SessionOptions, SharedBackend};
use memsweep_core::run::now_ms;
use memsweep_core::ExitStatus;

use crate::app::{Configured, Environment, State};

/// The command line: `memsweep-tray [--config PATH] [--wait]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub config: Option<PathBuf>,
    /// Wait up to 10 s for a tray that is about to exit (after "restart elevated").
    pub wait: bool,
}

pub const USAGE: &str = "usage: memsweep-tray [--config PATH]\n\
    Shows used memory in the notification area; its menu cleans, its rules clean automatically.\n\
    memsweep-tray --settings [--config PATH] opens the settings window.\n";

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
    let session = open(options, backend)?;
    let config = session.config()?;
    let elevated = session.backend().check_privilege().is_ok();
    let service = service_answers(&session.endpoint());
    let environment = Environment {
        areas: session.areas().to_vec(),
        elevated,
        service,
        endpoint: session.endpoint(),
        login_way: crate::desktop::login_way(elevated, service),
        config_path: session.config_path(),
    };
    let state = State::new(configured(&session)?, environment);
    let poll = Duration::from_millis(config.watch.poll_interval_ms.get());
    Ok(Ready { state, warnings: session.warnings()?.to_vec(), poll })
}

fn open(options: &Options, backend: SharedBackend) -> Result<Session, Failure> {
    Session::open(SessionOptions { config: options.config.clone(), ..SessionOptions::default() }, backend)
}

/// Everything the tray takes from a session's config.
fn configured(session: &Session) -> Result<Configured, Failure> {
    let config = session.config()?;
    let auto = AutoCleaner::open(session, now_ms())?;
    Ok(Configured::from_config(config, session.lang(), auto, session.history_path()?))
}

/// Notices an edit of the config file (the settings window, an editor) by its modification
/// time and length, cheaply, on every poll.
pub struct ConfigWatch {
    path: PathBuf,
    seen: Option<(std::time::SystemTime, u64)>,
}

fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl ConfigWatch {
    pub fn new(path: &Path) -> ConfigWatch {
        ConfigWatch { path: path.to_path_buf(), seen: stamp(path) }
    }

    /// Whether the file changed since the last call (or [`ConfigWatch::mark`]).
    pub fn changed(&mut self) -> bool {
        let now = stamp(&self.path);
        let changed = now != self.seen;
        self.seen = now;
        changed
    }

    /// The file as it is now is known (the tray wrote it itself): no reload for it.
    pub fn mark(&mut self) {
        self.seen = stamp(&self.path);
    }
}

/// The config read again after an edit; `Err` (a config the check refuses, said in one line)
/// leaves the running one in place, as `memsweep watch` does. With the new poll interval.
pub fn reload(options: &Options, backend: SharedBackend) -> Result<(Configured, Duration), Failure> {
    let session = open(options, backend)?;
    let poll = Duration::from_millis(session.config()?.watch.poll_interval_ms.get());
    Ok((configured(&session)?, poll))
}

/// Whether the memsweep service answers at `endpoint` now.
pub(crate) fn service_answers(endpoint: &std::path::Path) -> bool {
    memsweep_app::control::client::service_info(endpoint).is_ok()
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
