//! The foreground process of the stall benchmark. In a loop: sleep 1 ms and record how late it
//! woke (actual sleep minus 1 ms), then take 64 KiB of fresh memory from the kernel, touch each
//! page, give it back, and record how long that took.
//!
//! The 64 KiB are mapped with mmap rather than malloc'ed: glibc serves a 64 KiB malloc from its
//! heap (below its 128 KiB mmap threshold) and, after the first round, never asks the kernel
//! again, so a malloc loop would not feel reclaim at all. mmap + touch + munmap makes every
//! round take 16 new pages from the page allocator, where a cleaner's reclaim is felt.
//!
//! Protocol (for the harness): prints `ready` once it runs. It stops when a line
//! `START_NS END_NS` (CLOCK_MONOTONIC) arrives on stdin, or at EOF (then the window is
//! everything), and prints one JSON object with the statistics of the rounds that overlap the
//! window.

use memsweep_bench::reports::StallReport;
use memsweep_bench::{mono_ns, page_size, percentile};
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const ALLOC: usize = 64 * 1024;
const SLEEP_NS: u64 = 1_000_000;
/// About 10 minutes of rounds; the buffer is touched before the first round so recording
/// never faults.
const CAPACITY: usize = 600_000;

#[derive(Clone, Copy, Default)]
struct Round {
    start_ns: u64,
    late_ns: u64,
    alloc_ns: u64,
}

fn main() {
    let stop = Arc::new(AtomicBool::new(false));
    let window = Arc::new((AtomicU64::new(0), AtomicU64::new(u64::MAX)));
    {
        let (stop, window) = (stop.clone(), window.clone());
        std::thread::spawn(move || {
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).is_ok() {
                let mut it = line.split_whitespace().map(|w| w.parse::<u64>());
                if let (Some(Ok(a)), Some(Ok(b))) = (it.next(), it.next()) {
                    window.0.store(a, Ordering::SeqCst);
                    window.1.store(b, Ordering::SeqCst);
                }
            }
            stop.store(true, Ordering::SeqCst);
        });
    }

    let page = page_size();
    let mut rounds = vec![Round::default(); CAPACITY];
    let mut n = 0usize;
    let mut dropped = 0u64;
    let mut ready = false;
    while !stop.load(Ordering::SeqCst) {
        let t0 = mono_ns();
        std::thread::sleep(Duration::from_nanos(SLEEP_NS));
        let t1 = mono_ns();
        // SAFETY: a fresh private anonymous mapping, touched inside its bounds, then unmapped.
        unsafe {
            let p = libc::mmap(
                std::ptr::null_mut(),
                ALLOC,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if p != libc::MAP_FAILED {
                for off in (0..ALLOC).step_by(page) {
                    (p as *mut u8).add(off).write_volatile(1);
                }
                libc::munmap(p, ALLOC);
            }
        }
        let t2 = mono_ns();
        if n < CAPACITY {
            rounds[n] = Round { start_ns: t0, late_ns: (t1 - t0).saturating_sub(SLEEP_NS), alloc_ns: t2 - t1 };
            n += 1;
        } else {
            dropped += 1;
        }
        if !ready {
            ready = true;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "ready");
            let _ = out.flush();
        }
    }

    let (from, to) = (window.0.load(Ordering::SeqCst), window.1.load(Ordering::SeqCst));
    // A round overlaps the window when it started before its end and ended after its start.
    let inside: Vec<Round> = rounds[..n]
        .iter()
        .copied()
        .filter(|r| r.start_ns <= to && r.start_ns + SLEEP_NS + r.late_ns + r.alloc_ns >= from)
        .collect();
    let mut late: Vec<u64> = inside.iter().map(|r| r.late_ns).collect();
    let mut alloc: Vec<u64> = inside.iter().map(|r| r.alloc_ns).collect();
    let mut round: Vec<u64> = inside.iter().map(|r| r.late_ns + r.alloc_ns).collect();
    late.sort_unstable();
    alloc.sort_unstable();
    round.sort_unstable();
    let us = |v: Option<u64>| v.map(|ns| ns as f64 / 1000.0);
    let report = StallReport {
        rounds: inside.len() as u64,
        rounds_dropped: dropped,
        late_max_us: us(late.last().copied()),
        late_p99_us: us(percentile(&late, 99.0)),
        late_p50_us: us(percentile(&late, 50.0)),
        alloc_max_us: us(alloc.last().copied()),
        alloc_p99_us: us(percentile(&alloc, 99.0)),
        alloc_p50_us: us(percentile(&alloc, 50.0)),
        round_extra_max_us: us(round.last().copied()),
        late_over_1ms: late.iter().filter(|&&ns| ns >= 1_000_000).count() as u64,
        late_over_10ms: late.iter().filter(|&&ns| ns >= 10_000_000).count() as u64,
        late_sum_us: late.iter().sum::<u64>() as f64 / 1000.0,
    };
    match serde_json::to_string(&report) {
        Ok(line) => println!("{line}"),
        Err(e) => eprintln!("stall-probe: {e}"),
    }
}
