//! `memsweep watch`: poll, evaluate the rules, clean, log, record — until Ctrl-C or SIGTERM.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use memsweep_app::cost::CostMeter;
use memsweep_app::{history_file, lock, perform, AutoCleaner, Session, Tick};
use memsweep_core::config::LogLevel;
use memsweep_core::history::CleanCost;
use memsweep_core::metrics::CleanCounters;
use memsweep_core::rules::{Hold, Observation};
use memsweep_core::run::now_ms;
use memsweep_core::{ExitStatus, RunOptions};
use tracing::{debug, info, warn};

use crate::args::WatchArgs;
use crate::{logging, Failure};

/// How a daemon is woken between polls.
enum Wake {
    Stop,
    Pressure,
}

/// The PSI trigger's window, and the stall share within it that wakes the daemon when no
/// pressure rule asks for less. The window is 2 s because the kernel takes other windows only
/// from processes with CAP_SYS_RESOURCE, which containers and hardened units often drop.
const PRESSURE_WINDOW: Duration = Duration::from_secs(2);
const PRESSURE_WAKE_PERCENT: f64 = 10.0;
/// After a pressure wake, the rules are evaluated at the fast pace this long.
const BUSY_AFTER_PRESSURE_MS: u64 = 30_000;

fn describe_cost(cost: &CleanCost) -> String {
    let bytes = |v: Option<u64>| v.map_or_else(|| "n/a".to_string(), memsweep_core::units::format_bytes);
    let count = |v: Option<u64>| v.map_or_else(|| "n/a".to_string(), |v| v.to_string());
    format!(
        "over {} s: read back {}, {} major faults, refaults {} (beyond the rate of the {} s before)",
        cost.window_s,
        bytes(cost.read_back_bytes),
        count(cost.major_faults.or(cost.hard_faults)),
        bytes(cost.refault_bytes),
        cost.baseline_s
    )
}

fn describe_hold(hold: &Hold) -> String {
    match hold {
        Hold::Cooldown { until_ms } => {
            format!("waiting for the gap: next clean possible in {} s", until_ms.saturating_sub(now_ms()) / 1000)
        }
        Hold::Paused => "paused: a pause_while process is running".into(),
        Hold::Pressure { some_avg10 } => {
            format!("held: memory pressure {some_avg10:.1}% is above the guard")
        }
    }
}

