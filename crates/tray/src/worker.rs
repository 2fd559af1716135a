//! The clean worker: one thread that runs cleans one after another through
//! `memsweep_app::perform` (clean lock, executor, history), so the icon and the menu stay
//! responsive while the kernel works.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};

use memsweep_app::{perform, Failure, SharedBackend};
use memsweep_core::{Backend, CleanRequest, Report, RunOptions};

use crate::app::CleanJob;

/// Hands jobs to the worker thread; each result goes to `done` (called on the worker thread).
pub struct Worker {
    jobs: Sender<CleanJob>,
}

impl Worker {
    pub fn spawn(
        backend: SharedBackend,
        history: PathBuf,
        done: impl Fn(CleanJob, Result<Report, Failure>) + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (jobs, queue) = channel::<CleanJob>();
        std::thread::Builder::new().name("memsweep-clean".into()).spawn(move || {
            for job in queue {
                let result = run(&*backend, &history, &job);
                done(job, result);
            }
        })?;
        Ok(Worker { jobs })
    }

    pub fn submit(&self, job: CleanJob) {
        let _ = self.jobs.send(job);
    }
}

/// One clean, as `memsweep clean` / `memsweep watch` run it.
pub fn run(backend: &dyn Backend, history: &std::path::Path, job: &CleanJob) -> Result<Report, Failure> {
    let options = RunOptions { dry_run: false, cancel: None };
    let (report, warning) =
        perform(backend, &job.plan, &CleanRequest::default(), options, &job.trigger, history, &mut |_| {})?;
    if let Some(warning) = warning {
        eprintln!("memsweep-tray: {warning}");
    }
    Ok(report)
}
