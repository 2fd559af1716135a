//! Cleanable memory areas, as every backend describes them.

use serde::Serialize;

/// Where an area runs in a clean. The core sorts every plan by stage, so that whatever order the
/// user typed, dirty data is written before anything is dropped and dropping comes before
/// compaction (compacting first would only move pages that are about to be freed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Write dirty data to disk (Linux `sync`). Frees nothing, makes later drops possible.
    Flush,
    /// Take pages away from processes (working sets, per-process pageout, proactive reclaim).
    Trim,
    /// Write what trimming left modified (Windows modified list, volume buffers).
    Writeback,
    /// Throw away clean caches (page cache, standby lists, slab, registry cache).
    Purge,
    /// Rearrange what is left (compaction, page combining).
    Consolidate,
}

/// How much a user may regret running an area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    /// Costs little and is undone by the kernel on its own.
    Low,
    /// Throws away cache that must be read again, or costs noticeable CPU.
    Medium,
    /// Can stall the machine for seconds or hurt the foreground program.
    High,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }
}

/// A figure of a [`crate::Snapshot`] that an area is expected to change. The executor measures
/// each before and after the area runs, so a report shows what the area really did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Memory the OS says is available for new allocations without swapping.
    Available,
    /// Memory that holds nothing at all (Linux MemFree; Windows free + zeroed lists).
    Free,
    /// The file cache: Linux Cached + Buffers - Shmem; Windows the system cache (the standby
    /// lists plus the system working set). See [`crate::snapshot::PhysicalMemory`].
    FileCache,
    /// Dirty and under-writeback file data (Linux) / the modified list (Windows).
    Dirty,
    /// Reclaimable kernel slab (Linux SReclaimable).
    Slab,
    /// Unusable free space index at order 9 (2 MiB), all zones together, in thousandths.
    UnusableHugeIndex,
    /// The standby lists, every priority (Windows).
    Standby,
    /// The low-priority (0) standby list (Windows).
    StandbyLowPriority,
    /// The modified page list (Windows).
    Modified,
    /// The zeroed page list (Windows).
    Zeroed,
    /// The system file cache working set (Windows).
    SystemFileCache,
}

impl Metric {
    /// The stable name used in JSON and in the history file.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Available => "available_bytes",
            Metric::Free => "free_bytes",
            Metric::FileCache => "file_cache_bytes",
            Metric::Dirty => "dirty_bytes",
            Metric::Slab => "slab_reclaimable_bytes",
            Metric::UnusableHugeIndex => "unusable_index_order9_permille",
            Metric::Standby => "standby_bytes",
            Metric::StandbyLowPriority => "standby_priority0_bytes",
            Metric::Modified => "modified_bytes",
            Metric::Zeroed => "zeroed_bytes",
            Metric::SystemFileCache => "system_file_cache_bytes",
        }
    }

    pub fn unit(self) -> crate::Unit {
        match self {
            Metric::UnusableHugeIndex => crate::Unit::Permille,
            _ => crate::Unit::Bytes,
        }
    }
}

/// One cleanable memory area of one OS. Backends declare them as constants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Area {
    /// Stable id used on the command line, in config files and in JSON (`page-cache`).
    pub id: &'static str,
    /// One line for `memsweep areas`.
    pub description: &'static str,
    pub stage: Stage,
    pub risk: Risk,
    /// Part of a plain `memsweep clean`.
    pub default_on: bool,
    /// What the process needs to run it ("root", "SeProfileSingleProcessPrivilege", ...).
    pub privilege: &'static str,
    /// Figures the executor measures before and after.
    pub affects: &'static [Metric],
    /// Works on chosen processes (`--pid`, `--name`) rather than on the whole machine.
    pub per_process: bool,
    /// Takes an amount (`--reclaim`): proactive reclaim.
    pub takes_amount: bool,
    /// The backend's own tag for this area (the number of its private operation), handed back
    /// to it untouched by the core. Backends dispatch on it, never on the id's text.
    #[serde(skip)]
    pub backend_op: u8,
}

impl Area {
    /// An area with an id and a stage only: low risk, off by default, machine-wide, needing
    /// root. The backends spell every field out; fakes and tests start from this.
    pub const fn new(id: &'static str, stage: Stage) -> Area {
        Area {
            id,
            description: "",
            stage,
            risk: Risk::Low,
            default_on: false,
            privilege: "root",
            affects: &[],
            per_process: false,
            takes_amount: false,
            backend_op: 0,
        }
    }
}

/// A backend's private operations, one per area it declares. Each area's `backend_op` is its
/// operation's index in [`AreaOp::ALL`]; the backend turns it back with [`AreaOp::of`] and
/// matches on the operation exhaustively, never on the area's id.
pub trait AreaOp: Copy + 'static {
    /// Every operation, each at the index of its number.
    const ALL: &'static [Self];

    /// The operation of an area; `None` for an area that is not this backend's.
    fn of(area: &Area) -> Option<Self> {
        Self::ALL.get(usize::from(area.backend_op)).copied()
    }
}

/// Whether an area can run on this machine, probed by the backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "kebab-case")]
pub enum Support {
    Supported,
    /// Not available on this kernel / Windows version; the reason says why.
    Unsupported(String),
}

/// An area together with whether it is supported here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AreaStatus {
    #[serde(flatten)]
    pub area: Area,
    pub support: Support,
}

impl AreaStatus {
    pub fn is_supported(&self) -> bool {
        matches!(self.support, Support::Supported)
    }
}
