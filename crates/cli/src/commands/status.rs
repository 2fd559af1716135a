//! `memsweep status` and `memsweep areas`.

use memsweep_app::control::client::service_info;
use memsweep_app::{history_file, Session};
use memsweep_core::metrics::CleanCounters;
use memsweep_core::{AreaStatus, ExitStatus};
use serde::Serialize;

use crate::args::{AreasArgs, Format, StatusArgs};
use crate::output::{print, print_json};
use crate::{render, Failure};

pub fn status(args: &StatusArgs, session: &Session) -> Result<ExitStatus, Failure> {
    let snapshot = session.backend().snapshot().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
    match (args.json, args.format) {
        (true, _) | (false, Format::Json) => print_json(&snapshot)?,
        (false, Format::Text) => {
            // A broken config is reported by the commands that act on it; status only reads.
            let thresholds = session.config().map(|c| c.advise.clone()).unwrap_or_default();
            let advice = memsweep_core::advise::advise(&snapshot, None, &thresholds, session.areas());
            let mut text = render::status(&snapshot, args.order, &advice);
            text.push_str(&render::service(
                &session.endpoint(),
                &service_info(&session.endpoint()),
                super::service::installed,
            ));
            print(&text)?
        }
        (false, Format::Prometheus) => {
            let entries = history_file::read(&session.history_path()?).map(|(e, _)| e).unwrap_or_default();
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

pub fn areas(args: &AreasArgs, session: &Session) -> Result<ExitStatus, Failure> {
    let (os, areas) = (session.backend().os(), session.areas());
    if args.json {
        print_json(&AreasJson { schema: "memsweep.areas/1", os, areas })?;
    } else {
        print(&render::areas(os, areas))?;
    }
    Ok(ExitStatus::Ok)
}
