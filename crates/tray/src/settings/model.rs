//! The settings window's data, platform-neutral: every field it shows, its value as read from
//! the config, and the edits its changes make to the config file.
//!
//! Only what the user changed is written (through [`ConfigEditor`], which keeps the file's
//! comments, order and formatting), so a value the dialog shows but nobody touched never
//! rewrites the user's spelling of it. Everything written is checked first by the config's own
//! checks ([`ConfigEditor::check`]); a refusal names the field it is about.
//!
//! The rules are an array of tables; the dialog shows one rule per kind (usage, interval,
//! cache-pressure, and on Linux pressure) and edits the first rule of that kind in place. "Off"
//! writes `enabled = false` (the user's rule is kept); switching on a kind the file has no rule
//! of appends one with every key the kind needs.

use std::path::Path;

use memsweep_app::config_edit::ConfigEditor;
use memsweep_core::config::{ClickAction, Config, IconFigure, Rule};
use memsweep_core::AreaStatus;
use memsweep_i18n::Lang;
use toml_edit::{Array, Value as Toml};

/// A kind of rule the dialog edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleKind {
    Usage,
    Interval,
    CachePressure,
    Pressure,
}

/// How a number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// A whole number (u64 in the config).
    Whole,
    /// A share, whole or decimal (a percentage).
    Decimal,
}

impl RuleKind {
    pub const ALL: [RuleKind; 4] = [RuleKind::Usage, RuleKind::Interval, RuleKind::CachePressure, RuleKind::Pressure];

    /// As the config's `kind` spells it.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Usage => "usage",
            RuleKind::Interval => "interval",
            RuleKind::CachePressure => "cache-pressure",
            RuleKind::Pressure => "pressure",
        }
    }

    /// The kind's own keys, with the values a new rule starts from (the examples of the
    /// commented default config).
    pub fn keys(self) -> &'static [(&'static str, Number, f64)] {
        match self {
            RuleKind::Usage => &[("percent", Number::Decimal, 90.0)],
            RuleKind::Interval => &[("minutes", Number::Whole, 60.0)],
            RuleKind::CachePressure => {
                &[("cache_mib", Number::Whole, 1024.0), ("free_below_mib", Number::Whole, 1024.0)]
            }
            RuleKind::Pressure => &[("some_avg10_percent", Number::Decimal, 10.0)],
        }
    }

    /// Whether this OS has the kind (pressure rules need Linux PSI).
    pub fn here(self, os: &str) -> bool {
        self != RuleKind::Pressure || os == "linux"
    }

    /// The values of a config rule of this kind, in [`RuleKind::keys`] order.
    fn values(self, rule: &Rule) -> Option<Vec<f64>> {
        Some(match (self, rule) {
            (RuleKind::Usage, Rule::Usage(r)) => vec![r.percent.0],
            (RuleKind::Interval, Rule::Interval(r)) => vec![r.minutes.get() as f64],
            (RuleKind::CachePressure, Rule::CachePressure(r)) => vec![r.cache_mib as f64, r.free_below_mib as f64],
            (RuleKind::Pressure, Rule::Pressure(r)) => vec![r.some_avg10_percent.0],
            _ => return None,
        })
    }
}

/// One thing the dialog lets the user set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// An area's check box: part of a plain clean (`[clean] areas`).
    Area(&'static str),
    /// `[clean] exclude`, one per line.
    Exclude,
    /// A rule kind on or off.
    RuleOn(RuleKind),
    /// A key of a rule kind: the index into [`RuleKind::keys`].
    RuleValue(RuleKind, usize),
    /// `[watch] min_gap_seconds`.
    MinGap,
    /// `[watch] pause_while`, one per line.
    PauseWhile,
    /// `[tray] icon`.
    Icon,
    WarningPercent,
    DangerPercent,
    NormalColor,
    WarningColor,
    DangerColor,
    LeftClick,
    DoubleClick,
    MiddleClick,
    Hotkey,
    HotkeyAction,
    Notifications,
    /// The top-level `language`.
    Language,
    /// Not in the config: the tray's start at login (Run key, logon task or autostart entry).
    StartAtLogin,
}

/// A field's value as the dialog holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Flag(bool),
    /// An edit box's text (numbers too: they are parsed when written).
    Text(String),
    /// The index of the chosen option (see [`Field::options`]).
    Choice(usize),
}

/// Where a plain field lives in the config, and how its value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Number(Number),
    Text,
    Lines,
    Flag,
    Choice,
}

