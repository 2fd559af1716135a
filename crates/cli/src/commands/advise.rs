//! `memsweep advise`: is cleaning needed? Two readings `--window` apart, so the rates of
//! refaults (Linux) and hard faults (Windows) are measured, then the verdict.

use memsweep_app::Session;
use memsweep_core::advise::advise as verdict_of;
use memsweep_core::ExitStatus;

use crate::args::AdviseArgs;
use crate::output::{print, print_json};
use crate::{render, Failure};

pub fn advise(args: &AdviseArgs, session: &Session) -> Result<ExitStatus, Failure> {
    let config = session.config()?;
    let read = || session.backend().snapshot().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()));
    let before = read()?;
    std::thread::sleep(args.window);
    let now = read()?;
    let advice = verdict_of(&now, Some(&before), &config.advise, session.areas());
    if args.json {
        print_json(&advice)?;
    } else {
        print(&render::advice(&advice))?;
    }
    Ok(advice.verdict.exit_status())
}
