//! Runs memsweep's benchmarks and prints each one's section of RESULTS.md (Markdown) on stdout.
//! bench/run.sh calls it once per section; see bench/README.md.
//!
//!   harness cleaners --memsweep P --balloon P --probe P --file P [--size-gib 6] [--pairs 3] [--json OUT]
//!       (machine-wide: the caller holds /tmp/memsweep-machine-tests.lock)
//!   harness hyperfine-status FILE.json     memsweep status --json vs free -b (whole processes)
//!   harness criterion LOG CRITERION_DIR SINCE_EPOCH_S
//!   harness watch --memsweep P [--seconds 60] [--scratch DIR]
//!   harness sizes [--linux P] [--windows P] [--scratch DIR]
//!   harness hyperfine-wine FILE.json

use memsweep_bench::{
    dur_us, field, gib, median, meminfo, mib, mono_ns, page_cache, stat_refresh, vmstat, Meminfo, MIB,
};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, SystemTime};

type Res<T> = Result<T, String>;
/// Picks one figure out of a trial's JSON.
type Getter<'a> = &'a dyn Fn(&Value) -> Option<f64>;
/// A row of a table: label, figure, how to print it.
type Row<'a> = (&'a str, Getter<'a>, fn(f64) -> String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("cleaners") => cleaners(&args[1..]),
        Some("hyperfine-status") => hyperfine_status(&args[1..]),
        Some("criterion") => criterion(&args[1..]),
        Some("watch") => watch(&args[1..]),
        Some("sizes") => sizes(&args[1..]),
        Some("hyperfine-wine") => hyperfine_wine(&args[1..]),
        _ => Err("usage: harness cleaners|hyperfine-status|criterion|watch|sizes|hyperfine-wine ...".into()),
    };
    match result {
        Ok(md) => {
            print!("{md}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("harness: {e}");
            ExitCode::FAILURE
        }
    }
}

fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn need<'a>(args: &'a [String], name: &str) -> Res<&'a str> {
    opt(args, name).ok_or_else(|| format!("missing {name}"))
}

fn num(args: &[String], name: &str, default: u64) -> Res<u64> {
    opt(args, name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("{name}: not a number: {v}")))
}

fn read_json(path: &str) -> Res<Value> {
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

fn refreshed_meminfo() -> Res<Meminfo> {
    stat_refresh().map_err(|e| format!("/proc/sys/vm/stat_refresh: {e} (needs root)"))?;
    meminfo().map_err(|e| format!("/proc/meminfo: {e}"))
}

fn oom_kills() -> Res<u64> {
    vmstat("oom_kill").map_err(|e| format!("/proc/vmstat: {e}"))?.ok_or_else(|| "no oom_kill in /proc/vmstat".into())
}

// ---------------------------------------------------------------------------------------------
// 1 + 2. clean vs balloon, with the stall probe running beside each cleaner

/// A process run to completion, with the resources it (and only it) used, from wait4.
struct Ran {
    exit: i32,
    wall_us: f64,
    user_us: f64,
    sys_us: f64,
    stdout: String,
    stderr: String,
    started_ns: u64,
    ended_ns: u64,
}

fn run_measured(argv: &[String]) -> Res<Ran> {
    let started_ns = mono_ns();
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", argv[0]))?;
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut err = child.stderr.take().ok_or("no stderr")?;
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own unreaped child; status and ru are valid for writing.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 {}: {e}", argv[0]));
        }
    }
    let ended_ns = mono_ns();
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    let exit = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 128 + libc::WTERMSIG(status) };
    Ok(Ran {
        exit,
        wall_us: (ended_ns - started_ns) as f64 / 1000.0,
        user_us: tv(ru.ru_utime),
        sys_us: tv(ru.ru_stime),
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        started_ns,
        ended_ns,
    })
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

    fn finish(mut self, from_ns: u64, to_ns: u64) -> Res<Value> {
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
    use std::os::unix::io::AsRawFd;
    let f = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let len = f.metadata().map_err(|e| e.to_string())?.len() as usize;
    if len == 0 {
        return Ok(0.0);
    }
    let page = memsweep_bench::page_size();
    // SAFETY: a read-only shared mapping of a file we hold open; never dereferenced, only
    // passed to mincore, then unmapped.
    unsafe {
        let p = libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, f.as_raw_fd(), 0);
        if p == libc::MAP_FAILED {
            return Err(format!("mmap {}: {}", path.display(), std::io::Error::last_os_error()));
        }
        let mut vec = vec![0u8; len.div_ceil(page)];
        let r = libc::mincore(p, len, vec.as_mut_ptr());
        libc::munmap(p, len);
        if r != 0 {
            return Err(format!("mincore: {}", std::io::Error::last_os_error()));
        }
        Ok(vec.iter().filter(|b| *b & 1 == 1).count() as f64 / vec.len() as f64)
    }
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
    // SAFETY: sync has no preconditions.
    unsafe { libc::sync() };
    fs::write("/proc/sys/vm/drop_caches", "3").map_err(|e| format!("drop_caches: {e} (needs root)"))?;
    let t = mono_ns();
    let mut f = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buf = vec![0u8; 1 << 20];
    while f.read(&mut buf).map_err(|e| format!("{}: {e}", path.display()))? > 0 {}
    Ok((mono_ns() - t) as f64 / 1e9)
}