impl Field {
    /// `(table, key)` of a field that is one key of the file (`None`: the top level).
    fn key(&self) -> Option<(Option<&'static str>, &'static str, Shape)> {
        Some(match self {
            Field::Exclude => (Some("clean"), "exclude", Shape::Lines),
            Field::MinGap => (Some("watch"), "min_gap_seconds", Shape::Number(Number::Whole)),
            Field::PauseWhile => (Some("watch"), "pause_while", Shape::Lines),
            Field::Icon => (Some("tray"), "icon", Shape::Choice),
            Field::WarningPercent => (Some("tray"), "warning_percent", Shape::Number(Number::Decimal)),
            Field::DangerPercent => (Some("tray"), "danger_percent", Shape::Number(Number::Decimal)),
            Field::NormalColor => (Some("tray"), "normal_color", Shape::Text),
            Field::WarningColor => (Some("tray"), "warning_color", Shape::Text),
            Field::DangerColor => (Some("tray"), "danger_color", Shape::Text),
            Field::LeftClick => (Some("tray"), "left_click", Shape::Choice),
            Field::DoubleClick => (Some("tray"), "double_click", Shape::Choice),
            Field::MiddleClick => (Some("tray"), "middle_click", Shape::Choice),
            Field::Hotkey => (Some("tray"), "hotkey", Shape::Text),
            Field::HotkeyAction => (Some("tray"), "hotkey_action", Shape::Choice),
            Field::Notifications => (Some("tray"), "notifications", Shape::Flag),
            Field::Language => (None, "language", Shape::Choice),
            Field::Area(_) | Field::RuleOn(_) | Field::RuleValue(..) | Field::StartAtLogin => return None,
        })
    }

    /// The options of a choice, as the config spells them.
    pub fn options(&self) -> Vec<&'static str> {
        match self {
            Field::Icon => IconFigure::ALL.iter().map(|f| f.as_str()).collect(),
            Field::LeftClick | Field::DoubleClick | Field::MiddleClick | Field::HotkeyAction => {
                ClickAction::ALL.iter().map(|a| a.as_str()).collect()
            }
            Field::Language => std::iter::once("auto").chain(Lang::ALL.iter().map(|l| l.tag())).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a field is typed in (an edit box), rather than ticked or chosen.
    pub fn typed(&self) -> bool {
        matches!(self, Field::RuleValue(..))
            || matches!(self.key(), Some((_, _, Shape::Number(_) | Shape::Text | Shape::Lines)))
    }

    /// Whether the edit box holds one entry per line.
    pub fn lines(&self) -> bool {
        matches!(self.key(), Some((_, _, Shape::Lines)))
    }
}

/// An area as the dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaInfo {
    pub id: &'static str,
    /// Can stall the machine or drop all cache (risk high): marked, and explained.
    pub risky: bool,
    /// Works on chosen processes (`--pid`, `--name`): never part of a plain clean, so its box
    /// is shown but cannot be ticked.
    pub per_process: bool,
    /// Why it does not run here, if it does not.
    pub unsupported: Option<String>,
}

/// A value the config refuses, and the field it is about (`None`: no single field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Option<Field>,
    pub message: String,
}

/// Why a number could not be read (the view words it).
pub const NOT_A_NUMBER: &str = "not-a-number";

/// One change to the file.
#[derive(Clone, Debug)]
pub enum Edit {
    Key { table: Option<&'static str>, key: &'static str, value: Toml },
    Rule { kind: RuleKind, key: &'static str, value: Toml },
}

impl PartialEq for Edit {
    /// The same key set to the same value, as TOML writes it.
    fn eq(&self, other: &Edit) -> bool {
        match (self, other) {
            (Edit::Key { table: t1, key: k1, value: v1 }, Edit::Key { table: t2, key: k2, value: v2 }) => {
                t1 == t2 && k1 == k2 && v1.to_string() == v2.to_string()
            }
            (Edit::Rule { kind: r1, key: k1, value: v1 }, Edit::Rule { kind: r2, key: k2, value: v2 }) => {
                r1 == r2 && k1 == k2 && v1.to_string() == v2.to_string()
            }
            _ => false,
        }
    }
}

/// The edits of one field (or, for a new rule, of the rule's fields together), in form order.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    field: Field,
    edits: Vec<Edit>,
    /// A rule of this kind appended: its values, for finding which of them is refused.
    new_rule: Option<RuleKind>,
}

/// Everything the dialog shows and what it started from.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub os: &'static str,
    pub areas: Vec<AreaInfo>,
    /// The areas of a plain clean when `[clean] areas` is empty (the OS's default set).
    default_areas: Vec<&'static str>,
    /// Kinds the file has a rule of (when it was read).
    rules_present: Vec<RuleKind>,
    values: Vec<(Field, Value)>,
    original: Vec<(Field, Value)>,
}

