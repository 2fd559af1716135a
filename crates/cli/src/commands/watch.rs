//! `memsweep watch`: the daemon. It evaluates the rules (sleeping on memory pressure where the
//! kernel can wake it), cleans, logs, records every clean and what it cost afterwards, and —
//! run as root / elevated — serves the control endpoint for people who may not clean
//! themselves. Until Ctrl-C or SIGTERM; the Windows service runs the same loop ([`run`]) until
//! the Service Control Manager says stop.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use memsweep_app::control::server::{Server, Settings};
use memsweep_app::control::{Answer, Request};
use memsweep_app::cost::CostMeter;
use memsweep_app::{history_file, lock, perform, AutoCleaner, Origin, Session, Tick};
use memsweep_core::config::LogLevel;
use memsweep_core::history::{CleanCost, Requester};
use memsweep_core::metrics::CleanCounters;
use memsweep_core::rules::{Hold, Observation};
use memsweep_core::run::now_ms;
use memsweep_core::{Backend, ExitStatus, RunOptions};
use tracing::{debug, info, warn};

use crate::args::WatchArgs;
use crate::{logging, Failure};

/// How a daemon is woken between polls.
enum Wake {
    Stop,
    Pressure,
    /// The endpoint reloaded the config: run on this session from now on.
    Reload(Box<Session>),
}

/// What wakes a daemon between its polls; made before it runs, so that whatever stops it
/// (Ctrl-C / SIGTERM, the Service Control Manager) can be armed first.
pub struct Wakes {
    stop: Arc<AtomicBool>,
    sender: mpsc::Sender<Wake>,
    woken: mpsc::Receiver<Wake>,
}

impl Wakes {
    pub fn new() -> Wakes {
        let (sender, woken) = mpsc::channel();
        Wakes { stop: Arc::new(AtomicBool::new(false)), sender, woken }
    }

    /// A handle that stops the daemon: the area of a clean in progress finishes, the rest is
    /// skipped and the clean recorded, and [`run`] returns.
    pub fn stopper(&self) -> Stopper {
        Stopper { stop: Arc::clone(&self.stop), sender: self.sender.clone() }
    }
}

/// Stops the daemon of its [`Wakes`]; any thread may call it, any number of times.
#[derive(Clone)]
pub struct Stopper {
    stop: Arc<AtomicBool>,
    sender: mpsc::Sender<Wake>,
}

impl Stopper {
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.sender.send(Wake::Stop);
    }
}

/// The PSI trigger's window, and the stall share within it that wakes the daemon when no
/// pressure rule asks for less. The window is 2 s because the kernel takes other windows only
/// from processes with CAP_SYS_RESOURCE, which containers and hardened units often drop.
const PRESSURE_WINDOW: Duration = Duration::from_secs(2);
const PRESSURE_WAKE_PERCENT: f64 = 10.0;
/// After a pressure wake, the rules are evaluated at the fast pace this long.
const BUSY_AFTER_PRESSURE_MS: u64 = 30_000;
/// How often the cost meter samples the full counters (its baseline is the minute before a
/// clean, its window minutes after).
const FULL_SNAPSHOT_EVERY_MS: u64 = 5_000;

fn describe_cost(cost: &CleanCost) -> String {
    let bytes = |v: Option<u64>| v.map_or_else(|| "n/a".to_string(), memsweep_core::units::format_bytes);
    let count = |v: Option<u64>| v.map_or_else(|| "n/a".to_string(), |v| v.to_string());
    format!(
        "over {} s: read back {}, {} major faults, refaults {} (beyond the rate of the {} s before)",
        cost.window_s,
        bytes(cost.read_back_bytes),
        count(cost.major_faults.or(cost.hard_faults)),
        bytes(cost.refault_bytes),
        cost.baseline_s
    )
}

fn describe_hold(hold: &Hold) -> String {
    match hold {
        Hold::Cooldown { until_ms } => {
            format!("waiting for the gap: next clean possible in {} s", until_ms.saturating_sub(now_ms()) / 1000)
        }
        Hold::Paused => "paused: a pause_while process is running".into(),
        Hold::Pressure { some_avg10 } => {
            format!("held: memory pressure {some_avg10:.1}% is above the guard")
        }
    }
}

