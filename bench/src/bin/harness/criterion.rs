//! Part 3, in process: the criterion bench of memsweep's backend, from its log (the `time:`
//! lines) and from the estimates.json files this run wrote.

use crate::args::Args;
use crate::Res;
use memsweep_bench::dur_us;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// The target for one in-process snapshot, µs.
const TARGET_US: f64 = 50.0;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionResults {
    /// In the order of the log.
    pub benches: Vec<Bench>,
    /// /proc/loadavg's three averages when the bench had ended.
    pub load_average: String,
    /// The CPUs this process may run on, as `nproc` counts them.
    pub cores: usize,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Bench {
    pub name: String,
    /// Criterion's `time: [low estimate high]`: the estimate and its 95% confidence interval, µs.
    pub low_us: f64,
    pub estimate_us: f64,
    pub high_us: f64,
    pub mean_sd: MeanSd,
}

/// Mean ± σ from criterion's estimates.json, only when this run wrote that file.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeanSd {
    Measured {
        mean_us: f64,
        std_dev_us: f64,
    },
    /// The file is this run's but lacks the mean or the standard deviation.
    Incomplete,
    /// No estimates.json, or one left by an earlier run.
    NotFresh,
}

/// The part of criterion's estimates.json the harness reads (ns).
#[derive(Deserialize)]
struct EstimatesFile {
    mean: Option<Estimate>,
    std_dev: Option<Estimate>,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: Option<f64>,
}

/// `criterion LOG CRITERION_DIR SINCE_EPOCH_S`
pub fn measure(args: &Args) -> Res<CriterionResults> {
    let [log, dir, since] = args.rest() else {
        return Err("usage: criterion LOG CRITERION_DIR SINCE_EPOCH_S".into());
    };
    let since: u64 = since.parse().map_err(|_| "SINCE_EPOCH_S: not a number")?;
    let text = fs::read_to_string(log).map_err(|e| format!("{log}: {e}"))?;
    let times = parse_log(&text);
    if times.is_empty() {
        return Err(format!("{log}: no criterion `time:` lines"));
    }
    let mut benches = Vec::new();
    for (name, [low_us, estimate_us, high_us]) in times {
        let mean_sd = read_estimates(&Path::new(dir).join(criterion_dir_name(&name)), since)?;
        benches.push(Bench { name, low_us, estimate_us, high_us, mean_sd });
    }
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    Ok(CriterionResults {
        benches,
        load_average: load.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
        cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
    })
}

/// Each bench's name and `time: [low estimate high]` in µs. The line reads
/// "NAME  time:   [a u b u c u]", the name alone on the line before when it is long.
fn parse_log(text: &str) -> Vec<(String, [f64; 3])> {
    let mut found = Vec::new();
    let mut prev = String::new();
    for line in text.lines() {
        if let Some(i) = line.find("time:") {
            let head = line[..i].trim();
            let name = if head.is_empty() { prev.clone() } else { head.to_string() };
            let inner = line[i..].split(['[', ']']).nth(1).unwrap_or("");
            let w: Vec<&str> = inner.split_whitespace().collect();
            if w.len() == 6 {
                let v: Vec<Option<f64>> =
                    (0..3).map(|k| w[2 * k].parse().ok().and_then(|x| to_us(x, w[2 * k + 1]))).collect();
                if let [Some(a), Some(b), Some(c)] = v[..] {
                    found.push((name, [a, b, c]));
                }
            }
        } else if !line.trim().is_empty() {
            prev = line.trim().to_string();
        }
    }
    found
}

fn to_us(value: f64, unit: &str) -> Option<f64> {
    Some(match unit {
        "ps" => value / 1e6,
        "ns" => value / 1e3,
        "µs" | "us" => value,
        "ms" => value * 1e3,
        "s" => value * 1e6,
        _ => return None,
    })
}

/// Criterion's directory name for a benchmark id (its path-unsafe characters become `_`).
fn criterion_dir_name(id: &str) -> String {
    id.chars().map(|c| if "?\"/\\*<>:|^".contains(c) { '_' } else { c }).collect()
}

