//! The endpoint on Linux: a Unix socket, root:GROUP mode 0660, so the kernel decides who may
//! connect; the caller's uid and pid come from SO_PEERCRED.

use std::ffi::CString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::mpsc::TrySendError;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use memsweep_core::history::Requester;

use super::server::Server;
use super::{encode, parse_answer, parse_request, Answer, BadLine, ClientError, ErrorKind, Request, MAX_REQUEST_BYTES};

/// Connections answered at once.
pub const WORKERS: usize = 8;

/// Connections waiting for a worker; one more is told the daemon is busy.
pub const MAX_CONNECTIONS: usize = 16;

/// A caller that sends nothing (or stops reading) for this long is dropped.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// How the socket was set up, for the daemon's log.
pub struct Serving {
    /// Who may connect, in a sentence.
    pub access: String,
}

/// Binds the socket at `path` (removing a stale one left by a killed daemon) and answers from a
/// thread of its own.
pub fn serve(path: &Path, group: &str, server: Arc<Server>) -> io::Result<Serving> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    match UnixStream::connect(path) {
        Ok(_) => return Err(io::Error::new(io::ErrorKind::AddrInUse, format!("{} is served already", path.display()))),
        Err(_) if path.exists() => std::fs::remove_file(path)?,
        Err(_) => {}
    }
    let listener = UnixListener::bind(path)?;
    // Nobody may connect before the owner and mode are right.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    let access = match group_id(group) {
        Some(gid) => {
            std::os::unix::fs::chown(path, Some(0), Some(gid))?;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))?;
            format!("root and members of group {group} (gid {gid})")
        }
        None => format!("root only: group {group} does not exist (create it: groupadd --system {group})"),
    };
    // A fixed pool of workers, fed through a bounded queue: the threads (and the memory the
    // allocator keeps per thread) stay bounded however many callers come.
    let (queue, waiting) = std::sync::mpsc::sync_channel::<UnixStream>(MAX_CONNECTIONS);
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..WORKERS {
        let (server, waiting) = (Arc::clone(&server), Arc::clone(&waiting));
        std::thread::Builder::new().name("memsweep-caller".into()).spawn(move || loop {
            let next = waiting.lock().map(|queue| queue.recv());
            match next {
                Ok(Ok(stream)) => {
                    let _ = answer_connection(stream, &server);
                }
                _ => return,
            }
        })?;
    }
    std::thread::Builder::new().name("memsweep-control".into()).spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Err(TrySendError::Full(mut stream)) = queue.try_send(stream) {
                let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
                let busy = Answer::error(ErrorKind::Busy, "too many connections; try again");
                let _ = stream.write_all(encode(&busy).as_bytes());
            }
        }
    })?;
    Ok(Serving { access })
}

fn group_id(name: &str) -> Option<u32> {
    let name = CString::new(name).ok()?;
    // SAFETY: libc::group is plain data (integers and pointers); all zeroes is a valid value.
    let mut group: libc::group = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: a NUL-terminated name, a group struct and a buffer we own with its length, and an
    // out-pointer; getgrnam_r writes only into them.
    let rc = unsafe { libc::getgrnam_r(name.as_ptr(), &mut group, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    (rc == 0 && !found.is_null()).then_some(group.gr_gid)
}

fn user_name(uid: u32) -> Option<String> {
    // SAFETY: libc::passwd is plain data; all zeroes is a valid value.
    let mut passwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: as in group_id: our own struct, buffer and out-pointer.
    let rc = unsafe { libc::getpwuid_r(uid, &mut passwd, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    if rc != 0 || found.is_null() || passwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r succeeded: pw_name points at a NUL-terminated string inside `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr(passwd.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

/// The caller at the other end, as the kernel tells it.
fn caller_of(stream: &UnixStream) -> io::Result<Requester> {
    let credentials = rustix::net::sockopt::socket_peercred(stream)?;
    let uid = credentials.uid.as_raw();
    Ok(Requester {
        id: uid.to_string(),
        user: user_name(uid),
        pid: u32::try_from(credentials.pid.as_raw_nonzero().get()).ok(),
        privileged: uid == 0,
    })
}

/// Reads one line of at most MAX_REQUEST_BYTES; `None` at the end of the stream.
fn read_line(reader: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, BadLine>>> {
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
/// the timeout or sends a line too long to resynchronise after.
fn answer_connection(stream: UnixStream, server: &Server) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let caller = caller_of(&stream)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(line) = read_line(&mut reader)? {
        let (answer, go_on) = match line {
            Ok(line) => match parse_request(&line) {
                Ok(request) => (server.handle(&caller, request), true),
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

/// Sends one request to the endpoint at `path` and reads its answer.
pub fn ask(path: &Path, request: &Request, timeout: Duration) -> Result<Answer, ClientError> {
    let stream = UnixStream::connect(path).map_err(|e| match e.kind() {
        io::ErrorKind::PermissionDenied => ClientError::Denied(e),
        _ => ClientError::Unreachable(e),
    })?;
    let broken = |e: io::Error| ClientError::Broken(e.to_string());
    stream.set_read_timeout(Some(timeout)).map_err(broken)?;
    stream.set_write_timeout(Some(IO_TIMEOUT)).map_err(broken)?;
    (&stream).write_all(encode(request).as_bytes()).map_err(broken)?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).map_err(broken)?;
    if !line.ends_with('\n') {
        return Err(ClientError::Broken("the service closed the connection before it answered".into()));
    }
    parse_answer(line.trim_end()).map_err(|e| ClientError::Broken(format!("the service's answer: {e}")))
}
