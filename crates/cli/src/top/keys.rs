//! What a key does in `memsweep top`: a pure step from the view's state and one key to the
//! changed state and the effects the event loop carries out (the tray's `Action` → `Effect`
//! model), so every key is tested without a terminal.

use memsweep_app::failure::plan_error_text;
use memsweep_core::process::same_name;
use memsweep_core::{AreaStatus, CleanRequest, Plan, PlanError, ProcessInfo, Risk, Selection};
use memsweep_i18n::{tr, tr_args, Arg};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::state::{Chooser, ChooserRow, SortBy, ViewState};

/// Refresh intervals `r` cycles through.
pub const REFRESH_STEPS_MS: [u64; 4] = [1000, 2000, 5000, 500];

/// What the view knows of this machine and the config.
pub struct Context<'a> {
    pub areas: &'a [AreaStatus],
    /// What `c` cleans: the config's `[clean] areas`, else the OS's defaults.
    pub default_selection: &'a Selection,
    /// Processes `p` never trims (and Windows' working-sets keeps).
    pub exclude: &'a [String],
}

impl Context<'_> {
    /// What a machine-wide clean asks besides its plan: the config's exclusions.
    fn request(&self) -> CleanRequest {
        CleanRequest { exclude: self.exclude.to_vec(), ..Default::default() }
    }
}

/// What the event loop must do after a key.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    /// Run this clean in the background; `state.cleaning` is already set.
    Clean(Plan, CleanRequest),
    /// Read memory and processes again now.
    RefreshNow,
}

fn start(state: &mut ViewState, built: Result<Plan, PlanError>, request: CleanRequest) -> Vec<Effect> {
    let plan = match built {
        Ok(plan) => plan,
        Err(error) => {
            state.status_line = plan_error_text(memsweep_i18n::current(), &error);
            return Vec::new();
        }
    };
    if state.cleaning {
        state.status_line = tr("top-busy");
        return Vec::new();
    }
    state.cleaning = true;
    state.chooser = None;
    state.status_line = tr_args("top-cleaning", &[("areas", Arg::Text(&plan.ids().join(", ")))]);
    vec![Effect::Clean(plan, request)]
}

/// The plan of the areas ticked in the chooser.
fn ticked(chooser: &Chooser, areas: &[AreaStatus]) -> Option<Result<Plan, PlanError>> {
    let ids: Vec<String> = chooser.rows.iter().filter(|r| r.ticked).map(|r| r.id.clone()).collect();
    (!ids.is_empty()).then(|| Plan::build(areas, &Selection::Ids(ids)))
}

/// The plan that trims one process: the per-process area of this OS.
fn trim(process: ProcessInfo, context: &Context<'_>) -> (Result<Plan, PlanError>, CleanRequest) {
    let ids = context.areas.iter().filter(|a| a.area.per_process).map(|a| a.area.id.to_string()).collect();
    (Plan::build(context.areas, &Selection::Ids(ids)), CleanRequest { targets: vec![process], ..Default::default() })
}

fn in_chooser(state: &mut ViewState, code: KeyCode, context: &Context<'_>) -> Vec<Effect> {
    let Some(chooser) = state.chooser.as_mut() else { return Vec::new() };
    match code {
        KeyCode::Up => chooser.cursor = chooser.cursor.saturating_sub(1),
        KeyCode::Down => chooser.cursor = (chooser.cursor + 1).min(chooser.rows.len().saturating_sub(1)),
        KeyCode::Char(' ') => {
            if let Some(row) = chooser.rows.get_mut(chooser.cursor) {
                row.ticked = !row.ticked;
            }
        }
        KeyCode::Enter => {
            let risky: Vec<&str> = chooser.rows.iter().filter(|r| r.risky && r.ticked).map(|r| r.id.as_str()).collect();
            if !risky.is_empty() {
                state.confirm = Some(tr_args("top-confirm", &[("areas", Arg::Text(&risky.join(", ")))]));
            } else if let Some(plan) = ticked(chooser, context.areas) {
                return start(state, plan, context.request());
            }
        }
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('a') => state.chooser = None,
        _ => {}
    }
    Vec::new()
}

