//! One module per subcommand: validate, ask the core through the session, hand the result to
//! the renderer.

mod advise;
mod clean;
mod config;
mod history;
mod manual;
mod service;
#[cfg(windows)]
mod service_windows;
mod status;
mod watch;

use memsweep_app::Session;
use memsweep_core::ExitStatus;

use crate::args::Command;
use crate::Failure;

/// The commands that describe the command line itself (the manual, the completions) run
/// without a session: a broken config or an unreadable /proc must not stop them.
pub fn without_session(command: &Command) -> Option<Result<ExitStatus, Failure>> {
    match command {
        Command::Man(args) => Some(manual::man(args)),
        Command::Completions(args) => Some(manual::completions(args)),
        _ => None,
    }
}

pub fn run(command: Command, session: &Session) -> Result<ExitStatus, Failure> {
    match command {
        Command::Man(args) => manual::man(&args),
        Command::Completions(args) => manual::completions(&args),
        Command::Status(args) => status::status(&args, session),
        Command::Advise(args) => advise::advise(&args, session),
        Command::Areas(args) => status::areas(&args, session),
        Command::Clean(args) => clean::clean(&args, session),
        Command::Watch(args) => watch::watch(&args, session),
        Command::Top(args) => crate::top::top(&args, session),
        Command::History(args) => history::history(&args, session),
        Command::Config(command) => config::config(command, session),
        #[cfg(windows)]
        Command::Service(command) => service_windows::service(command, session),
        #[cfg(not(windows))]
        Command::Service(command) => service::service(command, session),
        Command::Autostart(command) => service::autostart(command, session),
    }
}
