//! Runs memsweep's benchmarks and prints each one's section of RESULTS.md (Markdown) on stdout.
//! bench/run.sh calls it once per section; see bench/README.md.
//!
//!   harness cleaners --memsweep P --balloon P --probe P --file P [--size-gib 6] [--pairs 3]
//!       (machine-wide: the caller holds /tmp/memsweep-machine-tests.lock)
//!   harness hyperfine-status FILE.json     memsweep status --json vs free -b (whole processes)
//!   harness criterion LOG CRITERION_DIR SINCE_EPOCH_S
//!   harness watch --memsweep P [--seconds 60] [--scratch DIR]
//!   harness lean --memsweep P --hot-reader P --dir DIR [--hot-gib 1] [--cold-gib 4]
//!       [--period-ms 2000] [--after-s 10]   (machine-wide: the caller holds the lock)
//!   harness sizes [--linux P] [--windows P] [--scratch DIR]
//!   harness hyperfine-wine FILE.json
//!   harness endpoint --memsweep P [--runs 20] [--seconds 60] [--area dirty] [--scratch DIR]
//!       (as root; the caller holds the lock: its real cleans are machine-wide)
//!
//! Every subcommand also takes `--json OUT`: its typed results, as JSON, to OUT.
//!
//! One module per benchmark. Each measures into typed results (`measure`) and renders them as
//! Markdown apart (`render`), so the rendering is tested with fixed figures.

mod args;
mod child;
mod cleaners;
mod criterion;
mod endpoint;
mod hyperfine;
mod lean;
mod sizes;
mod status;
mod watch;
mod wine;

use args::Args;
use serde::Serialize;
use std::fs;
use std::process::ExitCode;

pub type Res<T> = Result<T, String>;

const USAGE: &str =
    "usage: harness cleaners|hyperfine-status|criterion|watch|lean|sizes|hyperfine-wine|endpoint ... [--json OUT]";

fn main() -> ExitCode {
    let mut args = Args::new(std::env::args().skip(1).collect());
    let result = args.take("--json").and_then(|json| {
        let Some(benchmark) = args.subcommand() else { return Err(USAGE.into()) };
        let json = json.as_deref();
        match benchmark.as_str() {
            "cleaners" => report(cleaners::measure(&args), cleaners::render, json),
            "hyperfine-status" => report(status::measure(&args), status::render, json),
            "criterion" => report(criterion::measure(&args), criterion::render, json),
            "watch" => report(watch::measure(&args), watch::render, json),
            "lean" => report(lean::measure(&args), lean::render, json),
            "sizes" => report(sizes::measure(&args), sizes::render, json),
            "hyperfine-wine" => report(wine::measure(&args), wine::render, json),
            "endpoint" => report(endpoint::measure(&args), endpoint::render, json),
            _ => Err(USAGE.into()),
        }
    });
    match result {
        Ok(md) => {
            print!("{md}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("harness: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the results to `json` when asked, then renders them.
fn report<R: Serialize>(results: Res<R>, render: fn(&R) -> String, json: Option<&str>) -> Res<String> {
    let results = results?;
    if let Some(out) = json {
        let text = serde_json::to_string_pretty(&results).map_err(|e| format!("{out}: {e}"))?;
        fs::write(out, text).map_err(|e| format!("{out}: {e}"))?;
    }
    Ok(render(&results))
}
