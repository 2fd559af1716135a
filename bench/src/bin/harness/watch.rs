//! Part 4: the footprint of `memsweep watch` (RSS and CPU) while it polls every second.

use crate::args::Args;
use crate::Res;
use memsweep_bench::{mib, mono_ns, MIB};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const TARGET_RSS_BYTES: f64 = 4.0 * MIB;
const TARGET_CPU_PERCENT: f64 = 0.1;

/// How long to wait for another `memsweep watch` to let go of the machine's watch lock before
/// measuring in a private mount namespace instead.
const WAIT_FOR_OTHER_WATCH_S: u64 = 20;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum WatchResults {
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
    /// The same CPU time, exact, from /proc/PID/schedstat (None when the kernel lacks it).
    pub cpu_ns: Option<u64>,
    /// Set when another watch held the machine's lock, so this one ran in a private mount
    /// namespace: what the other one's refusal said.
    pub isolated_because: Option<String>,
    /// Lines in the daemon's history file: cleans it did meanwhile (expected 0).
    pub history_cleans: usize,
}

impl Footprint {
    /// The CPU share from ticks (coarse: 10 ms each at 100 ticks/s), in percent.
    fn tick_percent(&self) -> f64 {
        self.cpu_ticks as f64 / self.ticks_per_s / self.elapsed_s * 100.0
    }

    fn exact_percent(&self) -> Option<f64> {
        self.cpu_ns.map(|ns| ns as f64 / 1e9 / self.elapsed_s * 100.0)
    }
}

/// The config the daemon runs with: memsweep's own format (`[watch] poll_interval_ms`), one
/// rule so that every poll really evaluates something, at a threshold this benchmark never
/// reaches (used ≥ 99%: it never cleans), history and logs kept in the scratch directory.
const WATCH_CONFIG: &str = "# memsweep watch, for bench/run.sh: poll every second; a rule that never fires here\n\
[watch]\npoll_interval_ms = 1000\n\n[[rules]]\nkind = \"usage\"\npercent = 99\n\n[history]\npath = \"HISTORY\"\nlog_level = \"warn\"\n";

/// Why a measurement stopped: it could not be made (RESULTS.md says so), or the harness failed.
enum Halt {
    NotMeasured(String),
    Failed(String),
}

impl From<String> for Halt {
    fn from(e: String) -> Halt {
        Halt::Failed(e)
    }
}

/// `watch --memsweep P [--seconds 60] [--scratch DIR]`
pub fn measure(args: &Args) -> Res<WatchResults> {
    let memsweep = args.need("--memsweep")?;
    let seconds = args.num("--seconds", 60)?;
    let scratch = PathBuf::from(args.opt("--scratch").unwrap_or("/tmp"));
    match footprint(memsweep, seconds, &scratch) {
        Ok(f) => Ok(WatchResults::Measured(f)),
        Err(Halt::NotMeasured(why)) => {
            eprintln!("watch: not measured: {why}");
            Ok(WatchResults::NotMeasured { why })
        }
        Err(Halt::Failed(e)) => Err(e),
    }
}

fn footprint(memsweep: &str, seconds: u64, scratch: &Path) -> Result<Footprint, Halt> {
    let history = scratch.join("watch-history.jsonl");
    let (argv, configured_by) = watch_arguments(memsweep, scratch, &history)?;
    let errlog = scratch.join("watch-stderr.log");
    let Started { mut child, pid, isolated_because } = start(memsweep, &argv, &errlog)?;

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
    let elapsed_s = (mono_ns() - t0) as f64 / 1e9;
    let alive = matches!(child.try_wait(), Ok(None));
    let _ = child.kill();
    let _ = child.wait();
    let (first, last) = match (first, last, alive) {
        (Ok(f), Some(l), true) => (f, l),
        _ => {
            let err = fs::read_to_string(&errlog).unwrap_or_default();
            return Err(Halt::NotMeasured(format!("`memsweep watch` exited during the measurement: `{}`", err.trim())));
        }
    };
    // SAFETY: sysconf has no preconditions.
    let ticks_per_s = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Ok(Footprint {
        command: argv.join(" "),
        configured_by,
        elapsed_s,
        rss_first_bytes: first.rss,
        rss_last_bytes: last.rss,
        rss_max_bytes: rss_max,
        peak_rss_bytes: last.hwm,
        cpu_ticks: last.ticks - first.ticks,
        ticks_per_s,
        cpu_ns: last.cpu_ns.zip(first.cpu_ns).map(|(b, a)| b - a),
        isolated_because,
        history_cleans: fs::read_to_string(&history).map_or(0, |h| h.lines().count()),
    })
}

