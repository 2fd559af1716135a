//! memsweep.toml: default areas, automatic-cleaning rules, exclusions, tray levels, language,
//! history. Unknown keys are errors; every error carries the line and column it is about.

use std::num::NonZeroU64;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::area::AreaStatus;
use crate::plan::Selection;

pub use crate::units::Percent;

fn yes() -> bool {
    true
}

/// `[[rules]]`: what starts an automatic clean. Common keys: `enabled` (default true), `areas`
/// (default: the OS's default set; the full standby purge and the modified list only when listed
/// here), `run_under_pressure` (default false: see [`WatchConfig::pressure_guard_percent`]).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Rule {
    /// Used physical memory (total - available) at or above `percent`.
    Usage(UsageRule),
    /// Every `minutes`, counted from the last clean of any kind.
    Interval(IntervalRule),
    /// ISLC's rule: the droppable cache (Linux estimate, Windows standby lists) at least `cache_mib`
    /// **and** free memory (Linux MemFree, Windows free + zeroed) below `free_below_mib`.
    CachePressure(CachePressureRule),
    /// Linux PSI: memory `some` avg10 at or above `some_avg10_percent`.
    Pressure(PressureRule),
    /// Linux: keep the cold cache small with gentle reclaim: while the inactive file cache is at
    /// least `cold_above_mib` and PSI memory `some` avg10 is below `target_percent`, reclaim in
    /// small steps (at most `max_mib` a time), stopping as soon as refaults or pressure appear.
    KeepLean(KeepLeanRule),
}

