//! `memsweep service` on Windows: a service of the Service Control Manager, named `memsweep`,
//! that runs the watch daemon as LocalSystem — at boot, with nobody logged on — started
//! automatically and restarted when it fails. It runs `memsweep.exe service run --config
//! %ProgramData%\memsweep\memsweep.toml`, which hands control to the service dispatcher and
//! runs the daemon ([`watch::run`]) until the SCM says stop.
//!
//! Where it logs: a rotated file, %ProgramData%\memsweep\memsweep.log (1 MiB, the current one
//! and three before it), not the Event Log. The Event Log shows a source's entries properly
//! only with a message table compiled into a registered resource DLL (mc.exe); without one,
//! Event Viewer wraps every line in "The description for Event ID 0 cannot be found". The SCM
//! itself already writes what an administrator looks for there — the service started, stopped,
//! failed and was restarted (System log, Service Control Manager, events 7036, 7031, 7034) —
//! while the daemon's own lines (each rule that fired, each clean, each caller of the
//! endpoint) read best as text, next to the config and the history, where `service status`
//! names the file.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use memsweep_app::autostart::{self, DAEMON_TASK, SERVICE};
use memsweep_app::file_security::{self, Unsafe};
use memsweep_app::{lock, token, Session, SessionOptions, SharedBackend};
use memsweep_core::config::{AllowedCallers, Config};
use memsweep_core::ExitStatus;
use memsweep_i18n::{tr, tr_args, Arg};
use tracing::{error, info, warn};
use windows_service::service::{
    ServiceAccess, ServiceAction, ServiceActionType, ServiceControl, ServiceControlAccept, ServiceErrorControl,
    ServiceExitCode, ServiceFailureActions, ServiceFailureResetPeriod, ServiceInfo, ServiceStartType, ServiceState,
    ServiceStatus, ServiceType,
};
use windows_service::service_control_handler::{self, ServiceControlHandlerResult, ServiceStatusHandle};
use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};
use windows_service::{define_windows_service, service_dispatcher};
use windows_sys::Win32::Foundation::{
    ERROR_FAILED_SERVICE_CONTROLLER_CONNECT, ERROR_INVALID_LEVEL, ERROR_SERVICE_DOES_NOT_EXIST,
    ERROR_SERVICE_MARKED_FOR_DELETE, ERROR_SERVICE_NOT_ACTIVE,
};

use super::service::{config_of_command_line, current_exe};
use super::watch::{self, Wakes};
use crate::args::{ServiceCommand, WatchArgs};
use crate::logging::{self, RotatingFile};
use crate::output::print;
use crate::Failure;

const DISPLAY_NAME: &str = "memsweep memory cleaner";
/// After a failure the SCM starts it again after 10 s, then 30 s, then every 60 s; a day
/// without a failure starts the count anew.
const RESTART_DELAYS_S: [u64; 3] = [10, 30, 60];
const FAILURE_RESET: Duration = Duration::from_secs(24 * 3600);
/// How long start, stop and uninstall wait for the service to get there, and the wait hint
/// the service gives the SCM while it starts or stops.
const STATE_WAIT: Duration = Duration::from_secs(30);
/// The log: at most 1 MiB a file, the current one and three before it.
const LOG_LIMIT: u64 = 1 << 20;
const LOG_KEEP: usize = 3;

fn failure(message: impl Into<String>) -> Failure {
    Failure::new(ExitStatus::Error, message)
}

/// A Service Control Manager error with the OS's own words (the crate's Display hides them).
fn scm(call: &str, e: windows_service::Error) -> Failure {
    match e {
        windows_service::Error::Winapi(io) => failure(format!("{call}: {io}")),
        other => failure(format!("{call}: {other}")),
    }
}

fn os_code(e: &windows_service::Error) -> Option<u32> {
    match e {
        windows_service::Error::Winapi(io) => io.raw_os_error().map(|c| c as u32),
        _ => None,
    }
}

fn arg(text: &str) -> Arg<'_> {
    Arg::Text(text)
}

fn name() -> Arg<'static> {
    Arg::Text(SERVICE)
}

/// The service's config: `--config`, else %ProgramData%\memsweep\memsweep.toml.
fn config_path(session: &Session) -> PathBuf {
    session.explicit_config().map_or_else(|| lock::machine_dir().join("memsweep.toml"), Path::to_path_buf)
}

pub fn log_path() -> PathBuf {
    lock::machine_dir().join("memsweep.log")
}

