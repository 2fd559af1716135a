//! `memsweep`: parse the command line, run one command, print, exit with a documented code.

mod args;
mod commands;
mod logging;
mod render;
mod top;

use std::process::ExitCode;

use clap::Parser;

pub use memsweep_app::Failure;

fn main() -> ExitCode {
    memsweep_app::harden_dll_search();
    let cli = args::Cli::parse();
    let configured = memsweep_app::config_file::language_hint(cli.config.as_deref());
    match memsweep_i18n::Lang::choose(cli.lang.as_deref(), configured) {
        Ok(lang) => memsweep_i18n::init(lang),
        Err(e) => {
            eprintln!("memsweep: --lang: {e}");
            return ExitCode::from(memsweep_core::ExitStatus::Usage.code());
        }
    }
    let backend = memsweep_backend::native();
    match commands::run(cli.command, cli.config.as_deref(), backend.as_ref()) {
        Ok(status) => ExitCode::from(status.code()),
        Err(failure) => {
            eprintln!("memsweep: {}", localize(&failure, backend.os()));
            ExitCode::from(failure.status.code())
        }
    }
}

/// The failure's line in the user's language, where it is one memsweep words itself.
fn localize(failure: &Failure, os: &str) -> String {
    use memsweep_core::ExitStatus;
    match failure.status {
        ExitStatus::NoPermission if failure.message.starts_with("cleaning needs") => {
            memsweep_i18n::tr(if os == "windows" { "error-needs-admin" } else { "error-needs-root" })
        }
        _ => failure.message.clone(),
    }
}
