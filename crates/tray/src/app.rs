//! The tray's behaviour as plain data: its state, the actions a user (or the timer, or the
//! worker) can cause, the effects the platform code must carry out, and the menu model. No GUI
//! here: [`dispatch`] is unit-tested, and the Windows and Linux front ends only draw what it says.

use std::path::PathBuf;

use memsweep_app::autostart::LoginWay;
use memsweep_app::{AutoCleaner, Failure, Reason, Tick};
use memsweep_core::advise::{advise, AdviseConfig, Verdict};
use memsweep_core::rules::Observation;
use memsweep_core::snapshot::Snapshot;
use memsweep_core::units::{format_bytes, format_signed_bytes};
use memsweep_core::{AreaStatus, CleanRequest, Plan, Report, Risk, Selection, Unit};
use memsweep_i18n::{Arg, Lang, Messages};

use memsweep_core::config::{ClickAction, Config, IconFigure, TrayConfig};
use memsweep_core::hotkey::Hotkey;

use crate::render::{whole_percent, Figure, Level, Palette};

/// A mouse button on the tray icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    Left,
    Middle,
    Right,
    Double,
}

/// What each click on the icon does: `[tray] left_click`, `double_click`, `middle_click` (a right
/// click always opens the menu). The defaults are Mem Reduct's habits: the menu on a left click,
/// a clean on a middle click, nothing on a double click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clicks {
    pub left: ClickAction,
    pub middle: ClickAction,
    pub double: ClickAction,
}

impl Clicks {
    pub fn of(tray: &TrayConfig) -> Clicks {
        Clicks { left: tray.left_click, middle: tray.middle_click, double: tray.double_click }
    }
}

/// A setting the tray changes and keeps: written to the config file through
/// `memsweep_app::config_edit::ConfigEditor` (crate::persist), so a restart keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Setting {
    /// Rule number `index` (from 0, in file order) on or off.
    RuleEnabled { index: usize, on: bool },
    /// The top-level `language`.
    Language(Lang),
    /// `[tray] notifications`.
    Notifications(bool),
}

/// Everything the tray takes from the config, read at start and again whenever the file
/// changes (the settings window saved, an editor, or the tray's own toggles).
pub struct Configured {
    pub messages: Messages,
    pub palette: Palette,
    pub clicks: Clicks,
    pub figure: IconFigure,
    pub hotkey: Option<Hotkey>,
    pub hotkey_action: ClickAction,
    pub notifications: bool,
    /// `[clean] areas` of the config, or the OS's defaults.
    pub default_selection: Selection,
    /// The rules, the same engine as `memsweep watch`.
    pub auto: AutoCleaner,
    /// The config's `[advise]` thresholds.
    pub advise: AdviseConfig,
    pub history_path: PathBuf,
    /// What a manual clean asks besides its plan: the config's exclusions.
    pub clean_request: CleanRequest,
}

impl Configured {
    /// From a checked config; `lang` is the session's choice (`language`, else the OS's), `auto`
    /// its rule engine, `history_path` its history file.
    pub fn from_config(config: &Config, lang: Lang, auto: AutoCleaner, history_path: PathBuf) -> Configured {
        Configured {
            messages: Messages::new(lang),
            palette: Palette::from_config(&config.tray),
            clicks: Clicks::of(&config.tray),
            figure: config.tray.icon,
            hotkey: config.tray.hotkey(),
            hotkey_action: config.tray.hotkey_action,
            notifications: config.tray.notifications,
            default_selection: config.default_selection(),
            auto,
            advise: config.advise.clone(),
            history_path,
            clean_request: CleanRequest { exclude: config.clean.exclude.clone(), ..CleanRequest::default() },
        }
    }
}

/// What a clean is for: where it came from and what it runs.
#[derive(Clone, Debug, PartialEq)]
pub struct CleanJob {
    pub plan: Plan,
    /// How (a keep-lean rule: gently).
    pub request: CleanRequest,
    /// The history's trigger field: "tray", "tray: standby-list", or the rule's name.
    pub trigger: String,
    /// Started by a rule (its result feeds the rule engine's backoff).
    pub automatic: bool,
}

/// What one reading of memory shows in the icon and the tooltip.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reading {
    pub used_percent: f64,
    /// Windows commit (charge / limit), Linux swap (used / total); `None`: no swap.
    pub second_percent: Option<f64>,
    /// The second figure is commit (Windows) rather than swap (Linux).
    pub commit: bool,
    pub file_cache_bytes: u64,
    pub available_bytes: u64,
    /// The cache of the icon's "cache" figure, percent of physical memory: Windows' standby
    /// lists (the file cache where they cannot be read), Linux's file cache.
    pub cache_percent: f64,
    /// What the rules look at.
    pub seen: Observation,
    /// `memsweep advise`'s verdict on this reading and the one before it.
    pub advice: Verdict,
}

/// Turns snapshots into readings, keeping the previous one so the advice can measure rates.
pub struct Reader {
    previous: Option<Snapshot>,
    thresholds: AdviseConfig,
    areas: Vec<AreaStatus>,
}

impl Reader {
    pub fn new(thresholds: AdviseConfig, areas: Vec<AreaStatus>) -> Reader {
        Reader { previous: None, thresholds, areas }
    }

    /// New `[advise]` thresholds (a reloaded config); the previous snapshot stays for the rates.
    pub fn set_thresholds(&mut self, thresholds: AdviseConfig) {
        self.thresholds = thresholds;
    }

    pub fn read(&mut self, snapshot: Snapshot) -> Reading {
        let advice = advise(&snapshot, self.previous.as_ref(), &self.thresholds, &self.areas).verdict;
        let reading = Reading::of(&snapshot, advice);
        self.previous = Some(snapshot);
        reading
    }
}

impl Reading {
    pub fn of(snapshot: &Snapshot, advice: Verdict) -> Reading {
        let percent = |used: u64, total: u64| (total > 0).then(|| used as f64 * 100.0 / total as f64);
        let (second_percent, commit) = match &snapshot.windows {
            Some(w) => (percent(w.commit_bytes, w.commit_limit_bytes), true),
            None => {
                (snapshot.swap.and_then(|s| percent(s.total_bytes.saturating_sub(s.free_bytes), s.total_bytes)), false)
            }
        };
        let standby = snapshot.windows.as_ref().and_then(|w| w.lists.value()).map(|l| l.standby_bytes());
        let cache = standby.unwrap_or(snapshot.memory.file_cache_bytes);
        Reading {
            used_percent: snapshot.memory.used_percent(),
            second_percent,
            commit,
            file_cache_bytes: snapshot.memory.file_cache_bytes,
            available_bytes: snapshot.memory.available_bytes,
            cache_percent: percent(cache, snapshot.memory.total_bytes).unwrap_or(0.0),
            seen: Observation::of(snapshot),
            advice,
        }
    }
}

