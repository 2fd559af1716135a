//! The endpoint on Windows: the named pipe `\\.\pipe\memsweep`, whose DACL (from an SDDL string)
//! decides who may connect; remote clients are refused (PIPE_REJECT_REMOTE_CLIENTS) and the
//! daemon creates the pipe's first instance itself (FILE_FLAG_FIRST_PIPE_INSTANCE), so no other
//! process can have taken the name first. The caller's identity comes from the pipe: its
//! process id (GetNamedPipeClientProcessId) and its token (ImpersonateNamedPipeClient).
//!
//! The names, rights and SDDL strings are plain data, compiled and tested on every OS; the
//! transport itself is Windows only.

use std::path::Path;

use memsweep_core::config::AllowedCallers;

/// Every local pipe's name starts so.
pub const PIPE_PREFIX: &str = r"\\.\pipe\";

/// FILE_APPEND_DATA, which on a pipe means FILE_CREATE_PIPE_INSTANCE: whoever holds it may add
/// instances to the pipe, and so answer callers in the daemon's place.
pub const FILE_CREATE_PIPE_INSTANCE: u32 = 0x0000_0004;

/// What callers who are not administrators are granted: read and write, FILE_GENERIC_READ |
/// FILE_GENERIC_WRITE (0x0012019F) less FILE_CREATE_PIPE_INSTANCE.
pub const CALLER_RIGHTS: u32 = 0x0012_019B;

/// What the client asks for when it opens the pipe: FILE_GENERIC_READ | FILE_WRITE_DATA
/// (GENERIC_WRITE would include FILE_CREATE_PIPE_INSTANCE, which callers are not granted).
pub const CLIENT_RIGHTS: u32 = 0x0012_008B;

/// The pipe's security descriptor as SDDL: a protected DACL (nothing inherited) allowing
/// LocalSystem (SY) and the Administrators group (BA) everything, and, unless only
/// administrators are allowed, interactive users (IU: people logged on at the machine or over
/// Remote Desktop, never a network logon) [`CALLER_RIGHTS`].
pub fn sddl(allow: AllowedCallers) -> String {
    let mut text = String::from("D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    if allow == AllowedCallers::Interactive {
        text.push_str(&format!("(A;;0x{CALLER_RIGHTS:x};;;IU)"));
    }
    text
}

/// Who may connect, for the daemon's log.
pub fn who_may_connect(allow: AllowedCallers) -> String {
    let who = match allow {
        AllowedCallers::Interactive => "SYSTEM, Administrators and interactive users",
        AllowedCallers::Administrators => "SYSTEM and Administrators only ([service] allow = \"administrators\")",
    };
    format!("{who}; no remote callers (DACL {})", sddl(allow))
}

/// An endpoint that is not a local pipe's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAPipeName(pub String);

impl std::fmt::Display for NotAPipeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not a local pipe name ({PIPE_PREFIX}NAME)", self.0)
    }
}

/// The full name of the pipe at `endpoint`: `\\.\pipe\NAME` as given (the prefix in any case),
/// or a bare `NAME` with the prefix added. A name is 1 to 256 characters without a backslash.
pub fn pipe_name(endpoint: &Path) -> Result<String, NotAPipeName> {
    let text = endpoint.to_str().ok_or_else(|| NotAPipeName(endpoint.display().to_string()))?;
    let refused = || NotAPipeName(text.to_string());
    let name = match text.get(..PIPE_PREFIX.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(PIPE_PREFIX) => &text[PIPE_PREFIX.len()..],
        _ => text,
    };
    if name.is_empty() || name.chars().count() > 256 || name.contains('\\') {
        return Err(refused());
    }
    Ok(format!("{PIPE_PREFIX}{name}"))
}

#[cfg(windows)]
pub use transport::{ask, serve, Serving};