pub fn service(command: ServiceCommand, session: &Session) -> Result<ExitStatus, Failure> {
    match command {
        ServiceCommand::Status => status(session),
        ServiceCommand::Run => run(session),
        ServiceCommand::Install => {
            session.backend().check_privilege()?;
            install(session)
        }
        ServiceCommand::Uninstall { purge } => {
            session.backend().check_privilege()?;
            uninstall(purge)
        }
        ServiceCommand::Start => {
            session.backend().check_privilege()?;
            start()
        }
        ServiceCommand::Stop => {
            session.backend().check_privilege()?;
            stop()
        }
    }
}

fn manager(access: ServiceManagerAccess) -> Result<ServiceManager, Failure> {
    ServiceManager::local_computer(None::<&str>, access).map_err(|e| scm("OpenSCManager", e))
}

/// The service as it is now.
fn state_of(service: &windows_service::service::Service) -> Result<ServiceStatus, Failure> {
    service.query_status().map_err(|e| scm("QueryServiceStatusEx", e))
}

/// Waits until the service is in `state`; its status then.
fn wait_for(service: &windows_service::service::Service, state: ServiceState) -> Result<ServiceStatus, Failure> {
    let started = Instant::now();
    loop {
        let status = state_of(service)?;
        if status.current_state == state {
            return Ok(status);
        }
        if started.elapsed() >= STATE_WAIT {
            let wanted = state_text(state);
            let args =
                [("name", name()), ("state", arg(&wanted)), ("seconds", Arg::Number(STATE_WAIT.as_secs() as f64))];
            let mut line = tr_args("service-timeout", &args);
            if state == ServiceState::Running {
                let log = log_path().display().to_string();
                line.push_str(&format!(" ({})", tr_args("service-see-log", &[("log", arg(&log))])));
            }
            return Err(failure(line));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn state_text(state: ServiceState) -> String {
    tr(match state {
        ServiceState::Running => "service-state-running",
        ServiceState::Stopped => "service-state-stopped",
        ServiceState::StartPending => "service-state-start-pending",
        ServiceState::StopPending => "service-state-stop-pending",
        _ => "service-state-paused",
    })
}

/// `service install` is refused: someone else could change what the service would act on.
fn refused(found: Unsafe, fix: &str, status: ExitStatus) -> Failure {
    let who = found.who.join(", ");
    let fix = tr(fix);
    Failure::new(
        status,
        tr_args("service-unsafe", &[("path", arg(&found.path)), ("who", arg(&who)), ("fix", arg(&fix))]),
    )
}

/// Checks `path` (when it is there) with `trusted` besides SYSTEM and the administrators.
fn ensure_safe(path: &Path, trusted: &[&str], fix: &str, status: ExitStatus) -> Result<(), Failure> {
    if !path.exists() {
        return Ok(());
    }
    match file_security::check(path, trusted) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(found)) => Err(refused(found, fix, status)),
        Err(e) => Err(failure(format!("{}: {e}", path.display()))),
    }
}

fn service_info(exe: &Path, config: &Path) -> ServiceInfo {
    ServiceInfo {
        name: SERVICE.into(),
        display_name: DISPLAY_NAME.into(),
        service_type: ServiceType::OWN_PROCESS,
        start_type: ServiceStartType::AutoStart,
        error_control: ServiceErrorControl::Normal,
        executable_path: exe.to_path_buf(),
        launch_arguments: vec!["service".into(), "run".into(), "--config".into(), config.into()],
        dependencies: Vec::new(),
        account_name: None, // LocalSystem
        account_password: None,
    }
}

fn restart_delays() -> String {
    RESTART_DELAYS_S.iter().map(|s| format!("{s} s")).collect::<Vec<_>>().join(", ")
}

fn install(session: &Session) -> Result<ExitStatus, Failure> {
    let me = token::own_user_sid().map_err(|e| failure(format!("this user's SID: {e}")))?;
    let trusted = [me.as_str()];
    let mut done = Vec::new();
    // The folder: the service writes its history and log there as SYSTEM, and reads its config
    // from it. One someone else made first is theirs to change: refused, not adopted.
    let dir = lock::machine_dir();
    if dir.exists() {
        match file_security::check_owner(&dir, &trusted) {
            Ok(Ok(())) => {}
            Ok(Err(found)) => return Err(refused(found, "service-fix-dir", ExitStatus::Config)),
            Err(e) => return Err(failure(format!("{}: {e}", dir.display()))),
        }
    }
    file_security::secure_dir(&dir).map_err(|e| failure(format!("{}: {e}", dir.display())))?;
    done.push(tr_args("service-secured-dir", &[("dir", arg(&dir.display().to_string()))]));
    for entry in std::fs::read_dir(&dir).map_err(|e| failure(format!("{}: {e}", dir.display())))?.flatten() {
        ensure_safe(&entry.path(), &trusted, "service-fix-entry", ExitStatus::Config)?;
    }
    // The config.
    let config = config_path(session);
    if let Some(parent) = config.parent().filter(|p| *p != dir) {
        ensure_safe(parent, &trusted, "service-fix-config", ExitStatus::Config)?;
    }
    ensure_safe(&config, &trusted, "service-fix-config", ExitStatus::Config)?;
    let shown_config = config.display().to_string();
    if config.exists() {
        done.push(tr_args("service-kept-config", &[("path", arg(&shown_config))]));
    } else {
        std::fs::write(&config, memsweep_core::config::DEFAULT_FILE)
            .map_err(|e| failure(format!("{shown_config}: {e}")))?;
        done.push(tr_args("service-wrote-config", &[("path", arg(&shown_config))]));
    }
    // A config the daemon would refuse is refused now, before anything is registered.
    let options = SessionOptions { config: Some(config.clone()), ..session.options().clone() };
    Session::open(options, session.shared_backend())?.config()?;
    // The executable: whoever may replace it would run as SYSTEM.
    let exe = current_exe()?;
    ensure_safe(&exe, &trusted, "service-fix-exe", ExitStatus::Error)?;
    if let Some(folder) = exe.parent() {
        ensure_safe(folder, &trusted, "service-fix-exe", ExitStatus::Error)?;
    }
    // Registered, or brought up to date.
    let info = service_info(&exe, &config);
    let access = ServiceAccess::QUERY_STATUS
        | ServiceAccess::QUERY_CONFIG
        | ServiceAccess::CHANGE_CONFIG
        | ServiceAccess::START
        | ServiceAccess::STOP;
    let manager = manager(ServiceManagerAccess::CONNECT | ServiceManagerAccess::CREATE_SERVICE)?;
    let command = format!("\"{}\" service run --config \"{}\"", exe.display(), shown_config);
    let (service, existed) = match manager.open_service(SERVICE, access) {
        Ok(service) => {
            service.change_config(&info).map_err(|e| scm("ChangeServiceConfig", e))?;
            (service, true)
        }
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_DOES_NOT_EXIST) => {
            (manager.create_service(&info, access).map_err(|e| scm("CreateService", e))?, false)
        }
        Err(e) => return Err(scm("OpenService", e)),
    };
    service.set_description(tr("service-description")).map_err(|e| scm("ChangeServiceConfig2(description)", e))?;
    let actions = RESTART_DELAYS_S
        .iter()
        .map(|&s| ServiceAction { action_type: ServiceActionType::Restart, delay: Duration::from_secs(s) })
        .collect();
    service
        .update_failure_actions(ServiceFailureActions {
            reset_period: ServiceFailureResetPeriod::After(FAILURE_RESET),
            reboot_msg: None,
            command: None,
            actions: Some(actions),
        })
        .map_err(|e| scm("ChangeServiceConfig2(failure actions)", e))?;
    let key = if existed { "service-updated" } else { "service-registered" };
    done.push(tr_args(key, &[("name", name()), ("command", arg(&command)), ("delays", arg(&restart_delays()))]));
    // A daemon that exits with an error (a broken config, say) is restarted too, not only one
    // that crashes. (Every Windows since Vista takes this; Wine's SCM answers
    // ERROR_INVALID_LEVEL: said, and the rest stands.)
    match service.set_failure_actions_on_non_crash_failures(true) {
        Ok(()) => {}
        Err(e) if os_code(&e) == Some(ERROR_INVALID_LEVEL) => done.push(tr("service-no-failure-flag")),
        Err(e) => return Err(scm("ChangeServiceConfig2(failure actions flag)", e)),
    }
    // Started, or restarted on what was just installed.
    if state_of(&service)?.current_state != ServiceState::Stopped {
        stop_and_wait(&service)?;
    }
    let running = start_and_wait(&service)?;
    let pid = running.process_id.map_or_else(|| "?".into(), |p| p.to_string());
    let endpoint = session.endpoint().display().to_string();
    let log = log_path().display().to_string();
    done.push(tr_args(
        "service-started-at",
        &[("name", name()), ("pid", arg(&pid)), ("endpoint", arg(&endpoint)), ("log", arg(&log))],
    ));
    if matches!(autostart::system::read_task(DAEMON_TASK), Ok(Some(_))) {
        done.push(tr_args("service-logon-task-too", &[("task", arg(DAEMON_TASK))]));
    }
    print(&(done.join("\n") + "\n"))?;
    Ok(ExitStatus::Ok)
}

