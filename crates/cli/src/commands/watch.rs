//! `memsweep watch`: poll, evaluate the rules, clean, log, record — until Ctrl-C or SIGTERM.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use memsweep_app::{history_file, lock, perform, AutoCleaner, Session, Tick};
use memsweep_core::config::LogLevel;
use memsweep_core::metrics::CleanCounters;
use memsweep_core::rules::{Hold, Observation};
use memsweep_core::run::now_ms;
use memsweep_core::{CleanRequest, ExitStatus, RunOptions};
use tracing::{debug, info, warn};

use crate::args::WatchArgs;
use crate::{logging, Failure};

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
    let (wake, stopped) = mpsc::channel::<()>();
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            let _ = wake.send(());
        })
        .map_err(|e| Failure::new(ExitStatus::Error, format!("cannot handle Ctrl-C/SIGTERM: {e}")))?;
    }

    let mut auto = AutoCleaner::open(session, now_ms())?;
    let history = auto.history_path().to_path_buf();
    // The clean counters of the metrics file, read again whenever the history changes.
    let mut counters = CleanCounters::default();
    let mut counted_changes = None;
    let mut metrics_failing = false;
    let poll = Duration::from_millis(config.watch.poll_interval_ms.get());
    let source = if session.has_config_file() { config_path.display().to_string() } else { "built-in defaults".into() };
    info!(
        "watching with {} rule(s) from {source}; poll every {} ms, at least {} s between cleans; history {}",
        auto.rules().len(),
        poll.as_millis(),
        config.watch.min_gap_seconds,
        history.display()
    );
    if auto.rules().is_empty() {
        warn!("no rules: nothing will be cleaned (add [[rules]] to {})", config_path.display());
    }

    let mut last_hold = None;
    let mut snapshot_failing = false;
    // Wakes every poll, or at once when Ctrl-C / SIGTERM arrives.
    while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(poll) {
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
                let request = CleanRequest::default();
                match perform(backend, &job.plan, &request, options, trigger, &history, &mut |_| {}) {
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