fn trial(name: &str, argv: &[String], probe: &str, file: &Path) -> Res<Value> {
    let read_s = fill_cache(file)?;
    let resident_before = resident_share(file)?;
    std::thread::sleep(Duration::from_millis(500)); // let writeback and kswapd settle
    let probe = Probe::start(probe)?;
    std::thread::sleep(Duration::from_millis(100));
    let before = refreshed_meminfo()?;
    let oom0 = oom_kills()?;
    let ran = run_measured(argv)?;
    let after = refreshed_meminfo()?;
    let oom1 = oom_kills()?;
    let stall = probe.finish(ran.started_ns, ran.ended_ns)?;
    let resident_after = resident_share(file)?;
    if ran.exit != 0 {
        eprintln!("harness: {name} exited {}: {}", ran.exit, ran.stderr.trim());
    }
    let own: Value = serde_json::from_str(ran.stdout.trim()).unwrap_or(Value::Null);
    let freed = page_cache(&before) as f64 - page_cache(&after) as f64;
    let t = json!({
        "cleaner": name,
        "exit": ran.exit,
        "wall_us": ran.wall_us,
        "user_us": ran.user_us,
        "sys_us": ran.sys_us,
        "cpu_us": ran.user_us + ran.sys_us,
        "fill_read_s": read_s,
        "cache_before_bytes": page_cache(&before),
        "cache_after_bytes": page_cache(&after),
        "cache_freed_bytes": freed,
        "available_before_bytes": field(&before, "MemAvailable"),
        "available_after_bytes": field(&after, "MemAvailable"),
        "free_after_bytes": field(&after, "MemFree"),
        "oom_kills": oom1 - oom0,
        "file_resident_before": resident_before,
        "file_resident_after": resident_after,
        "stall": stall,
        "own_report": own,
    });
    eprintln!(
        "  {name:<8} wall {:>9}  cpu {:>9}  freed {:>10}  avail after {:>10}  stall worst {} p99 {}  oom {}",
        dur_us(ran.wall_us),
        dur_us(ran.user_us + ran.sys_us),
        gib(freed),
        gib(field(&after, "MemAvailable") as f64),
        us_str(&t["stall"]["late_max_us"]),
        us_str(&t["stall"]["late_p99_us"]),
        oom1 - oom0
    );
    Ok(t)
}

/// "2nd", "197th": the rank of the nearest-rank p99 among `rounds` values, counted from the top.
fn ordinal(rounds: f64) -> String {
    let n = rounds as usize;
    let rank = n + 1 - ((0.99 * n as f64).ceil() as usize).clamp(1, n.max(1));
    let suffix = match (rank % 10, rank % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    if rank == 1 {
        return "very".into(); // "its very worst round"
    }
    format!("{rank}{suffix}")
}

fn us_str(v: &Value) -> String {
    v.as_f64().map_or("n/a".into(), dur_us)
}

fn col(trials: &[Value], name: &str, get: impl Fn(&Value) -> Option<f64>) -> Vec<f64> {
    trials.iter().filter(|t| t["cleaner"] == name).filter_map(get).collect()
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => {
            let r = a / b;
            if r >= 10.0 {
                format!("{r:.0}×")
            } else if r >= 0.1 {
                format!("{r:.2}")
            } else {
                format!("{r:.3} (1/{:.0})", 1.0 / r)
            }
        }
        _ => "n/a".into(),
    }
}

