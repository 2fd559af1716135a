//! `memsweep clean`.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use memsweep_app::{config_file, history_file, perform};
use memsweep_core::{Backend, CleanRequest, ExitStatus, Plan, PlanError, ProcessSelector, RunOptions, Selection};

use super::{print, print_json};
use crate::args::CleanArgs;
use crate::{render, Failure};

fn usage(error: PlanError) -> Failure {
    Failure::new(ExitStatus::Usage, render::plan_error(&error))
}

/// Checks everything the user typed against the plan before anything runs, so a mistake
/// never leaves a clean half done.
fn request_for(
    args: &CleanArgs,
    exclude: &[String],
    plan: &Plan,
    backend: &dyn Backend,
) -> Result<CleanRequest, Failure> {
    let mut selector =
        ProcessSelector { pids: args.pid.clone(), names: args.name.clone(), exclude: args.exclude.clone() };
    selector.exclude.extend(exclude.iter().cloned());
    let process_options =
        [("--pid", !args.pid.is_empty()), ("--name", !args.name.is_empty()), ("--gentle", args.gentle)];
    let has_process_area = plan.has_per_process_area();
    if !has_process_area {
        if let Some((flag, _)) = process_options.iter().find(|(_, given)| *given) {
            return Err(usage(PlanError::ProcessOptionWithoutProcessArea(flag)));
        }
    }
    if args.reclaim.is_some() && !plan.contains("reclaim") {
        return Err(Failure::new(ExitStatus::Usage, memsweep_i18n::tr("error-reclaim-option")));
    }
    let explicitly_asked = args.areas.iter().any(|id| plan.areas.iter().any(|a| a.area.per_process && a.area.id == id));
    if explicitly_asked && selector.is_empty() {
        return Err(usage(PlanError::NoProcessChosen));
    }
    let targets = if has_process_area && !selector.is_empty() {
        let running = backend.processes().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
        selector.select(&running, std::process::id()).map_err(usage)?
    } else {
        Vec::new()
    };
    Ok(CleanRequest { targets, gentle: args.gentle, reclaim: args.reclaim.unwrap_or_default() })
}

pub fn clean(args: &CleanArgs, config: Option<&Path>, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let areas = backend.areas();
    let (loaded, _warnings) = config_file::load(config, backend.os(), &areas)?;
    let configured = loaded.config.default_areas();
    let selection = if args.all {
        Selection::All
    } else if !args.areas.is_empty() {
        Selection::Ids(args.areas.clone())
    } else if !configured.is_empty() {
        Selection::Ids(configured)
    } else {
        Selection::Defaults
    };
    let plan = Plan::build(&areas, &selection).map_err(usage)?;
    let request = request_for(args, &loaded.config.clean.exclude, &plan, backend)?;
    // Ctrl-C / SIGTERM: the area in progress finishes, the rest are skipped, the history line
    // is still written.
    static STOP: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    let options = RunOptions { dry_run: args.dry_run, cancel: Some(&STOP) };
    let history = history_file::path(&loaded.config);
    let (report, warning) = perform(backend, &plan, &request, options, "manual", &history, &mut |_| {})?;
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