fn start_and_wait(service: &windows_service::service::Service) -> Result<ServiceStatus, Failure> {
    service.start(&[] as &[&OsStr]).map_err(|e| scm("StartService", e))?;
    wait_for(service, ServiceState::Running)
}

fn stop_and_wait(service: &windows_service::service::Service) -> Result<ServiceStatus, Failure> {
    match service.stop() {
        Ok(_) => {}
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_NOT_ACTIVE) => {}
        Err(e) => return Err(scm("ControlService(stop)", e)),
    }
    wait_for(service, ServiceState::Stopped)
}

fn open(access: ServiceAccess) -> Result<Option<windows_service::service::Service>, Failure> {
    match manager(ServiceManagerAccess::CONNECT)?.open_service(SERVICE, access) {
        Ok(service) => Ok(Some(service)),
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_DOES_NOT_EXIST) => Ok(None),
        Err(e) => Err(scm("OpenService", e)),
    }
}

fn not_installed() -> Failure {
    failure(tr_args("service-not-installed", &[("name", name())]))
}

fn start() -> Result<ExitStatus, Failure> {
    let service = open(ServiceAccess::QUERY_STATUS | ServiceAccess::START)?.ok_or_else(not_installed)?;
    let status = state_of(&service)?;
    let (key, status) = if status.current_state == ServiceState::Running {
        ("service-already-running", status)
    } else {
        ("service-started", start_and_wait(&service)?)
    };
    let pid = status.process_id.map_or_else(|| "?".into(), |p| p.to_string());
    print(&(tr_args(key, &[("name", name()), ("pid", arg(&pid))]) + "\n"))?;
    Ok(ExitStatus::Ok)
}

