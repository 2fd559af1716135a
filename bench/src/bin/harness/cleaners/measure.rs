//! Running the trials: the fill file, the same full page cache before every trial, the cleaner
//! timed by wait4, the stall probe beside it.

use super::{Cleaner, CleanersResults, OwnReport, Trial};
use crate::args::Args;
use crate::child::run_measured;
use crate::Res;
use memsweep_bench::reports::StallReport;
use memsweep_bench::{
    dur_us, field, gib, meminfo, mono_ns, page_cache, stat_refresh, sync_and_drop_caches, vmstat, Meminfo,
};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// `cleaners --memsweep P --balloon P --probe P --file P [--size-gib 6] [--pairs 3]`
pub fn measure(args: &Args) -> Res<CleanersResults> {
    let memsweep = args.need("--memsweep")?;
    let balloon = args.need("--balloon")?;
    let probe = args.need("--probe")?;
    let file = PathBuf::from(args.need("--file")?);
    let file_bytes = args.num("--size-gib", 6)? << 30;
    let pairs = args.num("--pairs", 3)?.max(1);
    let clean: Vec<String> = vec![memsweep.into(), "clean".into(), "--json".into()];
    let balloon: Vec<String> = vec![balloon.into()];

    eprintln!("clean vs balloon: {} file, {pairs} pairs", gib(file_bytes as f64));
    let file_written_s = ensure_file(&file, file_bytes)?;
    if let Some(s) = file_written_s {
        eprintln!("  wrote {} in {s:.1} s", file.display());
    }
    // The probe alone for 2 s after a fill: what a round costs with no cleaner running.
    fill_cache(&file)?;
    let idle = Probe::start(probe)?;
    let t0 = mono_ns();
    std::thread::sleep(Duration::from_secs(2));
    let idle_probe = idle.finish(t0, mono_ns())?;

    let mut trials = Vec::new();
    for _ in 0..pairs {
        trials.push(trial(Cleaner::Memsweep, &clean, probe, &file)?);
        trials.push(trial(Cleaner::Balloon, &balloon, probe, &file)?);
    }
    Ok(CleanersResults { file_bytes, pairs, file_written_s, idle_probe, trials })
}

fn refreshed_meminfo() -> Res<Meminfo> {
    stat_refresh().map_err(|e| format!("/proc/sys/vm/stat_refresh: {e} (needs root)"))?;
    meminfo().map_err(|e| format!("/proc/meminfo: {e}"))
}

fn oom_kills() -> Res<u64> {
    vmstat("oom_kill").map_err(|e| format!("/proc/vmstat: {e}"))?.ok_or_else(|| "no oom_kill in /proc/vmstat".into())
}

fn trial(cleaner: Cleaner, argv: &[String], probe: &str, file: &Path) -> Res<Trial> {
    let name = cleaner.name();
    let fill_read_s = fill_cache(file)?;
    let file_resident_before = resident_share(file)?;
    std::thread::sleep(Duration::from_millis(500)); // let writeback and kswapd settle
    let probe = Probe::start(probe)?;
    std::thread::sleep(Duration::from_millis(100));
    let before = refreshed_meminfo()?;
    let oom_before = oom_kills()?;
    let ran = run_measured(argv)?;
    let after = refreshed_meminfo()?;
    let oom_after = oom_kills()?;
    let stall = probe.finish(ran.started_ns, ran.ended_ns)?;
    let file_resident_after = resident_share(file)?;
    if ran.exit != 0 {
        eprintln!("harness: {name} exited {}: {}", ran.exit, ran.stderr.trim());
    }
    let trial = Trial {
        cleaner,
        exit: ran.exit,
        wall_us: ran.wall_us,
        user_us: ran.user_us,
        sys_us: ran.sys_us,
        cpu_us: ran.user_us + ran.sys_us,
        fill_read_s,
        cache_before_bytes: page_cache(&before),
        cache_after_bytes: page_cache(&after),
        cache_freed_bytes: page_cache(&before) as i64 - page_cache(&after) as i64,
        available_before_bytes: field(&before, "MemAvailable"),
        available_after_bytes: field(&after, "MemAvailable"),
        free_after_bytes: field(&after, "MemFree"),
        oom_kills: oom_after - oom_before,
        file_resident_before,
        file_resident_after,
        stall,
        own_report: serde_json::from_str::<OwnReport>(ran.stdout.trim()).ok(),
    };
    let us = |v: Option<f64>| v.map_or("n/a".into(), dur_us);
    eprintln!(
        "  {name:<8} wall {:>9}  cpu {:>9}  freed {:>10}  avail after {:>10}  stall worst {} p99 {}  oom {}",
        dur_us(trial.wall_us),
        dur_us(trial.cpu_us),
        gib(trial.cache_freed_bytes as f64),
        gib(trial.available_after_bytes as f64),
        us(trial.stall.late_max_us),
        us(trial.stall.late_p99_us),
        trial.oom_kills
    );
    Ok(trial)
}

