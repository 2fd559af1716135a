//! Part 7: gentle reclaim against a cache drop, beside a hot set (issue 16).
//!
//! A hot set (a file re-read every 2 s by `hot-reader`) and cold cache (files read once). Each
//! method starts from the same state and is judged by what it freed of the cold cache and what
//! the hot reader then had to read back from storage. Machine-wide: the caller holds
//! /tmp/memsweep-machine-tests.lock for the whole measurement.

use crate::args::Args;
use crate::child::run_measured;
use crate::cleaners::{AreaReport, CleanReport};
use crate::Res;
use memsweep_bench::reports::HotPass;
use memsweep_bench::{
    field, gib, io_read_bytes, loadavg, median, meminfo, mib, mono_ns, page_cache, page_size, psi_memory_some_total_us,
    residency, stat_refresh, sync_and_drop_caches, vmstat, GIB,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Complete reads of the hot file before anything else: the first brings it into the cache,
/// the second moves its pages to the active list (a page read twice is activated), the third
/// makes sure.
const WARM_PASSES: usize = 3;
/// How long the hot reader may take for its warm-up passes (the first one reads from storage).
const WARM_TIMEOUT: Duration = Duration::from_secs(180);

/// The goals issue 16 sets gentle reclaim.
const GOAL_COLD_FREED_SHARE: f64 = 0.90;
const GOAL_HOT_REREAD_SHARE: f64 = 0.05;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// `memsweep clean page-cache`: sync, then drop_caches=1.
    PageCache,
    /// `memsweep clean reclaim --gentle`: node reclaim in steps, stopping at refaults or pressure.
    Gentle,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::PageCache => "cache drop",
            Method::Gentle => "gentle reclaim",
        }
    }

    /// memsweep's arguments: each method with its defaults, as a user would type it.
    fn args(self) -> &'static [&'static str] {
        match self {
            Method::PageCache => &["clean", "page-cache", "--json"],
            Method::Gentle => &["clean", "reclaim", "--gentle", "--json"],
        }
    }

    /// The area of memsweep's report that is this method.
    fn area(self) -> &'static str {
        match self {
            Method::PageCache => "page-cache",
            Method::Gentle => "reclaim",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeanResults {
    /// The hot file's size, and the cold files' (each and how many).
    pub hot_bytes: u64,
    pub cold_file_bytes: u64,
    pub cold_files: u64,
    /// The hot reader's period.
    pub period_ms: u64,
    /// How long the hot reader went on after each method.
    pub after_s: u64,
    /// Seconds writing the files took; None when files of the right sizes were kept.
    pub files_written_s: Option<f64>,
    /// Where the files are.
    pub dir: String,
    /// /proc/loadavg before the first trial and after the last.
    pub load_before: String,
    pub load_after: String,
    /// In run order: the cache drop, then gentle reclaim.
    pub trials: Vec<LeanTrial>,
}

/// One method from the common start. Sizes in bytes, durations in µs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeanTrial {
    pub method: Method,
    /// memsweep's arguments.
    pub command: String,
    pub exit: i32,
    /// Its stderr when it failed.
    pub error: Option<String>,
    /// Spawn to wait4.
    pub wall_us: f64,
    pub cold_read_s: f64,
    /// Right before the method: the kernel's file LRU lists and the page cache (/proc/meminfo
    /// after stat_refresh).
    pub active_file_before: u64,
    pub inactive_file_before: u64,
    pub file_cache_before: u64,
    pub file_cache_after: u64,
    /// mincore residency of the hot file and of all cold files: before the method, right after
    /// it, and at the end of the after period.
    pub hot_resident_before: u64,
    pub hot_resident_after_clean: u64,
    pub hot_resident_end: u64,
    pub cold_resident_before: u64,
    pub cold_resident_after_clean: u64,
    pub cold_resident_end: u64,
    /// Growth of the hot reader's read_bytes (/proc/PID/io): during its warm-up, while the cold
    /// files were read (expected 0: its set was cached), during the method, during the after
    /// period.
    pub hot_read_warm_up: u64,
    pub hot_read_during_cold_read: u64,
    pub hot_read_during_clean: u64,
    pub hot_read_after: u64,
    /// Growth of PSI memory `some` total (µs) during the method and during the after period,
    /// and how long that period really was.
    pub psi_some_clean_us: u64,
    pub psi_some_after_us: u64,
    pub after_wall_us: f64,
    /// workingset_refault_file of /proc/vmstat × page size, machine-wide.
    pub refault_clean_bytes: u64,
    pub refault_after_bytes: u64,
    /// Median time of the hot reader's passes served from the cache before the method, and the
    /// slowest of those that ended after the method began, with how many those were.
    pub pass_before_us: Option<f64>,
    pub pass_slowest_since_us: Option<u64>,
    pub passes_since: u64,
    /// memsweep's own report (`--json`), when it printed one.
    pub report: Option<CleanReport>,
}

