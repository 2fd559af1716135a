//! `memsweep status` and `memsweep areas`.

use std::path::Path;

use memsweep_app::{config_file, history_file};
use memsweep_core::metrics::CleanCounters;
use memsweep_core::{AreaStatus, Backend, ExitStatus};
use serde::Serialize;

use super::{print, print_json};
use crate::args::{AreasArgs, Format, StatusArgs};
use crate::{render, Failure};

pub fn status(args: &StatusArgs, config: Option<&Path>, backend: &dyn Backend) -> Result<ExitStatus, Failure> {
    let snapshot = backend.snapshot().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
    match (args.json, args.format) {
        (true, _) | (false, Format::Json) => print_json(&snapshot)?,
        (false, Format::Text) => print(&render::status(&snapshot, args.order))?,
        (false, Format::Prometheus) => {
            let (loaded, _) = config_file::load(config, backend.os(), &backend.areas())?;
            let history = history_file::path(&loaded.config);
            let entries = history_file::read(&history).map(|(e, _)| e).unwrap_or_default();
            print(&memsweep_core::metrics::prometheus(&snapshot, &CleanCounters::from_history(&entries)))?
        }
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