/// A number as the dialog shows it: whole numbers without a decimal point.
fn show_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A typed number: a whole number if it is one, else a decimal. Anything else is refused here;
/// ranges and signs are the config's to check.
fn parse_number(text: &str) -> Option<Toml> {
    let text = text.trim();
    if let Ok(whole) = text.parse::<i64>() {
        return Some(Toml::from(whole));
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite()).map(Toml::from)
}

fn same_number(a: &str, b: &str) -> bool {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a.trim() == b.trim(),
    }
}

/// One entry per non-empty line, trimmed.
pub fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

fn toml_strings(items: &[String]) -> Toml {
    let array: Array = items.iter().map(String::as_str).collect();
    Toml::Array(array)
}

impl Form {
    /// The fields of a (checked) config on this OS, with the start-at-login state (`None`: not
    /// offered here).
    pub fn from_config(config: &Config, areas: &[AreaStatus], os: &'static str, start_at_login: Option<bool>) -> Form {
        let infos: Vec<AreaInfo> = areas
            .iter()
            .map(|a| AreaInfo {
                id: a.area.id,
                risky: a.area.risk == memsweep_core::Risk::High,
                per_process: a.area.per_process,
                unsupported: match &a.support {
                    memsweep_core::Support::Supported => None,
                    memsweep_core::Support::Unsupported(reason) => Some(reason.clone()),
                },
            })
            .collect();
        let default_areas: Vec<&'static str> =
            areas.iter().filter(|a| a.area.default_on && !a.area.per_process).map(|a| a.area.id).collect();
        let listed: Vec<&str> = config.clean.areas.iter().map(|s| s.get_ref().as_str()).collect();
        let mut values = Vec::new();
        for info in &infos {
            let on = if listed.is_empty() { default_areas.contains(&info.id) } else { listed.contains(&info.id) };
            values.push((Field::Area(info.id), Value::Flag(on)));
        }
        let mut rules_present = Vec::new();
        for kind in RuleKind::ALL.into_iter().filter(|k| k.here(os)) {
            let found = config.rules.iter().map(|r| r.get_ref()).find(|r| r.kind() == kind.name());
            let numbers = found.and_then(|r| kind.values(r));
            if found.is_some() {
                rules_present.push(kind);
            }
            values.push((Field::RuleOn(kind), Value::Flag(found.is_some_and(Rule::enabled))));
            for (index, &(_, _, default)) in kind.keys().iter().enumerate() {
                let number = numbers.as_ref().and_then(|n| n.get(index).copied()).unwrap_or(default);
                values.push((Field::RuleValue(kind, index), Value::Text(show_number(number))));
            }
        }
        let tray = &config.tray;
        let choice =
            |field: &Field, name: &str| Value::Choice(field.options().iter().position(|o| *o == name).unwrap_or(0));
        let text = |s: &str| Value::Text(s.to_string());
        values.extend([
            (Field::MinGap, Value::Text(config.watch.min_gap_seconds.to_string())),
            (Field::PauseWhile, Value::Text(config.watch.pause_while.join("\n"))),
            (Field::Exclude, Value::Text(config.clean.exclude.join("\n"))),
            (Field::Icon, choice(&Field::Icon, tray.icon.as_str())),
            (Field::WarningPercent, Value::Text(show_number(tray.warning_percent.0))),
            (Field::DangerPercent, Value::Text(show_number(tray.danger_percent.0))),
            (Field::NormalColor, text(&tray.normal_color)),
            (Field::WarningColor, text(&tray.warning_color)),
            (Field::DangerColor, text(&tray.danger_color)),
            (Field::LeftClick, choice(&Field::LeftClick, tray.left_click.as_str())),
            (Field::DoubleClick, choice(&Field::DoubleClick, tray.double_click.as_str())),
            (Field::MiddleClick, choice(&Field::MiddleClick, tray.middle_click.as_str())),
            (Field::Hotkey, text(tray.hotkey.get_ref())),
            (Field::HotkeyAction, choice(&Field::HotkeyAction, tray.hotkey_action.as_str())),
            (Field::Notifications, Value::Flag(tray.notifications)),
            (Field::Language, choice(&Field::Language, config.language.as_str())),
        ]);
        if let Some(on) = start_at_login {
            values.push((Field::StartAtLogin, Value::Flag(on)));
        }
        Form { os, areas: infos, default_areas, rules_present, original: values.clone(), values }
    }

