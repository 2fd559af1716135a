//! `memsweep clean`.

use std::sync::atomic::{AtomicBool, Ordering};

use memsweep_app::control::client::clean_anywhere;
use memsweep_app::{Origin, Session};
use memsweep_core::{CleanRequest, ExitStatus, GentleReclaim, Plan, PlanError, ProcessSelector, RunOptions, Selection};

use crate::args::CleanArgs;
use crate::output::{print, print_json};
use crate::{render, Failure};

/// Checks everything the user typed against the plan before anything runs, so a mistake
/// never leaves a clean half done.
fn request_for(args: &CleanArgs, plan: &Plan, session: &Session) -> Result<CleanRequest, Failure> {
    let mut selector = ProcessSelector {
        pids: args.pid.clone(),
        names: args.name.clone(),
        all: args.all_processes,
        exclude: args.exclude.clone(),
    };
    selector.exclude.extend(session.config()?.clean.exclude.iter().cloned());
    let process_options =
        [("--pid", !args.pid.is_empty()), ("--name", !args.name.is_empty()), ("--all-processes", args.all_processes)];
    if !plan.has_per_process_area() {
        if let Some((flag, _)) = process_options.iter().find(|(_, given)| *given) {
            return Err(PlanError::ProcessOptionWithoutProcessArea(flag).into());
        }
    }
    let reclaim_options = [
        ("--reclaim", args.reclaim.is_some()),
        ("--target", args.target.is_some()),
        ("--step", args.step.is_some()),
        ("--max", args.max.is_some()),
        ("--floor", args.floor.is_some()),
    ];
    if !plan.has_amount_area() {
        if let Some((flag, _)) = reclaim_options.iter().find(|(_, given)| *given) {
            return Err(PlanError::ReclaimOptionWithoutReclaimArea(flag).into());
        }
    }
    if args.gentle && !plan.has_per_process_area() && !plan.has_amount_area() {
        return Err(PlanError::GentleWithoutArea.into());
    }
    if let Some(target) = args.target.filter(|t| !(t.is_finite() && *t > 0.0 && *t <= 100.0)) {
        return Err(Failure::new(
            ExitStatus::Usage,
            format!("--target {target}: use a percentage above 0, at most 100"),
        ));
    }
    // Named on the command line (not only part of --all): then it must say whom to trim.
    let named = |id: &str| args.areas.iter().any(|a| a == id);
    let process_area_named = plan.areas.iter().any(|a| a.area.per_process && named(a.area.id));
    if process_area_named && selector.is_empty() {
        return Err(PlanError::NoProcessChosen.into());
    }
    let targets = if plan.has_per_process_area() && !selector.is_empty() {
        let backend = session.backend();
        let running = backend.processes().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
        selector.select(&running, std::process::id(), &|pid| backend.process_path(pid))?
    } else {
        Vec::new()
    };
    let defaults = GentleReclaim::default();
    let gentle_reclaim = GentleReclaim {
        target_percent: args.target.unwrap_or(defaults.target_percent),
        step: args.step.unwrap_or(defaults.step),
        max: args.max.or(defaults.max),
        floor: args.floor.unwrap_or(defaults.floor),
    };
    Ok(CleanRequest {
        targets,
        all_processes: args.all_processes,
        exclude: selector.exclude,
        gentle: args.gentle,
        reclaim: args.reclaim.unwrap_or_default(),
        gentle_reclaim,
    })
}

pub fn clean(args: &CleanArgs, session: &Session) -> Result<ExitStatus, Failure> {
    // A broken config stops the clean before anything else is looked at.
    session.config()?;
    let selection = if args.all {
        Selection::All
    } else if !args.areas.is_empty() {
        Selection::Ids(args.areas.clone())
    } else {
        session.default_selection()?
    };
    let plan = session.plan(&selection)?;
    let request = request_for(args, &plan, session)?;
    // Ctrl-C / SIGTERM: the area in progress finishes, the rest are skipped, the history line
    // is still written.
    static STOP: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    let options = RunOptions { dry_run: args.dry_run, cancel: Some(&STOP) };
    let history = session.history_path()?;
    // Without root / Administrator, through the service where one answers (--local: never).
    let endpoint = (!args.local).then(|| session.endpoint());
    let (report, warning) = clean_anywhere(
        session.backend(),
        endpoint.as_deref(),
        &plan,
        &request,
        options,
        &Origin::new("manual"),
        &history,
    )?;
    if let Some(warning) = warning {
        eprintln!("memsweep: warning: {warning}");
    }
    if args.json {
        print_json(&report)?;
    } else {
        print(&render::report(&report))?;
    }
    Ok(ExitStatus::of_report(&report))
}