/// Everything a user, the timer or the worker can make happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Click(Button),
    /// The global hotkey was pressed (Windows).
    Hotkey,
    /// The hotkey could not be registered: `taken` by another program, or another `reason`.
    HotkeyRefused {
        hotkey: String,
        taken: bool,
        reason: String,
    },
    CleanNow,
    /// The settings window.
    OpenSettings,
    /// `memsweep top` in a terminal.
    OpenTop,
    /// Balloons after cleans on or off.
    ToggleNotifications,
    /// A setting could not be written to the config file (it still holds for this run).
    SaveFailed(String),
    /// Opening something (the settings, a terminal) failed.
    OpenFailed(String),
    /// The config file changed but the check refused it: the running settings stay.
    ReloadRefused(String),
    CleanArea(String),
    /// The user said yes to a risky area.
    ConfirmRisky(String),
    CancelRisky,
    ToggleRule(usize),
    ToggleStartAtLogin,
    /// The platform code changed the logon task (or found it): the menu shows this.
    StartAtLoginIs(bool),
    SetLanguage(Lang),
    OpenConfig,
    ShowHistory,
    FixPrivilege,
    Exit,
    /// The timer: a fresh reading at `now_ms`.
    Tick {
        now_ms: u64,
        reading: Reading,
    },
    /// The worker finished a clean (the report, or why there is none).
    CleanFinished {
        job: CleanJob,
        result: Result<Report, Failure>,
    },
}

/// What the platform code must do after a dispatch, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    ShowMenu,
    /// Write this setting to the config file (crate::persist, the one way the tray saves).
    Persist(Setting),
    /// Open the settings window (Linux: the config file).
    OpenSettings,
    /// `memsweep top` in a terminal (desktop::open_top).
    OpenTop,
    /// Register this global hotkey, replacing the one before (`None`: none). Windows only.
    RegisterHotkey(Option<Hotkey>),
    /// A problem the user must hear of even with notifications off: a balloon / desktop
    /// notification and a line on stderr.
    Warn(String),
    /// Hand this to the worker thread.
    StartClean(CleanJob),
    /// A balloon (Windows) or desktop notification (Linux).
    Notify {
        title: String,
        body: String,
    },
    /// Ask yes/no; yes dispatches [`Action::ConfirmRisky`], no [`Action::CancelRisky`].
    AskConfirm {
        area: String,
        question: String,
    },
    /// Create (true) or delete (false) the logon task / autostart entry.
    SetStartAtLogin(bool),
    /// Open the config file (written with the commented defaults when missing).
    OpenConfig(PathBuf),
    ShowHistory(PathBuf),
    /// Restart elevated (Windows "runas").
    Elevate,
    /// Redraw the icon: this figure at this level's colour (at the size the shell wants now).
    SetIcon {
        figure: Figure,
        level: Level,
    },
    SetTooltip(String),
    /// Labels, checks or languages changed: build the menu again.
    RefreshMenu,
    Quit,
}

/// One cleanable area as the menu shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaItem {
    pub id: String,
    pub risky: bool,
}

impl AreaItem {
    /// The supported areas of this machine, in the backend's order.
    pub fn list(areas: &[AreaStatus]) -> Vec<AreaItem> {
        areas
            .iter()
            .filter(|a| a.is_supported())
            .map(|a| AreaItem { id: a.area.id.to_string(), risky: a.area.risk == Risk::High })
            .collect()
    }
}

pub struct State {
    pub messages: Messages,
    pub palette: Palette,
    pub clicks: Clicks,
    /// What the icon shows (`[tray] icon`).
    pub figure: IconFigure,
    /// `[tray] hotkey` (Windows registers it) and what it does.
    pub hotkey: Option<Hotkey>,
    pub hotkey_action: ClickAction,
    /// A balloon / desktop notification after each clean (`[tray] notifications`).
    pub notifications: bool,
    /// Every area of this OS, for the plans of manual cleans.
    pub areas: Vec<AreaStatus>,
    /// What the "Clean area" menu offers.
    pub menu_areas: Vec<AreaItem>,
    /// `[clean] areas` of the config, or the OS's defaults.
    pub default_selection: Selection,
    /// The rules, the same engine as `memsweep watch`.
    pub auto: AutoCleaner,
    /// Readings for the icon, the tooltip and the rules.
    pub reader: Reader,
    pub running: Option<CleanJob>,
    /// Risky areas the user already confirmed in this session (asked once each).
    pub confirmed: Vec<String>,
    /// A risky area waiting for an answer.
    pub pending_confirm: Option<String>,
    pub start_at_login: bool,
    pub elevated: bool,
    /// The memsweep service answers at `endpoint`: cleans go through it when not elevated, and
    /// its daemon (not the tray) runs the rules.
    pub service: bool,
    pub endpoint: PathBuf,
    /// How this tray can start at logon here (the menu offers it only where it can).
    pub login_way: LoginWay,
    pub config_path: PathBuf,
    pub history_path: PathBuf,
    /// What a manual clean asks besides its plan: the config's exclusions (the rules' cleans
    /// carry them in their own requests).
    pub clean_request: CleanRequest,
    /// What the icon shows now (redrawn only when this changes).
    pub shown: Option<(Figure, Level)>,
    pub tooltip: String,
    pub last_reading: Option<Reading>,
}

/// What the tray knows of where it runs (not from the config).
pub struct Environment {
    pub areas: Vec<AreaStatus>,
    pub elevated: bool,
    pub service: bool,
    pub endpoint: PathBuf,
    pub login_way: LoginWay,
    pub config_path: PathBuf,
}

impl State {
    pub fn new(configured: Configured, environment: Environment) -> State {
        let Configured {
            messages,
            palette,
            clicks,
            figure,
            hotkey,
            hotkey_action,
            notifications,
            default_selection,
            auto,
            advise,
            history_path,
            clean_request,
        } = configured;
        let Environment { areas, elevated, service, endpoint, login_way, config_path } = environment;
        State {
            messages,
            palette,
            clicks,
            figure,
            hotkey,
            hotkey_action,
            notifications,
            menu_areas: AreaItem::list(&areas),
            reader: Reader::new(advise, areas.clone()),
            areas,
            default_selection,
            auto,
            running: None,
            confirmed: Vec::new(),
            pending_confirm: None,
            start_at_login: false,
            elevated,
            service,
            endpoint,
            login_way,
            config_path,
            history_path,
            clean_request,
            shown: None,
            tooltip: String::new(),
            last_reading: None,
        }
    }

    /// What the icon shows for a reading: `[tray] icon`'s figure, coloured by used memory.
    pub fn icon_for(&self, reading: &Reading) -> (Figure, Level) {
        let used = whole_percent(reading.used_percent);
        let figure = match self.figure {
            IconFigure::Used => Figure::Used(used),
            IconFigure::Available => Figure::available(reading.available_bytes),
            IconFigure::Commit => Figure::Commit(whole_percent(reading.second_percent.unwrap_or(0.0))),
            IconFigure::Cache => Figure::Cache(whole_percent(reading.cache_percent)),
        };
        (figure, self.palette.level(used))
    }

    /// Redraws the icon when what it shows changed (or `force`: colours or size changed).
    fn refresh_icon(&mut self, force: bool, effects: &mut Vec<Effect>) {
        let Some(reading) = self.last_reading else { return };
        let (figure, level) = self.icon_for(&reading);
        if force || self.shown != Some((figure, level)) {
            self.shown = Some((figure, level));
            effects.push(Effect::SetIcon { figure, level });
        }
    }

    fn tr(&self, id: &str) -> String {
        self.messages.get(id, &[])
    }

    fn area_label(&self, area: &AreaItem) -> String {
        if area.risky {
            self.messages.get("tray-risky", &[("area", Arg::Text(&area.id))])
        } else {
            area.id.clone()
        }
    }

    fn notify(&self, body: String) -> Effect {
        Effect::Notify { title: "memsweep".into(), body }
    }

