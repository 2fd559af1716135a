//! hyperfine's `--export-json` file, read into typed timings, and the table both hyperfine
//! parts (3 and 6) print.

use crate::Res;
use memsweep_bench::dur_us;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::fs;

/// The part of hyperfine's export the harness reads (seconds).
#[derive(Deserialize)]
struct Export {
    results: Vec<ExportedCommand>,
}

#[derive(Deserialize)]
struct ExportedCommand {
    command: String,
    mean: Option<f64>,
    /// null when hyperfine made a single run.
    stddev: Option<f64>,
    median: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default)]
    times: Vec<f64>,
}

/// One command as hyperfine timed it, in µs; NaN where hyperfine gave no figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandTiming {
    pub command: String,
    pub mean_us: f64,
    pub stddev_us: f64,
    pub median_us: f64,
    pub min_us: f64,
    pub max_us: f64,
    pub runs: usize,
}

pub fn read(path: &str) -> Res<Vec<CommandTiming>> {
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let export: Export = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let us = |s: Option<f64>| s.map_or(f64::NAN, |s| s * 1e6);
    Ok(export
        .results
        .into_iter()
        .map(|r| CommandTiming {
            command: r.command,
            mean_us: us(r.mean),
            stddev_us: us(r.stddev),
            median_us: us(r.median),
            min_us: us(r.min),
            max_us: us(r.max),
            runs: r.times.len(),
        })
        .collect())
}

pub fn table(timings: &[CommandTiming]) -> String {
    let mut md = String::from("| command | mean ± σ | median | min … max | runs |\n|---|---|---|---|---|\n");
    for t in timings {
        let _ = writeln!(
            md,
            "| `{}` | {} ± {} | {} | {} … {} | {} |",
            t.command,
            dur_us(t.mean_us),
            dur_us(t.stddev_us),
            dur_us(t.median_us),
            dur_us(t.min_us),
            dur_us(t.max_us),
            t.runs
        );
    }
    md
}

/// A timing for tests: every figure in µs, σ apart.
#[cfg(test)]
pub fn timing(command: &str, mean_us: f64, stddev_us: f64, median_us: f64) -> CommandTiming {
    CommandTiming {
        command: command.into(),
        mean_us,
        stddev_us,
        median_us,
        min_us: median_us / 2.0,
        max_us: mean_us * 3.0,
        runs: 300,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_export_in_seconds_into_microseconds() {
        let path = std::env::temp_dir().join(format!("harness-hyperfine-{}.json", std::process::id()));
        let export = r#"{"results": [
            {"command": "free -b", "mean": 0.002, "stddev": null, "median": 0.0015,
             "min": 0.001, "max": 0.004, "times": [0.001, 0.004], "exit_codes": [0, 0]}]}"#;
        fs::write(&path, export).unwrap();
        let timings = read(&path.to_string_lossy()).unwrap();
        let _ = fs::remove_file(&path);
        assert_eq!(timings.len(), 1);
        let t = &timings[0];
        assert_eq!((t.command.as_str(), t.mean_us, t.median_us, t.runs), ("free -b", 2000.0, 1500.0, 2));
        assert!(t.stddev_us.is_nan());
        assert_eq!(
            table(&timings),
            "| command | mean ± σ | median | min … max | runs |\n|---|---|---|---|---|\n\
             | `free -b` | 2.0 ms ± NaN µs | 1.5 ms | 1.0 ms … 4.0 ms | 2 |\n"
        );
    }
}
