//! One module per subcommand: validate, ask the core, hand the result to the renderer.

mod clean;
mod config;
mod history;
mod service;
mod status;
mod watch;

use std::io::{self, Write};
use std::path::Path;

use memsweep_core::{Backend, ExitStatus};
use serde::Serialize;

use crate::args::Command;
use crate::Failure;

pub fn run(command: Command, config: Option<&Path>, backend: &(dyn Backend + Sync)) -> Result<ExitStatus, Failure> {
    match command {
        Command::Status(args) => status::status(&args, config, backend),
        Command::Areas(args) => status::areas(&args, backend),
        Command::Clean(args) => clean::clean(&args, config, backend),
        Command::Watch(args) => watch::watch(&args, config, backend),
        Command::Top(args) => crate::top::top(&args, config, backend),
        Command::History(args) => history::history(&args, config, backend),
        Command::Config(command) => config::config(command, config, backend),
        Command::Service(command) => service::service(command, config),
        Command::Autostart(command) => service::autostart(command, backend),
    }
}

pub(crate) fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`memsweep status | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::new(ExitStatus::Error, format!("writing output: {e}")))
        }
        _ => Ok(()),
    }
}

pub(crate) fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
    print(&(text + "\n"))
}