macro_rules! rule_struct {
    ($name:ident { $($(#[$doc:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        #[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$doc])* pub $field: $ty,)*
            #[serde(default = "yes")]
            pub enabled: bool,
            #[serde(default)]
            pub areas: Vec<String>,
            #[serde(default)]
            pub run_under_pressure: bool,
        }
    };
}

rule_struct!(UsageRule { percent: Percent });
rule_struct!(IntervalRule { minutes: NonZeroU64 });
rule_struct!(CachePressureRule { cache_mib: u64, free_below_mib: u64 });
rule_struct!(PressureRule { some_avg10_percent: Percent });
rule_struct!(KeepLeanRule {
    cold_above_mib: u64,
    #[serde(default = "gentle_target")]
    target_percent: Percent,
    #[serde(default)]
    max_mib: Option<NonZeroU64>,
});

/// Gentle reclaim's default PSI target (see [`crate::backend::GentleReclaim`]).
fn gentle_target() -> Percent {
    Percent(crate::gentle::GentleReclaim::DEFAULT_TARGET_PERCENT)
}

impl Rule {
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Usage(_) => "usage",
            Rule::Interval(_) => "interval",
            Rule::CachePressure(_) => "cache-pressure",
            Rule::Pressure(_) => "pressure",
            Rule::KeepLean(_) => "keep-lean",
        }
    }

    /// The areas the rule cleans: its own list, else the OS's default set (never the risky
    /// areas that are off by default); keep-lean rules reclaim.
    pub fn selection(&self) -> Selection {
        if self.areas().is_empty() && matches!(self, Rule::KeepLean(_)) {
            Selection::Ids(vec!["reclaim".into()])
        } else if self.areas().is_empty() {
            Selection::Defaults
        } else {
            Selection::Ids(self.areas().to_vec())
        }
    }

    pub fn areas(&self) -> &[String] {
        match self {
            Rule::Usage(r) => &r.areas,
            Rule::Interval(r) => &r.areas,
            Rule::CachePressure(r) => &r.areas,
            Rule::Pressure(r) => &r.areas,
            Rule::KeepLean(r) => &r.areas,
        }
    }

    pub fn enabled(&self) -> bool {
        match self {
            Rule::Usage(r) => r.enabled,
            Rule::Interval(r) => r.enabled,
            Rule::CachePressure(r) => r.enabled,
            Rule::Pressure(r) => r.enabled,
            Rule::KeepLean(r) => r.enabled,
        }
    }

    pub fn run_under_pressure(&self) -> bool {
        match self {
            Rule::Usage(r) => r.run_under_pressure,
            Rule::Interval(r) => r.run_under_pressure,
            Rule::CachePressure(r) => r.run_under_pressure,
            Rule::Pressure(r) => r.run_under_pressure,
            Rule::KeepLean(r) => r.run_under_pressure,
        }
    }

    /// "usage >= 90%", for logs and the history's trigger field.
    pub fn describe(&self) -> String {
        match self {
            Rule::Usage(r) => format!("usage >= {}%", r.percent.0),
            Rule::Interval(r) => format!("every {} min", r.minutes),
            Rule::CachePressure(r) => format!("cache >= {} MiB and free < {} MiB", r.cache_mib, r.free_below_mib),
            Rule::Pressure(r) => {
                format!("memory pressure some avg10 >= {}%", r.some_avg10_percent.0)
            }
            Rule::KeepLean(r) => format!("keep lean: cold cache >= {} MiB", r.cold_above_mib),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// Areas of a plain `memsweep clean`; empty = the OS's default set.
    pub areas: Vec<Spanned<String>>,
    /// Process names never trimmed by per-process cleaning.
    pub exclude: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct WatchConfig {
    /// How often the rules are evaluated.
    pub poll_interval_ms: NonZeroU64,
    /// Never two automatic cleans closer than this.
    pub min_gap_seconds: u64,
    /// A clean that freed less than this doubles the gap before the next one.
    pub backoff_floor_mib: u64,
    /// The gap never grows beyond this.
    pub max_backoff_seconds: u64,
    /// A usage rule fires again only after usage fell below its percent minus this.
    pub usage_margin_percent: f64,
    /// Linux: while PSI memory `some` avg10 is at or above this, no automatic clean that drops
    /// or compacts starts (unless its rule says `run_under_pressure = true`): a system already
    /// stalling on memory only gets more I/O from refaults.
    pub pressure_guard_percent: Percent,
    /// No automatic clean while a process of one of these names runs (games, benchmarks).
    pub pause_while: Vec<String>,
    /// Linux: sleep on a PSI trigger (woken at once by memory pressure) and evaluate the other
    /// rules every `idle_poll_ms`, instead of polling every `poll_interval_ms`.
    pub pressure_trigger: bool,
    /// Linux: how often the rules are evaluated while a PSI trigger watches for pressure (the
    /// daemon wakes at once on pressure, so only the non-pressure rules wait this long).
    pub idle_poll_ms: NonZeroU64,
    /// After each clean, how long the daemon watches what comes back (re-reads, faults) before
    /// recording the clean's cost in the history; 0 records no cost.
    pub cost_window_seconds: u64,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            poll_interval_ms: NonZeroU64::new(1000).unwrap_or(NonZeroU64::MIN),
            min_gap_seconds: 60,
            backoff_floor_mib: 64,
            max_backoff_seconds: 3600,
            usage_margin_percent: 5.0,
            pressure_guard_percent: Percent(20.0),
            pause_while: Vec::new(),
            pressure_trigger: true,
            idle_poll_ms: NonZeroU64::new(5000).unwrap_or(NonZeroU64::MIN),
            cost_window_seconds: 120,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HistoryConfig {
    /// Where cleans are recorded, one JSON line each; empty = the platform's state directory.
    pub path: String,
    /// Log level of `memsweep watch`: "error", "warn", "info", "debug".
    pub log_level: LogLevel,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Error,
    Warn,
    #[default]
    Info,
    Debug,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrayConfig {
    pub warning_percent: Percent,
    pub danger_percent: Percent,
    pub normal_color: String,
    pub warning_color: String,
    pub danger_color: String,
    /// The figure the icon shows.
    pub icon: IconFigure,
    /// What each click on the icon does (a right click always opens the menu).
    pub left_click: ClickAction,
    pub double_click: ClickAction,
    pub middle_click: ClickAction,
    /// A global hotkey ("Ctrl+Alt+F1"); empty: none.
    pub hotkey: Spanned<String>,
    /// What the hotkey does.
    pub hotkey_action: ClickAction,
    /// A balloon / desktop notification after each clean.
    pub notifications: bool,
}

impl Default for TrayConfig {
    fn default() -> Self {
        TrayConfig {
            warning_percent: Percent(70.0),
            danger_percent: Percent(90.0),
            normal_color: "#2e7d32".into(),
            warning_color: "#f9a825".into(),
            danger_color: "#c62828".into(),
            icon: IconFigure::Used,
            // Mem Reduct's habits: the menu on a left click, a clean on a middle click.
            left_click: ClickAction::Menu,
            double_click: ClickAction::Nothing,
            middle_click: ClickAction::Clean,
            hotkey: Spanned::new(0..0, String::new()),
            hotkey_action: ClickAction::Clean,
            notifications: true,
        }
    }
}

impl TrayConfig {
    /// The hotkey, if one is set (the config check has already refused a bad one).
    pub fn hotkey(&self) -> Option<crate::hotkey::Hotkey> {
        let text = self.hotkey.get_ref().trim();
        (!text.is_empty()).then(|| text.parse().ok()).flatten()
    }
}

/// What the tray icon shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IconFigure {
    /// Used memory, percent (total - available).
    #[default]
    Used,
    /// Available memory, GiB.
    Available,
    /// Commit charge against its limit (Windows; swap used on Linux), percent.
    Commit,
    /// File cache (Windows: standby lists), percent of memory.
    Cache,
}

/// What a click on the tray icon, or the hotkey, does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClickAction {
    /// The default clean, with the usual notification.
    Clean,
    /// The settings window.
    Settings,
    /// `memsweep top` in a terminal.
    Top,
    #[default]
    Menu,
    Nothing,
}

impl IconFigure {
    /// Every figure, in the order a settings window offers them.
    pub const ALL: [IconFigure; 4] = [IconFigure::Used, IconFigure::Available, IconFigure::Commit, IconFigure::Cache];

    /// As the config spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            IconFigure::Used => "used",
            IconFigure::Available => "available",
            IconFigure::Commit => "commit",
            IconFigure::Cache => "cache",
        }
    }
}

impl ClickAction {
    /// Every action, in the order a settings window offers them.
    pub const ALL: [ClickAction; 5] =
        [ClickAction::Menu, ClickAction::Clean, ClickAction::Settings, ClickAction::Top, ClickAction::Nothing];

    /// As the config spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ClickAction::Clean => "clean",
            ClickAction::Settings => "settings",
            ClickAction::Top => "top",
            ClickAction::Menu => "menu",
            ClickAction::Nothing => "nothing",
        }
    }
}

