//! `memsweep watch`: poll, evaluate the rules, clean, log, record — until Ctrl-C or SIGTERM.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use memsweep_core::config::LogLevel;
use memsweep_core::history::HistoryEntry;
use memsweep_core::metrics::CleanCounters;
use memsweep_core::process::same_name;
use memsweep_core::rules::{Decision, Hold, Observation, RuleEngine};
use memsweep_core::run::now_ms;
use memsweep_core::{Backend, CleanRequest, ExitStatus, Plan, RunOptions, Selection};
use tracing::{debug, info, warn};

use memsweep_app::{config_file, history_file, lock, perform};

use crate::args::WatchArgs;
use crate::{logging, Failure};

/// True when a process named in `pause_while` runs.
fn paused(backend: &dyn Backend, names: &[String]) -> bool {
    !names.is_empty()
        && backend.processes().is_ok_and(|running| running.iter().any(|p| names.iter().any(|n| same_name(n, &p.name))))
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

pub fn watch(args: &WatchArgs, explicit: Option<&Path>, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let areas = backend.areas();
    // A broken config stops the daemon before it starts: it would otherwise run on guesses.
    let (loaded, warnings) = config_file::load(explicit, backend.os(), &areas)?;
    let config = loaded.config;
    backend
        .check_privilege()
        .map_err(|line| Failure::new(ExitStatus::NoPermission, format!("watch cleans, so {line}")))?;
    let _instance = lock::watch()?;
    logging::init(match config.history.log_level {
        LogLevel::Error => tracing::Level::ERROR,
        LogLevel::Warn => tracing::Level::WARN,
        LogLevel::Info => tracing::Level::INFO,
        LogLevel::Debug => tracing::Level::DEBUG,
    });
    for warning in &warnings {
        warn!("{}: {warning}", loaded.path.display());
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

    let history = history_file::path(&config);
    let mut engine = RuleEngine::from_config(&config, &areas, now_ms());
    if let Some(last) = history_file::last_time_ms(&history) {
        engine.note_other_clean(last);
    }
    let mut history_len = std::fs::metadata(&history).map(|m| m.len()).ok();
    let counters_from_history =
        || CleanCounters::from_history(&history_file::read(&history).map(|(e, _)| e).unwrap_or_default());
    let mut counters = if args.metrics_file.is_some() { counters_from_history() } else { CleanCounters::default() };
    let mut metrics_failing = false;
    let poll = Duration::from_millis(config.watch.poll_interval_ms.get());
    let source = if loaded.text.is_some() { loaded.path.display().to_string() } else { "built-in defaults".into() };
    info!(
        "watching with {} rule(s) from {source}; poll every {} ms, at least {} s between cleans; history {}",
        engine.rules().len(),
        poll.as_millis(),
        config.watch.min_gap_seconds,
        history.display()
    );
    if engine.rules().is_empty() {
        warn!("no rules: nothing will be cleaned (add [[rules]] to {})", loaded.path.display());
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
        // A manual clean appended to the history counts for interval rules (and metrics) too.
        let len = std::fs::metadata(&history).map(|m| m.len()).ok();
        if len != history_len {
            history_len = len;
            if let Some(last) = history_file::last_time_ms(&history) {
                engine.note_other_clean(last);
            }
            if args.metrics_file.is_some() {
                counters = counters_from_history();
            }
        }
        if let Some(path) = &args.metrics_file {
            match write_metrics(path, &memsweep_core::metrics::prometheus(&snapshot, &counters)) {
                Ok(()) => metrics_failing = false,
                Err(e) if !metrics_failing => {
                    warn!("cannot write the metrics file {}: {e}", path.display());
                    metrics_failing = true;
                }
                Err(_) => {}
            }
        }
        let seen = Observation::of(&snapshot);
        match engine.evaluate(now_ms(), &seen, &mut || paused(backend, &config.watch.pause_while)) {
            Decision::Idle => last_hold = None,
            Decision::Held { rule, hold } => {
                let text = describe_hold(&hold);
                if last_hold.as_ref() != Some(&(rule, std::mem::discriminant(&hold))) {
                    info!("rule '{}' wants to clean; {text}", engine.rules()[rule].name);
                    last_hold = Some((rule, std::mem::discriminant(&hold)));
                } else {
                    debug!("{text}");
                }
            }
            Decision::Clean { trigger, areas: ids, .. } => {
                last_hold = None;
                info!("rule '{trigger}' fired (used {:.1}%): cleaning {}", seen.used_percent, ids.join(", "));
                let plan = match Plan::build(&areas, &Selection::Ids(ids)) {
                    Ok(plan) => plan,
                    Err(e) => {
                        warn!("rule '{trigger}': {e}");
                        continue;
                    }
                };
                let options = RunOptions { dry_run: false, cancel: Some(&stop) };
                let request = CleanRequest::default();
                match perform(backend, &plan, &request, options, &trigger, &history, &mut |_| {}) {
                    Ok((report, warning)) => {
                        if let Some(warning) = warning {
                            warn!("{warning}");
                        }
                        let freed = report.freed_bytes();
                        engine.record_result(freed);
                        history_len = std::fs::metadata(&history).map(|m| m.len()).ok();
                        counters.add(&HistoryEntry::new(trigger.clone(), report.clone()));
                        let t = &report.tally;
                        info!(
                            "cleaned in {} ms: {} done, {} failed, {} unsupported; free +{}; next clean in at least {} s",
                            report.duration_us / 1000,
                            t.done,
                            t.failed,
                            t.unsupported,
                            memsweep_core::units::format_bytes(freed),
                            engine.gap_ms() / 1000
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
                        engine.record_result(0);
                        warn!("clean not done: {}", failure.message);
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
