//! Fuzzes the config parser: any text, no panic, no hang.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(config) = memsweep_core::config::Config::parse("fuzz.toml", text) {
            let _ = config.check("fuzz.toml", text, "linux", &[]);
        }
    }
});
