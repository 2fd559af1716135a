//! `memsweep`: parse the command line, run one command, print, exit with a documented code.

mod args;
mod commands;
mod config_file;
mod history_file;
mod lock;
mod logging;
mod render;

use std::process::ExitCode;

use clap::Parser;
use memsweep_core::ExitStatus;

/// An error that ends the program: one line for stderr and the exit status it maps to.
#[derive(Debug)]
pub struct Failure {
    pub status: ExitStatus,
    pub message: String,
}

impl Failure {
    pub fn new(status: ExitStatus, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let backend = memsweep_backend::native();
    match commands::run(cli.command, cli.config.as_deref(), backend.as_ref()) {
        Ok(status) => ExitCode::from(status.code()),
        Err(failure) => {
            eprintln!("memsweep: {}", failure.message);
            ExitCode::from(failure.status.code())
        }
    }
}