fn read_estimates(bench_dir: &Path, since_epoch_s: u64) -> Res<MeanSd> {
    let file = bench_dir.join("new/estimates.json");
    let fresh = fs::metadata(&file)
        .and_then(|m| m.modified())
        .map(|t| t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) >= since_epoch_s)
        .unwrap_or(false);
    if !fresh {
        return Ok(MeanSd::NotFresh);
    }
    let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let e: EstimatesFile = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let point = |e: Option<Estimate>| e.and_then(|e| e.point_estimate);
    Ok(match (point(e.mean), point(e.std_dev)) {
        (Some(mean), Some(sd)) => MeanSd::Measured { mean_us: mean / 1e3, std_dev_us: sd / 1e3 },
        _ => MeanSd::Incomplete,
    })
}

fn verdict(b: &Bench) -> String {
    let (name, lo, est, hi) = (&b.name, b.low_us, b.estimate_us, b.high_us);
    if hi <= TARGET_US {
        format!("`{name}` {est:.2} µs — **met**")
    } else if est <= TARGET_US {
        format!("`{name}` {est:.2} µs — met, but the 95% CI reaches {hi:.2} µs")
    } else if lo <= TARGET_US {
        format!(
            "`{name}` {est:.2} µs — **missed by {:.2} µs**, at the limit (95% CI {lo:.2} … {hi:.2} µs)",
            est - TARGET_US
        )
    } else {
        format!("`{name}` {est:.2} µs — **missed by {:.2} µs**", est - TARGET_US)
    }
}

