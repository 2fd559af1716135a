//! `memsweep config path | show | init | check`.

use memsweep_app::Session;
use memsweep_core::config::DEFAULT_FILE;
use memsweep_core::ExitStatus;

use crate::args::ConfigCommand;
use crate::output::print;
use crate::Failure;

pub fn config(command: ConfigCommand, session: &Session) -> Result<ExitStatus, Failure> {
    let path = session.config_path();
    match command {
        ConfigCommand::Path => print(&format!("{}\n", path.display()))?,
        ConfigCommand::Show => {
            let config = session.config()?;
            let source = if session.has_config_file() { "" } else { " (no file there: these are the defaults)" };
            let text = toml::to_string(config).map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
            print(&format!("# {}{source}\n{text}", path.display()))?;
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
            let rules = session.config()?.rules.len();
            for warning in session.warnings()? {
                eprintln!("memsweep: warning: {}: {warning}", path.display());
            }
            if session.has_config_file() {
                print(&format!("{}: ok ({rules} rules)\n", path.display()))?;
            } else {
                print(&format!("{}: no file; the defaults apply\n", path.display()))?;
            }
        }
    }
    Ok(ExitStatus::Ok)
}
