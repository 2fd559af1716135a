//! Parsers for the Linux kernel's text files. Each takes the text, never a path, so tests and
//! fuzzers feed them any odd input; none panics. Errors say what was wrong; the caller adds the
//! file name.

use memsweep_core::snapshot::{Meminfo, Pressure, PressureLine, VmStat, Zone};

/// /proc/meminfo ("MemTotal:       24731708 kB"). Fields memsweep needs but the text lacks are an
/// error, except those that older kernels do not have (they read as 0).
pub fn parse_meminfo(text: &str) -> Result<Meminfo, String> {
    let mut info = Meminfo::default();
    let mut seen_total = false;
    let mut seen_free = false;
    let mut seen_available = false;
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let field = match key {
            "MemTotal" => {
                seen_total = true;
                &mut info.total
            }
            "MemFree" => {
                seen_free = true;
                &mut info.free
            }
            "MemAvailable" => {
                seen_available = true;
                &mut info.available
            }
            "Buffers" => &mut info.buffers,
            "Cached" => &mut info.cached,
            "Shmem" => &mut info.shmem,
            "SReclaimable" => &mut info.slab_reclaimable,
            "Dirty" => &mut info.dirty,
            "Writeback" => &mut info.writeback,
            "Active(file)" => &mut info.active_file,
            "Inactive(file)" => &mut info.inactive_file,
            "Mapped" => &mut info.mapped,
            "AnonPages" => &mut info.anon,
            "SwapTotal" => &mut info.swap_total,
            "SwapFree" => &mut info.swap_free,
            _ => continue,
        };
        *field = parse_kib(rest).ok_or_else(|| format!("bad value in line '{}'", line.trim()))?;
    }
    let missing: Vec<&str> = [("MemTotal", seen_total), ("MemFree", seen_free), ("MemAvailable", seen_available)]
        .iter()
        .filter(|(_, seen)| !seen)
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(format!("missing {}", missing.join(", ")));
    }
    Ok(info)
}

/// "   24731708 kB" -> bytes.
fn parse_kib(rest: &str) -> Option<u64> {
    let mut parts = rest.split_whitespace();
    let value: u64 = parts.next()?.parse().ok()?;
    match parts.next() {
        Some("kB") => value.checked_mul(1024),
        None => Some(value),
        Some(_) => None,
    }
}

/// /proc/vmstat ("pgmajfault 1234"). Unknown and malformed lines are ignored: the file gains and
/// loses counters between kernel versions, and a missing counter reads as `None`.
pub fn parse_vmstat(text: &str) -> VmStat {
    let mut stat = VmStat::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(' ') else {
            continue;
        };
        let field = match key {
            "workingset_refault_file" => &mut stat.workingset_refault_file,
            "workingset_refault_anon" => &mut stat.workingset_refault_anon,
            "pgmajfault" => &mut stat.pgmajfault,
            "pgpgin" => &mut stat.pgpgin,
            "drop_pagecache" => &mut stat.drop_pagecache,
            "drop_slab" => &mut stat.drop_slab,
            "compact_stall" => &mut stat.compact_stall,
            "compact_fail" => &mut stat.compact_fail,
            "compact_success" => &mut stat.compact_success,
            "compact_migrate_scanned" => &mut stat.compact_migrate_scanned,
            "compact_free_scanned" => &mut stat.compact_free_scanned,
            "compact_isolated" => &mut stat.compact_isolated,
            "compact_daemon_wake" => &mut stat.compact_daemon_wake,
            "oom_kill" => &mut stat.oom_kill,
            _ => continue,
        };
        *field = value.trim().parse().ok();
    }
    stat
}

/// /proc/pressure/memory:
/// "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" and the same for "full".
pub fn parse_pressure(text: &str) -> Result<Pressure, String> {
    let mut some = None;
    let mut full = None;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let slot = match words.next() {
            Some("some") => &mut some,
            Some("full") => &mut full,
            _ => continue,
        };
        let mut parsed = PressureLine::default();
        let mut fields = 0;
        for word in words {
            let Some((key, value)) = word.split_once('=') else {
                return Err(format!("bad field '{word}'"));
            };
            let bad = || format!("bad value in '{word}'");
            match key {
                "avg10" => parsed.avg10 = parse_percent(value).ok_or_else(bad)?,
                "avg60" => parsed.avg60 = parse_percent(value).ok_or_else(bad)?,
                "avg300" => parsed.avg300 = parse_percent(value).ok_or_else(bad)?,
                "total" => parsed.total_us = value.parse().map_err(|_| bad())?,
                _ => continue,
            }
            fields += 1;
        }
        if fields < 4 {
            return Err(format!("incomplete line '{}'", line.trim()));
        }
        *slot = Some(parsed);
    }
    let some = some.ok_or("no 'some' line")?;
    Ok(Pressure { some, full })
}