impl LeanTrial {
    pub fn cold_freed_bytes(&self) -> i64 {
        self.cold_resident_before as i64 - self.cold_resident_after_clean as i64
    }

    /// Freed cold cache as a share of the cold cache there was; None when none was cached.
    pub fn cold_freed_share(&self) -> Option<f64> {
        (self.cold_resident_before > 0).then(|| self.cold_freed_bytes() as f64 / self.cold_resident_before as f64)
    }

    /// What the hot reader read from storage from just before the method to the end.
    pub fn hot_read_back(&self) -> u64 {
        self.hot_read_during_clean + self.hot_read_after
    }

    pub fn psi_clean_percent(&self) -> f64 {
        self.psi_some_clean_us as f64 * 100.0 / self.wall_us.max(1.0)
    }

    pub fn psi_after_percent(&self) -> f64 {
        self.psi_some_after_us as f64 * 100.0 / self.after_wall_us.max(1.0)
    }

    fn area(&self) -> Option<&AreaReport> {
        self.report.as_ref()?.areas.iter().find(|a| a.id == self.method.area())
    }

    /// The area's outcome (`done`, `skipped`, …) and reason, as its report says.
    fn outcome(&self) -> Option<String> {
        let area = self.area()?;
        let outcome = area.rest.get("outcome")?.as_str()?.to_string();
        Some(match area.rest.get("reason").and_then(Value::as_str) {
            Some(reason) => format!("{outcome}: {reason}"),
            None => outcome,
        })
    }

    /// The notes of the method's area, e.g. what gentle reclaim took and why it stopped. The
    /// per-node "asked for" lines are left out: one per step, they say nothing the summary
    /// does not.
    fn notes(&self) -> Vec<String> {
        let Some(Value::Array(notes)) = self.area().and_then(|a| a.rest.get("notes")) else { return Vec::new() };
        notes.iter().filter_map(Value::as_str).filter(|n| !n.contains(": asked for ")).map(String::from).collect()
    }

    /// The `after` of one of the area's changes (e.g. `reclaim_steps`).
    fn change(&self, metric: &str) -> Option<i64> {
        let Some(Value::Array(changes)) = self.area().and_then(|a| a.rest.get("changes")) else { return None };
        changes.iter().find(|c| c.get("metric").and_then(Value::as_str) == Some(metric))?.get("after")?.as_i64()
    }
}

/// `lean --memsweep P --hot-reader P --dir DIR [--hot-gib 1] [--cold-gib 4] [--period-ms 2000]
/// [--after-s 10]`
pub fn measure(args: &Args) -> Res<LeanResults> {
    let memsweep = args.need("--memsweep")?;
    let hot_reader = args.need("--hot-reader")?;
    let dir = PathBuf::from(args.need("--dir")?);
    let hot_bytes = args.num("--hot-gib", 1)? << 30;
    let cold_files = args.num("--cold-gib", 4)?.max(1);
    let period_ms = args.num("--period-ms", 2000)?.max(1);
    let after_s = args.num("--after-s", 10)?;
    let cold_file_bytes = 1 << 30;

    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let hot = dir.join("hot.bin");
    let cold: Vec<PathBuf> = (1..=cold_files).map(|i| dir.join(format!("cold-{i}.bin"))).collect();
    let mut written_s = None;
    for (i, (path, size)) in
        std::iter::once((&hot, hot_bytes)).chain(cold.iter().map(|c| (c, cold_file_bytes))).enumerate()
    {
        if let Some(s) = ensure_random_file(path, size, i as u64 + 1)? {
            eprintln!("  wrote {} ({}) in {s:.1} s", path.display(), gib(size as f64));
            *written_s.get_or_insert(0.0) += s;
        }
    }
    let load_before = loadavg();
    eprintln!(
        "lean: hot {} read every {period_ms} ms, cold {cold_files} × 1 GiB; load {load_before}",
        gib(hot_bytes as f64)
    );
    let setup = Setup { memsweep, hot_reader, hot: &hot, cold: &cold, period_ms, after_s };
    let mut trials = Vec::new();
    for method in [Method::PageCache, Method::Gentle] {
        let t = trial(method, &setup)?;
        eprintln!(
            "  {:<15} wall {:>8.2} s  cold freed {:>10} ({:>5.1}%)  hot read back {:>12}  psi {:.3}% / {:.3}%  exit {}",
            method.name(),
            t.wall_us / 1e6,
            gib(t.cold_freed_bytes() as f64),
            t.cold_freed_share().unwrap_or(0.0) * 100.0,
            mib(t.hot_read_back() as f64),
            t.psi_clean_percent(),
            t.psi_after_percent(),
            t.exit
        );
        for note in t.notes() {
            eprintln!("    {note}");
        }
        trials.push(t);
    }
    Ok(LeanResults {
        hot_bytes,
        cold_file_bytes,
        cold_files,
        period_ms,
        after_s,
        files_written_s: written_s,
        dir: dir.display().to_string(),
        load_before,
        load_after: loadavg(),
        trials,
    })
}

