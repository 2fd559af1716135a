//! The local control endpoint: `memsweep watch`, run as root (Linux) or SYSTEM (the Windows
//! service), answers requests from people who may not clean themselves.
//!
//! The protocol is newline-delimited JSON, one request and one answer a line, each carrying the
//! protocol version `v`. Requests name areas, processes and amounts — never paths, commands or
//! config text. docs/control.md describes it.

pub mod client;
pub mod server;
#[cfg(unix)]
pub mod unix;
pub mod windows;

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use memsweep_core::history::{HistoryEntry, Requester};
use memsweep_core::{CleanRequest, ExitStatus, GentleReclaim, Plan, ReclaimAmount, Report};
use serde::{Deserialize, Serialize};

use server::Server;

/// The protocol version this build speaks.
pub const VERSION: u64 = 1;

/// The longest request line the daemon reads; a longer one is answered with an error.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// Connections answered at once (both transports).
pub const WORKERS: usize = 8;

/// Connections waiting for a worker; one more is told the daemon is busy.
pub const MAX_CONNECTIONS: usize = 16;

/// A caller that sends nothing (or stops reading) for this long is dropped.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the endpoint is: `--control`, else `MEMSWEEP_CONTROL`, else the platform's place.
pub fn endpoint(explicit: Option<&std::path::Path>) -> PathBuf {
    if let Some(path) = explicit {
        return path.to_path_buf();
    }
    if let Some(path) = std::env::var_os("MEMSWEEP_CONTROL").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    if cfg!(windows) {
        PathBuf::from(r"\\.\pipe\memsweep")
    } else {
        PathBuf::from("/run/memsweep/control.sock")
    }
}

/// Why a client got no answer.
#[derive(Debug)]
pub enum ClientError {
    /// Nothing serves the endpoint (no daemon, or not this one's socket).
    Unreachable(std::io::Error),
    /// The endpoint is there but this user may not connect (not in the group).
    Denied(std::io::Error),
    /// The daemon stopped answering or answered nonsense.
    Broken(String),
}

/// One request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Request {
    /// Memory now, and what this caller may do.
    Status,
    Clean(CleanParams),
    /// Past cleans since this time (milliseconds since the epoch; 0: all).
    History {
        #[serde(default)]
        since_ms: u64,
    },
    /// The rules: list them, or pause / resume automatic cleaning.
    Rules {
        action: RulesAction,
    },
    /// Read the config again.
    Reload,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RulesAction {
    List,
    Pause,
    Resume,
}

/// What to clean and how: the same choices as `memsweep clean`'s command line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanParams {
    /// Area ids; empty: the daemon's default set (or every area with `all`).
    pub areas: Vec<String>,
    pub all: bool,
    pub dry_run: bool,
    /// Processes for the per-process area (the caller resolved names to pids).
    pub pids: Vec<u32>,
    pub gentle: bool,
    pub reclaim: Option<ReclaimAmount>,
    pub gentle_reclaim: Option<GentleParams>,
}

/// Gentle reclaim's limits, as `--target`, `--step`, `--max`, `--floor` give them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GentleParams {
    pub target_percent: f64,
    pub step: ReclaimAmount,
    pub max: Option<ReclaimAmount>,
    pub floor: ReclaimAmount,
}

impl From<GentleReclaim> for GentleParams {
    fn from(g: GentleReclaim) -> GentleParams {
        GentleParams { target_percent: g.target_percent, step: g.step, max: g.max, floor: g.floor }
    }
}

impl From<GentleParams> for GentleReclaim {
    fn from(g: GentleParams) -> GentleReclaim {
        GentleReclaim { target_percent: g.target_percent, step: g.step, max: g.max, floor: g.floor }
    }
}

impl CleanParams {
    /// The request for a plan and its options, as an in-process clean would run them.
    pub fn of(plan: &Plan, request: &CleanRequest, dry_run: bool) -> CleanParams {
        CleanParams {
            areas: plan.ids().into_iter().map(String::from).collect(),
            all: false,
            dry_run,
            pids: request.targets.iter().map(|p| p.pid).collect(),
            gentle: request.gentle,
            reclaim: Some(request.reclaim),
            gentle_reclaim: Some(request.gentle_reclaim.into()),
        }
    }
}

/// One answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "kebab-case")]
pub enum Answer {
    Status { snapshot: serde_json::Value, service: ServiceInfo },
    Report { report: Report },
    History { entries: Vec<HistoryEntry> },
    Rules { paused: bool, rules: Vec<RuleState> },
    Reloaded { warnings: Vec<String> },
    Error { kind: ErrorKind, message: String },
}

impl Answer {
    pub fn error(kind: ErrorKind, message: impl Into<String>) -> Answer {
        Answer::Error { kind, message: message.into() }
    }
}

