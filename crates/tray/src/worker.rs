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

#[cfg(test)]
mod tests {
    //! The boundary between the tray and the service: a tray that may not clean hands its job
    //! to a real endpoint (a Unix socket on Linux, a named pipe under Wine) served by a real
    //! Server, and never cleans in its own process.
    #![allow(clippy::unwrap_used)]
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    use memsweep_app::control::server::Server;
    use memsweep_app::{Reason, Session, SessionOptions};
    use memsweep_core::snapshot::PhysicalMemory;
    use memsweep_core::{
        Area, AreaEffect, AreaError, AreaStatus, BackendError, CleanRequest, ExitStatus, Metric, NeedPrivilege,
        Outcome, Plan, ProcessInfo, Selection, Snapshot, Stage, Support,
    };

    use super::*;

    /// One area; counts its cleans. `privileged`: whether this process may clean itself.
    struct Fake {
        privileged: bool,
        cleans: AtomicUsize,
    }

    impl Fake {
        fn new(privileged: bool) -> Arc<Fake> {
            Arc::new(Fake { privileged, cleans: AtomicUsize::new(0) })
        }
    }

    impl Backend for Fake {
        fn os(&self) -> &'static str {
            "fake"
        }
        fn snapshot(&self) -> Result<Snapshot, BackendError> {
            Ok(Snapshot {
                schema: memsweep_core::snapshot::SCHEMA,
                os: "fake",
                taken_at_ms: 0,
                memory: PhysicalMemory {
                    total_bytes: 4000,
                    available_bytes: 2000,
                    free_bytes: Some(2000),
                    file_cache_bytes: 1000,
                    droppable_cache_bytes: Some(1000),
                },
                swap: None,
                linux: None,
                windows: None,
            })
        }
        fn areas(&self) -> Vec<AreaStatus> {
            let area = Area { default_on: true, affects: &[Metric::Available], ..Area::new("trim", Stage::Trim) };
            vec![AreaStatus { area, support: Support::Supported }]
        }
        fn check_privilege(&self) -> Result<(), NeedPrivilege> {
            if self.privileged {
                Ok(())
            } else {
                Err(NeedPrivilege::Administrator)
            }
        }
        fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
            Ok(Vec::new())
        }
        fn clean(&self, _: &Area, _: &CleanRequest) -> Result<AreaEffect, AreaError> {
            self.cleans.fetch_add(1, Ordering::SeqCst);
            Ok(AreaEffect::default())
        }
    }

    /// A scratch endpoint of this test's own.
    fn endpoint(dir: &Path, name: &str) -> PathBuf {
        if cfg!(windows) {
            PathBuf::from(format!(r"\\.\pipe\memsweep-tray-test-{name}-{}", std::process::id()))
        } else {
            dir.join(format!("{name}.sock"))
        }
    }

    #[cfg(unix)]
    use memsweep_app::control::unix::Serving;
    #[cfg(windows)]
    use memsweep_app::control::windows::Serving;

    /// A real Server with `backend`, its history at `history`, answering at `endpoint`.
    fn serve(dir: &Path, endpoint: &Path, history: &Path, backend: Arc<Fake>) -> Serving {
        let config = dir.join("service.toml");
        let shown = history.display().to_string().replace('\\', "/");
        std::fs::write(&config, format!("[history]\npath = \"{shown}\"\n")).unwrap();
        let options = SessionOptions { config: Some(config), ..SessionOptions::default() };
        let session = Session::open(options.clone(), backend).unwrap();
        let server =
            Server::new(&session, options, Arc::new(AtomicBool::new(false)), Box::new(|_| {}), Box::new(|_, _, _| {}))
                .unwrap();
        #[cfg(unix)]
        let serving =
            memsweep_app::control::unix::serve(endpoint, "memsweep-tray-test-no-such-group", Arc::new(server));
        #[cfg(windows)]
        let serving = memsweep_app::control::windows::serve(
            endpoint,
            memsweep_core::config::AllowedCallers::Interactive,
            Arc::new(server),
        );
        serving.unwrap()
    }

    fn job(backend: &Fake) -> CleanJob {
        let plan = Plan::build(&backend.areas(), &Selection::Ids(vec!["trim".into()])).unwrap();
        CleanJob { plan, request: CleanRequest::default(), trigger: "tray".into(), automatic: false }
    }

    #[test]
    fn a_tray_that_may_not_clean_cleans_through_the_service() {
        let dir = tempfile::tempdir().unwrap();
        let endpoint = endpoint(dir.path(), "served");
        let (service_history, tray_history) = (dir.path().join("service.jsonl"), dir.path().join("tray.jsonl"));
        let tray = Fake::new(false);
        let daemon = Fake::new(true);
        assert!(!crate::startup::service_answers(&endpoint), "nothing serves it yet");
        let _serving = serve(dir.path(), &endpoint, &service_history, Arc::clone(&daemon));
        assert!(crate::startup::service_answers(&endpoint));

        let report = run(&*tray, &endpoint, &tray_history, &job(&tray)).unwrap();
        assert_eq!(report.areas[0].outcome, Outcome::Done, "{report:?}");
        assert_eq!(daemon.cleans.load(Ordering::SeqCst), 1, "the service cleaned");
        assert_eq!(tray.cleans.load(Ordering::SeqCst), 0, "the tray did not");
        assert!(!tray_history.exists(), "recorded by the service, not the tray");
        let (entries, _) = memsweep_app::history_file::read(&service_history).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].trigger, "service");
        assert_eq!(entries[0].report.started_at_ms, report.started_at_ms);
        let by = entries[0].requested_by.as_ref().expect("the caller");
        assert_eq!(by.pid, Some(std::process::id()), "the tray's own process asked");
    }

    #[test]
    fn without_a_service_a_tray_that_may_not_clean_gets_no_service_and_cleans_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let endpoint = endpoint(dir.path(), "missing");
        let tray = Fake::new(false);
        let failure = run(&*tray, &endpoint, &dir.path().join("tray.jsonl"), &job(&tray)).unwrap_err();
        assert_eq!(failure.status, ExitStatus::NoPermission);
        assert!(matches!(failure.reason, Reason::NoService), "{failure:?}");
        assert_eq!(tray.cleans.load(Ordering::SeqCst), 0);
        // An elevated tray cleans itself, service or not.
        let elevated = Fake::new(true);
        let history = dir.path().join("elevated.jsonl");
        run(&*elevated, &endpoint, &history, &job(&elevated)).unwrap();
        assert_eq!(elevated.cleans.load(Ordering::SeqCst), 1);
        assert_eq!(memsweep_app::history_file::read(&history).unwrap().0.len(), 1);
    }
}
