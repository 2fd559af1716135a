//! The hot set of the gentle-reclaim benchmark: a process that reads one file completely every
//! PERIOD, until it is killed.
//!
//! `hot-reader FILE PERIOD_MS`. Each pass reads FILE from its start to its end with read(2) in
//! 1 MiB chunks, prints one JSON line (`reports::HotPass`) and sleeps until PERIOD after the
//! pass began (at once if the pass took longer). Reading with read(2), not mmap, is what a
//! database or a build tool re-reading its files does: the pages are the page cache's, not the
//! process's, so only the page cache decides whether they stay. What the process had to read
//! from storage is its `read_bytes` in /proc/PID/io, which the harness reads: re-reads served
//! by the cache cost nothing there.

use memsweep_bench::mono_ns;
use memsweep_bench::reports::HotPass;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::process::ExitCode;
use std::time::Duration;

const CHUNK: usize = 1 << 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(period_ms)) = (args.first(), args.get(1).and_then(|p| p.parse::<u64>().ok())) else {
        eprintln!("usage: hot-reader FILE PERIOD_MS");
        return ExitCode::from(2);
    };
    match run(path, Duration::from_millis(period_ms)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hot-reader: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &str, period: Duration) -> std::io::Result<()> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; CHUNK];
    let mut stdout = std::io::stdout().lock();
    for pass in 1.. {
        let started_ns = mono_ns();
        file.seek(SeekFrom::Start(0))?;
        let mut bytes = 0u64;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
        }
        let took_ns = mono_ns() - started_ns;
        let line = HotPass { pass, started_ns, took_us: took_ns / 1000, bytes };
        // A closed pipe (the harness stopped listening) ends the reader.
        writeln!(stdout, "{}", serde_json::to_string(&line).map_err(std::io::Error::other)?)?;
        stdout.flush()?;
        std::thread::sleep(period.saturating_sub(Duration::from_nanos(took_ns)));
    }
    Ok(())
}