fn stop() -> Result<ExitStatus, Failure> {
    let service = open(ServiceAccess::QUERY_STATUS | ServiceAccess::STOP)?.ok_or_else(not_installed)?;
    let key = if state_of(&service)?.current_state == ServiceState::Stopped {
        "service-already-stopped"
    } else {
        stop_and_wait(&service)?;
        "service-stopped"
    };
    print(&(tr_args(key, &[("name", name())]) + "\n"))?;
    Ok(ExitStatus::Ok)
}

fn uninstall(purge: bool) -> Result<ExitStatus, Failure> {
    let dir = lock::machine_dir();
    let shown_dir = dir.display().to_string();
    let mut done = Vec::new();
    match open(ServiceAccess::QUERY_STATUS | ServiceAccess::STOP | ServiceAccess::DELETE)? {
        None => done.push(tr_args("service-not-installed", &[("name", name())])),
        Some(service) => {
            if state_of(&service)?.current_state != ServiceState::Stopped {
                stop_and_wait(&service)?;
            }
            match service.delete() {
                Ok(()) => {}
                Err(e) if os_code(&e) == Some(ERROR_SERVICE_MARKED_FOR_DELETE) => {}
                Err(e) => return Err(scm("DeleteService", e)),
            }
            drop(service);
            // The SCM removes a service marked for deletion once every handle to it is closed.
            let started = Instant::now();
            while open(ServiceAccess::QUERY_STATUS)?.is_some() {
                if started.elapsed() >= STATE_WAIT {
                    done.push(tr_args("service-delete-pending", &[("name", name())]));
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            let key = if purge { "service-removed" } else { "service-removed-kept" };
            done.push(tr_args(key, &[("name", name()), ("dir", arg(&shown_dir))]));
        }
    }
    if purge {
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => done.push(tr_args("service-purged", &[("path", arg(&shown_dir))])),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(failure(format!("{shown_dir}: {e}"))),
        }
    }
    print(&(done.join("\n") + "\n"))?;
    Ok(ExitStatus::Ok)
}

fn status(session: &Session) -> Result<ExitStatus, Failure> {
    let mut lines = Vec::new();
    let mut service_config = None;
    match open(ServiceAccess::QUERY_STATUS | ServiceAccess::QUERY_CONFIG) {
        Ok(None) => lines.push(tr_args("service-status-not-installed", &[("name", name())])),
        Err(e) => lines.push(e.to_string()),
        Ok(Some(service)) => {
            lines.push(tr_args("service-status-installed", &[("name", name())]));
            match service.query_status() {
                Ok(status) if status.current_state == ServiceState::Running => {
                    let pid = status.process_id.map_or_else(|| "?".into(), |p| p.to_string());
                    lines.push(format!("  {}", tr_args("service-status-running", &[("pid", arg(&pid))])));
                }
                Ok(status) => lines.push(format!(
                    "  {}",
                    tr_args("service-status-state", &[("state", arg(&state_text(status.current_state)))])
                )),
                Err(e) => lines.push(format!("  {}", scm("QueryServiceStatusEx", e))),
            }
            if let Ok(config) = service.query_config() {
                let command = config.executable_path.display().to_string();
                lines.push(format!("  {}", tr_args("service-status-runs", &[("command", arg(&command))])));
                let account =
                    config.account_name.map_or_else(|| "LocalSystem".into(), |a| a.to_string_lossy().into_owned());
                let key = if config.start_type == ServiceStartType::AutoStart {
                    "service-status-start-auto"
                } else {
                    "service-status-start-manual"
                };
                lines.push(format!("  {}", tr_args(key, &[("account", arg(&account))])));
                service_config = config_of_command_line(&command);
            }
            let restarts: Vec<String> = service
                .get_failure_actions()
                .ok()
                .and_then(|f| f.actions)
                .unwrap_or_default()
                .iter()
                .filter(|a| a.action_type == ServiceActionType::Restart)
                .map(|a| format!("{} s", a.delay.as_secs()))
                .collect();
            lines.push(format!(
                "  {}",
                if restarts.is_empty() {
                    tr("service-status-no-restart")
                } else {
                    tr_args("service-status-restarts", &[("delays", arg(&restarts.join(", ")))])
                }
            ));
            lines.push(format!(
                "  {}",
                tr_args("service-status-log", &[("log", arg(&log_path().display().to_string()))])
            ));
        }
    }
    // Who may connect, as the service's config says.
    let config_file = service_config.unwrap_or_else(|| lock::machine_dir().join("memsweep.toml"));
    if let Some(config) = std::fs::read_to_string(&config_file)
        .ok()
        .and_then(|text| Config::parse(&config_file.display().to_string(), &text).ok())
    {
        let key = match (config.service.control, config.service.allow) {
            (false, _) => "service-status-endpoint-off",
            (true, AllowedCallers::Interactive) => "service-status-open-to-interactive",
            (true, AllowedCallers::Administrators) => "service-status-open-to-administrators",
        };
        lines.push(format!("  {}", tr_args(key, &[("config", arg(&config_file.display().to_string()))])));
    }
    let endpoint = session.endpoint();
    let mut text = lines.join("\n") + "\n";
    text.push_str(&crate::render::service(
        &endpoint,
        &memsweep_app::control::client::service_info(&endpoint),
        super::service::installed,
    ));
    print(&text)?;
    Ok(ExitStatus::Ok)
}

/// What `service run` hands the service's main function, which the dispatcher calls on a
/// thread of its own with nothing but the service's arguments.
struct Handoff {
    options: SessionOptions,
    backend: SharedBackend,
}

static HANDOFF: OnceLock<Handoff> = OnceLock::new();
static EXIT: OnceLock<ExitStatus> = OnceLock::new();

/// `service run`: what the SCM starts. Hands control to the service dispatcher, which runs
/// [`service_main`] until the service stops.
fn run(session: &Session) -> Result<ExitStatus, Failure> {
    // The history next to the config and the log, as systemd's StateDirectory puts it on
    // Linux (history_file::path reads it; a `[history] path` in the config still wins). Set
    // before any thread starts.
    std::env::set_var("STATE_DIRECTORY", lock::machine_dir());
    let _ = HANDOFF.set(Handoff { options: session.options().clone(), backend: session.shared_backend() });
    match service_dispatcher::start(SERVICE, ffi_service_main) {
        Ok(()) => Ok(EXIT.get().copied().unwrap_or(ExitStatus::Ok)),
        Err(e) if os_code(&e) == Some(ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) => {
            Err(Failure::new(ExitStatus::Usage, tr("service-run-not-from-scm")))
        }
        Err(e) => Err(scm("StartServiceCtrlDispatcher", e)),
    }
}

define_windows_service!(ffi_service_main, service_main);

/// Tells the SCM how the service stands; pending states count their checkpoints.
#[derive(Default)]
struct Reporter {
    handle: OnceLock<ServiceStatusHandle>,
    checkpoint: AtomicU32,
}

impl Reporter {
    fn report(&self, state: ServiceState, exit_code: ServiceExitCode) {
        let Some(handle) = self.handle.get() else { return };
        let pending = matches!(state, ServiceState::StartPending | ServiceState::StopPending);
        let status = ServiceStatus {
            service_type: ServiceType::OWN_PROCESS,
            current_state: state,
            controls_accepted: if state == ServiceState::Running {
                ServiceControlAccept::STOP | ServiceControlAccept::SHUTDOWN
            } else {
                ServiceControlAccept::empty()
            },
            exit_code,
            checkpoint: if pending { self.checkpoint.fetch_add(1, Ordering::SeqCst) + 1 } else { 0 },
            wait_hint: if pending { STATE_WAIT } else { Duration::ZERO },
            process_id: None,
        };
        if let Err(e) = handle.set_service_status(status) {
            warn!("cannot tell the Service Control Manager the service is {state:?}: {}", scm("SetServiceStatus", e));
        }
    }
}

/// The service: logs into its file, registers for stop and shutdown, runs the daemon, and
/// reports STOPPED with the daemon's exit status (service-specific: the SCM's failure actions
/// then restart it).
fn service_main(_arguments: Vec<OsString>) {
    let Some(handoff) = HANDOFF.get() else { return };
    let session = Session::open(handoff.options.clone(), Arc::clone(&handoff.backend));
    let level = session
        .as_ref()
        .ok()
        .and_then(|s| s.config().ok())
        .map_or(tracing::Level::INFO, |c| watch::log_level(c.history.log_level));
    match RotatingFile::open(&log_path(), LOG_LIMIT, LOG_KEEP) {
        Ok(file) => logging::init_file(file, level),
        Err(_) => logging::init(level),
    }
    let wakes = Wakes::new();
    let stopper = wakes.stopper();
    let reporter = Arc::new(Reporter::default());
    let handler = {
        let reporter = Arc::clone(&reporter);
        move |control| match control {
            ServiceControl::Stop | ServiceControl::Shutdown => {
                info!("the Service Control Manager asked the service to stop");
                reporter.report(ServiceState::StopPending, ServiceExitCode::NO_ERROR);
                stopper.stop();
                ServiceControlHandlerResult::NoError
            }
            ServiceControl::Interrogate => ServiceControlHandlerResult::NoError,
            _ => ServiceControlHandlerResult::NotImplemented,
        }
    };
    let handle = match service_control_handler::register(SERVICE, handler) {
        Ok(handle) => handle,
        Err(e) => {
            error!("{}", scm("RegisterServiceCtrlHandlerEx", e));
            return;
        }
    };
    let _ = reporter.handle.set(handle);
    reporter.report(ServiceState::StartPending, ServiceExitCode::NO_ERROR);
    let result = session.and_then(|session| {
        daemon(&session, wakes, || reporter.report(ServiceState::Running, ServiceExitCode::NO_ERROR))
    });
    let exit_code = match &result {
        Ok(_) => ServiceExitCode::NO_ERROR,
        Err(failure) => {
            error!("the service stops: {failure}");
            ServiceExitCode::ServiceSpecific(u32::from(failure.status.code()))
        }
    };
    let _ = EXIT.set(result.unwrap_or_else(|failure| failure.status));
    reporter.report(ServiceState::Stopped, exit_code);
}

/// The daemon as the service runs it: the config (and its folder) may be changed by nobody but
/// SYSTEM and the administrators, then the same checks and loop as `memsweep watch`.
fn daemon(session: &Session, wakes: Wakes, running: impl FnOnce()) -> Result<ExitStatus, Failure> {
    let me = token::own_user_sid().map_err(|e| failure(format!("this service's SID: {e}")))?;
    let config = session.config_path();
    if let Some(folder) = config.parent() {
        ensure_safe(folder, &[&me], "service-fix-config", ExitStatus::Config)?;
    }
    ensure_safe(&config, &[&me], "service-fix-config", ExitStatus::Config)?;
    session.config()?;
    session.backend().check_privilege()?;
    let _instance = lock::watch()?;
    info!(
        "memsweep {} runs as the Windows service '{SERVICE}' (pid {}); config {}; log {}",
        env!("CARGO_PKG_VERSION"),
        std::process::id(),
        config.display(),
        log_path().display()
    );
    watch::run(&WatchArgs { metrics_file: None }, session, wakes, running)
}
