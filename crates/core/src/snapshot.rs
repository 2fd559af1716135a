//! What memory looks like at one moment: figures every OS has, plus one optional section per OS.
//!
//! All sizes are bytes (`u64`). The JSON form of these structs is the documented `status`
//! schema (docs/json.md): add fields freely; renaming or removing one, or changing what a key
//! means, bumps [`SCHEMA`].
//!
//! Each portable figure has one name and one definition, used by every front end:
//! *used* (total - available), *available*, *free*, *file cache* and *droppable cache*
//! ([`PhysicalMemory`]); Windows adds *standby* (the standby lists), Linux *process memory*
//! (anonymous pages).

use serde::Serialize;

use crate::area::Metric;
use crate::frag;

pub const SCHEMA: &str = "memsweep.status/2";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    pub schema: &'static str,
    /// "linux" or "windows".
    pub os: &'static str,
    /// Milliseconds since the Unix epoch.
    pub taken_at_ms: u64,
    pub memory: PhysicalMemory,
    /// Swap (Linux) or the page files together (Windows); `None` when the machine has none
    /// configured (or, on Windows, when the page files cannot be read: `windows.page_files`
    /// says why).
    pub swap: Option<Swap>,
    pub linux: Option<LinuxMemory>,
    pub windows: Option<WindowsMemory>,
}

/// The figures every OS has; rules and the tray use only these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "PhysicalMemoryJson")]
pub struct PhysicalMemory {
    pub total_bytes: u64,
    /// The OS's own estimate of memory usable without swapping (Linux MemAvailable,
    /// Windows available pages — which include the standby lists).
    pub available_bytes: u64,
    /// Memory holding nothing (Linux MemFree, Windows free + zeroed lists); `None` where the
    /// OS will not tell (Windows without the privilege to read the memory lists).
    pub free_bytes: Option<u64>,
    /// The file cache: Linux Cached + Buffers - Shmem (page cache that is not shared memory);
    /// Windows the system cache (the standby lists plus the system working set, from
    /// GetPerformanceInfo). Much of it counts as available already.
    pub file_cache_bytes: u64,
    /// What purging caches could give back right now: Linux clean, unmapped file pages plus
    /// reclaimable slab (an upper bound); Windows the standby lists, every priority. `None`
    /// where the OS will not tell (Windows without the privilege to read the lists).
    pub droppable_cache_bytes: Option<u64>,
}

impl PhysicalMemory {
    /// (total - available) / total, in percent.
    pub fn used_percent(&self) -> f64 {
        if self.total_bytes == 0 {
            return 0.0;
        }
        let used = self.total_bytes.saturating_sub(self.available_bytes);
        used as f64 * 100.0 / self.total_bytes as f64
    }

    pub fn used_bytes(&self) -> u64 {
        self.total_bytes.saturating_sub(self.available_bytes)
    }
}

/// The JSON form of [`PhysicalMemory`]: the same figures plus the derived used share, so
/// scripts need not redo the arithmetic.
#[derive(Serialize)]
struct PhysicalMemoryJson {
    total_bytes: u64,
    available_bytes: u64,
    free_bytes: Option<u64>,
    file_cache_bytes: u64,
    droppable_cache_bytes: Option<u64>,
    used_bytes: u64,
    used_percent: f64,
}

impl From<PhysicalMemory> for PhysicalMemoryJson {
    fn from(m: PhysicalMemory) -> Self {
        PhysicalMemoryJson {
            total_bytes: m.total_bytes,
            available_bytes: m.available_bytes,
            free_bytes: m.free_bytes,
            file_cache_bytes: m.file_cache_bytes,
            droppable_cache_bytes: m.droppable_cache_bytes,
            used_bytes: m.used_bytes(),
            used_percent: (m.used_percent() * 100.0).round() / 100.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Swap {
    pub total_bytes: u64,
    pub free_bytes: u64,
}

/// Linux: /proc/meminfo, /proc/vmstat, /proc/pressure/memory and /proc/buddyinfo.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinuxMemory {
    /// Size of one base page; buddy block sizes are this times 2^order.
    pub page_size_bytes: u64,
    pub meminfo: Meminfo,
    pub vmstat: VmStat,
    /// `None` when the kernel has no PSI (/proc/pressure/memory absent or disabled).
    pub pressure: Option<Pressure>,
    pub zones: Vec<Zone>,
    /// /proc/sys/vm/extfrag_threshold: at or below this fragmentation index (thousandths) the
    /// kernel does not compact, since an allocation fails for lack of memory, not fragments.
    pub extfrag_threshold: Option<u32>,
}

/// The /proc/meminfo fields memsweep uses, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Meminfo {
    pub total: u64,
    pub free: u64,
    pub available: u64,
    pub buffers: u64,
    pub cached: u64,
    /// tmpfs and shared memory: counted in Cached, never droppable.
    pub shmem: u64,
    pub slab_reclaimable: u64,
    pub dirty: u64,
    pub writeback: u64,
    pub active_file: u64,
    pub inactive_file: u64,
    pub mapped: u64,
    pub anon: u64,
    pub swap_total: u64,
    pub swap_free: u64,
}

impl Meminfo {
    /// Active(file) + Inactive(file) - Dirty - Writeback - Mapped, plus SReclaimable: the
    /// upper bound of what `drop_caches` can free now (the droppable cache).
    pub fn droppable(&self) -> u64 {
        let file = self.active_file + self.inactive_file;
        file.saturating_sub(self.dirty + self.writeback + self.mapped) + self.slab_reclaimable
    }

