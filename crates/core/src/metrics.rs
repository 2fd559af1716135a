//! A snapshot and the clean counters in Prometheus' text exposition format (node_exporter's
//! textfile collector reads the same format).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::history::HistoryEntry;
use crate::snapshot::Snapshot;

/// Cleans per (area, result) and bytes freed per area, since the history began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CleanCounters {
    pub cleans: BTreeMap<(String, String), u64>,
    pub freed_bytes: BTreeMap<String, u64>,
}

impl CleanCounters {
    pub fn add(&mut self, entry: &HistoryEntry) {
        for area in &entry.report.areas {
            *self.cleans.entry((area.id.clone(), area.outcome.as_str().to_string())).or_default() += 1;
            let freed = area
                .changes
                .iter()
                .find(|c| c.metric == "free_bytes")
                .and_then(|c| c.delta())
                .map_or(0, |d| d.max(0) as u64);
            *self.freed_bytes.entry(area.id.clone()).or_default() += freed;
        }
    }

    pub fn from_history(entries: &[HistoryEntry]) -> CleanCounters {
        let mut counters = CleanCounters::default();
        for entry in entries {
            counters.add(entry);
        }
        counters
    }
}

struct Exposition(String);

impl Exposition {
    fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.0, "# HELP {name} {help}");
        let _ = writeln!(self.0, "# TYPE {name} {kind}");
    }

    fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: f64) {
        self.0.push_str(name);
        if !labels.is_empty() {
            let inner: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{}\"", escape(v))).collect();
            let _ = write!(self.0, "{{{}}}", inner.join(","));
        }
        let _ = writeln!(self.0, " {value}");
    }

    fn gauge(&mut self, name: &str, help: &str, value: f64) {
        self.family(name, "gauge", help);
        self.sample(name, &[], value);
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

pub fn prometheus(snapshot: &Snapshot, counters: &CleanCounters) -> String {
    let mut out = Exposition(String::new());
    let m = &snapshot.memory;
    out.gauge("memsweep_memory_total_bytes", "Physical memory.", m.total_bytes as f64);
    out.gauge(
        "memsweep_memory_available_bytes",
        "Memory available without swapping (the OS's estimate).",
        m.available_bytes as f64,
    );
    if let Some(free) = m.free_bytes {
        out.gauge("memsweep_memory_free_bytes", "Memory holding nothing.", free as f64);
    }
    out.gauge("memsweep_memory_used_ratio", "(total - available) / total.", m.used_percent() / 100.0);
    out.gauge(
        "memsweep_file_cache_bytes",
        "File cache (Linux page cache without shmem, Windows system cache).",
        m.file_cache_bytes as f64,
    );
    if let Some(droppable) = m.droppable_cache_bytes {
        out.gauge(
            "memsweep_droppable_cache_bytes",
            "Cache purging could give back now (Linux droppable estimate, Windows standby lists).",
            droppable as f64,
        );
    }
    if let Some(swap) = &snapshot.swap {
        out.gauge("memsweep_swap_total_bytes", "Swap or page file size.", swap.total_bytes as f64);
        out.gauge("memsweep_swap_free_bytes", "Free swap or page file.", swap.free_bytes as f64);
    }
    if let Some(linux) = &snapshot.linux {
        let mi = &linux.meminfo;
        out.gauge("memsweep_dirty_bytes", "Dirty and writeback file data.", (mi.dirty + mi.writeback) as f64);
        out.gauge("memsweep_shmem_bytes", "Shared memory and tmpfs (never droppable).", mi.shmem as f64);
        out.gauge("memsweep_slab_reclaimable_bytes", "Reclaimable slab.", mi.slab_reclaimable as f64);
        out.family(
            "memsweep_fragmentation_unusable_ratio",
            "gauge",
            "Unusable free space index per zone and order (0 none, 1 all).",
        );
        for zone in &linux.zones {
            let node = zone.node.to_string();
            for (order, value) in zone.unusable_index_permille.iter().enumerate() {
                let order = order.to_string();
                out.sample(
                    "memsweep_fragmentation_unusable_ratio",
                    &[("node", &node), ("zone", &zone.name), ("order", &order)],
                    f64::from(*value) / 1000.0,
                );
            }
        }
        if let Some(p) = linux.pressure {
            out.gauge(
                "memsweep_psi_some_avg10_ratio",
                "Share of time some task stalled on memory, last 10 s.",
                p.some.avg10 / 100.0,
            );
            if let Some(full) = p.full {
                out.gauge(
                    "memsweep_psi_full_avg10_ratio",
                    "Share of time all tasks stalled on memory, last 10 s.",
                    full.avg10 / 100.0,
                );
            }
        }
        out.family("memsweep_refaults_total", "counter", "Pages read back after being reclaimed, since boot.");
        for (kind, value) in
            [("file", linux.vmstat.workingset_refault_file), ("anon", linux.vmstat.workingset_refault_anon)]
        {
            if let Some(value) = value {
                out.sample("memsweep_refaults_total", &[("type", kind)], value as f64);
            }
        }
    }
    if let Some(windows) = &snapshot.windows {
        out.gauge("memsweep_commit_bytes", "Committed memory.", windows.commit_bytes as f64);
        out.gauge("memsweep_commit_limit_bytes", "Commit limit.", windows.commit_limit_bytes as f64);
        if let Some(lists) = windows.lists.value() {
            out.family("memsweep_standby_bytes", "gauge", "Standby list per priority.");
            for (priority, bytes) in lists.standby_by_priority_bytes.iter().enumerate() {
                out.sample("memsweep_standby_bytes", &[("priority", &priority.to_string())], *bytes as f64);
            }
            out.gauge("memsweep_modified_bytes", "Modified page list.", lists.modified_bytes as f64);
            out.gauge("memsweep_zeroed_bytes", "Zeroed page list.", lists.zeroed_bytes as f64);
        }
    }
    out.family("memsweep_cleans_total", "counter", "Areas cleaned, by area and result, since the history began.");
    for ((area, result), count) in &counters.cleans {
        out.sample("memsweep_cleans_total", &[("area", area), ("result", result)], *count as f64);
    }
    out.family(
        "memsweep_freed_bytes_total",
        "counter",
        "Free memory gained by each area's cleans, since the history began.",
    );
    for (area, bytes) in &counters.freed_bytes {
        out.sample("memsweep_freed_bytes_total", &[("area", area)], *bytes as f64);
    }
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
