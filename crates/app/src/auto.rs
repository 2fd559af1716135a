//! Automatic cleaning, the one engine of `memsweep watch`, the tray (and the service): the rules
//! of the config, the `pause_while` check and the history poll, answering each tick with idle,
//! held (why) or a clean to run. The caller runs the clean (its own thread, its own lock) and
//! says how it went.

use std::path::PathBuf;

use memsweep_core::config::Config;
use memsweep_core::process::same_name;
use memsweep_core::rules::{Decision, Hold, Observation, RuleEngine, RuleSpec};
use memsweep_core::{AreaStatus, BackendError, CleanRequest, Plan, ProcessInfo, Report};

use crate::history_file::{self, HistoryWatch};
use crate::session::Session;
use crate::Failure;

/// Lists the running processes, for `pause_while` (asked only when a rule is about to fire).
pub type ProcessLister = Box<dyn FnMut() -> Result<Vec<ProcessInfo>, BackendError> + Send>;

/// What one tick decided.
#[derive(Clone, Debug, PartialEq)]
pub enum Tick {
    Idle,
    /// Rule `rule` wants to clean but may not now.
    Held {
        rule: usize,
        hold: Hold,
    },
    Clean(AutoJob),
}

/// A clean a rule asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoJob {
    pub rule: usize,
    /// The rule's description, recorded as the history's trigger.
    pub trigger: String,
    /// Resolved when the config was loaded, not again at every firing.
    pub plan: Plan,
    /// How to run it (keep-lean rules: gently).
    pub request: CleanRequest,
}

pub struct AutoCleaner {
    engine: RuleEngine,
    pause_while: Vec<String>,
    processes: ProcessLister,
    history: HistoryWatch,
    history_changes: u64,
}

impl AutoCleaner {
    /// The engine of a session's config. Interval rules count from the last clean in the history.
    pub fn open(session: &Session, now_ms: u64) -> Result<AutoCleaner, Failure> {
        let backend = session.shared_backend();
        let processes: ProcessLister = Box::new(move || backend.processes());
        AutoCleaner::new(session.config()?, session.areas(), session.history_path()?, processes, now_ms)
    }

    /// The engine of a checked config, for these areas and history file.
    pub fn new(
        config: &Config,
        areas: &[AreaStatus],
        history: PathBuf,
        processes: ProcessLister,
        now_ms: u64,
    ) -> Result<AutoCleaner, Failure> {
        let mut engine = RuleEngine::from_config(config, areas, now_ms)?;
        if let Some(last) = history_file::last_time_ms(&history) {
            engine.note_other_clean(last);
        }
        Ok(AutoCleaner {
            engine,
            pause_while: config.watch.pause_while.clone(),
            processes,
            history: HistoryWatch::new(history),
            history_changes: 0,
        })
    }

    /// Looks at one observation at `now_ms`. A clean recorded in the history by anyone since the
    /// last tick counts for the interval rules first.
    pub fn tick(&mut self, now_ms: u64, seen: &Observation) -> Tick {
        if self.history.poll() {
            self.history_changes += 1;
            if let Some(last) = history_file::last_time_ms(self.history.path()) {
                self.engine.note_other_clean(last);
            }
        }
        let AutoCleaner { engine, pause_while, processes, .. } = self;
        let mut paused = || {
            !pause_while.is_empty()
                && processes().is_ok_and(|running| {
                    running.iter().any(|p| pause_while.iter().any(|name| same_name(name, &p.name)))
                })
        };
        match engine.evaluate(now_ms, seen, &mut paused) {
            Decision::Idle => Tick::Idle,
            Decision::Held { rule, hold } => Tick::Held { rule, hold },
            Decision::Clean { rule, trigger, plan, request } => Tick::Clean(AutoJob { rule, trigger, plan, request }),
        }
    }

    /// The clean of the last [`Tick::Clean`] ended: one that freed little (or failed) lengthens
    /// the gap before the next.
    pub fn finished(&mut self, outcome: Result<&Report, &Failure>) {
        self.engine.record_result(outcome.map_or(0, Report::freed_bytes));
    }

    pub fn rules(&self) -> &[RuleSpec] {
        self.engine.rules()
    }

    /// Switches a rule on or off for this run (the tray's menu).
    pub fn set_enabled(&mut self, rule: usize, on: bool) {
        self.engine.set_enabled(rule, on);
    }

    /// The current gap between automatic cleans, backoff included.
    pub fn gap_ms(&self) -> u64 {
        self.engine.gap_ms()
    }

    pub fn history_path(&self) -> &std::path::Path {
        self.history.path()
    }