fn parse_percent(value: &str) -> Option<f64> {
    let v: f64 = value.parse().ok()?;
    (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v)
}

/// The orders a zone row may have: MAX_PAGE_ORDER is 10 on x86-64 but configurable elsewhere.
const MAX_ORDERS: usize = 64;

/// /proc/buddyinfo: "Node 0, zone   Normal    308    175 ..." one row per populated zone.
pub fn parse_buddyinfo(text: &str) -> Result<Vec<Zone>, String> {
    let mut zones = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let bad = || format!("bad line '{}'", line.trim());
        let rest = line.strip_prefix("Node ").ok_or_else(bad)?;
        let (node, rest) = rest.split_once(',').ok_or_else(bad)?;
        let node: u32 = node.trim().parse().map_err(|_| bad())?;
        let mut words = rest.split_whitespace();
        if words.next() != Some("zone") {
            return Err(bad());
        }
        let name = words.next().ok_or_else(bad)?.to_string();
        let blocks = words.map(|w| w.parse::<u64>()).collect::<Result<Vec<u64>, _>>().map_err(|_| bad())?;
        // A block count times its size must fit in u64 pages; anything larger is not a real zone.
        let sane = blocks.len() <= MAX_ORDERS
            && blocks
                .iter()
                .enumerate()
                .all(|(order, &n)| n.checked_shl(order as u32).is_some_and(|v| v >> order == n))
            && blocks.iter().enumerate().try_fold(0u64, |sum, (order, &n)| sum.checked_add(n << order)).is_some();
        if blocks.is_empty() || !sane {
            return Err(bad());
        }
        zones.push(Zone::new(node, name, blocks));
    }
    if zones.is_empty() {
        return Err("no zones".into());
    }
    Ok(zones)
}

/// The resident set of one process, from /proc/PID/status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rss {
    pub anon: u64,
    pub file: u64,
    pub shmem: u64,
}

impl Rss {
    pub fn total(&self) -> u64 {
        self.anon + self.file + self.shmem
    }
}

/// RssAnon / RssFile / RssShmem of /proc/PID/status. A kernel thread has none: all zero.
pub fn parse_status_rss(text: &str) -> Result<Rss, String> {
    let mut rss = Rss::default();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let field = match key {
            "RssAnon" => &mut rss.anon,
            "RssFile" => &mut rss.file,
            "RssShmem" => &mut rss.shmem,
            _ => continue,
        };
        *field = parse_kib(rest).ok_or_else(|| format!("bad value in line '{}'", line.trim()))?;
    }
    Ok(rss)
}

/// One line of /proc/PID/maps: the address range and whether memsweep may advise on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub start: u64,
    pub end: u64,
    /// The path or pseudo-name ("[heap]", "/usr/lib/libc.so.6"), empty for anonymous memory.
    pub name: String,
}

impl Mapping {
    /// [vsyscall] lies outside the process's own mappings (process_madvise would refuse it);
    /// [vvar]/[vdso] are special kernel pages that reclaim skips anyway.
    pub fn is_special(&self) -> bool {
        matches!(self.name.as_str(), "[vsyscall]" | "[vvar]" | "[vvar_vclock]" | "[vdso]")
    }
}

/// /proc/PID/maps: "7f3e...-7f3e... r--p 00000000 fe:01 1234   /usr/lib/x.so".
pub fn parse_maps(text: &str) -> Result<Vec<Mapping>, String> {
    let mut mappings = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let bad = || format!("bad line '{}'", line.trim());
        let mut words = line.splitn(6, ' ');
        let range = words.next().ok_or_else(bad)?;
        let (start, end) = range.split_once('-').ok_or_else(bad)?;
        let start = u64::from_str_radix(start, 16).map_err(|_| bad())?;
        let end = u64::from_str_radix(end, 16).map_err(|_| bad())?;
        if end <= start {
            return Err(bad());
        }
        let name = words.nth(4).unwrap_or("").trim().to_string();
        mappings.push(Mapping { start, end, name });
    }
    Ok(mappings)
}