    /// Page cache that is not shared memory (what `drop_caches=1` works on).
    pub fn file_cache(&self) -> u64 {
        (self.cached + self.buffers).saturating_sub(self.shmem)
    }
}

/// /proc/vmstat counters since boot. `None` where this kernel does not have the counter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VmStat {
    pub workingset_refault_file: Option<u64>,
    pub workingset_refault_anon: Option<u64>,
    pub pgmajfault: Option<u64>,
    /// KiB read from storage since boot (what re-reading a dropped cache costs shows here).
    pub pgpgin: Option<u64>,
    pub drop_pagecache: Option<u64>,
    pub drop_slab: Option<u64>,
    pub compact_stall: Option<u64>,
    pub compact_fail: Option<u64>,
    pub compact_success: Option<u64>,
    pub compact_migrate_scanned: Option<u64>,
    pub compact_free_scanned: Option<u64>,
    pub compact_isolated: Option<u64>,
    pub compact_daemon_wake: Option<u64>,
    pub oom_kill: Option<u64>,
}

/// One line of /proc/pressure/memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PressureLine {
    /// Percent of wall time, averaged over 10, 60 and 300 seconds.
    pub avg10: f64,
    pub avg60: f64,
    pub avg300: f64,
    /// Total stall time in microseconds.
    pub total_us: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Pressure {
    pub some: PressureLine,
    /// Absent on kernels that report only `some` for a resource.
    pub full: Option<PressureLine>,
}

/// One zone of /proc/buddyinfo with its fragmentation indices for every order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Zone {
    pub node: u32,
    pub name: String,
    /// Free blocks per order (index = order).
    pub free_blocks: Vec<u64>,
    /// Unusable free space index per order, thousandths (0 = all free memory usable, 1000 = none).
    pub unusable_index_permille: Vec<u32>,
    /// Fragmentation index per order, thousandths; -1000 means an allocation would succeed.
    pub fragmentation_index_permille: Vec<i32>,
}

impl Zone {
    pub fn new(node: u32, name: String, free_blocks: Vec<u64>) -> Zone {
        let orders = 0..free_blocks.len() as u32;
        let unusable = orders.clone().map(|o| frag::unusable_index(&free_blocks, o)).collect();
        let fragmentation = orders.map(|o| frag::fragmentation_index(&free_blocks, o)).collect();
        Zone { node, name, free_blocks, unusable_index_permille: unusable, fragmentation_index_permille: fragmentation }
    }

    pub fn free_pages(&self) -> u64 {
        frag::free_pages(&self.free_blocks)
    }
}

impl LinuxMemory {
    /// The unusable free space index of all zones taken together, as if they were one zone.
    pub fn unusable_index_all_zones(&self, order: u32) -> u32 {
        let orders = self.zones.iter().map(|z| z.free_blocks.len()).max().unwrap_or(0);
        let mut merged = vec![0u64; orders];
        for zone in &self.zones {
            for (sum, blocks) in merged.iter_mut().zip(&zone.free_blocks) {
                *sum += blocks;
            }
        }
        frag::unusable_index(&merged, order)
    }
}

/// Windows: the memory manager's lists and counters (filled by the Windows backend).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WindowsMemory {
    pub page_size: u64,
    /// The commit charge: virtual memory committed, which RAM and the page files back.
    pub commit_bytes: u64,
    /// The commit limit: physical memory plus the page files (as they are now).
    pub commit_limit_bytes: u64,
    /// The highest commit charge since boot; `None` where the OS reports none (Wine: 0).
    pub commit_peak_bytes: Option<u64>,
    /// Every page file (SystemPageFileInformation); an empty list when there is none.
    pub page_files: Availability<Vec<PageFile>>,
    /// The system file cache working set (class 21), `None` when the query failed.
    pub system_file_cache_bytes: Option<u64>,
    /// The memory lists from SystemMemoryListInformation; unavailable says why.
    pub lists: Availability<MemoryLists>,
    /// Hard faults (page-read I/Os) since boot, from SystemPerformanceInformation; `None`
    /// where it could not be read.
    pub hard_faults: Option<u64>,
}

/// One page file (Windows).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageFile {
    /// Its path (`C:\pagefile.sys`).
    pub path: String,
    /// Its current size.
    pub total_bytes: u64,
    pub in_use_bytes: u64,
    /// The most of it in use at once since boot.
    pub peak_bytes: u64,
}