    /// A manual clean of `selection`; a plan that cannot be made is told, not run.
    fn start_manual(&mut self, selection: &Selection, trigger: String, effects: &mut Vec<Effect>) {
        match Plan::build(&self.areas, selection) {
            Ok(plan) => {
                let request = self.clean_request.clone();
                self.start(CleanJob { plan, request, trigger, automatic: false }, effects)
            }
            Err(error) => {
                let reason = Failure::from(error).localized(&self.messages);
                effects.push(self.notify(self.messages.get("tray-failed", &[("reason", Arg::Text(&reason))])));
            }
        }
    }

    /// Starts a clean unless one is running.
    fn start(&mut self, job: CleanJob, effects: &mut Vec<Effect>) {
        if self.running.is_some() {
            if !job.automatic {
                effects.push(self.notify(self.tr("tray-busy")));
            }
            return;
        }
        self.running = Some(job.clone());
        effects.push(Effect::StartClean(job));
        effects.push(Effect::RefreshMenu);
    }

    fn tooltip_for(&self, reading: &Reading) -> String {
        let used = Arg::Number(f64::from(whole_percent(reading.used_percent)));
        let cache = format_bytes(reading.file_cache_bytes);
        let mut text = match reading.second_percent {
            Some(second) => {
                let label = self.tr(if reading.commit { "tray-commit" } else { "tray-swap" });
                self.messages.get(
                    "tray-tooltip",
                    &[
                        ("used", used),
                        ("swap-label", Arg::Text(&label)),
                        ("swap", Arg::Number(f64::from(whole_percent(second)))),
                        ("cache", Arg::Text(&cache)),
                    ],
                )
            }
            None => self.messages.get("tray-tooltip-no-swap", &[("used", used), ("cache", Arg::Text(&cache))]),
        };
        text.push('\n');
        // Short words: a Windows tooltip holds 127 characters in all.
        let verdict = self.tr(match reading.advice {
            Verdict::NothingToDo => "tray-advice-nothing",
            Verdict::Clean => "tray-advice-clean",
            Verdict::Compact => "tray-advice-compact",
            Verdict::KeepCache => "tray-advice-keep",
        });
        text.push_str(&self.messages.get("tray-advice", &[("verdict", Arg::Text(&verdict))]));
        if !self.elevated && !self.service {
            text.push('\n');
            text.push_str(&self.tr("tray-no-privilege"));
        }
        if self.running.is_some() {
            text.push('\n');
            text.push_str(&self.tr("tray-cleaning"));
        }
        text
    }

    fn refresh_tooltip(&mut self, effects: &mut Vec<Effect>) {
        if let Some(reading) = self.last_reading {
            let text = self.tooltip_for(&reading);
            if text != self.tooltip {
                self.tooltip = text.clone();
                effects.push(Effect::SetTooltip(text));
            }
        }
    }
}

/// One line for the balloon: what each list / figure did, e.g. "standby -1.20 GiB, free
/// +1.31 GiB". Figures that could not be measured are left out; when none could, it says so.
pub fn summary(messages: &Messages, report: &Report) -> String {
    let label = |metric: &str| -> Option<&'static str> {
        Some(match metric {
            "available_bytes" => "tray-list-available",
            "free_bytes" => "tray-list-free",
            "file_cache_bytes" => "tray-list-file-cache",
            "dirty_bytes" => "tray-list-dirty",
            "slab_reclaimable_bytes" => "tray-list-slab",
            "standby_bytes" => "tray-list-standby",
            "modified_bytes" => "tray-list-modified",
            "zeroed_bytes" => "tray-list-zeroed",
            _ => return None,
        })
    };
    let mut parts: Vec<String> = report
        .totals
        .iter()
        .filter(|c| c.unit == Unit::Bytes)
        .filter_map(|c| Some((label(&c.metric)?, c.delta()?)))
        .filter(|&(_, delta)| delta != 0)
        .map(|(id, delta)| format!("{} {}", messages.get(id, &[]), format_signed_bytes(delta)))
        .collect();
    if parts.is_empty() {
        parts.push(messages.get("tray-freed-unknown", &[("done", Arg::Number(f64::from(report.tally.done)))]));
    }
    if report.tally.failed > 0 {
        parts.push(messages.get("tray-some-failed", &[("failed", Arg::Number(f64::from(report.tally.failed)))]));
    }
    parts.join(", ")
}

/// Applies one action to the state and says what the platform code must do.
pub fn dispatch(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Click(button) => {
            let what = match button {
                Button::Left => state.clicks.left,
                Button::Middle => state.clicks.middle,
                Button::Double => state.clicks.double,
                Button::Right => ClickAction::Menu,
            };
            return run(state, what);
        }
        Action::Hotkey => return run(state, state.hotkey_action),
        Action::HotkeyRefused { hotkey, taken, reason } => {
            let text = if taken {
                state.messages.get("tray-hotkey-taken", &[("hotkey", Arg::Text(&hotkey))])
            } else {
                state
                    .messages
                    .get("tray-hotkey-failed", &[("hotkey", Arg::Text(&hotkey)), ("reason", Arg::Text(&reason))])
            };
            effects.push(Effect::Warn(text));
        }
        Action::OpenSettings => effects.push(Effect::OpenSettings),
        Action::OpenTop => effects.push(Effect::OpenTop),
        Action::ToggleNotifications => {
            state.notifications = !state.notifications;
            effects.push(Effect::Persist(Setting::Notifications(state.notifications)));
            effects.push(Effect::RefreshMenu);
        }
        Action::SaveFailed(reason) => {
            effects.push(Effect::Warn(state.messages.get("tray-save-failed", &[("reason", Arg::Text(&reason))])));
        }
        Action::OpenFailed(reason) => {
            effects.push(Effect::Warn(state.messages.get("tray-open-failed", &[("reason", Arg::Text(&reason))])));
        }
        Action::ReloadRefused(reason) => {
            effects.push(Effect::Warn(state.messages.get("tray-reload-refused", &[("reason", Arg::Text(&reason))])));
        }
        Action::CleanNow => {
            let selection = state.default_selection.clone();
            state.start_manual(&selection, "tray".into(), &mut effects);
        }
        Action::CleanArea(id) => {
            let risky = state.menu_areas.iter().any(|a| a.id == id && a.risky);
            if risky && !state.confirmed.contains(&id) {
                let question = state.messages.get("tray-confirm-risky", &[("area", Arg::Text(&id))]);
                state.pending_confirm = Some(id.clone());
                effects.push(Effect::AskConfirm { area: id, question });
                effects.push(Effect::RefreshMenu);
            } else {
                state.start_manual(&Selection::Ids(vec![id.clone()]), format!("tray: {id}"), &mut effects);
            }
        }
        Action::ConfirmRisky(id) => {
            state.pending_confirm = None;
            if !state.confirmed.contains(&id) {
                state.confirmed.push(id.clone());
            }
            effects.push(Effect::RefreshMenu);
            effects.extend(dispatch(state, Action::CleanArea(id)));
        }
        Action::CancelRisky => {
            state.pending_confirm = None;
            effects.push(Effect::RefreshMenu);
        }
        Action::ToggleRule(index) => {
            if let Some(rule) = state.auto.rules().get(index) {
                let on = !rule.enabled;
                state.auto.set_enabled(index, on);
                effects.push(Effect::Persist(Setting::RuleEnabled { index, on }));
                effects.push(Effect::RefreshMenu);
            }
        }
        Action::ToggleStartAtLogin => {
            if state.login_way != LoginWay::NeedsAdministrator {
                effects.push(Effect::SetStartAtLogin(!state.start_at_login));
            }
        }
        Action::StartAtLoginIs(on) => {
            state.start_at_login = on;
            effects.push(Effect::RefreshMenu);
        }
        Action::SetLanguage(lang) => {
            if state.messages.lang() != lang {
                state.messages = Messages::new(lang);
                effects.push(Effect::Persist(Setting::Language(lang)));
                effects.push(Effect::RefreshMenu);
                state.tooltip.clear();
                state.refresh_tooltip(&mut effects);
            }
        }
        Action::OpenConfig => effects.push(Effect::OpenConfig(state.config_path.clone())),
        Action::ShowHistory => effects.push(Effect::ShowHistory(state.history_path.clone())),
        Action::FixPrivilege => effects.push(Effect::Elevate),
        Action::Exit => effects.push(Effect::Quit),
        Action::Tick { now_ms, reading } => {
            state.last_reading = Some(reading);
            state.refresh_icon(false, &mut effects);
            state.refresh_tooltip(&mut effects);
            // The same rule engine as `memsweep watch`; never evaluated while a clean runs, so
            // a rule cannot fire into a busy worker (and its gap starts when it really cleans).
            if state.running.is_none() && state.elevated && !state.service {
                if let Tick::Clean(job) = state.auto.tick(now_ms, &reading.seen) {
                    let job = CleanJob { plan: job.plan, request: job.request, trigger: job.trigger, automatic: true };
                    state.start(job, &mut effects);
                    state.refresh_tooltip(&mut effects);
                }
            }
        }
        Action::CleanFinished { job, result } => {
            state.running = None;
            let body = match &result {
                Ok(report) => {
                    let text = summary(&state.messages, report);
                    state.messages.get("tray-cleaned", &[("summary", Arg::Text(&text))])
                }
                Err(failure) => {
                    let reason = failure.localized(&state.messages);
                    state.messages.get("tray-failed", &[("reason", Arg::Text(&reason))])
                }
            };
            // Not elevated, a clean can only have run in the service: it answers (started since
            // the tray did). It no longer does (stopped, uninstalled): then the tooltip says
            // cleaning is off again and, on Windows, the menu offers the restart as
            // administrator again.
            if !state.elevated {
                let answered = match &result {
                    Ok(_) => Some(true),
                    Err(Failure { reason: Reason::NoService, .. }) => Some(false),
                    Err(_) => None,
                };
                if let Some(answered) = answered {
                    state.service = answered;
                }
            }
            // A manual clean reaches the rules through the history, like the CLI's cleans.
            if job.automatic {
                state.auto.finished(result.as_ref());
            }
            // Notifications off: nothing after a clean that worked; a failure is still told.
            if state.notifications || result.is_err() {
                effects.push(state.notify(body));
            }
            effects.push(Effect::RefreshMenu);
            state.refresh_tooltip(&mut effects);
        }
    }
    effects
}

