//! PSI triggers (Linux 5.2+): the kernel wakes a poll(2) on /proc/pressure/memory when tasks
//! stall on memory for a threshold within a window, so a daemon can sleep until it matters.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::time::Duration;

use rustix::event::{poll, PollFd, PollFlags};

use super::paths;

/// An armed trigger; it stays armed while the file is open.
pub struct Trigger {
    file: File,
}

/// The trigger line: "some STALL_US WINDOW_US".
pub fn trigger_line(stall: Duration, window: Duration) -> String {
    format!("some {} {}", stall.as_micros(), window.as_micros())
}

impl Trigger {
    /// Arms a trigger for `stall` of `some` pressure within `window` (the kernel takes windows
    /// from 500 ms to 10 s; unprivileged callers only multiples of 2 s).
    pub fn arm(stall: Duration, window: Duration) -> std::io::Result<Trigger> {
        let mut file =
            OpenOptions::new().read(true).write(true).custom_flags(libc::O_NONBLOCK).open(paths::PRESSURE)?;
        // The trigger is one write including the terminating NUL, as the kernel documents.
        let mut line = trigger_line(stall, window).into_bytes();
        line.push(0);
        file.write_all(&line)?;
        Ok(Trigger { file })
    }

    /// Calls `wake` each time the trigger fires, from a thread of its own, until the kernel
    /// reports the file gone (POLLERR).
    pub fn spawn(self, wake: Box<dyn Fn() + Send>) -> std::io::Result<()> {
        std::thread::Builder::new().name("memsweep-psi".into()).spawn(move || loop {
            let mut fds = [PollFd::new(&self.file, PollFlags::PRI)];
            match poll(&mut fds, None) {
                Ok(_) => {
                    let events = fds[0].revents();
                    if events.contains(PollFlags::ERR) {
                        return;
                    }
                    if events.contains(PollFlags::PRI) {
                        wake();
                    }
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(_) => return,
            }
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trigger_line_is_in_microseconds() {
        assert_eq!(trigger_line(Duration::from_millis(100), Duration::from_secs(1)), "some 100000 1000000");
    }
}
