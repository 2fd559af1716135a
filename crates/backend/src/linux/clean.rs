//! The machine-wide Linux areas.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use memsweep_core::units::format_bytes;
use memsweep_core::{AreaEffect, AreaError, ReclaimAmount};

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

/// Asks the kernel to reclaim `amount`. Writing fewer bytes than asked is normal when the rest
/// cannot go (no swap: only file pages can); the kernel says so with EAGAIN, reported as a note.
pub fn reclaim(amount: ReclaimAmount) -> Result<AreaEffect, AreaError> {
    let targets = reclaim_targets().map_err(AreaError::Unsupported)?;
    let mut effect = AreaEffect::default();
    let mut ask = |file: &PathBuf, bytes: u64| -> Result<(), AreaError> {
        if bytes == 0 {
            return Ok(());
        }
        let shown = file.display().to_string();
        match write_control(file, &bytes.to_string()) {
            Ok(()) => effect.notes.push(format!("{shown}: asked for {}", format_bytes(bytes))),
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => effect
                .notes
                .push(format!("{shown}: asked for {}, the kernel reclaimed less (EAGAIN)", format_bytes(bytes))),
            Err(e) => return Err(control_failure(&shown, &e)),
        }
        Ok(())
    };
    match &targets {
        ReclaimTargets::Nodes(nodes) => {
            let machine: u64 = nodes.iter().map(|(_, total)| total).sum();
            let wanted = amount.to_bytes(machine);
            for (file, total) in nodes {
                // Each node gives its share of the amount, by size.
                let share = if machine == 0 {
                    wanted / nodes.len() as u64
                } else {
                    (wanted as u128 * *total as u128 / machine as u128) as u64
                };
                ask(file, share)?;
            }
        }
        ReclaimTargets::Cgroup(file) => {
            let total = procfs::parse_meminfo(&read(paths::MEMINFO).map_err(|e| AreaError::Failed(e.to_string()))?)
                .map_err(AreaError::Failed)?
                .total;
            ask(file, amount.to_bytes(total))?;
        }
    }
    Ok(effect)
}
