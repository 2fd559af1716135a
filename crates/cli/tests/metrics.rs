//! Prometheus output, checked by Prometheus' own promtool.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Runs `promtool check metrics` on `text`; returns its verdict and what it said.
fn promtool(text: &str) -> (bool, String) {
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (apt-get install prometheus)");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn status_prometheus_passes_promtool() {
    let dir = scratch_dir();
    let (config, _) = config_with_history(dir.path(), "");
    let out = command().arg("--config").arg(&config).args(["status", "--format", "prometheus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let (ok, said) = promtool(&text);
    assert!(ok, "promtool: {said}\n{text}");
    assert!(said.trim().is_empty(), "no lint complaints: {said}");
    let available = text.lines().find_map(|l| l.strip_prefix("memsweep_memory_available_bytes ")).unwrap();
    assert!(available.parse::<f64>().unwrap() > 0.0);
    assert!(text.contains("memsweep_fragmentation_unusable_ratio{node=\"0\",zone=\"Normal\",order=\"9\"} "));
    assert!(text.contains("# TYPE memsweep_cleans_total counter"));
}

#[test]
fn watch_rewrites_the_metrics_file_atomically() {
    if !require_root("watch_rewrites_the_metrics_file_atomically") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, _) = config_with_history(dir.path(), "[watch]\npoll_interval_ms = 100");
    let metrics = dir.path().join("memsweep.prom");
    // a manual clean first, so the counters have something to count
    let clean = command().arg("--config").arg(&config).args(["clean", "dirty", "slab"]).output().unwrap();
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let child = command()
        .arg("--config")
        .arg(&config)
        .arg("watch")
        .arg("--metrics-file")
        .arg(&metrics)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !metrics.exists() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut readings = Vec::new();
    for _ in 0..10 {
        readings.push(std::fs::read_to_string(&metrics).unwrap());
        std::thread::sleep(Duration::from_millis(30));
    }
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(status.code(), Some(0));
    for text in &readings {
        let (ok, said) = promtool(text);
        assert!(ok, "every read sees a whole file: {said}");
    }
    let text = &readings[readings.len() - 1];
    assert!(text.contains("memsweep_cleans_total{area=\"dirty\",result=\"done\"} 1"), "{text}");
    assert!(text.contains("memsweep_freed_bytes_total{area=\"slab\"} "), "{text}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}
