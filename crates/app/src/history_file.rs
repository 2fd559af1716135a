//! The history file on disk: where it is, appending whole lines, reading it back.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use memsweep_core::config::Config;
use memsweep_core::history::{self, CostLine, HistoryEntry};

/// `history.path` from the config, else systemd's StateDirectory (when run as the service),
/// else the platform's state directory.
pub fn path(config: &Config) -> PathBuf {
    if !config.history.path.is_empty() {
        return PathBuf::from(&config.history.path);
    }
    if let Some(state) = std::env::var_os("STATE_DIRECTORY") {
        if let Some(first) = std::env::split_paths(&state).next() {
            return first.join("history.jsonl");
        }
    }
    let base = dirs::state_dir().or_else(dirs::data_local_dir).unwrap_or_else(|| PathBuf::from("."));
    base.join("memsweep").join("history.jsonl")
}

/// Appends one clean as one write(2) of a whole line (O_APPEND), so concurrent writers and
/// crashes never interleave or half-write a line. Created 0644 at most.
pub fn append(path: &Path, entry: &HistoryEntry) -> std::io::Result<()> {
    append_line(path, &entry.to_line())
}

/// Appends a clean's cost, the same way.
pub fn append_cost(path: &Path, cost: &CostLine) -> std::io::Result<()> {
    append_line(path, &cost.to_line())
}

fn append_line(path: &Path, line: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
    let mut file = options.open(path)?;
    file.write_all(line.as_bytes())
}

/// Every readable entry, and how many lines were not.
pub fn read(path: &Path) -> std::io::Result<(Vec<HistoryEntry>, usize)> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(history::parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Vec::new(), 0)),
        Err(e) => Err(e),
    }
}

/// The start time of the last entry, reading only the file's tail.
pub fn last_time_ms(path: &Path) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let tail = len.min(64 * 1024);
    file.seek(SeekFrom::Start(len - tail)).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    history::parse(&text).0.last().map(|e| e.time_ms)
}

/// Notices cleans appended to the history by anyone (the CLI, the tray, the daemon): each poll
/// looks at the file's length only (one stat); readers read it when it changed.
#[derive(Debug)]
pub struct HistoryWatch {
    path: PathBuf,
    len: Option<u64>,
}

impl HistoryWatch {
    /// Watches `path` from its current length on.
    pub fn new(path: PathBuf) -> HistoryWatch {
        let len = file_len(&path);
        HistoryWatch { path, len }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file changed since the last poll (or since `new`).
    pub fn poll(&mut self) -> bool {
        let len = file_len(&self.path);
        let changed = len != self.len;
        self.len = len;
        changed
    }
}

fn file_len(path: &Path) -> Option<u64> {
    std::fs::metadata(path).map(|m| m.len()).ok()
}
