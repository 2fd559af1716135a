//! Shared pieces of memsweep's benchmark suite: /proc readers, the monotonic clock, statistics
//! and formatting, and the reports `balloon` and `stall-probe` print (module `reports`). The
//! binaries are `balloon` (the allocate-and-free cleaner), `stall-probe` (the foreground
//! process) and `harness` (runs and reports every benchmark).

pub mod reports;

use std::collections::HashMap;
use std::fs;
use std::io;

/// /proc/meminfo as bytes (the `kB` fields multiplied by 1024; the page counts kept as they are).
pub type Meminfo = HashMap<String, u64>;

pub fn meminfo() -> io::Result<Meminfo> {
    parse_meminfo(&fs::read_to_string("/proc/meminfo")?)
}

pub fn parse_meminfo(text: &str) -> io::Result<Meminfo> {
    let mut map = HashMap::new();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else { continue };
        let mut words = rest.split_whitespace();
        let Some(value) = words.next().and_then(|v| v.parse::<u64>().ok()) else { continue };
        let bytes = if words.next() == Some("kB") { value * 1024 } else { value };
        map.insert(key.to_string(), bytes);
    }
    if !map.contains_key("MemAvailable") {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "/proc/meminfo has no MemAvailable"));
    }
    Ok(map)
}

/// A field of /proc/meminfo, 0 when absent (only used for fields every supported kernel has).
pub fn field(m: &Meminfo, key: &str) -> u64 {
    m.get(key).copied().unwrap_or(0)
}

/// The page cache proper: Cached + Buffers - Shmem (the figure memsweep reports as cache_bytes).
pub fn page_cache(m: &Meminfo) -> u64 {
    (field(m, "Cached") + field(m, "Buffers")).saturating_sub(field(m, "Shmem"))
}

/// Folds the per-CPU counters into the global ones (root only). Its error is returned, not
/// hidden: a caller that cannot refresh says so.
pub fn stat_refresh() -> io::Result<()> {
    fs::write("/proc/sys/vm/stat_refresh", "1")
}

/// One counter of /proc/vmstat, None when this kernel lacks it.
pub fn vmstat(name: &str) -> io::Result<Option<u64>> {
    let text = fs::read_to_string("/proc/vmstat")?;
    Ok(text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        if k == name {
            v.trim().parse().ok()
        } else {
            None
        }
    }))
}

/// CLOCK_MONOTONIC in nanoseconds: the same clock in every process, so a probe's samples can
/// be cut to a window timed by another process.
pub fn mono_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid, writable timespec; CLOCK_MONOTONIC always exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

pub fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let v = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if v > 0 {
        v as usize
    } else {
        4096
    }
}

/// Nearest-rank percentile (p in 0..=100) of an ascending slice; None when empty.
pub fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Median of any values (mean of the two middle ones for an even count); None when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

pub const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
pub const MIB: f64 = 1024.0 * 1024.0;

/// Bytes in GiB with two decimals, e.g. "5.98 GiB".
pub fn gib(bytes: f64) -> String {
    format!("{:.2} GiB", bytes / GIB)
}

pub fn mib(bytes: f64) -> String {
    format!("{:.2} MiB", bytes / MIB)
}

/// A duration given in microseconds, in the most readable unit.
pub fn dur_us(us: f64) -> String {
    if us >= 1_000_000.0 {
        format!("{:.2} s", us / 1_000_000.0)
    } else if us >= 1_000.0 {
        format!("{:.1} ms", us / 1_000.0)
    } else {
        format!("{:.1} µs", us)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_parses_kb_and_pages() {
        let m = parse_meminfo("MemTotal:       1000 kB\nMemAvailable:    500 kB\nHugePages_Total:       3\n").unwrap();
        assert_eq!(m["MemTotal"], 1_024_000);
        assert_eq!(m["MemAvailable"], 512_000);
        assert_eq!(m["HugePages_Total"], 3);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 99.0), Some(99));
        assert_eq!(percentile(&v, 100.0), Some(100));
        assert_eq!(percentile(&v, 50.0), Some(50));
        assert_eq!(percentile(&[7], 99.0), Some(7));
        assert_eq!(percentile(&[], 99.0), None);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[7.5]), Some(7.5));
        assert_eq!(median(&[-1.0, 10.0, -3.0]), Some(-1.0));
        assert_eq!(median(&[]), None);
    }
}