    /// How many times the history file was seen to change (for readers of its counters).
    pub fn history_changes(&self) -> u64 {
        self.history_changes
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::history::HistoryEntry;
    use memsweep_core::report::{Tally, SCHEMA};
    use memsweep_core::{Area, Stage, Support};

    use super::*;

    fn areas() -> Vec<AreaStatus> {
        vec![AreaStatus {
            area: Area { default_on: true, ..Area::new("page-cache", Stage::Purge) },
            support: Support::Supported,
        }]
    }

    fn config(text: &str) -> Config {
        let config = Config::parse("t.toml", text).unwrap();
        config.check("t.toml", text, "linux", &areas()).unwrap();
        config
    }

    fn record(path: &std::path::Path, at_ms: u64) {
        let report = Report {
            schema: SCHEMA.into(),
            os: "linux".into(),
            dry_run: false,
            started_at_ms: at_ms,
            duration_us: 1,
            areas: Vec::new(),
            totals: Vec::new(),
            tally: Tally::default(),
            cancelled: false,
        };
        history_file::append(path, &HistoryEntry::new("manual", report)).unwrap();
    }

    fn idle_machine() -> Observation {
        Observation { used_percent: 10.0, ..Default::default() }
    }

    fn nothing_runs() -> ProcessLister {
        Box::new(|| Ok(Vec::new()))
    }

    #[test]
    fn a_clean_recorded_by_someone_else_resets_the_interval_rules() {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        let rules = config("[[rules]]\nkind = \"interval\"\nminutes = 1\n");
        let mut auto = AutoCleaner::new(&rules, &areas(), history.clone(), nothing_runs(), 0).unwrap();
        assert_eq!(auto.tick(30_000, &idle_machine()), Tick::Idle);
        record(&history, 50_000); // `memsweep clean` in another process
        assert_eq!(auto.tick(61_000, &idle_machine()), Tick::Idle, "the interval counts from 50 s now");
        assert_eq!(auto.history_changes(), 1);
        let Tick::Clean(job) = auto.tick(110_000, &idle_machine()) else { panic!("the rule fires a minute later") };
        assert_eq!(job.trigger, "every 1 min");
        assert_eq!(job.plan.ids(), ["page-cache"], "the default set, resolved when the config was loaded");
    }

    #[test]
    fn a_rules_clean_carries_the_configs_exclusions() {
        let dir = tempfile::tempdir().unwrap();
        let rules = config("[clean]\nexclude = [\"game.exe\"]\n[[rules]]\nkind = \"usage\"\npercent = 50\n");
        let mut auto = AutoCleaner::new(&rules, &areas(), dir.path().join("h"), nothing_runs(), 0).unwrap();
        let full = Observation { used_percent: 99.0, ..Default::default() };
        let Tick::Clean(job) = auto.tick(0, &full) else { panic!("the usage rule fires") };
        assert_eq!(job.request.exclude, ["game.exe"], "Windows' working-sets keeps it");
    }

    #[test]
    fn the_history_before_start_counts_too() {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        record(&history, 100_000);
        let rules = config("[[rules]]\nkind = \"interval\"\nminutes = 1\n");
        let mut auto = AutoCleaner::new(&rules, &areas(), history, nothing_runs(), 0).unwrap();
        assert_eq!(auto.tick(150_000, &idle_machine()), Tick::Idle);
        assert!(matches!(auto.tick(160_000, &idle_machine()), Tick::Clean(_)));
    }

    #[test]
    fn pause_while_holds_and_failures_back_off() {
        let dir = tempfile::tempdir().unwrap();
        let rules = config("[watch]\npause_while = [\"Game.exe\"]\n[[rules]]\nkind = \"usage\"\npercent = 50\n");
        let game: ProcessLister = Box::new(|| Ok(vec![ProcessInfo { pid: 7, name: "game".into(), resident_bytes: 0 }]));
        let full = Observation { used_percent: 99.0, ..Default::default() };
        let mut paused = AutoCleaner::new(&rules, &areas(), dir.path().join("h"), game, 0).unwrap();
        assert_eq!(paused.tick(0, &full), Tick::Held { rule: 0, hold: Hold::Paused });

        let mut auto = AutoCleaner::new(&rules, &areas(), dir.path().join("h"), nothing_runs(), 0).unwrap();
        assert!(matches!(auto.tick(0, &full), Tick::Clean(_)));
        let gap = auto.gap_ms();
        auto.finished(Err(&Failure::from(memsweep_core::NeedPrivilege::Root)));
        assert_eq!(auto.gap_ms(), 2 * gap, "a clean that freed nothing doubles the gap");
    }
}