/// What a click or the hotkey does.
fn run(state: &mut State, what: ClickAction) -> Vec<Effect> {
    match what {
        ClickAction::Menu => vec![Effect::ShowMenu],
        ClickAction::Clean => dispatch(state, Action::CleanNow),
        ClickAction::Settings => dispatch(state, Action::OpenSettings),
        ClickAction::Top => dispatch(state, Action::OpenTop),
        ClickAction::Nothing => Vec::new(),
    }
}

/// The config file changed (the settings window saved it, an editor, the tray's own toggles):
/// everything taken from it is replaced, the icon is drawn again (colours, figure), the hotkey
/// registered again when it changed, the menu and tooltip rebuilt. A clean that runs goes on.
pub fn reload(state: &mut State, configured: Configured) -> Vec<Effect> {
    let mut effects = Vec::new();
    let hotkey_before = state.hotkey;
    let Configured {
        messages,
        palette,
        clicks,
        figure,
        hotkey,
        hotkey_action,
        notifications,
        default_selection,
        auto,
        advise,
        history_path,
        clean_request,
    } = configured;
    state.messages = messages;
    state.palette = palette;
    state.clicks = clicks;
    state.figure = figure;
    state.hotkey = hotkey;
    state.hotkey_action = hotkey_action;
    state.notifications = notifications;
    state.default_selection = default_selection;
    state.auto = auto;
    state.reader.set_thresholds(advise);
    state.history_path = history_path;
    state.clean_request = clean_request;
    state.refresh_icon(true, &mut effects);
    if state.hotkey != hotkey_before {
        effects.push(Effect::RegisterHotkey(state.hotkey));
    }
    effects.push(Effect::RefreshMenu);
    state.tooltip.clear();
    state.refresh_tooltip(&mut effects);
    effects
}

/// One entry of the menu.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Item {
        label: String,
        action: Action,
        enabled: bool,
        default: bool,
    },
    Check {
        label: String,
        checked: bool,
        action: Action,
        enabled: bool,
    },
    /// One choice of a group (shown with a radio mark).
    Radio {
        label: String,
        selected: bool,
        action: Action,
    },
    Submenu {
        label: String,
        entries: Vec<Entry>,
    },
    /// Text that cannot be chosen.
    Label(String),
    Separator,
}

/// The menu as it should look now.
pub fn menu(state: &State) -> Vec<Entry> {
    let idle = state.running.is_none();
    let mut entries = Vec::new();
    if let Some(id) = &state.pending_confirm {
        // Where no dialog can be shown (Linux), the question waits at the top of the menu.
        entries.push(Entry::Label(state.messages.get("tray-confirm-risky", &[("area", Arg::Text(id))])));
        entries.push(Entry::Item {
            label: state.messages.get("tray-confirm-yes", &[("area", Arg::Text(id))]),
            action: Action::ConfirmRisky(id.clone()),
            enabled: idle,
            default: false,
        });
        entries.push(Entry::Item {
            label: state.tr("tray-confirm-no"),
            action: Action::CancelRisky,
            enabled: true,
            default: false,
        });
        entries.push(Entry::Separator);
    }
    entries.push(Entry::Item {
        label: state.tr("tray-clean-now"),
        action: Action::CleanNow,
        enabled: idle,
        default: true,
    });
    entries.push(Entry::Submenu {
        label: state.tr("tray-clean-area"),
        entries: state
            .menu_areas
            .iter()
            .map(|a| Entry::Item {
                label: state.area_label(a),
                action: Action::CleanArea(a.id.clone()),
                enabled: idle,
                default: false,
            })
            .collect(),
    });
    let rules: Vec<Entry> = state
        .auto
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| Entry::Check {
            label: r.name.clone(),
            checked: r.enabled,
            action: Action::ToggleRule(i),
            enabled: true,
        })
        .collect();
    let rules = if rules.is_empty() { vec![Entry::Label(state.tr("tray-no-rules"))] } else { rules };
    entries.push(Entry::Submenu { label: state.tr("tray-auto"), entries: rules });
    entries.push(Entry::Separator);
    if state.login_way == LoginWay::NeedsAdministrator {
        // Nothing this process may set starts a tray that can clean: say what would (the
        // item below restarts it elevated), instead of offering what cannot be done.
        entries.push(Entry::Label(state.tr("tray-start-at-login-needs-admin")));
    } else {
        entries.push(Entry::Check {
            label: state.tr("tray-start-at-login"),
            checked: state.start_at_login,
            action: Action::ToggleStartAtLogin,
            enabled: true,
        });
    }
    entries.push(Entry::Check {
        label: state.tr("tray-notifications"),
        checked: state.notifications,
        action: Action::ToggleNotifications,
        enabled: true,
    });
    if !state.elevated && !state.service && cfg!(windows) {
        entries.push(Entry::Item {
            label: state.tr("tray-fix-privilege"),
            action: Action::FixPrivilege,
            enabled: true,
            default: false,
        });
    }
    entries.push(Entry::Submenu {
        label: state.tr("tray-language"),
        entries: Lang::ALL
            .iter()
            .map(|&lang| Entry::Radio {
                label: language_name(lang).into(),
                selected: state.messages.lang() == lang,
                action: Action::SetLanguage(lang),
            })
            .collect(),
    });
    entries.push(Entry::Item {
        label: state.tr("tray-settings"),
        action: Action::OpenSettings,
        enabled: true,
        default: false,
    });
    entries.push(Entry::Item {
        label: state.tr("tray-open-config"),
        action: Action::OpenConfig,
        enabled: true,
        default: false,
    });
    entries.push(Entry::Item {
        label: state.tr("tray-show-history"),
        action: Action::ShowHistory,
        enabled: true,
        default: false,
    });
    entries.push(Entry::Separator);
    entries.push(Entry::Item { label: state.tr("tray-exit"), action: Action::Exit, enabled: true, default: false });
    entries
}

