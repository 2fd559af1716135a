//! The Linux areas, in the order they run within a stage.

use memsweep_core::{Area, Metric, Risk, Stage};

pub const ROOT: &str = "root";

pub const DIRTY: Area = Area {
    id: "dirty",
    description: "write dirty file data to disk (sync); frees nothing itself, makes the rest safe",
    stage: Stage::Flush,
    risk: Risk::Low,
    default_on: true,
    privilege: ROOT,
    affects: &[Metric::Dirty],
    per_process: false,
};

pub const PROCESS: Area = Area {
    id: "process",
    description: "page out the memory of chosen processes (process_madvise MADV_PAGEOUT, or MADV_COLD with --gentle)",
    stage: Stage::Trim,
    risk: Risk::Medium,
    default_on: false,
    privilege: "root (CAP_SYS_NICE and ptrace access)",
    affects: &[Metric::Available, Metric::Cache],
    per_process: true,
};

pub const RECLAIM: Area = Area {
    id: "reclaim",
    description: "proactive reclaim of an amount (--reclaim, default 10%) through node or cgroup v2 reclaim",
    stage: Stage::Trim,
    risk: Risk::Medium,
    default_on: false,
    privilege: ROOT,
    affects: &[Metric::Cache, Metric::Available, Metric::Free],
    per_process: false,
};

pub const PAGE_CACHE: Area = Area {
    id: "page-cache",
    description: "sync, then drop clean unmapped page cache (drop_caches=1)",
    stage: Stage::Purge,
    risk: Risk::Medium,
    default_on: true,
    privilege: ROOT,
    affects: &[Metric::Cache, Metric::Available, Metric::Free],
    per_process: false,
};

pub const SLAB: Area = Area {
    id: "slab",
    description: "sync, then drop reclaimable slab: dentries and inodes (drop_caches=2)",
    stage: Stage::Purge,
    risk: Risk::Low,
    default_on: true,
    privilege: ROOT,
    affects: &[Metric::Slab, Metric::Available, Metric::Free],
    per_process: false,
};

pub const COMPACT: Area = Area {
    id: "compact",
    description: "defragment physical memory so huge pages can be had (compact_memory)",
    stage: Stage::Consolidate,
    risk: Risk::Low,
    default_on: true,
    privilege: ROOT,
    affects: &[Metric::UnusableHugeIndex, Metric::Free],
    per_process: false,
};

/// Every Linux area; within one stage this order is the order of execution.
pub const ALL: [&Area; 6] = [&DIRTY, &PROCESS, &RECLAIM, &PAGE_CACHE, &SLAB, &COMPACT];
