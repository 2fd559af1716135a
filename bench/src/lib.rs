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

/// The same empty start for a measurement: sync (so nothing dirty stays behind), then drop the
/// page cache and the reclaimable slab (drop_caches=3; root only).
pub fn sync_and_drop_caches() -> io::Result<()> {
    // SAFETY: sync has no preconditions.
    unsafe { libc::sync() };
    fs::write("/proc/sys/vm/drop_caches", "3")
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

/// PSI memory `some`: the total time, in µs since boot, in which at least one task stalled on
/// memory (the `total=` of the first line of /proc/pressure/memory). A delta over a window,
/// divided by the window, is the share of wall time something waited for memory.
pub fn psi_memory_some_total_us() -> io::Result<u64> {
    parse_psi_some_total(&fs::read_to_string("/proc/pressure/memory")?)
}

pub fn parse_psi_some_total(text: &str) -> io::Result<u64> {
    text.lines()
        .find(|l| l.starts_with("some "))
        .and_then(|l| l.split_whitespace().find_map(|w| w.strip_prefix("total=")))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no `some ... total=` in the PSI file"))
}

/// `read_bytes` of /proc/PID/io: the bytes this process caused to be read from storage (page
/// cache hits and readahead that found its pages cached count nothing). Root, or the process's
/// owner, may read it.
pub fn io_read_bytes(pid: u32) -> io::Result<u64> {
    parse_io_read_bytes(&fs::read_to_string(format!("/proc/{pid}/io"))?)
}

pub fn parse_io_read_bytes(text: &str) -> io::Result<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix("read_bytes:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no read_bytes in /proc/PID/io"))
}

/// The three load averages of /proc/loadavg, as written there ("1.27 1.41 1.76").
pub fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// How much of a file is in the page cache.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Residency {
    pub resident_bytes: u64,
    pub file_bytes: u64,
}

impl Residency {
    /// Resident share, 0..=1 (0 for an empty file).
    pub fn share(&self) -> f64 {
        if self.file_bytes == 0 {
            0.0
        } else {
            self.resident_bytes as f64 / self.file_bytes as f64
        }
    }
}

/// The file's pages in the page cache, from mincore over a mapping that is never touched (so
/// looking does not bring anything in).
pub fn residency(path: &std::path::Path) -> io::Result<Residency> {
    use std::os::unix::io::AsRawFd;
    let f = fs::File::open(path)?;
    let file_bytes = f.metadata()?.len();
    let len = file_bytes as usize;
    if len == 0 {
        return Ok(Residency::default());
    }
    let page = page_size();
    // SAFETY: a read-only shared mapping of a file we hold open; never dereferenced, only
    // passed to mincore, then unmapped.
    unsafe {
        let p = libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, f.as_raw_fd(), 0);
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let mut vec = vec![0u8; len.div_ceil(page)];
        let r = libc::mincore(p, len, vec.as_mut_ptr());
        let err = io::Error::last_os_error();
        libc::munmap(p, len);
        if r != 0 {
            return Err(err);
        }
        let pages = vec.iter().filter(|b| *b & 1 == 1).count() as u64;
        // The last page may be partly past the end of the file.
        Ok(Residency { resident_bytes: (pages * page as u64).min(file_bytes), file_bytes })
    }
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
    fn psi_and_io_counters() {
        let psi = "some avg10=0.00 avg60=0.01 avg300=0.00 total=1027257\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=941599\n";
        assert_eq!(parse_psi_some_total(psi).unwrap(), 1_027_257);
        assert!(parse_psi_some_total("full avg10=0.00 total=5\n").is_err());
        let io = "rchar: 5\nwchar: 0\nsyscr: 1\nsyscw: 0\nread_bytes: 1073741824\nwrite_bytes: 0\ncancelled_write_bytes: 0\n";
        assert_eq!(parse_io_read_bytes(io).unwrap(), 1 << 30);
        assert!(parse_io_read_bytes("rchar: 5\n").is_err());
    }

    #[test]
    fn residency_of_a_file_just_written() {
        let path = std::env::temp_dir().join(format!("memsweep-bench-residency-{}", std::process::id()));
        fs::write(&path, vec![1u8; 3 * page_size() + 10]).unwrap();
        let r = residency(&path).unwrap();
        fs::remove_file(&path).unwrap();
        // Just written, so cached (the last partial page counts only up to the end of the file).
        assert_eq!(r.file_bytes, 3 * page_size() as u64 + 10);
        assert_eq!(r.resident_bytes, r.file_bytes);
        assert_eq!(r.share(), 1.0);
        assert_eq!(Residency::default().share(), 0.0);
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