struct Setup<'a> {
    memsweep: &'a str,
    hot_reader: &'a str,
    hot: &'a Path,
    cold: &'a [PathBuf],
    period_ms: u64,
    after_s: u64,
}

/// The machine-wide counters read around the method.
struct Counters {
    at_ns: u64,
    hot_read: u64,
    psi_some_us: u64,
    refault_bytes: u64,
}

impl Counters {
    fn now(reader: &HotReader) -> Res<Counters> {
        let refaults = vmstat("workingset_refault_file")
            .map_err(|e| format!("/proc/vmstat: {e}"))?
            .ok_or("no workingset_refault_file in /proc/vmstat")?;
        Ok(Counters {
            at_ns: mono_ns(),
            hot_read: reader.read_bytes()?,
            psi_some_us: psi_memory_some_total_us().map_err(|e| format!("/proc/pressure/memory: {e}"))?,
            refault_bytes: refaults * page_size() as u64,
        })
    }
}

fn resident(path: &Path) -> Res<u64> {
    residency(path).map(|r| r.resident_bytes).map_err(|e| format!("mincore {}: {e}", path.display()))
}

fn resident_all(paths: &[PathBuf]) -> Res<u64> {
    paths.iter().map(|p| resident(p)).sum()
}

fn trial(method: Method, s: &Setup) -> Res<LeanTrial> {
    // The same start for both methods: nothing cached, then the hot set made hot, then the cold
    // cache read once.
    sync_and_drop_caches().map_err(|e| format!("drop_caches: {e} (needs root)"))?;
    let mut reader = HotReader::start(s.hot_reader, s.hot, s.period_ms)?;
    reader.wait_for(WARM_TIMEOUT, |passes| passes.len() >= WARM_PASSES)?;
    let warm_read = reader.read_bytes()?;
    let cold_start = mono_ns();
    for path in s.cold {
        read_through(path)?;
    }
    let cold_end = mono_ns();
    // One whole pass after the cold read: the hot set is cached and in use when the method starts.
    reader.wait_for(WARM_TIMEOUT, |passes| passes.iter().any(|p| p.started_ns >= cold_end))?;
    let read_after_cold = reader.read_bytes()?;

    stat_refresh().map_err(|e| format!("/proc/sys/vm/stat_refresh: {e} (needs root)"))?;
    let mem = meminfo().map_err(|e| format!("/proc/meminfo: {e}"))?;
    let hot_resident_before = resident(s.hot)?;
    let cold_resident_before = resident_all(s.cold)?;

    let mut argv = vec![s.memsweep.to_string()];
    argv.extend(method.args().iter().map(|a| a.to_string()));
    let before = Counters::now(&reader)?;
    let ran = run_measured(&argv)?;
    let after_clean = Counters::now(&reader)?;
    let file_cache_after = {
        stat_refresh().map_err(|e| format!("/proc/sys/vm/stat_refresh: {e}"))?;
        page_cache(&meminfo().map_err(|e| format!("/proc/meminfo: {e}"))?)
    };
    let hot_resident_after_clean = resident(s.hot)?;
    let cold_resident_after_clean = resident_all(s.cold)?;
    if ran.exit != 0 {
        eprintln!("harness: {} exited {}: {}", argv.join(" "), ran.exit, ran.stderr.trim());
    }

    std::thread::sleep(Duration::from_secs(s.after_s));
    let end = Counters::now(&reader)?;
    let hot_resident_end = resident(s.hot)?;
    let cold_resident_end = resident_all(s.cold)?;
    let passes = reader.stop();

    // Passes served from the cache before the method: every one after the first (which read
    // from storage) that ended before the method began.
    let ended = |p: &HotPass| p.started_ns + p.took_us * 1000;
    let cached_before: Vec<f64> =
        passes.iter().skip(1).filter(|p| ended(p) < before.at_ns).map(|p| p.took_us as f64).collect();
    let since: Vec<&HotPass> = passes.iter().filter(|p| ended(p) >= before.at_ns).collect();
    Ok(LeanTrial {
        method,
        command: argv[1..].join(" "),
        exit: ran.exit,
        error: (ran.exit != 0).then(|| ran.stderr.trim().to_string()),
        wall_us: ran.wall_us,
        cold_read_s: (cold_end - cold_start) as f64 / 1e9,
        active_file_before: field(&mem, "Active(file)"),
        inactive_file_before: field(&mem, "Inactive(file)"),
        file_cache_before: page_cache(&mem),
        file_cache_after,
        hot_resident_before,
        hot_resident_after_clean,
        hot_resident_end,
        cold_resident_before,
        cold_resident_after_clean,
        cold_resident_end,
        hot_read_warm_up: warm_read,
        hot_read_during_cold_read: read_after_cold - warm_read,
        hot_read_during_clean: after_clean.hot_read - before.hot_read,
        hot_read_after: end.hot_read - after_clean.hot_read,
        psi_some_clean_us: after_clean.psi_some_us - before.psi_some_us,
        psi_some_after_us: end.psi_some_us - after_clean.psi_some_us,
        after_wall_us: (end.at_ns - after_clean.at_ns) as f64 / 1000.0,
        refault_clean_bytes: after_clean.refault_bytes - before.refault_bytes,
        refault_after_bytes: end.refault_bytes - after_clean.refault_bytes,
        pass_before_us: median(&cached_before),
        pass_slowest_since_us: since.iter().map(|p| p.took_us).max(),
        passes_since: since.len() as u64,
        report: serde_json::from_str(ran.stdout.trim()).ok(),
    })
}