#[cfg(windows)]
mod transport {
    use std::io::{self, BufRead, BufReader, Read, Write};
    use std::mem::zeroed;
    use std::os::windows::io::{AsRawHandle, FromRawHandle, HandleOrInvalid, HandleOrNull, OwnedHandle};
    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use memsweep_core::config::AllowedCallers;
    use memsweep_core::history::Requester;
    use windows_sys::Win32::Foundation::{
        GetLastError, LocalFree, ERROR_ACCESS_DENIED, ERROR_BROKEN_PIPE, ERROR_IO_PENDING, ERROR_NO_DATA,
        ERROR_PIPE_BUSY, ERROR_PIPE_CONNECTED, ERROR_PIPE_NOT_CONNECTED, HANDLE, WAIT_OBJECT_0,
    };
    use windows_sys::Win32::Security::Authorization::{
        ConvertStringSecurityDescriptorToSecurityDescriptorW, SDDL_REVISION_1,
    };
    use windows_sys::Win32::Security::{RevertToSelf, PSECURITY_DESCRIPTOR, SECURITY_ATTRIBUTES, TOKEN_QUERY};
    use windows_sys::Win32::Storage::FileSystem::{
        CreateFileW, ReadFile, WriteFile, FILE_FLAG_FIRST_PIPE_INSTANCE, FILE_FLAG_OVERLAPPED, OPEN_EXISTING,
        PIPE_ACCESS_DUPLEX, SECURITY_IDENTIFICATION, SECURITY_SQOS_PRESENT,
    };
    use windows_sys::Win32::System::Pipes::{
        ConnectNamedPipe, CreateNamedPipeW, GetNamedPipeClientProcessId, ImpersonateNamedPipeClient, WaitNamedPipeW,
        PIPE_READMODE_BYTE, PIPE_REJECT_REMOTE_CLIENTS, PIPE_TYPE_BYTE, PIPE_WAIT,
    };
    use windows_sys::Win32::System::Threading::{
        CreateEventW, GetCurrentThread, OpenThreadToken, SetEvent, WaitForMultipleObjects, WaitForSingleObject,
        INFINITE,
    };
    use windows_sys::Win32::System::IO::{CancelIoEx, GetOverlappedResult, OVERLAPPED};

    use super::super::server::Server;
    use super::super::{
        answer_lines, busy_line, encode, parse_answer, Answer, ClientError, Pool, Request, IO_TIMEOUT, MAX_CONNECTIONS,
        WORKERS,
    };
    use super::{pipe_name, sddl, who_may_connect, CLIENT_RIGHTS};
    use crate::token;

    /// Instances of the pipe at most: every worker's, every waiting caller's, the listening one
    /// and the one being told the daemon is busy.
    const MAX_INSTANCES: u32 = (WORKERS + MAX_CONNECTIONS + 2) as u32;
    /// The pipe's buffers each way (advisory: the kernel grows them as needed).
    const BUFFER: u32 = 64 * 1024;
    /// How long a new daemon waits for the pipe of one just stopped to go (a service restart).
    const TAKE_OVER: Duration = Duration::from_secs(5);

    fn wide(text: &str) -> Vec<u16> {
        text.encode_utf16().chain(std::iter::once(0)).collect()
    }

    fn os_error(call: &str, code: u32) -> io::Error {
        let e = io::Error::from_raw_os_error(code as i32);
        io::Error::new(e.kind(), format!("{call}: {e}"))
    }

    fn last_error(call: &str) -> io::Error {
        // SAFETY: GetLastError has no preconditions; read right after the call it belongs to.
        os_error(call, unsafe { GetLastError() })
    }

    /// A manual-reset event.
    struct Event(OwnedHandle);

    impl Event {
        fn new() -> io::Result<Event> {
            // SAFETY: no attributes, manual reset, not signalled, no name: a new event, or NULL.
            let handle =
                unsafe { HandleOrNull::from_raw_handle(CreateEventW(std::ptr::null(), 1, 0, std::ptr::null())) };
            OwnedHandle::try_from(handle).map(Event).map_err(|_| last_error("CreateEvent"))
        }

        fn raw(&self) -> HANDLE {
            self.0.as_raw_handle()
        }

        fn set(&self) {
            // SAFETY: a live event handle.
            unsafe { SetEvent(self.raw()) };
        }

        fn is_set(&self) -> bool {
            // SAFETY: a live event handle; a wait of 0 ms only looks.
            unsafe { WaitForSingleObject(self.raw(), 0) == WAIT_OBJECT_0 }
        }
    }

    /// A security descriptor made from SDDL, freed with LocalFree.
    struct Descriptor(PSECURITY_DESCRIPTOR);

    // SAFETY: the descriptor is a LocalAlloc'd block owned by this value alone and only ever
    // read (passed to CreateNamedPipeW); moving it to another thread is sound.
    unsafe impl Send for Descriptor {}

