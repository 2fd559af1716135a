//! The few Windows native-API items windows-sys lacks: information classes, the memory-list
//! command, and the structures passed to NtSetSystemInformation / NtQuerySystemInformation.
//!
//! Values come from phnt, MINT and System Informer, checked against each other (see
//! shared/reference/windows-nt-memory.md); each is pinned by a test below. The module is plain
//! data, compiled on every OS, so the pins are checked on the Linux host and under Wine alike.

use std::ffi::c_void;
use std::mem::{offset_of, size_of};

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
// SAFETY: as above.
unsafe impl PlainData for PsProtection {}

/// SYSTEM_INFORMATION_CLASS values memsweep uses.
pub mod class {
    /// Query: SYSTEM_PERFORMANCE_INFORMATION (read as bytes: see [`super::SystemPerformanceHead`]).
    pub const PERFORMANCE_INFORMATION: i32 = 2;
    /// Query: the page files (SYSTEM_PAGEFILE_INFORMATION entries, variable length).
    pub const PAGE_FILE_INFORMATION: i32 = 18;
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

/// PROCESSINFOCLASS values memsweep uses (NtQueryInformationProcess).
pub mod process_class {
    /// Query: PS_PROTECTION, whether a process is protected (Windows 8.1+).
    pub const PROTECTION_INFORMATION: i32 = 61;
}

/// PS_PROTECTION: one byte, Type in bits 0-2 (0 = not protected), Audit bit 3, Signer 4-7.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PsProtection {
    pub level: u8,
}

impl PsProtection {
    /// A protected process or protected process light: no one may trim it.
    pub fn is_protected(self) -> bool {
        self.level & 0x7 != 0
    }
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryCombineInformationEx {
    pub handle: *mut c_void,
    pub pages_combined: usize,
    pub flags: u32,
}

/// UNICODE_STRING: a counted UTF-16 string; `length` and `maximum_length` are in bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnicodeString {
    pub length: u16,
    pub maximum_length: u16,
    pub buffer: *mut u16,
}

/// SYSTEM_PAGEFILE_INFORMATION (class 18): one entry per page file, chained by
/// `next_entry_offset` (0 ends the list); sizes in pages. The kernel writes the names into the
/// same buffer, after the entries, and points `page_file_name.buffer` at them.
///
/// Never read in place: [`parse_page_files`] takes the fields out of the bytes at these
/// offsets, so a short or odd buffer cannot be misread.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemPageFileInformation {
    pub next_entry_offset: u32,
    pub total_size: u32,
    pub total_in_use: u32,
    pub peak_usage: u32,
    pub page_file_name: UnicodeString,
}

/// One page file as class 18 describes it (sizes in pages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageFileEntry {
    /// As the kernel names it, e.g. `\??\C:\pagefile.sys`.
    pub name: String,
    pub total_pages: u32,
    pub in_use_pages: u32,
    pub peak_pages: u32,
}

/// Why a class-18 buffer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PageFileListError {
    #[error("entry at byte {offset} runs past the {len}-byte buffer")]
    EntryOutside { offset: usize, len: usize },
    #[error("the name of the entry at byte {offset} lies outside the buffer")]
    NameOutside { offset: usize },
    #[error("the name of the entry at byte {offset} has an odd length ({length} bytes)")]
    OddName { offset: usize, length: u16 },
    #[error("the entry at byte {offset} points to the next one at {next}, inside itself")]
    BadNext { offset: usize, next: u32 },
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_ne_bytes(word)
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_ne_bytes([bytes[at], bytes[at + 1]])
}

fn usize_at(bytes: &[u8], at: usize) -> usize {
    let mut word = [0u8; size_of::<usize>()];
    word.copy_from_slice(&bytes[at..at + size_of::<usize>()]);
    usize::from_ne_bytes(word)
}