fn cleaners(args: &[String]) -> Res<String> {
    let memsweep = need(args, "--memsweep")?;
    let balloon = need(args, "--balloon")?;
    let probe = need(args, "--probe")?;
    let file = PathBuf::from(need(args, "--file")?);
    let size = num(args, "--size-gib", 6)? << 30;
    let pairs = num(args, "--pairs", 3)?.max(1);
    let a: Vec<String> = vec![memsweep.into(), "clean".into(), "--json".into()];
    let b: Vec<String> = vec![balloon.into()];

    eprintln!("clean vs balloon: {} file, {pairs} pairs", gib(size as f64));
    let wrote = ensure_file(&file, size)?;
    if let Some(s) = wrote {
        eprintln!("  wrote {} in {s:.1} s", file.display());
    }
    // The probe alone for 2 s after a fill: what a round costs with no cleaner running.
    fill_cache(&file)?;
    let idle_probe = Probe::start(probe)?;
    let t0 = mono_ns();
    std::thread::sleep(Duration::from_secs(2));
    let idle = idle_probe.finish(t0, mono_ns())?;

    let mut trials = Vec::new();
    for _ in 0..pairs {
        trials.push(trial("memsweep", &a, probe, &file)?);
        trials.push(trial("balloon", &b, probe, &file)?);
    }
    if let Some(out) = opt(args, "--json") {
        let raw = json!({ "file_bytes": size, "pairs": pairs, "idle_probe": idle, "trials": trials });
        fs::write(out, serde_json::to_string_pretty(&raw).unwrap_or_default()).map_err(|e| format!("{out}: {e}"))?;
    }

    let med = |name: &str, get: Getter| median(&col(&trials, name, get));
    let max = |name: &str, get: Getter| col(&trials, name, get).into_iter().reduce(f64::max);
    let f = |key: &'static str| move |t: &Value| t[key].as_f64();
    let s = |key: &'static str| move |t: &Value| t["stall"][key].as_f64();
    let fmt = |v: Option<f64>, unit: fn(f64) -> String| v.map_or("n/a".into(), unit);
    let pct = |v: f64| format!("{:.1}%", v * 100.0);

    let mut md = String::new();
    let _ = writeln!(md, "## 1. Clean vs balloon\n");
    let _ = writeln!(
        md,
        "A {} file written once per run and fsync'ed{}; before **every** trial: `sync`, `drop_caches=3`, \
         then the whole file is read back, so each cleaner starts from the same state (the file's \
         pages resident: median {}). Then, alternating, {pairs} pair(s) A B: \
         **A** = `memsweep clean --json` (default areas: dirty, page-cache, slab, compact); \
         **B** = `bench/src/bin/balloon.rs`: mmap + touch 64 MiB chunks until MemAvailable \
         falls to 10% of MemTotal (read before every chunk; it stops 16 MiB above that floor, \
         halving its chunks near it), then munmap. \
         Medians over the {pairs} trials of each; wall time from spawn to wait4, CPU = user + sys \
         of the cleaner process from wait4's rusage; page cache = Cached + Buffers − Shmem and \
         MemAvailable from /proc/meminfo right after writing /proc/sys/vm/stat_refresh; OOM \
         kills = delta of `oom_kill` in /proc/vmstat.\n",
        gib(size as f64),
        match wrote {
            Some(s) => format!(" (took {s:.1} s)"),
            None => " (kept from an earlier run: same size)".into(),
        },
        fmt(
            med("memsweep", &f("file_resident_before"))
                .zip(med("balloon", &f("file_resident_before")))
                .map(|(x, y)| x.min(y)),
            pct
        ),
    );
    let _ = writeln!(md, "| median of {pairs} | A: memsweep clean | B: balloon | A/B |\n|---|---|---|---|");
    let rows: [Row; 7] = [
        ("wall time", &f("wall_us"), dur_us),
        ("CPU time (user + sys)", &f("cpu_us"), dur_us),
        ("page cache freed", &f("cache_freed_bytes"), gib),
        ("page cache after", &f("cache_after_bytes"), gib),
        ("MemAvailable after", &f("available_after_bytes"), gib),
        ("MemFree after", &f("free_after_bytes"), gib),
        ("share of the 6 GiB file still cached (mincore)", &f("file_resident_after"), pct),
    ];
    for (label, get, unit) in rows {
        let (x, y) = (med("memsweep", get), med("balloon", get));
        let _ = writeln!(md, "| {label} | {} | {} | {} |", fmt(x, unit), fmt(y, unit), ratio(x, y));
    }
    let sum = |name: &str| col(&trials, name, |t| t["oom_kills"].as_f64()).iter().sum::<f64>();
    let _ = writeln!(md, "| OOM kills (sum over all trials) | {} | {} | |", sum("memsweep"), sum("balloon"));
    let _ = writeln!(
        md,
        "| MemAvailable before (for reference) | {} | {} | |\n",
        fmt(med("memsweep", &f("available_before_bytes")), gib),
        fmt(med("balloon", &f("available_before_bytes")), gib)
    );
    let wall = |n: &str| col(&trials, n, |t| t["wall_us"].as_f64());
    let _ = writeln!(
        md,
        "Every trial's wall time: A {}; B {}.",
        wall("memsweep").iter().map(|v| dur_us(*v)).collect::<Vec<_>>().join(", "),
        wall("balloon").iter().map(|v| dur_us(*v)).collect::<Vec<_>>().join(", ")
    );
    let peak = col(&trials, "balloon", |t| t["own_report"]["available_at_peak_bytes"].as_f64());
    let floor = trials.iter().find_map(|t| t["own_report"]["floor_bytes"].as_f64());
    let alloc = med("balloon", &|t| t["own_report"]["allocated_bytes"].as_f64());
    let lowest = peak.iter().copied().reduce(f64::min);
    let kept = match (lowest, floor) {
        (Some(l), Some(f)) if l >= f => "never crossed".to_string(),
        (Some(l), Some(f)) => {
            format!("**crossed by {}** (the kernel's accounting moved after the last check)", mib(f - l))
        }
        _ => "not known".into(),
    };
    let _ = writeln!(
        md,
        "The balloon allocated a median {} in a median {} (then munmap took {}); its lowest \
         MemAvailable at the peak was {} ({} B) against a floor of {} ({} B): {kept}.",
        fmt(alloc, gib),
        fmt(med("balloon", &|t| t["own_report"]["alloc_us"].as_f64()), dur_us),
        fmt(med("balloon", &|t| t["own_report"]["free_us"].as_f64()), dur_us),
        fmt(lowest, gib),
        fmt(lowest, |v| format!("{v:.0}")),
        fmt(floor, gib),
        fmt(floor, |v| format!("{v:.0}")),
    );
    // memsweep's own per-area durations, medians over its trials.
    let mut areas: Vec<String> = Vec::new();
    if let Some(first) = trials.iter().find(|t| t["cleaner"] == "memsweep") {
        for a in first["own_report"]["areas"].as_array().into_iter().flatten() {
            let id = a["id"].as_str().unwrap_or("?").to_string();
            let d = med("memsweep", &|t| {
                t["own_report"]["areas"].as_array()?.iter().find(|x| x["id"] == id.as_str())?["duration_us"].as_f64()
            });
            areas.push(format!("{id} {}", fmt(d, dur_us)));
        }
    }
    let _ = writeln!(md, "memsweep's areas, median time each (from its report): {}.", areas.join(", "));
    let own = med("memsweep", &|t| t["own_report"]["duration_us"].as_f64());
    let exits: Vec<String> = trials.iter().map(|t| t["exit"].to_string()).collect();
    let _ = writeln!(
        md,
        "memsweep's own report (`duration_us`, measure–clean–measure inside the process): median {}. \
         Exit codes in trial order: {}.\n",
        fmt(own, dur_us),
        exits.join(" ")
    );

    let _ = writeln!(md, "## 2. Foreground stall\n");
    let _ = writeln!(
        md,
        "`bench/src/bin/stall-probe.rs`, a separate process started before the cleaner: a loop of a \
         1 ms sleep (lateness = actual sleep − 1 ms) then 64 KiB mmap + touch each page + munmap \
         (fresh pages from the kernel every round). Only the rounds overlapping the cleaner's run \
         count. *Idle* = the probe alone for 2 s after a cache fill, no cleaner.\n"
    );
    let _ = writeln!(md, "| | idle | A: memsweep clean | B: balloon | A/B |\n|---|---|---|---|---|");
    let idle_v = |k: &str| idle[k].as_f64();
    let stall_rows: [(&str, &'static str, bool); 5] = [
        ("sleep lateness, worst (median of trials)", "late_max_us", false),
        ("sleep lateness, worst of all trials", "late_max_us", true),
        ("sleep lateness, p99 (median of trials)", "late_p99_us", false),
        ("64 KiB map+touch+unmap, worst (median of trials)", "alloc_max_us", false),
        ("64 KiB map+touch+unmap, p99 (median of trials)", "alloc_p99_us", false),
    ];
    for (label, key, worst) in stall_rows {
        let (x, y) = if worst {
            (max("memsweep", &s(key)), max("balloon", &s(key)))
        } else {
            (med("memsweep", &s(key)), med("balloon", &s(key)))
        };
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} | {} |",
            fmt(idle_v(key), dur_us),
            fmt(x, dur_us),
            fmt(y, dur_us),
            ratio(x, y)
        );
    }
    for (label, key) in [
        ("rounds ≥ 1 ms late (median of trials)", "late_over_1ms"),
        ("rounds ≥ 10 ms late (median of trials)", "late_over_10ms"),
        ("total lateness: the probe's lost time (median of trials)", "late_sum_us"),
    ] {
        let (x, y) = (med("memsweep", &s(key)), med("balloon", &s(key)));
        let unit: fn(f64) -> String = if key == "late_sum_us" { dur_us } else { |v| format!("{v:.0}") };
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} | {} |",
            fmt(idle_v(key), unit),
            fmt(x, unit),
            fmt(y, unit),
            ratio(x, y)
        );
    }
    let rounds = |n: &str| med(n, &s("rounds"));
    let _ = writeln!(
        md,
        "| rounds measured (median) | {} | {} | {} | |\n",
        idle["rounds"],
        fmt(rounds("memsweep"), |v| format!("{v:.0}")),
        fmt(rounds("balloon"), |v| format!("{v:.0}"))
    );
    let _ = writeln!(
        md,
        "A p99 depends on how long the cleaner ran: over memsweep's ~{} rounds it is about its \
         {} worst round, over the balloon's ~{} rounds its {} worst; the counts of late rounds and \
         the total lateness do not have that bias.\n",
        fmt(rounds("memsweep"), |v| format!("{v:.0}")),
        fmt(rounds("memsweep"), ordinal),
        fmt(rounds("balloon"), |v| format!("{v:.0}")),
        fmt(rounds("balloon"), ordinal),
    );
    let _ = writeln!(md, "Per trial (in run order):\n");
    let _ = writeln!(md, "| # | cleaner | wall | CPU | freed | avail after | file cached after | worst late | p99 late | worst 64 KiB | OOM |\n|---|---|---|---|---|---|---|---|---|---|---|");
    for (i, t) in trials.iter().enumerate() {
        let g = |k: &str| t[k].as_f64();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            t["cleaner"].as_str().unwrap_or("?"),
            fmt(g("wall_us"), dur_us),
            fmt(g("cpu_us"), dur_us),
            fmt(g("cache_freed_bytes"), gib),
            fmt(g("available_after_bytes"), gib),
            fmt(g("file_resident_after"), pct),
            us_str(&t["stall"]["late_max_us"]),
            us_str(&t["stall"]["late_p99_us"]),
            us_str(&t["stall"]["alloc_max_us"]),
            t["oom_kills"]
        );
    }
    md.push('\n');
    Ok(md)
}

