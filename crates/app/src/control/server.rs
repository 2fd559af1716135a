//! What the daemon answers, apart from how requests arrive (a Unix socket, a named pipe): who
//! may do what, the per-caller gap, and the clean itself through the same `perform` as
//! everywhere else.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use memsweep_core::history::Requester;
use memsweep_core::run::now_ms;
use memsweep_core::{AreaStatus, CleanRequest, ExitStatus, Plan, ProcessInfo, RunOptions, Selection};

use super::{Answer, CleanParams, ErrorKind, Request, RuleState, RulesAction, ServiceInfo};
use crate::{history_file, perform, Failure, Origin, Session, SessionOptions, SharedBackend};

/// What the config says the endpoint allows, swapped whole on reload.
#[derive(Clone, Debug)]
pub struct Settings {
    pub areas: Vec<AreaStatus>,
    /// Area ids a caller who is not root / an administrator may run.
    pub allowed: Vec<String>,
    pub min_gap_ms: u64,
    pub default_selection: Selection,
    pub exclude: Vec<String>,
    pub history: PathBuf,
    pub rules: Vec<String>,
}

impl Settings {
    /// The endpoint's settings from a session whose config is good.
    pub fn of(session: &Session) -> Result<Settings, Failure> {
        let config = session.config()?;
        let areas = session.areas().to_vec();
        let allowed = if config.service.allow_areas.is_empty() {
            areas.iter().filter(|a| a.area.default_on).map(|a| a.area.id.to_string()).collect()
        } else {
            config.service.allow_areas.iter().map(|a| a.get_ref().clone()).collect()
        };
        let gap_s = config.service.min_gap_seconds.unwrap_or(config.watch.min_gap_seconds);
        Ok(Settings {
            areas,
            allowed,
            min_gap_ms: gap_s.saturating_mul(1000),
            default_selection: config.default_selection(),
            exclude: config.clean.exclude.clone(),
            history: session.history_path()?,
            rules: config.rules.iter().map(|r| r.get_ref().describe()).collect(),
        })
    }
}

/// Handed a new session when a reload succeeded, so the daemon's own loop uses it too.
pub type OnReload = Box<dyn Fn(Session) + Send + Sync>;

/// Told of every request: who asked, what, and the answer (the daemon logs it).
pub type OnRequest = Box<dyn Fn(&Requester, &Request, &Answer) + Send + Sync>;

pub struct Server {
    backend: SharedBackend,
    options: SessionOptions,
    settings: RwLock<Arc<Settings>>,
    /// Shared with the daemon's loop, which evaluates no rule while it is set.
    rules_paused: Arc<AtomicBool>,
    /// The last clean of each caller who is not privileged, by caller id.
    last_clean_ms: Mutex<HashMap<String, u64>>,
    on_reload: OnReload,
    on_request: OnRequest,
}

fn failure_answer(failure: &Failure) -> Answer {
    Answer::error(ErrorKind::of(failure.status), failure.to_string())
}

impl Server {
    pub fn new(
        session: &Session,
        options: SessionOptions,
        rules_paused: Arc<AtomicBool>,
        on_reload: OnReload,
        on_request: OnRequest,
    ) -> Result<Server, Failure> {
        Ok(Server {
            backend: session.shared_backend(),
            options,
            settings: RwLock::new(Arc::new(Settings::of(session)?)),
            rules_paused,
            last_clean_ms: Mutex::new(HashMap::new()),
            on_reload,
            on_request,
        })
    }

    fn settings(&self) -> Arc<Settings> {
        self.settings.read().map_or_else(|poisoned| Arc::clone(&poisoned.into_inner()), |s| Arc::clone(&s))
    }

    /// Answers one request of `caller`, and tells the daemon's log.
    pub fn handle(&self, caller: &Requester, request: Request) -> Answer {
        let answer = self.answer(caller, &request);
        (self.on_request)(caller, &request, &answer);
        answer
    }

    fn answer(&self, caller: &Requester, request: &Request) -> Answer {
        match request.clone() {
            Request::Status => self.status(caller),
            Request::Clean(params) => self.clean(caller, &params).unwrap_or_else(|failure| failure_answer(&failure)),
            Request::History { since_ms } => match history_file::read(&self.settings().history) {
                Ok((entries, _)) => {
                    Answer::History { entries: entries.into_iter().filter(|e| e.time_ms >= since_ms).collect() }
                }
                Err(e) => Answer::error(ErrorKind::Failed, format!("the history cannot be read: {e}")),
            },
            Request::Rules { action } => self.rules(caller, action),
            Request::Reload => self.reload(caller),
        }
    }

    /// The areas `caller` may run.
    fn may_clean(&self, caller: &Requester, settings: &Settings) -> Vec<String> {
        let supported = settings.areas.iter().filter(|a| a.is_supported()).map(|a| a.area.id.to_string());
        if caller.privileged {
            supported.collect()
        } else {
            supported.filter(|id| settings.allowed.contains(id)).collect()
        }
    }

