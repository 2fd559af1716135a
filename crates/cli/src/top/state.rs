//! What `memsweep top` shows, gathered from snapshots; knows nothing of ratatui.

use std::collections::VecDeque;

use memsweep_core::frag;
use memsweep_core::snapshot::Snapshot;
use memsweep_core::ProcessInfo;

/// One segment of the composition bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Message id of its name.
    pub label: &'static str,
    pub bytes: u64,
}

/// A point of the history chart: seconds since the view started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub at_s: f64,
    pub available: u64,
    pub cache: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Resident,
    Name,
    Pid,
}

/// One row of the area chooser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChooserRow {
    pub id: String,
    /// Can stall the machine or drop all cache: asks before running.
    pub risky: bool,
    pub ticked: bool,
}

/// The area chooser (`a`): its rows and where the cursor is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub rows: Vec<ChooserRow>,
    pub cursor: usize,
}

/// Everything one frame draws.
#[derive(Clone, Debug)]
pub struct ViewState {
    pub snapshot: Snapshot,
    pub started_ms: u64,
    pub window_s: f64,
    pub history: VecDeque<Sample>,
    /// Cleans, as seconds since the view started (from the history file and this view).
    pub cleans: Vec<f64>,
    pub pressure_some: VecDeque<u64>,
    pub pressure_full: VecDeque<u64>,
    pub processes: Vec<ProcessInfo>,
    pub sort: SortBy,
    pub selected: usize,
    pub refresh_ms: u64,
    pub status_line: String,
    /// The advice on the latest readings (`memsweep advise`'s verdict, one line).
    pub advice: String,
    /// What the last clean in the history freed and cost afterwards.
    pub last_clean: Option<String>,
    pub help: bool,
    pub colour: bool,
    /// The area chooser; `None` when closed.
    pub chooser: Option<Chooser>,
    /// A yes/no question about risky areas, waiting for its key.
    pub confirm: Option<String>,
    /// A clean started from this view is running.
    pub cleaning: bool,
}

impl ViewState {
    pub fn new(snapshot: Snapshot, window_s: f64, refresh_ms: u64, colour: bool) -> ViewState {
        let started_ms = snapshot.taken_at_ms;
        let mut state = ViewState {
            snapshot: snapshot.clone(),
            started_ms,
            window_s,
            history: VecDeque::new(),
            cleans: Vec::new(),
            pressure_some: VecDeque::new(),
            pressure_full: VecDeque::new(),
            processes: Vec::new(),
            sort: SortBy::Resident,
            selected: 0,
            refresh_ms,
            status_line: String::new(),
            advice: String::new(),
            last_clean: None,
            help: false,
            colour,
            chooser: None,
            confirm: None,
            cleaning: false,
        };
        state.push(snapshot);
        state
    }

    pub fn seconds(&self, at_ms: u64) -> f64 {
        (at_ms as f64 - self.started_ms as f64) / 1000.0
    }

    /// Adds a snapshot; keeps only the chart's window.
    pub fn push(&mut self, snapshot: Snapshot) {
        let at_s = self.seconds(snapshot.taken_at_ms);
        self.history.push_back(Sample { at_s, available: snapshot.memory.available_bytes, cache: cache_of(&snapshot) });
        while self.history.front().is_some_and(|s| s.at_s < at_s - self.window_s) {
            self.history.pop_front();
        }
        if let Some(p) = snapshot.linux.as_ref().and_then(|l| l.pressure) {
            // sparklines take integers: hundredths of a percent
            self.pressure_some.push_back((p.some.avg10 * 100.0) as u64);
            self.pressure_full.push_back(p.full.map_or(0, |f| (f.avg10 * 100.0) as u64));
            while self.pressure_some.len() > 120 {
                self.pressure_some.pop_front();
                self.pressure_full.pop_front();
            }
        }
        self.snapshot = snapshot;
    }

    pub fn set_processes(&mut self, mut processes: Vec<ProcessInfo>) {
        match self.sort {
            SortBy::Resident => {
                processes.sort_by(|a, b| b.resident_bytes.cmp(&a.resident_bytes).then(a.pid.cmp(&b.pid)))
            }
            SortBy::Name => {
                processes.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.pid.cmp(&b.pid)))
            }
            SortBy::Pid => processes.sort_by_key(|p| p.pid),
        }
        self.selected = self.selected.min(processes.len().saturating_sub(1));
        self.processes = processes;
    }

    pub fn selected_process(&self) -> Option<&ProcessInfo> {
        self.processes.get(self.selected)
    }

    /// The composition of physical memory, summing to the total.
    pub fn composition(&self) -> Vec<Segment> {
        let s = &self.snapshot;
        let total = s.memory.total_bytes;
        if let Some(linux) = &s.linux {
            let m = &linux.meminfo;
            let dirty = m.dirty + m.writeback;
            let cache = m.file_cache().saturating_sub(dirty);
            let parts = [
                ("top-process-memory", m.anon),
                ("top-shmem", m.shmem),
                ("top-cache", cache),
                ("top-dirty", dirty),
                ("top-slab", m.slab_reclaimable),
                ("top-free", m.free),
            ];
            let named: u64 = parts.iter().map(|(_, b)| b).sum();
            let mut segments: Vec<Segment> = parts.iter().map(|&(label, bytes)| Segment { label, bytes }).collect();
            // kernel, page tables and the rest: what the named parts do not cover
            segments.insert(1, Segment { label: "top-other", bytes: total.saturating_sub(named) });
            return segments;
        }
        if let Some(lists) = s.windows.as_ref().and_then(|w| w.lists.value()) {
            let standby = lists.standby_bytes();
            let accounted = lists.modified_bytes + standby + lists.free_bytes + lists.zeroed_bytes;
            return vec![
                Segment { label: "top-in-use", bytes: total.saturating_sub(accounted) },
                Segment { label: "top-modified", bytes: lists.modified_bytes },
                Segment { label: "top-standby", bytes: standby },
                Segment { label: "top-free", bytes: lists.free_bytes },
                Segment { label: "top-zeroed", bytes: lists.zeroed_bytes },
            ];
        }
        let used = s.memory.used_bytes();
        vec![Segment { label: "top-in-use", bytes: used }, Segment { label: "top-available", bytes: total - used }]
    }

    /// Free blocks (all zones) and the unusable index for orders 0..=10.
    pub fn fragmentation(&self) -> Vec<(u32, u64, u32)> {
        let Some(linux) = &self.snapshot.linux else { return Vec::new() };
        let orders = linux.zones.iter().map(|z| z.free_blocks.len()).max().unwrap_or(0);
        let mut blocks = vec![0u64; orders];
        for zone in &linux.zones {
            for (sum, n) in blocks.iter_mut().zip(&zone.free_blocks) {
                *sum += n;
            }
        }
        (0..orders as u32).map(|o| (o, blocks[o as usize], frag::unusable_index(&blocks, o))).collect()
    }
}

/// The cache line of the chart: the file cache.
fn cache_of(snapshot: &Snapshot) -> u64 {
    snapshot.memory.file_cache_bytes
}
