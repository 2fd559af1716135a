//! `memsweep top`: a live full-screen view of memory with history and one-key cleaning.
//! Data in [`state`], drawing in [`draw`], keys in [`keys`]; the event loop here only reads
//! events and carries out the effects keys ask for.

pub mod draw;
pub mod keys;
pub mod state;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use memsweep_app::control::client::clean_anywhere;
use memsweep_app::history_file::{self, HistoryWatch};
use memsweep_app::{Failure, Origin, Session};
use memsweep_core::units::format_signed_bytes;
use memsweep_core::{ExitStatus, Report, RunOptions};
use memsweep_i18n::{tr_args, Arg};
use ratatui::crossterm::event::{self, Event};

use crate::args::TopArgs;
use crate::render;
use keys::{Context, Effect};
use memsweep_core::advise::advise;
use memsweep_core::snapshot::Snapshot;
use state::ViewState;

fn error(e: impl std::fmt::Display) -> Failure {
    Failure::new(ExitStatus::Error, e.to_string())
}

/// One line saying what a clean did.
fn summary(report: &Report) -> String {
    let delta =
        |m: &str| report.total(m).and_then(|c| c.delta()).map_or_else(|| "n/a".to_string(), format_signed_bytes);
    tr_args(
        "top-cleaned",
        &[
            ("done", Arg::Number(f64::from(report.tally.done))),
            ("failed", Arg::Number(f64::from(report.tally.failed))),
            ("free", Arg::Text(&delta("free_bytes"))),
            ("cache", Arg::Text(&delta("file_cache_bytes"))),
            ("time", Arg::Text(&crate::render::duration(report.duration_us))),
        ],
    )
}

/// Marks the cleans of the history file inside the chart's window, and says what the last one
/// freed and, once the daemon has measured it, what came back after it.
fn mark_cleans(state: &mut ViewState, history: &HistoryWatch, window_ms: u64) {
    if let Ok((entries, _)) = history_file::read(history.path()) {
        let since = state.started_ms.saturating_sub(window_ms);
        state.cleans = entries.iter().filter(|e| e.time_ms >= since).map(|e| state.seconds(e.time_ms)).collect();
        state.last_clean = entries.last().map(|last| {
            let freed = last
                .report
                .total("file_cache_bytes")
                .and_then(|c| c.delta())
                .map_or_else(|| "n/a".to_string(), |d| memsweep_core::units::format_bytes(d.unsigned_abs()));
            match last.cost.as_ref().and_then(|c| Some((c.read_back_bytes?, c.window_s))) {
                Some((back, window)) => tr_args(
                    "top-last-clean-cost",
                    &[
                        ("freed", Arg::Text(&freed)),
                        ("back", Arg::Text(&memsweep_core::units::format_bytes(back))),
                        ("seconds", Arg::Number(window as f64)),
                    ],
                ),
                None => tr_args("top-last-clean", &[("freed", Arg::Text(&freed))]),
            }
        });
    }
}

pub fn top(args: &TopArgs, session: &Session) -> Result<ExitStatus, Failure> {
    let config = session.config()?;
    let backend = session.backend();
    let default_selection = session.default_selection()?;
    let context =
        Context { areas: session.areas(), default_selection: &default_selection, exclude: &config.clean.exclude };
    let mut history = HistoryWatch::new(session.history_path()?);
    // Without root / Administrator, the clean keys clean through the service.
    let endpoint = session.endpoint();
    let window_ms = args.minutes * 60_000;
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let first = backend.snapshot().map_err(error)?;
    let advice = |now: &Snapshot, before: Option<&Snapshot>| {
        render::advice_line(&advise(now, before, &config.advise, session.areas()))
    };
    let mut state = ViewState::new(first, args.minutes as f64 * 60.0, args.refresh_ms, colour);
    state.advice = advice(&state.snapshot, None);
    mark_cleans(&mut state, &history, window_ms);
    state.set_processes(backend.processes().unwrap_or_default());

    if args.print {
        // One frame as text, for terminals that are not interactive (tests, Wine, pipes).
        let backend = ratatui::backend::TestBackend::new(args.width, args.height);
        let mut terminal = ratatui::Terminal::new(backend).map_err(error)?;
        terminal.draw(|frame| draw::draw(frame, &state)).map_err(error)?;
        let text: String =
            draw::buffer_lines(terminal.backend().buffer()).iter().map(|l| format!("{}\n", l.trim_end())).collect();
        crate::output::print(&text)?;
        return Ok(ExitStatus::Ok);
    }

    std::thread::scope(|scope| -> Result<(), Failure> {
        let mut terminal = ratatui::try_init().map_err(error)?;
        let (done_tx, done_rx) = mpsc::channel::<Result<(Report, Option<String>), Failure>>();
        let mut next_refresh = Instant::now() + Duration::from_millis(state.refresh_ms);
        let result = loop {
            if let Err(e) = terminal.draw(|frame| draw::draw(frame, &state)) {
                break Err(error(e));
            }
            let wait = next_refresh.saturating_duration_since(Instant::now()).min(Duration::from_millis(200));
            let effects = match event::poll(wait) {
                Ok(true) => match event::read() {
                    Ok(Event::Key(key)) => keys::handle(&mut state, key, &context),
                    _ => Vec::new(),
                },
                Ok(false) => Vec::new(),
                Err(e) => break Err(error(e)),
            };
            if effects.contains(&Effect::Quit) {
                break Ok(());
            }
            for effect in effects {
                match effect {
                    Effect::Clean(plan, request) => {
                        let tx = done_tx.clone();
                        let history = history.path().to_path_buf();
                        let endpoint = endpoint.clone();
                        scope.spawn(move || {
                            let options = RunOptions { dry_run: false, cancel: None };
                            let origin = Origin::new("top");
                            let endpoint = Some(endpoint.as_path());
                            let _ =
                                tx.send(clean_anywhere(backend, endpoint, &plan, &request, options, &origin, &history));
                        });
                    }
                    Effect::RefreshNow => next_refresh = Instant::now(),
                    Effect::Quit => {}
                }
            }
            while let Ok(outcome) = done_rx.try_recv() {
                state.cleaning = false;
                state.status_line = match outcome {
                    Ok((report, _)) => {
                        state.cleans.push(state.seconds(report.started_at_ms));
                        summary(&report)
                    }
                    Err(failure) => tr_args(
                        "top-clean-failed",
                        &[("reason", Arg::Text(&failure.localized(memsweep_i18n::current())))],
                    ),
                };
                next_refresh = Instant::now();
            }
            if Instant::now() >= next_refresh {
                if let Ok(snapshot) = backend.snapshot() {
                    let previous = state.snapshot.clone();
                    state.push(snapshot);
                    state.advice = advice(&state.snapshot, Some(&previous));
                }
                if let Ok(processes) = backend.processes() {
                    state.set_processes(processes);
                }
                // Cleans recorded by anyone (this view, the CLI, the daemon) are marked.
                if history.poll() {
                    mark_cleans(&mut state, &history, window_ms);
                }
                next_refresh = Instant::now() + Duration::from_millis(state.refresh_ms);
            }
        };
        ratatui::restore();
        result
    })?;
    Ok(ExitStatus::Ok)
}