/// The stall probe, started and ready; `finish` hands it the window and returns its figures.
struct Probe {
    child: std::process::Child,
    out: BufReader<std::process::ChildStdout>,
}

impl Probe {
    fn start(path: &str) -> Res<Probe> {
        let mut child = Command::new(path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{path}: {e}"))?;
        let mut out = BufReader::new(child.stdout.take().ok_or("probe: no stdout")?);
        let mut line = String::new();
        out.read_line(&mut line).map_err(|e| format!("probe: {e}"))?;
        if line.trim() != "ready" {
            return Err(format!("probe said {line:?} instead of ready"));
        }
        Ok(Probe { child, out })
    }

    fn finish(mut self, from_ns: u64, to_ns: u64) -> Res<StallReport> {
        let mut stdin = self.child.stdin.take().ok_or("probe: no stdin")?;
        writeln!(stdin, "{from_ns} {to_ns}").map_err(|e| format!("probe: {e}"))?;
        drop(stdin);
        let mut text = String::new();
        self.out.read_to_string(&mut text).map_err(|e| format!("probe: {e}"))?;
        let _ = self.child.wait();
        serde_json::from_str(text.trim()).map_err(|e| format!("probe output {text:?}: {e}"))
    }
}

/// Share of the file's pages resident in the page cache (mincore), 0..=1.
fn resident_share(path: &Path) -> Res<f64> {
    memsweep_bench::residency(path).map(|r| r.share()).map_err(|e| format!("mincore {}: {e}", path.display()))
}

/// Writes the fill file once (fsync'ed); returns the seconds it took, or None when an existing
/// file of the right size was kept.
fn ensure_file(path: &Path, size: u64) -> Res<Option<f64>> {
    if fs::metadata(path).map(|m| m.len() == size).unwrap_or(false) {
        return Ok(None);
    }
    let t = mono_ns();
    let mut f = fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let block: Vec<u8> = (0..1 << 20).map(|i| (i * 7 + 13) as u8).collect();
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        f.write_all(&block[..n]).map_err(|e| format!("{}: {e}", path.display()))?;
        left -= n as u64;
    }
    f.sync_all().map_err(|e| format!("fsync {}: {e}", path.display()))?;
    Ok(Some((mono_ns() - t) as f64 / 1e9))
}

/// The same start for every trial: sync, drop everything, then read the whole file into the
/// cache. Returns the seconds the read took.
fn fill_cache(path: &Path) -> Res<f64> {
    sync_and_drop_caches().map_err(|e| format!("drop_caches: {e} (needs root)"))?;
    let t = mono_ns();
    let mut f = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buf = vec![0u8; 1 << 20];
    while f.read(&mut buf).map_err(|e| format!("{}: {e}", path.display()))? > 0 {}
    Ok((mono_ns() - t) as f64 / 1e9)
}
