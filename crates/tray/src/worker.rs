//! The clean worker: one thread that runs cleans one after another — in-process when the tray
//! may clean, else through the service (`clean_anywhere`) — so the icon and the menu stay
//! responsive while the kernel works.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Sender};

use memsweep_app::control::client::clean_anywhere;
use memsweep_app::{Failure, Origin, SharedBackend};
use memsweep_core::{Backend, Report, RunOptions};

use crate::app::CleanJob;

/// Hands jobs to the worker thread; each result goes to `done` (called on the worker thread).
pub struct Worker {
    jobs: Sender<CleanJob>,
}

impl Worker {
    pub fn spawn(
        backend: SharedBackend,
        endpoint: PathBuf,
        history: PathBuf,
        done: impl Fn(CleanJob, Result<Report, Failure>) + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (jobs, queue) = channel::<CleanJob>();
        std::thread::Builder::new().name("memsweep-clean".into()).spawn(move || {
            for job in queue {
                let result = run(&*backend, &endpoint, &history, &job);
                done(job, result);
            }
        })?;
        Ok(Worker { jobs })
    }

    pub fn submit(&self, job: CleanJob) {
        let _ = self.jobs.send(job);
    }
}

/// One clean, as `memsweep clean` runs it.
pub fn run(backend: &dyn Backend, endpoint: &Path, history: &Path, job: &CleanJob) -> Result<Report, Failure> {
    let options = RunOptions { dry_run: false, cancel: None };
    let origin = Origin::new(job.trigger.as_str());
    let (report, warning) =
        clean_anywhere(backend, Some(endpoint), &job.plan, &job.request, options, &origin, history)?;
    if let Some(warning) = warning {
        eprintln!("memsweep-tray: {warning}");
    }
    Ok(report)
}