    fn status(&self, caller: &Requester) -> Answer {
        let settings = self.settings();
        let snapshot = match self.backend.snapshot() {
            Ok(snapshot) => serde_json::to_value(&snapshot).unwrap_or_default(),
            Err(e) => return Answer::error(ErrorKind::Failed, e.to_string()),
        };
        let service = ServiceInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            caller: caller.clone(),
            may_clean: self.may_clean(caller, &settings),
            min_gap_seconds: if caller.privileged { 0 } else { settings.min_gap_ms / 1000 },
            rules_paused: self.rules_paused.load(Ordering::SeqCst),
        };
        Answer::Status { snapshot, service }
    }

    fn clean(&self, caller: &Requester, params: &CleanParams) -> Result<Answer, Failure> {
        let settings = self.settings();
        let selection = if params.all {
            Selection::All
        } else if params.areas.is_empty() {
            settings.default_selection.clone()
        } else {
            Selection::Ids(params.areas.clone())
        };
        let plan = Plan::build(&settings.areas, &selection)?;
        if !caller.privileged {
            let allowed = self.may_clean(caller, &settings);
            let refused: Vec<&str> = plan.ids().into_iter().filter(|id| !allowed.iter().any(|a| a == id)).collect();
            if !refused.is_empty() {
                return Err(Failure::new(
                    ExitStatus::NoPermission,
                    format!(
                        "the service lets callers who are not {} run only {} (not {}): ask an administrator to \
                         add to [service] allow_areas",
                        if cfg!(windows) { "administrators" } else { "root" },
                        allowed.join(", "),
                        refused.join(", ")
                    ),
                ));
            }
        }
        let targets = self.targets(caller, params, &settings)?;
        if plan.has_per_process_area() && targets.is_empty() && !params.pids.is_empty() {
            return Err(Failure::new(ExitStatus::Usage, "every chosen process is excluded by the config"));
        }
        let request = CleanRequest {
            targets,
            // The daemon's own exclusions: Windows' working-sets keeps those processes.
            exclude: settings.exclude.clone(),
            all_processes: false,
            gentle: params.gentle,
            reclaim: params.reclaim.unwrap_or_default(),
            gentle_reclaim: params.gentle_reclaim.map(Into::into).unwrap_or_default(),
        };
        if !caller.privileged && !params.dry_run {
            self.claim_gap(caller, settings.min_gap_ms)?;
        }
        let origin = Origin { trigger: "service".into(), requested_by: Some(caller.clone()) };
        let options = RunOptions { dry_run: params.dry_run, cancel: None };
        let (report, _warning) = perform(&*self.backend, &plan, &request, options, &origin, &settings.history)?;
        Ok(Answer::Report { report })
    }

    /// The processes of `params.pids`, as the daemon sees them; a caller who is not privileged
    /// may only name processes of its own.
    fn targets(
        &self,
        caller: &Requester,
        params: &CleanParams,
        settings: &Settings,
    ) -> Result<Vec<ProcessInfo>, Failure> {
        if params.pids.is_empty() {
            return Ok(Vec::new());
        }
        let running = self.backend.processes().map_err(|e| Failure::new(ExitStatus::Error, e.to_string()))?;
        let selector = memsweep_core::ProcessSelector {
            pids: params.pids.clone(),
            exclude: settings.exclude.clone(),
            ..Default::default()
        };
        let chosen = selector.select(&running, std::process::id(), &|pid| self.backend.process_path(pid))?;
        if !caller.privileged {
            for process in &chosen {
                let owner = self.backend.process_owner(process.pid);
                if owner.as_deref() != Some(caller.id.as_str()) {
                    return Err(Failure::new(
                        ExitStatus::NoPermission,
                        format!(
                            "pid {} ({}) is not yours: through the service you may trim only your own processes",
                            process.pid, process.name
                        ),
                    ));
                }
            }
        }
        Ok(chosen)
    }

    /// Records a clean of `caller` now, unless its last one is closer than the gap.
    fn claim_gap(&self, caller: &Requester, gap_ms: u64) -> Result<(), Failure> {
        let now = now_ms();
        let mut last =
            self.last_clean_ms.lock().map_err(|_| Failure::new(ExitStatus::Error, "internal lock poisoned"))?;
        if let Some(&at) = last.get(&caller.id) {
            let until = at.saturating_add(gap_ms);
            if now < until {
                return Err(Failure::new(
                    ExitStatus::Busy,
                    format!(
                        "your last clean was {} s ago; the service allows one every {} s",
                        (now - at) / 1000,
                        gap_ms / 1000
                    ),
                ));
            }
        }
        last.insert(caller.id.clone(), now);
        Ok(())
    }

    fn rules(&self, caller: &Requester, action: RulesAction) -> Answer {
        // Anyone who may clean may also pause automatic cleaning (the tray's toggle).
        let may_change = caller.privileged || !self.may_clean(caller, &self.settings()).is_empty();
        if action != RulesAction::List && !may_change {
            return Answer::error(ErrorKind::NoPermission, "only callers who may clean may pause or resume the rules");
        }
        match action {
            RulesAction::Pause => self.rules_paused.store(true, Ordering::SeqCst),
            RulesAction::Resume => self.rules_paused.store(false, Ordering::SeqCst),
            RulesAction::List => {}
        }
        let paused = self.rules_paused.load(Ordering::SeqCst);
        let rules =
            self.settings().rules.iter().map(|name| RuleState { name: name.clone(), enabled: !paused }).collect();
        Answer::Rules { paused, rules }
    }

    fn reload(&self, caller: &Requester) -> Answer {
        if !caller.privileged {
            return Answer::error(ErrorKind::NoPermission, "only root / an administrator may reload the config");
        }
        let session = match Session::open(self.options.clone(), Arc::clone(&self.backend)) {
            Ok(session) => session,
            Err(failure) => return failure_answer(&failure),
        };
        let settings = match Settings::of(&session) {
            Ok(settings) => settings,
            Err(failure) => return failure_answer(&failure),
        };
        let warnings = session.warnings().map(<[String]>::to_vec).unwrap_or_default();
        self.replace_settings(settings);
        (self.on_reload)(session);
        Answer::Reloaded { warnings }
    }

    /// Takes the settings of a config the daemon reloaded on its own (the file changed).
    pub fn replace_settings(&self, settings: Settings) {
        if let Ok(mut current) = self.settings.write() {
            *current = Arc::new(settings);
        }
    }
}
