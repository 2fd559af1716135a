//! "Is cleaning needed?": a verdict from the figures, with the findings behind it.
//!
//! Every cleaner answers "clean" to every question. The kernel (and Windows' memory manager)
//! already gives cache back when memory is needed, so a clean helps only when memory is short
//! *and* the cache it would drop is not being read again; dropping a cache that is being re-read
//! only turns memory into I/O. The rates (refaults, hard faults) need two readings some seconds
//! apart; from one reading the verdict leaves them out and says so.

use serde::{Deserialize, Serialize};

use crate::area::AreaStatus;
use crate::exit::ExitStatus;
use crate::frag::HUGE_PAGE_ORDER;
use crate::snapshot::Snapshot;
use crate::units::Percent;

pub const SCHEMA: &str = "memsweep.advice/1";

/// `[advise]`: the thresholds, each with the reason for its default in DEFAULT_FILE.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdviseConfig {
    /// Memory is short below this share available.
    pub available_below_percent: Percent,
    /// PSI memory `some` avg10 at or above this: tasks are stalling on memory now.
    pub pressure_percent: Percent,
    /// Linux: file refaults at or above this rate mean the cache is being read back.
    pub refault_mib_per_second: f64,
    /// Windows: hard faults (page reads from disk) per second at or above this mean the same.
    pub hard_faults_per_second: f64,
    /// Windows: free + zeroed below this share while the standby lists hold more (ISLC's case).
    pub free_below_percent: Percent,
    /// Windows: commit charge at or above this share of the limit (cleaning cannot help it).
    pub commit_above_percent: Percent,
}

impl Default for AdviseConfig {
    fn default() -> Self {
        AdviseConfig {
            available_below_percent: Percent(10.0),
            pressure_percent: Percent(1.0),
            refault_mib_per_second: 1.0,
            hard_faults_per_second: 100.0,
            free_below_percent: Percent(5.0),
            commit_above_percent: Percent(90.0),
        }
    }
}

/// The answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Memory is not short, or cleaning cannot make it less short.
    #[default]
    NothingToDo,
    /// Memory is short and there is cold cache to give back: clean `areas`.
    Clean,
    /// Huge pages fail for fragmentation (index over the kernel's extfrag_threshold): compact.
    Compact,
    /// Memory is short, but the cache is being read back: dropping it would only add I/O.
    KeepCache,
}

impl Verdict {
    /// `memsweep advise`'s exit status, for scripts (documented in the README).
    pub fn exit_status(self) -> ExitStatus {
        match self {
            Verdict::NothingToDo => ExitStatus::Ok,
            Verdict::Clean => ExitStatus::AdviseClean,
            Verdict::Compact => ExitStatus::AdviseCompact,
            Verdict::KeepCache => ExitStatus::AdviseKeepCache,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NothingToDo => "nothing-to-do",
            Verdict::Clean => "clean",
            Verdict::Compact => "compact",
            Verdict::KeepCache => "keep-cache",
        }
    }
}

/// What was seen, each with the threshold it crossed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "finding", rename_all = "kebab-case")]
pub enum Finding {
    AvailableLow {
        available_percent: f64,
        threshold_percent: f64,
    },
    Stalling {
        some_avg10_percent: f64,
        threshold_percent: f64,
    },
    /// Linux: refaulted file pages per second, in bytes.
    CacheReread {
        bytes_per_second: f64,
        threshold_bytes_per_second: f64,
    },
    /// Windows: page reads from disk per second.
    HardFaults {
        per_second: f64,
        threshold_per_second: f64,
    },
    /// Memory is short but little cache is left to give back: processes hold it.
    NoCacheToGive {
        droppable_bytes: u64,
    },
    Fragmented {
        zone: String,
        order: u32,
        index_permille: i32,
        threshold_permille: u32,
    },
    StandbyCrowdsFree {
        standby_bytes: u64,
        free_bytes: u64,
    },
    CommitHigh {
        commit_percent: f64,
        threshold_percent: f64,
    },
    /// The rates could not be measured (one reading only).
    RatesNotMeasured,
}

