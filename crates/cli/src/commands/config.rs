//! `memsweep config path | show | init | check`.

use std::path::Path;

use memsweep_core::config::DEFAULT_FILE;
use memsweep_core::{Backend, ExitStatus};

use super::print;
use crate::args::ConfigCommand;
use memsweep_app::config_file;

use crate::Failure;

pub fn config(command: ConfigCommand, explicit: Option<&Path>, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let path = config_file::path(explicit);
    match command {
        ConfigCommand::Path => print(&format!("{}\n", path.display()))?,
        ConfigCommand::Show => {
            let (loaded, _) = config_file::load(explicit, backend.os(), &backend.areas())?;
            let source = if loaded.text.is_some() { "" } else { " (no file there: these are the defaults)" };
            let text = toml::to_string(&loaded.config).map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
            print(&format!("# {}{source}\n{text}", loaded.path.display()))?;
        }
        ConfigCommand::Init { force } => {
            if path.exists() && !force {
                return Err(Failure::new(
                    ExitStatus::Usage,
                    format!("{} already exists (use --force to replace it)", path.display()),
                ));
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Failure::new(ExitStatus::Error, format!("{}: {e}", dir.display())))?;
            }
            std::fs::write(&path, DEFAULT_FILE)
                .map_err(|e| Failure::new(ExitStatus::Error, format!("{}: {e}", path.display())))?;
            print(&format!("wrote {}\n", path.display()))?;
        }
        ConfigCommand::Check => {
            let (loaded, warnings) = config_file::load(explicit, backend.os(), &backend.areas())?;
            for warning in &warnings {
                eprintln!("memsweep: warning: {}: {warning}", loaded.path.display());
            }
            let rules = loaded.config.rules.len();
            match loaded.text {
                Some(_) => print(&format!("{}: ok ({rules} rules)\n", loaded.path.display()))?,
                None => print(&format!("{}: no file; the defaults apply\n", loaded.path.display()))?,
            }
        }
    }
    Ok(ExitStatus::Ok)
}
