//! Part 8: the control endpoint (Linux). One `memsweep watch` at 1 s polling serves a scratch
//! socket; then, against it:
//!
//! - a clean through the endpoint vs the same clean in-process, whole `memsweep clean` processes,
//!   median of N pairs (alternating order), for a dry run and for a real cheap clean;
//! - `memsweep status` (its text asks the endpoint) vs `memsweep status --json` (asks nothing)
//!   vs `free -b`;
//! - the endpoint alone: one request's round trip from this harness's own client;
//! - the daemon's RSS (VmRSS, VmHWM), CPU and descriptors from its start, across the cleans it
//!   served, and over an idle minute after them.
//!
//! Who runs what: a clean goes to the endpoint only when the client may not clean itself, so the
//! endpoint clients run as `nobody` (setpriv, group `nogroup`, which the daemon's config makes the
//! socket's group). A dry run needs no privilege: in-process it runs as `nobody` too (`--local`).
//! A real clean in-process needs root: `setpriv --reuid=0`, the same wrapper. The daemon lets
//! callers who are not root clean with no gap here (`[service] min_gap_seconds = 0`).

use crate::args::Args;
use crate::child::run_measured;
use crate::watch::{proc_sample, start, ProcSample, Started};
use crate::Res;
use memsweep_bench::{dur_us, loadavg, median, mib, mono_ns, MIB};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The issue's targets.
const TARGET_EXTRA_US: f64 = 2_000.0;
const TARGET_RSS_BYTES: f64 = 4.0 * MIB;
const TARGET_CPU_PERCENT: f64 = 0.05;
const TARGET_POLL_US: f64 = 25.0;

const WARMUP: usize = 5;
const STATUS_RUNS: usize = 100;
const ROUND_TRIPS: usize = 200;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct EndpointResults {
    /// The area of the real clean (`--area`, default `dirty`).
    pub area: String,
    /// memsweep's arguments for the daemon.
    pub daemon_command: String,
    /// Set when the daemon ran in a private mount namespace: why.
    pub isolated_because: Option<String>,
    pub cleans: Vec<Comparison>,
    /// Whole processes, in the order run (round-robin).
    pub status: Vec<Timed>,
    /// The harness's own client: connect, one request, the answer.
    pub round_trips: Vec<Timed>,
    pub daemon: Vec<DaemonSample>,
    /// Cleans in the daemon's history, all asked through the endpoint by uid 65534.
    pub daemon_cleans: usize,
    pub load_before: String,
    pub load_after: String,
}

/// One clean, in-process and through the endpoint.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub what: String,
    pub in_process: Timed,
    pub endpoint: Timed,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Timed {
    /// What was run, as the tables show it (paths shortened).
    pub command: String,
    /// What is run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub argv: Vec<String>,
    /// Wall time of each run (µs), warm-up runs left out.
    pub wall_us: Vec<f64>,
}

impl Timed {
    fn median(&self) -> f64 {
        median(&self.wall_us).unwrap_or(f64::NAN)
    }
}

/// One look at the daemon.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct DaemonSample {
    pub label: String,
    /// Seconds since the first sample.
    pub at_s: f64,
    pub rss_bytes: u64,
    pub hwm_bytes: u64,
    /// Its CPU time so far (schedstat, ns; else utime + stime in ns).
    pub cpu_ns: u64,
    pub fds: usize,
}

fn sample(label: &str, pid: u32, t0: u64) -> Res<DaemonSample> {
    let ProcSample { rss, hwm, ticks, cpu_ns } = proc_sample(pid)?;
    // SAFETY: sysconf has no preconditions.
    let tick_ns = 1e9 / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let fds = fs::read_dir(format!("/proc/{pid}/fd")).map_err(|e| format!("/proc/{pid}/fd: {e}"))?.count();
    Ok(DaemonSample {
        label: label.into(),
        at_s: (mono_ns().saturating_sub(t0)) as f64 / 1e9,
        rss_bytes: rss,
        hwm_bytes: hwm,
        cpu_ns: cpu_ns.unwrap_or((ticks as f64 * tick_ns) as u64),
        fds,
    })
}