// ---------------------------------------------------------------------------------------------
// 3. reading memory: whole processes (hyperfine) and in-process (criterion)

struct HfResult {
    command: String,
    mean: f64,
    stddev: f64,
    median: f64,
    min: f64,
    max: f64,
    runs: usize,
}

fn hyperfine_results(path: &str) -> Res<Vec<HfResult>> {
    let v = read_json(path)?;
    let list = v["results"].as_array().ok_or(format!("{path}: no results"))?;
    Ok(list
        .iter()
        .map(|r| HfResult {
            command: r["command"].as_str().unwrap_or("?").to_string(),
            mean: r["mean"].as_f64().unwrap_or(f64::NAN) * 1e6,
            stddev: r["stddev"].as_f64().unwrap_or(f64::NAN) * 1e6,
            median: r["median"].as_f64().unwrap_or(f64::NAN) * 1e6,
            min: r["min"].as_f64().unwrap_or(f64::NAN) * 1e6,
            max: r["max"].as_f64().unwrap_or(f64::NAN) * 1e6,
            runs: r["times"].as_array().map_or(0, Vec::len),
        })
        .collect())
}

fn hyperfine_table(results: &[HfResult]) -> String {
    let mut md = String::from("| command | mean ± σ | median | min … max | runs |\n|---|---|---|---|---|\n");
    for r in results {
        let _ = writeln!(
            md,
            "| `{}` | {} ± {} | {} | {} … {} | {} |",
            r.command,
            dur_us(r.mean),
            dur_us(r.stddev),
            dur_us(r.median),
            dur_us(r.min),
            dur_us(r.max),
            r.runs
        );
    }
    md
}