/// Writes the metrics file atomically: a temporary file next to it, renamed over it, so a
/// collector never reads half a file.
fn write_metrics(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(|| "metrics".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

pub fn watch(args: &WatchArgs, session: &Session) -> Result<ExitStatus, Failure> {
    // A broken config stops the daemon before it starts: it would otherwise run on guesses.
    let config = session.config()?;
    let backend = session.backend();
    backend.check_privilege()?;
    let _instance = lock::watch()?;
    logging::init(match config.history.log_level {
        LogLevel::Error => tracing::Level::ERROR,
        LogLevel::Warn => tracing::Level::WARN,
        LogLevel::Info => tracing::Level::INFO,
        LogLevel::Debug => tracing::Level::DEBUG,
    });
    let config_path = session.config_path();
    for warning in session.warnings()? {
        warn!("{}: {warning}", config_path.display());
    }

    let stop = Arc::new(AtomicBool::new(false));
    let (wake, woken) = mpsc::channel::<Wake>();
    {
        let stop = Arc::clone(&stop);
        let wake = wake.clone();
        ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            let _ = wake.send(Wake::Stop);
        })
        .map_err(|e| Failure::new(ExitStatus::Error, format!("cannot handle Ctrl-C/SIGTERM: {e}")))?;
    }

    let mut auto = AutoCleaner::open(session, now_ms())?;
    let history = auto.history_path().to_path_buf();
    // The clean counters of the metrics file, read again whenever the history changes.
    let mut counters = CleanCounters::default();
    let mut counted_changes = None;
    let mut metrics_failing = false;
    let mut costs = (config.watch.cost_window_seconds > 0)
        .then(|| CostMeter::new(history.clone(), config.watch.cost_window_seconds, now_ms()));
    let mut costs_failing = false;
    let fast = Duration::from_millis(config.watch.poll_interval_ms.get());
    let idle = Duration::from_millis(config.watch.idle_poll_ms.get()).max(fast);
    // Sleep on pressure where the kernel can wake us: then only the rules that do not watch
    // pressure wait for the slower timer.
    let stall_percent =
        auto.rules().iter().filter_map(|r| r.pressure_threshold()).fold(PRESSURE_WAKE_PERCENT, f64::min);
    let stall = PRESSURE_WINDOW.mul_f64(stall_percent.clamp(0.1, 100.0) / 100.0);
    let triggered = config.watch.pressure_trigger && {
        let wake = wake.clone();
        backend.on_pressure(stall, PRESSURE_WINDOW, Box::new(move || drop(wake.send(Wake::Pressure))))
    };
    let source = if session.has_config_file() { config_path.display().to_string() } else { "built-in defaults".into() };
    let pacing = if triggered {
        format!(
            "every {} ms, at once on memory pressure (PSI trigger: {} ms of stall within {} ms)",
            idle.as_millis(),
            stall.as_millis(),
            PRESSURE_WINDOW.as_millis()
        )
    } else {
        format!("every {} ms", fast.as_millis())
    };
    info!(
        "watching with {} rule(s) from {source}; rules evaluated {pacing}; at least {} s between cleans; history {}",
        auto.rules().len(),
        config.watch.min_gap_seconds,
        history.display()
    );
    if auto.rules().is_empty() {
        warn!("no rules: nothing will be cleaned (add [[rules]] to {})", config_path.display());
    }

    let mut last_hold = None;
    let mut snapshot_failing = false;
    // After a pressure wake the rules are evaluated at the fast pace for a while.
    let mut busy_until_ms = 0;
    loop {
        let wait = if triggered && now_ms() >= busy_until_ms { idle } else { fast };
        match woken.recv_timeout(wait) {
            Ok(Wake::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Ok(Wake::Pressure) => {
                debug!("woken by memory pressure");
                busy_until_ms = now_ms() + BUSY_AFTER_PRESSURE_MS;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let snapshot = match backend.snapshot() {
            Ok(s) => {
                snapshot_failing = false;
                s
            }
            Err(e) => {
                if !snapshot_failing {
                    warn!("cannot read memory figures: {e}");
                }
                snapshot_failing = true;
                continue;
            }
        };
        if let Some(meter) = &mut costs {
            match meter.observe(&snapshot) {
                Ok(lines) => {
                    costs_failing = false;
                    for line in lines {
                        info!("the clean of {} cost afterwards: {}", line.clean_ms, describe_cost(&line.cost));
                    }
                }
                Err(e) if !costs_failing => {
                    warn!("cannot record a clean's cost in {}: {e}", history.display());
                    costs_failing = true;
                }
                Err(_) => {}
            }
        }
        let seen = Observation::of(&snapshot);
        let tick = auto.tick(now_ms(), &seen);
        if let Some(path) = &args.metrics_file {
            if counted_changes != Some(auto.history_changes()) {
                counted_changes = Some(auto.history_changes());
                counters =
                    CleanCounters::from_history(&history_file::read(&history).map(|(e, _)| e).unwrap_or_default());
            }
            match write_metrics(path, &memsweep_core::metrics::prometheus(&snapshot, &counters)) {
                Ok(()) => metrics_failing = false,
                Err(e) if !metrics_failing => {
                    warn!("cannot write the metrics file {}: {e}", path.display());
                    metrics_failing = true;
                }
                Err(_) => {}
            }
        }
        match tick {
            Tick::Idle => last_hold = None,
            Tick::Held { rule, hold } => {
                let text = describe_hold(&hold);
                if last_hold.as_ref() != Some(&(rule, std::mem::discriminant(&hold))) {
                    info!("rule '{}' wants to clean; {text}", auto.rules()[rule].name);
                    last_hold = Some((rule, std::mem::discriminant(&hold)));
                } else {
                    debug!("{text}");
                }
            }
            Tick::Clean(job) => {
                last_hold = None;
                let trigger = &job.trigger;
                info!(
                    "rule '{trigger}' fired (used {:.1}%): cleaning {}",
                    seen.used_percent,
                    job.plan.ids().join(", ")
                );
                let options = RunOptions { dry_run: false, cancel: Some(&stop) };
                match perform(backend, &job.plan, &job.request, options, trigger, &history, &mut |_| {}) {
                    Ok((report, warning)) => {
                        if let Some(warning) = warning {
                            warn!("{warning}");
                        }
                        auto.finished(Ok(&report));
                        let t = &report.tally;
                        info!(
                            "cleaned in {} ms: {} done, {} failed, {} unsupported; free +{}; next clean in at least {} s",
                            report.duration_us / 1000,
                            t.done,
                            t.failed,
                            t.unsupported,
                            memsweep_core::units::format_bytes(report.freed_bytes()),
                            auto.gap_ms() / 1000
                        );
                        for area in report.areas.iter().filter(|a| a.reason.is_some()) {
                            info!(
                                "  {}: {} ({})",
                                area.id,
                                area.outcome.as_str(),
                                area.reason.as_deref().unwrap_or("")
                            );
                        }
                    }
                    Err(failure) => {
                        auto.finished(Err(&failure));
                        warn!("clean not done: {failure}");
                    }
                }
            }
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    info!("stopped");
    Ok(ExitStatus::Ok)
}