/// One key press.
pub fn handle(state: &mut ViewState, key: KeyEvent, context: &Context<'_>) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return vec![Effect::Quit];
    }
    if state.confirm.take().is_some() {
        if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
            if let Some(plan) = state.chooser.as_ref().and_then(|c| ticked(c, context.areas)) {
                return start(state, plan, context.request());
            }
        } else {
            state.status_line = tr("top-cancelled");
        }
        return Vec::new();
    }
    if state.chooser.is_some() {
        return in_chooser(state, key.code, context);
    }
    let last = state.processes.len().saturating_sub(1);
    match key.code {
        KeyCode::Char('q') | KeyCode::Esc if !state.help => return vec![Effect::Quit],
        KeyCode::Esc | KeyCode::Char('?') => state.help = !state.help,
        KeyCode::Char('c') => {
            return start(state, Plan::build(context.areas, context.default_selection), context.request())
        }
        KeyCode::Char('a') => {
            let rows = context
                .areas
                .iter()
                .filter(|a| a.is_supported() && !a.area.per_process)
                .map(|a| ChooserRow { id: a.area.id.to_string(), risky: a.area.risk == Risk::High, ticked: false })
                .collect();
            state.chooser = Some(Chooser { rows, cursor: 0 });
        }
        KeyCode::Char('p') => match state.selected_process().cloned() {
            Some(process) if context.exclude.iter().any(|x| same_name(x, &process.name)) => {
                state.status_line = tr_args("top-excluded", &[("name", Arg::Text(&process.name))]);
            }
            Some(process) => {
                let (plan, request) = trim(process, context);
                return start(state, plan, request);
            }
            None => {}
        },
        KeyCode::Char('r') => {
            let at = REFRESH_STEPS_MS.iter().position(|&r| r == state.refresh_ms).map_or(0, |i| i + 1);
            state.refresh_ms = REFRESH_STEPS_MS[at % REFRESH_STEPS_MS.len()];
            return vec![Effect::RefreshNow];
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
        KeyCode::Down => state.selected = (state.selected + 1).min(last),
        KeyCode::PageUp => state.selected = state.selected.saturating_sub(10),
        KeyCode::PageDown => state.selected = (state.selected + 10).min(last),
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::snapshot::{PhysicalMemory, Snapshot, SCHEMA};
    use memsweep_core::{Area, Stage, Support};

    use super::*;

    fn areas() -> Vec<AreaStatus> {
        let status = |area: Area| AreaStatus { area, support: Support::Supported };
        vec![
            status(Area { default_on: true, ..Area::new("dirty", Stage::Flush) }),
            status(Area { per_process: true, ..Area::new("process", Stage::Trim) }),
            status(Area { default_on: true, ..Area::new("page-cache", Stage::Purge) }),
            status(Area { risk: Risk::High, ..Area::new("standby-list", Stage::Purge) }),
        ]
    }

    fn view() -> ViewState {
        let snapshot = Snapshot {
            schema: SCHEMA,
            os: "linux",
            taken_at_ms: 0,
            memory: PhysicalMemory {
                total_bytes: 100,
                available_bytes: 50,
                free_bytes: Some(10),
                file_cache_bytes: 20,
                droppable_cache_bytes: Some(15),
            },
            swap: None,
            linux: None,
            windows: None,
        };
        let mut state = ViewState::new(snapshot, 600.0, 1000, false);
        state.set_processes(vec![
            ProcessInfo { pid: 42, name: "firefox".into(), resident_bytes: 3 },
            ProcessInfo { pid: 7, name: "game".into(), resident_bytes: 9 },
        ]);
        state
    }

    fn press(state: &mut ViewState, code: KeyCode) -> Vec<Effect> {
        let areas = areas();
        let exclude = ["Game".to_string()];
        let context = Context { areas: &areas, default_selection: &Selection::Defaults, exclude: &exclude };
        handle(state, KeyEvent::from(code), &context)
    }

    fn cleaned(effects: &[Effect]) -> Option<(Vec<&'static str>, Vec<u32>)> {
        effects.iter().find_map(|e| match e {
            Effect::Clean(plan, request) => Some((plan.ids(), request.targets.iter().map(|p| p.pid).collect())),
            _ => None,
        })
    }

    #[test]
    fn c_cleans_the_default_set_once_at_a_time() {
        let mut state = view();
        let effects = press(&mut state, KeyCode::Char('c'));
        assert_eq!(cleaned(&effects), Some((vec!["dirty", "page-cache"], vec![])));
        // the config's exclusions go with it (Windows' working-sets keeps them)
        assert!(matches!(&effects[0], Effect::Clean(_, request) if request.exclude == ["Game"]));
        assert!(state.cleaning);
        assert!(press(&mut state, KeyCode::Char('c')).is_empty());
        assert_eq!(state.status_line, "a clean is already running; wait for its report");
    }

    #[test]
    fn p_trims_the_selected_process_unless_it_is_excluded() {
        let mut state = view();
        // largest first: game (excluded by the config), then firefox
        assert!(press(&mut state, KeyCode::Char('p')).is_empty());
        assert_eq!(state.status_line, "game is excluded from trimming by the config");
        press(&mut state, KeyCode::Down);
        assert_eq!(cleaned(&press(&mut state, KeyCode::Char('p'))), Some((vec!["process"], vec![42])));
    }

    #[test]
    fn the_chooser_ticks_areas_and_asks_before_a_risky_one() {
        let mut state = view();
        press(&mut state, KeyCode::Char('a'));
        let rows: Vec<&str> = state.chooser.as_ref().unwrap().rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(rows, ["dirty", "page-cache", "standby-list"], "the per-process area is not offered");
        press(&mut state, KeyCode::Down);
        press(&mut state, KeyCode::Down);
        press(&mut state, KeyCode::Char(' '));
        assert!(press(&mut state, KeyCode::Enter).is_empty());
        assert!(state.confirm.as_ref().unwrap().contains("standby-list"));
        assert!(press(&mut state, KeyCode::Char('n')).is_empty());
        assert_eq!(state.status_line, "cancelled");
        press(&mut state, KeyCode::Enter);
        assert_eq!(cleaned(&press(&mut state, KeyCode::Char('y'))), Some((vec!["standby-list"], vec![])));
        assert!(state.chooser.is_none());
    }

    #[test]
    fn keys_move_sort_refresh_help_and_quit() {
        let mut state = view();
        assert_eq!(press(&mut state, KeyCode::Char('r')), [Effect::RefreshNow]);
        assert_eq!(state.refresh_ms, 2000);
        press(&mut state, KeyCode::Char('s'));
        assert_eq!(state.processes[0].name, "firefox", "sorted by name");
        press(&mut state, KeyCode::Char('?'));
        assert!(state.help);
        assert!(press(&mut state, KeyCode::Esc).is_empty(), "Esc closes the help first");
        assert_eq!(press(&mut state, KeyCode::Char('q')), [Effect::Quit]);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let areas = areas();
        let context = Context { areas: &areas, default_selection: &Selection::Defaults, exclude: &[] };
        assert_eq!(handle(&mut view(), ctrl_c, &context), [Effect::Quit]);
    }
}