/// The figures behind the verdict.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figures {
    pub total_bytes: u64,
    pub available_bytes: u64,
    pub available_percent: f64,
    pub file_cache_bytes: u64,
    pub droppable_cache_bytes: Option<u64>,
    pub pressure_some_avg10_percent: Option<f64>,
    /// Over `window_ms`; `None` from one reading.
    pub refault_bytes_per_second: Option<f64>,
    pub major_faults_per_second: Option<f64>,
    /// The worst zone's fragmentation index at order 9, thousandths (-1000: would succeed).
    pub fragmentation_index_order9_permille: Option<i32>,
    pub extfrag_threshold_permille: Option<u32>,
    pub commit_percent: Option<f64>,
    pub standby_bytes: Option<u64>,
    pub free_bytes: Option<u64>,
    pub modified_bytes: Option<u64>,
    pub hard_faults_per_second: Option<f64>,
    pub window_ms: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    pub schema: &'static str,
    pub os: &'static str,
    pub verdict: Verdict,
    /// With [`Verdict::Clean`]: the areas to clean (ids of this OS), in plan order.
    pub areas: Vec<String>,
    /// With [`Verdict::Clean`] on Linux: take them through gentle reclaim.
    pub gentle: bool,
    pub findings: Vec<Finding>,
    pub figures: Figures,
}

const MIB: f64 = 1_048_576.0;

/// A counter's growth per second from `before` to `now`.
fn rate(before: Option<u64>, now: Option<u64>, seconds: f64) -> Option<f64> {
    (seconds > 0.0).then_some(())?;
    Some(now?.saturating_sub(before?) as f64 / seconds)
}

fn supported(areas: &[AreaStatus], id: &str) -> bool {
    areas.iter().any(|a| a.area.id == id && a.is_supported())
}

