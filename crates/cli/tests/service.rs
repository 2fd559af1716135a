//! The control endpoint of `memsweep watch` on Linux, seen from outside: a root daemon on a
//! scratch socket, clients as an unprivileged user in and out of its group, bad input, load and
//! a daemon killed mid-clean. Root (the daemon and setpriv need it).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use common::*;

/// A system group that exists for one test.
struct Group {
    name: String,
    gid: u32,
}

impl Group {
    fn new(name: &str) -> Group {
        let _ = Command::new("groupdel").arg(name).output();
        let out = Command::new("groupadd").arg(name).output().unwrap();
        assert!(out.status.success(), "groupadd {name}: {}", stderr(&out));
        let line = String::from_utf8(Command::new("getent").args(["group", name]).output().unwrap().stdout).unwrap();
        let gid = line.split(':').nth(2).unwrap().trim().parse().unwrap();
        Group { name: name.into(), gid }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let _ = Command::new("groupdel").arg(&self.name).output();
    }
}

/// A scratch place every user can enter: config, history, socket and a copy of memsweep.
struct Place {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    history: PathBuf,
    socket: PathBuf,
    binary: PathBuf,
    _binary_dir: tempfile::TempDir,
}

impl Place {
    fn new(group: &Group, service: &str) -> Place {
        let dir = scratch_dir();
        let root = dir.path().to_path_buf();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let history = root.join("history.jsonl");
        let config = root.join("memsweep.toml");
        std::fs::write(
            &config,
            format!(
                "[watch]\npoll_interval_ms = 200\ncost_window_seconds = 0\n[service]\ngroup = \"{}\"\n{service}\n\
                 [history]\npath = \"{}\"\n",
                group.name,
                history.display()
            ),
        )
        .unwrap();
        let (binary_dir, binary) = binary_for_everyone();
        Place { socket: root.join("control.sock"), root, config, history, _dir: dir, binary, _binary_dir: binary_dir }
    }

    /// `memsweep watch` as root, serving the scratch socket; waits until it answers (and, while
    /// another `watch` holds the machine's one-daemon lock, for that one to end).
    fn daemon(&self) -> Daemon {
        let started = Instant::now();
        let mut child = self.spawn_daemon();
        while ask(&self.socket, r#"{"v":1,"op":"status"}"#).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(self.root.join("watch.log")).unwrap_or_default();
                assert_eq!(status.code(), Some(75), "the daemon ended: {log}");
                assert!(started.elapsed() < Duration::from_secs(180), "another watch kept the lock: {log}");
                std::thread::sleep(Duration::from_secs(1));
                child = self.spawn_daemon();
            }
            assert!(started.elapsed() < Duration::from_secs(180), "the daemon did not serve {}", self.socket.display());
            std::thread::sleep(Duration::from_millis(50));
        }
        Daemon(child)
    }

    fn spawn_daemon(&self) -> Child {
        Command::new(&self.binary)
            .arg("--config")
            .arg(&self.config)
            .arg("--control")
            .arg(&self.socket)
            .arg("watch")
            .env("LANG", "C.UTF-8")
            // A file, not a pipe nobody reads: a full pipe would stall the daemon's log.
            .stderr(std::fs::File::create(self.root.join("watch.log")).unwrap())
            .spawn()
            .unwrap()
    }

    /// memsweep as user nobody, in the test group when `member`.
    fn as_nobody(&self, member: Option<&Group>, args: &[&str]) -> Output {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=nobody", "--regid=nogroup"]);
        match member {
            Some(group) => command.arg(format!("--groups={}", group.gid)),
            None => command.arg("--clear-groups"),
        };
        command
            .arg("--inh-caps=-all")
            .arg(&self.binary)
            .arg("--config")
            .arg(&self.config)
            .arg("--control")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("HOME", &self.root)
            .output()
            .unwrap()
    }

    fn history_lines(&self) -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(&self.history).unwrap_or_default();
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }
}

struct Daemon(Child);

impl Daemon {
    fn pid(&self) -> u32 {
        self.0.id()
    }

    fn kill(&mut self, signal: i32) {
        // SAFETY: kill(2) on our own child.
        unsafe { libc::kill(self.0.id() as i32, signal) };
        let _ = self.0.wait();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.kill(libc::SIGTERM);
    }
}

/// One request line as root, and its answer line.
fn ask(socket: &Path, line: &str) -> std::io::Result<serde_json::Value> {
    let stream = UnixStream::connect(socket)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    (&stream).write_all(format!("{line}\n").as_bytes())?;
    let mut answer = String::new();
    BufReader::new(&stream).read_line(&mut answer)?;
    serde_json::from_str(&answer).map_err(|e| std::io::Error::other(format!("{e}: {answer:?}")))
}

fn proc_figures(pid: u32) -> (u64, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss =
        status.lines().find(|l| l.starts_with("VmRSS:")).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    (rss, std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().count())
}

