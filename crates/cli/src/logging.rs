//! Logging for `memsweep watch`: stderr with timestamps in a terminal; under systemd (stderr
//! connected to the journal, JOURNAL_STREAM set) no timestamps and sd-daemon "<N>" priority
//! prefixes, which journald turns into the entry's priority.

use std::fmt;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

struct JournalFormat;

impl<S, N> FormatEvent<S, N> for JournalFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> fmt::Result {
        let priority = match *event.metadata().level() {
            Level::ERROR => 3,
            Level::WARN => 4,
            Level::INFO => 6,
            _ => 7,
        };
        write!(writer, "<{priority}>")?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

pub fn init(level: Level) {
    let builder = tracing_subscriber::fmt().with_writer(std::io::stderr).with_max_level(level).with_target(false);
    let _ = if std::env::var_os("JOURNAL_STREAM").is_some() {
        builder.event_format(JournalFormat).try_init()
    } else {
        builder.try_init()
    };
}

/// A log file that never grows past `limit` bytes: when a line would take it over, it becomes
/// `NAME.1` (the older ones `NAME.2` … `NAME.{keep}`, the oldest dropped) and a new one starts.
#[cfg_attr(not(windows), allow(dead_code))] // the Windows service's log; tested everywhere
pub struct RotatingFile {
    path: std::path::PathBuf,
    file: Option<std::fs::File>,
    written: u64,
    limit: u64,
    keep: usize,
}

#[cfg_attr(not(windows), allow(dead_code))]
impl RotatingFile {
    pub fn open(path: &std::path::Path, limit: u64, keep: usize) -> std::io::Result<RotatingFile> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        let written = file.metadata()?.len();
        Ok(RotatingFile { path: path.to_path_buf(), file: Some(file), written, limit, keep })
    }

    fn numbered(&self, n: usize) -> std::path::PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{n}"));
        std::path::PathBuf::from(name)
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        self.file = None; // closed first: Windows renames no open file
        let _ = std::fs::remove_file(self.numbered(self.keep));
        for n in (1..self.keep).rev() {
            let _ = std::fs::rename(self.numbered(n), self.numbered(n + 1));
        }
        if self.keep > 0 {
            std::fs::rename(&self.path, self.numbered(1))?;
        }
        self.file = Some(std::fs::OpenOptions::new().create(true).write(true).truncate(true).open(&self.path)?);
        self.written = 0;
        Ok(())
    }
}

impl std::io::Write for RotatingFile {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        if self.written > 0 && self.written + buffer.len() as u64 > self.limit {
            // A log that cannot rotate goes on in the same file rather than losing lines.
            let _ = self.rotate();
        }
        if self.file.is_none() {
            self.file = Some(std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?);
        }
        let file = self.file.as_mut().ok_or_else(|| std::io::Error::other("the log file is not open"))?;
        let n = file.write(buffer)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), std::io::Write::flush)
    }
}

/// Logging into a rotated file (the Windows service, which has no console): timestamped lines,
/// no colours.
#[cfg_attr(not(windows), allow(dead_code))]
pub fn init_file(file: RotatingFile, level: Level) {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_max_level(level)
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::io::Write;

    use super::*;

    #[test]
    fn the_log_rotates_before_it_passes_its_limit_and_keeps_three() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.log");
        let mut log = RotatingFile::open(&path, 100, 3).unwrap();
        for n in 0..20 {
            log.write_all(format!("line {n:02} of the log........\n").as_bytes()).unwrap();
            // 27 bytes
        }
        log.flush().unwrap();
        let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default();
        // 3 lines (81 bytes) a file: 18 and 19 in the current one, the three before kept
        assert_eq!(read(&path), "line 18 of the log........\nline 19 of the log........\n");
        assert!(read(&dir.path().join("memsweep.log.1")).starts_with("line 15"));
        assert!(read(&dir.path().join("memsweep.log.3")).starts_with("line 09"));
        assert!(!dir.path().join("memsweep.log.4").exists(), "the oldest is dropped");
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            assert!(entry.unwrap().metadata().unwrap().len() <= 100);
        }
        // reopened, it goes on where it was
        drop(log);
        let mut log = RotatingFile::open(&path, 100, 3).unwrap();
        log.write_all(b"again\n").unwrap();
        assert!(read(&path).ends_with("line 19 of the log........\nagain\n"));
    }
}