    /// Every field, in the order they were read.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.values.iter().map(|(f, _)| f)
    }

    pub fn get(&self, field: &Field) -> Option<&Value> {
        self.values.iter().find(|(f, _)| f == field).map(|(_, v)| v)
    }

    fn original(&self, field: &Field) -> Option<&Value> {
        self.original.iter().find(|(f, _)| f == field).map(|(_, v)| v)
    }

    fn flag(&self, field: &Field) -> bool {
        matches!(self.get(field), Some(Value::Flag(true)))
    }

    fn text(&self, field: &Field) -> &str {
        match self.get(field) {
            Some(Value::Text(text)) => text,
            _ => "",
        }
    }

    /// Sets a field the form has (others are ignored).
    pub fn set(&mut self, field: &Field, value: Value) {
        if let Some((_, old)) = self.values.iter_mut().find(|(f, _)| f == field) {
            *old = value;
        }
    }

    /// Whether the user may change the field now: a rule's values only while the rule is on,
    /// an area only when it can be part of a plain clean.
    pub fn enabled(&self, field: &Field) -> bool {
        match field {
            Field::RuleValue(kind, _) => self.flag(&Field::RuleOn(*kind)),
            Field::Area(id) => self.areas.iter().any(|a| a.id == *id && !a.per_process),
            _ => true,
        }
    }

    /// The start-at-login switch, when the user flipped it.
    pub fn start_at_login_change(&self) -> Option<bool> {
        let now = self.get(&Field::StartAtLogin)?;
        (Some(now) != self.original(&Field::StartAtLogin)).then(|| now == &Value::Flag(true))
    }

    /// Anything to save (the file or start at login).
    pub fn changed(&self) -> bool {
        self.start_at_login_change().is_some() || self.steps().map_or(true, |steps| !steps.is_empty())
    }

    /// What was saved becomes what the form started from.
    pub fn saved(&mut self) {
        self.original = self.values.clone();
        for kind in RuleKind::ALL {
            if self.flag(&Field::RuleOn(kind)) && !self.rules_present.contains(&kind) {
                self.rules_present.push(kind);
            }
        }
    }

    /// A typed number as written; a whole-number key given a fraction or a negative number is
    /// written as typed too: the config says why not.
    fn number(&self, field: &Field) -> Result<Toml, Problem> {
        parse_number(self.text(field))
            .ok_or_else(|| Problem { field: Some(field.clone()), message: NOT_A_NUMBER.to_string() })
    }

    fn changed_text(&self, field: &Field, numeric: bool) -> bool {
        let (now, was) = (self.text(field), self.original(field));
        let Some(Value::Text(was)) = was else { return false };
        if numeric {
            !same_number(now, was)
        } else {
            now.trim() != was.trim()
        }
    }

    /// The edits the changed fields make, in form order. Fails on a number that is not one.
    fn steps(&self) -> Result<Vec<Step>, Problem> {
        let mut steps = Vec::new();
        // The areas are one key: written when the set of ticked areas changed, as the empty list
        // (the OS's defaults) when the defaults are what is ticked.
        let ticked: Vec<&'static str> =
            self.areas.iter().filter(|a| self.flag(&Field::Area(a.id))).map(|a| a.id).collect();
        let was: Vec<&'static str> = self
            .areas
            .iter()
            .filter(|a| matches!(self.original(&Field::Area(a.id)), Some(Value::Flag(true))))
            .map(|a| a.id)
            .collect();
        let first_changed_area = self.areas.iter().map(|a| Field::Area(a.id)).find(|f| self.get(f) != self.original(f));
        for (field, value) in &self.values {
            let mut edits = Vec::new();
            let mut new_rule = None;
            match field {
                Field::Area(_) => {
                    if Some(field) == first_changed_area.as_ref() && ticked != was {
                        let list: Vec<String> = if ticked == self.default_areas {
                            Vec::new()
                        } else {
                            ticked.iter().map(|id| id.to_string()).collect()
                        };
                        edits.push(Edit::Key { table: Some("clean"), key: "areas", value: toml_strings(&list) });
                    }
                }
                Field::RuleOn(kind) => {
                    let on = value == &Value::Flag(true);
                    let present = self.rules_present.contains(kind);
                    if present && Some(value) != self.original(field) {
                        edits.push(Edit::Rule { kind: *kind, key: "enabled", value: Toml::from(on) });
                    } else if !present && on {
                        // A new rule needs every key of its kind at once.
                        for (index, &(key, _, _)) in kind.keys().iter().enumerate() {
                            let value = self.number(&Field::RuleValue(*kind, index))?;
                            edits.push(Edit::Rule { kind: *kind, key, value });
                        }
                        new_rule = Some(*kind);
                    }
                }
                Field::RuleValue(kind, index) => {
                    if self.rules_present.contains(kind) && self.changed_text(field, true) {
                        let (key, _, _) = kind.keys()[*index];
                        edits.push(Edit::Rule { kind: *kind, key, value: self.number(field)? });
                    }
                }
                Field::StartAtLogin => {}
                other => {
                    let Some((table, key, shape)) = other.key() else { continue };
                    let value = match shape {
                        Shape::Number(_) => {
                            if !self.changed_text(other, true) {
                                continue;
                            }
                            self.number(other)?
                        }
                        Shape::Text => {
                            if !self.changed_text(other, false) {
                                continue;
                            }
                            Toml::from(self.text(other).trim())
                        }
                        Shape::Lines => {
                            let was = match self.original(other) {
                                Some(Value::Text(text)) => lines_of(text),
                                _ => Vec::new(),
                            };
                            let now = lines_of(self.text(other));
                            if now == was {
                                continue;
                            }
                            toml_strings(&now)
                        }
                        Shape::Flag => {
                            if Some(value) == self.original(other) {
                                continue;
                            }
                            Toml::from(value == &Value::Flag(true))
                        }
                        Shape::Choice => {
                            if Some(value) == self.original(other) {
                                continue;
                            }
                            let Value::Choice(index) = value else { continue };
                            Toml::from(other.options().get(*index).copied().unwrap_or("auto"))
                        }
                    };
                    edits.push(Edit::Key { table, key, value });
                }
            }
            if !edits.is_empty() {
                steps.push(Step { field: field.clone(), edits, new_rule });
            }
        }
        Ok(steps)
    }

    /// The edits of the changed fields, in form order.
    pub fn edits(&self) -> Result<Vec<Edit>, Problem> {
        Ok(self.steps()?.into_iter().flat_map(|s| s.edits).collect())
    }

    /// `base` (the file as read) with the changes, checked by the config's own checks on this
    /// OS's areas: the config it makes, or the first refused field and the config's message.
    pub fn validate(&self, base: &ConfigEditor, areas: &[AreaStatus]) -> Result<Config, Problem> {
        let steps = self.steps()?;
        let mut all = base.clone();
        for step in &steps {
            apply(&mut all, &step.edits).map_err(|message| Problem { field: Some(step.field.clone()), message })?;
        }
        let whole = match all.check(self.os, areas) {
            Ok(config) => return Ok(config),
            Err(failure) => failure.to_string(),
        };
        // Which field: the changes one by one, in form order; the first that makes the file
        // refused is it (a cross-field rule, warning below danger, names the later of the two).
        let mut partial = base.clone();
        for step in &steps {
            let _ = apply(&mut partial, &step.edits);
            if let Err(failure) = partial.check(self.os, areas) {
                let field = match step.new_rule {
                    Some(kind) => self.refused_value(base, kind, areas).unwrap_or_else(|| step.field.clone()),
                    None => step.field.clone(),
                };
                return Err(Problem { field: Some(field), message: shorter(base.path(), &failure.to_string()) });
            }
        }
        Err(Problem { field: None, message: shorter(base.path(), &whole) })
    }

    /// Of a new rule's values, the one the config refuses: each tried alone, the others at
    /// their defaults.
    fn refused_value(&self, base: &ConfigEditor, kind: RuleKind, areas: &[AreaStatus]) -> Option<Field> {
        let keys = kind.keys();
        (0..keys.len()).map(|i| Field::RuleValue(kind, i)).find(|field| {
            let mut editor = base.clone();
            let edits: Vec<Edit> = keys
                .iter()
                .enumerate()
                .map(|(j, &(key, number, default))| {
                    let default = match number {
                        Number::Whole => Toml::from(default as i64),
                        Number::Decimal => Toml::from(default),
                    };
                    let value = if Field::RuleValue(kind, j) == *field {
                        parse_number(self.text(field)).unwrap_or(default)
                    } else {
                        default
                    };
                    Edit::Rule { kind, key, value }
                })
                .collect();
            apply(&mut editor, &edits).is_err() || editor.check(self.os, areas).is_err()
        })
    }

    /// Writes the changes into the file at `path` as it is now (re-read: what changed there
    /// meanwhile stays), checked first. Returns the config written.
    pub fn save(&self, path: &Path, areas: &[AreaStatus]) -> Result<Config, Problem> {
        let problem = |message: String| Problem { field: None, message };
        let mut editor = ConfigEditor::open(path).map_err(|f| problem(f.to_string()))?;
        let edits = self.edits()?;
        apply(&mut editor, &edits).map_err(problem)?;
        editor.save(self.os, areas).map_err(|f| problem(shorter(path, &f.to_string())))
    }
}