/// The page files in a buffer class 18 filled. `bytes` is what the kernel returned (its
/// return length) and `base` the address the buffer had when the kernel wrote it: the names'
/// pointers point into it, and are only ever used as offsets from it, never dereferenced.
/// An empty buffer, or a first entry of size 0, means there is no page file (what Windows
/// answers then).
pub fn parse_page_files(bytes: &[u8], base: usize) -> Result<Vec<PageFileEntry>, PageFileListError> {
    const ENTRY: usize = size_of::<SystemPageFileInformation>();
    const NAME: usize = offset_of!(SystemPageFileInformation, page_file_name);
    let mut entries = Vec::new();
    let mut offset = 0usize;
    if bytes.is_empty() {
        return Ok(entries);
    }
    loop {
        if offset.checked_add(ENTRY).is_none_or(|end| end > bytes.len()) {
            return Err(PageFileListError::EntryOutside { offset, len: bytes.len() });
        }
        let field = |at: usize| u32_at(bytes, offset + at);
        let total_pages = field(offset_of!(SystemPageFileInformation, total_size));
        if offset == 0 && total_pages == 0 {
            return Ok(entries); // no page file
        }
        let length = u16_at(bytes, offset + NAME + offset_of!(UnicodeString, length));
        let pointer = usize_at(bytes, offset + NAME + offset_of!(UnicodeString, buffer));
        let name = if length == 0 {
            String::new()
        } else {
            if !length.is_multiple_of(2) {
                return Err(PageFileListError::OddName { offset, length });
            }
            let start = pointer.checked_sub(base).ok_or(PageFileListError::NameOutside { offset })?;
            let text = start
                .checked_add(usize::from(length))
                .and_then(|end| bytes.get(start..end))
                .ok_or(PageFileListError::NameOutside { offset })?;
            let units: Vec<u16> = text.chunks_exact(2).map(|c| u16::from_ne_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        };
        entries.push(PageFileEntry {
            name,
            total_pages,
            in_use_pages: field(offset_of!(SystemPageFileInformation, total_in_use)),
            peak_pages: field(offset_of!(SystemPageFileInformation, peak_usage)),
        });
        let next = field(offset_of!(SystemPageFileInformation, next_entry_offset));
        if next == 0 {
            return Ok(entries);
        }
        if (next as usize) < ENTRY {
            return Err(PageFileListError::BadNext { offset, next });
        }
        offset = offset.saturating_add(next as usize);
    }
}

/// The head of SYSTEM_PERFORMANCE_INFORMATION (class 2), up to the counter memsweep reads. The
/// whole structure is longer and grows with Windows versions (Wine answers 0x138 bytes, Windows
/// 10 more), so it is queried into a byte buffer ([`hard_faults`] takes the field out at its
/// offset) and never declared whole.
///
/// The hard-fault counter is `page_read_io_count`: the read I/Os the memory manager issued to
/// resolve hard faults (the "Memory\Page Reads/sec" performance counter). `page_read_count`
/// counts the *pages* those reads brought in, clustering included (a read-ahead of 16 pages is
/// one fault, sixteen pages), and `page_fault_count` counts soft faults too; a fault resolved
/// from the standby list costs no I/O and is not what dropping that list costs afterwards.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemPerformanceHead {
    pub idle_process_time: i64,
    pub io_read_transfer_count: i64,
    pub io_write_transfer_count: i64,
    pub io_other_transfer_count: i64,
    pub io_read_operation_count: u32,
    pub io_write_operation_count: u32,
    pub io_other_operation_count: u32,
    pub available_pages: u32,
    pub committed_pages: u32,
    pub commit_limit: u32,
    pub peak_commitment: u32,
    pub page_fault_count: u32,
    pub copy_on_write_count: u32,
    pub transition_count: u32,
    pub cache_transition_count: u32,
    pub demand_zero_count: u32,
    pub page_read_count: u32,
    pub page_read_io_count: u32,
}

/// Hard faults since boot (PageReadIoCount) from a class-2 buffer; `None` when the buffer is
/// too short to hold it. A 32-bit counter: it wraps after 4 294 967 295 reads.
pub fn hard_faults(bytes: &[u8]) -> Option<u64> {
    let at = offset_of!(SystemPerformanceHead, page_read_io_count);
    bytes.get(at..at + 4).map(|_| u64::from(u32_at(bytes, at)))
}