fn hyperfine_status(args: &[String]) -> Res<String> {
    let path = args.first().ok_or("usage: hyperfine-status FILE")?;
    let results = hyperfine_results(path)?;
    let find = |pred: &dyn Fn(&str) -> bool| results.iter().find(|r| pred(&r.command));
    let ours = find(&|c| c.ends_with("status --json")).ok_or("no `memsweep status --json` result")?;
    let free = find(&|c| c.starts_with("free")).ok_or("no `free -b` result")?;
    let mut md = String::from("## 3. Reading memory\n\n### Whole process (hyperfine)\n\n");
    md += &hyperfine_table(&results);
    let diff = ours.mean - free.mean;
    let joint = (ours.stddev.powi(2) + free.stddev.powi(2)).sqrt();
    let _ = writeln!(
        md,
        "\nTarget: `memsweep status --json` no slower than `free -b`. {}",
        if diff <= 0.0 {
            format!(
                "**Met**: {} faster ({:.1}%){}.",
                dur_us(-diff),
                -diff / free.mean * 100.0,
                if -diff <= joint {
                    format!(", though within the noise (combined σ {})", dur_us(joint))
                } else {
                    String::new()
                }
            )
        } else if diff <= joint {
            format!(
                "**Missed by {} ({:.1}%)**, within the noise (combined σ {}).",
                dur_us(diff),
                diff / free.mean * 100.0,
                dur_us(joint)
            )
        } else {
            format!("**Missed by {} ({:.1}%).**", dur_us(diff), diff / free.mean * 100.0)
        }
    );
    let _ = writeln!(
        md,
        "Medians (less sensitive to the machine's other work): {:.3} ms vs {:.3} ms — {}.",
        ours.median / 1000.0,
        free.median / 1000.0,
        if ours.median <= free.median {
            "met".to_string()
        } else {
            format!("missed by {}", dur_us(ours.median - free.median))
        }
    );
    if let Some(ver) = find(&|c| c.ends_with("--version") && !c.starts_with("free")) {
        let _ = writeln!(
            md,
            "`memsweep --version` (start-up and exit only, no /proc reads) took {}: {}",
            dur_us(ver.mean),
            {
                let d = ours.mean - ver.mean;
                let noise = (ours.stddev.powi(2) + ver.stddev.powi(2)).sqrt();
                if d.abs() <= noise {
                    format!(
                        "`status --json` is within the noise of it (difference {}, combined σ {}), \
                         so process start-up, not reading /proc, is nearly all of its cost.",
                        dur_us(d),
                        dur_us(noise)
                    )
                } else {
                    format!("reading, computing and printing the status add about {} to it.", dur_us(d))
                }
            }
        );
    }
    md.push('\n');
    Ok(md)
}

fn to_us(value: f64, unit: &str) -> Option<f64> {
    Some(match unit {
        "ps" => value / 1e6,
        "ns" => value / 1e3,
        "µs" | "us" => value,
        "ms" => value * 1e3,
        "s" => value * 1e6,
        _ => return None,
    })
}

/// Criterion's directory name for a benchmark id (its path-unsafe characters become `_`).
fn criterion_dir_name(id: &str) -> String {
    id.chars().map(|c| if "?\"/\\*<>:|^".contains(c) { '_' } else { c }).collect()
}

