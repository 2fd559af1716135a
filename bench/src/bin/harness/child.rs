//! Running a child process to completion, timed and with its own resource usage (wait4).

use crate::Res;
use memsweep_bench::mono_ns;
use std::io::Read;
use std::process::{Command, Stdio};

/// A process run to completion, with the resources it (and only it) used, from wait4.
pub struct Ran {
    pub exit: i32,
    pub wall_us: f64,
    pub user_us: f64,
    pub sys_us: f64,
    pub stdout: String,
    pub stderr: String,
    pub started_ns: u64,
    pub ended_ns: u64,
}

pub fn run_measured(argv: &[String]) -> Res<Ran> {
    let started_ns = mono_ns();
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", argv[0]))?;
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut err = child.stderr.take().ok_or("no stderr")?;
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own unreaped child; status and ru are valid for writing.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 {}: {e}", argv[0]));
        }
    }
    let ended_ns = mono_ns();
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    let exit = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 128 + libc::WTERMSIG(status) };
    Ok(Ran {
        exit,
        wall_us: (ended_ns - started_ns) as f64 / 1000.0,
        user_us: tv(ru.ru_utime),
        sys_us: tv(ru.ru_stime),
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        started_ns,
        ended_ns,
    })
}

/// Stops a daemon the way a service manager does: SIGTERM, so it removes its socket and locks
/// (a SIGKILLed `memsweep watch` leaves /run/memsweep/control.sock behind, and the next
/// non-root client is then told it may not use a service that is not there); SIGKILL only if
/// it has not exited after 5 s.
pub fn terminate(child: &mut std::process::Child) {
    if matches!(child.try_wait(), Ok(None)) {
        // SAFETY: kill(2) on our own child's pid, not yet reaped (try_wait said it runs).
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while matches!(child.try_wait(), Ok(None)) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