/// A page file's kernel name as a Win32 path: `\??\C:\pagefile.sys` -> `C:\pagefile.sys`.
pub fn win32_path(kernel_name: &str) -> &str {
    kernel_name.strip_prefix(r"\??\").unwrap_or(kernel_name)
}

pub const STATUS_SUCCESS: NtStatus = 0;
pub const STATUS_NOT_IMPLEMENTED: NtStatus = 0xC000_0002_u32 as i32;
pub const STATUS_INVALID_INFO_CLASS: NtStatus = 0xC000_0003_u32 as i32;
pub const STATUS_INFO_LENGTH_MISMATCH: NtStatus = 0xC000_0004_u32 as i32;
pub const STATUS_INVALID_PARAMETER: NtStatus = 0xC000_000D_u32 as i32;
pub const STATUS_BUFFER_TOO_SMALL: NtStatus = 0xC000_0023_u32 as i32;
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
        STATUS_BUFFER_TOO_SMALL => "STATUS_BUFFER_TOO_SMALL",
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
    fn hard_faults_are_page_read_io_count_at_byte_84() {
        assert_eq!(class::PERFORMANCE_INFORMATION, 2);
        // LARGE_INTEGER x4, then ULONGs: IoRead/Write/OtherOperationCount, AvailablePages,
        // CommittedPages, CommitLimit, PeakCommitment, PageFaultCount, CopyOnWriteCount,
        // TransitionCount, CacheTransitionCount, DemandZeroCount, PageReadCount, PageReadIoCount
        assert_eq!(offset_of!(SystemPerformanceHead, io_read_operation_count), 32);
        assert_eq!(offset_of!(SystemPerformanceHead, available_pages), 44);
        assert_eq!(offset_of!(SystemPerformanceHead, page_fault_count), 60);
        assert_eq!(offset_of!(SystemPerformanceHead, page_read_count), 80);
        assert_eq!(offset_of!(SystemPerformanceHead, page_read_io_count), 84);
        assert_eq!(size_of::<SystemPerformanceHead>(), 88);
        // taken out of the bytes as the kernel writes them
        let mut buffer = vec![0u8; 0x138];
        buffer[84..88].copy_from_slice(&123_456u32.to_ne_bytes());
        buffer[80..84].copy_from_slice(&999u32.to_ne_bytes());
        assert_eq!(hard_faults(&buffer), Some(123_456));
        assert_eq!(hard_faults(&buffer[..88]), Some(123_456));
        assert_eq!(hard_faults(&buffer[..87]), None, "cut short");
        assert_eq!(hard_faults(&[]), None);
        buffer[84..88].copy_from_slice(&u32::MAX.to_ne_bytes());
        assert_eq!(hard_faults(&buffer), Some(u64::from(u32::MAX)));
    }

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

        // SYSTEM_PAGEFILE_INFORMATION: four ULONGs, then UNICODE_STRING (2 + 2 + 4 padding + 8).
        assert_eq!(size_of::<UnicodeString>(), 16);
        assert_eq!(offset_of!(UnicodeString, maximum_length), 2);
        assert_eq!(offset_of!(UnicodeString, buffer), 8);
        assert_eq!(size_of::<SystemPageFileInformation>(), 32);
        assert_eq!(offset_of!(SystemPageFileInformation, total_size), 4);
        assert_eq!(offset_of!(SystemPageFileInformation, total_in_use), 8);
        assert_eq!(offset_of!(SystemPageFileInformation, peak_usage), 12);
        assert_eq!(offset_of!(SystemPageFileInformation, page_file_name), 16);
    }

    #[test]
    fn page_file_class_is_18() {
        assert_eq!(class::PAGE_FILE_INFORMATION, 18);
    }

    #[test]
    fn process_protection_is_class_61_one_byte() {
        assert_eq!(process_class::PROTECTION_INFORMATION, 61);
        assert_eq!(size_of::<PsProtection>(), 1);
        assert!(!PsProtection { level: 0 }.is_protected());
        assert!(!PsProtection { level: 0x08 }.is_protected(), "audit bit only");
        assert!(PsProtection { level: 0x61 }.is_protected(), "PPL, signer WinTcb (csrss)");
        assert!(PsProtection { level: 0x72 }.is_protected(), "PP, signer WinSystem (System)");
    }

    /// A class-18 buffer laid out the way the kernel writes it: the entries, then each name
    /// right after its entry, with the names' pointers at `base` + their offset.
    fn page_file_buffer(base: usize, files: &[(&str, u32, u32, u32)]) -> Vec<u8> {
        const ENTRY: usize = size_of::<SystemPageFileInformation>();
        let mut bytes = Vec::new();
        for (index, &(name, total, in_use, peak)) in files.iter().enumerate() {
            let start = bytes.len();
            let name: Vec<u8> = name.encode_utf16().flat_map(u16::to_ne_bytes).collect();
            let size = (ENTRY + name.len()).next_multiple_of(8);
            bytes.resize(start + size, 0);
            let last = index + 1 == files.len();
            let entry = SystemPageFileInformation {
                next_entry_offset: if last { 0 } else { size as u32 },
                total_size: total,
                total_in_use: in_use,
                peak_usage: peak,
                page_file_name: UnicodeString {
                    length: name.len() as u16,
                    maximum_length: name.len() as u16,
                    buffer: (base + start + ENTRY) as *mut u16,
                },
            };
            let put = |bytes: &mut Vec<u8>, at: usize, value: &[u8]| {
                bytes[start + at..start + at + value.len()].copy_from_slice(value)
            };
            put(
                &mut bytes,
                offset_of!(SystemPageFileInformation, next_entry_offset),
                &entry.next_entry_offset.to_ne_bytes(),
            );
            put(&mut bytes, offset_of!(SystemPageFileInformation, total_size), &entry.total_size.to_ne_bytes());
            put(&mut bytes, offset_of!(SystemPageFileInformation, total_in_use), &entry.total_in_use.to_ne_bytes());
            put(&mut bytes, offset_of!(SystemPageFileInformation, peak_usage), &entry.peak_usage.to_ne_bytes());
            let name_at = offset_of!(SystemPageFileInformation, page_file_name);
            put(&mut bytes, name_at, &entry.page_file_name.length.to_ne_bytes());
            put(
                &mut bytes,
                name_at + offset_of!(UnicodeString, maximum_length),
                &entry.page_file_name.maximum_length.to_ne_bytes(),
            );
            put(
                &mut bytes,
                name_at + offset_of!(UnicodeString, buffer),
                &(entry.page_file_name.buffer as usize).to_ne_bytes(),
            );
            put(&mut bytes, ENTRY, &name);
        }
        bytes
    }

    #[test]
    fn page_files_are_read_entry_by_entry_with_their_names() {
        let base = 0x7ff0_1234_0000usize;
        let bytes = page_file_buffer(
            base,
            &[(r"\??\C:\pagefile.sys", 1_048_576, 30_000, 45_000), (r"\??\D:\pagefile.sys", 262_144, 0, 12)],
        );
        let files = parse_page_files(&bytes, base).unwrap();
        assert_eq!(
            files,
            [
                PageFileEntry {
                    name: r"\??\C:\pagefile.sys".into(),
                    total_pages: 1_048_576,
                    in_use_pages: 30_000,
                    peak_pages: 45_000
                },
                PageFileEntry {
                    name: r"\??\D:\pagefile.sys".into(),
                    total_pages: 262_144,
                    in_use_pages: 0,
                    peak_pages: 12
                },
            ]
        );
        assert_eq!(win32_path(&files[0].name), r"C:\pagefile.sys");
        assert_eq!(win32_path("C:\\x.sys"), "C:\\x.sys");
    }

    #[test]
    fn no_page_file_is_an_empty_list() {
        assert_eq!(parse_page_files(&[], 0x1000), Ok(Vec::new()));
        // what Windows leaves when there is none: a zeroed first entry
        assert_eq!(parse_page_files(&[0u8; 32], 0x1000), Ok(Vec::new()));
    }

    #[test]
    fn a_malformed_page_file_list_is_refused_not_misread() {
        let base = 0x10_0000usize;
        let good = page_file_buffer(base, &[(r"\??\C:\pagefile.sys", 100, 1, 2), ("x", 5, 0, 0)]);
        // cut short: the second entry runs past the end
        assert!(matches!(
            parse_page_files(&good[..good.len() - 20], base),
            Err(PageFileListError::EntryOutside { .. })
        ));
        // the buffer moved: the names' pointers no longer point into it
        assert!(matches!(parse_page_files(&good, base + 4096), Err(PageFileListError::NameOutside { offset: 0 })));
        assert!(matches!(parse_page_files(&good, base - 4096), Err(PageFileListError::NameOutside { offset: 0 })));
        // a next offset pointing back into the entry itself (a loop)
        let mut looping = good.clone();
        looping[..4].copy_from_slice(&4u32.to_ne_bytes());
        assert_eq!(parse_page_files(&looping, base), Err(PageFileListError::BadNext { offset: 0, next: 4 }));
        // an odd name length
        let mut odd = good;
        odd[16..18].copy_from_slice(&3u16.to_ne_bytes());
        assert_eq!(parse_page_files(&odd, base), Err(PageFileListError::OddName { offset: 0, length: 3 }));
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
