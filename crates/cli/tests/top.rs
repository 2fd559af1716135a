//! `memsweep top` in a real terminal (tmux): it draws, cleans on `c`, shows the report and marks
//! the clean on the chart, and quits on `q`.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

const SESSION: &str = "memsweep-top-test";

fn tmux(args: &[&str]) -> std::process::Output {
    Command::new("tmux").args(args).output().expect("tmux (apt-get install tmux)")
}

fn screen() -> String {
    String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", SESSION]).stdout).into_owned()
}

fn wait_for_screen(what: &str, timeout: Duration) -> String {
    let started = Instant::now();
    loop {
        let text = screen();
        if text.contains(what) || started.elapsed() > timeout {
            return text;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn top_cleans_on_c_and_marks_it() {
    if !require_root("top_cleans_on_c_and_marks_it") {
        return;
    }
    let _lock = machine_lock();
    let dir = scratch_dir();
    let (config, history) = config_with_history(dir.path(), "");
    let _ = tmux(&["kill-session", "-t", SESSION]);
    let command = format!("env LANG=C.UTF-8 LC_ALL= {BIN} --config {} top --refresh-ms 500", config.display());
    let started = tmux(&["new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", &command]);
    assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));

    let first = wait_for_screen("Physical memory", Duration::from_secs(10));
    assert!(first.contains("memsweep top ·"), "{first}");
    assert!(first.contains("Processes by resident memory"), "{first}");
    assert!(!first.contains("│clean"), "no clean marked before one happened");

    tmux(&["send-keys", "-t", SESSION, "c"]);
    let after = wait_for_screen("cleaned:", Duration::from_secs(30));
    assert!(after.contains("cleaned: 4 done, 0 failed"), "{after}");
    assert!(after.contains("│clean"), "the chart's legend shows the clean mark: {after}");
    let recorded = std::fs::read_to_string(&history).unwrap();
    assert_eq!(recorded.lines().count(), 1);
    assert!(recorded.contains("\"trigger\":\"top\""));

    tmux(&["send-keys", "-t", SESSION, "?"]);
    assert!(wait_for_screen("refresh rate", Duration::from_secs(5)).contains("choose areas to clean"));
    tmux(&["send-keys", "-t", SESSION, "Escape"]);
    tmux(&["send-keys", "-t", SESSION, "q"]);
    let started = Instant::now();
    while tmux(&["has-session", "-t", SESSION]).status.success() {
        assert!(started.elapsed() < Duration::from_secs(10), "q quits");
        std::thread::sleep(Duration::from_millis(100));
    }
}
