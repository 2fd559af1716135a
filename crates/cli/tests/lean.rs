//! Knowing when not to clean, and taking only cold memory, on the real kernel (root): the
//! advice, gentle reclaim around a hot reader, and the cost of a clean measured afterwards.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const MIB: u64 = 1 << 20;

fn with_config(config: &Path, args: &[&str]) -> std::process::Output {
    command().arg("--config").arg(config).args(args).output().unwrap()
}

fn json_of(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(output), stderr(output)))
}

/// Re-reads `file` every `period` until dropped.
struct HotReader(Child);

impl HotReader {
    fn start(file: &Path, period: &str) -> HotReader {
        let script = format!("while :; do cat {} > /dev/null; sleep {period}; done", file.display());
        HotReader(Command::new("sh").arg("-c").arg(script).stdout(Stdio::null()).spawn().unwrap())
    }
}

impl Drop for HotReader {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn advise_on_the_real_machine() {
    if !require_root("advise_on_the_real_machine") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let file = dir.path().join("cache.bin");
    write_file(&file, 512 << 20, 7, true);
    memsweep_json(&["clean", "page-cache", "--json"], 0);
    let (config, _) = config_with_history(dir.path(), "");
    let before = with_config(&config, &["advise", "--json", "--window", "500ms"]);
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
    let before = json_of(&before);
    assert_eq!(before["schema"], "memsweep.advice/1");
    assert_eq!(before["verdict"], "nothing-to-do");
    // A full cache is no reason to clean: it counts as available.
    warm(&file);
    let after = with_config(&config, &["advise", "--json", "--window", "500ms"]);
    assert_eq!(after.status.code(), Some(0));
    let after = json_of(&after);
    assert_eq!(after["verdict"], "nothing-to-do");
    let droppable = |v: &serde_json::Value| v["figures"]["droppable_cache_bytes"].as_u64().unwrap();
    assert!(droppable(&after) >= droppable(&before) + 400 * MIB, "the cache was filled");

    // With a threshold this machine cannot meet, memory counts as short: clean, gently.
    let (short, _) = config_with_history(dir.path(), "[advise]\navailable_below_percent = 99.99");
    let out = with_config(&short, &["advise", "--json", "--window", "500ms"]);
    assert_eq!(out.status.code(), Some(10), "{}", stdout(&out));
    let advice = json_of(&out);
    assert_eq!(advice["verdict"], "clean");
    assert_eq!(advice["areas"], serde_json::json!(["reclaim"]));
    assert_eq!(advice["gentle"], true);
    let text = stdout(&with_config(&short, &["advise", "--window", "500ms"]));
    assert!(text.contains("run: memsweep clean reclaim --gentle"), "{text}");

