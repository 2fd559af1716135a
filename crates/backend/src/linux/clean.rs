//! The machine-wide Linux areas.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use memsweep_core::gentle::{Gentle, Next, Sample, Stop, SETTLE_MS};
use memsweep_core::units::format_bytes;
use memsweep_core::{AreaEffect, AreaError, Change, GentleReclaim, ReclaimAmount, Unit};

use super::{control_failure, paths, read, write_control};
use crate::procfs;

pub fn flush_dirty() -> Result<AreaEffect, AreaError> {
    rustix::fs::sync();
    Ok(AreaEffect::default())
}

/// `mode` "1" drops clean page cache, "2" reclaimable slab. Always after a sync: the kernel
/// never frees dirty objects, so syncing first is what lets the drop free them (and it keeps
/// the promise that nothing is lost even when this area runs alone).
pub fn drop_caches(mode: &str) -> Result<AreaEffect, AreaError> {
    rustix::fs::sync();
    write_control(paths::DROP_CACHES, mode).map_err(|e| control_failure(paths::DROP_CACHES, &e))?;
    Ok(AreaEffect::default())
}

pub fn compact() -> Result<AreaEffect, AreaError> {
    let started = Instant::now();
    write_control(paths::COMPACT_MEMORY, "1").map_err(|e| control_failure(paths::COMPACT_MEMORY, &e))?;
    let mut effect = AreaEffect::default();
    effect.notes.push(format!("full compaction of every zone took {} ms", started.elapsed().as_millis()));
    Ok(effect)
}

/// Where proactive reclaim can be asked for, with each target's share of memory.
#[derive(Debug)]
pub enum ReclaimTargets {
    /// /sys/devices/system/node/nodeN/reclaim (Linux 6.17+), with each node's MemTotal.
    Nodes(Vec<(PathBuf, u64)>),
    /// memory.reclaim of the cgroup v2 root (Linux 5.19+).
    Cgroup(PathBuf),
}

pub fn reclaim_targets() -> Result<ReclaimTargets, String> {
    let mut nodes = Vec::new();
    if let Ok(entries) = fs::read_dir(paths::NODES) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let is_node =
                name.to_str().is_some_and(|n| n.strip_prefix("node").is_some_and(|d| d.parse::<u32>().is_ok()));
            let file = entry.path().join("reclaim");
            if is_node && file.exists() {
                let total = fs::read_to_string(entry.path().join("meminfo"))
                    .ok()
                    .and_then(|t| procfs::parse_node_total(&t))
                    .unwrap_or(0);
                nodes.push((file, total));
            }
        }
    }
    if !nodes.is_empty() {
        nodes.sort();
        return Ok(ReclaimTargets::Nodes(nodes));
    }
    if let Some(root) = cgroup2_mount() {
        let file = root.join("memory.reclaim");
        if file.exists() {
            return Ok(ReclaimTargets::Cgroup(file));
        }
    }
    Err("neither node reclaim (Linux 6.17+) nor a cgroup v2 memory.reclaim (5.19+) is available".into())
}

fn cgroup2_mount() -> Option<PathBuf> {
    let text = read(paths::MOUNTINFO).ok()?;
    text.lines().find_map(|line| {
        // "... mount-point ... - cgroup2 cgroup2 rw"
        let (left, right) = line.split_once(" - ")?;
        let mount_point = left.split_whitespace().nth(4)?;
        right.starts_with("cgroup2 ").then(|| PathBuf::from(mount_point))
    })
}

impl ReclaimTargets {
    /// The memory behind the targets, for amounts given as a share.
    fn total(&self) -> Result<u64, AreaError> {
        match self {
            ReclaimTargets::Nodes(nodes) => Ok(nodes.iter().map(|(_, total)| total).sum()),
            ReclaimTargets::Cgroup(_) => Ok(meminfo()?.total),
        }
    }

    /// Asks for `bytes`, each node its share by size, and notes what was asked. Returns whether
    /// the kernel reclaimed less than asked anywhere (EAGAIN). `file_only` adds `swappiness=0`
    /// where the kernel takes it, so anonymous memory is left alone.
    fn ask(&self, bytes: u64, file_only: bool, notes: &mut Vec<String>) -> Result<bool, AreaError> {
        let mut fell_short = false;
        let mut one = |file: &PathBuf, bytes: u64| -> Result<(), AreaError> {
            if bytes == 0 {
                return Ok(());
            }
            let shown = file.display().to_string();
            match write_reclaim(file, bytes, file_only) {
                Ok(()) => notes.push(format!("{shown}: asked for {}", format_bytes(bytes))),
                Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => {
                    fell_short = true;
                    notes
                        .push(format!("{shown}: asked for {}, the kernel reclaimed less (EAGAIN)", format_bytes(bytes)))
                }
                Err(e) => return Err(control_failure(&shown, &e)),
            }
            Ok(())
        };
        match self {
            ReclaimTargets::Nodes(nodes) => {
                let machine: u64 = nodes.iter().map(|(_, total)| total).sum();
                for (file, total) in nodes {
                    let share = if machine == 0 {
                        bytes / nodes.len() as u64
                    } else {
                        (bytes as u128 * *total as u128 / machine as u128) as u64
                    };
                    one(file, share)?;
                }
            }
            ReclaimTargets::Cgroup(file) => one(file, bytes)?,
        }
        Ok(fell_short)
    }
}

/// Whether the kernel rejected `swappiness=` once (older than 6.13): then it is not sent again.
static NO_SWAPPINESS_KEY: AtomicBool = AtomicBool::new(false);

