//! The /proc files a snapshot reads, kept open and read with one pread(2) each from offset 0:
//! the kernel generates a /proc file anew on every read, but opening and closing it each poll
//! costs as much again (measured on this machine: meminfo 13 µs open+read+close, 5 µs pread).

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

use memsweep_core::BackendError;

/// One kernel file, opened on first use and kept.
struct Kept {
    path: &'static str,
    file: Option<File>,
}

impl Kept {
    const fn new(path: &'static str) -> Kept {
        Kept { path, file: None }
    }

    /// The whole file into `buffer`, growing it until the file fits in one read.
    fn read<'b>(&mut self, buffer: &'b mut Vec<u8>) -> io::Result<&'b str> {
        let file = match &mut self.file {
            Some(file) => file,
            slot => slot.insert(File::open(self.path)?),
        };
        loop {
            let length = file.read_at(buffer, 0)?;
            if length < buffer.len() {
                return std::str::from_utf8(&buffer[..length])
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e));
            }
            // Filled to the brim: the file may be longer; read it again with more room.
            let grown = buffer.len() * 2;
            buffer.resize(grown, 0);
        }
    }
}

/// Which file to read.
#[derive(Clone, Copy, Debug)]
pub enum Proc {
    Meminfo,
    Vmstat,
    Pressure,
    Buddyinfo,
}

pub struct ProcFiles {
    files: [Kept; 4],
    buffer: Vec<u8>,
}

impl Default for ProcFiles {
    fn default() -> Self {
        use super::paths;
        ProcFiles {
            files: [
                Kept::new(paths::MEMINFO),
                Kept::new(paths::VMSTAT),
                Kept::new(paths::PRESSURE),
                Kept::new(paths::BUDDYINFO),
            ],
            buffer: vec![0; 8192],
        }
    }
}

impl ProcFiles {
    /// The text of one file now; `Err` names the file.
    pub fn read(&mut self, which: Proc) -> Result<&str, BackendError> {
        let kept = &mut self.files[which as usize];
        let path = kept.path;
        kept.read(&mut self.buffer).map_err(|source| BackendError::Read { path: path.into(), source })
    }

    /// The text, or `None` where the file cannot be read (PSI off: the read fails).
    pub fn read_optional(&mut self, which: Proc) -> Option<&str> {
        self.read(which).ok()
    }
}
