//! `memsweep`: parse the command line, run one command, print, exit with a documented code.

mod args;
mod commands;
mod logging;
mod render;

use std::process::ExitCode;

use clap::Parser;

pub use memsweep_app::Failure;

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
