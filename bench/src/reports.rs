//! The JSON objects `stall-probe` and `balloon` print on stdout, one type for both ends: the
//! binary that writes it and the harness that reads it back.

use serde::{Deserialize, Serialize};

/// What `stall-probe` measured over the rounds that overlap its window. Durations in µs; a
/// figure is None when no round fell into the window.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StallReport {
    pub rounds: u64,
    /// Rounds not recorded because the probe's buffer (about 10 minutes) was full.
    pub rounds_dropped: u64,
    pub late_max_us: Option<f64>,
    pub late_p99_us: Option<f64>,
    pub late_p50_us: Option<f64>,
    pub alloc_max_us: Option<f64>,
    pub alloc_p99_us: Option<f64>,
    pub alloc_p50_us: Option<f64>,
    pub round_extra_max_us: Option<f64>,
    // Counts that do not depend on how long the cleaner ran, unlike a percentile.
    pub late_over_1ms: u64,
    pub late_over_10ms: u64,
    pub late_sum_us: f64,
}

/// What the balloon did: how much it allocated, how close it came to its floor, how long it took.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BalloonReport {
    pub floor_percent: u64,
    pub floor_bytes: u64,
    pub allocated_bytes: u64,
    pub chunks: u64,
    pub stat_refreshes: u64,
    pub stopped_because: String,
    pub available_at_peak_bytes: u64,
    pub free_at_peak_bytes: u64,
    pub alloc_us: u64,
    pub free_us: u64,
}

/// One line `hot-reader` prints after each complete read of its file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HotPass {
    /// 1 for the first read.
    pub pass: u64,
    /// CLOCK_MONOTONIC when the read began and how long it took.
    pub started_ns: u64,
    pub took_us: u64,
    /// Bytes read(2) returned (the file's size, unless it changed).
    pub bytes: u64,
}