/// memsweep's arguments for the watch, and where they came from: MEMSWEEP_WATCH_ARGS, else the
/// benchmark's config, checked first with `memsweep config check`.
fn watch_arguments(memsweep: &str, scratch: &Path, history: &Path) -> Result<(Vec<String>, String), Halt> {
    let mut argv: Vec<String> = vec!["watch".into()];
    if let Ok(extra) = std::env::var("MEMSWEEP_WATCH_ARGS") {
        argv.extend(extra.split_whitespace().map(String::from));
        return Ok((argv, format!("arguments from MEMSWEEP_WATCH_ARGS: `{extra}`")));
    }
    let cfg = scratch.join("watch-bench.toml");
    let text = WATCH_CONFIG.replace("HISTORY", &history.to_string_lossy());
    fs::write(&cfg, text).map_err(|e| format!("{}: {e}", cfg.display()))?;
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
    let configured_by = "a config with `[watch] poll_interval_ms = 1000`, one `usage` rule at 99% (never \
                         reached here, so it never cleans) and log level `warn`, checked first with \
                         `memsweep config check`";
    Ok((argv, configured_by.into()))
}

struct Started {
    child: Child,
    /// memsweep's own pid (unshare and sh exec into it).
    pid: u32,
    isolated_because: Option<String>,
}