fn criterion(args: &[String]) -> Res<String> {
    let [log, dir, since] = args else { return Err("usage: criterion LOG CRITERION_DIR SINCE_EPOCH_S".into()) };
    let since: u64 = since.parse().map_err(|_| "SINCE_EPOCH_S: not a number")?;
    let text = fs::read_to_string(log).map_err(|e| format!("{log}: {e}"))?;
    // "NAME  time:   [a u b u c u]", the name alone on the line before when it is long.
    let mut found: Vec<(String, [f64; 3])> = Vec::new();
    let mut prev = String::new();
    for line in text.lines() {
        if let Some(i) = line.find("time:") {
            let head = line[..i].trim();
            let name = if head.is_empty() { prev.clone() } else { head.to_string() };
            let inner = line[i..].split(['[', ']']).nth(1).unwrap_or("");
            let w: Vec<&str> = inner.split_whitespace().collect();
            if w.len() == 6 {
                let v: Vec<Option<f64>> =
                    (0..3).map(|k| w[2 * k].parse().ok().and_then(|x| to_us(x, w[2 * k + 1]))).collect();
                if let [Some(a), Some(b), Some(c)] = v[..] {
                    found.push((name, [a, b, c]));
                }
            }
        } else if !line.trim().is_empty() {
            prev = line.trim().to_string();
        }
    }
    if found.is_empty() {
        return Err(format!("{log}: no criterion `time:` lines"));
    }
    let mut md = String::from("### In process (criterion, `cargo bench -p memsweep-backend --bench snapshot`)\n\n");
    md += "| benchmark | time [95% CI] | mean ± σ (estimates.json) |\n|---|---|---|\n";
    let mut verdicts = Vec::new();
    for (name, [lo, est, hi]) in &found {
        let est_file = Path::new(dir).join(criterion_dir_name(name)).join("new/estimates.json");
        let fresh = fs::metadata(&est_file)
            .and_then(|m| m.modified())
            .map(|t| t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) >= since)
            .unwrap_or(false);
        let ms = if fresh {
            let e = read_json(&est_file.to_string_lossy())?;
            match (e["mean"]["point_estimate"].as_f64(), e["std_dev"]["point_estimate"].as_f64()) {
                (Some(m), Some(s)) => format!("{} ± {}", dur_us(m / 1e3), dur_us(s / 1e3)),
                _ => "n/a".into(),
            }
        } else {
            "n/a (no fresh estimates.json)".into()
        };
        let _ = writeln!(md, "| {name} | {} [{} … {}] | {ms} |", dur_us(*est), dur_us(*lo), dur_us(*hi));
        if name.contains("snapshot") {
            verdicts.push(if *hi <= 50.0 {
                format!("`{name}` {est:.2} µs — **met**")
            } else if *est <= 50.0 {
                format!("`{name}` {est:.2} µs — met, but the 95% CI reaches {hi:.2} µs")
            } else if *lo <= 50.0 {
                format!(
                    "`{name}` {est:.2} µs — **missed by {:.2} µs**, at the limit (95% CI {lo:.2} … {hi:.2} µs)",
                    est - 50.0
                )
            } else {
                format!("`{name}` {est:.2} µs — **missed by {:.2} µs**", est - 50.0)
            });
        }
    }
    let _ = writeln!(md, "\nTarget: one in-process snapshot ≤ 50 µs. {}.", verdicts.join("; "));
    let est_of = |pred: &dyn Fn(&str) -> bool| found.iter().find(|(n, _)| pred(n)).map(|(_, v)| v[1]);
    let parse: Option<f64> =
        ["parse meminfo", "parse vmstat", "parse buddyinfo"].iter().map(|p| est_of(&|n| n == *p)).sum();
    if let (Some(parse), Some(snap)) = (parse, est_of(&|n| n.starts_with("linux snapshot"))) {
        let _ = writeln!(
            md,
            "Parsing meminfo, vmstat and buddyinfo costs {} together (the parse benches; the \
             pressure file has no parse bench), so about {} of the {} snapshot is the kernel \
             generating the /proc files and the syscalls that read them.",
            dur_us(parse),
            dur_us(snap - parse),
            dur_us(snap)
        );
    }
    // Both snapshot benches read and parse the same files on Linux (the backend's snapshot is
    // read_snapshot), so when they disagree the spread is the machine's noise.
    let snaps: Vec<&(String, [f64; 3])> = found.iter().filter(|(n, _)| n.contains("snapshot")).collect();
    if snaps.len() == 2 && snaps.iter().any(|(_, v)| v[1] > 50.0) {
        let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let _ = writeln!(
            md,
            "Both snapshot benches do the same work on Linux (`Backend::snapshot` is \
             `read_snapshot()`), yet they differ by {}: that spread is noise from other work on \
             the machine (load average {} when the bench ended, on 2 cores). A bench that \
             shares its CPU measures high, so a figure over the target here is an upper bound.",
            dur_us((snaps[0].1[1] - snaps[1].1[1]).abs()),
            load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
        );
    }
    md.push('\n');
    Ok(md)
}

// ---------------------------------------------------------------------------------------------
// 4. daemon footprint

/// One look at a running process: VmRSS and VmHWM (bytes), utime + stime (clock ticks) and,
/// where the kernel has it, the exact CPU time from /proc/PID/schedstat (ns).
struct ProcSample {
    rss: u64,
    hwm: u64,
    ticks: u64,
    cpu_ns: Option<u64>,
}

fn proc_sample(pid: u32) -> Res<ProcSample> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| format!("/proc/{pid}/status: {e}"))?;
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map(|v| v * 1024)
            .ok_or(format!("no {key} in /proc/{pid}/status"))
    };
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| format!("/proc/{pid}/stat: {e}"))?;
    // The fields after comm's ")": state is field 3, so utime (14) and stime (15) are 11 and 12.
    let rest: Vec<&str> = stat.rsplit_once(')').ok_or("bad stat")?.1.split_whitespace().collect();
    let field = |i: usize| rest.get(i).and_then(|v| v.parse::<u64>().ok()).ok_or("bad stat fields");
    let cpu_ns = fs::read_to_string(format!("/proc/{pid}/schedstat"))
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse().ok());
    Ok(ProcSample { rss: kb("VmRSS:")?, hwm: kb("VmHWM:")?, ticks: field(11)? + field(12)?, cpu_ns })
}

/// The config the daemon runs with: memsweep's own format (`[watch] poll_interval_ms`), one
/// rule so that every poll really evaluates something, at a threshold this benchmark never
/// reaches (used ≥ 99%: it never cleans), history and logs kept in the scratch directory.
const WATCH_CONFIG: &str = "# memsweep watch, for bench/run.sh: poll every second; a rule that never fires here\n\
[watch]\npoll_interval_ms = 1000\n\n[[rules]]\nkind = \"usage\"\npercent = 99\n\n[history]\npath = \"HISTORY\"\nlog_level = \"warn\"\n";