/// One write to a reclaim file: "BYTES" or "BYTES swappiness=0".
fn write_reclaim(file: &PathBuf, bytes: u64, file_only: bool) -> std::io::Result<()> {
    if file_only && !NO_SWAPPINESS_KEY.load(Ordering::Relaxed) {
        match write_control(file, &reclaim_request(bytes, true)) {
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) => NO_SWAPPINESS_KEY.store(true, Ordering::Relaxed),
            other => return other,
        }
    }
    write_control(file, &reclaim_request(bytes, false))
}

/// The text written to a node's `reclaim` or a cgroup's `memory.reclaim`.
pub fn reclaim_request(bytes: u64, file_only: bool) -> String {
    if file_only {
        format!("{bytes} swappiness=0")
    } else {
        bytes.to_string()
    }
}

fn meminfo() -> Result<memsweep_core::snapshot::Meminfo, AreaError> {
    procfs::parse_meminfo(&read(paths::MEMINFO).map_err(|e| AreaError::Failed(e.to_string()))?)
        .map_err(AreaError::Failed)
}

/// Asks the kernel to reclaim `amount`. Writing fewer bytes than asked is normal when the rest
/// cannot go (no swap: only file pages can); the kernel says so with EAGAIN, reported as a note.
pub fn reclaim(amount: ReclaimAmount) -> Result<AreaEffect, AreaError> {
    let targets = reclaim_targets().map_err(AreaError::Unsupported)?;
    let mut effect = AreaEffect::default();
    targets.ask(amount.to_bytes(targets.total()?), false, &mut effect.notes)?;
    Ok(effect)
}

/// The counters gentle reclaim judges a step by.
fn sample() -> Result<Sample, AreaError> {
    let info = meminfo()?;
    let vmstat = procfs::parse_vmstat(&read(paths::VMSTAT).map_err(|e| AreaError::Failed(e.to_string()))?);
    let pressure = read(paths::PRESSURE)
        .map_err(|e| AreaError::Unsupported(format!("gentle reclaim needs PSI: {e}")))
        .and_then(|t| procfs::parse_pressure(&t).map_err(AreaError::Failed))?;
    let page = rustix::param::page_size() as u64;
    Ok(Sample {
        at_ms: memsweep_core::run::now_ms(),
        file_cache_bytes: info.file_cache(),
        cold_bytes: info.inactive_file,
        refault_bytes: vmstat.workingset_refault_file.unwrap_or(0).saturating_mul(page),
        stall_us: pressure.some.total_us,
    })
}

fn settle() {
    std::thread::sleep(Duration::from_millis(SETTLE_MS));
}

/// Reclaims in small steps until what is taken is wanted back (see memsweep_core::gentle).
pub fn reclaim_gently(settings: &GentleReclaim) -> Result<AreaEffect, AreaError> {
    let targets = reclaim_targets().map_err(AreaError::Unsupported)?;
    let total = targets.total()?;
    let mut effect = AreaEffect::default();
    let started = sample()?;
    settle();
    let baseline = sample()?;
    let mut asked_notes = Vec::new();
    let stop = match Gentle::begin(settings, total, &started, &baseline) {
        Err(stop) => (None, stop),
        Ok(mut gentle) => {
            let mut now = baseline;
            let stop = loop {
                let bytes = match gentle.next_step(&now) {
                    Ok(bytes) => bytes,
                    Err(stop) => break stop,
                };
                let before = now;
                let fell_short = targets.ask(bytes, true, &mut asked_notes)?;
                let written = sample()?;
                settle();
                now = sample()?;
                match gentle.after_step(&before, &written, &now, fell_short) {
                    Err(stop) => break stop,
                    Ok(Next::Step) => {}
                    Ok(Next::BackOff) => {
                        let from = now;
                        settle();
                        now = sample()?;
                        if let Err(stop) = gentle.after_back_off(&from, &now) {
                            break stop;
                        }
                    }
                }
            };
            (Some(gentle), stop)
        }
    };
    let (taken, steps, back_offs, refaults) =
        stop.0.as_ref().map_or((0, 0, 0, 0), |g| (g.taken, g.steps, g.back_offs, g.refault_bytes));
    let finished = sample()?;
    effect.changes.extend([
        Change::new("reclaim_steps", Unit::Count, None, Some(i64::from(steps))),
        Change::new("refault_bytes", Unit::Bytes, None, Some(refaults as i64)),
    ]);
    effect.notes.push(format!(
        "gentle: took {} of file cache in {steps} step(s) of at most {}{} ({} s); stopped: {}",
        format_bytes(taken),
        format_bytes(settings.step.to_bytes(total)),
        if back_offs > 0 { format!(", backed off {back_offs} time(s) on pressure") } else { String::new() },
        finished.at_ms.saturating_sub(started.at_ms) / 1000,
        describe(&stop.1)
    ));
    Ok(effect)
}

fn describe(stop: &Stop) -> String {
    match stop {
        Stop::Max => "the maximum was taken".into(),
        Stop::Floor => "the file cache is down to the floor".into(),
        Stop::NothingCold => "no cold cache is left".into(),
        Stop::Refaults { bytes } => format!("{} of what was taken was read back", format_bytes(*bytes)),
        Stop::Pressure { percent } => format!("memory pressure rose to {percent:.2}%, above the target"),
        Stop::PressureBefore { percent } => {
            format!("memory pressure was already {percent:.2}%, above the target: nothing taken")
        }
    }
}
