//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use memsweep_core::ReclaimAmount;

#[derive(Debug, Parser)]
#[command(
    name = "memsweep",
    // "0.2.0 (commit, target)": which build this is, for bug reports (build.rs).
    version = env!("MEMSWEEP_VERSION_LINE"),
    about = "See where memory is, and clean it by asking the kernel directly",
    after_help = "Exit codes: 0 ok, 1 error, 2 usage, 3 some areas failed, 4 nothing could be done, \
                  69 this build cannot run here (32-bit on 64-bit Windows), 75 busy (another clean or watch), \
                  77 needs root/Administrator, 78 bad config."
)]
pub struct Cli {
    /// Config file to use instead of the default one (see `memsweep config path`).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Language of the messages: en, zh-CN, zh-TW, ja, ko, ru, de, fr, es, pt-BR or auto
    /// (default: the config's, else the OS's).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// The service's control endpoint (default: MEMSWEEP_CONTROL, else /run/memsweep/control.sock
    /// or \\.\pipe\memsweep): where `watch` serves it and where clients ask.
    #[arg(long, global = true, value_name = "PATH")]
    pub control: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show memory now: totals, caches, pressure, fragmentation.
    Status(StatusArgs),
    /// Is cleaning needed? A verdict with the figures behind it; exit 0 nothing to do,
    /// 10 clean, 11 compact, 12 keep the cache (it is being read back).
    Advise(AdviseArgs),
    /// List the cleanable areas of this OS and whether each is supported here.
    Areas(AreasArgs),
    /// Clean the default areas, or the ones named, in a fixed safe order.
    Clean(CleanArgs),
    /// Run the automatic-cleaning rules of the config until stopped (Ctrl-C, SIGTERM).
    Watch(WatchArgs),
    /// A live full-screen view of memory, with history and one-key cleaning.
    Top(TopArgs),
    /// Show past cleans from the history file.
    History(HistoryArgs),
    /// The config file: where it is, what it says, a commented default, a check.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Run `memsweep watch` as a system service (systemd on Linux, the Service Control Manager
    /// on Windows): it starts at boot, needs nobody logged on, and lets users clean through it.
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Windows: start `memsweep watch` at logon, elevated and without a window, through Task
    /// Scheduler (on battery too, no time limit).
    #[command(subcommand)]
    Autostart(AutostartCommand),
    /// Print the manual page (roff), or write every page (one per subcommand) into a directory.
    Man(ManArgs),
    /// Print the completion script for a shell.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write memsweep.1 and memsweep-SUBCOMMAND.1 for every subcommand here instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Machine-readable output (schema in docs/json.md); the same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format: text, json or prometheus (text exposition format).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Allocation order the fragmentation figures are shown for (9 = 2 MiB huge page).
    #[arg(long, default_value_t = 9, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub order: u32,
}

#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// Machine-readable output (schema memsweep.advice/1 in docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// How long to watch refaults / hard faults before judging ("2s", "500ms").
    #[arg(long, default_value = "2s", value_parser = humantime::parse_duration)]
    pub window: std::time::Duration,
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
    /// Process area: trim every process this user may touch, but the excluded ones and
    /// memsweep itself (--all already means every area).
    #[arg(long, conflicts_with_all = ["pid", "name"])]
    pub all_processes: bool,
    /// Never trim this process: an executable name (game, game.exe) or a full path; repeatable
    /// (adds to the config's exclude list). On Windows `working-sets` then trims every other
    /// process one by one instead of all at once.
    #[arg(long, value_name = "NAME|PATH")]
    pub exclude: Vec<String>,
    /// Process area: only mark pages cold (MADV_COLD) instead of paging them out. Reclaim area:
    /// reclaim in small steps, stopping when refaults or memory pressure appear.
    #[arg(long)]
    pub gentle: bool,
    /// Clean in this process even without root / Administrator (never through the service).
    #[arg(long)]
    pub local: bool,
    /// Reclaim area: how much to reclaim, as a size (512M, 2G) or a share of memory (10%).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "gentle")]
    pub reclaim: Option<ReclaimAmount>,
    /// Gentle reclaim: stop when PSI memory "some" over a step rises above this percent (0.1).
    #[arg(long, value_name = "PERCENT", requires = "gentle")]
    pub target: Option<f64>,
    /// Gentle reclaim: each step's size (1% of memory).
    #[arg(long, value_name = "AMOUNT", requires = "gentle")]
    pub step: Option<ReclaimAmount>,
    /// Gentle reclaim: the most to take in all (default: all that is cold).
    #[arg(long, value_name = "AMOUNT", requires = "gentle")]
    pub max: Option<ReclaimAmount>,
    /// Gentle reclaim: never take the file cache below this (5% of memory).
    #[arg(long, value_name = "AMOUNT", requires = "gentle")]
    pub floor: Option<ReclaimAmount>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Prometheus,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Rewrite this node_exporter textfile-collector file (Prometheus format) on every poll,
    /// atomically (a temporary file renamed over it).
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TopArgs {
    /// Minutes of history in the chart.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub minutes: u64,
    /// Refresh interval in milliseconds (`r` cycles 1 s, 2 s, 5 s, 0.5 s).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(100..=60_000))]
    pub refresh_ms: u64,
    /// Print one frame as text and exit (no terminal needed).
    #[arg(long)]
    pub print: bool,
    /// Width of the printed frame.
    #[arg(long, default_value_t = 80, requires = "print")]
    pub width: u16,
    /// Height of the printed frame.
    #[arg(long, default_value_t = 24, requires = "print")]
    pub height: u16,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(long)]
    pub json: bool,
    /// Only cleans since this long ago ("2h", "30min", "7days") or this time ("2026-11-26T08:00:00Z").
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file in use.
    Path,
    /// Print the effective configuration (the file, with every default filled in).
    Show,
    /// Write a commented default config file.
    Init {
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Validate the config file; errors name the line and column.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Install and start the service. Linux: the systemd unit and a default
    /// /etc/memsweep/memsweep.toml if none. Windows: the service `memsweep` (automatic start,
    /// restarted on failure, as LocalSystem) and a default %ProgramData%\memsweep\memsweep.toml
    /// if none.
    Install,
    /// Stop and remove the service (the config and the history stay, unless --purge).
    Uninstall {
        /// Also delete the service's config, history and log (Windows: %ProgramData%\memsweep;
        /// Linux: /etc/memsweep and /var/lib/memsweep).
        #[arg(long)]
        purge: bool,
    },
    /// Start the installed service.
    Start,
    /// Stop the service (it starts again at boot).
    Stop,
    /// Whether the service is installed and running, its endpoint and who may use it.
    Status,
    /// Windows: what the Service Control Manager runs; hands control to it and runs the daemon
    /// until it says stop. Not for a prompt: use `memsweep watch` there.
    #[command(hide = true)]
    Run,
}

#[derive(Debug, Subcommand)]
pub enum AutostartCommand {
    /// Register the logon task (highest privileges: no UAC prompt, no unprivileged start; runs
    /// memsweepw.exe watch: no window; starts on battery, keeps running unplugged, no time limit).
    Enable,
    /// Delete the logon task.
    Disable,
    /// Whether the logon task exists, and its settings.
    Status,
}
