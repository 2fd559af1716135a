//! The Linux areas, in the order they run within a stage, each tagged with the operation that
//! carries it out.

use memsweep_core::{Area, AreaOp, Metric, Risk, Stage};

/// What the Linux backend does for an area (see [`AreaOp`]).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Sync = 0,
    PageOutProcesses = 1,
    Reclaim = 2,
    DropPageCache = 3,
    DropSlab = 4,
    Compact = 5,
}

impl AreaOp for Op {
    const ALL: &'static [Op] =
        &[Op::Sync, Op::PageOutProcesses, Op::Reclaim, Op::DropPageCache, Op::DropSlab, Op::Compact];
}

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
    takes_amount: false,
    backend_op: Op::Sync as u8,
};

pub const PROCESS: Area = Area {
    id: "process",
    description: "page out the memory of chosen processes (process_madvise MADV_PAGEOUT, or MADV_COLD with --gentle)",
    stage: Stage::Trim,
    risk: Risk::Medium,
    default_on: false,
    privilege: "root (CAP_SYS_NICE and ptrace access)",
    affects: &[Metric::Available, Metric::FileCache],
    per_process: true,
    takes_amount: false,
    backend_op: Op::PageOutProcesses as u8,
};

pub const RECLAIM: Area = Area {
    id: "reclaim",
    description: "proactive reclaim of an amount (--reclaim, default 10%) through node or cgroup v2 reclaim",
    stage: Stage::Trim,
    risk: Risk::Medium,
    default_on: false,
    privilege: ROOT,
    affects: &[Metric::FileCache, Metric::Available, Metric::Free],
    per_process: false,
    takes_amount: true,
    backend_op: Op::Reclaim as u8,
};

pub const PAGE_CACHE: Area = Area {
    id: "page-cache",
    description: "sync, then drop clean unmapped page cache (drop_caches=1)",
    stage: Stage::Purge,
    risk: Risk::Medium,
    default_on: true,
    privilege: ROOT,
    affects: &[Metric::FileCache, Metric::Available, Metric::Free],
    per_process: false,
    takes_amount: false,
    backend_op: Op::DropPageCache as u8,
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
    takes_amount: false,
    backend_op: Op::DropSlab as u8,
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
    takes_amount: false,
    backend_op: Op::Compact as u8,
};

/// Every Linux area; within one stage this order is the order of execution.
pub const ALL: [&Area; 6] = [&DIRTY, &PROCESS, &RECLAIM, &PAGE_CACHE, &SLAB, &COMPACT];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_names_its_own_operation() {
        for (index, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, index, "Op::ALL is ordered by number");
        }
        let expected = [Op::Sync, Op::PageOutProcesses, Op::Reclaim, Op::DropPageCache, Op::DropSlab, Op::Compact];
        assert_eq!(ALL.map(Op::of), expected.map(Some));
        assert!(ALL.iter().filter(|a| a.takes_amount).all(|a| Op::of(a) == Some(Op::Reclaim)));
        assert_eq!(Op::of(&Area { backend_op: 200, ..Area::new("x", Stage::Purge) }), None);
    }
}