/// `[service]`: the local control endpoint `memsweep watch` serves when it runs as root /
/// SYSTEM, so that people who are not may clean through it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServiceConfig {
    /// Serve the endpoint at all.
    pub control: bool,
    /// Linux: the group whose members may connect (the socket is root:GROUP, mode 0660).
    pub group: String,
    /// Windows: who may connect besides SYSTEM and Administrators.
    pub allow: AllowedCallers,
    /// Areas a caller who is not root / an administrator may run; empty: the default areas.
    pub allow_areas: Vec<Spanned<String>>,
    /// The least time between two cleans of one such caller; empty: `watch.min_gap_seconds`.
    pub min_gap_seconds: Option<u64>,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            control: true,
            group: "memsweep".into(),
            allow: AllowedCallers::Interactive,
            allow_areas: Vec::new(),
            min_gap_seconds: None,
        }
    }
}

/// Who may use the Windows endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AllowedCallers {
    /// SYSTEM, Administrators and interactive users.
    #[default]
    Interactive,
    /// SYSTEM and Administrators only.
    Administrators,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Language {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
    #[serde(rename = "zh-TW")]
    TraditionalChinese,
    #[serde(rename = "ja")]
    Japanese,
    #[serde(rename = "ko")]
    Korean,
    #[serde(rename = "ru")]
    Russian,
    #[serde(rename = "de")]
    German,
    #[serde(rename = "fr")]
    French,
    #[serde(rename = "es")]
    Spanish,
    #[serde(rename = "pt-BR")]
    BrazilianPortuguese,
}

impl Language {
    /// As the config spells it: "auto", or the language's tag ("en", "zh-CN").
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Auto => "auto",
            Language::English => "en",
            Language::SimplifiedChinese => "zh-CN",
            Language::TraditionalChinese => "zh-TW",
            Language::Japanese => "ja",
            Language::Korean => "ko",
            Language::Russian => "ru",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::BrazilianPortuguese => "pt-BR",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub language: Language,
    pub clean: CleanConfig,
    pub watch: WatchConfig,
    pub rules: Vec<Spanned<Rule>>,
    pub history: HistoryConfig,
    pub tray: TrayConfig,
    pub advise: crate::advise::AdviseConfig,
    pub service: ServiceConfig,
}

