//! The rule engine of automatic cleaning: pure logic on a clock and observations the caller
//! supplies, so it is tested on a simulated clock and cannot loop whatever memory does.
//!
//! Guarantees: two automatic cleans are never closer than the gap (the configured minimum,
//! doubled after every clean that freed less than the floor, up to a maximum); a usage rule
//! fires once per excursion (re-armed only below its percent minus the margin); nothing fires
//! while paused; drops and compactions wait while memory pressure is above the guard.

use crate::backend::CleanRequest;
use crate::config::{Config, Rule};
use crate::gentle::GentleReclaim;
use crate::plan::{Plan, PlanError};
use crate::units::ReclaimAmount;
use crate::AreaStatus;

pub use crate::snapshot::Observation;

#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    UsageAtLeast(f64),
    Every {
        ms: u64,
    },
    CachePressure {
        cache_at_least: u64,
        free_below: u64,
    },
    PressureAtLeast(f64),
    /// Cold cache at least this, while pressure (known) is below `pressure_below`.
    KeepLean {
        cold_at_least: u64,
        pressure_below: f64,
    },
}

/// One rule, resolved against this OS's areas once, when the engine is built.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSpec {
    /// "usage >= 90%": what the history records as the trigger.
    pub name: String,
    pub condition: Condition,
    /// What the rule cleans, and how.
    pub plan: Plan,
    pub request: CleanRequest,
    pub run_under_pressure: bool,
    pub enabled: bool,
}