/// What the daemon tells a caller about itself and the caller.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceInfo {
    /// memsweep's version in the daemon.
    pub version: String,
    /// The caller, as the OS told the daemon.
    pub caller: Requester,
    /// The areas this caller may clean.
    pub may_clean: Vec<String>,
    /// The least time between this caller's cleans (0: none).
    pub min_gap_seconds: u64,
    pub rules_paused: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleState {
    pub name: String,
    pub enabled: bool,
}

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// Not a request of this protocol (garbage, too long, another version).
    BadRequest,
    /// A request that cannot be carried out as asked (unknown area, no such process).
    Usage,
    /// This caller may not do that.
    NoPermission,
    /// This caller's last clean was too recent.
    TooSoon,
    /// Too many connections, or another clean kept the lock.
    Busy,
    /// The config is broken (a reload).
    Config,
    Failed,
}

impl ErrorKind {
    /// The exit status a client ends with, the same as the in-process command's.
    pub fn exit_status(self) -> ExitStatus {
        match self {
            ErrorKind::BadRequest | ErrorKind::Usage => ExitStatus::Usage,
            ErrorKind::NoPermission => ExitStatus::NoPermission,
            ErrorKind::TooSoon | ErrorKind::Busy => ExitStatus::Busy,
            ErrorKind::Config => ExitStatus::Config,
            ErrorKind::Failed => ExitStatus::Error,
        }
    }

    pub fn of(status: ExitStatus) -> ErrorKind {
        match status {
            ExitStatus::Usage => ErrorKind::Usage,
            ExitStatus::NoPermission => ErrorKind::NoPermission,
            ExitStatus::Busy => ErrorKind::Busy,
            ExitStatus::Config => ErrorKind::Config,
            _ => ErrorKind::Failed,
        }
    }
}

/// Why a line is not a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadLine {
    TooLong,
    NotUtf8,
    NotJson(String),
    NoVersion,
    OtherVersion(String),
    NotARequest(String),
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadLine::TooLong => write!(f, "a request is at most {MAX_REQUEST_BYTES} bytes"),
            BadLine::NotUtf8 => f.write_str("a request is UTF-8 text"),
            BadLine::NotJson(e) => write!(f, "not JSON: {e}"),
            BadLine::NoVersion => write!(f, "no protocol version (\"v\": {VERSION})"),
            BadLine::OtherVersion(v) => write!(f, "protocol version {v}; this memsweep speaks {VERSION}"),
            BadLine::NotARequest(e) => write!(f, "not a request: {e}"),
        }
    }
}

/// Reads one line (without its newline) as a request.
pub fn parse_request(line: &[u8]) -> Result<Request, BadLine> {
    if line.len() > MAX_REQUEST_BYTES {
        return Err(BadLine::TooLong);
    }
    let text = std::str::from_utf8(line).map_err(|_| BadLine::NotUtf8)?;
    let fields = versioned(text)?;
    serde_json::from_value(fields).map_err(|e| BadLine::NotARequest(e.to_string()))
}

/// Reads one answer line.
pub fn parse_answer(line: &str) -> Result<Answer, BadLine> {
    serde_json::from_value(versioned(line)?).map_err(|e| BadLine::NotARequest(e.to_string()))
}

/// The fields of a JSON object of this protocol version, `v` taken out.
fn versioned(text: &str) -> Result<serde_json::Value, BadLine> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| BadLine::NotJson(e.to_string()))?;
    let fields = value.as_object_mut().ok_or_else(|| BadLine::NotARequest("not a JSON object".into()))?;
    match fields.remove("v") {
        Some(v) if v == VERSION => Ok(value),
        Some(other) => Err(BadLine::OtherVersion(other.to_string())),
        None => Err(BadLine::NoVersion),
    }
}

/// A fixed pool of workers fed through a bounded queue: the threads (and the memory the
/// allocator keeps per thread) stay bounded however many callers come. Shared by the Unix-socket
/// and the named-pipe transports.
pub(crate) struct Pool<T> {
    queue: SyncSender<T>,
}

impl<T: Send + 'static> Pool<T> {
    /// Starts [`WORKERS`] threads, each answering one connection at a time with `answer`.
    pub(crate) fn start(answer: impl Fn(T) + Send + Sync + 'static) -> io::Result<Pool<T>> {
        let (queue, waiting) = std::sync::mpsc::sync_channel::<T>(MAX_CONNECTIONS);
        let waiting = Arc::new(Mutex::new(waiting));
        let answer = Arc::new(answer);
        for _ in 0..WORKERS {
            let (answer, waiting) = (Arc::clone(&answer), Arc::clone(&waiting));
            std::thread::Builder::new().name("memsweep-caller".into()).spawn(move || loop {
                let next = waiting.lock().map(|queue| queue.recv());
                match next {
                    Ok(Ok(connection)) => answer(connection),
                    _ => return,
                }
            })?;
        }
        Ok(Pool { queue })
    }

    /// Hands a connection to a worker; gives it back when every worker is busy and the queue is
    /// full (the caller is then told the daemon is busy).
    pub(crate) fn offer(&self, connection: T) -> Result<(), T> {
        match self.queue.try_send(connection) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(connection) | TrySendError::Disconnected(connection)) => Err(connection),
        }
    }
}