/// A config problem, located.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn locate(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn error_at(path: &str, text: &str, span: Option<Range<usize>>, message: String) -> ConfigError {
    let (line, column) = span.map_or((1, 1), |s| locate(text, s.start));
    ConfigError { path: path.to_string(), line, column, message }
}

impl Config {
    /// Parses `text` (read from `path`, named in errors). Areas are checked by [`Config::check`].
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let message = e.message().trim_end().replace('\n', " ");
            error_at(path, text, e.span(), message)
        })
    }

    /// Checks what parsing cannot: that every area named exists on this OS, and that the levels
    /// make sense. Returns warnings (things that will not work here but are not errors).
    pub fn check(&self, path: &str, text: &str, os: &str, areas: &[AreaStatus]) -> Result<Vec<String>, ConfigError> {
        let known = || areas.iter().map(|a| a.area.id).collect::<Vec<_>>().join(", ");
        let unknown = |id: &str| !areas.iter().any(|a| a.area.id == id);
        for id in self.clean.areas.iter().chain(&self.service.allow_areas) {
            if unknown(id.get_ref()) {
                return Err(error_at(
                    path,
                    text,
                    Some(id.span()),
                    format!("unknown area '{}' (known here: {})", id.get_ref(), known()),
                ));
            }
        }
        let mut warnings = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if let Some(id) = rule.get_ref().areas().iter().find(|id| unknown(id)) {
                return Err(error_at(
                    path,
                    text,
                    Some(rule.span()),
                    format!(
                        "rule {} ({}): unknown area '{id}' (known here: {})",
                        index + 1,
                        rule.get_ref().kind(),
                        known()
                    ),
                ));
            }
            if matches!(rule.get_ref(), Rule::Pressure(_)) && os != "linux" {
                warnings.push(format!("rule {}: pressure rules need Linux PSI; it never fires on {os}", index + 1));
            }
            if matches!(rule.get_ref(), Rule::KeepLean(_)) && os != "linux" {
                warnings
                    .push(format!("rule {}: keep-lean rules need Linux reclaim; it never fires on {os}", index + 1));
            }
        }
        if self.tray.warning_percent >= self.tray.danger_percent {
            return Err(error_at(path, text, None, "tray.warning_percent must be below tray.danger_percent".into()));
        }
        for (key, colour) in [
            ("normal_color", &self.tray.normal_color),
            ("warning_color", &self.tray.warning_color),
            ("danger_color", &self.tray.danger_color),
        ] {
            if parse_colour(colour).is_none() {
                return Err(error_at(
                    path,
                    text,
                    None,
                    format!("tray.{key} '{colour}' is not a colour like \"#2e7d32\""),
                ));
            }
        }
        let hotkey = self.tray.hotkey.get_ref().trim();
        if !hotkey.is_empty() {
            if let Err(why) = hotkey.parse::<crate::hotkey::Hotkey>() {
                return Err(error_at(path, text, Some(self.tray.hotkey.span()), format!("tray.hotkey: {why}")));
            }
        }
        if !(0.0..100.0).contains(&self.watch.usage_margin_percent) {
            return Err(error_at(
                path,
                text,
                None,
                "watch.usage_margin_percent must be at least 0 and below 100".into(),
            ));
        }
        Ok(warnings)
    }

    /// What a plain `memsweep clean` (and the tray's "Clean now") runs: `[clean] areas`, else
    /// the OS's default set.
    pub fn default_selection(&self) -> Selection {
        if self.clean.areas.is_empty() {
            Selection::Defaults
        } else {
            Selection::Ids(self.clean.areas.iter().map(|s| s.get_ref().clone()).collect())
        }
    }
}

/// "#rrggbb" -> (r, g, b).
pub fn parse_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// The file `memsweep config init` writes: every setting, commented, with its default.
pub const DEFAULT_FILE: &str = r##"# memsweep configuration. Unknown keys are errors; `memsweep config check` validates this file.

# Language of messages: "auto" (from the OS), "en", "zh-CN", "zh-TW", "ja", "ko", "ru", "de",
# "fr", "es" or "pt-BR".
language = "auto"