impl RuleSpec {
    /// The PSI `some` percent a pressure rule waits for (what a daemon's trigger must catch).
    pub fn pressure_threshold(&self) -> Option<f64> {
        match self.condition {
            Condition::PressureAtLeast(percent) => Some(percent),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub min_gap_ms: u64,
    pub max_gap_ms: u64,
    pub backoff_floor_bytes: u64,
    pub usage_margin: f64,
    pub pressure_guard: f64,
    /// While paused, the pause is looked at again only this often (listing processes costs).
    pub pause_recheck_ms: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Hold {
    /// A rule wants to clean but the gap since the last clean is not over.
    Cooldown { until_ms: u64 },
    /// A pause_while process runs.
    Paused,
    /// Memory pressure is above the guard and the rule would drop or compact.
    Pressure { some_avg10: f64 },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    Idle,
    Clean { rule: usize, trigger: String, plan: Plan, request: CleanRequest },
    Held { rule: usize, hold: Hold },
}

pub struct RuleEngine {
    rules: Vec<RuleSpec>,
    limits: Limits,
    /// Last automatic clean (for the gap).
    last_auto_ms: Option<u64>,
    /// Last clean of any kind (for interval rules); starts at engine creation.
    last_any_ms: u64,
    backoff_level: u32,
    armed: Vec<bool>,
    pause_until_ms: Option<u64>,
}

impl RuleEngine {
    pub fn new(rules: Vec<RuleSpec>, limits: Limits, now_ms: u64) -> RuleEngine {
        let armed = vec![true; rules.len()];
        RuleEngine {
            rules,
            limits,
            last_auto_ms: None,
            last_any_ms: now_ms,
            backoff_level: 0,
            armed,
            pause_until_ms: None,
        }
    }

    /// The engine for a config, with rule areas resolved against this OS's areas (a checked
    /// config names only areas that exist, so an error here means it was not checked).
    pub fn from_config(config: &Config, areas: &[AreaStatus], now_ms: u64) -> Result<RuleEngine, PlanError> {
        let rules = config
            .rules
            .iter()
            .map(|spanned| {
                let rule = spanned.get_ref();
                Ok(RuleSpec {
                    name: rule.describe(),
                    condition: match rule {
                        Rule::Usage(r) => Condition::UsageAtLeast(r.percent.0),
                        Rule::Interval(r) => Condition::Every { ms: r.minutes.get().saturating_mul(60_000) },
                        Rule::CachePressure(r) => Condition::CachePressure {
                            cache_at_least: r.cache_mib.saturating_mul(1 << 20),
                            free_below: r.free_below_mib.saturating_mul(1 << 20),
                        },
                        Rule::Pressure(r) => Condition::PressureAtLeast(r.some_avg10_percent.0),
                        Rule::KeepLean(r) => Condition::KeepLean {
                            cold_at_least: r.cold_above_mib.saturating_mul(1 << 20),
                            pressure_below: r.target_percent.0,
                        },
                    },
                    // The config's exclusions: Windows' working-sets keeps those processes.
                    request: CleanRequest { exclude: config.clean.exclude.clone(), ..request_for(rule) },
                    plan: Plan::build(areas, &rule.selection())?,
                    run_under_pressure: rule.run_under_pressure(),
                    enabled: rule.enabled(),
                })
            })
            .collect::<Result<_, PlanError>>()?;
        let watch = &config.watch;
        let limits = Limits {
            min_gap_ms: watch.min_gap_seconds.saturating_mul(1000),
            max_gap_ms: watch.max_backoff_seconds.max(watch.min_gap_seconds).saturating_mul(1000),
            backoff_floor_bytes: watch.backoff_floor_mib.saturating_mul(1 << 20),
            usage_margin: watch.usage_margin_percent,
            pressure_guard: watch.pressure_guard_percent.0,
            pause_recheck_ms: 10_000,
        };
        Ok(RuleEngine::new(rules, limits, now_ms))
    }

    pub fn rules(&self) -> &[RuleSpec] {
        &self.rules
    }

    pub fn set_enabled(&mut self, rule: usize, on: bool) {
        if let Some(spec) = self.rules.get_mut(rule) {
            spec.enabled = on;
        }
    }

    /// The current gap between automatic cleans, backoff included.
    pub fn gap_ms(&self) -> u64 {
        let doubled = self.limits.min_gap_ms.saturating_mul(1u64 << self.backoff_level.min(32));
        doubled.min(self.limits.max_gap_ms.max(self.limits.min_gap_ms))
    }

    fn fires(&self, index: usize, rule: &RuleSpec, now_ms: u64, seen: &Observation) -> bool {
        match rule.condition {
            Condition::UsageAtLeast(percent) => self.armed[index] && seen.used_percent >= percent,
            Condition::Every { ms } => now_ms.saturating_sub(self.last_any_ms) >= ms,
            Condition::CachePressure { cache_at_least, free_below } => {
                match (seen.droppable_cache_bytes, seen.free_bytes) {
                    (Some(cache), Some(free)) => cache >= cache_at_least && free < free_below,
                    _ => false,
                }
            }
            Condition::PressureAtLeast(level) => seen.pressure_some_avg10.is_some_and(|p| p >= level),
            Condition::KeepLean { cold_at_least, pressure_below } => {
                seen.cold_cache_bytes.is_some_and(|cold| cold >= cold_at_least)
                    && seen.pressure_some_avg10.is_some_and(|p| p < pressure_below)
            }
        }
    }

    /// Looks at one observation. `paused` is asked only when a rule is about to fire, and then
    /// at most every `pause_recheck_ms`.
    pub fn evaluate(&mut self, now_ms: u64, seen: &Observation, paused: &mut dyn FnMut() -> bool) -> Decision {
        for (index, rule) in self.rules.iter().enumerate() {
            if let Condition::UsageAtLeast(percent) = rule.condition {
                if seen.used_percent < percent - self.limits.usage_margin {
                    self.armed[index] = true;
                }
            }
        }
        let Some(index) =
            (0..self.rules.len()).find(|&i| self.rules[i].enabled && self.fires(i, &self.rules[i], now_ms, seen))
        else {
            return Decision::Idle;
        };
        if let Some(last) = self.last_auto_ms {
            let until_ms = last.saturating_add(self.gap_ms());
            if now_ms < until_ms {
                return Decision::Held { rule: index, hold: Hold::Cooldown { until_ms } };
            }
        }
        let rule = &self.rules[index];
        if rule.plan.drops_or_compacts() && !rule.run_under_pressure {
            if let Some(some_avg10) = seen.pressure_some_avg10.filter(|&p| p >= self.limits.pressure_guard) {
                return Decision::Held { rule: index, hold: Hold::Pressure { some_avg10 } };
            }
        }
        if self.pause_until_ms.is_some_and(|until| now_ms < until) {
            return Decision::Held { rule: index, hold: Hold::Paused };
        }
        if paused() {
            self.pause_until_ms = Some(now_ms.saturating_add(self.limits.pause_recheck_ms));
            return Decision::Held { rule: index, hold: Hold::Paused };
        }
        self.pause_until_ms = None;
        self.armed[index] = false;
        self.last_auto_ms = Some(now_ms);
        self.last_any_ms = now_ms;
        Decision::Clean {
            rule: index,
            trigger: rule.name.clone(),
            plan: rule.plan.clone(),
            request: rule.request.clone(),
        }
    }

    /// After an automatic clean: a clean that freed less than the floor doubles the gap.
    pub fn record_result(&mut self, freed_bytes: u64) {
        if freed_bytes < self.limits.backoff_floor_bytes {
            self.backoff_level = (self.backoff_level + 1).min(32);
        } else {
            self.backoff_level = 0;
        }
    }

    /// A clean memsweep did not start itself (a manual `memsweep clean`): interval rules count
    /// from it too.
    pub fn note_other_clean(&mut self, at_ms: u64) {
        self.last_any_ms = self.last_any_ms.max(at_ms);
    }
}

/// How a rule's areas run: keep-lean rules reclaim gently with their own target and maximum.
fn request_for(rule: &Rule) -> CleanRequest {
    match rule {
        Rule::KeepLean(r) => CleanRequest {
            gentle: true,
            gentle_reclaim: GentleReclaim {
                target_percent: r.target_percent.0,
                max: r.max_mib.map(|m| ReclaimAmount::Bytes(m.get().saturating_mul(1 << 20))),
                ..GentleReclaim::default()
            },
            ..CleanRequest::default()
        },
        _ => CleanRequest::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::{Area, Stage, Support};

    const MIB: u64 = 1 << 20;

    fn limits() -> Limits {
        Limits {
            min_gap_ms: 60_000,
            max_gap_ms: 3_600_000,
            backoff_floor_bytes: 64 * MIB,
            usage_margin: 5.0,
            pressure_guard: 20.0,
            pause_recheck_ms: 10_000,
        }
    }

    /// A rule cleaning the page cache (which the pressure guard holds back) or only writing
    /// dirty data (which it lets through).
    fn rule(condition: Condition, drops: bool) -> RuleSpec {
        let area = if drops { Area::new("page-cache", Stage::Purge) } else { Area::new("dirty", Stage::Flush) };
        RuleSpec {
            name: "r".into(),
            condition,
            plan: Plan { areas: vec![AreaStatus { area, support: Support::Supported }] },
            request: CleanRequest::default(),
            run_under_pressure: false,
            enabled: true,
        }
    }

    fn usage(percent: f64) -> Observation {
        Observation { used_percent: percent, ..Default::default() }
    }

    fn never_paused() -> impl FnMut() -> bool {
        || false
    }

    #[test]
    fn usage_fires_at_threshold_and_rearms_below_the_margin() {
        let mut engine = RuleEngine::new(vec![rule(Condition::UsageAtLeast(90.0), true)], limits(), 0);
        let mut paused = never_paused();
        assert_eq!(engine.evaluate(1_000, &usage(89.9), &mut paused), Decision::Idle);
        assert!(matches!(engine.evaluate(2_000, &usage(90.0), &mut paused), Decision::Clean { rule: 0, .. }));
        engine.record_result(500 * MIB);
        // still high long after the gap: not again, it has not dropped below 85%
        assert_eq!(engine.evaluate(200_000, &usage(95.0), &mut paused), Decision::Idle);
        assert_eq!(engine.evaluate(201_000, &usage(86.0), &mut paused), Decision::Idle);
        assert_eq!(engine.evaluate(202_000, &usage(84.9), &mut paused), Decision::Idle);
        assert!(matches!(engine.evaluate(203_000, &usage(91.0), &mut paused), Decision::Clean { .. }));
    }

    #[test]
    fn the_gap_holds_and_backs_off_when_cleans_free_little() {
        let cache = Observation {
            used_percent: 50.0,
            droppable_cache_bytes: Some(2048 * MIB),
            free_bytes: Some(100 * MIB),
            pressure_some_avg10: None,
            cold_cache_bytes: None,
        };
        let condition = Condition::CachePressure { cache_at_least: 1024 * MIB, free_below: 512 * MIB };
        let mut engine = RuleEngine::new(vec![rule(condition, true)], limits(), 0);
        let mut paused = never_paused();
        assert!(matches!(engine.evaluate(0, &cache, &mut paused), Decision::Clean { .. }));
        engine.record_result(MIB); // freed little: the gap doubles to 120 s
        assert_eq!(
            engine.evaluate(60_000, &cache, &mut paused),
            Decision::Held { rule: 0, hold: Hold::Cooldown { until_ms: 120_000 } }
        );
        assert!(matches!(engine.evaluate(120_000, &cache, &mut paused), Decision::Clean { .. }));
        engine.record_result(MIB); // again: 240 s
        assert!(matches!(engine.evaluate(359_999, &cache, &mut paused), Decision::Held { .. }));
        assert!(matches!(engine.evaluate(360_000, &cache, &mut paused), Decision::Clean { .. }));
        engine.record_result(512 * MIB); // freed enough: back to 60 s
        assert!(matches!(engine.evaluate(420_000, &cache, &mut paused), Decision::Clean { .. }));
        // free memory not low: nothing
        let roomy = Observation { free_bytes: Some(4096 * MIB), ..cache };
        assert_eq!(engine.evaluate(900_000, &roomy, &mut paused), Decision::Idle);
        // unreadable lists (Windows without privilege): nothing, never a guess
        let unknown = Observation { droppable_cache_bytes: None, ..cache };
        assert_eq!(engine.evaluate(900_000, &unknown, &mut paused), Decision::Idle);
    }

    #[test]
    fn backoff_never_exceeds_the_maximum() {
        let mut engine = RuleEngine::new(vec![rule(Condition::Every { ms: 1 }, false)], limits(), 0);
        for _ in 0..100 {
            engine.record_result(0);
        }
        assert_eq!(engine.gap_ms(), 3_600_000);
    }

    #[test]
    fn interval_counts_from_the_last_clean_of_any_kind() {
        let mut engine = RuleEngine::new(vec![rule(Condition::Every { ms: 600_000 }, false)], limits(), 0);
        let mut paused = never_paused();
        assert_eq!(engine.evaluate(599_999, &usage(10.0), &mut paused), Decision::Idle);
        engine.note_other_clean(500_000);
        assert_eq!(engine.evaluate(600_000, &usage(10.0), &mut paused), Decision::Idle);
        assert!(matches!(engine.evaluate(1_100_000, &usage(10.0), &mut paused), Decision::Clean { .. }));
    }

    #[test]
    fn pause_holds_and_is_rechecked_sparingly() {
        let mut engine = RuleEngine::new(vec![rule(Condition::UsageAtLeast(50.0), true)], limits(), 0);
        let mut asked = 0;
        let mut game_running = || {
            asked += 1;
            true
        };
        for second in 0..30 {
            let d = engine.evaluate(second * 1000, &usage(99.0), &mut game_running);
            assert_eq!(d, Decision::Held { rule: 0, hold: Hold::Paused });
        }
        assert_eq!(asked, 3, "the process list is looked at every 10 s, not every poll");
        let mut game_gone = never_paused();
        assert!(matches!(engine.evaluate(30_000, &usage(99.0), &mut game_gone), Decision::Clean { .. }));
    }

    #[test]
    fn the_pressure_guard_holds_drops_unless_the_rule_allows() {
        let stalling = Observation { used_percent: 95.0, pressure_some_avg10: Some(35.0), ..Default::default() };
        let mut paused = never_paused();
        let mut engine = RuleEngine::new(vec![rule(Condition::UsageAtLeast(90.0), true)], limits(), 0);
        assert_eq!(
            engine.evaluate(0, &stalling, &mut paused),
            Decision::Held { rule: 0, hold: Hold::Pressure { some_avg10: 35.0 } }
        );
        let mut flush_only = RuleEngine::new(vec![rule(Condition::UsageAtLeast(90.0), false)], limits(), 0);
        assert!(matches!(flush_only.evaluate(0, &stalling, &mut paused), Decision::Clean { .. }));
        let mut allowed = rule(Condition::PressureAtLeast(30.0), true);
        allowed.run_under_pressure = true;
        let mut engine = RuleEngine::new(vec![allowed], limits(), 0);
        assert!(matches!(engine.evaluate(0, &stalling, &mut paused), Decision::Clean { .. }));
    }

    #[test]
    fn keep_lean_fires_on_cold_cache_only_while_there_is_no_pressure() {
        let condition = Condition::KeepLean { cold_at_least: 1024 * MIB, pressure_below: 0.1 };
        let seen = |cold, psi| Observation {
            used_percent: 10.0,
            cold_cache_bytes: Some(cold * MIB),
            pressure_some_avg10: psi,
            ..Default::default()
        };
        let mut engine = RuleEngine::new(vec![rule(condition.clone(), false)], limits(), 0);
        let mut paused = never_paused();
        assert_eq!(engine.evaluate(0, &seen(512, Some(0.0)), &mut paused), Decision::Idle, "little cold cache");
        assert_eq!(engine.evaluate(0, &seen(4096, Some(0.5)), &mut paused), Decision::Idle, "pressure above target");
        assert_eq!(engine.evaluate(0, &seen(4096, None), &mut paused), Decision::Idle, "no PSI: never a guess");
        assert!(matches!(engine.evaluate(0, &seen(4096, Some(0.0)), &mut paused), Decision::Clean { .. }));
        assert!(matches!(engine.evaluate(1000, &seen(4096, Some(0.0)), &mut paused), Decision::Held { .. }), "gap");
    }

    #[test]
    fn keep_lean_rules_reclaim_gently_with_their_own_limits() {
        let text = "[[rules]]\nkind = \"keep-lean\"\ncold_above_mib = 2048\nmax_mib = 512\n";
        let config = Config::parse("t.toml", text).unwrap();
        let areas = vec![AreaStatus {
            area: Area { takes_amount: true, ..Area::new("reclaim", Stage::Trim) },
            support: Support::Supported,
        }];
        let engine = RuleEngine::from_config(&config, &areas, 0).unwrap();
        let spec = &engine.rules()[0];
        assert_eq!(spec.plan.ids(), ["reclaim"]);
        assert!(spec.request.gentle);
        assert_eq!(spec.request.gentle_reclaim.max, Some(ReclaimAmount::Bytes(512 * MIB)));
        assert_eq!(spec.request.gentle_reclaim.target_percent, 0.1);
        assert_eq!(spec.name, "keep lean: cold cache >= 2048 MiB");
    }

    #[test]
    fn disabled_rules_never_fire() {
        let mut off = rule(Condition::UsageAtLeast(10.0), false);
        off.enabled = false;
        let mut engine = RuleEngine::new(vec![off], limits(), 0);
        assert_eq!(engine.evaluate(0, &usage(99.0), &mut never_paused()), Decision::Idle);
        engine.set_enabled(0, true);
        assert!(matches!(engine.evaluate(0, &usage(99.0), &mut never_paused()), Decision::Clean { .. }));
    }

    #[test]
    fn a_hundred_thousand_ticks_stuck_at_99_percent_clean_a_bounded_number_of_times() {
        // every kind of rule at once, all true all the time, nothing ever freed
        let stuck = Observation {
            used_percent: 99.0,
            droppable_cache_bytes: Some(8192 * MIB),
            free_bytes: Some(MIB),
            pressure_some_avg10: Some(5.0),
            cold_cache_bytes: Some(8192 * MIB),
        };
        let rules = vec![
            rule(Condition::UsageAtLeast(90.0), true),
            rule(Condition::CachePressure { cache_at_least: MIB, free_below: 512 * MIB }, true),
            rule(Condition::PressureAtLeast(1.0), true),
            rule(Condition::Every { ms: 1_000 }, true),
        ];
        let mut engine = RuleEngine::new(rules, limits(), 0);
        let mut cleans = Vec::new();
        for tick in 0..100_000u64 {
            let now = tick * 1000;
            if let Decision::Clean { .. } = engine.evaluate(now, &stuck, &mut never_paused()) {
                cleans.push(now);
                engine.record_result(0);
            }
        }
        // gaps 60, 120, 240, ... 3600 s: 100 000 s hold about 33 cleans, never more
        assert!(cleans.len() <= 40, "{} cleans", cleans.len());
        assert!(cleans.windows(2).all(|w| w[1] - w[0] >= 60_000));
        // and with cleans that free plenty, still never closer than the minimum gap
        let mut engine = RuleEngine::new(vec![rule(Condition::Every { ms: 1 }, false)], limits(), 0);
        let mut count = 0;
        for tick in 0..100_000u64 {
            if let Decision::Clean { .. } = engine.evaluate(tick * 1000, &stuck, &mut never_paused()) {
                count += 1;
                engine.record_result(u64::MAX);
            }
        }
        assert_eq!(count, 100_000 / 60 + 1);
    }
}
