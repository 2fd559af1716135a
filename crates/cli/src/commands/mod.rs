//! One module per subcommand: validate, ask the core through the session, hand the result to
//! the renderer.

mod advise;
mod clean;
mod config;
mod history;
mod service;
#[cfg(windows)]
mod service_windows;
mod status;
mod watch;

use memsweep_app::Session;
use memsweep_core::ExitStatus;

use crate::args::Command;
use crate::Failure;

pub fn run(command: Command, session: &Session) -> Result<ExitStatus, Failure> {
    match command {
        Command::Status(args) => status::status(&args, session),
        Command::Advise(args) => advise::advise(&args, session),
        Command::Areas(args) => status::areas(&args, session),
        Command::Clean(args) => clean::clean(&args, session),
        Command::Watch(args) => watch::watch(&args, session),
        Command::Top(args) => crate::top::top(&args, session),
        Command::History(args) => history::history(&args, session),
        Command::Config(command) => config::config(command, session),
        Command::Service(command) => service::service(command, session),
        Command::Autostart(command) => service::autostart(command, session),
    }
}
