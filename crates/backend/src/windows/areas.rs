//! The Windows areas, in Mem Reduct's order (which is also the order within each stage), with the
//! Windows each needs where that is newer than what this build runs on.

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

/// A Windows version: (major, minor) and how people call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowsVersion {
    pub number: (u32, u32),
    pub name: &'static str,
}

/// Windows 7: what the std of the win7 build (x86_64-win7-windows-gnu) needs.
pub const WINDOWS_7: WindowsVersion = WindowsVersion { number: (6, 1), name: "7" };
/// Windows 8.1: registry reconciliation (class 155).
pub const WINDOWS_8_1: WindowsVersion = WindowsVersion { number: (6, 3), name: "8.1" };
/// Windows 10: page combining (class 130), and what the std of x86_64-pc-windows-gnu needs.
pub const WINDOWS_10: WindowsVersion = WindowsVersion { number: (10, 0), name: "10" };

/// The oldest Windows this build starts on at all: its Rust std decides, not memsweep.
pub const RUNS_ON: WindowsVersion = if cfg!(target_vendor = "win7") { WINDOWS_7 } else { WINDOWS_10 };

/// The version an area needs, if this build can meet an older Windows; `None` where every
/// Windows this build runs on has it (a gate there could never close: it is left out).
const fn gate(needs: WindowsVersion, runs_on: WindowsVersion) -> Option<WindowsVersion> {
    let (major, minor) = needs.number;
    let (oldest_major, oldest_minor) = runs_on.number;
    if major > oldest_major || (major == oldest_major && minor > oldest_minor) {
        Some(needs)
    } else {
        None
    }
}

/// Every Windows area with the Windows it needs, where this build may meet an older one. The
/// other areas' calls exist since Vista (class 80/81, FlushFileBuffers on volumes,
/// PROCESS_QUERY_LIMITED_INFORMATION), older than anything a build runs on.
pub const ALL: [(&Area, Option<WindowsVersion>); 9] = [
    (&WORKING_SETS, None),
    (&SYSTEM_FILE_CACHE, None),
    (&PROCESS, None),
    (&MODIFIED_FILE_CACHE, None),
    (&MODIFIED_LIST, None),
    (&STANDBY_LIST, None),
    (&STANDBY_LOW_PRIORITY, None),
    (&REGISTRY_CACHE, gate(WINDOWS_8_1, RUNS_ON)),
    (&COMBINE_LISTS, gate(WINDOWS_10, RUNS_ON)),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_names_its_own_operation() {
        for (index, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, index, "Op::ALL is ordered by number");
        }
        let ops: Vec<Option<Op>> = ALL.iter().map(|(area, _)| Op::of(area)).collect();
        let all: Vec<Option<Op>> = Op::ALL.iter().copied().map(Some).collect();
        assert_eq!(ops, all, "the table lists the areas in the operations' order");
        assert_eq!(Op::of(&Area { backend_op: 99, ..Area::new("x", Stage::Purge) }), None);
    }

    #[test]
    fn only_gates_that_can_close_are_kept() {
        // The win7 build meets 7, 8 and 8.1: registry-cache and combine-lists are gated there.
        assert_eq!(gate(WINDOWS_8_1, WINDOWS_7), Some(WINDOWS_8_1));
        assert_eq!(gate(WINDOWS_10, WINDOWS_7), Some(WINDOWS_10));
        // The Windows 10 build never meets an older Windows: no gate at all.
        assert_eq!(gate(WINDOWS_8_1, WINDOWS_10), None);
        assert_eq!(gate(WINDOWS_10, WINDOWS_10), None);
        assert_eq!(gate(WindowsVersion { number: (6, 0), name: "Vista" }, WINDOWS_7), None);
        // This build's table: every gate it keeps is newer than what it runs on.
        for (area, needs) in ALL {
            if let Some(needs) = needs {
                assert_eq!(gate(needs, RUNS_ON), Some(needs), "{} has a gate that never closes", area.id);
            }
        }
        let gated: Vec<&str> = ALL.iter().filter(|(_, needs)| needs.is_some()).map(|(a, _)| a.id).collect();
        if cfg!(target_vendor = "win7") {
            assert_eq!(RUNS_ON, WINDOWS_7);
            assert_eq!(gated, ["registry-cache", "combine-lists"]);
        } else {
            assert_eq!(RUNS_ON, WINDOWS_10);
            assert!(gated.is_empty(), "{gated:?}");
        }
    }
}