pub fn render(results: &CriterionResults) -> String {
    let benches = &results.benches;
    let mut md = String::from("### In process (criterion, `cargo bench -p memsweep-backend --bench snapshot`)\n\n");
    md += "| benchmark | time [95% CI] | mean ± σ (estimates.json) |\n|---|---|---|\n";
    for b in benches {
        let mean_sd = match b.mean_sd {
            MeanSd::Measured { mean_us, std_dev_us } => format!("{} ± {}", dur_us(mean_us), dur_us(std_dev_us)),
            MeanSd::Incomplete => "n/a".into(),
            MeanSd::NotFresh => "n/a (no fresh estimates.json)".into(),
        };
        let _ = writeln!(
            md,
            "| {} | {} [{} … {}] | {mean_sd} |",
            b.name,
            dur_us(b.estimate_us),
            dur_us(b.low_us),
            dur_us(b.high_us)
        );
    }
    let snapshots: Vec<&Bench> = benches.iter().filter(|b| b.name.contains("snapshot")).collect();
    let verdicts: Vec<String> = snapshots.iter().map(|b| verdict(b)).collect();
    let _ = writeln!(md, "\nTarget: one in-process snapshot ≤ 50 µs. {}.", verdicts.join("; "));
    let estimate_of = |pred: &dyn Fn(&str) -> bool| benches.iter().find(|b| pred(&b.name)).map(|b| b.estimate_us);
    let parse: Option<f64> =
        ["parse meminfo", "parse vmstat", "parse buddyinfo"].iter().map(|p| estimate_of(&|n| n == *p)).sum();
    if let (Some(parse), Some(snap)) = (parse, estimate_of(&|n| n.starts_with("linux snapshot"))) {
        let _ = writeln!(
            md,
            "Parsing meminfo, vmstat and buddyinfo costs {} together (the parse benches; the \
             pressure file has no parse bench), so about {} of the {} snapshot is the kernel \
             generating the /proc files and the syscalls that read them.",
            dur_us(parse),
            dur_us(snap - parse),
            dur_us(snap)
        );
    }
    // Both snapshot benches read and parse the same files on Linux (the backend's snapshot is
    // read_snapshot), so when they disagree the spread is the machine's noise.
    if let [a, b] = snapshots[..] {
        if a.estimate_us > TARGET_US || b.estimate_us > TARGET_US {
            let _ = writeln!(
                md,
                "Both snapshot benches do the same work on Linux (`Backend::snapshot` is \
                 `read_snapshot()`), yet they differ by {}: that spread is noise from other work on \
                 the machine (load average {} when the bench ended, on {} cores). A bench that \
                 shares its CPU measures high, so a figure over the target here is an upper bound.",
                dur_us((a.estimate_us - b.estimate_us).abs()),
                results.load_average,
                results.cores
            );
        }
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
   Compiling memsweep-backend v0.1.0
     Running benches/snapshot.rs (target/release/deps/snapshot-0123)
linux snapshot (read + parse 4 files)
                        time:   [70.312 µs 74.290 µs 78.501 µs]
Found 3 outliers among 100 measurements (3.00%)
parse meminfo           time:   [3.8012 µs 4.2000 µs 4.5000 µs]
parse vmstat            time:   [7.9 µs 8.9 µs 10.3 µs]
                        change: [-2.1% +0.5% +3.0%] (p = 0.70 > 0.05)
parse buddyinfo         time:   [5600.0 ns 6300.0 ns 7.1 µs]
Backend::snapshot       time:   [65.3 µs 70.1 µs 75.4 µs]
";

    #[test]
    fn log_lines_in_microseconds() {
        let found = parse_log(LOG);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "linux snapshot (read + parse 4 files)",
                "parse meminfo",
                "parse vmstat",
                "parse buddyinfo",
                "Backend::snapshot"
            ]
        );
        assert_eq!(found[0].1, [70.312, 74.290, 78.501]);
        assert_eq!(found[3].1, [5.6, 6.3, 7.1]);
        assert_eq!(to_us(2.0, "ms"), Some(2000.0));
        assert_eq!(to_us(1.0, "min"), None);
        assert_eq!(criterion_dir_name("Backend::snapshot"), "Backend__snapshot");
    }

    fn bench(name: &str, [low_us, estimate_us, high_us]: [f64; 3], mean_sd: MeanSd) -> Bench {
        Bench { name: name.into(), low_us, estimate_us, high_us, mean_sd }
    }

    #[test]
    fn renders_the_table_the_verdicts_and_the_noise() {
        let results = CriterionResults {
            benches: vec![
                bench(
                    "linux snapshot (read + parse 4 files)",
                    [70.3, 74.3, 78.5],
                    MeanSd::Measured { mean_us: 92.8, std_dev_us: 70.0 },
                ),
                bench("parse meminfo", [3.8, 4.2, 4.5], MeanSd::Incomplete),
                bench("parse vmstat", [7.9, 8.9, 10.3], MeanSd::NotFresh),
                bench("parse buddyinfo", [5.6, 6.3, 7.1], MeanSd::NotFresh),
                bench("Backend::snapshot", [45.0, 49.0, 55.0], MeanSd::NotFresh),
            ],
            load_average: "3.16 1.89 1.29".into(),
            cores: 2,
        };
        let md = render(&results);
        assert!(md
            .contains("| linux snapshot (read + parse 4 files) | 74.3 µs [70.3 µs … 78.5 µs] | 92.8 µs ± 70.0 µs |\n"));
        assert!(md.contains("| parse meminfo | 4.2 µs [3.8 µs … 4.5 µs] | n/a |\n"));
        assert!(md.contains("| parse vmstat | 8.9 µs [7.9 µs … 10.3 µs] | n/a (no fresh estimates.json) |\n"));
        assert!(md.contains(
            "Target: one in-process snapshot ≤ 50 µs. `linux snapshot (read + parse 4 files)` 74.30 µs — \
             **missed by 24.30 µs**; `Backend::snapshot` 49.00 µs — met, but the 95% CI reaches 55.00 µs.\n"
        ));
        assert!(md.contains("costs 19.4 µs together"));
        assert!(md.contains("so about 54.9 µs of the 74.3 µs snapshot"));
        assert!(md.contains("they differ by 25.3 µs"));
        assert!(md.contains("(load average 3.16 1.89 1.29 when the bench ended, on 2 cores)"));
    }

    #[test]
    fn verdicts_at_the_limit() {
        let limit = bench("Backend::snapshot", [48.0, 51.0, 54.0], MeanSd::NotFresh);
        assert_eq!(
            verdict(&limit),
            "`Backend::snapshot` 51.00 µs — **missed by 1.00 µs**, at the limit (95% CI 48.00 … 54.00 µs)"
        );
        assert_eq!(verdict(&bench("s", [1.0, 2.0, 3.0], MeanSd::NotFresh)), "`s` 2.00 µs — **met**");
    }
}
