//! One function per subcommand: validate, ask the core, hand the result to the renderer.

use std::io::{self, Write};

use memsweep_core::{
    execute, Backend, CleanRequest, ExitStatus, Plan, PlanError, ProcessSelector, RunError,
    RunOptions, Selection,
};
use serde::Serialize;

use crate::args::{AreasArgs, CleanArgs, Command, StatusArgs};
use crate::{render, Failure};

pub fn run(command: Command, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    match command {
        Command::Status(args) => status(&args, backend),
        Command::Areas(args) => areas(&args, backend),
        Command::Clean(args) => clean(&args, backend),
    }
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`memsweep status | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::new(
            ExitStatus::Error,
            format!("writing output: {e}"),
        )),
        _ => Ok(()),
    }
}

fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
    print(&(text + "\n"))
}

fn status(args: &StatusArgs, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let snapshot = backend
        .snapshot()
        .map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
    if args.json {
        print_json(&snapshot)?;
    } else {
        print(&render::status(&snapshot, args.order))?;
    }
    Ok(ExitStatus::Ok)
}

#[derive(Serialize)]
struct AreasJson<'a> {
    schema: &'static str,
    os: &'static str,
    areas: &'a [memsweep_core::AreaStatus],
}

fn areas(args: &AreasArgs, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let areas = backend.areas();
    if args.json {
        print_json(&AreasJson {
            schema: "memsweep.areas/1",
            os: backend.os(),
            areas: &areas,
        })?;
    } else {
        print(&render::areas(&areas))?;
    }
    Ok(ExitStatus::Ok)
}

fn usage(error: PlanError) -> Failure {
    Failure::new(ExitStatus::Usage, error.to_string())
}

/// Checks everything the user typed against the plan before anything runs, so a mistake
/// never leaves a clean half done.
fn request_for(
    args: &CleanArgs,
    plan: &Plan,
    backend: &dyn Backend,
) -> Result<CleanRequest, Failure> {
    let selector = ProcessSelector {
        pids: args.pid.clone(),
        names: args.name.clone(),
        exclude: args.exclude.clone(),
    };
    let process_options = [
        ("--pid", !args.pid.is_empty()),
        ("--name", !args.name.is_empty()),
        ("--gentle", args.gentle),
    ];
    let has_process_area = plan.has_per_process_area();
    if !has_process_area {
        if let Some((flag, _)) = process_options.iter().find(|(_, given)| *given) {
            return Err(usage(PlanError::ProcessOptionWithoutProcessArea(flag)));
        }
    }
    if args.reclaim.is_some() && !plan.contains("reclaim") {
        return Err(Failure::new(
            ExitStatus::Usage,
            "--reclaim only applies to the reclaim area; add `reclaim` to the areas",
        ));
    }
    let explicitly_asked = args.areas.iter().any(|id| {
        plan.areas
            .iter()
            .any(|a| a.area.per_process && a.area.id == id)
    });
    if explicitly_asked && selector.is_empty() {
        return Err(usage(PlanError::NoProcessChosen));
    }
    let targets = if has_process_area && !selector.is_empty() {
        let running = backend
            .processes()
            .map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
        selector
            .select(&running, std::process::id())
            .map_err(usage)?
    } else {
        Vec::new()
    };
    Ok(CleanRequest {
        targets,
        gentle: args.gentle,
        reclaim: args.reclaim.unwrap_or_default(),
    })
}

fn clean(args: &CleanArgs, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let selection = if args.all {
        Selection::All
    } else if args.areas.is_empty() {
        Selection::Defaults
    } else {
        Selection::Ids(args.areas.clone())
    };
    let plan = Plan::build(&backend.areas(), &selection).map_err(usage)?;
    let request = request_for(args, &plan, backend)?;
    let options = RunOptions {
        dry_run: args.dry_run,
        cancel: None,
    };
    let report = execute(backend, &plan, &request, options, &mut |_| {}).map_err(|e| match e {
        RunError::NoPermission(line) => Failure::new(ExitStatus::NoPermission, line),
    })?;
    if args.json {
        print_json(&report)?;
    } else {
        print(&render::report(&report))?;
    }
    Ok(ExitStatus::of_report(&report))
}