/// Each language in its own words (never translated).
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::English => "English",
        Lang::SimplifiedChinese => "简体中文",
        Lang::TraditionalChinese => "繁體中文",
        Lang::Japanese => "日本語",
        Lang::Korean => "한국어",
        Lang::Russian => "Русский",
        Lang::German => "Deutsch",
        Lang::French => "Français",
        Lang::Spanish => "Español",
        Lang::BrazilianPortuguese => "Português (Brasil)",
        Lang::Pseudo => memsweep_i18n::PSEUDO_TAG,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use memsweep_app::auto::ProcessLister;
    use memsweep_core::history::HistoryEntry;
    use memsweep_core::report::Tally;
    use memsweep_core::{Area, Change, ExitStatus, Metric, Stage, Support};

    fn area(id: &'static str, risk: Risk, default_on: bool, stage: Stage) -> AreaStatus {
        AreaStatus {
            area: Area { risk, default_on, affects: &[Metric::Standby], ..Area::new(id, stage) },
            support: Support::Supported,
        }
    }

    fn areas() -> Vec<AreaStatus> {
        let mut list = vec![
            area("working-sets", Risk::Medium, true, Stage::Trim),
            area("standby-list", Risk::High, false, Stage::Purge),
            area("combine-lists", Risk::Low, true, Stage::Consolidate),
        ];
        let mut old = area("registry-cache", Risk::Low, true, Stage::Purge);
        old.support = Support::Unsupported("needs 8.1".into());
        list.push(old);
        list
    }

    fn state_with(config_text: &str) -> State {
        state_with_history(config_text, "/h/history.jsonl".into())
    }

    fn state_with_history(config_text: &str, history: PathBuf) -> State {
        let config = Config::parse("t.toml", config_text).unwrap();
        let areas = areas();
        let nothing_runs: ProcessLister = Box::new(|| Ok(Vec::new()));
        let auto = AutoCleaner::new(&config, &areas, history.clone(), nothing_runs, 0).unwrap();
        let mut configured = Configured::from_config(&config, Lang::English, auto, history);
        configured.default_selection = Selection::Defaults;
        let mut state = State::new(
            configured,
            Environment {
                areas,
                elevated: true,
                service: false,
                endpoint: "/run/memsweep/control.sock".into(),
                login_way: LoginWay::ElevatedTask,
                config_path: "/c/memsweep.toml".into(),
            },
        );
        state.clean_request = CleanRequest::default();
        state
    }

    fn state() -> State {
        state_with("[[rules]]\nkind = \"usage\"\npercent = 90\n\n[[rules]]\nkind = \"interval\"\nminutes = 60\n")
    }

    fn reading(used: f64) -> Reading {
        Reading {
            used_percent: used,
            second_percent: Some(33.3),
            commit: true,
            file_cache_bytes: 3 << 30,
            available_bytes: 7 << 30,
            cache_percent: 12.4,
            seen: Observation { used_percent: used, ..Default::default() },
            advice: Verdict::NothingToDo,
        }
    }

    fn started(effects: &[Effect]) -> Option<&CleanJob> {
        effects.iter().find_map(|e| match e {
            Effect::StartClean(job) => Some(job),
            _ => None,
        })
    }

    /// The areas, trigger and kind of the clean the effects start.
    fn started_areas(effects: &[Effect]) -> Option<(Vec<&'static str>, &str, bool)> {
        started(effects).map(|job| (job.plan.ids(), job.trigger.as_str(), job.automatic))
    }

    fn notified(effects: &[Effect]) -> Option<&str> {
        effects.iter().find_map(|e| match e {
            Effect::Notify { body, .. } => Some(body.as_str()),
            _ => None,
        })
    }

    fn report(totals: Vec<Change>, done: u32, failed: u32) -> Report {
        Report {
            schema: memsweep_core::report::SCHEMA.into(),
            os: "windows".into(),
            dry_run: false,
            started_at_ms: 0,
            duration_us: 0,
            areas: Vec::new(),
            totals,
            tally: Tally { done, failed, ..Default::default() },
            cancelled: false,
        }
    }

    fn labels(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match e {
                Entry::Item { label, .. } | Entry::Check { label, .. } | Entry::Radio { label, .. } => label.clone(),
                Entry::Submenu { label, .. } => format!("{label} >"),
                Entry::Label(text) => format!("({text})"),
                Entry::Separator => "-".into(),
            })
            .collect()
    }

    fn submenu<'a>(entries: &'a [Entry], name: &str) -> &'a [Entry] {
        entries
            .iter()
            .find_map(|e| match e {
                Entry::Submenu { label, entries } if label == name => Some(entries.as_slice()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn the_menu_has_every_part_in_order() {
        let s = state();
        let m = menu(&s);
        let expected = [
            "Clean now",
            "Clean area >",
            "Automatic cleaning >",
            "-",
            "Start at login",
            "Notifications after cleans",
            "Language >",
            "Settings…",
            "Open config",
            "Show history",
            "-",
            "Exit",
        ];
        assert_eq!(labels(&m), expected);
        assert!(matches!(&m[0], Entry::Item { default: true, enabled: true, action: Action::CleanNow, .. }));
        // every supported area, risky ones marked; unsupported ones left out
        assert_eq!(labels(submenu(&m, "Clean area")), ["working-sets", "standby-list (risky)", "combine-lists"]);
        assert_eq!(labels(submenu(&m, "Automatic cleaning")), ["usage >= 90%", "every 60 min"]);
        assert_eq!(
            labels(submenu(&m, "Language")),
            [
                "English",
                "简体中文",
                "繁體中文",
                "日本語",
                "한국어",
                "Русский",
                "Deutsch",
                "Français",
                "Español",
                "Português (Brasil)"
            ]
        );
        assert!(matches!(submenu(&m, "Language")[0], Entry::Radio { selected: true, .. }));
        let none = state_with("");
        assert_eq!(labels(submenu(&menu(&none), "Automatic cleaning")), ["(no rules in the config)"]);
    }

    #[test]
    fn clicks_follow_mem_reducts_habits_by_default() {
        let mut s = state();
        assert_eq!(dispatch(&mut s, Action::Click(Button::Left)), [Effect::ShowMenu]);
        assert_eq!(dispatch(&mut s, Action::Click(Button::Right)), [Effect::ShowMenu]);
        assert!(dispatch(&mut s, Action::Click(Button::Double)).is_empty());
        let effects = dispatch(&mut s, Action::Click(Button::Middle));
        assert_eq!(
            started_areas(&effects),
            Some((vec!["working-sets", "registry-cache", "combine-lists"], "tray", false))
        );
    }

    #[test]
    fn clicks_do_what_the_config_says() {
        let mut s =
            state_with("[tray]\nleft_click = \"top\"\ndouble_click = \"settings\"\nmiddle_click = \"nothing\"\n");
        assert_eq!(dispatch(&mut s, Action::Click(Button::Left)), [Effect::OpenTop]);
        assert_eq!(dispatch(&mut s, Action::Click(Button::Double)), [Effect::OpenSettings]);
        assert!(dispatch(&mut s, Action::Click(Button::Middle)).is_empty());
        assert_eq!(dispatch(&mut s, Action::Click(Button::Right)), [Effect::ShowMenu], "right click: always the menu");
        let mut s = state_with("[tray]\nleft_click = \"clean\"\nmiddle_click = \"menu\"\n");
        assert!(started(&dispatch(&mut s, Action::Click(Button::Left))).is_some());
        assert_eq!(dispatch(&mut s, Action::Click(Button::Middle)), [Effect::ShowMenu]);
    }

    #[test]
    fn a_second_clean_is_refused_politely_until_the_first_finishes() {
        let mut s = state();
        assert!(started(&dispatch(&mut s, Action::CleanNow)).is_some());
        assert!(matches!(&menu(&s)[0], Entry::Item { enabled: false, .. }), "Clean now greyed while running");
        let again = dispatch(&mut s, Action::CleanNow);
        assert!(started(&again).is_none());
        assert_eq!(notified(&again), Some("A clean is already running; try again when it has finished."));
        let area = dispatch(&mut s, Action::CleanArea("working-sets".into()));
        assert!(started(&area).is_none() && notified(&area).is_some());
        // the worker reports back: a balloon with what was freed per list, and idle again
        let job = s.running.clone().unwrap();
        let totals = vec![
            Change::new("standby_bytes", Unit::Bytes, Some(3 << 30), Some(1 << 30)),
            Change::new("free_bytes", Unit::Bytes, Some(1 << 30), Some(3 << 30)),
            Change::new("modified_bytes", Unit::Bytes, Some(5), Some(5)),
            Change::new("unusable_index_order9_permille", Unit::Permille, Some(100), Some(50)),
        ];
        let done = dispatch(&mut s, Action::CleanFinished { job, result: Ok(report(totals, 5, 0)) });
        assert_eq!(notified(&done), Some("Cleaned: standby -2.00 GiB, free +2.00 GiB"));
        assert!(s.running.is_none());
        assert!(started(&dispatch(&mut s, Action::CleanNow)).is_some());
    }

    #[test]
    fn the_balloon_says_when_nothing_could_be_measured_and_what_failed() {
        let s = state();
        let unknown = vec![Change::new("standby_bytes", Unit::Bytes, None, None)];
        assert_eq!(summary(&s.messages, &report(unknown.clone(), 6, 0)), "6 areas done, amounts not measurable");
        assert_eq!(summary(&s.messages, &report(unknown, 4, 2)), "4 areas done, amounts not measurable, 2 failed");
        let mut s = state();
        let job = CleanJob {
            plan: Plan { areas: areas() },
            request: CleanRequest::default(),
            trigger: "tray".into(),
            automatic: false,
        };
        s.running = Some(job.clone());
        let result = Err(Failure::from(memsweep_core::NeedPrivilege::Administrator));
        let failed = dispatch(&mut s, Action::CleanFinished { job, result });
        assert_eq!(
            notified(&failed),
            Some("Clean failed: cleaning needs Administrator: run memsweep from an elevated prompt (Run as administrator)")
        );
    }

    #[test]
    fn risky_areas_ask_once() {
        let mut s = state();
        let first = dispatch(&mut s, Action::CleanArea("standby-list".into()));
        assert!(started(&first).is_none());
        assert!(matches!(&first[0], Effect::AskConfirm { area, question }
            if area == "standby-list" && question.contains("can stall")));
        // while waiting, the menu carries the question (for desktops without dialogs)
        assert_eq!(
            labels(&menu(&s))[..3],
            [
                "(standby-list can stall the machine or drop all cache. Run it?)".to_string(),
                "Yes, clean standby-list".into(),
                "Cancel".into()
            ]
        );
        let cancelled = dispatch(&mut s, Action::CancelRisky);
        assert!(started(&cancelled).is_none());
        assert_eq!(labels(&menu(&s))[0], "Clean now");
        // asked again after a cancel; yes starts it
        assert!(matches!(dispatch(&mut s, Action::CleanArea("standby-list".into()))[0], Effect::AskConfirm { .. }));
        let yes = dispatch(&mut s, Action::ConfirmRisky("standby-list".into()));
        assert_eq!(started_areas(&yes), Some((vec!["standby-list"], "tray: standby-list", false)));
        let job = s.running.clone().unwrap();
        dispatch(&mut s, Action::CleanFinished { job, result: Ok(report(vec![], 1, 0)) });
        // confirmed once: never asked again this session
        assert!(started(&dispatch(&mut s, Action::CleanArea("standby-list".into()))).is_some());
        // low-risk areas never ask
        let mut s = state();
        assert!(started(&dispatch(&mut s, Action::CleanArea("combine-lists".into()))).is_some());
    }

    #[test]
    fn rules_toggle_and_run_from_the_timer() {
        let mut s = state();
        // usage rule at 90%: fires once, not while a clean runs, not again until re-armed
        let effects = dispatch(&mut s, Action::Tick { now_ms: 1_000, reading: reading(95.0) });
        let job = started(&effects).unwrap().clone();
        assert!(job.automatic);
        assert_eq!(job.trigger, "usage >= 90%");
        // the rule's areas: the default set, resolved like `memsweep watch` does
        assert_eq!(job.plan.ids(), ["working-sets", "registry-cache", "combine-lists"]);
        assert!(notified(&effects).is_none(), "automatic cleans start quietly");
        assert!(started(&dispatch(&mut s, Action::Tick { now_ms: 2_000, reading: reading(95.0) })).is_none());
        dispatch(&mut s, Action::CleanFinished { job, result: Ok(report(vec![], 2, 0)) });
        // switched off from the menu: the engine no longer fires it
        dispatch(&mut s, Action::ToggleRule(0));
        assert!(matches!(submenu(&menu(&s), "Automatic cleaning")[0], Entry::Check { checked: false, .. }));
        assert!(!s.auto.rules()[0].enabled);
        assert!(started(&dispatch(&mut s, Action::Tick { now_ms: 500_000, reading: reading(50.0) })).is_none());
        assert!(started(&dispatch(&mut s, Action::Tick { now_ms: 600_000, reading: reading(99.0) })).is_none());
        dispatch(&mut s, Action::ToggleRule(0));
        assert!(started(&dispatch(&mut s, Action::Tick { now_ms: 700_000, reading: reading(99.0) })).is_some());
        // not elevated: rules never start a clean that can only fail
        let mut s = state();
        s.elevated = false;
        assert!(started(&dispatch(&mut s, Action::Tick { now_ms: 1_000, reading: reading(99.0) })).is_none());
    }

    #[test]
    fn a_clean_made_by_the_cli_resets_the_trays_interval_rule() {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        let mut s = state_with_history("[[rules]]\nkind = \"interval\"\nminutes = 1\n", history.clone());
        let tick =
            |s: &mut State, now_ms| started(&dispatch(s, Action::Tick { now_ms, reading: reading(10.0) })).cloned();
        assert!(tick(&mut s, 30_000).is_none());
        // `memsweep clean` in another process: its clean lands in the shared history file.
        let mut cli_clean = report(vec![], 4, 0);
        cli_clean.started_at_ms = 50_000;
        memsweep_app::history_file::append(&history, &HistoryEntry::new("manual", cli_clean)).unwrap();
        assert!(tick(&mut s, 61_000).is_none(), "the interval now counts from the CLI's clean");
        let job = tick(&mut s, 110_000).expect("a minute after the CLI's clean");
        assert!(job.automatic);
        assert_eq!(job.trigger, "every 1 min");
    }

    fn icon(effects: &[Effect]) -> Option<(Figure, Level)> {
        effects.iter().find_map(|e| match e {
            Effect::SetIcon { figure, level } => Some((*figure, *level)),
            _ => None,
        })
    }

    #[test]
    fn the_icon_is_redrawn_only_when_the_shown_figure_changes() {
        let mut s = state();
        s.elevated = false; // keep the rules out of this
        assert_eq!(
            icon(&dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(41.6) })),
            Some((Figure::Used(42), Level::Normal))
        );
        assert_eq!(icon(&dispatch(&mut s, Action::Tick { now_ms: 1, reading: reading(42.4) })), None);
        assert_eq!(
            icon(&dispatch(&mut s, Action::Tick { now_ms: 2, reading: reading(69.6) })),
            Some((Figure::Used(70), Level::Warning))
        );
        assert_eq!(
            icon(&dispatch(&mut s, Action::Tick { now_ms: 3, reading: reading(90.0) })),
            Some((Figure::Used(90), Level::Danger))
        );
    }

    #[test]
    fn the_icon_shows_the_configured_figure_coloured_by_used_memory() {
        for (figure, shown) in [
            ("used", Figure::Used(75)),
            ("available", Figure::Available(70)),
            ("commit", Figure::Commit(33)),
            ("cache", Figure::Cache(12)),
        ] {
            let mut s = state_with(&format!("[tray]\nicon = \"{figure}\"\n"));
            s.elevated = false;
            let effects = dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(75.0) });
            assert_eq!(icon(&effects), Some((shown, Level::Warning)), "{figure}");
        }
        // Linux without swap: the "commit" figure is swap used, 0
        let mut s = state_with("[tray]\nicon = \"commit\"\n");
        s.elevated = false;
        let r = Reading { commit: false, second_percent: None, ..reading(10.0) };
        assert_eq!(
            icon(&dispatch(&mut s, Action::Tick { now_ms: 0, reading: r })),
            Some((Figure::Commit(0), Level::Normal))
        );
    }

    #[test]
    fn a_reloaded_config_redraws_the_icon_and_registers_the_new_hotkey() {
        let mut s = state();
        s.elevated = false;
        dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(42.0) });
        let text = "language = \"zh-CN\"\n[tray]\nicon = \"available\"\nnormal_color = \"#000080\"\n\
                    hotkey = \"Ctrl+Alt+M\"\nleft_click = \"clean\"\nnotifications = false\n";
        let config = Config::parse("t.toml", text).unwrap();
        let nothing_runs: ProcessLister = Box::new(|| Ok(Vec::new()));
        let auto = AutoCleaner::new(&config, &areas(), "/h/history.jsonl".into(), nothing_runs, 0).unwrap();
        let configured = Configured::from_config(&config, Lang::SimplifiedChinese, auto, "/h/history.jsonl".into());
        let effects = reload(&mut s, configured);
        assert_eq!(icon(&effects), Some((Figure::Available(70), Level::Normal)));
        assert_eq!(s.palette.normal, crate::render::Rgb(0, 0, 0x80), "the new colour is drawn");
        let hotkey = "Ctrl+Alt+M".parse().unwrap();
        assert!(effects.contains(&Effect::RegisterHotkey(Some(hotkey))));
        assert!(effects.contains(&Effect::RefreshMenu));
        assert!(s.tooltip.contains("内存已用 42%"), "{}", s.tooltip);
        assert_eq!((s.clicks.left, s.notifications), (ClickAction::Clean, false));
        // the same config again: the icon is drawn again (colours may have changed), no hotkey
        let config = Config::parse("t.toml", text).unwrap();
        let nothing_runs: ProcessLister = Box::new(|| Ok(Vec::new()));
        let auto = AutoCleaner::new(&config, &areas(), "/h/history.jsonl".into(), nothing_runs, 0).unwrap();
        let again = reload(&mut s, Configured::from_config(&config, Lang::SimplifiedChinese, auto, "/h/h".into()));
        assert!(icon(&again).is_some());
        assert!(!again.iter().any(|e| matches!(e, Effect::RegisterHotkey(_))));
    }

    #[test]
    fn the_hotkey_runs_its_action_and_a_taken_one_is_told() {
        let mut s = state();
        let effects = dispatch(&mut s, Action::Hotkey);
        assert_eq!(
            started_areas(&effects),
            Some((vec!["working-sets", "registry-cache", "combine-lists"], "tray", false))
        );
        s.hotkey_action = ClickAction::Top;
        assert_eq!(dispatch(&mut s, Action::Hotkey), [Effect::OpenTop]);
        let refused =
            dispatch(&mut s, Action::HotkeyRefused { hotkey: "Ctrl+Alt+M".into(), taken: true, reason: "1409".into() });
        assert_eq!(
            refused,
            [Effect::Warn(
                "The hotkey Ctrl+Alt+M is taken by another program: choose another one ([tray] hotkey)".into()
            )]
        );
        let failed = dispatch(
            &mut s,
            Action::HotkeyRefused { hotkey: "Ctrl+Alt+M".into(), taken: false, reason: "error 5".into() },
        );
        assert_eq!(failed, [Effect::Warn("The hotkey Ctrl+Alt+M could not be registered: error 5".into())]);
    }

    #[test]
    fn toggles_are_persisted_and_notifications_off_silence_only_good_news() {
        let mut s = state();
        assert_eq!(
            dispatch(&mut s, Action::ToggleRule(1)),
            [Effect::Persist(Setting::RuleEnabled { index: 1, on: false }), Effect::RefreshMenu]
        );
        let effects = dispatch(&mut s, Action::SetLanguage(Lang::SimplifiedChinese));
        assert_eq!(effects[0], Effect::Persist(Setting::Language(Lang::SimplifiedChinese)));
        dispatch(&mut s, Action::SetLanguage(Lang::English));
        assert!(
            matches!(&menu(&s)[5], Entry::Check { label, checked: true, .. } if label == "Notifications after cleans")
        );
        assert_eq!(
            dispatch(&mut s, Action::ToggleNotifications),
            [Effect::Persist(Setting::Notifications(false)), Effect::RefreshMenu]
        );
        assert!(matches!(&menu(&s)[5], Entry::Check { checked: false, .. }));
        let job = started(&dispatch(&mut s, Action::CleanNow)).unwrap().clone();
        let done = dispatch(&mut s, Action::CleanFinished { job: job.clone(), result: Ok(report(vec![], 3, 0)) });
        assert!(notified(&done).is_none(), "no balloon after a clean with notifications off");
        s.running = Some(job.clone());
        let result = Err(Failure::from(memsweep_core::NeedPrivilege::Administrator));
        assert!(notified(&dispatch(&mut s, Action::CleanFinished { job, result })).is_some(), "a failure is told");
        let failed = dispatch(&mut s, Action::SaveFailed("/c/memsweep.toml: read-only".into()));
        assert!(
            matches!(&failed[..], [Effect::Warn(text)] if text.contains("could not be saved: /c/memsweep.toml: read-only"))
        );
    }

    #[test]
    fn the_tooltip_shows_usage_commit_or_swap_cache_and_privilege() {
        let mut s = state();
        let effects = dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(42.0) });
        assert!(effects.contains(&Effect::SetTooltip(
            "memsweep: memory 42% used · commit 33% · file cache 3.00 GiB\nadvice: no need to clean".into()
        )));
        // unchanged text is not sent again
        assert!(!dispatch(&mut s, Action::Tick { now_ms: 1, reading: reading(42.0) })
            .iter()
            .any(|e| matches!(e, Effect::SetTooltip(_))));
        let mut linux = state();
        linux.elevated = false;
        let r = Reading { commit: false, second_percent: None, ..reading(10.0) };
        dispatch(&mut linux, Action::Tick { now_ms: 0, reading: r });
        assert_eq!(
            linux.tooltip,
            "memsweep: memory 10% used · no swap · file cache 3.00 GiB\nadvice: no need to clean\nnot elevated: cleaning is off"
        );
        let r = Reading { commit: false, second_percent: Some(12.4), ..reading(10.0) };
        dispatch(&mut linux, Action::Tick { now_ms: 0, reading: r });
        assert!(linux.tooltip.starts_with("memsweep: memory 10% used · swap 12% · file cache"), "{}", linux.tooltip);
    }

    fn offers_restart_elevated(s: &State) -> bool {
        menu(s).iter().any(|e| matches!(e, Entry::Item { action: Action::FixPrivilege, .. }))
    }

    #[test]
    fn a_tray_that_is_not_elevated_prefers_the_service() {
        // Not elevated, no service: cleaning is off, and (Windows) the restart is offered.
        let mut s = state();
        s.elevated = false;
        dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(42.0) });
        assert!(s.tooltip.ends_with("\nnot elevated: cleaning is off"), "{}", s.tooltip);
        assert_eq!(offers_restart_elevated(&s), cfg!(windows));

        // The service answers: no restart offered, the tooltip says nothing of privilege, a
        // manual clean starts (the worker sends it to the service), and the rules are the
        // service's to run: the tray's engine never fires.
        let mut s = state();
        s.elevated = false;
        s.service = true;
        assert!(!offers_restart_elevated(&s));
        dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(42.0) });
        assert!(!s.tooltip.contains("not elevated"), "{}", s.tooltip);
        assert!(started(&dispatch(&mut s, Action::Tick { now_ms: 1_000, reading: reading(99.0) })).is_none());
        let job = started(&dispatch(&mut s, Action::CleanNow)).expect("a manual clean").clone();
        assert!(!job.automatic);

        // The service stops meanwhile: the clean fails for want of it, and the tray says
        // cleaning is off and offers the restart (Windows) again.
        let gone = Failure { status: ExitStatus::NoPermission, reason: Reason::NoService };
        let effects = dispatch(&mut s, Action::CleanFinished { job: job.clone(), result: Err(gone) });
        assert!(!s.service);
        assert_eq!(offers_restart_elevated(&s), cfg!(windows));
        assert!(effects.contains(&Effect::RefreshMenu));
        assert!(s.tooltip.ends_with("\nnot elevated: cleaning is off"), "{}", s.tooltip);
        // Another failure says nothing about the service.
        s.service = true;
        let other = Failure::new(ExitStatus::Error, "the service failed: gone mid-answer");
        dispatch(&mut s, Action::CleanFinished { job: job.clone(), result: Err(other) });
        assert!(s.service);

        // Started after the tray: a clean that worked without elevation came through it.
        s.service = false;
        dispatch(&mut s, Action::CleanFinished { job, result: Ok(report(vec![], 1, 0)) });
        assert!(s.service);
        assert!(!offers_restart_elevated(&s));
        assert!(!s.tooltip.contains("not elevated"), "{}", s.tooltip);
    }

    #[test]
    fn start_at_login_is_offered_only_where_it_can_be_done() {
        // the service installed: the Run key, which needs no elevation
        let mut s = state();
        s.elevated = false;
        s.login_way = LoginWay::RunKey;
        assert!(matches!(&menu(&s)[4], Entry::Check { label, enabled: true, .. } if label == "Start at login"));
        assert_eq!(dispatch(&mut s, Action::ToggleStartAtLogin), [Effect::SetStartAtLogin(true)]);
        // not elevated and no service: the reason instead of a switch that cannot work
        s.login_way = LoginWay::NeedsAdministrator;
        let m = menu(&s);
        assert_eq!(
            labels(&m)[4],
            "(Start at login needs Administrator (restart as administrator) or the memsweep service)"
        );
        assert!(!m.iter().any(|e| matches!(e, Entry::Check { action: Action::ToggleStartAtLogin, .. })));
        assert!(dispatch(&mut s, Action::ToggleStartAtLogin).is_empty());
        if cfg!(windows) {
            assert!(
                m.iter().any(|e| matches!(e, Entry::Item { action: Action::FixPrivilege, .. })),
                "the way that works"
            );
        }
    }

    #[test]
    fn language_start_at_login_config_history_and_exit() {
        let mut s = state();
        dispatch(&mut s, Action::Tick { now_ms: 0, reading: reading(42.0) });
        let effects = dispatch(&mut s, Action::SetLanguage(Lang::SimplifiedChinese));
        assert!(effects.contains(&Effect::RefreshMenu));
        assert!(s.tooltip.contains("内存已用 42%"), "{}", s.tooltip);
        assert_eq!(labels(&menu(&s))[0], "立即清理");
        assert!(dispatch(&mut s, Action::SetLanguage(Lang::SimplifiedChinese)).is_empty());

        assert_eq!(dispatch(&mut s, Action::ToggleStartAtLogin), [Effect::SetStartAtLogin(true)]);
        assert!(!s.start_at_login, "only once the platform says it worked");
        dispatch(&mut s, Action::StartAtLoginIs(true));
        assert!(matches!(menu(&s)[4], Entry::Check { checked: true, .. }));
        assert_eq!(dispatch(&mut s, Action::ToggleStartAtLogin), [Effect::SetStartAtLogin(false)]);

        assert_eq!(dispatch(&mut s, Action::OpenSettings), [Effect::OpenSettings]);
        assert_eq!(dispatch(&mut s, Action::OpenConfig), [Effect::OpenConfig("/c/memsweep.toml".into())]);
        assert_eq!(dispatch(&mut s, Action::ShowHistory), [Effect::ShowHistory("/h/history.jsonl".into())]);
        assert_eq!(dispatch(&mut s, Action::Exit), [Effect::Quit]);
    }
}
