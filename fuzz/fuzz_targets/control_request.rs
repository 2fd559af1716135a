//! Fuzzes the control endpoint's request parser: any bytes a caller may send, no panic, no
//! hang; whatever parses encodes again to a request that parses the same.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(request) = memsweep_app::control::parse_request(data) {
        let line = memsweep_app::control::encode(&request);
        let again = memsweep_app::control::parse_request(line.trim_end().as_bytes());
        assert_eq!(again.as_ref(), Ok(&request), "{line}");
    }
});