[clean]
# Areas of a plain `memsweep clean`; empty means the OS's default set (see `memsweep areas`).
areas = []
# Processes never trimmed by per-process cleaning (names, case-insensitive; ".exe" optional).
exclude = []

[watch]
# How often `memsweep watch` evaluates the rules, in milliseconds.
poll_interval_ms = 1000
# Never two automatic cleans closer than this.
min_gap_seconds = 60
# A clean that freed less than this doubles the gap before the next one (up to max_backoff_seconds).
backoff_floor_mib = 64
max_backoff_seconds = 3600
# A usage rule fires again only after usage fell below its percent minus this margin.
usage_margin_percent = 5.0
# Linux: no automatic drop or compaction while PSI memory "some" avg10 is at or above this
# (a system already stalling on memory only gets more I/O from refaults), unless the rule
# sets run_under_pressure = true.
pressure_guard_percent = 20.0
# No automatic clean while one of these processes runs (games, benchmarks).
pause_while = []
# Linux: sleep on a PSI trigger, woken at once when memory pressure appears, and evaluate the
# other rules (usage, interval, cache-pressure, keep-lean) every idle_poll_ms; without PSI
# triggers (or with false here), the rules are polled every poll_interval_ms.
pressure_trigger = true
idle_poll_ms = 5000
# After each clean, the daemon watches this long what comes back (bytes read back from storage,
# major faults, refaults; Windows: hard faults, standby refill) against the rate before the
# clean, and records it in the history as the clean's cost. 0 records no cost.
cost_window_seconds = 120

# Rules: each [[rules]] table starts automatic cleans in `memsweep watch`. Common keys:
#   enabled = true, areas = [] (empty: the default set), run_under_pressure = false
#
# [[rules]]
# kind = "usage"            # used physical memory at or above percent (Mem Reduct's default: 90)
# percent = 90
#
# [[rules]]
# kind = "interval"         # every N minutes since the last clean of any kind
# minutes = 60
#
# [[rules]]
# kind = "cache-pressure"   # ISLC's rule: cache (standby list) >= cache_mib and free < free_below_mib
# cache_mib = 1024
# free_below_mib = 1024
#
# [[rules]]
# kind = "pressure"         # Linux PSI memory "some" avg10 at or above this percent
# some_avg10_percent = 10.0
#
# [[rules]]
# kind = "keep-lean"        # Linux: gentle reclaim of cold cache while there is no pressure
# cold_above_mib = 1024     # inactive file cache at least this
# target_percent = 0.1      # stop when PSI memory "some" rises above this (default 0.1)
# max_mib = 2048            # at most this much per clean (default: all that is cold)

[history]
# Where every clean is recorded (one JSON line each); empty = the platform's state directory.
path = ""
# Log level of `memsweep watch`: "error", "warn", "info" or "debug".
log_level = "info"

[tray]
# Icon colour levels by used physical memory.
warning_percent = 70.0
danger_percent = 90.0
normal_color = "#2e7d32"
warning_color = "#f9a825"
danger_color = "#c62828"
# What the icon shows: "used" (%), "available" (GiB), "commit" (%; swap on Linux), "cache" (%).
icon = "used"
# What a click does: "clean", "settings", "top", "menu" or "nothing" (right click: the menu).
left_click = "menu"
double_click = "nothing"
middle_click = "clean"
# A global hotkey, e.g. "Ctrl+Alt+F1" (modifiers Ctrl, Alt, Shift, Win); empty: none.
hotkey = ""
hotkey_action = "clean"
# A notification after each clean.
notifications = true

[service]
# `memsweep watch`, run as root (Linux) or SYSTEM (the Windows service), serves a local control
# endpoint (/run/memsweep/control.sock, \\.\pipe\memsweep) through which people who are not
# root / Administrator may clean. false: no endpoint.
control = true
# Linux: members of this group may use it (the socket is root:GROUP, mode 0660).
group = "memsweep"
# Windows: "interactive" (Administrators and interactive users) or "administrators".
allow = "interactive"
# Areas those callers may run; empty: the default areas. Per-process cleaning only ever
# touches the caller's own processes.
allow_areas = []
# Seconds between two cleans of one such caller; unset: watch.min_gap_seconds.
# min_gap_seconds = 60

