//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand};
use memsweep_core::ReclaimAmount;

#[derive(Debug, Parser)]
#[command(
    name = "memsweep",
    version,
    about = "See where memory is, and clean it by asking the kernel directly",
    after_help = "Exit codes: 0 ok, 1 error, 2 usage, 3 some areas failed, 4 nothing could be done, 77 needs root/Administrator."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show memory now: totals, caches, pressure, fragmentation.
    Status(StatusArgs),
    /// List the cleanable areas of this OS and whether each is supported here.
    Areas(AreasArgs),
    /// Clean the default areas, or the ones named, in a fixed safe order.
    Clean(CleanArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Machine-readable output (schema in docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Allocation order the fragmentation figures are shown for (9 = 2 MiB huge page).
    #[arg(long, default_value_t = 9, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub order: u32,
}

#[derive(Debug, Args)]
pub struct AreasArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Areas to clean (see `memsweep areas`); none means the default set.
    #[arg(value_name = "AREA")]
    pub areas: Vec<String>,
    /// Every area supported here.
    #[arg(long, conflicts_with = "areas")]
    pub all: bool,
    /// Show the plan and what it could free; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
    /// Process to trim (process area); repeatable.
    #[arg(long, value_name = "PID")]
    pub pid: Vec<u32>,
    /// Processes to trim by name (process area); repeatable.
    #[arg(long, value_name = "NAME")]
    pub name: Vec<String>,
    /// Never trim processes of this name; repeatable.
    #[arg(long, value_name = "NAME")]
    pub exclude: Vec<String>,
    /// Process area: only mark pages cold (MADV_COLD) instead of paging them out.
    #[arg(long)]
    pub gentle: bool,
    /// Reclaim area: how much to reclaim, as a size (512M, 2G) or a share of memory (10%).
    #[arg(long, value_name = "AMOUNT")]
    pub reclaim: Option<ReclaimAmount>,
}