/// Applies edits to an editor.
pub fn apply(editor: &mut ConfigEditor, edits: &[Edit]) -> Result<(), String> {
    for edit in edits {
        match edit {
            Edit::Key { table, key, value } => editor.set(*table, key, value.clone()),
            Edit::Rule { kind, key, value } => {
                editor.set_rule_key(kind.name(), key, value.clone()).map_err(|f| f.to_string())?
            }
        }
    }
    Ok(())
}

/// A located message with the file's name instead of its whole path ("memsweep.toml:12:11: ...").
fn shorter(path: &Path, message: &str) -> String {
    let shown = path.display().to_string();
    match (message.strip_prefix(&shown), path.file_name()) {
        (Some(rest), Some(name)) => format!("{}{rest}", name.to_string_lossy()),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::{Area, Risk, Stage, Support};

    use super::*;

    /// A commented user file: keys in an odd order, a comment on every value.
    const USER_FILE: &str = "# my settings\nlanguage = \"en\" # English please\n\n[tray]\n# alarm early\ndanger_percent = 80.0\nwarning_percent = 60 # integer on purpose\nhotkey = \"\"\n\n[[rules]]\n# the usual\nkind = \"usage\"\npercent = 90\n\n[[rules]]\nkind = \"keep-lean\"  # not shown by the dialog\ncold_above_mib = 512\n\n[watch]\nmin_gap_seconds = 60 # a minute\n";

    fn area(id: &'static str, default_on: bool, risk: Risk, per_process: bool) -> AreaStatus {
        AreaStatus {
            area: Area { default_on, risk, per_process, ..Area::new(id, Stage::Purge) },
            support: Support::Supported,
        }
    }

    fn areas() -> Vec<AreaStatus> {
        vec![
            area("working-sets", true, Risk::Medium, false),
            area("process", false, Risk::Medium, true),
            area("standby-list", false, Risk::High, false),
            area("combine-lists", true, Risk::Low, false),
        ]
    }

    fn open_form(text: &str, os: &'static str) -> (tempfile::TempDir, ConfigEditor, Form) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        std::fs::write(&path, text).unwrap();
        let editor = ConfigEditor::open(&path).unwrap();
        let config = editor.check(os, &areas()).unwrap();
        let form = Form::from_config(&config, &areas(), os, Some(false));
        (dir, editor, form)
    }

    fn text(value: &str) -> Value {
        Value::Text(value.into())
    }

    fn saved(dir: &tempfile::TempDir, form: &Form) -> String {
        let path = dir.path().join("memsweep.toml");
        form.save(&path, &areas()).unwrap();
        std::fs::read_to_string(path).unwrap()
    }

    fn changed_lines(before: &str, after: &str) -> Vec<String> {
        let old: Vec<&str> = before.lines().collect();
        after.lines().filter(|l| !old.contains(l)).map(String::from).collect()
    }

    #[test]
    fn the_fields_show_the_config() {
        let (_dir, _, form) = open_form(USER_FILE, "windows");
        assert_eq!(form.get(&Field::Area("working-sets")), Some(&Value::Flag(true)), "the default set");
        assert_eq!(form.get(&Field::Area("standby-list")), Some(&Value::Flag(false)));
        assert!(!form.enabled(&Field::Area("process")), "per-process areas are never part of a plain clean");
        assert!(form.areas.iter().any(|a| a.id == "standby-list" && a.risky));
        assert_eq!(form.get(&Field::RuleOn(RuleKind::Usage)), Some(&Value::Flag(true)));
        assert_eq!(form.get(&Field::RuleValue(RuleKind::Usage, 0)), Some(&text("90")));
        assert_eq!(form.get(&Field::RuleOn(RuleKind::Interval)), Some(&Value::Flag(false)));
        assert_eq!(form.get(&Field::RuleValue(RuleKind::Interval, 0)), Some(&text("60")), "a new rule's start");
        assert!(!form.enabled(&Field::RuleValue(RuleKind::Interval, 0)), "greyed while the rule is off");
        assert_eq!(form.get(&Field::RuleOn(RuleKind::Pressure)), None, "pressure rules are Linux's");
        assert_eq!(form.get(&Field::WarningPercent), Some(&text("60")));
        assert_eq!(form.get(&Field::DangerPercent), Some(&text("80")));
        assert_eq!(form.get(&Field::Language), Some(&Value::Choice(1)), "auto, en, zh-CN");
        assert_eq!(form.get(&Field::LeftClick), Some(&Value::Choice(0)), "menu");
        assert!(!form.changed());
        assert_eq!(form.edits().unwrap(), []);
        let (_dir, _, linux) = open_form(USER_FILE, "linux");
        assert_eq!(linux.get(&Field::RuleValue(RuleKind::Pressure, 0)), Some(&text("10")));
    }

    #[test]
    fn three_changes_touch_exactly_three_keys_and_keep_every_comment() {
        let (dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::RuleValue(RuleKind::Usage, 0), text("85"));
        form.set(&Field::MinGap, text("120"));
        form.set(&Field::Hotkey, text("Ctrl+Alt+M"));
        // values retyped the same way are no change
        form.set(&Field::WarningPercent, text("60.0"));
        form.set(&Field::DangerPercent, text(" 80 "));
        assert!(form.changed());
        let config = form.validate(&editor, &areas()).unwrap();
        assert_eq!(config.watch.min_gap_seconds, 120);
        let written = saved(&dir, &form);
        assert_eq!(
            changed_lines(USER_FILE, &written),
            ["hotkey = \"Ctrl+Alt+M\"", "percent = 85", "min_gap_seconds = 120 # a minute"],
            "{written}"
        );
        for line in USER_FILE.lines().filter(|l| l.contains('#')) {
            let comment = &line[line.find('#').unwrap()..];
            assert!(written.contains(comment), "{comment} lost:\n{written}");
        }
        assert_eq!(USER_FILE.lines().count(), written.lines().count());
    }

    #[test]
    fn rules_switch_off_in_place_and_on_by_appending_one_of_their_kind() {
        let (dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::RuleOn(RuleKind::Usage), Value::Flag(false));
        form.set(&Field::RuleOn(RuleKind::CachePressure), Value::Flag(true));
        form.set(&Field::RuleValue(RuleKind::CachePressure, 1), text("512"));
        // a value of a rule that stays off is not written
        form.set(&Field::RuleValue(RuleKind::Interval, 0), text("5"));
        let config = form.validate(&editor, &areas()).unwrap();
        assert_eq!(config.rules.len(), 3, "the usage rule is kept, switched off");
        let written = saved(&dir, &form);
        assert!(written.contains("# the usual\nkind = \"usage\"\npercent = 90\nenabled = false\n"), "{written}");
        assert!(
            written.contains(
                "cold_above_mib = 512\n\n[[rules]]\nkind = \"cache-pressure\"\ncache_mib = 1024\nfree_below_mib = 512\n\n[watch]"
            ),
            "{written}"
        );
        assert!(!written.contains("minutes"), "{written}");
        // on again: enabled = true, the same rule, nothing appended
        let editor = ConfigEditor::open(&dir.path().join("memsweep.toml")).unwrap();
        let config = editor.check("windows", &areas()).unwrap();
        let mut again = Form::from_config(&config, &areas(), "windows", None);
        assert_eq!(again.get(&Field::RuleOn(RuleKind::Usage)), Some(&Value::Flag(false)));
        again.set(&Field::RuleOn(RuleKind::Usage), Value::Flag(true));
        assert_eq!(
            again.edits().unwrap(),
            [Edit::Rule { kind: RuleKind::Usage, key: "enabled", value: Toml::from(true) }]
        );
    }

    #[test]
    fn areas_are_written_as_a_list_or_as_the_defaults() {
        let (dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::Area("standby-list"), Value::Flag(true));
        let config = form.validate(&editor, &areas()).unwrap();
        let ids: Vec<&str> = config.clean.areas.iter().map(|a| a.get_ref().as_str()).collect();
        assert_eq!(ids, ["working-sets", "standby-list", "combine-lists"]);
        let written = saved(&dir, &form);
        assert!(written.contains("[clean]\nareas = [\"working-sets\", \"standby-list\", \"combine-lists\"]"));
        // back to the default set: the empty list, which follows the OS's defaults
        let editor = ConfigEditor::open(&dir.path().join("memsweep.toml")).unwrap();
        let mut back = Form::from_config(&editor.check("windows", &areas()).unwrap(), &areas(), "windows", None);
        back.set(&Field::Area("standby-list"), Value::Flag(false));
        assert_eq!(back.edits().unwrap(), [Edit::Key { table: Some("clean"), key: "areas", value: toml_strings(&[]) }]);
        // ticked and unticked again: no change
        let (_dir, _, mut same) = open_form(USER_FILE, "windows");
        same.set(&Field::Area("standby-list"), Value::Flag(true));
        same.set(&Field::Area("standby-list"), Value::Flag(false));
        assert!(!same.changed());
    }

    #[test]
    fn lists_choices_flags_and_the_language_are_written_as_the_config_spells_them() {
        let (dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::Exclude, text("game.exe\n\n  C:\\DAW\\daw.exe  \n"));
        form.set(&Field::PauseWhile, text("bench.exe"));
        form.set(
            &Field::LeftClick,
            Value::Choice(ClickAction::ALL.iter().position(|a| *a == ClickAction::Settings).unwrap()),
        );
        form.set(&Field::Icon, Value::Choice(2));
        form.set(&Field::Notifications, Value::Flag(false));
        form.set(&Field::Language, Value::Choice(2));
        let config = form.validate(&editor, &areas()).unwrap();
        assert_eq!(config.clean.exclude, ["game.exe", "C:\\DAW\\daw.exe"]);
        assert_eq!(config.tray.left_click, ClickAction::Settings);
        assert_eq!(config.tray.icon, IconFigure::Commit);
        assert_eq!(config.language, memsweep_core::config::Language::SimplifiedChinese);
        let written = saved(&dir, &form);
        assert!(written.contains("language = \"zh-CN\" # English please"), "{written}");
        assert!(written.contains("notifications = false"), "{written}");
    }

    #[test]
    fn refused_values_name_their_field_and_the_configs_reason() {
        let (dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::Hotkey, text("Ctrl+Alt+F99"));
        let problem = form.validate(&editor, &areas()).unwrap_err();
        assert_eq!(problem.field, Some(Field::Hotkey));
        assert!(problem.message.starts_with("memsweep.toml:8:10: tray.hotkey: 'F99' is not a key"), "{problem:?}");
        assert!(form.save(&dir.path().join("memsweep.toml"), &areas()).is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("memsweep.toml")).unwrap(), USER_FILE, "nothing written");

        let (_dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::RuleValue(RuleKind::Usage, 0), text("ninety"));
        assert_eq!(
            form.validate(&editor, &areas()).unwrap_err(),
            Problem { field: Some(Field::RuleValue(RuleKind::Usage, 0)), message: NOT_A_NUMBER.into() }
        );
        form.set(&Field::RuleValue(RuleKind::Usage, 0), text("170"));
        let problem = form.validate(&editor, &areas()).unwrap_err();
        assert_eq!(problem.field, Some(Field::RuleValue(RuleKind::Usage, 0)));
        assert!(problem.message.contains("170 is not a percentage"), "{problem:?}");

        // across fields: warning at or above danger names the field changed last in form order
        let (_dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::DangerPercent, text("50"));
        let problem = form.validate(&editor, &areas()).unwrap_err();
        assert_eq!(problem.field, Some(Field::DangerPercent));
        assert!(problem.message.contains("warning_percent must be below tray.danger_percent"), "{problem:?}");
        form.set(&Field::WarningPercent, text("40"));
        assert!(form.validate(&editor, &areas()).is_ok(), "together they are fine");

        // a new rule: the value the config refuses, not the switch
        let (_dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::RuleOn(RuleKind::Interval), Value::Flag(true));
        form.set(&Field::RuleValue(RuleKind::Interval, 0), text("0"));
        let problem = form.validate(&editor, &areas()).unwrap_err();
        assert_eq!(problem.field, Some(Field::RuleValue(RuleKind::Interval, 0)), "{problem:?}");
        form.set(&Field::RuleOn(RuleKind::CachePressure), Value::Flag(true));
        form.set(&Field::RuleValue(RuleKind::Interval, 0), text("15"));
        form.set(&Field::RuleValue(RuleKind::CachePressure, 1), text("-1"));
        let problem = form.validate(&editor, &areas()).unwrap_err();
        assert_eq!(problem.field, Some(Field::RuleValue(RuleKind::CachePressure, 1)), "{problem:?}");
        assert!(problem.message.contains("-1"), "{problem:?}");

        let (_dir, editor, mut form) = open_form(USER_FILE, "windows");
        form.set(&Field::WarningColor, text("orange"));
        let problem = form.validate(&editor, &areas()).unwrap_err();
        assert_eq!(problem.field, Some(Field::WarningColor));
        assert!(problem.message.contains("not a colour"), "{problem:?}");
    }

    #[test]
    fn a_save_keeps_what_changed_in_the_file_meanwhile_and_start_at_login_is_apart() {
        let (dir, _, mut form) = open_form(USER_FILE, "windows");
        let path = dir.path().join("memsweep.toml");
        let meanwhile = USER_FILE.replace("min_gap_seconds = 60", "min_gap_seconds = 90");
        std::fs::write(&path, &meanwhile).unwrap();
        form.set(&Field::Hotkey, text("Alt+F2"));
        form.set(&Field::StartAtLogin, Value::Flag(true));
        assert_eq!(form.start_at_login_change(), Some(true));
        let written = saved(&dir, &form);
        assert_eq!(changed_lines(&meanwhile, &written), ["hotkey = \"Alt+F2\""]);
        form.saved();
        assert!(!form.changed());
        assert_eq!(form.start_at_login_change(), None);
    }

    #[test]
    fn without_a_file_the_defaults_are_shown_and_a_save_writes_the_commented_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        let editor = ConfigEditor::open(&path).unwrap();
        let form = Form::from_config(&Config::default(), &areas(), "linux", None);
        assert_eq!(form.get(&Field::RuleOn(RuleKind::Usage)), Some(&Value::Flag(false)));
        let mut form = form;
        form.set(&Field::RuleOn(RuleKind::Pressure), Value::Flag(true));
        form.validate(&editor, &areas()).unwrap();
        form.save(&path, &areas()).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with("# memsweep configuration."), "{written}");
        assert!(written.ends_with("[[rules]]\nkind = \"pressure\"\nsome_avg10_percent = 10\n"), "{written}");
    }
}