[advise]
# `memsweep advise` (and the advice line of status, top and the tray) says "clean" only when
# memory is short AND the cache it would drop is not being read back.
#
# Memory is short below this share available. Around 10% is where the kernel's own reclaim
# gets busy and where earlyoom starts to act; above it a clean only trades cache for re-reads.
available_below_percent = 10.0
# PSI memory "some" avg10 at or above this: tasks are waiting on memory now. 1% is ten times
# the 0.1% that Meta's senpai treats as the edge of harmless.
pressure_percent = 1.0
# Linux: file refaults (cache pages read back soon after reclaim) at or above this rate mean
# the cache is a working set: dropping it would only add I/O. 1 MiB/s is 256 pages a second,
# more than an idle desktop's noise and far less than a program re-reading its data.
refault_mib_per_second = 1.0
# Windows: hard faults (page reads from disk) at or above this per second mean the same.
hard_faults_per_second = 100.0
# Windows: free + zeroed below this share while the standby lists hold more is ISLC's case.
free_below_percent = 5.0
# Windows: commit at or above this share of the limit is reported (cleaning cannot lower it).
commit_above_percent = 90.0
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::{Area, Stage, Support};

    fn areas() -> Vec<AreaStatus> {
        [("dirty", Stage::Flush, true), ("page-cache", Stage::Purge, true), ("process", Stage::Trim, false)]
            .into_iter()
            .map(|(id, stage, default_on)| AreaStatus {
                area: Area { default_on, ..Area::new(id, stage) },
                support: Support::Supported,
            })
            .collect()
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        let config = Config::parse("memsweep.toml", text)?;
        config.check("memsweep.toml", text, "linux", &areas())?;
        Ok(config)
    }

    #[test]
    fn the_default_file_is_the_default_config() {
        let parsed = parse(DEFAULT_FILE).unwrap();
        assert_eq!(parsed, Config::default());
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn rules_parse() {
        let config = parse(
            "[[rules]]\nkind = \"usage\"\npercent = 90\n\n[[rules]]\nkind = \"cache-pressure\"\ncache_mib = 1024\nfree_below_mib = 512\nareas = [\"page-cache\"]\nenabled = false\n",
        )
        .unwrap();
        assert_eq!(config.rules.len(), 2);
        assert!(matches!(config.rules[0].get_ref(), Rule::Usage(r) if r.percent == Percent(90.0) && r.enabled));
        let second = config.rules[1].get_ref();
        assert_eq!(second.areas(), ["page-cache"]);
        assert!(!second.enabled());
        assert_eq!(second.selection(), Selection::Ids(vec!["page-cache".into()]));
        let first = crate::Plan::build(&areas(), &config.rules[0].get_ref().selection()).unwrap();
        assert_eq!(first.ids(), ["dirty", "page-cache"]);
        assert!(first.drops_or_compacts());
    }

    fn error(text: &str) -> ConfigError {
        parse(text).unwrap_err()
    }

    #[test]
    fn every_language_code_is_a_language() {
        let codes = [
            ("auto", Language::Auto),
            ("en", Language::English),
            ("zh-CN", Language::SimplifiedChinese),
            ("zh-TW", Language::TraditionalChinese),
            ("ja", Language::Japanese),
            ("ko", Language::Korean),
            ("ru", Language::Russian),
            ("de", Language::German),
            ("fr", Language::French),
            ("es", Language::Spanish),
            ("pt-BR", Language::BrazilianPortuguese),
        ];
        for (code, language) in codes {
            assert_eq!(parse(&format!("language = \"{code}\"\n")).unwrap().language, language, "{code}");
            assert!(DEFAULT_FILE.contains(&format!("\"{code}\"")), "the default file lists {code}");
        }
        let e = error("language = \"it\"\n");
        assert_eq!(e.line, 1, "{e}");
        assert!(e.message.contains("pt-BR"), "{e}");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = error("language = \"en\"\n[watch\nmin_gap_seconds = 5\n");
        assert_eq!((e.line, e.column), (2, 7), "{e}");
        assert!(e.to_string().starts_with("memsweep.toml:2:7: "), "{e}");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = error("[watch]\nmin_gap_seconds = 5\npoll_intervall_ms = 10\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("unknown field `poll_intervall_ms`"), "{e}");
        let top = error("colour = 1\n");
        assert!(top.message.contains("unknown field `colour`"), "{top}");
        let in_rule = error("[[rules]]\nkind = \"usage\"\npercent = 90\nthreshold = 3\n");
        assert!(in_rule.message.contains("unknown field `threshold`"), "{in_rule}");
        let kind = error("[[rules]]\nkind = \"magic\"\n");
        assert!(kind.message.contains("unknown variant `magic`"), "{kind}");
    }

    #[test]
    fn bad_values_are_errors_at_their_place() {
        let negative = error("[watch]\nmin_gap_seconds = -5\n");
        assert_eq!((negative.line, negative.column), (2, 19), "{negative}");
        let zero_poll = error("[watch]\npoll_interval_ms = 0\n");
        assert_eq!(zero_poll.line, 2, "{zero_poll}");
        let percent = error("[tray]\nwarning_percent = 170\n");
        assert!(percent.message.contains("not a percentage"), "{percent}");
        assert_eq!(percent.line, 2);
        let negative_rule = error("[[rules]]\nkind = \"cache-pressure\"\ncache_mib = -1\nfree_below_mib = 5\n");
        assert!(negative_rule.line >= 1, "{negative_rule}");
    }

    #[test]
    fn unknown_areas_are_errors_at_their_place() {
        let e = error("[clean]\nareas = [\"dirty\", \"standby-list\"]\n");
        assert_eq!((e.line, e.column), (2, 19), "{e}");
        assert!(e.message.contains("unknown area 'standby-list'"), "{e}");
        let in_rule = error("\n[[rules]]\nkind = \"usage\"\npercent = 80\nareas = [\"bogus\"]\n");
        assert!(in_rule.message.contains("rule 1 (usage): unknown area 'bogus'"), "{in_rule}");
        assert_eq!(in_rule.line, 2, "the [[rules]] table it is in: {in_rule}");
    }

    #[test]
    fn levels_and_colours_are_checked() {
        assert!(error("[tray]\nwarning_percent = 95\n").message.contains("below tray.danger_percent"));
        assert!(error("[tray]\ndanger_color = \"red\"\n").message.contains("not a colour"));
        let hotkey = error("[tray]\nhotkey = \"Ctrl+Alt+F99\"\n");
        assert_eq!((hotkey.line, hotkey.column), (2, 10), "{hotkey}");
        assert!(hotkey.message.contains("tray.hotkey: 'F99' is not a key"), "{hotkey}");
        let clicks = parse("[tray]\nleft_click = \"clean\"\nhotkey = \"Ctrl+Alt+M\"\nicon = \"commit\"\n").unwrap();
        assert_eq!((clicks.tray.left_click, clicks.tray.icon), (ClickAction::Clean, IconFigure::Commit));
        assert_eq!(clicks.tray.hotkey().map(|h| h.to_string()), Some("Ctrl+Alt+M".into()));
        assert!(error("[tray]\nleft_click = \"explode\"\n").message.contains("unknown variant"));
        assert_eq!(parse_colour("#2e7d32"), Some((0x2e, 0x7d, 0x32)));
    }

    #[test]
    fn names_are_spelled_as_the_config_spells_them() {
        for icon in IconFigure::ALL {
            let config = parse(&format!("[tray]\nicon = \"{}\"\n", icon.as_str())).unwrap();
            assert_eq!(config.tray.icon, icon);
        }
        for action in ClickAction::ALL {
            let config = parse(&format!("[tray]\nleft_click = \"{}\"\n", action.as_str())).unwrap();
            assert_eq!(config.tray.left_click, action);
        }
        for language in [Language::Auto, Language::English, Language::SimplifiedChinese] {
            let config = parse(&format!("language = \"{}\"\n", language.as_str())).unwrap();
            assert_eq!(config.language, language);
        }
    }

    #[test]
    fn pressure_rules_warn_off_linux() {
        let text = "[[rules]]\nkind = \"pressure\"\nsome_avg10_percent = 10\n";
        let config = Config::parse("m.toml", text).unwrap();
        let warnings = config.check("m.toml", text, "windows", &areas()).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(config.check("m.toml", text, "linux", &areas()).unwrap().is_empty());
    }
}
