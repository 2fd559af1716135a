//! The Linux backend against the real kernel of this machine.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report
#![cfg(target_os = "linux")]

use std::fs;
use std::path::Path;

use memsweep_backend::linux::read_snapshot;

const KERNEL_UNUSABLE: &str = "/sys/kernel/debug/extfrag/unusable_index";

/// Parses the kernel's "Node 0, zone   Normal 0.000 0.008 ..." lines into thousandths.
fn kernel_unusable(text: &str) -> Vec<(u32, String, Vec<u32>)> {
    text.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("Node ")?;
            let (node, rest) = rest.split_once(',')?;
            let mut words = rest.split_whitespace().skip(1);
            let zone = words.next()?.to_string();
            let values = words
                .map(|w| {
                    let (int, frac) = w.split_once('.').expect("x.yyy");
                    int.parse::<u32>().unwrap() * 1000 + frac.parse::<u32>().unwrap()
                })
                .collect();
            Some((node.trim().parse().ok()?, zone, values))
        })
        .collect()
}

#[test]
fn unusable_index_agrees_with_the_kernels_own() {
    if !Path::new(KERNEL_UNUSABLE).exists() && rustix::process::geteuid().is_root() {
        // debugfs is often not mounted; root can mount it (it only exposes, changes nothing).
        let _ = std::process::Command::new("mount").args(["-t", "debugfs", "none", "/sys/kernel/debug"]).status();
    }
    let Ok(first) = fs::read_to_string(KERNEL_UNUSABLE) else {
        // The formulas are still pinned by unit tests; the comparison needs debugfs.
        memsweep_testkit::missing(
            "unusable_index_agrees_with_the_kernels_own",
            &format!("debugfs ({KERNEL_UNUSABLE})"),
        );
        return;
    };
    assert!(!first.is_empty());
    // Read ours between two reads of the kernel's, so "the same moment" is bracketed.
    let ours = read_snapshot().expect("snapshot").linux.expect("linux section");
    let second = fs::read_to_string(KERNEL_UNUSABLE).unwrap();
    let (a, b) = (kernel_unusable(&first), kernel_unusable(&second));
    assert_eq!(a.len(), ours.zones.len(), "same zones as /proc/buddyinfo");
    for ((node, name, before), (_, _, after)) in a.iter().zip(&b) {
        let zone = ours.zones.iter().find(|z| z.node == *node && &z.name == name).expect("zone in both");
        for (order, &value) in zone.unusable_index_permille.iter().enumerate() {
            let low = before[order].min(after[order]).saturating_sub(5);
            let high = before[order].max(after[order]) + 5;
            assert!(
                (low..=high).contains(&value),
                "node {node} zone {name} order {order}: ours {value}, kernel {} then {}",
                before[order],
                after[order]
            );
        }
    }
}

#[test]
fn snapshot_figures_are_consistent() {
    let snapshot = read_snapshot().expect("snapshot");
    let m = snapshot.memory;
    assert!(m.total_bytes > 0);
    assert!(m.available_bytes <= m.total_bytes && m.free_bytes.is_some_and(|f| f <= m.total_bytes));
    let linux = snapshot.linux.expect("linux section");
    assert_eq!(m.droppable_cache_bytes, Some(linux.meminfo.droppable()));
    assert_eq!(m.file_cache_bytes, linux.meminfo.file_cache());
    assert!(linux.zones.iter().all(|z| z.free_blocks.len() == 11), "x86-64 has orders 0..=10");
    let free_in_zones: u64 = linux.zones.iter().map(|z| z.free_pages()).sum::<u64>() * linux.page_size_bytes;
    // Not compared with MemFree: on VMs whose memory the kernel takes over lazily (this one's
    // Normal zone manages a third of what MemTotal counts) MemFree also counts pages the buddy
    // allocator has not been given yet.
    assert!(free_in_zones > 0 && free_in_zones <= m.total_bytes, "buddy free {free_in_zones}");
}