/// The verdict for `now`, with rates measured since `before` when given. `areas` are this OS's,
/// so only areas that run here are recommended.
pub fn advise(now: &Snapshot, before: Option<&Snapshot>, thresholds: &AdviseConfig, areas: &[AreaStatus]) -> Advice {
    let memory = &now.memory;
    let total = memory.total_bytes.max(1);
    let seconds = before.map_or(0.0, |b| now.taken_at_ms.saturating_sub(b.taken_at_ms) as f64 / 1000.0);
    let mut figures = Figures {
        total_bytes: memory.total_bytes,
        available_bytes: memory.available_bytes,
        available_percent: memory.available_bytes as f64 * 100.0 / total as f64,
        file_cache_bytes: memory.file_cache_bytes,
        droppable_cache_bytes: memory.droppable_cache_bytes,
        free_bytes: memory.free_bytes,
        window_ms: before.map(|b| now.taken_at_ms.saturating_sub(b.taken_at_ms)),
        ..Figures::default()
    };
    let mut findings = Vec::new();
    if figures.available_percent < thresholds.available_below_percent.0 {
        findings.push(Finding::AvailableLow {
            available_percent: figures.available_percent,
            threshold_percent: thresholds.available_below_percent.0,
        });
    }
    let mut reread = false;
    let mut extra_short = false;
    if let Some(linux) = &now.linux {
        let earlier = before.and_then(|b| b.linux.as_ref());
        let page = linux.page_size_bytes as f64;
        figures.pressure_some_avg10_percent = linux.pressure.map(|p| p.some.avg10);
        figures.refault_bytes_per_second =
            rate(earlier.and_then(|e| e.vmstat.workingset_refault_file), linux.vmstat.workingset_refault_file, seconds)
                .map(|pages| pages * page);
        figures.major_faults_per_second =
            rate(earlier.and_then(|e| e.vmstat.pgmajfault), linux.vmstat.pgmajfault, seconds);
        figures.extfrag_threshold_permille = linux.extfrag_threshold;
        let worst = linux
            .zones
            .iter()
            .filter_map(|z| Some((z, *z.fragmentation_index_permille.get(HUGE_PAGE_ORDER as usize)?)))
            .max_by_key(|(_, index)| *index);
        figures.fragmentation_index_order9_permille = worst.map(|(_, index)| index);
        if let Some(some) = figures.pressure_some_avg10_percent.filter(|&p| p >= thresholds.pressure_percent.0) {
            findings
                .push(Finding::Stalling { some_avg10_percent: some, threshold_percent: thresholds.pressure_percent.0 });
            extra_short = true;
        }
        let limit = thresholds.refault_mib_per_second * MIB;
        if let Some(refaults) = figures.refault_bytes_per_second.filter(|&r| r >= limit) {
            findings.push(Finding::CacheReread { bytes_per_second: refaults, threshold_bytes_per_second: limit });
            reread = true;
        }
        if let (Some((zone, index)), Some(threshold)) = (worst, linux.extfrag_threshold) {
            if index > i32::try_from(threshold).unwrap_or(i32::MAX) {
                findings.push(Finding::Fragmented {
                    zone: zone.name.clone(),
                    order: HUGE_PAGE_ORDER,
                    index_permille: index,
                    threshold_permille: threshold,
                });
            }
        }
    }
    if let Some(windows) = &now.windows {
        let lists = windows.lists.value();
        figures.standby_bytes = lists.map(|l| l.standby_bytes());
        figures.modified_bytes = lists.map(|l| l.modified_bytes);
        figures.commit_percent = (windows.commit_limit_bytes > 0)
            .then(|| windows.commit_bytes as f64 * 100.0 / windows.commit_limit_bytes as f64);
        figures.hard_faults_per_second =
            rate(before.and_then(|b| b.windows.as_ref()).and_then(|w| w.hard_faults), windows.hard_faults, seconds);
        if let Some(commit) = figures.commit_percent.filter(|&c| c >= thresholds.commit_above_percent.0) {
            findings.push(Finding::CommitHigh {
                commit_percent: commit,
                threshold_percent: thresholds.commit_above_percent.0,
            });
        }
        if let (Some(standby), Some(free)) = (figures.standby_bytes, memory.free_bytes) {
            let free_percent = free as f64 * 100.0 / total as f64;
            if free_percent < thresholds.free_below_percent.0 && standby > free {
                findings.push(Finding::StandbyCrowdsFree { standby_bytes: standby, free_bytes: free });
                extra_short = true;
            }
        }
        if let Some(faults) = figures.hard_faults_per_second.filter(|&f| f >= thresholds.hard_faults_per_second) {
            findings.push(Finding::HardFaults {
                per_second: faults,
                threshold_per_second: thresholds.hard_faults_per_second,
            });
            reread = true;
        }
    }
    if before.is_none() {
        findings.push(Finding::RatesNotMeasured);
    }
    let short = extra_short || findings.iter().any(|f| matches!(f, Finding::AvailableLow { .. }));
    // Less than 1% of memory to give back is not worth a clean: processes hold the rest.
    let droppable = memory.droppable_cache_bytes.unwrap_or(0);
    let little_to_give = droppable < total / 100;
    let (verdict, areas, gentle) = if short && reread {
        (Verdict::KeepCache, Vec::new(), false)
    } else if short && little_to_give {
        findings.push(Finding::NoCacheToGive { droppable_bytes: droppable });
        (Verdict::NothingToDo, Vec::new(), false)
    } else if short {
        let (areas, gentle) = cleaning_areas(now, areas);
        (Verdict::Clean, areas, gentle)
    } else if findings.iter().any(|f| matches!(f, Finding::Fragmented { .. })) && supported(areas, "compact") {
        (Verdict::Compact, vec!["compact".to_string()], false)
    } else {
        (Verdict::NothingToDo, Vec::new(), false)
    };
    Advice { schema: SCHEMA, os: now.os, verdict, areas, gentle, findings, figures }
}