impl Swap {
    /// The page files taken together, as swap; `None` when there is none.
    pub fn of_page_files(files: &[PageFile]) -> Option<Swap> {
        let total_bytes: u64 = files.iter().map(|f| f.total_bytes).sum();
        let used: u64 = files.iter().map(|f| f.in_use_bytes.min(f.total_bytes)).sum();
        (!files.is_empty()).then_some(Swap { total_bytes, free_bytes: total_bytes - used })
    }
}

/// A figure that may be unreadable; the reason is shown instead of a misleading zero.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Availability<T> {
    Available { value: T },
    Unavailable { reason: String },
}

impl<T> Availability<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Availability::Available { value } => Some(value),
            Availability::Unavailable { .. } => None,
        }
    }
}

/// RAMMap's view of physical pages, in bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MemoryLists {
    pub zeroed_bytes: u64,
    pub free_bytes: u64,
    pub modified_bytes: u64,
    pub modified_no_write_bytes: u64,
    pub bad_bytes: u64,
    /// Standby list per priority 0..7.
    pub standby_by_priority_bytes: [u64; 8],
    /// Pages repurposed from standby per priority since boot (counts, not bytes).
    pub repurposed_by_priority: [u64; 8],
}

impl MemoryLists {
    pub fn standby_bytes(&self) -> u64 {
        self.standby_by_priority_bytes.iter().sum()
    }
}

impl Snapshot {
    /// The value of one metric, `None` where this snapshot cannot tell.
    pub fn metric(&self, metric: Metric) -> Option<i64> {
        let bytes = |v: u64| Some(i64::try_from(v).unwrap_or(i64::MAX));
        let lists = || self.windows.as_ref().and_then(|w| w.lists.value());
        match metric {
            Metric::Available => bytes(self.memory.available_bytes),
            Metric::Free => self.memory.free_bytes.and_then(bytes),
            Metric::FileCache => bytes(self.memory.file_cache_bytes),
            Metric::Dirty => match &self.linux {
                Some(linux) => bytes(linux.meminfo.dirty + linux.meminfo.writeback),
                None => lists().and_then(|l| bytes(l.modified_bytes)),
            },
            Metric::Slab => self.linux.as_ref().and_then(|l| bytes(l.meminfo.slab_reclaimable)),
            Metric::UnusableHugeIndex => {
                self.linux.as_ref().map(|l| i64::from(l.unusable_index_all_zones(frag::HUGE_PAGE_ORDER)))
            }
            Metric::Standby => lists().and_then(|l| bytes(l.standby_bytes())),
            Metric::StandbyLowPriority => lists().and_then(|l| bytes(l.standby_by_priority_bytes[0])),
            Metric::Modified => lists().and_then(|l| bytes(l.modified_bytes)),
            Metric::Zeroed => lists().and_then(|l| bytes(l.zeroed_bytes)),
            Metric::SystemFileCache => self.windows.as_ref().and_then(|w| w.system_file_cache_bytes).and_then(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files_together_are_the_swap_and_none_is_none() {
        assert_eq!(Swap::of_page_files(&[]), None);
        let file = |total_bytes, in_use_bytes| PageFile {
            path: "C:\\pagefile.sys".into(),
            total_bytes,
            in_use_bytes,
            peak_bytes: 0,
        };
        assert_eq!(
            Swap::of_page_files(&[file(4 << 30, 1 << 30), file(1 << 30, 0)]),
            Some(Swap { total_bytes: 5 << 30, free_bytes: 4 << 30 })
        );
        // a page file that grew past its size in the same reading never makes free negative
        assert_eq!(Swap::of_page_files(&[file(100, 200)]), Some(Swap { total_bytes: 100, free_bytes: 0 }));
    }
}

/// The figures rules look at, from one snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Observation {
    pub used_percent: f64,
    /// The droppable cache (Linux estimate, Windows standby lists; `None` when unreadable).
    pub droppable_cache_bytes: Option<u64>,
    /// Linux: MemFree; Windows: free + zeroed lists.
    pub free_bytes: Option<u64>,
    /// Linux PSI memory `some` avg10, percent.
    pub pressure_some_avg10: Option<f64>,
    /// Linux: the inactive file cache, the cache the kernel itself considers cold.
    pub cold_cache_bytes: Option<u64>,
}

impl Observation {
    pub fn of(snapshot: &Snapshot) -> Observation {
        let linux = snapshot.linux.as_ref();
        Observation::new(
            &snapshot.memory,
            linux.and_then(|l| l.pressure).map(|p| p.some.avg10),
            linux.map(|l| l.meminfo.inactive_file),
        )
    }

    /// From the figures every OS has, PSI `some` avg10 and the cold cache where known.
    pub fn new(
        memory: &PhysicalMemory,
        pressure_some_avg10: Option<f64>,
        cold_cache_bytes: Option<u64>,
    ) -> Observation {
        Observation {
            used_percent: memory.used_percent(),
            droppable_cache_bytes: memory.droppable_cache_bytes,
            free_bytes: memory.free_bytes,
            pressure_some_avg10,
            cold_cache_bytes,
        }
    }
}