fn watch(args: &[String]) -> Res<String> {
    let memsweep = need(args, "--memsweep")?;
    let seconds = num(args, "--seconds", 60)?;
    let scratch = PathBuf::from(opt(args, "--scratch").unwrap_or("/tmp"));
    let mut md = String::from("## 4. Daemon footprint (`memsweep watch`, 1 s polling)\n\n");
    let targets = "Targets: RSS ≤ 4 MiB and CPU ≤ 0.1% at 1 s polling over 60 s.";
    let not_measured = |md: &mut String, why: &str| {
        eprintln!("watch: not measured: {why}");
        let _ = writeln!(md, "**not measured: {why}**. {targets}\n");
    };
    let help = Command::new(memsweep).args(["watch", "--help"]).stdin(Stdio::null()).output();
    let help = match help {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => {
            not_measured(&mut md, "memsweep watch does not exist yet (`memsweep watch --help` fails)");
            return Ok(md);
        }
    };
    let mut argv: Vec<String> = vec!["watch".into()];
    let how;
    if let Ok(extra) = std::env::var("MEMSWEEP_WATCH_ARGS") {
        argv.extend(extra.split_whitespace().map(String::from));
        how = format!("arguments from MEMSWEEP_WATCH_ARGS: `{extra}`");
    } else if help.contains("--config") {
        let cfg = scratch.join("watch-bench.toml");
        let text = WATCH_CONFIG.replace("HISTORY", &scratch.join("watch-history.jsonl").to_string_lossy());
        fs::write(&cfg, text).map_err(|e| format!("{}: {e}", cfg.display()))?;
        let cfg = cfg.to_string_lossy().into_owned();
        let check = Command::new(memsweep).args(["config", "check", "--config", &cfg]).stdin(Stdio::null()).output();
        match check {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                let msg = String::from_utf8_lossy(&o.stderr).trim().to_string();
                not_measured(&mut md, &format!("memsweep rejected the benchmark's config (`{msg}`)"));
                return Ok(md);
            }
            Err(e) => return Err(format!("memsweep config check: {e}")),
        }
        argv.extend(["--config".into(), cfg]);
        how = "a config with `[watch] poll_interval_ms = 1000`, one `usage` rule at 99% (never \
               reached here, so it never cleans) and log level `warn`, checked first with \
               `memsweep config check`"
            .into();
    } else {
        how = "its default configuration (no `--config` flag; the poll interval is not known to be 1 s)".into();
    }

    // Only one watch runs per machine (a lock in /run/memsweep). If another one holds it (the
    // project's own soak tests run one), wait up to 20 s; then run this one in a private mount
    // namespace whose /run/memsweep is an empty tmpfs: the same binary and config, with its
    // locks apart. Its rule never fires, so it never cleans beside the other.
    let errlog = scratch.join("watch-stderr.log");
    let mut waited = 0;
    let mut isolated: Option<String> = None;
    let (mut child, pid) = loop {
        let err = fs::File::create(&errlog).map_err(|e| format!("{}: {e}", errlog.display()))?;
        let mut cmd = if isolated.is_some() {
            let mut c = Command::new("unshare");
            c.args(["--mount", "--propagation", "private", "--", "sh", "-c"])
                .arg("mkdir -p /run/memsweep && mount -t tmpfs -o size=1m memsweep-bench /run/memsweep && exec \"$0\" \"$@\"")
                .arg(memsweep);
            c
        } else {
            Command::new(memsweep)
        };
        let mut child = cmd
            .args(&argv)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(err)
            .spawn()
            .map_err(|e| format!("memsweep watch: {e}"))?;
        std::thread::sleep(Duration::from_secs(1)); // past start-up
        match child.try_wait() {
            Ok(None) => {
                let pid = child.id();
                // unshare and sh exec, so this pid is memsweep's own by now.
                let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                if comm.trim() != "memsweep" {
                    let _ = child.kill();
                    let _ = child.wait();
                    not_measured(&mut md, &format!("the watch process is `{}`, not memsweep", comm.trim()));
                    return Ok(md);
                }
                break (child, pid);
            }
            Ok(Some(status)) => {
                let err = fs::read_to_string(&errlog).unwrap_or_default();
                if err.contains("already running") && isolated.is_none() {
                    if waited < 20 {
                        eprintln!("watch: another memsweep watch is running; retrying in 5 s");
                        std::thread::sleep(Duration::from_secs(5));
                        waited += 6;
                    } else {
                        isolated = Some(err.trim().trim_start_matches("memsweep: ").to_string());
                        eprintln!("watch: still running; measuring in a private mount namespace");
                    }
                    continue;
                }
                not_measured(
                    &mut md,
                    &format!("`memsweep {}` exited at start ({status}): `{}`", argv.join(" "), err.trim()),
                );
                return Ok(md);
            }
            Err(e) => return Err(format!("memsweep watch: {e}")),
        }
    };
    let first = proc_sample(pid);
    let t0 = mono_ns();
    let mut rss_max = first.as_ref().map_or(0, |s| s.rss);
    let mut last = None;
    for _ in 0..seconds {
        std::thread::sleep(Duration::from_secs(1));
        match proc_sample(pid) {
            Ok(s) => {
                rss_max = rss_max.max(s.rss);
                last = Some(s);
            }
            Err(_) => {
                last = None;
                break;
            }
        }
    }
    let elapsed = (mono_ns() - t0) as f64 / 1e9;
    let alive = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let _ = child.wait();
    let (first, last) = match (first, last, alive) {
        (Ok(f), Some(l), true) => (f, l),
        _ => {
            let err = fs::read_to_string(&errlog).unwrap_or_default();
            not_measured(&mut md, &format!("`memsweep watch` exited during the measurement: `{}`", err.trim()));
            return Ok(md);
        }
    };
    let history = fs::read_to_string(scratch.join("watch-history.jsonl")).map_or(0, |h| h.lines().count());
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let ticks = last.ticks - first.ticks;
    let tick_pct = ticks as f64 / hz / elapsed * 100.0;
    let exact_pct = last.cpu_ns.zip(first.cpu_ns).map(|(b, a)| (b - a) as f64 / 1e9 / elapsed * 100.0);
    let cpu_pct = exact_pct.unwrap_or(tick_pct);
    let verdict = |ok: bool, by: String| if ok { "met".to_string() } else { format!("**missed by {by}**") };
    let _ = writeln!(
        md,
        "`memsweep {}`: {how}. Sampled from /proc/PID/status (VmRSS, VmHWM), /proc/PID/stat \
         (utime + stime, {hz} ticks/s) and /proc/PID/schedstat (CPU time in ns) 1 s after start \
         and {elapsed:.1} s later, VmRSS also every second between.\n\n\
         | figure | measured | target | |\n|---|---|---|---|\n\
         | RSS at start / end / max of the samples | {} / {} / {} | ≤ 4 MiB | {} |\n\
         | peak RSS (VmHWM) | {} | | |\n\
         | CPU over {elapsed:.0} s | {} (utime + stime: {ticks} ticks = {tick_pct:.3}%) | ≤ 0.1% | {} |\n",
        argv.join(" "),
        mib(first.rss as f64),
        mib(last.rss as f64),
        mib(rss_max as f64),
        verdict(rss_max as f64 <= 4.0 * MIB, mib(rss_max as f64 - 4.0 * MIB)),
        mib(last.hwm as f64),
        exact_pct.map_or("n/a".into(), |p| format!("{p:.4}% (schedstat)")),
        verdict(cpu_pct <= 0.1, format!("{:.3} points", cpu_pct - 0.1)),
    );
    if let Some(other) = &isolated {
        let _ = writeln!(
            md,
            "Another `memsweep watch` held the machine's watch lock for more than 20 s ({other}; \
             the project's own tests run one), so this one ran in a private mount namespace with \
             an empty tmpfs as its /run/memsweep: the same binary, config and polling, its locks \
             apart.\n"
        );
    }
    let _ = writeln!(md, "Cleans the daemon recorded meanwhile (its history file): {history} (expected 0).\n");
    Ok(md)
}

