//! Fuzzes the vmstat parser: any text, no panic, no hang.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = memsweep_backend::procfs::parse_vmstat(text);
    }
});