/// `endpoint --memsweep P [--runs 20] [--seconds 60] [--area dirty] [--scratch DIR]`
pub fn measure(args: &Args) -> Res<EndpointResults> {
    let memsweep = args.need("--memsweep")?;
    let runs = args.num("--runs", 20)? as usize;
    let seconds = args.num("--seconds", 60)?;
    let area = args.opt("--area").unwrap_or("dirty").to_string();
    let scratch = PathBuf::from(args.opt("--scratch").unwrap_or("/tmp")).join("endpoint");
    for (tool, probe) in [("setpriv", vec!["--version"]), ("free", vec!["-V"])] {
        Command::new(tool).args(probe).output().map_err(|e| format!("not measured: needs {tool}: {e}"))?;
    }
    let nobody = Command::new("id").args(["-u", "nobody"]).output().map_err(|e| format!("id: {e}"))?;
    if String::from_utf8_lossy(&nobody.stdout).trim() != "65534" {
        return Err("not measured: needs the user nobody (uid 65534)".into());
    }
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    // Root's config must be changeable by root alone; nobody must read it and reach the socket.
    fs::set_permissions(&scratch, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    let socket = scratch.join("control.sock");
    let daemon_history = scratch.join("daemon-history.jsonl");
    let daemon_config = scratch.join("daemon.toml");
    let client_config = scratch.join("client.toml");
    write(
        &daemon_config,
        &format!(
            "# the endpoint benchmark's daemon: 1 s polling, a rule that never fires here\n\
             [watch]\npoll_interval_ms = 1000\npressure_trigger = false\n\n\
             [[rules]]\nkind = \"usage\"\npercent = 99\n\n\
             [history]\npath = \"{}\"\n\n\
             [service]\ngroup = \"nogroup\"\nmin_gap_seconds = 0\n",
            daemon_history.display()
        ),
    )?;
    write(&client_config, &format!("[history]\npath = \"{}\"\n", scratch.join("client-history.jsonl").display()))?;
    for config in [&daemon_config, &client_config] {
        let check = Command::new(memsweep).arg("config").arg("check").arg("--config").arg(config).output();
        match check {
            Ok(o) if o.status.success() => {}
            Ok(o) => return Err(format!("memsweep config check {}: {}", config.display(), stderr(&o.stderr))),
            Err(e) => return Err(format!("{memsweep}: {e}")),
        }
    }

    let load_before = loadavg();
    let s = |p: &Path| p.display().to_string();
    let argv: Vec<String> = vec!["--control".into(), s(&socket), "watch".into(), "--config".into(), s(&daemon_config)];
    let errlog = scratch.join("daemon.log");
    let Started { mut child, pid, isolated_because } = match start(memsweep, &argv, &errlog, None) {
        Ok(started) => started,
        Err(crate::watch::Halt::NotMeasured(why) | crate::watch::Halt::Failed(why)) => {
            return Err(format!("not measured: the daemon: {why}"))
        }
    };
    let result = (|| {
        let started = mono_ns();
        while UnixStream::connect(&socket).is_err() {
            if mono_ns() - started > 10_000_000_000 {
                return Err(format!("the daemon serves no {} after 10 s: {}", socket.display(), log_of(&errlog)));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let t0 = mono_ns();
        let mut daemon = vec![sample("started (1 s after start)", pid, t0)?];

        // ---- cleans: in-process vs through the endpoint
        let common = |user: &str| -> Vec<String> {
            let mut v = vec!["setpriv".to_string(), format!("--reuid={user}")];
            v.push(format!("--regid={}", if user == "0" { "0" } else { "nogroup" }));
            v.extend(["--clear-groups".into(), "--".into(), memsweep.into()]);
            v.extend(["--config".into(), s(&client_config), "--control".into(), s(&socket), "clean".into()]);
            v.push(area.clone());
            v
        };
        let with = |mut v: Vec<String>, extra: &[&str]| {
            v.extend(extra.iter().map(|e| e.to_string()));
            v
        };
        let dry = Comparison {
            what: format!("`clean {area} --dry-run`"),
            in_process: timed(with(common("nobody"), &["--dry-run", "--local"])),
            endpoint: timed(with(common("nobody"), &["--dry-run"])),
        };
        let real = Comparison {
            what: format!("`clean {area}` (real)"),
            in_process: timed(with(common("0"), &["--local"])),
            endpoint: timed(common("nobody")),
        };
        let mut cleans = vec![dry, real];
        for comparison in &mut cleans {
            pairs(comparison, runs)?;
        }
        daemon.push(sample(&format!("after serving {} cleans", 2 * (runs + WARMUP)), pid, t0)?);

        // ---- status
        let mut status = vec![
            timed(vec![
                memsweep.into(),
                "--config".into(),
                s(&client_config),
                "--control".into(),
                s(&socket),
                "status".into(),
            ]),
            timed(vec![memsweep.into(), "--config".into(), s(&client_config), "status".into(), "--json".into()]),
            timed(vec!["free".into(), "-b".into()]),
        ];
        round_robin(&mut status, STATUS_RUNS)?;
        // ---- the endpoint alone
        let mut round_trips = vec![
            Timed { command: r#"{"v":1,"op":"status"}"#.into(), argv: Vec::new(), wall_us: Vec::new() },
            Timed {
                command: format!(r#"{{"v":1,"op":"clean","areas":["{area}"],"dry_run":true}}"#),
                argv: Vec::new(),
                wall_us: Vec::new(),
            },
        ];
        for t in &mut round_trips {
            for i in 0..ROUND_TRIPS + 10 {
                let us = round_trip(&socket, &t.command)?;
                if i >= 10 {
                    t.wall_us.push(us);
                }
            }
        }
        daemon.push(sample("after the status runs and round trips", pid, t0)?);
        std::thread::sleep(Duration::from_secs(seconds));
        daemon.push(sample(&format!("{seconds} s idle after them"), pid, t0)?);
        if !matches!(child.try_wait(), Ok(None)) {
            return Err(format!("the daemon exited during the measurement: {}", log_of(&errlog)));
        }
        Ok((cleans, status, round_trips, daemon))
    })();
    crate::child::terminate(&mut child);
    let (cleans, status, round_trips, daemon) = result?;
    let history = fs::read_to_string(&daemon_history).unwrap_or_default();
    let daemon_cleans = history.lines().filter(|l| l.contains(r#""requested_by":{"id":"65534""#)).count();
    if daemon_cleans != runs + WARMUP {
        return Err(format!(
            "the daemon's history has {daemon_cleans} cleans asked by uid 65534, not {}: {}",
            runs + WARMUP,
            daemon_history.display()
        ));
    }
    Ok(EndpointResults {
        area,
        daemon_command: format!("memsweep {}", argv.join(" ")),
        isolated_because,
        cleans,
        status,
        round_trips,
        daemon,
        daemon_cleans,
        load_before,
        load_after: loadavg(),
    })
}

fn write(path: &Path, text: &str) -> Res<()> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644)).map_err(|e| format!("{}: {e}", path.display()))
}

fn stderr(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

fn log_of(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default().trim().to_string()
}

/// `argv`, shown with every word that is a path replaced by its last part.
fn timed(argv: Vec<String>) -> Timed {
    let short: Vec<&str> = argv.iter().map(|w| w.rsplit('/').next().unwrap_or(w)).collect();
    Timed { command: short.join(" "), argv, wall_us: Vec::new() }
}

/// Runs one command once; its wall time (µs). A failure stops the benchmark.
fn once(t: &Timed) -> Res<f64> {
    let ran = run_measured(&t.argv)?;
    if ran.exit != 0 {
        return Err(format!("`{}` exited {}: {}", t.command, ran.exit, ran.stderr.trim()));
    }
    Ok(ran.wall_us)
}

/// `WARMUP` pairs, then `runs` pairs in alternating order (A B, B A, …), so that a drift of the
/// machine weighs on both alike.
fn pairs(c: &mut Comparison, runs: usize) -> Res<()> {
    for i in 0..WARMUP + runs {
        let (a, b) = if i % 2 == 0 {
            (once(&c.in_process)?, once(&c.endpoint)?)
        } else {
            let b = once(&c.endpoint)?;
            (once(&c.in_process)?, b)
        };
        if i >= WARMUP {
            c.in_process.wall_us.push(a);
            c.endpoint.wall_us.push(b);
        }
    }
    Ok(())
}

/// Every command in turn, `runs` rounds after 5 of warm-up.
fn round_robin(timings: &mut [Timed], runs: usize) -> Res<()> {
    for i in 0..5 + runs {
        for t in timings.iter_mut() {
            let us = once(t)?;
            if i >= 5 {
                t.wall_us.push(us);
            }
        }
    }
    Ok(())
}

/// Connects, sends `request`, reads the answer line: the wall time (µs).
fn round_trip(socket: &Path, request: &str) -> Res<f64> {
    let t0 = mono_ns();
    let mut stream = UnixStream::connect(socket).map_err(|e| format!("{}: {e}", socket.display()))?;
    stream.write_all(format!("{request}\n").as_bytes()).map_err(|e| e.to_string())?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).map_err(|e| e.to_string())?;
    let us = (mono_ns() - t0) as f64 / 1000.0;
    if line.contains(r#""answer":"error""#) || line.is_empty() {
        return Err(format!("{request}: {line}"));
    }
    Ok(us)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

/// CPU share (% of one core) and µs of CPU per second between two samples.
fn cpu_between(a: &DaemonSample, b: &DaemonSample) -> (f64, f64) {
    let s = (b.at_s - a.at_s).max(1e-9);
    let ns = b.cpu_ns.saturating_sub(a.cpu_ns) as f64;
    (ns / 1e9 / s * 100.0, ns / 1000.0 / s)
}

pub fn render(r: &EndpointResults) -> String {
    let mut md = String::from("## 8. The control endpoint (Linux)\n\n");
    let _ = writeln!(
        md,
        "One daemon, `{}` (1 s polling, a `usage` rule at 99% that never fires, \
         `[service] group = \"nogroup\"`, `min_gap_seconds = 0`){}. The endpoint's clients run \
         as `nobody` through `setpriv` (a clean goes to the endpoint only when the client may not \
         clean itself); the in-process dry run as `nobody` with `--local`, the in-process real \
         clean as root with `--local`, through the same `setpriv`. Whole processes, spawn to \
         `wait4`; {} pairs after {WARMUP} of warm-up, in alternating order; medians. Load average \
         before {}, after {}.\n",
        r.daemon_command,
        r.isolated_because.as_ref().map_or(String::new(), |why| format!(", in a private mount namespace ({why})")),
        r.cleans.first().map_or(0, |c| c.in_process.wall_us.len()),
        r.load_before,
        r.load_after,
    );
    md += "| clean | in-process | through the endpoint | difference | target: ≤ +2 ms |\n|---|---|---|---|---|\n";
    for c in &r.cleans {
        let (a, b) = (c.in_process.median(), c.endpoint.median());
        let _ = writeln!(
            md,
            "| {} | {} | {} | {:+.2} ms | {} |",
            c.what,
            dur_us(a),
            dur_us(b),
            (b - a) / 1000.0,
            verdict(b - a <= TARGET_EXTRA_US)
        );
    }
    let _ = writeln!(
        md,
        "\nThe daemon's history holds {} cleans, each asked through the endpoint by uid 65534: the \
         real cleans of the endpoint column and their warm-up.\n",
        r.daemon_cleans
    );
    md += "### `memsweep status` through the endpoint\n\n";
    let _ = writeln!(md, "{STATUS_RUNS} rounds (round-robin, after 5), as root; medians.\n");
    md += "| command | median |\n|---|---|\n";
    for t in &r.status {
        let _ = writeln!(md, "| `{}` | {} |", t.command, dur_us(t.median()));
    }
    if let (Some(text), Some(free)) = (r.status.first(), r.status.iter().find(|t| t.command.starts_with("free"))) {
        let _ = writeln!(
            md,
            "\n`memsweep status` (its text asks the endpoint for the Service lines) against `free -b`: \
             {} vs {}: target (no slower) {}.",
            dur_us(text.median()),
            dur_us(free.median()),
            verdict(text.median() <= free.median())
        );
    }
    md += "\n### The endpoint alone\n\n";
    let _ =
        writeln!(md, "This harness's own client, as root: connect, one request, its answer; {ROUND_TRIPS} after 10.\n");
    md += "| request | median |\n|---|---|\n";
    for t in &r.round_trips {
        let _ = writeln!(md, "| `{}` | {} |", t.command, dur_us(t.median()));
    }
    md += "\n### The daemon\n\n";
    md += "| when | at | VmRSS | VmHWM | CPU so far | descriptors |\n|---|---|---|---|---|---|\n";
    for s in &r.daemon {
        let _ = writeln!(
            md,
            "| {} | {:.1} s | {} | {} | {:.1} ms | {} |",
            s.label,
            s.at_s,
            mib(s.rss_bytes as f64),
            mib(s.hwm_bytes as f64),
            s.cpu_ns as f64 / 1e6,
            s.fds
        );
    }
    if let [first, .., before_idle, last] = r.daemon.as_slice() {
        let (share, per_s) = cpu_between(before_idle, last);
        let (busy_share, _) = cpu_between(first, before_idle);
        let rss = last.rss_bytes.max(before_idle.rss_bytes) as f64;
        let _ = writeln!(
            md,
            "\nIdle after the cleans ({:.0} s, one poll a second): **{:.3}% of a core** (target ≤ \
             {TARGET_CPU_PERCENT}%: {}), that is **{:.1} µs of CPU a poll** — everything the daemon \
             did in a second, every thread; the target of {TARGET_POLL_US} µs is for the snapshot \
             alone, measured in process by part 3's criterion bench, and is not judged here; \
             VmRSS {} (target ≤ 4 MiB: {}), peak {}; descriptors {} at start, {} at the end. While \
             it served the cleans and requests: {:.2}% of a core (the cleans' own kernel work runs \
             in its context).\n",
            last.at_s - before_idle.at_s,
            share,
            verdict(share <= TARGET_CPU_PERCENT),
            per_s,
            mib(rss),
            verdict(rss <= TARGET_RSS_BYTES),
            mib(last.hwm_bytes as f64),
            first.fds,
            last.fds,
            busy_share,
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(command: &str, us: &[f64]) -> Timed {
        Timed { command: command.into(), argv: Vec::new(), wall_us: us.to_vec() }
    }

    fn s(label: &str, at_s: f64, rss: u64, cpu_ms: u64, fds: usize) -> DaemonSample {
        DaemonSample {
            label: label.into(),
            at_s,
            rss_bytes: rss,
            hwm_bytes: rss + 4096,
            cpu_ns: cpu_ms * 1_000_000,
            fds,
        }
    }

    fn results() -> EndpointResults {
        EndpointResults {
            area: "dirty".into(),
            daemon_command: "memsweep --control /s/control.sock watch --config /s/daemon.toml".into(),
            isolated_because: None,
            cleans: vec![
                Comparison {
                    what: "`clean dirty --dry-run`".into(),
                    in_process: t("a", &[3000.0, 3200.0, 3100.0]),
                    endpoint: t("b", &[3500.0, 3700.0, 3600.0]),
                },
                Comparison {
                    what: "`clean dirty` (real)".into(),
                    in_process: t("c", &[5000.0]),
                    endpoint: t("d", &[7500.0]),
                },
            ],
            status: vec![
                t("memsweep --config client.toml --control control.sock status", &[1900.0]),
                t("memsweep status --json", &[1500.0]),
                t("free -b", &[2000.0]),
            ],
            round_trips: vec![t(r#"{"v":1,"op":"status"}"#, &[150.0, 160.0])],
            daemon: vec![
                s("started", 0.0, 3_000_000, 10, 6),
                s("after", 5.0, 3_200_000, 40, 6),
                s("after the status runs", 6.0, 3_200_000, 60, 6),
                s("60 s idle", 66.0, 3_210_000, 63, 6),
            ],
            daemon_cleans: 22,
            load_before: "0.10 0.20 0.30".into(),
            load_after: "0.20 0.20 0.30".into(),
        }
    }

    #[test]
    fn the_section_judges_each_target_from_the_figures() {
        let md = render(&results());
        assert!(md.contains("| `clean dirty --dry-run` | 3.1 ms | 3.6 ms | +0.50 ms | met |"), "{md}");
        assert!(md.contains("| `clean dirty` (real) | 5.0 ms | 7.5 ms | +2.50 ms | **missed** |"), "{md}");
        assert!(md.contains("1.9 ms vs 2.0 ms: target (no slower) met"), "{md}");
        assert!(md.contains("| `{\"v\":1,\"op\":\"status\"}` | 155.0 µs |"), "{md}");
        // 3 ms of CPU over 60 s: 0.005% of a core, 50 µs a second
        assert!(
            md.contains("**0.005% of a core** (target ≤ 0.05%: met), that is **50.0 µs of CPU a poll** — everything"),
            "{md}"
        );
        assert!(md.contains("VmRSS 3.06 MiB (target ≤ 4 MiB: met)"), "{md}");
        assert!(md.contains("holds 22 cleans"), "{md}");
    }

    #[test]
    fn results_round_trip_through_json() {
        let r = results();
        let back: EndpointResults = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }
}