// ---------------------------------------------------------------------------------------------
// 5. binary sizes

fn sizes(args: &[String]) -> Res<String> {
    let scratch = PathBuf::from(opt(args, "--scratch").unwrap_or("/tmp"));
    fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let mut md = String::from(
        "## 5. Binary size\n\n| binary | built | on disk | stripped copy | target ≤ 3 MiB |\n|---|---|---|---|---|\n",
    );
    for (flag, strip, label) in [
        ("--linux", "strip", "Linux x86-64"),
        ("--windows", "x86_64-w64-mingw32-strip", "Windows x86_64-pc-windows-gnu"),
    ] {
        let Some(path) = opt(args, flag) else { continue };
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(_) => {
                let _ = writeln!(md, "| {label} `{path}` | not built | | | not measured |");
                continue;
            }
        };
        let built = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .and_then(|d| {
                Command::new("date").args(["-u", "-d", &format!("@{}", d.as_secs()), "+%F %T UTC"]).output().ok()
            })
            .map_or("?".into(), |o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        let copy =
            scratch.join(format!("{}.stripped", Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("bin")));
        fs::copy(path, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
        let stripped = match Command::new(strip).arg(&copy).status() {
            Ok(s) if s.success() => fs::metadata(&copy).map(|m| m.len()).ok(),
            _ => None,
        };
        let _ = fs::remove_file(&copy);
        let verdict = match stripped {
            Some(b) if b as f64 <= 3.0 * MIB => "met".to_string(),
            Some(b) => format!("**missed by {}**", mib(b as f64 - 3.0 * MIB)),
            None => format!("not measured (`{strip}` failed)"),
        };
        let _ = writeln!(
            md,
            "| {label} `{path}` | {built} | {} ({} B) | {} | {verdict} |",
            mib(meta.len() as f64),
            meta.len(),
            stripped.map_or("n/a".into(), |b| format!("{} ({b} B)", mib(b as f64))),
        );
    }
    md += "\n`[profile.release]` already has `strip = true`, so the copy stripped again by binutils \
           should be the same size (it checks that the shipped binary carries no symbols).\n\n";
    Ok(md)
}

// ---------------------------------------------------------------------------------------------
// 6. Windows build under Wine

fn hyperfine_wine(args: &[String]) -> Res<String> {
    let path = args.first().ok_or("usage: hyperfine-wine FILE")?;
    let results = hyperfine_results(path)?;
    let mut md = String::from("### Whole process under Wine (hyperfine)\n\n");
    md += &hyperfine_table(&results);
    let ours = results.iter().find(|r| r.command.contains("memsweep.exe"));
    let noop = results.iter().find(|r| r.command.contains("noop.exe"));
    if let (Some(o), Some(n)) = (ours, noop) {
        let _ = writeln!(
            md,
            "\n`memsweep.exe status --json` minus an empty C program (`noop.exe`, mingw) under the \
             same Wine: {} — a rough upper bound of what memsweep itself spends, since both pay \
             Wine's process start.",
            dur_us(o.mean - n.mean)
        );
    }
    md.push('\n');
    Ok(md)
}
