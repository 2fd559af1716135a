//! The Windows areas, in Mem Reduct's order (which is also the order within each stage), with the
//! oldest Windows each exists on.

use memsweep_core::{Area, AreaOp, Metric, Risk, Stage};

use super::privilege::Privilege;

pub const PROFILE: &str = Privilege::ProfileSingleProcess.name();
pub const QUOTA: &str = Privilege::IncreaseQuota.name();
pub const ADMIN: &str = "Administrator";

/// What the Windows backend does for an area (see [`AreaOp`]).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    EmptyWorkingSets = 0,
    FlushSystemFileCache = 1,
    EmptyProcessWorkingSets = 2,
    FlushVolumes = 3,
    FlushModifiedList = 4,
    PurgeStandbyList = 5,
    PurgeLowPriorityStandbyList = 6,
    FlushRegistry = 7,
    CombinePages = 8,
}

impl AreaOp for Op {
    const ALL: &'static [Op] = &[
        Op::EmptyWorkingSets,
        Op::FlushSystemFileCache,
        Op::EmptyProcessWorkingSets,
        Op::FlushVolumes,
        Op::FlushModifiedList,
        Op::PurgeStandbyList,
        Op::PurgeLowPriorityStandbyList,
        Op::FlushRegistry,
        Op::CombinePages,
    ];
}

pub const WORKING_SETS: Area = Area {
    id: "working-sets",
    description:
        "empty the working sets of all processes (MemoryEmptyWorkingSets): pages move to the standby/modified lists",
    stage: Stage::Trim,
    risk: Risk::Medium,
    default_on: true,
    privilege: PROFILE,
    affects: &[Metric::Available, Metric::Standby, Metric::Modified],
    per_process: false,
    takes_amount: false,
    backend_op: Op::EmptyWorkingSets as u8,
};

pub const SYSTEM_FILE_CACHE: Area = Area {
    id: "system-file-cache",
    description: "empty the system file cache working set (class 81, min = max = SIZE_T::MAX)",
    stage: Stage::Trim,
    risk: Risk::Low,
    default_on: true,
    privilege: QUOTA,
    affects: &[Metric::SystemFileCache, Metric::Standby],
    per_process: false,
    takes_amount: false,
    backend_op: Op::FlushSystemFileCache as u8,
};

pub const PROCESS: Area = Area {
    id: "process",
    description: "empty the working sets of chosen processes (EmptyWorkingSet); --pid, --name, --exclude",
    stage: Stage::Trim,
    risk: Risk::Medium,
    default_on: false,
    privilege: ADMIN,
    affects: &[Metric::Available, Metric::Standby],
    per_process: true,
    takes_amount: false,
    backend_op: Op::EmptyProcessWorkingSets as u8,
};

pub const MODIFIED_FILE_CACHE: Area = Area {
    id: "modified-file-cache",
    description: "write every volume's modified file data to disk (FlushFileBuffers on each volume); drops nothing",
    stage: Stage::Writeback,
    risk: Risk::Low,
    default_on: true,
    privilege: ADMIN,
    affects: &[Metric::Modified],
    per_process: false,
    takes_amount: false,
    backend_op: Op::FlushVolumes as u8,
};

pub const MODIFIED_LIST: Area = Area {
    id: "modified-list",
    description: "write the modified page list out so its pages become standby (MemoryFlushModifiedList); can stall",
    stage: Stage::Writeback,
    risk: Risk::High,
    default_on: false,
    privilege: PROFILE,
    affects: &[Metric::Modified, Metric::Standby],
    per_process: false,
    takes_amount: false,
    backend_op: Op::FlushModifiedList as u8,
};

pub const STANDBY_LIST: Area = Area {
    id: "standby-list",
    description: "purge the whole standby list, every priority (MemoryPurgeStandbyList); drops all cache, can stall",
    stage: Stage::Purge,
    risk: Risk::High,
    default_on: false,
    privilege: PROFILE,
    affects: &[Metric::Standby, Metric::Free, Metric::Zeroed],
    per_process: false,
    takes_amount: false,
    backend_op: Op::PurgeStandbyList as u8,
};

pub const STANDBY_LOW_PRIORITY: Area = Area {
    id: "standby-low-priority",
    description: "purge the priority-0 standby list only (MemoryPurgeLowPriorityStandbyList)",
    stage: Stage::Purge,
    risk: Risk::Medium,
    default_on: true,
    privilege: PROFILE,
    affects: &[Metric::StandbyLowPriority, Metric::Free, Metric::Zeroed],
    per_process: false,
    takes_amount: false,
    backend_op: Op::PurgeLowPriorityStandbyList as u8,
};

pub const REGISTRY_CACHE: Area = Area {
    id: "registry-cache",
    description: "flush the registry hives' cached changes (class 155)",
    stage: Stage::Purge,
    risk: Risk::Low,
    default_on: true,
    privilege: ADMIN,
    affects: &[Metric::Available],
    per_process: false,
    takes_amount: false,
    backend_op: Op::FlushRegistry as u8,
};

pub const COMBINE_LISTS: Area = Area {
    id: "combine-lists",
    description: "combine identical memory pages (class 130, MEMORY_COMBINE_INFORMATION_EX)",
    stage: Stage::Consolidate,
    risk: Risk::Low,
    default_on: true,
    privilege: PROFILE,
    affects: &[Metric::Available, Metric::Free],
    per_process: false,
    takes_amount: false,
    backend_op: Op::CombinePages as u8,
};

/// Every Windows area with the oldest version (major, minor, name) that has it.
pub const ALL: [(&Area, (u32, u32), &str); 9] = [
    (&WORKING_SETS, (6, 0), "Vista"),
    (&SYSTEM_FILE_CACHE, (6, 0), "Vista"),
    (&PROCESS, (5, 1), "XP"),
    (&MODIFIED_FILE_CACHE, (6, 0), "Vista"),
    (&MODIFIED_LIST, (6, 0), "Vista"),
    (&STANDBY_LIST, (6, 0), "Vista"),
    (&STANDBY_LOW_PRIORITY, (6, 0), "Vista"),
    (&REGISTRY_CACHE, (6, 3), "8.1"),
    (&COMBINE_LISTS, (10, 0), "10"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_names_its_own_operation() {
        for (index, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, index, "Op::ALL is ordered by number");
        }
        let ops: Vec<Option<Op>> = ALL.iter().map(|(area, _, _)| Op::of(area)).collect();
        let all: Vec<Option<Op>> = Op::ALL.iter().copied().map(Some).collect();
        assert_eq!(ops, all, "the table lists the areas in the operations' order");
        assert_eq!(Op::of(&Area { backend_op: 99, ..Area::new("x", Stage::Purge) }), None);
    }
}
