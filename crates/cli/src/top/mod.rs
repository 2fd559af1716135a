//! `memsweep top`: a live full-screen view of memory with history and one-key cleaning.
//! Data in [`state`], drawing in [`draw`], keys and the event loop here.

pub mod draw;
pub mod state;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use memsweep_app::{config_file, history_file, perform, Failure};
use memsweep_core::units::format_signed_bytes;
use memsweep_core::{Backend, CleanRequest, ExitStatus, Plan, Report, Risk, RunOptions, Selection};
use memsweep_i18n::{tr, tr_args, Arg};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::args::TopArgs;
use state::{SortBy, ViewState};

const REFRESH_STEPS_MS: [u64; 4] = [1000, 2000, 5000, 500];

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
            ("cache", Arg::Text(&delta("cache_bytes"))),
            ("time", Arg::Text(&crate::render::duration(report.duration_us))),
        ],
    )
}

pub fn top(args: &TopArgs, explicit: Option<&Path>, backend: &(dyn Backend + Sync)) -> Result<ExitStatus, Failure> {
    let areas = backend.areas();
    let (loaded, _) = config_file::load(explicit, backend.os(), &areas)?;
    let config = loaded.config;
    let history = history_file::path(&config);
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let first = backend.snapshot().map_err(error)?;
    let mut state = ViewState::new(first, args.minutes as f64 * 60.0, args.refresh_ms, colour);
    if let Ok((entries, _)) = history_file::read(&history) {
        let since = state.started_ms.saturating_sub(args.minutes * 60_000);
        state.cleans = entries.iter().filter(|e| e.time_ms >= since).map(|e| state.seconds(e.time_ms)).collect();
    }
    state.set_processes(backend.processes().unwrap_or_default());

    if args.print {
        // One frame as text, for terminals that are not interactive (tests, Wine, pipes).
        let backend = ratatui::backend::TestBackend::new(args.width, args.height);
        let mut terminal = ratatui::Terminal::new(backend).map_err(error)?;
        terminal.draw(|frame| draw::draw(frame, &state)).map_err(error)?;
        let text: String =
            draw::buffer_lines(terminal.backend().buffer()).iter().map(|l| format!("{}\n", l.trim_end())).collect();
        crate::commands::print(&text)?;
        return Ok(ExitStatus::Ok);
    }

    std::thread::scope(|scope| -> Result<(), Failure> {
        let mut terminal = ratatui::try_init().map_err(error)?;
        let (done_tx, done_rx) = mpsc::channel::<Result<(Report, Option<String>), Failure>>();
        let mut cleaning = false;
        let mut next_refresh = Instant::now() + Duration::from_millis(state.refresh_ms);
        let start_clean = |state: &mut ViewState, plan: Plan, request: CleanRequest, cleaning: &mut bool| {
            if *cleaning {
                state.status_line = tr("top-busy");
                return;
            }
            *cleaning = true;
            state.status_line = tr_args("top-cleaning", &[("areas", Arg::Text(&plan.ids().join(", ")))]);
            let tx = done_tx.clone();
            let history = history.clone();
            scope.spawn(move || {
                let options = RunOptions { dry_run: false, cancel: None };
                let _ = tx.send(perform(backend, &plan, &request, options, "top", &history, &mut |_| {}));
            });
        };
        let result = loop {
            if let Err(e) = terminal.draw(|frame| draw::draw(frame, &state)) {
                break Err(error(e));
            }
            let wait = next_refresh.saturating_duration_since(Instant::now()).min(Duration::from_millis(200));
            match event::poll(wait) {
                Ok(true) => {
                    let Ok(Event::Key(key)) = event::read() else { continue };
                    if key.kind != KeyEventKind::Press {
                        continue;
                    }
                    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                    if ctrl_c {
                        break Ok(());
                    }
                    if state.confirm.take().is_some() {
                        if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                            if let Some(plan) = chosen_plan(&state, &areas) {
                                state.chooser = None;
                                start_clean(&mut state, plan, CleanRequest::default(), &mut cleaning);
                            }
                        } else {
                            state.status_line = tr("top-cancelled");
                        }
                        continue;
                    }
                    if let Some((rows, cursor)) = state.chooser.as_mut() {
                        match key.code {
                            KeyCode::Up => *cursor = cursor.saturating_sub(1),
                            KeyCode::Down => *cursor = (*cursor + 1).min(rows.len().saturating_sub(1)),
                            KeyCode::Char(' ') => {
                                if let Some(row) = rows.get_mut(*cursor) {
                                    row.2 = !row.2;
                                }
                            }
                            KeyCode::Enter => {
                                let risky: Vec<String> =
                                    rows.iter().filter(|r| r.1 && r.2).map(|r| r.0.clone()).collect();
                                if !risky.is_empty() {
                                    state.confirm =
                                        Some(tr_args("top-confirm", &[("areas", Arg::Text(&risky.join(", ")))]));
                                } else if let Some(plan) = chosen_plan(&state, &areas) {
                                    state.chooser = None;
                                    start_clean(&mut state, plan, CleanRequest::default(), &mut cleaning);
                                }
                            }
                            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('a') => state.chooser = None,
                            _ => {}
                        }
                        continue;
                    }
                    match key.code {
                        KeyCode::Char('q') | KeyCode::Esc if !state.help => break Ok(()),
                        KeyCode::Esc | KeyCode::Char('?') => state.help = !state.help,
                        KeyCode::Char('c') => {
                            let configured = config.default_areas();
                            let selection =
                                if configured.is_empty() { Selection::Defaults } else { Selection::Ids(configured) };
                            match Plan::build(&areas, &selection) {
                                Ok(plan) => start_clean(&mut state, plan, CleanRequest::default(), &mut cleaning),
                                Err(e) => state.status_line = crate::render::plan_error(&e),
                            }
                        }
                        KeyCode::Char('a') => {
                            let rows = areas
                                .iter()
                                .filter(|a| a.is_supported() && !a.area.per_process)
                                .map(|a| (a.area.id.to_string(), a.area.risk == Risk::High, false))
                                .collect();
                            state.chooser = Some((rows, 0));
                        }
                        KeyCode::Char('p') => match state.selected_process().cloned() {
                            Some(process)
                                if config
                                    .clean
                                    .exclude
                                    .iter()
                                    .any(|x| memsweep_core::process::same_name(x, &process.name)) =>
                            {
                                state.status_line = tr_args("top-excluded", &[("name", Arg::Text(&process.name))]);
                            }
                            Some(process) => match Plan::build(&areas, &Selection::Ids(vec!["process".into()])) {
                                Ok(plan) => {
                                    let request = CleanRequest { targets: vec![process], ..CleanRequest::default() };
                                    start_clean(&mut state, plan, request, &mut cleaning);
                                }
                                Err(e) => state.status_line = crate::render::plan_error(&e),
                            },
                            None => {}
                        },
                        KeyCode::Char('r') => {
                            let at = REFRESH_STEPS_MS.iter().position(|&r| r == state.refresh_ms).map_or(0, |i| i + 1);
                            state.refresh_ms = REFRESH_STEPS_MS[at % REFRESH_STEPS_MS.len()];
                            next_refresh = Instant::now();
                        }
                        KeyCode::Char('s') => {
                            state.sort = match state.sort {
                                SortBy::Resident => SortBy::Name,
                                SortBy::Name => SortBy::Pid,
                                SortBy::Pid => SortBy::Resident,
                            };
                            let processes = std::mem::take(&mut state.processes);
                            state.set_processes(processes);
                        }
                        KeyCode::Up => state.selected = state.selected.saturating_sub(1),
                        KeyCode::Down => {
                            state.selected = (state.selected + 1).min(state.processes.len().saturating_sub(1))
                        }
                        KeyCode::PageUp => state.selected = state.selected.saturating_sub(10),
                        KeyCode::PageDown => {
                            state.selected = (state.selected + 10).min(state.processes.len().saturating_sub(1))
                        }
                        _ => {}
                    }
                }
                Ok(false) => {}
                Err(e) => break Err(error(e)),
            }
            while let Ok(outcome) = done_rx.try_recv() {
                cleaning = false;
                state.status_line = match outcome {
                    Ok((report, _)) => {
                        state.cleans.push(state.seconds(report.started_at_ms));
                        summary(&report)
                    }
                    Err(failure) => tr_args("top-clean-failed", &[("reason", Arg::Text(&failure.message))]),
                };
                next_refresh = Instant::now();
            }
            if Instant::now() >= next_refresh {
                if let Ok(snapshot) = backend.snapshot() {
                    state.push(snapshot);
                }
                if let Ok(processes) = backend.processes() {
                    state.set_processes(processes);
                }
                next_refresh = Instant::now() + Duration::from_millis(state.refresh_ms);
            }
        };
        ratatui::restore();
        result
    })?;
    Ok(ExitStatus::Ok)
}

/// The plan of the areas ticked in the chooser.
fn chosen_plan(state: &ViewState, areas: &[memsweep_core::AreaStatus]) -> Option<Plan> {
    let (rows, _) = state.chooser.as_ref()?;
    let ids: Vec<String> = rows.iter().filter(|r| r.2).map(|r| r.0.clone()).collect();
    if ids.is_empty() {
        return None;
    }
    Plan::build(areas, &Selection::Ids(ids)).ok()
}
