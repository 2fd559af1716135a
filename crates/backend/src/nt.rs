//! The few Windows native-API items windows-sys lacks: information classes, the memory-list
//! command, and the structures passed to NtSetSystemInformation / NtQuerySystemInformation.
//!
//! Values come from phnt, MINT and System Informer, checked against each other (see
//! shared/reference/windows-nt-memory.md); each is pinned by a test below. The module is plain
//! data, compiled on every OS, so the pins are checked on the Linux host and under Wine alike.

use std::ffi::c_void;

/// NTSTATUS: negative values are errors.
pub type NtStatus = i32;

/// A value the kernel may read and overwrite byte for byte through NtQuerySystemInformation /
/// NtSetSystemInformation: `#[repr(C)]` plain data without references.
///
/// # Safety
/// Every bit pattern of the type's size must be a valid value of it, so nothing the kernel
/// writes can break an invariant.
pub unsafe trait PlainData: Copy {}

// SAFETY: integers, and repr(C) structs of integers and raw pointers: every bit pattern is valid.
unsafe impl PlainData for i32 {}
// SAFETY: as above.
unsafe impl PlainData for SystemMemoryListInformation {}
// SAFETY: as above.
unsafe impl PlainData for SystemFileCacheInformation {}
// SAFETY: as above.
unsafe impl PlainData for MemoryCombineInformationEx {}

/// SYSTEM_INFORMATION_CLASS values memsweep uses.
pub mod class {
    /// Query: the system file cache working set (SYSTEM_FILECACHE_INFORMATION).
    pub const FILE_CACHE_INFORMATION: i32 = 21;
    /// Query: SYSTEM_MEMORY_LIST_INFORMATION; set: a memory-list command.
    pub const MEMORY_LIST_INFORMATION: i32 = 80;
    /// Set: SYSTEM_FILECACHE_INFORMATION with Min = Max = SIZE_T::MAX flushes the file cache.
    pub const FILE_CACHE_INFORMATION_EX: i32 = 81;
    /// Set: MEMORY_COMBINE_INFORMATION_EX (Windows 10+).
    pub const COMBINE_PHYSICAL_MEMORY_INFORMATION: i32 = 130;
    /// Set with a NULL buffer of length 0: flushes registry hives (Windows 8.1+).
    pub const REGISTRY_RECONCILIATION_INFORMATION: i32 = 155;
}

/// SYSTEM_MEMORY_LIST_COMMAND, passed to class 80 as a 4-byte value.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemoryListCommand {
    CaptureAccessedBits = 0,
    CaptureAndResetAccessedBits = 1,
    EmptyWorkingSets = 2,
    FlushModifiedList = 3,
    PurgeStandbyList = 4,
    /// Standby pages of priority 0 only.
    PurgeLowPriorityStandbyList = 5,
    CommandMax = 6,
}

/// SYSTEM_MEMORY_LIST_INFORMATION: every field pointer-sized; counts are pages.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemMemoryListInformation {
    pub zero_page_count: usize,
    pub free_page_count: usize,
    pub modified_page_count: usize,
    pub modified_no_write_page_count: usize,
    pub bad_page_count: usize,
    pub page_count_by_priority: [usize; 8],
    pub repurposed_pages_by_priority: [usize; 8],
    /// Windows 8+.
    pub modified_page_count_page_file: usize,
}

/// SYSTEM_FILECACHE_INFORMATION (classes 21 and 81).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemFileCacheInformation {
    pub current_size: usize,
    pub peak_size: usize,
    pub page_fault_count: u32,
    pub minimum_working_set: usize,
    pub maximum_working_set: usize,
    pub current_size_including_transition_in_pages: usize,
    pub peak_size_including_transition_in_pages: usize,
    pub transition_re_purpose_count: u32,
    pub flags: u32,
}

impl SystemFileCacheInformation {
    /// The request that empties the system file cache working set.
    pub fn flush_request() -> Self {
        SystemFileCacheInformation {
            minimum_working_set: usize::MAX,
            maximum_working_set: usize::MAX,
            ..Default::default()
        }
    }
}

/// MEMORY_COMBINE_INFORMATION_EX (class 130). Flags stay 0: sources disagree on the bits.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryCombineInformationEx {
    pub handle: *mut c_void,
    pub pages_combined: usize,
    pub flags: u32,
}

impl Default for MemoryCombineInformationEx {
    fn default() -> Self {
        MemoryCombineInformationEx { handle: std::ptr::null_mut(), pages_combined: 0, flags: 0 }
    }
}

pub const STATUS_SUCCESS: NtStatus = 0;
pub const STATUS_NOT_IMPLEMENTED: NtStatus = 0xC000_0002_u32 as i32;
pub const STATUS_INVALID_INFO_CLASS: NtStatus = 0xC000_0003_u32 as i32;
pub const STATUS_INFO_LENGTH_MISMATCH: NtStatus = 0xC000_0004_u32 as i32;
pub const STATUS_INVALID_PARAMETER: NtStatus = 0xC000_000D_u32 as i32;
pub const STATUS_ACCESS_DENIED: NtStatus = 0xC000_0022_u32 as i32;
pub const STATUS_PRIVILEGE_NOT_HELD: NtStatus = 0xC000_0061_u32 as i32;
pub const STATUS_NOT_SUPPORTED: NtStatus = 0xC000_00BB_u32 as i32;

