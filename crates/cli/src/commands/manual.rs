//! `memsweep man` and `memsweep completions SHELL`: the manual pages and shell completions,
//! generated from the clap definitions in args.rs, so they never describe another command
//! line than the real one. The Debian package ships their output (scripts/release.sh); users
//! who installed with cargo get the same text from these commands.

use std::path::Path;

use clap::CommandFactory;
use memsweep_core::ExitStatus;

use crate::args::{Cli, CompletionsArgs, ManArgs};
use crate::output::print;
use crate::Failure;

/// The command line as the manual describes it: the plain version (the build's commit and
/// target belong to `--version`, not to every page's footer).
fn command() -> clap::Command {
    Cli::command().version(env!("CARGO_PKG_VERSION"))
}

fn failure(what: &Path, e: std::io::Error) -> Failure {
    Failure::new(ExitStatus::Error, format!("{}: {e}", what.display()))
}

pub fn man(args: &ManArgs) -> Result<ExitStatus, Failure> {
    match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| failure(dir, e))?;
            // memsweep.1 plus memsweep-clean.1, memsweep-config-init.1, ...: `man memsweep-clean`.
            clap_mangen::generate_to(command(), dir).map_err(|e| failure(dir, e))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command())
                .render(&mut page)
                .map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
            print(&String::from_utf8_lossy(&page))?;
        }
    }
    Ok(ExitStatus::Ok)
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitStatus, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command(), "memsweep", &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(ExitStatus::Ok)
}
