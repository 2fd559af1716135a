//! Fuzzes the buddyinfo parser: any text, no panic, no hang.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(zones) = memsweep_backend::procfs::parse_buddyinfo(text) {
            for zone in &zones {
                let _ = zone.free_pages();
            }
        }
    }
});
