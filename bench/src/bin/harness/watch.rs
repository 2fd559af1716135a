//! Part 4: the footprint of `memsweep watch` (RSS and CPU) at idle, two ways paced: polling every
//! second (`[watch] pressure_trigger = false`) and the default, asleep on a PSI trigger with the
//! other rules evaluated every `idle_poll_ms` (5 s). Both run side by side during the same
//! minute, so the machine's other work weighs on both alike.

use crate::args::Args;
use crate::Res;
use memsweep_bench::{mib, mono_ns, MIB};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The targets, for the 1 s polling watch (the one they were set for).
const TARGET_RSS_BYTES: f64 = 4.0 * MIB;
const TARGET_CPU_PERCENT: f64 = 0.1;

/// How long to wait for another `memsweep watch` to let go of the machine's watch lock before
/// measuring in a private mount namespace instead.
const WAIT_FOR_OTHER_WATCH_S: u64 = 20;

/// What the daemon logs (at debug) each time its PSI trigger wakes it.
const PRESSURE_WAKE_LOG: &str = "woken by memory pressure";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pacing {
    /// `[watch] pressure_trigger = false`: every rule evaluated every `poll_interval_ms` (1 s).
    Polling,
    /// The default: a PSI trigger wakes it on pressure; the rules evaluated every `idle_poll_ms`.
    PsiTrigger,
}

