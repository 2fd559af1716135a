//! Part 3, whole process: `memsweep status --json` against `free -b` and `memsweep --version`,
//! from hyperfine's export (bench/run.sh runs hyperfine).

use crate::args::Args;
use crate::hyperfine::{self, CommandTiming};
use crate::Res;
use memsweep_bench::dur_us;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusResults {
    /// Every command hyperfine timed, in its order.
    pub commands: Vec<CommandTiming>,
}

impl StatusResults {
    fn find(&self, pred: impl Fn(&str) -> bool) -> Option<&CommandTiming> {
        self.commands.iter().find(|t| pred(&t.command))
    }

    fn memsweep_status(&self) -> Option<&CommandTiming> {
        self.find(|c| c.ends_with("status --json"))
    }

    fn free(&self) -> Option<&CommandTiming> {
        self.find(|c| c.starts_with("free"))
    }

    /// `memsweep --version`: start-up and exit alone.
    fn memsweep_version(&self) -> Option<&CommandTiming> {
        self.find(|c| c.ends_with("--version") && !c.starts_with("free"))
    }
}

/// `hyperfine-status FILE.json`
pub fn measure(args: &Args) -> Res<StatusResults> {
    let [path] = args.rest() else { return Err("usage: hyperfine-status FILE".into()) };
    let results = StatusResults { commands: hyperfine::read(path)? };
    results.memsweep_status().ok_or("no `memsweep status --json` result")?;
    results.free().ok_or("no `free -b` result")?;
    Ok(results)
}

pub fn render(results: &StatusResults) -> String {
    let mut md = String::from("## 3. Reading memory\n\n### Whole process (hyperfine)\n\n");
    md += &hyperfine::table(&results.commands);
    let (Some(ours), Some(free)) = (results.memsweep_status(), results.free()) else {
        md += "\n**Target not judged: hyperfine has no `memsweep status --json` or no `free -b` result.**\n\n";
        return md;
    };
    let diff = ours.mean_us - free.mean_us;
    let joint = (ours.stddev_us.powi(2) + free.stddev_us.powi(2)).sqrt();
    let _ = writeln!(
        md,
        "\nTarget: `memsweep status --json` no slower than `free -b`. {}",
        if diff <= 0.0 {
            format!(
                "**Met**: {} faster ({:.1}%){}.",
                dur_us(-diff),
                -diff / free.mean_us * 100.0,
                if -diff <= joint {
                    format!(", though within the noise (combined σ {})", dur_us(joint))
                } else {
                    String::new()
                }
            )
        } else if diff <= joint {
            format!(
                "**Missed by {} ({:.1}%)**, within the noise (combined σ {}).",
                dur_us(diff),
                diff / free.mean_us * 100.0,
                dur_us(joint)
            )
        } else {
            format!("**Missed by {} ({:.1}%).**", dur_us(diff), diff / free.mean_us * 100.0)
        }
    );
    let _ = writeln!(
        md,
        "Medians (less sensitive to the machine's other work): {:.3} ms vs {:.3} ms — {}.",
        ours.median_us / 1000.0,
        free.median_us / 1000.0,
        if ours.median_us <= free.median_us {
            "met".to_string()
        } else {
            format!("missed by {}", dur_us(ours.median_us - free.median_us))
        }
    );
    if let Some(version) = results.memsweep_version() {
        let d = ours.mean_us - version.mean_us;
        let noise = (ours.stddev_us.powi(2) + version.stddev_us.powi(2)).sqrt();
        let _ = writeln!(
            md,
            "`memsweep --version` (start-up and exit only, no /proc reads) took {}: {}",
            dur_us(version.mean_us),
            if d.abs() <= noise {
                format!(
                    "`status --json` is within the noise of it (difference {}, combined σ {}), \
                     so process start-up, not reading /proc, is nearly all of its cost.",
                    dur_us(d),
                    dur_us(noise)
                )
            } else {
                format!("reading, computing and printing the status add about {} to it.", dur_us(d))
            }
        );
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hyperfine::timing;

    #[test]
    fn met_within_the_noise_and_start_up_dominates() {
        let results = StatusResults {
            commands: vec![
                timing("/m/memsweep status --json", 1400.0, 800.0, 1100.0),
                timing("free -b", 2100.0, 2300.0, 1350.0),
                timing("/m/memsweep --version", 1500.0, 4100.0, 900.0),
            ],
        };
        let md = render(&results);
        assert!(md.starts_with("## 3. Reading memory\n\n### Whole process (hyperfine)\n\n| command |"));
        assert!(md.contains("| `free -b` | 2.1 ms ± 2.3 ms | 1.4 ms | 675.0 µs … 6.3 ms | 300 |\n"));
        assert!(md.contains(
            "\nTarget: `memsweep status --json` no slower than `free -b`. **Met**: 700.0 µs faster \
             (33.3%), though within the noise (combined σ 2.4 ms).\n"
        ));
        assert!(md.contains("Medians (less sensitive to the machine's other work): 1.100 ms vs 1.350 ms — met.\n"));
        assert!(md.contains(
            "`memsweep --version` (start-up and exit only, no /proc reads) took 1.5 ms: `status --json` \
             is within the noise of it (difference -100.0 µs, combined σ 4.2 ms)"
        ));
        assert!(md.ends_with("cost.\n\n"));
    }

    #[test]
    fn missed_beyond_the_noise() {
        let results = StatusResults {
            commands: vec![
                timing("memsweep status --json", 3000.0, 100.0, 2900.0),
                timing("free -b", 2000.0, 100.0, 1900.0),
            ],
        };
        let md = render(&results);
        assert!(md.contains("**Missed by 1.0 ms (50.0%).**\n"));
        assert!(md.contains("2.900 ms vs 1.900 ms — missed by 1.0 ms.\n"));
        assert!(!md.contains("--version"));
    }
}