/// Writes the metrics file atomically: a temporary file next to it, renamed over it, so a
/// collector never reads half a file.
fn write_metrics(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(|| "metrics".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

pub fn log_level(level: LogLevel) -> tracing::Level {
    match level {
        LogLevel::Error => tracing::Level::ERROR,
        LogLevel::Warn => tracing::Level::WARN,
        LogLevel::Info => tracing::Level::INFO,
        LogLevel::Debug => tracing::Level::DEBUG,
    }
}

/// A warning said once, until what it warns of works again.
#[derive(Default)]
struct Once(bool);

impl Once {
    fn warn(&mut self, text: impl FnOnce() -> String) {
        if !self.0 {
            warn!("{}", text());
        }
        self.0 = true;
    }

    fn clear(&mut self) {
        self.0 = false;
    }
}

/// The config file's identity, to notice an edit (the settings window, an editor) cheaply.
fn config_stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Everything the daemon builds from one config; rebuilt whole on reload.
struct Daemon {
    auto: AutoCleaner,
    costs: Option<CostMeter>,
    history: PathBuf,
    fast: Duration,
    idle: Duration,
    /// Whether a PSI trigger wakes the daemon (then it sleeps `idle` between evaluations).
    triggered: bool,
}

impl Daemon {
    fn new(session: &Session, backend: &dyn Backend, wake: &mpsc::Sender<Wake>) -> Result<Daemon, Failure> {
        let config = session.config()?;
        let auto = AutoCleaner::open(session, now_ms())?;
        let history = auto.history_path().to_path_buf();
        let costs = (config.watch.cost_window_seconds > 0)
            .then(|| CostMeter::new(history.clone(), config.watch.cost_window_seconds, now_ms()));
        let fast = Duration::from_millis(config.watch.poll_interval_ms.get());
        let idle = Duration::from_millis(config.watch.idle_poll_ms.get()).max(fast);
        // Sleep on pressure where the kernel can wake us: then only the rules that do not watch
        // pressure wait for the slower timer.
        let stall_percent =
            auto.rules().iter().filter_map(|r| r.pressure_threshold()).fold(PRESSURE_WAKE_PERCENT, f64::min);
        let stall = PRESSURE_WINDOW.mul_f64(stall_percent.clamp(0.1, 100.0) / 100.0);
        let triggered = config.watch.pressure_trigger && {
            let wake = wake.clone();
            backend.on_pressure(stall, PRESSURE_WINDOW, Box::new(move || drop(wake.send(Wake::Pressure))))
        };
        let config_path = session.config_path();
        let source =
            if session.has_config_file() { config_path.display().to_string() } else { "built-in defaults".into() };
        let pacing = if triggered {
            format!(
                "every {} ms, at once on memory pressure (PSI trigger: {} ms of stall within {} ms)",
                idle.as_millis(),
                stall.as_millis(),
                PRESSURE_WINDOW.as_millis()
            )
        } else {
            format!("every {} ms", fast.as_millis())
        };
        for warning in session.warnings()? {
            warn!("{}: {warning}", config_path.display());
        }
        info!(
            "watching with {} rule(s) from {source}; rules evaluated {pacing}; at least {} s between cleans; history {}",
            auto.rules().len(),
            config.watch.min_gap_seconds,
            history.display()
        );
        if auto.rules().is_empty() {
            warn!("no rules: nothing will be cleaned (add [[rules]] to {})", config_path.display());
        }
        Ok(Daemon { auto, costs, history, fast, idle, triggered })
    }
}

/// The endpoint served and its server (to hand a reloaded config); what it takes to stop
/// serving it when the daemon ends (the Unix socket's file is removed, the pipe closed).
#[derive(Default)]
struct Endpoint {
    server: Option<Arc<Server>>,
    #[cfg(unix)]
    _socket: Option<SocketFile>,
    #[cfg(windows)]
    _pipe: Option<memsweep_app::control::windows::Serving>,
}

/// The Unix socket's file, removed when the daemon ends.
#[cfg(unix)]
struct SocketFile(PathBuf);

#[cfg(unix)]
impl Drop for SocketFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Serves the control endpoint when this daemon may clean for others; logs why not otherwise.
fn serve_endpoint(
    session: &Session,
    rules_paused: &Arc<AtomicBool>,
    wake: &mpsc::Sender<Wake>,
) -> Result<Endpoint, Failure> {
    let config = session.config()?;
    if !config.service.control {
        info!("control endpoint off ([service] control = false)");
        return Ok(Endpoint::default());
    }
    let endpoint = session.endpoint();
    let reload = std::sync::Mutex::new(wake.clone());
    let server = Arc::new(Server::new(
        session,
        session.options().clone(),
        Arc::clone(rules_paused),
        Box::new(move |session| {
            if let Ok(wake) = reload.lock() {
                let _ = wake.send(Wake::Reload(Box::new(session)));
            }
        }),
        Box::new(log_request),
    )?);
    #[cfg(unix)]
    let served =
        memsweep_app::control::unix::serve(&endpoint, &config.service.group, Arc::clone(&server)).map(|serving| {
            (serving.access, Endpoint { _socket: Some(SocketFile(endpoint.clone())), ..Endpoint::default() })
        });
    #[cfg(windows)]
    let served = memsweep_app::control::windows::serve(&endpoint, config.service.allow, Arc::clone(&server))
        .map(|serving| (serving.access.clone(), Endpoint { _pipe: Some(serving), ..Endpoint::default() }));
    #[cfg(not(any(unix, windows)))]
    let served: std::io::Result<(String, Endpoint)> = Err(std::io::ErrorKind::Unsupported.into());
    match served {
        Ok((access, endpoint_served)) => {
            info!("control endpoint {}: open to {access}", endpoint.display());
            Ok(Endpoint { server: Some(server), ..endpoint_served })
        }
        Err(e) => {
            warn!("control endpoint {} not served: {e}", endpoint.display());
            Ok(Endpoint::default())
        }
    }
}

/// Every request to the endpoint, in the daemon's log.
fn log_request(caller: &Requester, request: &Request, answer: &Answer) {
    let asked = match request {
        Request::Status => "status".to_string(),
        Request::Clean(params) => format!(
            "clean {}{}",
            if params.areas.is_empty() { "(default areas)".to_string() } else { params.areas.join(" ") },
            if params.dry_run { " --dry-run" } else { "" }
        ),
        Request::History { .. } => "history".into(),
        Request::Rules { action } => format!("rules {action:?}").to_lowercase(),
        Request::Reload => "reload".into(),
    };
    let answered = match answer {
        Answer::Report { report } => format!("{} done, {} failed", report.tally.done, report.tally.failed),
        Answer::Error { kind, message } => format!("refused ({kind:?}): {message}"),
        _ => "answered".into(),
    };
    info!("endpoint: {caller} asked {asked}: {answered}");
}

pub fn watch(args: &WatchArgs, session: &Session) -> Result<ExitStatus, Failure> {
    // A broken config stops the daemon before it starts: it would otherwise run on guesses.
    let config = session.config()?;
    session.backend().check_privilege()?;
    let _instance = lock::watch()?;
    logging::init(log_level(config.history.log_level));
    let wakes = Wakes::new();
    let stopper = wakes.stopper();
    ctrlc::set_handler(move || stopper.stop())
        .map_err(|e| Failure::new(ExitStatus::Error, format!("cannot handle Ctrl-C/SIGTERM: {e}")))?;
    run(args, session, wakes, || {})
}

/// The daemon, for `watch` and the Windows service alike: evaluates the rules, cleans, serves
/// the endpoint, until its [`Stopper`] says stop. The caller has checked the privilege, taken
/// the one-daemon lock and set up logging; `started` is called once the daemon runs (the
/// endpoint served), so a service can report itself running.
pub fn run(args: &WatchArgs, session: &Session, wakes: Wakes, started: impl FnOnce()) -> Result<ExitStatus, Failure> {
    let backend = session.backend();
    let Wakes { stop, sender: wake, woken } = wakes;
    let mut daemon = Daemon::new(session, backend, &wake)?;
    // Set through the endpoint (the tray's toggle): no rule is evaluated while it is.
    let rules_paused = Arc::new(AtomicBool::new(false));
    let endpoint = serve_endpoint(session, &rules_paused, &wake)?;
    started();
    // An edit of the config file (the settings window, an editor) is picked up on the next
    // poll; one the check refuses leaves the running config in place.
    let config_path = session.config_path();
    let mut config_seen = config_stamp(&config_path);

    let mut counters = CleanCounters::default();
    let mut counted_changes = None;
    let (mut metrics_failing, mut costs_failing, mut snapshot_failing) =
        (Once::default(), Once::default(), Once::default());
    let mut last_hold = None;
    // After a pressure wake the rules are evaluated at the fast pace for a while.
    let mut busy_until_ms = 0;
    let mut last_full_ms = 0;
    loop {
        let wait = if daemon.triggered && now_ms() >= busy_until_ms { daemon.idle } else { daemon.fast };
        match woken.recv_timeout(wait) {
            Ok(Wake::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Ok(Wake::Pressure) => {
                debug!("woken by memory pressure");
                busy_until_ms = now_ms() + BUSY_AFTER_PRESSURE_MS;
            }
            Ok(Wake::Reload(session)) => {
                info!("reloading the config ({})", session.config_path().display());
                match Daemon::new(&session, backend, &wake) {
                    Ok(reloaded) => {
                        daemon = reloaded;
                        counted_changes = None;
                    }
                    Err(failure) => warn!("reload not done, the old config stays: {failure}"),
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let stamp = config_stamp(&config_path);
        if stamp != config_seen {
            config_seen = stamp;
            match Session::open(session.options().clone(), session.shared_backend()).and_then(|reopened| {
                let daemon = Daemon::new(&reopened, backend, &wake)?;
                Ok((reopened, daemon))
            }) {
                Ok((reopened, reloaded)) => {
                    info!("{} changed: reloaded", config_path.display());
                    daemon = reloaded;
                    counted_changes = None;
                    if let (Some(server), Ok(settings)) = (&endpoint.server, Settings::of(&reopened)) {
                        server.replace_settings(settings);
                    }
                }
                Err(failure) => warn!("{} changed, but the old config stays: {failure}", config_path.display()),
            }
        }
        // Every poll reads what the rules need; the full snapshot (vmstat: three times the
        // kernel's work) only as often as the cost meter and the metrics file need it.
        let seen = match backend.observe() {
            Ok(seen) => {
                snapshot_failing.clear();
                seen
            }
            Err(e) => {
                snapshot_failing.warn(|| format!("cannot read memory figures: {e}"));
                continue;
            }
        };
        let full_due = args.metrics_file.is_some()
            || (daemon.costs.is_some() && now_ms().saturating_sub(last_full_ms) >= FULL_SNAPSHOT_EVERY_MS);
        let snapshot = if full_due { backend.snapshot().ok() } else { None };
        if let Some(snapshot) = &snapshot {
            last_full_ms = snapshot.taken_at_ms;
        }
        if let (Some(meter), Some(snapshot)) = (&mut daemon.costs, &snapshot) {
            match meter.observe(snapshot) {
                Ok(lines) => {
                    costs_failing.clear();
                    for line in lines {
                        info!("the clean of {} cost afterwards: {}", line.clean_ms, describe_cost(&line.cost));
                    }
                }
                Err(e) => {
                    costs_failing.warn(|| format!("cannot record a clean's cost in {}: {e}", daemon.history.display()))
                }
            }
        }
        if let (Some(path), Some(snapshot)) = (&args.metrics_file, &snapshot) {
            if counted_changes != Some(daemon.auto.history_changes()) {
                counted_changes = Some(daemon.auto.history_changes());
                counters = CleanCounters::from_history(
                    &history_file::read(&daemon.history).map(|(e, _)| e).unwrap_or_default(),
                );
            }
            match write_metrics(path, &memsweep_core::metrics::prometheus(snapshot, &counters)) {
                Ok(()) => metrics_failing.clear(),
                Err(e) => metrics_failing.warn(|| format!("cannot write the metrics file {}: {e}", path.display())),
            }
        }
        if rules_paused.load(Ordering::SeqCst) {
            debug!("rules paused through the endpoint");
            continue;
        }
        if evaluate(&mut daemon, backend, &seen, &mut last_hold, &stop) {
            last_full_ms = 0; // what the clean cost is measured from the reading right after it
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    drop(endpoint);
    info!("stopped");
    Ok(ExitStatus::Ok)
}

/// One evaluation of the rules, and the clean it asks for; whether it cleaned.
fn evaluate(
    daemon: &mut Daemon,
    backend: &(dyn Backend + Sync),
    seen: &Observation,
    last_hold: &mut Option<(usize, std::mem::Discriminant<Hold>)>,
    stop: &AtomicBool,
) -> bool {
    match daemon.auto.tick(now_ms(), seen) {
        Tick::Idle => *last_hold = None,
        Tick::Held { rule, hold } => {
            let text = describe_hold(&hold);
            if last_hold.as_ref() != Some(&(rule, std::mem::discriminant(&hold))) {
                info!("rule '{}' wants to clean; {text}", daemon.auto.rules()[rule].name);
                *last_hold = Some((rule, std::mem::discriminant(&hold)));
            } else {
                debug!("{text}");
            }
        }
        Tick::Clean(job) => {
            *last_hold = None;
            let trigger = &job.trigger;
            info!("rule '{trigger}' fired (used {:.1}%): cleaning {}", seen.used_percent, job.plan.ids().join(", "));
            let options = RunOptions { dry_run: false, cancel: Some(stop) };
            let origin = Origin::new(trigger.as_str());
            match perform(backend, &job.plan, &job.request, options, &origin, &daemon.history) {
                Ok((report, warning)) => {
                    if let Some(warning) = warning {
                        warn!("{warning}");
                    }
                    daemon.auto.finished(Ok(&report));
                    let t = &report.tally;
                    info!(
                        "cleaned in {} ms: {} done, {} failed, {} unsupported; free +{}; next clean in at least {} s",
                        report.duration_us / 1000,
                        t.done,
                        t.failed,
                        t.unsupported,
                        memsweep_core::units::format_bytes(report.freed_bytes()),
                        daemon.auto.gap_ms() / 1000
                    );
                    for area in report.areas.iter().filter(|a| a.reason.is_some()) {
                        info!("  {}: {} ({})", area.id, area.outcome.as_str(), area.reason.as_deref().unwrap_or(""));
                    }
                }
                Err(failure) => {
                    daemon.auto.finished(Err(&failure));
                    warn!("clean not done: {failure}");
                }
            }
            return true;
        }
    }
    false
}
