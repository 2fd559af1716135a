//! The allocate-and-free ("balloon") cleaner, written for the benchmark: the method of the
//! classic memory cleaners. It allocates anonymous memory in chunks and touches every page, so
//! the kernel must reclaim page cache to back it, until MemAvailable falls to a floor (10% of
//! MemTotal by default; never below it: /proc/meminfo is read before every chunk, and near the
//! floor a chunk is half of what is left above it), then frees it all.
//!
//! usage: balloon [--floor-percent P] [--chunk-mib N]
//! Prints one JSON object on stdout. Its oom_score_adj is set to 1000, so that if memory ran out
//! anyway (another process allocating at the same moment) the balloon, not a bystander, dies.

use memsweep_bench::reports::BalloonReport;
use memsweep_bench::{field, meminfo, mono_ns, page_size, stat_refresh};
use std::process::ExitCode;

/// Kept above the floor; see the loop.
const MARGIN: u64 = 16 << 20;

struct Chunk {
    ptr: *mut libc::c_void,
    len: usize,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("balloon: {e}");
            ExitCode::FAILURE
        }
    }
}

fn arg_value(args: &[String], name: &str, default: u64) -> Result<u64, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => args.get(i + 1).and_then(|v| v.parse().ok()).ok_or_else(|| format!("{name} needs a whole number")),
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let floor_percent = arg_value(&args, "--floor-percent", 10)?;
    let chunk_max = arg_value(&args, "--chunk-mib", 64)? as usize * 1024 * 1024;
    if !(1..=90).contains(&floor_percent) || chunk_max == 0 {
        return Err("--floor-percent must be 1..=90 and --chunk-mib at least 1".into());
    }
    // Best effort: without root the default adjustment stays.
    let _ = std::fs::write("/proc/self/oom_score_adj", "1000");

    let page = page_size();
    let read = || meminfo().map_err(|e| format!("/proc/meminfo: {e}"));
    let total = field(&read()?, "MemTotal");
    let floor = total * floor_percent / 100;

    let t0 = mono_ns();
    let mut chunks: Vec<Chunk> = Vec::with_capacity(1024);
    let mut allocated: u64 = 0;
    let mut refreshes = 0u64;
    let stopped_because;
    loop {
        let mut avail = field(&read()?, "MemAvailable");
        // Close to the floor, fold the per-CPU counters in first so the figure is exact.
        if avail.saturating_sub(floor + MARGIN) < 4 * chunk_max as u64 && stat_refresh().is_ok() {
            refreshes += 1;
            avail = field(&read()?, "MemAvailable");
        }
        // MemAvailable does not fall exactly by what is touched (page tables, the kernel's
        // reserve arithmetic), so near the floor each chunk takes only half of what is left.
        // A small margin (16 MiB, 0.07% of 24 GiB) absorbs what moves between two readings:
        // pages parked on per-CPU lists, page tables, other processes.
        let room = avail.saturating_sub(floor + MARGIN) as usize;
        let want = if room < 4 * chunk_max { room / 2 } else { chunk_max };
        let len = want / page * page;
        if len < 1024 * 1024 {
            stopped_because = "MemAvailable reached the floor";
            break;
        }
        // SAFETY: a fresh private anonymous mapping; no existing memory is affected.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            stopped_because = "mmap failed";
            break;
        }
        // Touch every page so that it is really backed by memory.
        for off in (0..len).step_by(page) {
            // SAFETY: off < len, inside the mapping just made readable and writable.
            unsafe { (ptr as *mut u8).add(off).write_volatile(1) };
        }
        chunks.push(Chunk { ptr, len });
        allocated += len as u64;
    }
    let t_full = mono_ns();
    let _ = stat_refresh();
    let at_peak = read()?;
    let t1 = mono_ns();
    for c in &chunks {
        // SAFETY: each chunk is a mapping made above, unmapped exactly once.
        unsafe { libc::munmap(c.ptr, c.len) };
    }
    let t2 = mono_ns();

    let report = BalloonReport {
        floor_percent,
        floor_bytes: floor,
        allocated_bytes: allocated,
        chunks: chunks.len() as u64,
        stat_refreshes: refreshes,
        stopped_because: stopped_because.into(),
        available_at_peak_bytes: field(&at_peak, "MemAvailable"),
        free_at_peak_bytes: field(&at_peak, "MemFree"),
        alloc_us: (t_full - t0) / 1000,
        free_us: (t2 - t1) / 1000,
    };
    println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
    Ok(())
}