impl Pacing {
    fn label(self) -> &'static str {
        match self {
            Pacing::Polling => "1 s polling",
            Pacing::PsiTrigger => "PSI trigger (default)",
        }
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct WatchResults {
    /// The 1 s polling watch (or the one MEMSWEEP_WATCH_ARGS describes), then the PSI trigger's
    /// (left out when MEMSWEEP_WATCH_ARGS replaced the benchmark's configs).
    pub runs: Vec<WatchRun>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct WatchRun {
    pub pacing: Pacing,
    pub outcome: Outcome,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Measured(Footprint),
    NotMeasured { why: String },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Footprint {
    /// memsweep's arguments, `watch --config …`.
    pub command: String,
    /// Where those arguments came from, in a sentence.
    pub configured_by: String,
    /// Seconds between the first sample (1 s after start) and the last.
    pub elapsed_s: f64,
    pub rss_first_bytes: u64,
    pub rss_last_bytes: u64,
    /// The largest VmRSS of the samples, one a second.
    pub rss_max_bytes: u64,
    /// VmHWM at the last sample.
    pub peak_rss_bytes: u64,
    /// utime + stime between the first sample and the last, and the clock's ticks per second.
    pub cpu_ticks: u64,
    pub ticks_per_s: f64,
    /// The same CPU time, exact, from /proc/PID/task/*/schedstat, every thread (None when the
    /// kernel lacks it).
    pub cpu_ns: Option<u64>,
    /// Set when this one ran in a private mount namespace: why (another watch held the
    /// machine's lock).
    pub isolated_because: Option<String>,
    /// Lines in the daemon's history file: cleans it did meanwhile (expected 0).
    pub history_cleans: usize,
    /// How the daemon said it paces its rules (its start-up log line), when it said so.
    #[serde(default)]
    pub pacing_said: Option<String>,
    /// When its PSI trigger woke it (its debug log), in seconds after its start-up line: a wake
    /// means 30 s of 1 s polling, which the CPU figure includes.
    #[serde(default)]
    pub pressure_wakes_at_s: Vec<f64>,
}

impl Footprint {
    /// The CPU share from ticks (coarse: 10 ms each at 100 ticks/s), in percent.
    fn tick_percent(&self) -> f64 {
        self.cpu_ticks as f64 / self.ticks_per_s / self.elapsed_s * 100.0
    }

    fn exact_percent(&self) -> Option<f64> {
        self.cpu_ns.map(|ns| ns as f64 / 1e9 / self.elapsed_s * 100.0)
    }

    /// The CPU share the verdicts use: exact where the kernel has schedstat, else from ticks.
    fn cpu_percent(&self) -> f64 {
        self.exact_percent().unwrap_or_else(|| self.tick_percent())
    }

    /// Milliseconds of CPU per minute of running.
    fn cpu_ms_per_minute(&self) -> f64 {
        self.cpu_percent() / 100.0 * 60_000.0
    }
}

/// The config each daemon runs with: memsweep's own format, one rule so that every evaluation
/// really evaluates something, at a threshold this benchmark never reaches (used ≥ 99%: it
/// never cleans), history kept in the scratch directory. Log level `debug`: then the daemon says
/// at start how it paces its rules and logs each pressure wake; idle, it logs nothing else. The
/// two configs differ only in `pressure_trigger`; `idle_poll_ms` keeps its default (5000).
fn watch_config(pacing: Pacing, history: &Path) -> String {
    let trigger = match pacing {
        Pacing::Polling => "pressure_trigger = false\n",
        Pacing::PsiTrigger => "",
    };
    format!(
        "# memsweep watch, for bench/run.sh ({}); a rule that never fires here\n\
         [watch]\npoll_interval_ms = 1000\n{trigger}\n[[rules]]\nkind = \"usage\"\npercent = 99\n\n\
         [history]\npath = \"{}\"\nlog_level = \"debug\"\n",
        pacing.label(),
        history.display()
    )
}

/// Why a measurement stopped: it could not be made (RESULTS.md says so), or the harness failed.
pub(crate) enum Halt {
    NotMeasured(String),
    Failed(String),
}

impl From<String> for Halt {
    fn from(e: String) -> Halt {
        Halt::Failed(e)
    }
}

/// One watch being measured.
struct Watched {
    pacing: Pacing,
    child: Child,
    pid: u32,
    argv: Vec<String>,
    configured_by: String,
    isolated_because: Option<String>,
    errlog: PathBuf,
    history: PathBuf,
    first: ProcSample,
    t0: u64,
    rss_max: u64,
    last: Option<ProcSample>,
    /// A sample failed: the process is gone.
    lost: bool,
}

/// `watch --memsweep P [--seconds 60] [--scratch DIR]`
pub fn measure(args: &Args) -> Res<WatchResults> {
    let memsweep = args.need("--memsweep")?;
    let seconds = args.num("--seconds", 60)?;
    let scratch = PathBuf::from(args.opt("--scratch").unwrap_or("/tmp"));
    let custom = std::env::var("MEMSWEEP_WATCH_ARGS").ok();
    let pacings: &[Pacing] = if custom.is_some() { &[Pacing::Polling] } else { &[Pacing::Polling, Pacing::PsiTrigger] };

    // Started one after the other; each later one runs in a private mount namespace, since the
    // first holds the machine's watch lock.
    let mut outcomes: Vec<Option<Outcome>> = Vec::new();
    let mut running: Vec<Watched> = Vec::new();
    for &pacing in pacings {
        let beside = running.first().map(|w| format!("the {} watch measured beside it held it", w.pacing.label()));
        match begin(memsweep, pacing, custom.as_deref(), &scratch, beside) {
            Ok(w) => {
                running.push(w);
                outcomes.push(None);
            }
            Err(Halt::NotMeasured(why)) => {
                eprintln!("watch ({}): not measured: {why}", pacing.label());
                outcomes.push(Some(Outcome::NotMeasured { why }));
            }
            Err(Halt::Failed(e)) => {
                stop_all(&mut running);
                return Err(e);
            }
        }
    }
    for _ in 0..seconds {
        std::thread::sleep(Duration::from_secs(1));
        for w in running.iter_mut().filter(|w| !w.lost) {
            match proc_sample(w.pid) {
                Ok(s) => {
                    w.rss_max = w.rss_max.max(s.rss);
                    w.last = Some(s);
                }
                Err(_) => {
                    w.last = None;
                    w.lost = true;
                }
            }
        }
    }
    let mut finished = running.into_iter().map(finish);
    let runs = pacings
        .iter()
        .zip(outcomes)
        .map(|(&pacing, outcome)| WatchRun {
            pacing,
            outcome: outcome.or_else(|| finished.next()).unwrap_or(Outcome::NotMeasured { why: "lost".into() }),
        })
        .collect();
    Ok(WatchResults { runs })
}

fn stop_all(running: &mut [Watched]) {
    for w in running {
        crate::child::terminate(&mut w.child);
    }
}

/// Writes and checks the config, starts the watch and takes its first sample.
fn begin(
    memsweep: &str,
    pacing: Pacing,
    custom: Option<&str>,
    scratch: &Path,
    isolate_because: Option<String>,
) -> Result<Watched, Halt> {
    let name = match pacing {
        Pacing::Polling => "watch",
        Pacing::PsiTrigger => "watch-psi",
    };
    let history = scratch.join(format!("{name}-history.jsonl"));
    let _ = fs::remove_file(&history);
    let (argv, configured_by) = watch_arguments(memsweep, pacing, custom, scratch, &history)?;
    let errlog = scratch.join(format!("{name}-stderr.log"));
    let Started { child, pid, isolated_because } = start(memsweep, &argv, &errlog, isolate_because)?;
    let t0 = mono_ns();
    let mut watched = Watched {
        pacing,
        child,
        pid,
        argv,
        configured_by,
        isolated_because,
        errlog,
        history,
        first: ProcSample { rss: 0, hwm: 0, ticks: 0, cpu_ns: None },
        t0,
        rss_max: 0,
        last: None,
        lost: false,
    };
    match proc_sample(pid) {
        Ok(first) => {
            watched.rss_max = first.rss;
            watched.first = first;
            Ok(watched)
        }
        Err(e) => {
            stop_all(std::slice::from_mut(&mut watched));
            Err(Halt::NotMeasured(format!("`memsweep watch` could not be sampled at start: {e}")))
        }
    }
}

/// Stops a watch and turns its samples into its footprint.
fn finish(mut w: Watched) -> Outcome {
    let elapsed_s = (mono_ns() - w.t0) as f64 / 1e9;
    let alive = matches!(w.child.try_wait(), Ok(None));
    crate::child::terminate(&mut w.child);
    let err = fs::read_to_string(&w.errlog).unwrap_or_default();
    let last = match (w.last, alive, w.lost) {
        (Some(l), true, false) => l,
        _ => {
            return Outcome::NotMeasured {
                why: format!("`memsweep watch` exited during the measurement: `{}`", err.trim()),
            }
        }
    };
    // SAFETY: sysconf has no preconditions.
    let ticks_per_s = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Outcome::Measured(Footprint {
        command: w.argv.join(" "),
        configured_by: w.configured_by,
        elapsed_s,
        rss_first_bytes: w.first.rss,
        rss_last_bytes: last.rss,
        rss_max_bytes: w.rss_max,
        peak_rss_bytes: last.hwm,
        cpu_ticks: last.ticks - w.first.ticks,
        ticks_per_s,
        cpu_ns: last.cpu_ns.zip(w.first.cpu_ns).map(|(b, a)| b.saturating_sub(a)),
        isolated_because: w.isolated_because,
        history_cleans: fs::read_to_string(&w.history).map_or(0, |h| h.lines().count()),
        pacing_said: pacing_said(&err),
        pressure_wakes_at_s: pressure_wakes_at_s(&err),
    })
}

/// The daemon's own words on its pacing, from its start-up line "… rules evaluated every 1000
/// ms; at least …".
fn pacing_said(log: &str) -> Option<String> {
    let line = log.lines().find(|l| l.contains("rules evaluated "))?;
    let rest = line.split_once("rules evaluated ")?.1;
    Some(rest.split(';').next()?.trim().to_string())
}

/// The pressure wakes in the daemon's log, in seconds after its start-up line (the first line).
/// A wake whose time cannot be read counts at 0 s.
fn pressure_wakes_at_s(log: &str) -> Vec<f64> {
    let start = log.lines().next().and_then(log_time_of_day_s);
    log.lines()
        .filter(|l| l.contains(PRESSURE_WAKE_LOG))
        .map(|l| match (start, log_time_of_day_s(l)) {
            // across midnight the time of day wraps
            (Some(a), Some(b)) => (b - a).rem_euclid(86_400.0),
            _ => 0.0,
        })
        .collect()
}

/// The time of day of a log line stamped `2026-12-02T17:26:30.268076Z …`, in seconds.
fn log_time_of_day_s(line: &str) -> Option<f64> {
    let stamp = line.split_whitespace().next()?.split_once('T')?.1.trim_end_matches('Z');
    let mut parts = stamp.split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    Some(h.parse::<f64>().ok()? * 3600.0 + m.parse::<f64>().ok()? * 60.0 + s.parse::<f64>().ok()?)
}

/// memsweep's arguments for the watch, and where they came from: MEMSWEEP_WATCH_ARGS, else the
/// benchmark's config, checked first with `memsweep config check`.
fn watch_arguments(
    memsweep: &str,
    pacing: Pacing,
    custom: Option<&str>,
    scratch: &Path,
    history: &Path,
) -> Result<(Vec<String>, String), Halt> {
    let mut argv: Vec<String> = vec!["watch".into()];
    if let Some(extra) = custom {
        argv.extend(extra.split_whitespace().map(String::from));
        return Ok((argv, format!("arguments from MEMSWEEP_WATCH_ARGS: `{extra}`")));
    }
    let cfg = scratch.join(match pacing {
        Pacing::Polling => "watch-bench.toml",
        Pacing::PsiTrigger => "watch-psi-bench.toml",
    });
    fs::write(&cfg, watch_config(pacing, history)).map_err(|e| format!("{}: {e}", cfg.display()))?;
    let cfg = cfg.to_string_lossy().into_owned();
    let check = Command::new(memsweep).args(["config", "check", "--config", &cfg]).stdin(Stdio::null()).output();
    match check {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            let msg = String::from_utf8_lossy(&o.stderr).trim().to_string();
            return Err(Halt::NotMeasured(format!("memsweep rejected the benchmark's config (`{msg}`)")));
        }
        Err(e) => return Err(Halt::Failed(format!("memsweep config check: {e}"))),
    }
    argv.extend(["--config".into(), cfg]);
    let configured_by = match pacing {
        Pacing::Polling => "`[watch] poll_interval_ms = 1000`, `pressure_trigger = false`",
        Pacing::PsiTrigger => {
            "`[watch] poll_interval_ms = 1000`, `pressure_trigger` and `idle_poll_ms` left at their defaults"
        }
    };
    Ok((argv, configured_by.into()))
}

pub(crate) struct Started {
    pub child: Child,
    /// memsweep's own pid (unshare and sh exec into it).
    pub pid: u32,
    pub isolated_because: Option<String>,
}

/// Starts the watch and returns it 1 s later, past its start-up.
///
/// Only one watch runs per machine (a lock in /run/memsweep). If another one holds it (the
/// project's own soak tests run one), wait up to 20 s; then run this one in a private mount
/// namespace whose /run/memsweep is an empty tmpfs: the same binary and config, with its
/// locks apart. Its rule never fires, so it never cleans beside the other. `isolate_because`:
/// go to the private namespace at once (the harness's own other watch holds the lock).
pub(crate) fn start(
    memsweep: &str,
    argv: &[String],
    errlog: &Path,
    isolate_because: Option<String>,
) -> Result<Started, Halt> {
    let mut waited = 0;
    let mut isolated_because = isolate_because;
    loop {
        let err = fs::File::create(errlog).map_err(|e| format!("{}: {e}", errlog.display()))?;
        let mut cmd = if isolated_because.is_some() {
            let mut c = Command::new("unshare");
            c.args(["--mount", "--propagation", "private", "--", "sh", "-c"])
                .arg("mkdir -p /run/memsweep && mount -t tmpfs -o size=1m memsweep-bench /run/memsweep && exec \"$0\" \"$@\"")
                .arg(memsweep);
            c
        } else {
            Command::new(memsweep)
        };
        let mut child = cmd
            .args(argv)
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
                    return Err(Halt::NotMeasured(format!("the watch process is `{}`, not memsweep", comm.trim())));
                }
                return Ok(Started { child, pid, isolated_because });
            }
            Ok(Some(status)) => {
                let err = fs::read_to_string(errlog).unwrap_or_default();
                if err.contains("already running") && isolated_because.is_none() {
                    if waited < WAIT_FOR_OTHER_WATCH_S {
                        eprintln!("watch: another memsweep watch is running; retrying in 5 s");
                        std::thread::sleep(Duration::from_secs(5));
                        waited += 6;
                    } else {
                        let holder = err.lines().find(|l| l.contains("already running")).unwrap_or("").trim();
                        isolated_because = Some(format!(
                            "another `memsweep watch` held the machine's watch lock for more than \
                             {WAIT_FOR_OTHER_WATCH_S} s ({}; the project's own tests run one)",
                            holder.trim_start_matches("memsweep: ")
                        ));
                        eprintln!("watch: still running; measuring in a private mount namespace");
                    }
                    continue;
                }
                return Err(Halt::NotMeasured(format!(
                    "`memsweep {}` exited at start ({status}): `{}`",
                    argv.join(" "),
                    err.trim()
                )));
            }
            Err(e) => return Err(Halt::Failed(format!("memsweep watch: {e}"))),
        }
    }
}