/// Starts the watch and returns it 1 s later, past its start-up.
///
/// Only one watch runs per machine (a lock in /run/memsweep). If another one holds it (the
/// project's own soak tests run one), wait up to 20 s; then run this one in a private mount
/// namespace whose /run/memsweep is an empty tmpfs: the same binary and config, with its
/// locks apart. Its rule never fires, so it never cleans beside the other.
fn start(memsweep: &str, argv: &[String], errlog: &Path) -> Result<Started, Halt> {
    let mut waited = 0;
    let mut isolated_because: Option<String> = None;
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
                        isolated_because = Some(err.trim().trim_start_matches("memsweep: ").to_string());
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

pub fn render(results: &WatchResults) -> String {
    let mut md = String::from("## 4. Daemon footprint (`memsweep watch`, 1 s polling)\n\n");
    let f = match results {
        WatchResults::Measured(f) => f,
        WatchResults::NotMeasured { why } => {
            let _ = writeln!(
                md,
                "**not measured: {why}**. Targets: RSS ≤ 4 MiB and CPU ≤ 0.1% at 1 s polling over 60 s.\n"
            );
            return md;
        }
    };
    let tick_pct = f.tick_percent();
    let cpu_pct = f.exact_percent().unwrap_or(tick_pct);
    let verdict = |ok: bool, by: String| if ok { "met".to_string() } else { format!("**missed by {by}**") };
    let rss_max = f.rss_max_bytes as f64;
    let _ = writeln!(
        md,
        "`memsweep {}`: {}. Sampled from /proc/PID/status (VmRSS, VmHWM), /proc/PID/stat \
         (utime + stime, {} ticks/s) and /proc/PID/schedstat (CPU time in ns) 1 s after start \
         and {elapsed:.1} s later, VmRSS also every second between.\n\n\
         | figure | measured | target | |\n|---|---|---|---|\n\
         | RSS at start / end / max of the samples | {} / {} / {} | ≤ 4 MiB | {} |\n\
         | peak RSS (VmHWM) | {} | | |\n\
         | CPU over {elapsed:.0} s | {} (utime + stime: {} ticks = {tick_pct:.3}%) | ≤ 0.1% | {} |\n",
        f.command,
        f.configured_by,
        f.ticks_per_s,
        mib(f.rss_first_bytes as f64),
        mib(f.rss_last_bytes as f64),
        mib(rss_max),
        verdict(rss_max <= TARGET_RSS_BYTES, mib(rss_max - TARGET_RSS_BYTES)),
        mib(f.peak_rss_bytes as f64),
        f.exact_percent().map_or("n/a".into(), |p| format!("{p:.4}% (schedstat)")),
        f.cpu_ticks,
        verdict(cpu_pct <= TARGET_CPU_PERCENT, format!("{:.3} points", cpu_pct - TARGET_CPU_PERCENT)),
        elapsed = f.elapsed_s,
    );
    if let Some(other) = &f.isolated_because {
        let _ = writeln!(
            md,
            "Another `memsweep watch` held the machine's watch lock for more than {WAIT_FOR_OTHER_WATCH_S} s \
             ({other}; the project's own tests run one), so this one ran in a private mount namespace with \
             an empty tmpfs as its /run/memsweep: the same binary, config and polling, its locks \
             apart.\n"
        );
    }
    let _ =
        writeln!(md, "Cleans the daemon recorded meanwhile (its history file): {} (expected 0).\n", f.history_cleans);
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
        }
    }

    #[test]
    fn measured_within_the_targets() {
        let md = render(&WatchResults::Measured(footprint()));
        assert!(md.starts_with(
            "## 4. Daemon footprint (`memsweep watch`, 1 s polling)\n\n`memsweep watch --config \
             /r/watch-bench.toml`: a config. Sampled from"
        ));
        assert!(md.contains("(utime + stime, 100 ticks/s)"));
        assert!(md.contains("1 s after start and 60.0 s later"));
        assert!(md.contains(
            "| RSS at start / end / max of the samples | 3.91 MiB / 3.97 MiB / 3.97 MiB | ≤ 4 MiB | met |\n"
        ));
        assert!(md.contains("| peak RSS (VmHWM) | 3.97 MiB | | |\n"));
        assert!(
            md.contains("| CPU over 60 s | 0.0202% (schedstat) (utime + stime: 1 ticks = 0.017%) | ≤ 0.1% | met |\n")
        );
        assert!(!md.contains("private mount namespace"));
        assert!(md.ends_with("Cleans the daemon recorded meanwhile (its history file): 0 (expected 0).\n\n"));
    }

    #[test]
    fn missed_targets_and_isolation() {
        let f = Footprint {
            rss_max_bytes: 5 << 20,
            cpu_ns: None,
            cpu_ticks: 12,
            isolated_because: Some("watch is already running".into()),
            ..footprint()
        };
        let md = render(&WatchResults::Measured(f));
        assert!(md.contains("| 3.91 MiB / 3.97 MiB / 5.00 MiB | ≤ 4 MiB | **missed by 1.00 MiB** |"));
        // Without schedstat the verdict falls back on the ticks: 12 ticks in 60 s = 0.2%.
        assert!(md.contains("| n/a (utime + stime: 12 ticks = 0.200%) | ≤ 0.1% | **missed by 0.100 points** |"));
        assert!(md.contains("for more than 20 s (watch is already running; the project's own tests run one)"));
    }

    #[test]
    fn not_measured_says_why() {
        let md = render(&WatchResults::NotMeasured { why: "`memsweep watch` exited at start".into() });
        assert_eq!(
            md,
            "## 4. Daemon footprint (`memsweep watch`, 1 s polling)\n\n**not measured: `memsweep watch` \
             exited at start**. Targets: RSS ≤ 4 MiB and CPU ≤ 0.1% at 1 s polling over 60 s.\n\n"
        );
    }
}
