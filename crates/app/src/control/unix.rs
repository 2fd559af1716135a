//! The endpoint on Linux: a Unix socket, root:GROUP mode 0660, so the kernel decides who may
//! connect; the caller's uid and pid come from SO_PEERCRED.

use std::ffi::CString;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use memsweep_core::history::Requester;

use super::server::Server;
use super::{answer_lines, busy_line, encode, parse_answer, Answer, ClientError, Pool, Request};
pub use super::{IO_TIMEOUT, MAX_CONNECTIONS, WORKERS};

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
    let pool = Pool::start(move |stream: UnixStream| {
        let _ = answer_connection(stream, &server);
    })?;
    std::thread::Builder::new().name("memsweep-control".into()).spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Err(mut stream) = pool.offer(stream) {
                let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
                let _ = stream.write_all(busy_line().as_bytes());
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

/// Answers the requests of one connection (see [`answer_lines`]).
fn answer_connection(stream: UnixStream, server: &Server) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let caller = caller_of(&stream)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    answer_lines(&mut reader, &mut writer, || Ok(caller), server)
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