#[test]
fn a_group_member_cleans_through_the_service_and_others_do_not() {
    if !require_root("a_group_member_cleans_through_the_service_and_others_do_not") {
        return;
    }
    let _lock = machine_lock();
    let group = Group::new("memsweep-test-ctl");
    let place = Place::new(&group, "min_gap_seconds = 0\nallow_areas = [\"page-cache\", \"process\"]");
    let _daemon = place.daemon();
    let socket = std::fs::metadata(&place.socket).unwrap();
    assert_eq!(socket.permissions().mode() & 0o777, 0o660);
    assert_eq!(std::os::unix::fs::MetadataExt::gid(&socket), group.gid);

    let file = place.root.join("data.bin");
    write_file(&file, 128 << 20, 9, true);
    warm(&file);
    // Outside the group: refused with the hint, nothing dropped.
    let out = place.as_nobody(None, &["clean", "page-cache"]);
    assert_eq!(out.status.code(), Some(77), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(stderr(&out).contains("does not let this user in"), "{}", stderr(&out));
    assert!(resident_fraction(&file) > 0.9, "a refused clean dropped nothing");
    // --local in the group: this process itself may not clean.
    let out = place.as_nobody(Some(&group), &["clean", "--local", "page-cache"]);
    assert_eq!(out.status.code(), Some(77), "{}", stderr(&out));
    assert!(resident_fraction(&file) > 0.9);
    // In the group: through the service, the same report as a local clean.
    let out = place.as_nobody(Some(&group), &["clean", "page-cache"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("page-cache  done"), "{}", stdout(&out));
    assert!(resident_fraction(&file) < 0.1, "the file left the cache");
    let lines = place.history_lines();
    let last = lines.last().unwrap();
    assert_eq!(last["trigger"], "service");
    assert_eq!(last["requested_by"]["id"], "65534", "{last}");
    assert_eq!(last["requested_by"]["user"], "nobody");
    // JSON through the service is the report itself.
    let json = place.as_nobody(Some(&group), &["clean", "page-cache", "--json"]);
    assert_eq!(json.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["schema"], "memsweep.clean/2");
    // Another user's process: refused, and it was not touched.
    let mut sleeper = Command::new("sleep").arg("60").spawn().unwrap();
    let pid = sleeper.id().to_string();
    let out = place.as_nobody(Some(&group), &["clean", "process", "--pid", &pid]);
    let _ = sleeper.kill();
    let _ = sleeper.wait();
    assert_eq!(out.status.code(), Some(77), "{}", stderr(&out));
    assert!(stderr(&out).contains("is not yours"), "{}", stderr(&out));
    // An area the config does not allow.
    let out = place.as_nobody(Some(&group), &["clean", "slab"]);
    assert_eq!(out.status.code(), Some(77), "{}", stderr(&out));
    // status says who may use the service
    let status = stdout(&place.as_nobody(Some(&group), &["status"]));
    assert!(status.contains("you may clean process, page-cache through it"), "{status}");
    let status = stdout(&place.as_nobody(None, &["status"]));
    assert!(status.contains("this user may not use it"), "{status}");
}

#[test]
fn the_gap_holds_a_caller_who_is_not_root() {
    if !require_root("the_gap_holds_a_caller_who_is_not_root") {
        return;
    }
    let _lock = machine_lock();
    let group = Group::new("memsweep-test-gap");
    let place = Place::new(&group, "min_gap_seconds = 3600");
    let _daemon = place.daemon();
    assert_eq!(place.as_nobody(Some(&group), &["clean", "dirty"]).status.code(), Some(0));
    let again = place.as_nobody(Some(&group), &["clean", "dirty"]);
    assert_eq!(again.status.code(), Some(75), "{}", stderr(&again));
    assert!(stderr(&again).contains("the service allows one every 3600 s"), "{}", stderr(&again));
    // a dry run is not a clean: no gap
    assert_eq!(place.as_nobody(Some(&group), &["clean", "--dry-run"]).status.code(), Some(0));
}

#[test]
fn bad_input_is_refused_and_the_daemon_serves_on() {
    if !require_root("bad_input_is_refused_and_the_daemon_serves_on") {
        return;
    }
    let _lock = machine_lock(); // one `watch` per machine
    let group = Group::new("memsweep-test-bad");
    let place = Place::new(&group, "");
    let daemon = place.daemon();
    for (line, expect) in [
        ("hello", "not JSON"),
        ("{\"op\":\"status\"}", "no protocol version"),
        ("{\"v\":1,\"op\":\"clean\",\"config\":\"/etc/passwd\"}", "not a request"),
        ("{\"v\":9,\"op\":\"status\"}", "protocol version 9"),
    ] {
        let answer = ask(&place.socket, line).unwrap();
        assert_eq!(answer["answer"], "error");
        assert_eq!(answer["kind"], "bad-request");
        assert!(answer["message"].as_str().unwrap().contains(expect), "{line}: {answer}");
    }
    // invalid UTF-8
    let stream = UnixStream::connect(&place.socket).unwrap();
    (&stream).write_all(b"\xff\xfe\xfd\n").unwrap();
    let mut answer = String::new();
    BufReader::new(&stream).read_line(&mut answer).unwrap();
    assert!(answer.contains("UTF-8"), "{answer}");
    // a 1 MiB line: refused, the connection closed
    let stream = UnixStream::connect(&place.socket).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = (&stream).write_all(&vec![b'x'; 1 << 20]);
    let mut answer = String::new();
    let _ = BufReader::new(&stream).read_to_string(&mut answer);
    assert!(answer.contains("at most 65536 bytes"), "{answer}");
    // a client that connects and sends nothing, and one that leaves before its answer
    let silent = UnixStream::connect(&place.socket).unwrap();
    let leaving = UnixStream::connect(&place.socket).unwrap();
    (&leaving).write_all(b"{\"v\":1,\"op\":\"clean\",\"dry_run\":true}\n").unwrap();
    drop(leaving);
    let answer = ask(&place.socket, r#"{"v":1,"op":"status"}"#).unwrap();
    assert_eq!(answer["answer"], "status", "the next good request is answered");
    assert_eq!(answer["service"]["caller"]["id"], "0");
    drop(silent);
    assert!(std::fs::metadata(format!("/proc/{}", daemon.pid())).is_ok(), "the daemon is alive");
}

#[test]
fn ten_clients_a_hundred_requests_each_none_lost_nothing_leaked() {
    if !require_root("ten_clients_a_hundred_requests_each_none_lost_nothing_leaked") {
        return;
    }
    let _lock = machine_lock();
    let group = Group::new("memsweep-test-load");
    let place = Place::new(&group, "");
    let daemon = place.daemon();
    let socket = place.socket.clone();
    let burst = |requests: usize| -> Vec<std::thread::JoinHandle<usize>> {
        (0..10)
            .map(|client| {
                let socket = socket.clone();
                std::thread::spawn(move || {
                    let mut answered = 0;
                    for i in 0..requests {
                        let line = match (client + i) % 10 {
                            0 => r#"{"v":1,"op":"clean","areas":["dirty"]}"#,
                            1..=4 => r#"{"v":1,"op":"clean","dry_run":true}"#,
                            _ => r#"{"v":1,"op":"status"}"#,
                        };
                        let answer = ask(&socket, line).unwrap();
                        let kind = answer["answer"].as_str().unwrap().to_string();
                        assert!(kind == "report" || kind == "status" || answer["kind"] == "busy", "{answer}");
                        answered += 1;
                    }
                    answered
                })
            })
            .collect()
    };
    // Warm up first: what the threads and the allocator take once is not a leak.
    let warmed: usize = burst(10).into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(warmed, 100);
    std::thread::sleep(Duration::from_millis(300));
    let before = proc_figures(daemon.pid());
    let answered: usize = burst(100).into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(answered, 1000);
    std::thread::sleep(Duration::from_millis(300)); // the last connection threads end
    let after = proc_figures(daemon.pid());
    assert_eq!(after.1, before.1, "open descriptors before and after: {before:?} {after:?}");
    assert!(after.0 <= before.0 + 1024, "RSS grew from {} KiB to {} KiB", before.0, after.0);
    assert_eq!(place.history_lines().len(), 110, "every real clean recorded once");
}

#[test]
fn a_daemon_killed_mid_clean_leaves_one_clear_line_and_a_clean_history() {
    if !require_root("a_daemon_killed_mid_clean_leaves_one_clear_line_and_a_clean_history") {
        return;
    }
    let _lock = machine_lock();
    let group = Group::new("memsweep-test-kill");
    let place = Place::new(&group, "min_gap_seconds = 0\nallow_areas = [\"reclaim\", \"dirty\"]");
    let mut daemon = place.daemon();
    // A gentle reclaim takes seconds: time to kill the daemon in its middle.
    let client = std::thread::spawn({
        let place_args =
            (place.binary.clone(), place.config.clone(), place.socket.clone(), place.root.clone(), group.gid);
        move || {
            let (binary, config, socket, home, gid) = place_args;
            Command::new("setpriv")
                .args(["--reuid=nobody", "--regid=nogroup", &format!("--groups={gid}"), "--inh-caps=-all"])
                .arg(binary)
                .arg("--config")
                .arg(config)
                .arg("--control")
                .arg(socket)
                .args(["clean", "reclaim", "--gentle", "--floor", "1M"])
                .env("LANG", "C.UTF-8")
                .env("HOME", home)
                .output()
                .unwrap()
        }
    });
    std::thread::sleep(Duration::from_millis(700));
    daemon.kill(libc::SIGKILL);
    let out = client.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("the service failed"), "{}", stderr(&out));
    // no torn line: every line of the history parses (there may be none)
    let _ = place.history_lines();
    // the stale socket file of the killed daemon does not stop a new one
    assert!(place.socket.exists());
    let _again = place.daemon();
    let out = place.as_nobody(Some(&group), &["clean", "dirty"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