/// The name of a status memsweep expects to meet, if it is one.
pub fn status_name(status: NtStatus) -> Option<&'static str> {
    Some(match status {
        STATUS_SUCCESS => "STATUS_SUCCESS",
        STATUS_NOT_IMPLEMENTED => "STATUS_NOT_IMPLEMENTED",
        STATUS_INVALID_INFO_CLASS => "STATUS_INVALID_INFO_CLASS",
        STATUS_INFO_LENGTH_MISMATCH => "STATUS_INFO_LENGTH_MISMATCH",
        STATUS_INVALID_PARAMETER => "STATUS_INVALID_PARAMETER",
        STATUS_ACCESS_DENIED => "STATUS_ACCESS_DENIED",
        STATUS_PRIVILEGE_NOT_HELD => "STATUS_PRIVILEGE_NOT_HELD",
        STATUS_NOT_SUPPORTED => "STATUS_NOT_SUPPORTED",
        _ => return None,
    })
}

/// "STATUS_PRIVILEGE_NOT_HELD (0xC0000061)", or just the hex for a status without a name here.
pub fn describe_status(status: NtStatus) -> String {
    match status_name(status) {
        Some(name) => format!("{name} (0x{:08X})", status as u32),
        None => format!("NTSTATUS 0x{:08X}", status as u32),
    }
}

/// True for the statuses that mean "this Windows does not have it", not "it failed".
pub fn means_unsupported(status: NtStatus) -> bool {
    matches!(status, STATUS_INVALID_INFO_CLASS | STATUS_NOT_SUPPORTED | STATUS_NOT_IMPLEMENTED)
}

#[cfg(test)]
mod tests {
    use std::mem::{offset_of, size_of};

    use super::*;

    #[test]
    fn information_classes() {
        assert_eq!(class::FILE_CACHE_INFORMATION, 21);
        assert_eq!(class::MEMORY_LIST_INFORMATION, 0x50);
        assert_eq!(class::FILE_CACHE_INFORMATION_EX, 0x51);
        assert_eq!(class::COMBINE_PHYSICAL_MEMORY_INFORMATION, 0x82);
        // 155, not 134 (134 is SystemPolicyInformation, a known mistake in one Rust project)
        assert_eq!(class::REGISTRY_RECONCILIATION_INFORMATION, 0x9B);
    }

    #[test]
    fn memory_list_commands() {
        assert_eq!(MemoryListCommand::CaptureAccessedBits as i32, 0);
        assert_eq!(MemoryListCommand::CaptureAndResetAccessedBits as i32, 1);
        // 2, not 5 (a known mistake in one C# project)
        assert_eq!(MemoryListCommand::EmptyWorkingSets as i32, 2);
        assert_eq!(MemoryListCommand::FlushModifiedList as i32, 3);
        assert_eq!(MemoryListCommand::PurgeStandbyList as i32, 4);
        assert_eq!(MemoryListCommand::PurgeLowPriorityStandbyList as i32, 5);
        assert_eq!(MemoryListCommand::CommandMax as i32, 6);
        assert_eq!(size_of::<MemoryListCommand>(), 4);
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn structure_layouts_on_x86_64() {
        assert_eq!(size_of::<SystemMemoryListInformation>(), 176);
        assert_eq!(offset_of!(SystemMemoryListInformation, page_count_by_priority), 40);
        assert_eq!(offset_of!(SystemMemoryListInformation, repurposed_pages_by_priority), 104);
        assert_eq!(offset_of!(SystemMemoryListInformation, modified_page_count_page_file), 168);

        assert_eq!(size_of::<SystemFileCacheInformation>(), 0x40);
        assert_eq!(offset_of!(SystemFileCacheInformation, page_fault_count), 16);
        assert_eq!(offset_of!(SystemFileCacheInformation, minimum_working_set), 24);
        assert_eq!(offset_of!(SystemFileCacheInformation, maximum_working_set), 32);
        assert_eq!(offset_of!(SystemFileCacheInformation, transition_re_purpose_count), 56);
        assert_eq!(offset_of!(SystemFileCacheInformation, flags), 60);

        assert_eq!(size_of::<MemoryCombineInformationEx>(), 24);
        assert_eq!(offset_of!(MemoryCombineInformationEx, pages_combined), 8);
        assert_eq!(offset_of!(MemoryCombineInformationEx, flags), 16);
    }

    #[test]
    fn flush_request_sets_min_and_max_to_all_ones() {
        let request = SystemFileCacheInformation::flush_request();
        assert_eq!(request.minimum_working_set, usize::MAX);
        assert_eq!(request.maximum_working_set, usize::MAX);
        assert_eq!(request.flags, 0);
        assert_eq!(request.current_size, 0);
    }

    #[test]
    fn statuses_are_named_with_their_hex() {
        assert_eq!(describe_status(STATUS_PRIVILEGE_NOT_HELD), "STATUS_PRIVILEGE_NOT_HELD (0xC0000061)");
        assert_eq!(describe_status(STATUS_INVALID_INFO_CLASS), "STATUS_INVALID_INFO_CLASS (0xC0000003)");
        assert_eq!(describe_status(STATUS_NOT_SUPPORTED), "STATUS_NOT_SUPPORTED (0xC00000BB)");
        assert_eq!(describe_status(STATUS_INFO_LENGTH_MISMATCH), "STATUS_INFO_LENGTH_MISMATCH (0xC0000004)");
        assert_eq!(describe_status(0xC000_0123_u32 as i32), "NTSTATUS 0xC0000123");
        assert!(means_unsupported(STATUS_INVALID_INFO_CLASS));
        assert!(!means_unsupported(STATUS_PRIVILEGE_NOT_HELD));
    }
}
