//! Finding and loading memsweep.toml.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use memsweep_core::config::Config;
use memsweep_core::{AreaStatus, ExitStatus};

use crate::Failure;

/// Where the config is: `--config`, else (Windows) a portable memsweep.toml next to the
/// executable, else the platform's config directory (XDG on Linux, %APPDATA% on Windows).
pub fn path(explicit: Option<&Path>) -> PathBuf {
    if let Some(path) = explicit {
        return path.to_path_buf();
    }
    if cfg!(windows) {
        if let Some(portable) = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.join("memsweep.toml"))) {
            if portable.exists() {
                return portable;
            }
        }
    }
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join("memsweep").join("memsweep.toml")
}

/// The config file as read: where it is and its text (`None`: there is no file, the defaults
/// apply).
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: Option<String>,
}

fn config_failure(message: impl Into<String>) -> Failure {
    Failure::new(ExitStatus::Config, message)
}

/// Reads the config. A missing file means the defaults, unless it was named with `--config`.
pub fn read(explicit: Option<&Path>) -> Result<Source, Failure> {
    let path = path(explicit);
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        // The default path of another user (sudo -u, setpriv keep $HOME) is not ours to read.
        Err(e) if explicit.is_none() && matches!(e.kind(), ErrorKind::NotFound | ErrorKind::PermissionDenied) => None,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(config_failure(format!(
                "{shown}: no such file (create it with `memsweep config init --config {shown}`)"
            )))
        }
        Err(e) => return Err(config_failure(format!("{shown}: {e}"))),
    };
    if text.is_some() {
        refuse_if_others_can_write(&path)?;
    }
    Ok(Source { path, text })
}

impl Source {
    fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// The config it holds (the defaults when there is no file).
    pub fn parse(&self) -> Result<Config, Failure> {
        match &self.text {
            Some(text) => Config::parse(&self.shown(), text).map_err(|e| config_failure(e.to_string())),
            None => Ok(Config::default()),
        }
    }

    /// Checks `config` (parsed from this source) against this OS's areas; its warnings.
    pub fn check(&self, config: &Config, os: &str, areas: &[AreaStatus]) -> Result<Vec<String>, Failure> {
        match &self.text {
            Some(text) => config.check(&self.shown(), text, os, areas).map_err(|e| config_failure(e.to_string())),
            None => Ok(Vec::new()),
        }
    }
}

/// Run as root, memsweep acts on what the config says: like sudo and sshd, it refuses a file
/// (or a directory holding it) that someone other than root could change.
#[cfg(unix)]
fn refuse_if_others_can_write(path: &Path) -> Result<(), Failure> {
    use std::os::unix::fs::MetadataExt;
    if !crate::lock::is_root() {
        return Ok(());
    }
    let shown = path.display();
    let file = std::fs::metadata(path).map_err(|e| config_failure(format!("{shown}: {e}")))?;
    if file.uid() != 0 || file.mode() & 0o022 != 0 {
        return Err(config_failure(format!(
            "{shown} could be changed by users other than root (owner uid {}, mode {:o}); \
             fix: chown root {shown} && chmod go-w {shown}",
            file.uid(),
            file.mode() & 0o7777
        )));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(meta) = std::fs::metadata(dir) {
        let sticky = meta.mode() & 0o1000 != 0;
        if !sticky && (meta.uid() != 0 || meta.mode() & 0o022 != 0) {
            return Err(config_failure(format!(
                "{} (holding {shown}) could be changed by users other than root (owner uid {}, mode {:o}); \
                 fix: chown root {} && chmod go-w {}",
                dir.display(),
                meta.uid(),
                meta.mode() & 0o7777,
                dir.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_if_others_can_write(_path: &Path) -> Result<(), Failure> {
    Ok(())
}