    // A process re-reading a file that does not fit its memory limit refaults all the time:
    // then the cache is a working set, and the answer is to keep it. (Dropped first, so its
    // pages are read again and charged to the cage.)
    memsweep_json(&["clean", "page-cache", "--json"], 0);
    let mut cage = MemoryCage::new("memsweep-test-advise", 64 * MIB).unwrap();
    cage.run(&format!("while :; do cat {} > /dev/null; done", file.display()));
    std::thread::sleep(Duration::from_secs(1));
    let out = with_config(&short, &["advise", "--json", "--window", "2s"]);
    let advice = json_of(&out);
    assert_eq!(out.status.code(), Some(12), "{advice}");
    assert_eq!(advice["verdict"], "keep-cache");
    assert!(advice["figures"]["refault_bytes_per_second"].as_f64().unwrap() >= MIB as f64, "{advice}");
}

#[test]
fn gentle_reclaim_takes_the_cold_cache_and_spares_the_hot_set() {
    if !require_root("gentle_reclaim_takes_the_cold_cache_and_spares_the_hot_set") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let hot = dir.path().join("hot.bin");
    write_file(&hot, 256 << 20, 1, true);
    let cold: Vec<_> = (0..4).map(|i| dir.path().join(format!("cold{i}.bin"))).collect();
    for (i, file) in cold.iter().enumerate() {
        write_file(file, 256 << 20, 10 + i as u64, true);
    }
    memsweep_json(&["clean", "page-cache", "--json"], 0);
    let _reader = HotReader::start(&hot, "1");
    std::thread::sleep(Duration::from_secs(3)); // read a few times: its pages are active
    for file in &cold {
        warm(file); // read once: inactive
    }
    let cold_resident = |files: &[std::path::PathBuf]| files.iter().map(|f| resident_fraction(f)).sum::<f64>() / 4.0;
    assert!(cold_resident(&cold) > 0.9 && resident_fraction(&hot) > 0.9);

    let report = memsweep_json(&["clean", "reclaim", "--gentle", "--step", "128M", "--floor", "64M", "--json"], 0);
    let area = &report["areas"][0];
    assert_eq!(area["outcome"], "done", "{report}");
    let note = area["notes"][0].as_str().unwrap();
    assert!(note.starts_with("gentle: took"), "{note}");
    let (hot_left, cold_left) = (resident_fraction(&hot), cold_resident(&cold));
    eprintln!("hot resident {hot_left:.2}, cold resident {cold_left:.2}: {note}");
    assert!(hot_left >= 0.9, "the hot set stays: {hot_left:.2} resident ({note})");
    assert!(cold_left <= 0.5, "the cold cache goes: {cold_left:.2} still resident ({note})");
}

#[test]
fn gentle_reclaim_stops_when_pressure_is_above_a_low_target() {
    if !require_root("gentle_reclaim_stops_when_pressure_is_above_a_low_target") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let file = dir.path().join("big.bin");
    write_file(&file, 512 << 20, 3, true);
    memsweep_json(&["clean", "page-cache", "--json"], 0);
    // A reader squeezed into 64 MiB reclaims directly all the time: tasks stall on memory.
    let mut cage = MemoryCage::new("memsweep-test-gentle", 64 * MIB).unwrap();
    cage.run(&format!("while :; do cat {} > /dev/null; done", file.display()));
    std::thread::sleep(Duration::from_secs(1));
    let report = memsweep_json(&["clean", "reclaim", "--gentle", "--target", "0.0001", "--floor", "1M", "--json"], 0);
    let note = report["areas"][0]["notes"][0].as_str().unwrap().to_string();
    assert!(note.contains("stopped: memory pressure"), "{note}");
    let steps = report["areas"][0]["changes"].as_array().unwrap().iter().find(|c| c["metric"] == "reclaim_steps");
    assert!(steps.unwrap()["after"].as_i64().unwrap() <= 1, "{report}");
}

#[test]
fn a_clean_followed_by_re_reading_shows_its_cost_in_the_history() {
    if !require_root("a_clean_followed_by_re_reading_shows_its_cost_in_the_history") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let file = dir.path().join("data.bin");
    write_file(&file, 256 << 20, 5, true);
    warm(&file);
    let (config, _) =
        config_with_history(dir.path(), "[watch]\npoll_interval_ms = 200\nidle_poll_ms = 200\ncost_window_seconds = 3");
    let mut daemon = command().arg("--config").arg(&config).arg("watch").stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_secs(2)); // the daemon's baseline
    let out = with_config(&config, &["clean", "page-cache"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    warm(&file); // everything the clean dropped is read back
    let started = Instant::now();
    let cost = loop {
        let entries = history_json(&config);
        if let Some(cost) = entries.iter().find_map(|e| e.get("cost").cloned()) {
            break cost;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "no cost recorded: {entries:?}");
        std::thread::sleep(Duration::from_millis(200));
    };
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(daemon.id() as i32, libc::SIGTERM) };
    let _ = daemon.wait();
    let read_back = cost["read_back_bytes"].as_u64().unwrap();
    assert!(read_back >= 200 * MIB, "the 256 MiB re-read is the clean's cost: {cost}");
    let table = stdout(&with_config(&config, &["history"]));
    assert!(table.contains("read back"), "{table}");
}

/// The cleans as `memsweep history --json` shows them: each with its cost once measured.
fn history_json(config: &Path) -> Vec<serde_json::Value> {
    let out = with_config(config, &["history", "--json"]);
    stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}