    impl Descriptor {
        fn from_sddl(text: &str) -> io::Result<Descriptor> {
            let text = wide(text);
            let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
            // SAFETY: a NUL-terminated SDDL string and an out-pointer to a local; the call
            // allocates the descriptor with LocalAlloc.
            let ok = unsafe {
                ConvertStringSecurityDescriptorToSecurityDescriptorW(
                    text.as_ptr(),
                    SDDL_REVISION_1,
                    &mut descriptor,
                    std::ptr::null_mut(),
                )
            };
            if ok == 0 {
                return Err(last_error("ConvertStringSecurityDescriptorToSecurityDescriptor"));
            }
            Ok(Descriptor(descriptor))
        }
    }

    impl Drop for Descriptor {
        fn drop(&mut self) {
            // SAFETY: allocated by ConvertStringSecurityDescriptorToSecurityDescriptorW with
            // LocalAlloc, freed once, here.
            unsafe { LocalFree(self.0) };
        }
    }

    /// How an overlapped operation ended.
    enum Waited {
        Done(u32),
        TimedOut,
        Stopped,
    }

    /// One end of a pipe opened for overlapped I/O, so that no read or write waits longer than
    /// its timeout: a caller that sends nothing, or stops reading, is dropped.
    pub(super) struct Pipe {
        handle: OwnedHandle,
        read_timeout: Duration,
        write_timeout: Duration,
    }

    impl Pipe {
        fn raw(&self) -> HANDLE {
            self.handle.as_raw_handle()
        }

        /// Starts one overlapped operation with `start` and waits for it: up to `timeout` (none:
        /// for ever), or until `stop` is set. A timed-out or stopped operation is cancelled, and
        /// waited for, so the kernel is done with the OVERLAPPED and the buffer before they go.
        fn overlapped(
            &self,
            timeout: Option<Duration>,
            stop: Option<&Event>,
            start: impl FnOnce(*mut OVERLAPPED) -> i32,
        ) -> io::Result<Waited> {
            let done = Event::new()?;
            // SAFETY: OVERLAPPED is plain data; zeroed with an event is how an operation starts.
            let mut overlapped: OVERLAPPED = unsafe { zeroed() };
            overlapped.hEvent = done.raw();
            if start(&mut overlapped) == 0 {
                // SAFETY: GetLastError has no preconditions; read right after the call.
                let error = unsafe { GetLastError() };
                if error != ERROR_IO_PENDING {
                    return Err(io::Error::from_raw_os_error(error as i32));
                }
                let handles = [done.raw(), stop.map_or(std::ptr::null_mut(), Event::raw)];
                let count = if stop.is_some() { 2 } else { 1 };
                let ms = timeout.map_or(INFINITE, |t| t.as_millis().min(u128::from(INFINITE - 1)) as u32);
                // SAFETY: `count` live event handles.
                let woke = unsafe { WaitForMultipleObjects(count, handles.as_ptr(), 0, ms) };
                if woke != WAIT_OBJECT_0 {
                    let mut transferred = 0u32;
                    // SAFETY: the operation started on this handle with this OVERLAPPED; after
                    // the cancel, GetOverlappedResult waits until it has really ended.
                    unsafe {
                        CancelIoEx(self.raw(), &overlapped);
                        GetOverlappedResult(self.raw(), &overlapped, &mut transferred, 1);
                    }
                    return Ok(if woke == WAIT_OBJECT_0 + 1 { Waited::Stopped } else { Waited::TimedOut });
                }
            }
            let mut transferred = 0u32;
            // SAFETY: the operation has ended (or ended at once); this reads its result.
            if unsafe { GetOverlappedResult(self.raw(), &overlapped, &mut transferred, 0) } == 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(Waited::Done(transferred))
        }
    }