/// `hot-reader` running, its passes collected by a thread as it prints them.
struct HotReader {
    child: Child,
    passes: Arc<Mutex<Vec<HotPass>>>,
}

impl HotReader {
    fn start(path: &str, file: &Path, period_ms: u64) -> Res<HotReader> {
        let mut child = Command::new(path)
            .arg(file)
            .arg(period_ms.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{path}: {e}"))?;
        let out = BufReader::new(child.stdout.take().ok_or("hot-reader: no stdout")?);
        let passes = Arc::new(Mutex::new(Vec::new()));
        let collected = Arc::clone(&passes);
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if let Ok(pass) = serde_json::from_str::<HotPass>(&line) {
                    collected.lock().unwrap_or_else(|e| e.into_inner()).push(pass);
                }
            }
        });
        Ok(HotReader { child, passes })
    }

    fn read_bytes(&self) -> Res<u64> {
        io_read_bytes(self.child.id()).map_err(|e| format!("/proc/{}/io: {e}", self.child.id()))
    }

    /// Waits until the passes so far satisfy `done`; an error if the reader exits or time runs out.
    fn wait_for(&mut self, timeout: Duration, done: impl Fn(&[HotPass]) -> bool) -> Res<()> {
        let deadline = mono_ns() + timeout.as_nanos() as u64;
        loop {
            if done(&self.passes.lock().unwrap_or_else(|e| e.into_inner())) {
                return Ok(());
            }
            if !matches!(self.child.try_wait(), Ok(None)) {
                return Err("hot-reader exited (see its message above)".into());
            }
            if mono_ns() > deadline {
                return Err(format!("hot-reader did not finish its passes within {} s", timeout.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the reader and returns every pass it completed.
    fn stop(mut self) -> Vec<HotPass> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let passes = self.passes.lock().unwrap_or_else(|e| e.into_inner()).clone();
        passes
    }
}

impl Drop for HotReader {
    /// A trial that fails half-way does not leave the reader running.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a file once, start to end, with read(2): its pages enter the cache on the inactive list.
fn read_through(path: &Path) -> Res<()> {
    let mut f = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buf = vec![0u8; 1 << 20];
    while f.read(&mut buf).map_err(|e| format!("{}: {e}", path.display()))? > 0 {}
    Ok(())
}

/// Writes `size` bytes of pseudo-random data (xorshift64*, one seed per file) and fsyncs them,
/// unless a file of that size is already there (kept between methods and runs). Random, so
/// that no filesystem or device can store it smaller than it is. Returns the seconds taken, or
/// None when the file was kept.
fn ensure_random_file(path: &Path, size: u64, seed: u64) -> Res<Option<f64>> {
    if fs::metadata(path).map(|m| m.len() == size).unwrap_or(false) {
        return Ok(None);
    }
    let t = mono_ns();
    let err = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut f = fs::File::create(path).map_err(err)?;
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut block = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        for word in block.chunks_exact_mut(8) {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            word.copy_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
        }
        let n = left.min(block.len() as u64) as usize;
        f.write_all(&block[..n]).map_err(err)?;
        left -= n as u64;
    }
    f.sync_all().map_err(err)?;
    Ok(Some((mono_ns() - t) as f64 / 1e9))
}

fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn secs(us: f64) -> String {
    if us >= 1e6 {
        format!("{:.2} s", us / 1e6)
    } else {
        format!("{:.0} ms", us / 1e3)
    }
}

/// "1 GiB" for whole GiB, else two decimals.
fn size_label(bytes: u64) -> String {
    if bytes % GIB as u64 == 0 {
        format!("{} GiB", bytes / GIB as u64)
    } else {
        gib(bytes as f64)
    }
}

pub fn render(r: &LeanResults) -> String {
    let mut md = String::from("## 7. Gentle reclaim vs a cache drop, beside a hot set\n\n");
    let hot = r.hot_bytes as f64;
    let _ = writeln!(
        md,
        "The workload of issue 16: `bench/src/bin/hot-reader.rs` reads a {} file (random data) \
         completely every {} ms with read(2), 1 MiB at a time — the hot set; {} × {} of cold cache, \
         files read once. {} Each method starts from the same state: `sync`, `drop_caches=3`, the \
         hot reader started and left to read its file {WARM_PASSES} times (its pages on the active \
         list), the cold files read once, one more pass of the hot reader; then memsweep runs with \
         the method's defaults, and the hot reader goes on for {} s. **Hot read back** = the \
         growth of the hot reader's `read_bytes` (/proc/PID/io: what it had to read from storage) \
         from just before the method to the end of those {} s; residency from mincore; **PSI \
         some** = the growth of `total=` in /proc/pressure/memory over the wall time of the \
         method, then of the {} s; refaults = `workingset_refault_file` of /proc/vmstat × page \
         size. PSI and refaults are machine-wide: other programs' count too. Load average: {} \
         before, {} after.\n",
        size_label(r.hot_bytes),
        r.period_ms,
        r.cold_files,
        size_label(r.cold_file_bytes),
        match r.files_written_s {
            Some(s) => format!("The files ({}) were written and fsync'ed by this run ({s:.1} s).", r.dir),
            None => format!("The files ({}) were kept from an earlier run.", r.dir),
        },
        r.after_s,
        r.after_s,
        r.after_s,
        r.load_before,
        r.load_after,
    );
    if r.trials.is_empty() {
        md.push_str("**not measured: no trial ran.**\n\n");
        return md;
    }
    md.push_str("| |");
    for t in &r.trials {
        let _ = write!(md, " {} |", t.method.name());
    }
    md.push_str("\n|---|");
    md.push_str(&"---|".repeat(r.trials.len()));
    md.push('\n');
    let row = |md: &mut String, label: &str, cell: &dyn Fn(&LeanTrial) -> String| {
        let _ = write!(md, "| {label} |");
        for t in &r.trials {
            let _ = write!(md, " {} |", cell(t));
        }
        md.push('\n');
    };
    row(&mut md, "command", &|t| format!("`memsweep {}`", t.command));
    row(&mut md, "exit code, area outcome", &|t| format!("{}, {}", t.exit, t.outcome().unwrap_or("no report".into())));
    row(&mut md, "wall time", &|t| secs(t.wall_us));
    row(&mut md, "**cold cache freed** (of what was cached before)", &|t| {
        format!(
            "**{}** of {} ({})",
            gib(t.cold_freed_bytes() as f64),
            gib(t.cold_resident_before as f64),
            t.cold_freed_share().map_or("n/a".into(), pct)
        )
    });
    row(&mut md, "**hot file read back from storage** (share of the hot file)", &|t| {
        format!("**{}** ({})", mib(t.hot_read_back() as f64), pct(t.hot_read_back() as f64 / hot))
    });
    row(&mut md, "… during the method / during the after period", &|t| {
        format!("{} / {}", mib(t.hot_read_during_clean as f64), mib(t.hot_read_after as f64))
    });
    row(&mut md, "hot file cached: before / right after / at the end", &|t| {
        format!(
            "{} / {} / {}",
            pct(t.hot_resident_before as f64 / hot),
            pct(t.hot_resident_after_clean as f64 / hot),
            pct(t.hot_resident_end as f64 / hot)
        )
    });
    row(&mut md, "hot reader's pass: median before (cached) / slowest since the method began", &|t| {
        format!(
            "{} / {} ({} passes)",
            t.pass_before_us.map_or("n/a".into(), secs),
            t.pass_slowest_since_us.map_or("n/a".into(), |us| secs(us as f64)),
            t.passes_since
        )
    });
    row(&mut md, "PSI memory some during the method", &|t| format!("{:.3}%", t.psi_clean_percent()));
    row(&mut md, &format!("PSI memory some during the {} s after", r.after_s), &|t| {
        format!("{:.3}%", t.psi_after_percent())
    });
    row(&mut md, "file refaults during the method / after it", &|t| {
        format!("{} / {}", mib(t.refault_clean_bytes as f64), mib(t.refault_after_bytes as f64))
    });
    row(&mut md, "page cache before → after the method", &|t| {
        format!("{} → {}", gib(t.file_cache_before as f64), gib(t.file_cache_after as f64))
    });
    row(&mut md, "active / inactive file list before", &|t| {
        format!("{} / {}", gib(t.active_file_before as f64), gib(t.inactive_file_before as f64))
    });
    md.push('\n');

    let gentle = r.trials.iter().find(|t| t.method == Method::Gentle);
    let drop = r.trials.iter().find(|t| t.method == Method::PageCache);
    let verdict = |ok: bool| if ok { "**met**" } else { "**missed**" };
    match gentle {
        Some(g) => {
            let freed = g.cold_freed_share().unwrap_or(0.0);
            let reread = g.hot_read_back() as f64 / hot;
            let _ = writeln!(
                md,
                "Goals for gentle reclaim (issue 16):\n\n\
                 - frees ≥ {:.0}% of the cold cache: {} ({} freed, {}).\n\
                 - the hot reader re-reads ≤ {:.0}% of its set: {} ({}, {} of its {} file).\n",
                GOAL_COLD_FREED_SHARE * 100.0,
                verdict(freed >= GOAL_COLD_FREED_SHARE),
                pct(freed),
                gib(g.cold_freed_bytes() as f64),
                GOAL_HOT_REREAD_SHARE * 100.0,
                verdict(reread <= GOAL_HOT_REREAD_SHARE),
                pct(reread),
                mib(g.hot_read_back() as f64),
                size_label(r.hot_bytes),
            );
        }
        None => md.push_str("Goals for gentle reclaim: **not measured** (no gentle trial).\n\n"),
    }
    if let Some(d) = drop {
        let reread = d.hot_read_back() as f64 / hot;
        let _ = writeln!(
            md,
            "The cache drop freed {} of the cold cache and made the hot reader read back {} — {} of \
             its file (expected: all of it). A drop leaves no trace of what it evicted, so its \
             re-reads show up in read_bytes, not as refaults.\n",
            d.cold_freed_share().map_or("n/a".into(), pct),
            mib(d.hot_read_back() as f64),
            pct(reread),
        );
    }
    for t in &r.trials {
        let notes = t.notes();
        if !notes.is_empty() {
            let _ = writeln!(md, "memsweep's notes for the {}: {}.", t.method.name(), notes.join("; "));
        }
        if let (Some(steps), Some(refaults)) = (t.change("reclaim_steps"), t.change("refault_bytes")) {
            let _ = writeln!(
                md,
                "Its own count: {steps} step(s), {} of refaults beyond the machine's baseline.",
                mib(refaults as f64)
            );
        }
        if t.hot_read_during_cold_read > 0 {
            let _ = writeln!(
                md,
                "Before the {}: the hot reader read {} from storage while the cold files were read, \
                 after its warm-up (not counted above: its next whole pass, before the method, \
                 brought any missing page back).",
                t.method.name(),
                mib(t.hot_read_during_cold_read as f64)
            );
        }
        if let Some(e) = &t.error {
            let _ = writeln!(md, "The {} failed: `{e}`.", t.method.name());
        }
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;

    fn report(area: &str, notes: &[&str], changes: Value) -> CleanReport {
        serde_json::from_value(serde_json::json!({
            "schema": "memsweep.clean/2",
            "duration_us": 1000,
            "areas": [{"id": area, "outcome": "done", "reason": null, "duration_us": 900,
                       "notes": notes, "changes": changes}]
        }))
        .unwrap()
    }

    fn drop_trial() -> LeanTrial {
        LeanTrial {
            method: Method::PageCache,
            command: "clean page-cache --json".into(),
            exit: 0,
            error: None,
            wall_us: 250_000.0,
            cold_read_s: 4.0,
            active_file_before: GIB + 30 * MIB,
            inactive_file_before: 4 * GIB + 100 * MIB,
            file_cache_before: 5 * GIB + 130 * MIB,
            file_cache_after: 40 * MIB,
            hot_resident_before: GIB,
            hot_resident_after_clean: 0,
            hot_resident_end: GIB,
            cold_resident_before: 4 * GIB,
            cold_resident_after_clean: 0,
            cold_resident_end: 0,
            hot_read_warm_up: GIB,
            hot_read_during_cold_read: 0,
            hot_read_during_clean: 0,
            hot_read_after: GIB,
            psi_some_clean_us: 0,
            psi_some_after_us: 12_000,
            after_wall_us: 10_000_000.0,
            refault_clean_bytes: 0,
            refault_after_bytes: 2 * MIB,
            pass_before_us: Some(150_000.0),
            pass_slowest_since_us: Some(2_400_000),
            passes_since: 5,
            report: Some(report("page-cache", &[], serde_json::json!([]))),
        }
    }

    fn gentle_trial() -> LeanTrial {
        LeanTrial {
            method: Method::Gentle,
            command: "clean reclaim --gentle --json".into(),
            wall_us: 19_500_000.0,
            file_cache_after: GIB + 200 * MIB,
            hot_resident_after_clean: GIB - 8 * MIB,
            hot_resident_end: GIB,
            cold_resident_after_clean: 300 * MIB, // 300 MiB left
            cold_resident_end: 300 * MIB,
            hot_read_during_clean: 8 * MIB,
            hot_read_after: 0,
            psi_some_clean_us: 19_500,
            psi_some_after_us: 0,
            refault_clean_bytes: 9 * MIB,
            refault_after_bytes: 0,
            pass_slowest_since_us: Some(300_000),
            passes_since: 15,
            report: Some(report(
                "reclaim",
                &[
                    "/sys/devices/system/node/node0/reclaim: asked for 241 MiB",
                    "gentle: took 3.70 GiB of file cache in 16 step(s) of at most 241 MiB (18 s); stopped: 8.00 MiB of what was taken was read back",
                ],
                serde_json::json!([
                    {"metric": "reclaim_steps", "unit": "count", "before": null, "after": 16},
                    {"metric": "refault_bytes", "unit": "bytes", "before": null, "after": 8388608}
                ]),
            )),
            ..drop_trial()
        }
    }

    fn results(trials: Vec<LeanTrial>) -> LeanResults {
        LeanResults {
            hot_bytes: GIB,
            cold_file_bytes: GIB,
            cold_files: 4,
            period_ms: 2000,
            after_s: 10,
            files_written_s: None,
            dir: "/b/lean".into(),
            load_before: "0.50 0.40 0.30".into(),
            load_after: "0.60 0.45 0.31".into(),
            trials,
        }
    }

    #[test]
    fn figures_from_the_counters() {
        let g = gentle_trial();
        assert_eq!(g.cold_freed_bytes(), 3796 * MIB as i64);
        assert_eq!(g.hot_read_back(), 8 * MIB);
        assert!((g.psi_clean_percent() - 0.1).abs() < 1e-9);
        assert_eq!(g.change("reclaim_steps"), Some(16));
        assert_eq!(g.outcome().as_deref(), Some("done"));
        // the per-node requests are left out of the notes
        assert_eq!(g.notes().len(), 1);
        let none = LeanTrial { cold_resident_before: 0, report: None, ..drop_trial() };
        assert_eq!((none.cold_freed_share(), none.outcome(), none.notes().len()), (None, None, 0));
    }

    #[test]
    fn table_and_goals_met() {
        let md = render(&results(vec![drop_trial(), gentle_trial()]));
        assert!(md.starts_with("## 7. Gentle reclaim vs a cache drop, beside a hot set\n\nThe workload of issue 16:"));
        assert!(md.contains("reads a 1 GiB file (random data) completely every 2000 ms"));
        assert!(md.contains("4 × 1 GiB of cold cache"));
        assert!(md.contains("The files (/b/lean) were kept from an earlier run."));
        assert!(md.contains("Load average: 0.50 0.40 0.30 before, 0.60 0.45 0.31 after."));
        assert!(md.contains("| | cache drop | gentle reclaim |\n|---|---|---|\n"));
        assert!(
            md.contains("| command | `memsweep clean page-cache --json` | `memsweep clean reclaim --gentle --json` |")
        );
        assert!(md.contains("| exit code, area outcome | 0, done | 0, done |"));
        assert!(md.contains("| wall time | 250 ms | 19.50 s |"));
        assert!(md.contains(
            "| **cold cache freed** (of what was cached before) | **4.00 GiB** of 4.00 GiB (100.0%) | \
             **3.71 GiB** of 4.00 GiB (92.7%) |"
        ));
        assert!(md.contains(
            "| **hot file read back from storage** (share of the hot file) | **1024.00 MiB** (100.0%) | \
             **8.00 MiB** (0.8%) |"
        ));
        assert!(md.contains(
            "| … during the method / during the after period | 0.00 MiB / 1024.00 MiB | 8.00 MiB / 0.00 MiB |"
        ));
        assert!(md.contains(
            "| hot file cached: before / right after / at the end | 100.0% / 0.0% / 100.0% | 100.0% / 99.2% / 100.0% |"
        ));
        assert!(md.contains("| 150 ms / 2.40 s (5 passes) | 150 ms / 300 ms (15 passes) |"));
        assert!(md.contains("| PSI memory some during the method | 0.000% | 0.100% |"));
        assert!(md.contains("| PSI memory some during the 10 s after | 0.120% | 0.000% |"));
        assert!(
            md.contains("| file refaults during the method / after it | 0.00 MiB / 2.00 MiB | 9.00 MiB / 0.00 MiB |")
        );
        assert!(md.contains("| page cache before → after the method | 5.13 GiB → 0.04 GiB | 5.13 GiB → 1.20 GiB |"));
        assert!(md.contains("- frees ≥ 90% of the cold cache: **met** (92.7% freed, 3.71 GiB).\n"));
        assert!(md.contains("- the hot reader re-reads ≤ 5% of its set: **met** (0.8%, 8.00 MiB of its 1 GiB file).\n"));
        assert!(md.contains(
            "The cache drop freed 100.0% of the cold cache and made the hot reader read back 1024.00 MiB — \
             100.0% of its file (expected: all of it)."
        ));
        assert!(
            md.contains("memsweep's notes for the gentle reclaim: gentle: took 3.70 GiB of file cache in 16 step(s)")
        );
        assert!(!md.contains("asked for"));
        assert!(md.contains("Its own count: 16 step(s), 8.00 MiB of refaults beyond the machine's baseline."));
        assert!(!md.contains("while the cold files were read, after"));
    }

    #[test]
    fn goals_missed_and_what_went_wrong() {
        let g = LeanTrial {
            cold_resident_after_clean: 2 * GIB,
            hot_read_after: 200 * MIB,
            hot_read_during_cold_read: 4 * MIB,
            exit: 1,
            error: Some("reclaim failed".into()),
            ..gentle_trial()
        };
        let d = LeanTrial { hot_read_after: 512 * MIB, ..drop_trial() };
        let md = render(&LeanResults { files_written_s: Some(21.5), ..results(vec![d, g]) });
        assert!(md.contains("The files (/b/lean) were written and fsync'ed by this run (21.5 s)."));
        assert!(md.contains("- frees ≥ 90% of the cold cache: **missed** (50.0% freed, 2.00 GiB).\n"));
        assert!(md.contains("re-reads ≤ 5% of its set: **missed** (20.3%, 208.00 MiB of its 1 GiB file)"));
        assert!(md.contains("read back 512.00 MiB — 50.0% of its file (expected: all of it)"));
        assert!(md.contains("Before the gentle reclaim: the hot reader read 4.00 MiB from storage while the cold"));
        assert!(md.contains("The gentle reclaim failed: `reclaim failed`."));
    }

    #[test]
    fn without_a_gentle_trial() {
        let md = render(&results(vec![drop_trial()]));
        assert!(md.contains("Goals for gentle reclaim: **not measured** (no gentle trial)."));
        assert!(render(&results(vec![])).contains("**not measured: no trial ran.**"));
    }
}