/// One look at a running process: VmRSS and VmHWM (bytes), utime + stime (clock ticks) and,
/// where the kernel has it, the exact CPU time of all its threads from schedstat (ns).
pub(crate) struct ProcSample {
    pub rss: u64,
    pub hwm: u64,
    pub ticks: u64,
    pub cpu_ns: Option<u64>,
}

pub(crate) fn proc_sample(pid: u32) -> Res<ProcSample> {
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
    Ok(ProcSample { rss: kb("VmRSS:")?, hwm: kb("VmHWM:")?, ticks: field(11)? + field(12)?, cpu_ns: cpu_ns(pid) })
}

/// The CPU time of every thread of `pid` (ns): /proc/PID/schedstat is the main thread's alone,
/// so the threads' /proc/PID/task/TID/schedstat are added up (a daemon serving the endpoint
/// answers on threads of its pool). None when the kernel has no schedstat. A thread that
/// exited is not counted: the pools' threads live as long as the daemon.
fn cpu_ns(pid: u32) -> Option<u64> {
    let tasks = fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut total = 0;
    for task in tasks.flatten() {
        let text = fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += text.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// "0", or "2 (at +0.1 s, +31.2 s)".
fn describe_wakes(at_s: &[f64]) -> String {
    if at_s.is_empty() {
        return "0".into();
    }
    let times: Vec<String> = at_s.iter().map(|s| format!("+{s:.1} s")).collect();
    format!("{} (at {})", at_s.len(), times.join(", "))
}

pub fn render(results: &WatchResults) -> String {
    let mut md = String::from("## 4. Daemon footprint (`memsweep watch`): 1 s polling vs PSI trigger\n\n");
    let measured: Vec<(Pacing, &Footprint)> = results
        .runs
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Measured(f) => Some((r.pacing, f)),
            Outcome::NotMeasured { .. } => None,
        })
        .collect();
    let _ = writeln!(
        md,
        "{} `memsweep watch` at idle, started one after the other and measured during the same \
         minute, each with a config of memsweep's own format: one `usage` rule at 99% (never \
         reached here, so it never cleans), its own history file, log level `debug` \
         (at idle it logs only its pacing at start and each pressure wake), checked first with \
         `memsweep config check`. Sampled from /proc/PID/status (VmRSS, VmHWM), /proc/PID/stat \
         (utime + stime) and /proc/PID/task/*/schedstat (CPU time in ns, every thread) 1 s after start and {} s later, \
         VmRSS also every second between. The targets are the 1 s polling daemon's.\n",
        if results.runs.len() > 1 { "Two" } else { "One" },
        measured.first().map_or("60".into(), |(_, f)| format!("{:.1}", f.elapsed_s)),
    );
    for run in &results.runs {
        if let Outcome::NotMeasured { why } = &run.outcome {
            let _ = writeln!(
                md,
                "**{}: not measured: {why}**. Targets (1 s polling): RSS ≤ 4 MiB and CPU ≤ 0.1% over 60 s.\n",
                run.pacing.label()
            );
        }
    }
    if measured.is_empty() {
        return md;
    }

    md.push_str("| figure |");
    for (pacing, _) in &measured {
        let _ = write!(md, " {} |", pacing.label());
    }
    md.push_str(" target (1 s polling) | |\n|---|");
    md.push_str(&"---|".repeat(measured.len() + 2));
    md.push('\n');
    let polling = measured.iter().find(|(p, _)| *p == Pacing::Polling).map(|(_, f)| *f);
    let verdict = |ok: bool, by: String| if ok { "met".to_string() } else { format!("**missed by {by}**") };
    let row = |md: &mut String, label: &str, cell: &dyn Fn(&Footprint) -> String, target: &str, verdict: String| {
        let _ = write!(md, "| {label} |");
        for (_, f) in &measured {
            let _ = write!(md, " {} |", cell(f));
        }
        let _ = writeln!(md, " {target} | {verdict} |");
    };
    row(&mut md, "configured by", &|f| f.configured_by.clone(), "", String::new());
    row(
        &mut md,
        "pacing, in the daemon's words",
        &|f| f.pacing_said.clone().unwrap_or_else(|| "(not logged)".into()),
        "",
        String::new(),
    );
    row(
        &mut md,
        "RSS at start / end / max of the samples",
        &|f| {
            format!(
                "{} / {} / {}",
                mib(f.rss_first_bytes as f64),
                mib(f.rss_last_bytes as f64),
                mib(f.rss_max_bytes as f64)
            )
        },
        "≤ 4 MiB",
        polling.map_or(String::new(), |f| {
            let rss_max = f.rss_max_bytes as f64;
            verdict(rss_max <= TARGET_RSS_BYTES, mib(rss_max - TARGET_RSS_BYTES))
        }),
    );
    row(&mut md, "peak RSS (VmHWM)", &|f| mib(f.peak_rss_bytes as f64), "", String::new());
    row(
        &mut md,
        "**CPU per minute** (share of one core)",
        &|f| format!("**{:.1} ms** ({:.4}%)", f.cpu_ms_per_minute(), f.cpu_percent()),
        "≤ 0.1%",
        polling.map_or(String::new(), |f| {
            let cpu_pct = f.cpu_percent();
            verdict(cpu_pct <= TARGET_CPU_PERCENT, format!("{:.3} points", cpu_pct - TARGET_CPU_PERCENT))
        }),
    );
    row(
        &mut md,
        "CPU over the run: schedstat / utime + stime",
        &|f| {
            format!(
                "{} over {:.0} s / {} ticks = {:.3}% ({} ticks/s)",
                f.cpu_ns.map_or("n/a".into(), |ns| format!("{:.1} ms", ns as f64 / 1e6)),
                f.elapsed_s,
                f.cpu_ticks,
                f.tick_percent(),
                f.ticks_per_s
            )
        },
        "",
        String::new(),
    );
    row(
        &mut md,
        "woken by memory pressure (seconds after its start)",
        &|f| describe_wakes(&f.pressure_wakes_at_s),
        "",
        String::new(),
    );
    row(&mut md, "cleans recorded (its history file)", &|f| f.history_cleans.to_string(), "0", String::new());
    md.push('\n');

    let triggered = measured.iter().find(|(p, _)| *p == Pacing::PsiTrigger).map(|(_, f)| *f);
    if let (Some(p), Some(t)) = (polling, triggered) {
        let (a, b) = (p.cpu_ms_per_minute(), t.cpu_ms_per_minute());
        let comparison = if b > 0.0 && a >= b {
            format!("{:.1}× less CPU than 1 s polling", a / b)
        } else if b > 0.0 {
            format!("{:.1}× the CPU of 1 s polling", b / a.max(f64::MIN_POSITIVE))
        } else {
            "no measurable CPU".into()
        };
        let _ = writeln!(
            md,
            "Asleep on its PSI trigger, the daemon used {comparison} ({b:.1} against {a:.1} ms a minute){}.\n",
            if !t.pressure_wakes_at_s.is_empty() {
                format!(
                    "; its PSI trigger woke it {} time(s) meanwhile, each wake followed by 30 s of 1 s \
                     polling, which this figure includes",
                    t.pressure_wakes_at_s.len()
                )
            } else {
                String::new()
            }
        );
    }
    for (pacing, f) in &measured {
        let _ = writeln!(md, "{}: `memsweep {}`.", pacing.label(), f.command);
        if let Some(why) = &f.isolated_because {
            let _ = writeln!(
                md,
                "It ran in a private mount namespace with an empty tmpfs as its /run/memsweep, because {why}: \
                 the same binary, its locks apart."
            );
        }
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn footprint() -> Footprint {
        Footprint {
            command: "watch --config /r/watch-bench.toml".into(),
            configured_by: "a config".into(),
            elapsed_s: 60.0,
            rss_first_bytes: 4_100_000,
            rss_last_bytes: 4_160_000,
            rss_max_bytes: 4_160_000,
            peak_rss_bytes: 4_160_000,
            cpu_ticks: 1,
            ticks_per_s: 100.0,
            cpu_ns: Some(12_120_000),
            isolated_because: None,
            history_cleans: 0,
            pacing_said: Some("every 1000 ms".into()),
            pressure_wakes_at_s: vec![],
        }
    }

    fn triggered() -> Footprint {
        Footprint {
            command: "watch --config /r/watch-psi-bench.toml".into(),
            configured_by: "defaults".into(),
            cpu_ticks: 0,
            cpu_ns: Some(3_000_000),
            isolated_because: Some("the 1 s polling watch measured beside it held it".into()),
            pacing_said: Some(
                "every 5000 ms, at once on memory pressure (PSI trigger: 200 ms of stall within 2000 ms)".into(),
            ),
            ..footprint()
        }
    }

    fn both(polling: Footprint, trigger: Footprint) -> WatchResults {
        WatchResults {
            runs: vec![
                WatchRun { pacing: Pacing::Polling, outcome: Outcome::Measured(polling) },
                WatchRun { pacing: Pacing::PsiTrigger, outcome: Outcome::Measured(trigger) },
            ],
        }
    }

    #[test]
    fn side_by_side_within_the_targets() {
        let md = render(&both(footprint(), triggered()));
        assert!(md.starts_with(
            "## 4. Daemon footprint (`memsweep watch`): 1 s polling vs PSI trigger\n\nTwo `memsweep watch` at idle"
        ));
        assert!(md.contains("1 s after start and 60.0 s later"));
        assert!(md.contains(
            "| figure | 1 s polling | PSI trigger (default) | target (1 s polling) | |\n|---|---|---|---|---|\n"
        ));
        assert!(
            md.contains("| pacing, in the daemon's words | every 1000 ms | every 5000 ms, at once on memory pressure")
        );
        assert!(md.contains(
            "| RSS at start / end / max of the samples | 3.91 MiB / 3.97 MiB / 3.97 MiB | 3.91 MiB / 3.97 MiB / 3.97 MiB | ≤ 4 MiB | met |\n"
        ));
        assert!(md.contains("| peak RSS (VmHWM) | 3.97 MiB | 3.97 MiB |  |  |\n"));
        // 12.12 ms in 60 s: 12.1 ms a minute, 0.0202% of one core; 3 ms: 3.0 ms, 0.0050%
        assert!(md.contains("| **CPU per minute** (share of one core) | **12.1 ms** (0.0202%) | **3.0 ms** (0.0050%) | ≤ 0.1% | met |\n"));
        assert!(md.contains("| 12.1 ms over 60 s / 1 ticks = 0.017% (100 ticks/s) | 3.0 ms over 60 s / 0 ticks = 0.000% (100 ticks/s) |"));
        assert!(md.contains("| woken by memory pressure (seconds after its start) | 0 | 0 |  |  |\n"));
        assert!(md.contains("| cleans recorded (its history file) | 0 | 0 | 0 |  |\n"));
        assert!(md.contains("the daemon used 4.0× less CPU than 1 s polling (3.0 against 12.1 ms a minute).\n"));
        assert!(md.contains("1 s polling: `memsweep watch --config /r/watch-bench.toml`.\nPSI trigger (default): `memsweep watch --config /r/watch-psi-bench.toml`.\nIt ran in a private mount namespace"));
        assert!(md.contains("because the 1 s polling watch measured beside it held it: the same binary"));
    }

    #[test]
    fn missed_targets_and_pressure_wakes() {
        let f = Footprint { rss_max_bytes: 5 << 20, cpu_ns: None, cpu_ticks: 12, ..footprint() };
        let t = Footprint { pressure_wakes_at_s: vec![0.05, 31.2], cpu_ns: Some(30_000_000), ..triggered() };
        let md = render(&both(f, t));
        assert!(md.contains(
            "| 3.91 MiB / 3.97 MiB / 5.00 MiB | 3.91 MiB / 3.97 MiB / 3.97 MiB | ≤ 4 MiB | **missed by 1.00 MiB** |"
        ));
        // Without schedstat the verdict falls back on the ticks: 12 ticks in 60 s = 0.2%.
        assert!(md.contains("| **120.0 ms** (0.2000%) | **30.0 ms** (0.0500%) | ≤ 0.1% | **missed by 0.100 points** |"));
        assert!(md.contains("| n/a over 60 s / 12 ticks = 0.200% (100 ticks/s) |"));
        assert!(md.contains("| woken by memory pressure (seconds after its start) | 0 | 2 (at +0.1 s, +31.2 s) |"));
        assert!(md.contains(
            "4.0× less CPU than 1 s polling (30.0 against 120.0 ms a minute); its PSI trigger woke it 2 time(s) \
             meanwhile, each wake followed by 30 s of 1 s polling, which this figure includes."
        ));
    }

    #[test]
    fn not_measured_says_why() {
        let results = WatchResults {
            runs: vec![
                WatchRun {
                    pacing: Pacing::Polling,
                    outcome: Outcome::NotMeasured { why: "`memsweep watch` exited at start".into() },
                },
                WatchRun { pacing: Pacing::PsiTrigger, outcome: Outcome::Measured(triggered()) },
            ],
        };
        let md = render(&results);
        assert!(md.contains(
            "**1 s polling: not measured: `memsweep watch` exited at start**. Targets (1 s polling): RSS ≤ 4 MiB and CPU ≤ 0.1% over 60 s.\n"
        ));
        assert!(md.contains("| figure | PSI trigger (default) | target (1 s polling) | |\n"));
        // no verdict without the polling watch
        assert!(md.contains("| ≤ 0.1% |  |\n"));
        assert!(!md.contains("less CPU"));
    }

    #[test]
    fn the_daemons_own_words_on_pacing() {
        let log = "2026-12-02T16:00:00Z  INFO watching with 1 rule(s) from /r/w.toml; rules evaluated every 5000 ms, at once on memory pressure (PSI trigger: 200 ms of stall within 2000 ms); at least 60 s between cleans; history /r/h\n\
                   2026-12-02T16:00:03Z DEBUG woken by memory pressure\n";
        assert_eq!(
            pacing_said(log).as_deref(),
            Some("every 5000 ms, at once on memory pressure (PSI trigger: 200 ms of stall within 2000 ms)")
        );
        assert_eq!(pacing_said("nothing\n"), None);
        let wakes = pressure_wakes_at_s(log);
        assert_eq!(wakes.len(), 1);
        assert!((wakes[0] - 3.0).abs() < 1e-6);
        // across midnight, and a line without a time
        let late = "2026-12-02T23:59:59.500000Z  INFO watching\n2026-12-03T00:00:01.000000Z DEBUG woken by memory pressure\nDEBUG woken by memory pressure\n";
        let wakes = pressure_wakes_at_s(late);
        assert!((wakes[0] - 1.5).abs() < 1e-6);
        assert_eq!(wakes[1], 0.0);
        let cfg = watch_config(Pacing::Polling, Path::new("/r/h.jsonl"));
        assert!(cfg.contains("[watch]\npoll_interval_ms = 1000\npressure_trigger = false\n"));
        assert!(cfg.contains("path = \"/r/h.jsonl\"\nlog_level = \"debug\"\n"));
        assert!(!watch_config(Pacing::PsiTrigger, Path::new("/r/h")).contains("pressure_trigger"));
    }
}