    impl Read for &Pipe {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            let (pointer, length) = (buffer.as_mut_ptr(), buffer.len().min(u32::MAX as usize) as u32);
            let pipe: &Pipe = self;
            // SAFETY: a live handle; `buffer` is exclusively borrowed for the whole operation,
            // which `overlapped` waits out (or cancels and waits out) before returning.
            let read = pipe.overlapped(Some(pipe.read_timeout), None, |overlapped| unsafe {
                ReadFile(pipe.raw(), pointer, length, std::ptr::null_mut(), overlapped)
            });
            match read {
                Ok(Waited::Done(n)) => Ok(n as usize),
                Ok(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "the other end sent nothing in time")),
                // The other end closed: the end of the stream.
                Err(e)
                    if [ERROR_BROKEN_PIPE, ERROR_PIPE_NOT_CONNECTED]
                        .map(|c| c as i32)
                        .contains(&e.raw_os_error().unwrap_or(0)) =>
                {
                    Ok(0)
                }
                Err(e) => Err(e),
            }
        }
    }

    impl Write for &Pipe {
        fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
            let (pointer, length) = (buffer.as_ptr(), buffer.len().min(u32::MAX as usize) as u32);
            let pipe: &Pipe = self;
            // SAFETY: a live handle; `buffer` is borrowed for the whole operation, which
            // `overlapped` waits out (or cancels and waits out) before returning.
            let written = pipe.overlapped(Some(pipe.write_timeout), None, |overlapped| unsafe {
                WriteFile(pipe.raw(), pointer, length, std::ptr::null_mut(), overlapped)
            })?;
            match written {
                Waited::Done(n) => Ok(n as usize),
                _ => Err(io::Error::new(io::ErrorKind::TimedOut, "the other end stopped reading")),
            }
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A new instance of the pipe `name`; `first`: it must be the pipe's first.
    fn instance(name: &[u16], descriptor: &Descriptor, first: bool) -> io::Result<Pipe> {
        let attributes = SECURITY_ATTRIBUTES {
            nLength: std::mem::size_of::<SECURITY_ATTRIBUTES>() as u32,
            lpSecurityDescriptor: descriptor.0,
            bInheritHandle: 0,
        };
        let open_mode =
            PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | if first { FILE_FLAG_FIRST_PIPE_INSTANCE } else { 0 };
        let pipe_mode = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;
        // SAFETY: a NUL-terminated name and security attributes pointing at a live descriptor;
        // the call returns a new handle or INVALID_HANDLE_VALUE.
        let handle = unsafe {
            HandleOrInvalid::from_raw_handle(CreateNamedPipeW(
                name.as_ptr(),
                open_mode,
                pipe_mode,
                MAX_INSTANCES,
                BUFFER,
                BUFFER,
                0,
                &attributes,
            ))
        };
        let handle = OwnedHandle::try_from(handle).map_err(|_| last_error("CreateNamedPipe"))?;
        Ok(Pipe { handle, read_timeout: IO_TIMEOUT, write_timeout: IO_TIMEOUT })
    }

    enum Connected {
        Yes,
        /// A caller came and went before it was answered.
        Gone,
        Stopped,
    }

    fn connect(pipe: &Pipe, stop: &Event) -> io::Result<Connected> {
        // SAFETY: a live pipe handle; `overlapped` waits out (or cancels) the operation.
        match pipe.overlapped(None, Some(stop), |overlapped| unsafe { ConnectNamedPipe(pipe.raw(), overlapped) }) {
            Ok(Waited::Done(_)) => Ok(Connected::Yes),
            Ok(Waited::Stopped) => Ok(Connected::Stopped),
            Ok(Waited::TimedOut) => Ok(Connected::Gone),
            // A caller connected between the instance's creation and this call.
            Err(e) if e.raw_os_error() == Some(ERROR_PIPE_CONNECTED as i32) => Ok(Connected::Yes),
            Err(e) if e.raw_os_error() == Some(ERROR_NO_DATA as i32) => Ok(Connected::Gone),
            Err(e) => Err(e),
        }
    }

    /// The pipe served, and how to stop serving it: dropping this closes the listening instance
    /// and ends the thread that accepts callers (a connection being answered finishes first).
    pub struct Serving {
        /// Who may connect, in a sentence.
        pub access: String,
        stop: Arc<Event>,
        thread: Option<std::thread::JoinHandle<()>>,
    }

    impl Drop for Serving {
        fn drop(&mut self) {
            self.stop.set();
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }

    /// Creates the pipe at `endpoint` with the DACL of `allow` and answers from a thread of its
    /// own, with a fixed pool of workers.
    pub fn serve(endpoint: &Path, allow: AllowedCallers, server: Arc<Server>) -> io::Result<Serving> {
        let name = pipe_name(endpoint).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        let wide_name = wide(&name);
        let descriptor = Descriptor::from_sddl(&sddl(allow))?;
        // The first instance claims the name: no other process may have created the pipe
        // before (it would answer callers in the daemon's place), and two daemons never serve
        // one. A daemon just stopped (a service restart) lets go within a moment.
        let started = Instant::now();
        let first = loop {
            match instance(&wide_name, &descriptor, true) {
                Ok(pipe) => break pipe,
                Err(e)
                    if [ERROR_ACCESS_DENIED, ERROR_PIPE_BUSY]
                        .map(|c| c as i32)
                        .contains(&e.raw_os_error().unwrap_or(0)) =>
                {
                    if started.elapsed() >= TAKE_OVER {
                        return Err(io::Error::new(
                            io::ErrorKind::AddrInUse,
                            format!("{name} exists already: another process serves it ({e})"),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => return Err(e),
            }
        };
        let stop = Arc::new(Event::new()?);
        let pool = Pool::start(move |pipe: Pipe| {
            let _ = answer_connection(pipe, &server);
        })?;
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("memsweep-control".into())
                .spawn(move || accept(first, &wide_name, &descriptor, &stop, &pool))?
        };
        Ok(Serving { access: who_may_connect(allow), stop, thread: Some(thread) })
    }

    /// Accepts callers until `stop` is set. The next instance is created before a connected
    /// one is handed on, so an instance of the daemon's always exists and the name never lapses
    /// for another process to take.
    fn accept(first: Pipe, name: &[u16], descriptor: &Descriptor, stop: &Event, pool: &Pool<Pipe>) {
        let mut listening = first;
        loop {
            let connected = match connect(&listening, stop) {
                Ok(Connected::Stopped) => return,
                Ok(Connected::Yes) => true,
                Ok(Connected::Gone) | Err(_) => false,
            };
            let next = loop {
                match instance(name, descriptor, false) {
                    Ok(pipe) => break pipe,
                    Err(_) if stop.is_set() => return,
                    // Every instance is taken: wait for one to be answered.
                    Err(_) => std::thread::sleep(Duration::from_millis(100)),
                }
            };
            let caller = std::mem::replace(&mut listening, next);
            if connected {
                if let Err(busy) = pool.offer(caller) {
                    let _ = (&busy).write_all(busy_line().as_bytes());
                }
            }
        }
    }

    /// Reverts this thread to the daemon's own identity when dropped; a thread that cannot is
    /// not left running as its caller.
    struct Revert;

    impl Drop for Revert {
        fn drop(&mut self) {
            // SAFETY: RevertToSelf takes no arguments; it ends this thread's impersonation.
            if unsafe { RevertToSelf() } == 0 {
                std::process::abort();
            }
        }
    }

    /// The caller's token, as the pipe hands it over: impersonate the caller on this thread,
    /// open the thread's token, revert. (Possible only once data has been read from the pipe.)
    fn caller_token(pipe: &Pipe) -> io::Result<OwnedHandle> {
        // SAFETY: a live, connected pipe handle.
        if unsafe { ImpersonateNamedPipeClient(pipe.raw()) } == 0 {
            return Err(last_error("ImpersonateNamedPipeClient"));
        }
        let _revert = Revert;
        let mut token: HANDLE = std::ptr::null_mut();
        // SAFETY: this thread's pseudo-handle and an out-pointer to a local. OpenAsSelf: the
        // daemon's own identity opens the token (the client allows identification only, and an
        // identification-level identity cannot open objects).
        if unsafe { OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, 1, &mut token) } == 0 {
            return Err(last_error("OpenThreadToken"));
        }
        // SAFETY: OpenThreadToken succeeded: a new token handle this process owns.
        Ok(unsafe { OwnedHandle::from_raw_handle(token) })
    }

    /// Who is at the other end. `privileged` needs both the token the pipe hands over and the
    /// client process's own token to be an elevated administrator's: a process that is not
    /// elevated never counts as one through a token it impersonates, and one that impersonates
    /// a user asks as that user.
    fn caller_of(pipe: &Pipe) -> io::Result<Requester> {
        let mut pid = 0u32;
        // SAFETY: a live, connected pipe handle and an out-pointer to a local.
        let pid = (unsafe { GetNamedPipeClientProcessId(pipe.raw(), &mut pid) } != 0).then_some(pid);
        let token = caller_token(pipe)?;
        let privileged = token::is_elevated_admin(&token) && pid.is_some_and(token::process_is_elevated_admin);
        Ok(Requester { id: token::user_sid(&token)?, user: token::account_name(&token), pid, privileged })
    }

    fn answer_connection(pipe: Pipe, server: &Server) -> io::Result<()> {
        let mut reader = BufReader::new(&pipe);
        let mut writer = &pipe;
        answer_lines(&mut reader, &mut writer, || caller_of(&pipe), server)
        // Closing the handle (not DisconnectNamedPipe) lets the caller still read the last answer.
    }

    /// Opens the pipe as a client; waits up to `wait` while every instance is busy.
    fn open(name: &str, wait: Duration) -> Result<Pipe, ClientError> {
        let wide_name = wide(name);
        let started = Instant::now();
        loop {
            // SAFETY: a NUL-terminated name, no security attributes, no template; the call
            // returns a new handle or INVALID_HANDLE_VALUE. SECURITY_IDENTIFICATION: the daemon
            // may learn who calls, never act as the caller.
            let raw = unsafe {
                CreateFileW(
                    wide_name.as_ptr(),
                    CLIENT_RIGHTS,
                    0,
                    std::ptr::null(),
                    OPEN_EXISTING,
                    FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION,
                    std::ptr::null_mut(),
                )
            };
            // SAFETY: GetLastError has no preconditions; read right after CreateFileW.
            let error = unsafe { GetLastError() };
            // SAFETY: CreateFileW's result: a new handle this process owns, or INVALID_HANDLE_VALUE.
            if let Ok(handle) = OwnedHandle::try_from(unsafe { HandleOrInvalid::from_raw_handle(raw) }) {
                return Ok(Pipe { handle, read_timeout: IO_TIMEOUT, write_timeout: IO_TIMEOUT });
            }
            let e = os_error(name, error);
            match error {
                ERROR_PIPE_BUSY => {
                    let left = wait.saturating_sub(started.elapsed());
                    if left.is_zero() {
                        return Err(ClientError::Broken(format!("every instance of {name} stayed busy")));
                    }
                    // SAFETY: a NUL-terminated name; waits at most `left`.
                    unsafe { WaitNamedPipeW(wide_name.as_ptr(), left.as_millis().clamp(1, 60_000) as u32) };
                }
                ERROR_ACCESS_DENIED => return Err(ClientError::Denied(e)),
                _ => return Err(ClientError::Unreachable(e)),
            }
        }
    }

    /// Sends one request to the pipe at `endpoint` and reads its answer.
    pub fn ask(endpoint: &Path, request: &Request, timeout: Duration) -> Result<Answer, ClientError> {
        let name = pipe_name(endpoint).map_err(|e| ClientError::Broken(e.to_string()))?;
        let mut pipe = open(&name, IO_TIMEOUT)?;
        pipe.read_timeout = timeout;
        let broken = |e: io::Error| ClientError::Broken(e.to_string());
        (&pipe).write_all(encode(request).as_bytes()).map_err(broken)?;
        let mut line = String::new();
        BufReader::new(&pipe).read_line(&mut line).map_err(broken)?;
        if !line.ends_with('\n') {
            return Err(ClientError::Broken("the service closed the connection before it answered".into()));
        }
        parse_answer(line.trim_end()).map_err(|e| ClientError::Broken(format!("the service's answer: {e}")))
    }

    #[cfg(test)]
    mod tests {
        #![allow(clippy::unwrap_used)]
        use super::*;
        use windows_sys::Win32::Security::Authorization::ConvertSecurityDescriptorToStringSecurityDescriptorW;
        use windows_sys::Win32::Security::DACL_SECURITY_INFORMATION;

        // Run under Wine by scripts/test.sh: Windows' own SDDL parser and pipes.

        /// The SDDL Windows reads back from the descriptor it made of ours.
        fn round_trip(text: &str) -> String {
            let descriptor = Descriptor::from_sddl(text).unwrap();
            let mut out: windows_sys::core::PWSTR = std::ptr::null_mut();
            let mut len = 0u32;
            // SAFETY: a live descriptor and out-pointers to locals; the string is LocalAlloc'd.
            let ok = unsafe {
                ConvertSecurityDescriptorToStringSecurityDescriptorW(
                    descriptor.0,
                    SDDL_REVISION_1,
                    DACL_SECURITY_INFORMATION,
                    &mut out,
                    &mut len,
                )
            };
            assert_ne!(ok, 0, "{}", io::Error::last_os_error());
            // SAFETY: a NUL-terminated string of the call's, read to its NUL and freed once.
            unsafe {
                let n = (0..).take_while(|&i| *out.add(i) != 0).count();
                let text = String::from_utf16_lossy(std::slice::from_raw_parts(out, n));
                LocalFree(out.cast());
                text
            }
        }

        #[test]
        fn windows_reads_both_dacls_as_written() {
            for allow in [AllowedCallers::Interactive, AllowedCallers::Administrators] {
                let text = sddl(allow);
                assert_eq!(round_trip(&text).to_ascii_uppercase(), text.to_ascii_uppercase());
            }
        }

        use std::sync::atomic::AtomicBool;
        use std::sync::Mutex;

        use memsweep_core::{
            Area, AreaEffect, AreaError, AreaStatus, Backend, BackendError, CleanRequest, NeedPrivilege, ProcessInfo,
            Snapshot, Stage, Support,
        };

        use super::super::super::{RulesAction, MAX_REQUEST_BYTES};
        use crate::{Session, SessionOptions};

        /// A backend with one area and nothing behind it: the transport is what is tested.
        struct Fake;

        impl Backend for Fake {
            fn os(&self) -> &'static str {
                "windows"
            }
            fn snapshot(&self) -> Result<Snapshot, BackendError> {
                Err(BackendError::Unsupported("test".into()))
            }
            fn areas(&self) -> Vec<AreaStatus> {
                let area = Area { default_on: true, ..Area::new("working-sets", Stage::Trim) };
                vec![AreaStatus { area, support: Support::Supported }]
            }
            fn check_privilege(&self) -> Result<(), NeedPrivilege> {
                Ok(())
            }
            fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
                Ok(Vec::new())
            }
            fn clean(&self, _: &Area, _: &CleanRequest) -> Result<AreaEffect, AreaError> {
                Ok(AreaEffect::default())
            }
        }

        /// A pipe of this test served by a real Server; the callers it saw.
        fn served(name: &str) -> (tempfile::TempDir, Serving, Arc<Mutex<Vec<Requester>>>) {
            let dir = tempfile::tempdir().unwrap();
            let config = dir.path().join("memsweep.toml");
            let history = dir.path().join("history.jsonl").display().to_string().replace('\\', "/");
            std::fs::write(&config, format!("[history]\npath = \"{history}\"\n")).unwrap();
            let options = SessionOptions { config: Some(config), ..SessionOptions::default() };
            let session = Session::open(options.clone(), Arc::new(Fake)).unwrap();
            let seen = Arc::new(Mutex::new(Vec::new()));
            let log = Arc::clone(&seen);
            let server = Server::new(
                &session,
                options,
                Arc::new(AtomicBool::new(false)),
                Box::new(|_| {}),
                Box::new(move |caller, _, _| log.lock().unwrap().push(caller.clone())),
            )
            .unwrap();
            let serving = serve(Path::new(name), AllowedCallers::Interactive, Arc::new(server)).unwrap();
            (dir, serving, seen)
        }

        fn raw_client(name: &str) -> Pipe {
            open(name, IO_TIMEOUT).unwrap()
        }

        fn answer_of(pipe: &Pipe) -> String {
            let mut line = String::new();
            BufReader::new(pipe).read_line(&mut line).unwrap();
            line
        }

        #[test]
        fn a_request_through_the_pipe_is_answered_and_the_caller_known() {
            let name = format!(r"\\.\pipe\memsweep-unit-serve-{}", std::process::id());
            let (_dir, serving, seen) = served(&name);
            assert!(serving.access.starts_with("SYSTEM, Administrators and interactive users"), "{}", serving.access);
            let rules = Request::Rules { action: RulesAction::List };
            let answer = ask(Path::new(&name), &rules, Duration::from_secs(10)).unwrap();
            assert!(matches!(answer, Answer::Rules { paused: false, .. }), "{answer:?}");
            let caller = seen.lock().unwrap()[0].clone();
            assert_eq!(caller.id, token::own_user_sid().unwrap());
            assert_eq!(caller.pid, Some(std::process::id()), "GetNamedPipeClientProcessId");
            assert!(caller.user.is_some());
            assert!(caller.privileged, "this test runs elevated (Wine's default token)");

            // garbage, then a good request on the same connection
            let pipe = raw_client(&name);
            (&pipe).write_all(b"hello\n{\"v\":1,\"op\":\"rules\",\"action\":\"list\"}\n").unwrap();
            let mut reader = BufReader::new(&pipe);
            let (mut first, mut second) = (String::new(), String::new());
            reader.read_line(&mut first).unwrap();
            reader.read_line(&mut second).unwrap();
            assert!(first.contains("\"kind\":\"bad-request\"") && first.contains("not JSON"), "{first}");
            assert!(second.contains("\"answer\":\"rules\""), "{second}");

            // a line too long: refused, and the connection closed after the answer
            let pipe = raw_client(&name);
            let _ = (&pipe).write_all(&vec![b'x'; MAX_REQUEST_BYTES + 10]);
            let answer = answer_of(&pipe);
            assert!(answer.contains("at most 65536 bytes"), "{answer}");

            // a caller that sends nothing does not keep others waiting
            let _silent = raw_client(&name);
            assert!(ask(Path::new(&name), &rules, Duration::from_secs(10)).is_ok());

            // stopped: the name is gone, and a new daemon takes it at once
            drop(serving);
            std::thread::sleep(Duration::from_millis(200));
            let (_dir2, _again, _) = served(&name);
            assert!(ask(Path::new(&name), &rules, Duration::from_secs(10)).is_ok());
        }

        #[test]
        fn a_silent_caller_is_dropped_after_the_timeout() {
            let name = format!(r"\\.\pipe\memsweep-unit-silent-{}", std::process::id());
            let (_dir, _serving, _) = served(&name);
            let mut silent = raw_client(&name);
            silent.read_timeout = IO_TIMEOUT + Duration::from_secs(10);
            (&silent).write_all(b"{\"v\":1,").unwrap(); // half a request, then nothing
            let started = Instant::now();
            let mut rest = Vec::new();
            let read = (&silent).read_to_end(&mut rest);
            assert!(read.is_ok() && rest.is_empty(), "{read:?} {rest:?}");
            let waited = started.elapsed();
            assert!(
                waited >= IO_TIMEOUT - Duration::from_millis(500) && waited < IO_TIMEOUT + Duration::from_secs(5),
                "{waited:?}"
            );
        }

        #[test]
        fn a_second_server_cannot_take_a_served_pipe_and_a_missing_one_is_unreachable() {
            let name = format!(r"\\.\pipe\memsweep-unit-{}", std::process::id());
            let missing = ask(Path::new(&name), &Request::Status, Duration::from_secs(1));
            assert!(matches!(missing, Err(ClientError::Unreachable(_))), "{missing:?}");
            let descriptor = Descriptor::from_sddl(&sddl(AllowedCallers::Interactive)).unwrap();
            let _first = instance(&wide(&name), &descriptor, true).unwrap();
            // Windows refuses a second "first" instance (ERROR_ACCESS_DENIED); Wine 8 does not
            // enforce FILE_FLAG_FIRST_PIPE_INSTANCE, so only a refusal's kind is checked.
            if let Err(e) = instance(&wide(&name), &descriptor, true) {
                assert_eq!(e.raw_os_error(), Some(ERROR_ACCESS_DENIED as i32), "{e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_dacl_allows_system_administrators_and_maybe_interactive_users() {
        assert_eq!(sddl(AllowedCallers::Interactive), "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x12019b;;;IU)");
        assert_eq!(sddl(AllowedCallers::Administrators), "D:P(A;;GA;;;SY)(A;;GA;;;BA)");
        assert!(who_may_connect(AllowedCallers::Administrators).starts_with("SYSTEM and Administrators only"));
    }

    #[test]
    fn callers_may_read_and_write_but_never_create_an_instance() {
        const FILE_GENERIC_READ: u32 = 0x0012_0089;
        const FILE_GENERIC_WRITE: u32 = 0x0012_0116;
        const FILE_WRITE_DATA: u32 = 0x0002;
        assert_eq!(CALLER_RIGHTS, (FILE_GENERIC_READ | FILE_GENERIC_WRITE) & !FILE_CREATE_PIPE_INSTANCE);
        assert_eq!(CALLER_RIGHTS & FILE_CREATE_PIPE_INSTANCE, 0);
        // what the client asks for is within what it is granted
        assert_eq!(CLIENT_RIGHTS, FILE_GENERIC_READ | FILE_WRITE_DATA);
        assert_eq!(CLIENT_RIGHTS & !CALLER_RIGHTS, 0);
    }

    #[test]
    fn pipe_names_are_local_and_whole() {
        let name = |text: &str| pipe_name(Path::new(text));
        assert_eq!(name(r"\\.\pipe\memsweep").unwrap(), r"\\.\pipe\memsweep");
        assert_eq!(name(r"\\.\PIPE\memsweep-test").unwrap(), r"\\.\pipe\memsweep-test");
        assert_eq!(name("memsweep-test").unwrap(), r"\\.\pipe\memsweep-test");
        for bad in [r"\\.\pipe\", r"\\server\pipe\memsweep", r"C:\memsweep.sock", r"\\.\pipe\a\b", ""] {
            assert_eq!(name(bad), Err(NotAPipeName(bad.to_string())), "{bad}");
        }
        assert!(name(&"x".repeat(257)).is_err());
        assert_eq!(NotAPipeName("C:\\x".into()).to_string(), r"C:\x is not a local pipe name (\\.\pipe\NAME)");
        // the default endpoint is a pipe name
        if cfg!(windows) {
            assert_eq!(pipe_name(&super::super::endpoint(None)).unwrap(), r"\\.\pipe\memsweep");
        }
    }
}
