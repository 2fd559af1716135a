//! Part 6: `memsweep.exe status --json` beside an empty Windows program, both under Wine, from
//! hyperfine's export. bench/run.sh builds the exe, sets up Wine and writes the section's prose.

use crate::args::Args;
use crate::hyperfine::{self, CommandTiming};
use crate::Res;
use memsweep_bench::dur_us;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct WineResults {
    /// Every command hyperfine timed, in its order.
    pub commands: Vec<CommandTiming>,
}

/// `hyperfine-wine FILE.json`
pub fn measure(args: &Args) -> Res<WineResults> {
    let [path] = args.rest() else { return Err("usage: hyperfine-wine FILE".into()) };
    Ok(WineResults { commands: hyperfine::read(path)? })
}

pub fn render(results: &WineResults) -> String {
    let mut md = String::from("### Whole process under Wine (hyperfine)\n\n");
    md += &hyperfine::table(&results.commands);
    let find = |exe: &str| results.commands.iter().find(|t| t.command.contains(exe));
    if let (Some(ours), Some(noop)) = (find("memsweep.exe"), find("noop.exe")) {
        let _ = writeln!(
            md,
            "\n`memsweep.exe status --json` minus an empty C program (`noop.exe`, mingw) under the \
             same Wine: {} — a rough upper bound of what memsweep itself spends, since both pay \
             Wine's process start.",
            dur_us(ours.mean_us - noop.mean_us)
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
    fn difference_to_the_empty_program() {
        let results = WineResults {
            commands: vec![
                timing("wine /b/noop.exe", 26_600.0, 6_500.0, 27_700.0),
                timing("wine /t/memsweep.exe status --json", 47_400.0, 14_300.0, 52_700.0),
            ],
        };
        let md = render(&results);
        assert!(md.starts_with("### Whole process under Wine (hyperfine)\n\n| command |"));
        assert!(md.contains("| `wine /b/noop.exe` | 26.6 ms ± 6.5 ms | 27.7 ms | 13.8 ms … 79.8 ms | 300 |\n"));
        assert!(md.contains("under the same Wine: 20.8 ms — a rough upper bound"));
        assert!(md.ends_with("process start.\n\n"));
    }
}
