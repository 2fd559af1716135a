//! Config files, the `watch` daemon and the history, end to end on the real kernel.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const MIB: u64 = 1 << 20;

fn memsweep_with(config: &Path, args: &[&str]) -> std::process::Output {
    command().arg("--config").arg(config).args(args).output().unwrap()
}

fn history_lines(path: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(path).unwrap_or_default().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn wait_for(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < timeout {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

fn stop(mut child: Child) -> (Option<i32>, String) {
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "watch did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    (status.code(), log)
}

#[test]
fn watch_cleans_on_cache_pressure_once_per_gap_and_stops_on_sigterm() {
    if !require_root("watch_cleans_on_cache_pressure_once_per_gap_and_stops_on_sigterm") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    memsweep_json(&["clean", "page-cache", "--json"], 0);
    let droppable = memsweep_json(&["status", "--json"], 0)["memory"]["droppable_cache_bytes"].as_u64().unwrap();
    let threshold_mib = droppable / MIB + 256;
    let history = dir.path().join("history.jsonl");
    let config = dir.path().join("memsweep.toml");
    fs::write(
        &config,
        format!(
            "[watch]\npoll_interval_ms = 100\nidle_poll_ms = 100\nmin_gap_seconds = 600\n\n[history]\npath = \"{}\"\n\n\
             [[rules]]\nkind = \"cache-pressure\"\ncache_mib = {threshold_mib}\nfree_below_mib = 100000000\n",
            history.display()
        ),
    )
    .unwrap();
    let child = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg("watch")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(history_lines(&history).is_empty(), "no clean while the cache is below the threshold");

    let file = dir.path().join("fill.bin");
    write_file(&file, 512 * MIB as usize, 3, true);
    warm(&file);
    assert!(wait_for(Duration::from_secs(15), || history_lines(&history).len() == 1), "a clean within 15 s");
    let entry = &history_lines(&history)[0];
    assert_eq!(entry["trigger"], format!("cache >= {threshold_mib} MiB and free < 100000000 MiB"));
    assert_eq!(entry["areas"], serde_json::json!(["dirty", "page-cache", "slab", "compact"]));
    // The rule fires as soon as the cache crosses the threshold, while the file is still being
    // read: the clean takes what was cached by then (at least the 256 MiB above the threshold).
    let cache =
        entry["report"]["totals"].as_array().unwrap().iter().find(|t| t["metric"] == "file_cache_bytes").unwrap();
    assert!(cache["before"].as_i64().unwrap() - cache["after"].as_i64().unwrap() >= 128 * MIB as i64, "{cache}");
    let page_cache = entry["report"]["areas"].as_array().unwrap().iter().find(|a| a["id"] == "page-cache").unwrap();
    assert_eq!(page_cache["outcome"], "done");

    // The cache fills again, the rule holds true again: no second clean within the gap.
    warm(&file);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(history_lines(&history).len(), 1, "never twice within min_gap_seconds");

    let (code, log) = stop(child);
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("fired"), "{log}");
    assert!(log.contains("waiting for the gap"), "{log}");
    assert!(log.trim_end().ends_with("stopped"), "{log}");
}

#[test]
fn a_second_watch_is_refused_naming_the_first() {
    if !require_root("a_second_watch_is_refused_naming_the_first") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, _) = config_with_history(dir.path(), "");
    let first = Command::new(BIN).arg("--config").arg(&config).arg("watch").stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let second = memsweep_with(&config, &["watch"]);
    assert_eq!(second.status.code(), Some(75));
    let err = stderr(&second);
    assert!(err.contains(&format!("memsweep watch is already running (pid {}", first.id())), "{err}");
    let (code, log) = stop(first);
    assert_eq!(code, Some(0), "{log}");
}

/// Each case: a bad config, and what the one-line error says (path:line:column: message).
const BAD_CONFIGS: &[(&str, &str)] = &[
    ("[watch\npoll_interval_ms = 100\n", ":1:7: "),
    ("[watch]\npoll_intervall_ms = 100\n", ":2:1: unknown field `poll_intervall_ms`"),
    ("[watch]\nmin_gap_seconds = -60\n", ":2:19: "),
    ("[[rules]]\nkind = \"usage\"\npercent = -5\n", "not a percentage"),
    ("[[rules]]\nkind = \"cache-pressure\"\ncache_mib = -1\nfree_below_mib = 10\n", ":1:1: "),
    ("[clean]\nareas = [\"standby-list\"]\n", ":2:10: unknown area 'standby-list'"),
    ("[[rules]]\nkind = \"usage\"\npercent = 90\nareas = [\"bogus\"]\n", ":1:1: rule 1 (usage): unknown area 'bogus'"),
];

#[test]
fn bad_configs_are_located_and_the_daemon_refuses_them() {
    let dir = scratch_dir();
    for (index, (text, expected)) in BAD_CONFIGS.iter().enumerate() {
        let path = dir.path().join(format!("bad{index}.toml"));
        fs::write(&path, text).unwrap();
        for args in [&["config", "check"][..], &["watch"], &["clean", "--dry-run"]] {
            let out = memsweep_with(&path, args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(78), "{args:?} {text:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with(&format!("memsweep: {}", path.display())), "{err}");
            assert!(err.contains(expected), "{text:?}: expected '{expected}' in {err}");
        }
    }
    let missing = memsweep_with(&dir.path().join("nope.toml"), &["config", "check"]);
    assert_eq!(missing.status.code(), Some(78));
    assert!(stderr(&missing).contains("no such file (create it with `memsweep config init"));
}

#[test]
fn config_init_path_show_check() {
    let dir = scratch_dir();
    let path = dir.path().join("sub").join("memsweep.toml");
    let path_out = memsweep_with(&path, &["config", "path"]);
    assert_eq!(stdout(&path_out).trim(), path.display().to_string());
    let init = memsweep_with(&path, &["config", "init"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert!(fs::read_to_string(&path).unwrap().contains("# memsweep configuration"));
    let again = memsweep_with(&path, &["config", "init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists (use --force"));
    let check = memsweep_with(&path, &["config", "check"]);
    assert_eq!(stdout(&check).trim(), format!("{}: ok (0 rules)", path.display()));
    let show = stdout(&memsweep_with(&path, &["config", "show"]));
    assert!(show.contains("poll_interval_ms = 1000"), "{show}");
    assert!(show.contains("[tray]"), "{show}");
}

#[test]
fn manual_cleans_are_recorded_and_history_reads_them_back() {
    if !require_root("manual_cleans_are_recorded_and_history_reads_them_back") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, history) = config_with_history(dir.path(), "[clean]\nareas = [\"dirty\", \"slab\"]");
    let out = memsweep_with(&config, &["clean", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = report["areas"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dirty", "slab"], "the config's default areas");
    // a torn line (a crash mid-write) is skipped with a warning, not fatal
    fs::OpenOptions::new().append(true).open(&history).unwrap().write_all_at_end(b"{\"schema\":\"memsw");
    let lines = memsweep_with(&config, &["history", "--json"]);
    assert_eq!(lines.status.code(), Some(0));
    let entries: Vec<serde_json::Value> = stdout(&lines).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["trigger"], "manual");
    assert!(stderr(&lines).contains("1 line(s) could not be read"));
    let table = stdout(&memsweep_with(&config, &["history"]));
    assert!(table.starts_with("time "), "{table}");
    assert!(table.contains("manual"), "{table}");
    let recent = memsweep_with(&config, &["history", "--since", "1h", "--json"]);
    assert_eq!(stdout(&recent).lines().count(), 1);
    let future = memsweep_with(&config, &["history", "--since", "2999-01-01T00:00:00Z", "--json"]);
    assert_eq!(stdout(&future).lines().count(), 0);
    let bad = memsweep_with(&config, &["history", "--since", "yesterday-ish"]);
    assert_eq!(bad.status.code(), Some(2));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&history).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o022, 0, "history is not writable by others: {mode:o}");
    }
}

trait AppendBytes {
    fn write_all_at_end(self, bytes: &[u8]);
}

impl AppendBytes for fs::File {
    fn write_all_at_end(mut self, bytes: &[u8]) {
        std::io::Write::write_all(&mut self, bytes).unwrap();
    }
}

#[test]
fn service_and_autostart_say_where_they_belong() {
    let autostart = memsweep(&["autostart", "status"]);
    assert_eq!(autostart.status.code(), Some(2));
    assert!(stderr(&autostart).contains("on Linux use `memsweep service`"));
    if !Path::new("/run/systemd/system").exists() && is_root() {
        let install = memsweep(&["service", "install"]);
        assert_eq!(install.status.code(), Some(1));
        assert!(stderr(&install).contains("systemd is not running on this machine"), "{}", stderr(&install));
        assert!(!Path::new("/etc/systemd/system/memsweep.service").exists(), "nothing half-done");
    }
    let status = memsweep(&["service", "status"]);
    assert_eq!(status.status.code(), Some(0));
    assert!(stdout(&status).starts_with("unit /etc/systemd/system/memsweep.service: "));
}

#[test]
fn as_root_a_config_others_can_change_is_refused() {
    if !require_root("as_root_a_config_others_can_change_is_refused") {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_dir();
    let config = dir.path().join("m.toml");
    fs::write(&config, "language = \"en\"\n").unwrap();
    fs::set_permissions(&config, fs::Permissions::from_mode(0o666)).unwrap();
    let out = memsweep_with(&config, &["clean", "--dry-run"]);
    assert_eq!(out.status.code(), Some(78));
    let err = stderr(&out);
    assert!(err.contains("could be changed by users other than root"), "{err}");
    assert!(err.contains(&format!("fix: chown root {} && chmod go-w {}", config.display(), config.display())), "{err}");
    fs::set_permissions(&config, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let loose_dir = memsweep_with(&config, &["config", "check"]);
    assert_eq!(loose_dir.status.code(), Some(78), "{}", stderr(&loose_dir));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(memsweep_with(&config, &["config", "check"]).status.code(), Some(0));
}

#[test]
fn two_cleans_at_once_never_interleave_and_a_lost_history_costs_only_a_warning() {
    if !require_root("two_cleans_at_once_never_interleave_and_a_lost_history_costs_only_a_warning") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, history) = config_with_history(dir.path(), "");
    let file = dir.path().join("fill.bin");
    write_file(&file, 256 * MIB as usize, 9, true);
    warm(&file);
    let spawn = || {
        command()
            .arg("--config")
            .arg(&config)
            .args(["clean", "dirty", "page-cache", "slab", "compact"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(), spawn());
    assert!(first.wait_with_output().unwrap().status.success());
    assert!(second.wait_with_output().unwrap().status.success());
    let entries = history_lines(&history);
    assert_eq!(entries.len(), 2);
    let span = |e: &serde_json::Value| {
        let start = e["report"]["started_at_ms"].as_u64().unwrap();
        (start, start + e["report"]["duration_us"].as_u64().unwrap() / 1000)
    };
    let (a, b) = (span(&entries[0]), span(&entries[1]));
    assert!(a.1 <= b.0 || b.1 <= a.0, "the two cleans overlapped: {a:?} {b:?}");

    // a history that cannot be written (here: a path in /proc) costs one warning, not the clean
    let unwritable = dir.path().join("ro.toml");
    fs::write(&unwritable, "[history]\npath = \"/proc/memsweep/history.jsonl\"\n").unwrap();
    let out = memsweep_with(&unwritable, &["clean", "dirty"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("memsweep: warning: the clean was not recorded in /proc/memsweep/history.jsonl"), "{err}");
}

#[test]
fn the_systemd_unit_scores_ok_or_better() {
    let analyze = Command::new("systemd-analyze").arg("--version").output();
    if analyze.is_err() {
        missing("the_systemd_unit_scores_ok_or_better", "systemd-analyze (package systemd)");
        return;
    }
    let dir = scratch_dir();
    let unit = dir.path().join("memsweep.service");
    fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist/memsweep.service"), &unit).unwrap();
    let out =
        Command::new("systemd-analyze").args(["security", "--offline=true", "--no-pager"]).arg(&unit).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let verdict = text
        .lines()
        .find(|l| l.contains("Overall exposure level for memsweep.service"))
        .unwrap_or_else(|| panic!("{text}"));
    let score: f64 = verdict.rsplit(':').next().unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert!(verdict.contains(" OK") || verdict.contains(" SAFE"), "{verdict}");
    assert!(score <= 2.5, "{verdict}");
}

/// True once `pid` catches SIGTERM (its handler is installed).
fn catches_sigterm(pid: u32) -> bool {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (libc::SIGTERM - 1)) != 0)
}

#[test]
fn sigterm_during_a_clean_finishes_the_area_and_records_the_clean() {
    if !require_root("sigterm_during_a_clean_finishes_the_area_and_records_the_clean") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, history) = config_with_history(dir.path(), "");
    let file = dir.path().join("fill.bin");
    write_file(&file, 1024 * MIB as usize, 4, true);
    warm(&file);
    let child = command()
        .arg("--config")
        .arg(&config)
        .args(["clean", "--json", "dirty", "page-cache", "slab", "compact"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !catches_sigterm(child.id()) {
        assert!(started.elapsed() < Duration::from_secs(5), "memsweep clean never handled SIGTERM");
        std::thread::sleep(Duration::from_millis(1));
    }
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let out = child.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["cancelled"], true, "{report}");
    let outcomes: Vec<&str> =
        report["areas"].as_array().unwrap().iter().map(|a| a["outcome"].as_str().unwrap()).collect();
    // every area either ran to its end or never started: none is cut in half
    assert!(outcomes.iter().all(|o| *o == "done" || *o == "skipped"), "{outcomes:?}");
    assert!(outcomes.contains(&"skipped"), "{outcomes:?}");
    let expected = if outcomes.contains(&"done") { 0 } else { 4 };
    assert_eq!(out.status.code(), Some(expected), "exit 0 when an area was done, 4 when none was");
    let entries = history_lines(&history);
    assert_eq!(entries.len(), 1, "the clean is recorded, one whole line");
    assert_eq!(entries[0]["report"]["cancelled"], true);
}

#[test]
fn an_edited_config_is_picked_up_without_a_restart() {
    if !require_root("an_edited_config_is_picked_up_without_a_restart") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, history) = config_with_history(dir.path(), "[watch]\npoll_interval_ms = 200\nidle_poll_ms = 200");
    let child = Command::new(BIN).arg("--config").arg(&config).arg("watch").stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert!(history_lines(&history).is_empty(), "no rules, no clean");
    // A broken edit is refused and the daemon goes on with what it had.
    let good = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{good}\n[watch]\nbogus = 1\n")).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    // A good one (the settings window's, an editor's) runs from the next poll on.
    fs::write(&config, format!("{good}\n[[rules]]\nkind = \"usage\"\npercent = 1\nareas = [\"dirty\"]\n")).unwrap();
    assert!(wait_for(Duration::from_secs(10), || history_lines(&history).len() == 1), "the new rule cleaned");
    assert_eq!(history_lines(&history)[0]["trigger"], "usage >= 1%");
    let (code, log) = stop(child);
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("changed, but the old config stays"), "{log}");
    assert!(log.contains("changed: reloaded"), "{log}");
}
