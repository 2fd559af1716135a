//! `memsweep status` and `memsweep areas`.

use memsweep_core::{AreaStatus, Backend, ExitStatus};
use serde::Serialize;

use super::{print, print_json};
use crate::args::{AreasArgs, StatusArgs};
use crate::{render, Failure};

pub fn status(args: &StatusArgs, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let snapshot = backend.snapshot().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
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
    areas: &'a [AreaStatus],
}

pub fn areas(args: &AreasArgs, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let areas = backend.areas();
    if args.json {
        print_json(&AreasJson { schema: "memsweep.areas/1", os: backend.os(), areas: &areas })?;
    } else {
        print(&render::areas(backend.os(), &areas))?;
    }
    Ok(ExitStatus::Ok)
}
