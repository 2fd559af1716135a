//! `memsweep`: parse the command line, open the session, run one command, print, exit with a
//! documented code.

mod args;
mod commands;
mod logging;
mod output;
mod render;
mod top;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use memsweep_app::{Session, SessionOptions};

pub use memsweep_app::Failure;

fn main() -> ExitCode {
    memsweep_app::harden_dll_search();
    // Before anything else: a build that cannot run here says so in one line and does nothing.
    if let Err(why) = memsweep_backend::check_runnable() {
        let messages = memsweep_i18n::Messages::new(memsweep_i18n::Lang::from_os());
        return fail_with(&Failure::from(why), &messages);
    }
    let cli = args::Cli::parse();
    if let Some(outcome) = commands::without_session(&cli.command) {
        return outcome.map_or_else(|failure| fail(&failure), |status| ExitCode::from(status.code()));
    }
    let options = SessionOptions { config: cli.config.clone(), lang: cli.lang.clone(), control: cli.control.clone() };
    let session = match Session::open(options, Arc::from(memsweep_backend::native())) {
        Ok(session) => session,
        Err(failure) => return fail(&failure),
    };
    memsweep_i18n::init(session.lang());
    match commands::run(cli.command, &session) {
        Ok(status) => ExitCode::from(status.code()),
        Err(failure) => fail(&failure),
    }
}

/// The failure's one line, in the user's language, and its exit status.
fn fail(failure: &Failure) -> ExitCode {
    fail_with(failure, memsweep_i18n::current())
}

fn fail_with(failure: &Failure, messages: &memsweep_i18n::Messages) -> ExitCode {
    eprintln!("memsweep: {}", failure.localized(messages));
    ExitCode::from(failure.status.code())
}