/// "Node 0 MemTotal:       24731708 kB" from /sys/devices/system/node/nodeN/meminfo.
pub fn parse_node_total(text: &str) -> Option<u64> {
    text.lines().find_map(|line| {
        let (key, rest) = line.split_once(':')?;
        key.ends_with(" MemTotal").then(|| parse_kib(rest)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMINFO: &str = "MemTotal:       24731708 kB
MemFree:        24167096 kB
MemAvailable:   24443124 kB
Buffers:           25424 kB
Cached:           456080 kB
SwapCached:            0 kB
Active(file):     104700 kB
Inactive(file):   367948 kB
SwapTotal:             0 kB
SwapFree:              0 kB
Dirty:             16992 kB
Writeback:             0 kB
AnonPages:          3520 kB
Mapped:             9940 kB
Shmem:              8856 kB
SReclaimable:      14752 kB
HugePages_Total:       0
";

    #[test]
    fn meminfo_fields_in_bytes() {
        let m = parse_meminfo(MEMINFO).unwrap();
        assert_eq!(m.total, 24_731_708 * 1024);
        assert_eq!(m.available, 24_443_124 * 1024);
        assert_eq!(m.shmem, 8856 * 1024);
        assert_eq!(m.slab_reclaimable, 14752 * 1024);
        // droppable = 104700 + 367948 - 16992 - 0 - 9940 + 14752 = 460468 KiB
        assert_eq!(m.droppable(), 460_468 * 1024);
        assert_eq!(m.file_cache(), (456_080 + 25_424 - 8856) * 1024);
    }

    #[test]
    fn meminfo_errors_name_what_is_wrong() {
        assert_eq!(parse_meminfo("").unwrap_err(), "missing MemTotal, MemFree, MemAvailable");
        let garbage = MEMINFO.replace("25424 kB", "x kB");
        assert!(parse_meminfo(&garbage).unwrap_err().contains("Buffers"));
        let truncated = &MEMINFO[..40];
        assert!(parse_meminfo(truncated).is_err());
    }

    #[test]
    fn vmstat_counters() {
        let v = parse_vmstat("nr_free_pages 6041774\npgmajfault 1234\ndrop_pagecache 3\ncompact_stall 7\nbogus\n");
        assert_eq!(v.pgmajfault, Some(1234));
        assert_eq!(v.drop_pagecache, Some(3));
        assert_eq!(v.compact_stall, Some(7));
        assert_eq!(v.drop_slab, None);
    }

    #[test]
    fn pressure_lines() {
        let p = parse_pressure(
            "some avg10=1.50 avg60=0.25 avg300=0.00 total=123456\nfull avg10=0.10 avg60=0.00 avg300=0.00 total=42\n",
        )
        .unwrap();
        assert_eq!(p.some.avg10, 1.5);
        assert_eq!(p.some.total_us, 123_456);
        assert_eq!(p.full.unwrap().total_us, 42);
        let only_some = parse_pressure("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n").unwrap();
        assert!(only_some.full.is_none());
        assert!(parse_pressure("").is_err());
        assert!(parse_pressure("some avg10=abc avg60=0 avg300=0 total=0").is_err());
        assert!(parse_pressure("some avg10=0.00").is_err());
    }

    #[test]
    fn buddyinfo_rows() {
        let zones = parse_buddyinfo(
            "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n\
             Node 0, zone   Normal     14     87     46     49    233    160     75     35     13      5     24 \n",
        )
        .unwrap();
        assert_eq!(zones.len(), 2);
        assert_eq!(zones[0].name, "DMA");
        assert_eq!(zones[1].free_blocks[4], 233);
        assert_eq!(zones[1].unusable_index_permille[9], 450);
        assert_eq!(zones[0].unusable_index_permille[9], 66);
        assert!(parse_buddyinfo("Node x, zone DMA 1 2").is_err());
        assert!(parse_buddyinfo("Node 0, zone DMA").is_err());
        assert!(parse_buddyinfo("").is_err());
        assert!(parse_buddyinfo("Node 0, zone DMA 1 18446744073709551615").is_err());
    }

    #[test]
    fn status_and_maps() {
        let rss = parse_status_rss(
            "Name:\tcat\nVmRSS:\t    1000 kB\nRssAnon:\t     100 kB\nRssFile:\t     800 kB\nRssShmem:\t   100 kB\n",
        )
        .unwrap();
        assert_eq!(rss, Rss { anon: 100 * 1024, file: 800 * 1024, shmem: 100 * 1024 });
        let maps = parse_maps(
            "55d0c6a00000-55d0c6a02000 r--p 00000000 fe:01 1234    /usr/bin/cat\n\
             7ffd6b1f0000-7ffd6b211000 rw-p 00000000 00:00 0                          [stack]\n\
             7f00000000-7f00001000 rw-p 00000000 00:00 0 \n\
             ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n",
        )
        .unwrap();
        assert_eq!(maps.len(), 4);
        assert_eq!(maps[0].name, "/usr/bin/cat");
        assert_eq!(maps[1].name, "[stack]");
        assert_eq!(maps[2].name, "");
        assert!(maps[3].is_special());
        assert!(parse_maps("zz-10 r--p").is_err());
    }

    #[test]
    fn node_meminfo_total() {
        assert_eq!(
            parse_node_total("Node 0 MemTotal:       24731708 kB\nNode 0 MemFree: 1 kB\n"),
            Some(24_731_708 * 1024)
        );
        assert_eq!(parse_node_total("garbage"), None);
    }
}
