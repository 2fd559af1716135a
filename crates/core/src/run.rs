//! Running a plan through a backend: measure, clean, measure, one area at a time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::area::{Area, Metric, Support};
use crate::backend::{AreaError, Backend, CleanRequest, NeedPrivilege};
use crate::plan::Plan;
use crate::report::{self, AreaReport, Change, Outcome, Report, Tally};
use crate::snapshot::Snapshot;

#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions<'a> {
    /// Measure and describe, change nothing.
    pub dry_run: bool,
    /// When set (Ctrl-C, SIGTERM), the area in progress finishes and the rest are skipped.
    pub cancel: Option<&'a AtomicBool>,
}

/// Progress, for front ends that show it live.
#[derive(Debug)]
pub enum RunEvent<'a> {
    Starting(&'a Area),
    Finished(&'a AreaReport),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RunError {
    /// The process lacks root / Administrator. Nothing was done.
    #[error(transparent)]
    NoPermission(#[from] NeedPrivilege),
}

/// Figures a report's totals compare, first measurement against last, where the OS has them.
const TOTAL_METRICS: [Metric; 9] = [
    Metric::Available,
    Metric::Free,
    Metric::FileCache,
    Metric::Dirty,
    Metric::Slab,
    Metric::Standby,
    Metric::Modified,
    Metric::Zeroed,
    Metric::UnusableHugeIndex,
];

pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// Runs `plan` area by area. One area failing never stops the others. Privilege is checked
/// first (unless `dry_run`), so a refused clean has changed nothing.
pub fn execute(
    backend: &dyn Backend,
    plan: &Plan,
    request: &CleanRequest,
    options: RunOptions<'_>,
    on_event: &mut dyn FnMut(RunEvent<'_>),
) -> Result<Report, RunError> {
    if !options.dry_run {
        backend.check_privilege()?;
    }
    let started_at_ms = now_ms();
    let started = Instant::now();
    let first = measure(backend, options.dry_run);
    let mut current = first.clone();
    let mut areas = Vec::with_capacity(plan.areas.len());
    let mut cancelled = false;

    for status in &plan.areas {
        let area = &status.area;
        on_event(RunEvent::Starting(area));
        cancelled |= options.cancel.is_some_and(|flag| flag.load(Ordering::SeqCst));
        let report = if cancelled {
            not_run(area, Outcome::Skipped, "stopped before this area ran".into())
        } else if let Support::Unsupported(reason) = &status.support {
            not_run(area, Outcome::Unsupported, reason.clone())
        } else if area.per_process && request.targets.is_empty() {
            not_run(area, Outcome::Skipped, "no process selected (use --pid, --name or --all-processes)".into())
        } else if options.dry_run {
            planned(area, current.as_ref(), request)
        } else {
            let (report, after) = run_area(backend, area, request, current.as_ref());
            current = after;
            report
        };
        on_event(RunEvent::Finished(&report));
        areas.push(report);
    }

    let totals = match (&first, &current) {
        (Some(first), Some(last)) if !options.dry_run => TOTAL_METRICS
            .iter()
            .map(|&m| Change::new(m.key(), m.unit(), first.metric(m), last.metric(m)))
            .filter(|c| c.before.is_some() || c.after.is_some())
            .collect(),
        _ => Vec::new(),
    };
    Ok(Report {
        schema: report::SCHEMA.to_string(),
        os: backend.os().to_string(),
        dry_run: options.dry_run,
        started_at_ms,
        duration_us: started.elapsed().as_micros() as u64,
        tally: tally(&areas),
        areas,
        totals,
        cancelled,
    })
}

fn measure(backend: &dyn Backend, dry_run: bool) -> Option<Snapshot> {
    if !dry_run {
        backend.settle_counters();
    }
    backend.snapshot().ok()
}

fn run_area(
    backend: &dyn Backend,
    area: &Area,
    request: &CleanRequest,
    before: Option<&Snapshot>,
) -> (AreaReport, Option<Snapshot>) {
    let started = Instant::now();
    let result = backend.clean(area, request);
    let duration_us = started.elapsed().as_micros() as u64;
    let after = measure(backend, false);
    let mut changes: Vec<Change> = area
        .affects
        .iter()
        .map(|&m| {
            let value = |s: Option<&Snapshot>| s.and_then(|s| s.metric(m));
            Change::new(m.key(), m.unit(), value(before), value(after.as_ref()))
        })
        .collect();
    let unreadable: Vec<&str> = changes.iter().filter(|c| c.delta().is_none()).map(|c| c.metric.as_str()).collect();
    // Never let a successful call pass for freed memory when the figures could not be read.
    let unmeasured = (!unreadable.is_empty()).then(|| {
        format!("the call succeeded, but {} could not be read: what it freed is unknown", unreadable.join(", "))
    });
    let (outcome, reason, notes) = match result {
        Ok(effect) => {
            changes.extend(effect.changes);
            (Outcome::Done, None, effect.notes.into_iter().chain(unmeasured).collect())
        }
        Err(AreaError::Unsupported(reason)) => (Outcome::Unsupported, Some(reason), Vec::new()),
        Err(AreaError::Skipped(reason)) => (Outcome::Skipped, Some(reason), Vec::new()),
        Err(AreaError::Failed(reason)) => (Outcome::Failed, Some(reason), Vec::new()),
    };
    let report =
        AreaReport { id: area.id.to_string(), outcome, reason, duration_us, changes, notes, estimate_bytes: None };
    (report, after)
}

fn not_run(area: &Area, outcome: Outcome, reason: String) -> AreaReport {
    AreaReport {
        id: area.id.to_string(),
        outcome,
        reason: (!reason.is_empty()).then_some(reason),
        duration_us: 0,
        changes: Vec::new(),
        notes: Vec::new(),
        estimate_bytes: None,
    }
}

fn planned(area: &Area, snapshot: Option<&Snapshot>, request: &CleanRequest) -> AreaReport {
    let mut report = not_run(area, Outcome::Planned, String::new());
    let Some(snapshot) = snapshot else {
        return report;
    };
    if area.affects.contains(&Metric::Dirty) && area.stage < crate::area::Stage::Purge {
        // Writing dirty data frees nothing; say how much would be written instead.
        if let Some(dirty) = snapshot.metric(Metric::Dirty) {
            report.notes.push(format!("would write {} of dirty data", crate::units::format_bytes(dirty.max(0) as u64)));
        }
        return report;
    }
    report.estimate_bytes = estimate(area, snapshot, request);
    report
}

/// The most an area could free now, where the snapshot can tell.
fn estimate(area: &Area, snapshot: &Snapshot, request: &CleanRequest) -> Option<u64> {
    if area.per_process {
        return Some(request.targets.iter().map(|p| p.resident_bytes).sum());
    }
    let metric = area.affects.iter().copied().find(|m| !matches!(m, Metric::Available | Metric::Free))?;
    match metric {
        // The droppable cache less its slab part: the clean, unmapped file pages.
        Metric::FileCache => {
            let slab = snapshot.metric(Metric::Slab).unwrap_or(0).max(0) as u64;
            snapshot.memory.droppable_cache_bytes.map(|d| d.saturating_sub(slab))
        }
        Metric::UnusableHugeIndex => None,
        other => snapshot.metric(other).map(|v| v.max(0) as u64),
    }
}

fn tally(areas: &[AreaReport]) -> Tally {
    let mut tally = Tally::default();
    for area in areas {
        match area.outcome {
            Outcome::Done => tally.done += 1,
            Outcome::Skipped => tally.skipped += 1,
            Outcome::Planned => tally.planned += 1,
            Outcome::Unsupported => tally.unsupported += 1,
            Outcome::Failed => tally.failed += 1,
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::area::{AreaStatus, Stage};
    use crate::backend::{AreaEffect, BackendError};
    use crate::plan::Selection;
    use crate::process::ProcessInfo;
    use crate::snapshot::PhysicalMemory;

    /// A backend whose cache shrinks by 100 bytes per area run, and which records the calls.
    struct Fake {
        privileged: bool,
        fail: &'static str,
        calls: RefCell<Vec<&'static str>>,
        cache: RefCell<u64>,
    }

    const AREAS: [(&str, Stage, bool); 4] = [
        ("flush", Stage::Flush, false),
        ("drop", Stage::Purge, false),
        ("squeeze", Stage::Consolidate, false),
        ("proc", Stage::Trim, true),
    ];

    impl Fake {
        fn new(privileged: bool, fail: &'static str) -> Fake {
            Fake { privileged, fail, calls: RefCell::default(), cache: RefCell::new(1000) }
        }
    }

    impl Backend for Fake {
        fn os(&self) -> &'static str {
            "fake"
        }
        fn snapshot(&self) -> Result<Snapshot, BackendError> {
            let cache = *self.cache.borrow();
            Ok(Snapshot {
                schema: crate::snapshot::SCHEMA,
                os: "fake",
                taken_at_ms: 0,
                memory: PhysicalMemory {
                    total_bytes: 4000,
                    available_bytes: 2000 + cache,
                    free_bytes: Some(2000),
                    file_cache_bytes: cache,
                    droppable_cache_bytes: Some(cache),
                },
                swap: None,
                linux: None,
                windows: None,
            })
        }
        fn areas(&self) -> Vec<AreaStatus> {
            AREAS
                .iter()
                .map(|&(id, stage, per_process)| AreaStatus {
                    area: Area { default_on: true, affects: &[Metric::Available], per_process, ..Area::new(id, stage) },
                    support: Support::Supported,
                })
                .collect()
        }
        fn check_privilege(&self) -> Result<(), NeedPrivilege> {
            if self.privileged {
                Ok(())
            } else {
                Err(NeedPrivilege::Root)
            }
        }
        fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
            Ok(Vec::new())
        }
        fn clean(&self, area: &Area, _request: &CleanRequest) -> Result<AreaEffect, AreaError> {
            self.calls.borrow_mut().push(area.id);
            if area.id == self.fail {
                return Err(AreaError::Failed("refused".into()));
            }
            *self.cache.borrow_mut() -= 100;
            Ok(AreaEffect::default())
        }
    }

    fn run(fake: &Fake, selection: Selection, options: RunOptions<'_>) -> Result<Report, RunError> {
        let plan = Plan::build(&fake.areas(), &selection).unwrap();
        execute(fake, &plan, &CleanRequest::default(), options, &mut |_| {})
    }

    #[test]
    fn runs_in_stage_order_and_measures_each_area() {
        let fake = Fake::new(true, "");
        let report = run(&fake, Selection::Defaults, RunOptions::default()).unwrap();
        assert_eq!(*fake.calls.borrow(), ["flush", "drop", "squeeze"]);
        let drop = report.area("drop").unwrap();
        assert_eq!(drop.outcome, Outcome::Done);
        assert_eq!(drop.changes[0].delta(), Some(-100));
        // the per-process area had no targets: skipped, not failed
        assert_eq!(report.area("proc").unwrap().outcome, Outcome::Skipped);
        assert_eq!(report.total("available_bytes").unwrap().delta(), Some(-300));
        assert_eq!(crate::ExitStatus::of_report(&report), crate::ExitStatus::Ok);
    }

    #[test]
    fn one_failure_does_not_stop_the_rest() {
        let fake = Fake::new(true, "drop");
        let report = run(&fake, Selection::Defaults, RunOptions::default()).unwrap();
        assert_eq!(*fake.calls.borrow(), ["flush", "drop", "squeeze"]);
        assert_eq!(report.area("drop").unwrap().outcome, Outcome::Failed);
        assert_eq!(report.tally.failed, 1);
        assert_eq!(crate::ExitStatus::of_report(&report), crate::ExitStatus::SomeFailed);
    }

    #[test]
    fn without_privilege_nothing_runs() {
        let fake = Fake::new(false, "");
        let err = run(&fake, Selection::Defaults, RunOptions::default()).unwrap_err();
        assert_eq!(err, RunError::NoPermission(NeedPrivilege::Root));
        assert!(fake.calls.borrow().is_empty());
    }

    #[test]
    fn dry_run_needs_no_privilege_and_touches_nothing() {
        let fake = Fake::new(false, "");
        let report = run(&fake, Selection::All, RunOptions { dry_run: true, cancel: None }).unwrap();
        assert!(fake.calls.borrow().is_empty());
        assert_eq!(report.tally.planned, 3);
        assert!(report.totals.is_empty());
    }

    #[test]
    fn a_stop_request_skips_the_remaining_areas() {
        let fake = Fake::new(true, "");
        let stop = AtomicBool::new(true);
        let report = run(&fake, Selection::Defaults, RunOptions { dry_run: false, cancel: Some(&stop) }).unwrap();
        assert!(fake.calls.borrow().is_empty());
        assert!(report.cancelled);
        assert_eq!(crate::ExitStatus::of_report(&report), crate::ExitStatus::NothingDone);
    }
}