/// The answer to a caller who finds every worker busy.
pub(crate) fn busy_line() -> String {
    encode(&Answer::error(ErrorKind::Busy, "too many connections; try again"))
}

/// Reads one line of at most MAX_REQUEST_BYTES; `None` at the end of the stream.
pub(crate) fn read_line(reader: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, BadLine>>> {
    let mut line = Vec::new();
    let read = reader.by_ref().take(MAX_REQUEST_BYTES as u64 + 1).read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        return Ok(Some(Ok(line)));
    }
    if line.len() > MAX_REQUEST_BYTES {
        return Ok(Some(Err(BadLine::TooLong)));
    }
    Ok(None) // the caller closed mid-line
}

/// Answers the requests of one connection, one a line, until the caller closes, stalls past
/// the transport's timeout or sends a line too long to resynchronise after. `caller` tells who
/// is at the other end; it is asked once, after the first line arrived (a named pipe tells its
/// client's identity only once data has been read from it).
pub(crate) fn answer_lines(
    reader: &mut impl BufRead,
    writer: &mut impl Write,
    caller: impl FnOnce() -> io::Result<Requester>,
    server: &Server,
) -> io::Result<()> {
    let mut caller = Some(caller);
    let mut known: Option<Requester> = None;
    while let Some(line) = read_line(reader)? {
        let who = match (&known, caller.take()) {
            (Some(who), _) => who,
            (None, Some(ask)) => known.insert(ask()?),
            (None, None) => return Ok(()),
        };
        let (answer, go_on) = match line {
            Ok(line) => match parse_request(&line) {
                Ok(request) => (server.handle(who, request), true),
                Err(bad) => (Answer::error(ErrorKind::BadRequest, bad.to_string()), true),
            },
            Err(bad) => (Answer::error(ErrorKind::BadRequest, bad.to_string()), false),
        };
        writer.write_all(encode(&answer).as_bytes())?;
        if !go_on {
            break;
        }
    }
    Ok(())
}

/// A request or answer as one line, newline included.
pub fn encode(message: &impl Serialize) -> String {
    let mut value = serde_json::to_value(message).unwrap_or_default();
    if let Some(fields) = value.as_object_mut() {
        fields.insert("v".into(), VERSION.into());
    }
    let mut line = value.to_string();
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn requests_round_trip_with_their_version() {
        let clean = Request::Clean(CleanParams {
            areas: vec!["page-cache".into()],
            reclaim: Some(ReclaimAmount::Bytes(1 << 30)),
            ..CleanParams::default()
        });
        for request in [clean, Request::Status, Request::History { since_ms: 5 }, Request::Reload] {
            let line = encode(&request);
            assert!(line.ends_with('\n') && line.contains("\"v\":1"), "{line}");
            assert_eq!(parse_request(line.trim_end().as_bytes()), Ok(request));
        }
        assert_eq!(
            parse_request(br#"{"v":1,"op":"rules","action":"pause"}"#),
            Ok(Request::Rules { action: RulesAction::Pause })
        );
        assert_eq!(parse_request(br#"{"v":1,"op":"clean"}"#), Ok(Request::Clean(CleanParams::default())));
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert_eq!(parse_request(&vec![b'{'; MAX_REQUEST_BYTES + 1]), Err(BadLine::TooLong));
        assert_eq!(parse_request(&[0xff, 0xfe]), Err(BadLine::NotUtf8));
        assert!(matches!(parse_request(b"hello"), Err(BadLine::NotJson(_))));
        assert_eq!(parse_request(br#"{"op":"status"}"#), Err(BadLine::NoVersion));
        assert_eq!(parse_request(br#"{"v":2,"op":"status"}"#), Err(BadLine::OtherVersion("2".into())));
        assert!(matches!(parse_request(br#"{"v":1,"op":"shell","cmd":"rm"}"#), Err(BadLine::NotARequest(_))));
        // a path or any unknown field in a clean is refused, not ignored
        assert!(matches!(parse_request(br#"{"v":1,"op":"clean","config":"/tmp/x"}"#), Err(BadLine::NotARequest(_))));
        assert!(matches!(parse_request(b"[1,2]"), Err(BadLine::NotARequest(_))));
    }

    #[test]
    fn answers_round_trip() {
        let answer = Answer::error(ErrorKind::TooSoon, "wait 12 s");
        assert_eq!(parse_answer(encode(&answer).trim_end()), Ok(answer));
        assert_eq!(ErrorKind::NoPermission.exit_status().code(), 77);
        assert_eq!(ErrorKind::TooSoon.exit_status().code(), 75);
    }
}