/// What to clean when memory is short: Linux gentle reclaim where the kernel has it (it takes
/// only cold cache), else the page-cache drop; Windows the low-priority standby list, and the
/// working sets when available memory itself is low.
fn cleaning_areas(now: &Snapshot, areas: &[AreaStatus]) -> (Vec<String>, bool) {
    let pick = |ids: &[&str]| ids.iter().filter(|id| supported(areas, id)).map(|id| id.to_string()).collect();
    if now.linux.is_some() {
        if supported(areas, "reclaim") {
            return (vec!["reclaim".to_string()], true);
        }
        return (pick(&["page-cache"]), false);
    }
    (pick(&["working-sets", "standby-low-priority"]), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::{Area, Stage, Support};
    use crate::snapshot::{
        Availability, LinuxMemory, Meminfo, MemoryLists, PhysicalMemory, Pressure, PressureLine, VmStat, WindowsMemory,
        Zone, SCHEMA as STATUS,
    };

    const GIB: u64 = 1 << 30;
    const MIB_U: u64 = 1 << 20;

    fn areas(ids: &[&'static str]) -> Vec<AreaStatus> {
        ids.iter().map(|&id| AreaStatus { area: Area::new(id, Stage::Purge), support: Support::Supported }).collect()
    }

    /// A 16 GiB Linux machine with `available` and `droppable` bytes, PSI some avg10 `psi`,
    /// `refaults` file refaults since boot, and one zone of these free blocks.
    fn linux(at_ms: u64, available: u64, droppable: u64, psi: f64, refaults: u64, blocks: Vec<u64>) -> Snapshot {
        let some = PressureLine { avg10: psi, ..PressureLine::default() };
        Snapshot {
            schema: STATUS,
            os: "linux",
            taken_at_ms: at_ms,
            memory: PhysicalMemory {
                total_bytes: 16 * GIB,
                available_bytes: available,
                free_bytes: Some(available / 2),
                file_cache_bytes: droppable,
                droppable_cache_bytes: Some(droppable),
            },
            swap: None,
            linux: Some(LinuxMemory {
                page_size_bytes: 4096,
                meminfo: Meminfo::default(),
                vmstat: VmStat { workingset_refault_file: Some(refaults), ..VmStat::default() },
                pressure: Some(Pressure { some, full: None }),
                zones: vec![Zone::new(0, "Normal".into(), blocks)],
                extfrag_threshold: Some(500),
            }),
            windows: None,
        }
    }

    /// Plenty of order-9 blocks: huge pages would succeed.
    fn roomy_zone() -> Vec<u64> {
        vec![100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
    }

    #[test]
    fn plenty_available_is_nothing_to_do_whatever_the_cache() {
        let now = linux(2000, 12 * GIB, 10 * GIB, 0.0, 0, roomy_zone());
        let before = linux(0, 12 * GIB, 10 * GIB, 0.0, 0, roomy_zone());
        let advice = advise(&now, Some(&before), &AdviseConfig::default(), &areas(&["reclaim", "compact"]));
        assert_eq!(advice.verdict, Verdict::NothingToDo);
        assert!(advice.findings.is_empty(), "{:?}", advice.findings);
        assert_eq!(advice.figures.refault_bytes_per_second, Some(0.0));
        assert_eq!(Verdict::NothingToDo.exit_status().code(), 0);
    }

    #[test]
    fn short_memory_with_cold_cache_says_clean_gently() {
        let before = linux(0, GIB, 4 * GIB, 0.0, 1000, roomy_zone());
        let now = linux(2000, GIB, 4 * GIB, 0.0, 1010, roomy_zone());
        let advice = advise(&now, Some(&before), &AdviseConfig::default(), &areas(&["page-cache", "reclaim"]));
        assert_eq!(advice.verdict, Verdict::Clean);
        assert_eq!((advice.areas.as_slice(), advice.gentle), (&["reclaim".to_string()][..], true));
        assert!(matches!(advice.findings[0], Finding::AvailableLow { .. }));
        // without reclaim on this kernel: the page-cache drop
        let advice = advise(&now, Some(&before), &AdviseConfig::default(), &areas(&["page-cache"]));
        assert_eq!((advice.areas, advice.gentle), (vec!["page-cache".to_string()], false));
        assert_eq!(Verdict::Clean.exit_status().code(), 10);
    }

    #[test]
    fn short_memory_while_the_cache_is_reread_says_keep_it() {
        // 2 s apart, 2048 refaulted pages = 8 MiB: 4 MiB/s, over the 1 MiB/s default
        let before = linux(0, GIB, 4 * GIB, 3.0, 1000, roomy_zone());
        let now = linux(2000, GIB, 4 * GIB, 3.0, 3048, roomy_zone());
        let advice = advise(&now, Some(&before), &AdviseConfig::default(), &areas(&["reclaim"]));
        assert_eq!(advice.verdict, Verdict::KeepCache);
        assert_eq!(advice.figures.refault_bytes_per_second, Some(4.0 * MIB));
        assert!(advice.findings.iter().any(|f| matches!(f, Finding::Stalling { .. })));
        assert!(advice.findings.iter().any(|f| matches!(f, Finding::CacheReread { .. })));
        assert!(advice.areas.is_empty());
        assert_eq!(Verdict::KeepCache.exit_status().code(), 12);
    }

    #[test]
    fn short_memory_without_cache_to_give_is_nothing_to_do() {
        let now = linux(0, GIB, 50 * MIB_U, 0.0, 0, roomy_zone());
        let advice = advise(&now, None, &AdviseConfig::default(), &areas(&["reclaim"]));
        assert_eq!(advice.verdict, Verdict::NothingToDo);
        assert!(advice.findings.iter().any(|f| matches!(f, Finding::NoCacheToGive { .. })));
        assert!(advice.findings.contains(&Finding::RatesNotMeasured), "one reading: no rates");
    }

    #[test]
    fn fragmented_memory_says_compact() {
        // only single pages free: an order-9 allocation fails for fragmentation (index ~1000)
        let scattered = vec![100_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let now = linux(0, 12 * GIB, GIB, 0.0, 0, scattered);
        let advice = advise(&now, None, &AdviseConfig::default(), &areas(&["compact"]));
        assert_eq!(advice.verdict, Verdict::Compact);
        assert_eq!(advice.areas, ["compact"]);
        assert!(matches!(&advice.findings[0], Finding::Fragmented { order: 9, threshold_permille: 500, .. }));
        assert!(advice.figures.fragmentation_index_order9_permille.unwrap() > 500);
        assert_eq!(Verdict::Compact.exit_status().code(), 11);
    }

    fn windows(at_ms: u64, available: u64, free: u64, standby: u64, hard_faults: u64, commit: u64) -> Snapshot {
        let lists = MemoryLists {
            free_bytes: free,
            standby_by_priority_bytes: [standby, 0, 0, 0, 0, 0, 0, 0],
            ..MemoryLists::default()
        };
        Snapshot {
            schema: STATUS,
            os: "windows",
            taken_at_ms: at_ms,
            memory: PhysicalMemory {
                total_bytes: 16 * GIB,
                available_bytes: available,
                free_bytes: Some(free),
                file_cache_bytes: standby,
                droppable_cache_bytes: Some(standby),
            },
            swap: None,
            linux: None,
            windows: Some(WindowsMemory {
                page_size: 4096,
                commit_bytes: commit,
                commit_limit_bytes: 20 * GIB,
                commit_peak_bytes: Some(commit),
                page_files: Availability::Available { value: Vec::new() },
                system_file_cache_bytes: None,
                lists: Availability::Available { value: lists },
                hard_faults: Some(hard_faults),
            }),
        }
    }

    #[test]
    fn windows_verdicts() {
        let areas = areas(&["working-sets", "standby-low-priority", "standby-list"]);
        let config = AdviseConfig::default();
        // roomy: nothing
        let advice = advise(&windows(2000, 8 * GIB, 4 * GIB, 2 * GIB, 0, 4 * GIB), None, &config, &areas);
        assert_eq!(advice.verdict, Verdict::NothingToDo);
        // ISLC's case: free low, standby large, no hard faults: clean the low-priority standby
        let before = windows(0, 6 * GIB, 200 * MIB_U, 5 * GIB, 1000, 4 * GIB);
        let now = windows(2000, 6 * GIB, 200 * MIB_U, 5 * GIB, 1010, 4 * GIB);
        let advice = advise(&now, Some(&before), &config, &areas);
        assert_eq!(advice.verdict, Verdict::Clean);
        assert_eq!(advice.areas, ["working-sets", "standby-low-priority"]);
        assert!(advice.findings.iter().any(|f| matches!(f, Finding::StandbyCrowdsFree { .. })));
        // the same, but standby pages are being read back at 500/s: keep them
        let now = windows(2000, 6 * GIB, 200 * MIB_U, 5 * GIB, 2000, 4 * GIB);
        let advice = advise(&now, Some(&before), &config, &areas);
        assert_eq!(advice.verdict, Verdict::KeepCache);
        assert_eq!(advice.figures.hard_faults_per_second, Some(500.0));
        // commit near the limit is reported; cleaning cannot help it
        let advice = advise(&windows(0, 8 * GIB, 4 * GIB, GIB, 0, 19 * GIB), None, &config, &areas);
        assert_eq!(advice.verdict, Verdict::NothingToDo);
        assert!(advice.findings.iter().any(|f| matches!(f, Finding::CommitHigh { .. })));
    }
}
