//! Sections 1 (clean vs balloon) and 2 (foreground stall) of RESULTS.md, from the trials.

use super::{Cleaner, CleanersResults, Trial};
use memsweep_bench::reports::{BalloonReport, StallReport};
use memsweep_bench::{dur_us, gib, median, mib, GIB};
use std::fmt::Write as _;

/// How a figure is printed.
type Unit = fn(f64) -> String;
/// One figure of a trial, None when the trial lacks it.
type TrialFigure = fn(&Trial) -> Option<f64>;
/// One figure of the stall probe's report.
type StallFigure = fn(&StallReport) -> Option<f64>;

pub fn render(results: &CleanersResults) -> String {
    clean_vs_balloon(results) + &foreground_stall(results)
}

impl CleanersResults {
    /// One figure of each trial of a cleaner, in run order; trials without it are left out.
    fn column(&self, cleaner: Cleaner, get: impl Fn(&Trial) -> Option<f64>) -> Vec<f64> {
        self.trials.iter().filter(|t| t.cleaner == cleaner).filter_map(get).collect()
    }

    fn median(&self, cleaner: Cleaner, get: impl Fn(&Trial) -> Option<f64>) -> Option<f64> {
        median(&self.column(cleaner, get))
    }

    fn worst(&self, cleaner: Cleaner, get: impl Fn(&Trial) -> Option<f64>) -> Option<f64> {
        self.column(cleaner, get).into_iter().reduce(f64::max)
    }
}

fn fmt(v: Option<f64>, unit: Unit) -> String {
    v.map_or("n/a".into(), unit)
}

fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn count(v: f64) -> String {
    format!("{v:.0}")
}

/// The fill file's size as a label: "6 GiB" for a whole number of GiB (as `--size-gib` gives).
fn size_label(bytes: u64) -> String {
    if bytes % GIB as u64 == 0 {
        format!("{} GiB", bytes / GIB as u64)
    } else {
        gib(bytes as f64)
    }
}

/// a / b for the A/B column; small ratios also as 1/n.
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => {
            let r = a / b;
            if r >= 10.0 {
                format!("{r:.0}×")
            } else if r >= 0.1 {
                format!("{r:.2}")
            } else {
                format!("{r:.3} (1/{:.0})", 1.0 / r)
            }
        }
        _ => "n/a".into(),
    }
}

/// "2nd", "197th": the rank of the nearest-rank p99 among `rounds` values, counted from the top.
fn ordinal(rounds: f64) -> String {
    let n = rounds as usize;
    let rank = n + 1 - ((0.99 * n as f64).ceil() as usize).clamp(1, n.max(1));
    let suffix = match (rank % 10, rank % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    if rank == 1 {
        return "very".into(); // "its very worst round"
    }
    format!("{rank}{suffix}")
}

fn clean_vs_balloon(r: &CleanersResults) -> String {
    use Cleaner::{Balloon, Memsweep};
    let pairs = r.pairs;
    let mut md = String::new();
    let _ = writeln!(md, "## 1. Clean vs balloon\n");
    let resident_before = |c| r.median(c, |t| Some(t.file_resident_before));
    let _ = writeln!(
        md,
        "A {} file written once per run and fsync'ed{}; before **every** trial: `sync`, `drop_caches=3`, \
         then the whole file is read back, so each cleaner starts from the same state (the file's \
         pages resident: median {}). Then, alternating, {pairs} pair(s) A B: \
         **A** = `memsweep clean --json` (default areas: dirty, page-cache, slab, compact); \
         **B** = `bench/src/bin/balloon.rs`: mmap + touch 64 MiB chunks until MemAvailable \
         falls to 10% of MemTotal (read before every chunk; it stops 16 MiB above that floor, \
         halving its chunks near it), then munmap. \
         Medians over the {pairs} trials of each; wall time from spawn to wait4, CPU = user + sys \
         of the cleaner process from wait4's rusage; page cache = Cached + Buffers − Shmem and \
         MemAvailable from /proc/meminfo right after writing /proc/sys/vm/stat_refresh; OOM \
         kills = delta of `oom_kill` in /proc/vmstat.\n",
        gib(r.file_bytes as f64),
        match r.file_written_s {
            Some(s) => format!(" (took {s:.1} s)"),
            None => " (kept from an earlier run: same size)".into(),
        },
        fmt(resident_before(Memsweep).zip(resident_before(Balloon)).map(|(x, y)| x.min(y)), pct),
    );
    let _ = writeln!(md, "| median of {pairs} | A: memsweep clean | B: balloon | A/B |\n|---|---|---|---|");
    let still_cached = format!("share of the {} file still cached (mincore)", size_label(r.file_bytes));
    let rows: [(&str, TrialFigure, Unit); 7] = [
        ("wall time", |t| Some(t.wall_us), dur_us),
        ("CPU time (user + sys)", |t| Some(t.cpu_us), dur_us),
        ("page cache freed", |t| Some(t.cache_freed_bytes as f64), gib),
        ("page cache after", |t| Some(t.cache_after_bytes as f64), gib),
        ("MemAvailable after", |t| Some(t.available_after_bytes as f64), gib),
        ("MemFree after", |t| Some(t.free_after_bytes as f64), gib),
        (&still_cached, |t| Some(t.file_resident_after), pct),
    ];
    for (label, get, unit) in rows {
        let (a, b) = (r.median(Memsweep, get), r.median(Balloon, get));
        let _ = writeln!(md, "| {label} | {} | {} | {} |", fmt(a, unit), fmt(b, unit), ratio(a, b));
    }
    let oom_sum = |c| r.trials.iter().filter(|t| t.cleaner == c).map(|t| t.oom_kills).sum::<u64>();
    let _ = writeln!(md, "| OOM kills (sum over all trials) | {} | {} | |", oom_sum(Memsweep), oom_sum(Balloon));
    let available_before = |c| r.median(c, |t| Some(t.available_before_bytes as f64));
    let _ = writeln!(
        md,
        "| MemAvailable before (for reference) | {} | {} | |\n",
        fmt(available_before(Memsweep), gib),
        fmt(available_before(Balloon), gib)
    );
    let walls = |c| r.column(c, |t| Some(t.wall_us)).into_iter().map(dur_us).collect::<Vec<_>>().join(", ");
    let _ = writeln!(md, "Every trial's wall time: A {}; B {}.", walls(Memsweep), walls(Balloon));

    let balloon = |get: fn(&BalloonReport) -> u64| move |t: &Trial| t.balloon_report().map(|b| get(b) as f64);
    let lowest = r.column(Balloon, balloon(|b| b.available_at_peak_bytes)).into_iter().reduce(f64::min);
    let floor = r.trials.iter().find_map(|t| t.balloon_report()).map(|b| b.floor_bytes as f64);
    let kept = match (lowest, floor) {
        (Some(l), Some(f)) if l >= f => "never crossed".to_string(),
        (Some(l), Some(f)) => {
            format!("**crossed by {}** (the kernel's accounting moved after the last check)", mib(f - l))
        }
        _ => "not known".into(),
    };
    let _ = writeln!(
        md,
        "The balloon allocated a median {} in a median {} (then munmap took {}); its lowest \
         MemAvailable at the peak was {} ({} B) against a floor of {} ({} B): {kept}.",
        fmt(r.median(Balloon, balloon(|b| b.allocated_bytes)), gib),
        fmt(r.median(Balloon, balloon(|b| b.alloc_us)), dur_us),
        fmt(r.median(Balloon, balloon(|b| b.free_us)), dur_us),
        fmt(lowest, gib),
        fmt(lowest, count),
        fmt(floor, gib),
        fmt(floor, count),
    );

    // memsweep's own per-area durations, medians over its trials, in the order of its report.
    let first_report = r.trials.iter().find(|t| t.cleaner == Memsweep).and_then(|t| t.memsweep_report());
    let areas: Vec<String> = first_report
        .into_iter()
        .flat_map(|report| &report.areas)
        .map(|area| {
            let d = r.median(Memsweep, |t| {
                let same = t.memsweep_report()?.areas.iter().find(|a| a.id == area.id)?;
                Some(same.duration_us as f64)
            });
            format!("{} {}", area.id, fmt(d, dur_us))
        })
        .collect();
    let _ = writeln!(md, "memsweep's areas, median time each (from its report): {}.", areas.join(", "));
    let own = r.median(Memsweep, |t| Some(t.memsweep_report()?.duration_us as f64));
    let exits: Vec<String> = r.trials.iter().map(|t| t.exit.to_string()).collect();
    let _ = writeln!(
        md,
        "memsweep's own report (`duration_us`, measure–clean–measure inside the process): median {}. \
         Exit codes in trial order: {}.\n",
        fmt(own, dur_us),
        exits.join(" ")
    );
    md
}

fn foreground_stall(r: &CleanersResults) -> String {
    use Cleaner::{Balloon, Memsweep};
    let mut md = String::new();
    let _ = writeln!(md, "## 2. Foreground stall\n");
    let _ = writeln!(
        md,
        "`bench/src/bin/stall-probe.rs`, a separate process started before the cleaner: a loop of a \
         1 ms sleep (lateness = actual sleep − 1 ms) then 64 KiB mmap + touch each page + munmap \
         (fresh pages from the kernel every round). Only the rounds overlapping the cleaner's run \
         count. *Idle* = the probe alone for 2 s after a cache fill, no cleaner.\n"
    );
    let _ = writeln!(md, "| | idle | A: memsweep clean | B: balloon | A/B |\n|---|---|---|---|---|");
    let idle = &r.idle_probe;
    let stall = |get: StallFigure| move |t: &Trial| get(&t.stall);
    /// How a row sums up the trials: their median, or the worst of them all.
    #[derive(PartialEq)]
    enum Over {
        Median,
        Worst,
    }
    let timed_rows: [(&str, StallFigure, Over); 5] = [
        ("sleep lateness, worst (median of trials)", |s| s.late_max_us, Over::Median),
        ("sleep lateness, worst of all trials", |s| s.late_max_us, Over::Worst),
        ("sleep lateness, p99 (median of trials)", |s| s.late_p99_us, Over::Median),
        ("64 KiB map+touch+unmap, worst (median of trials)", |s| s.alloc_max_us, Over::Median),
        ("64 KiB map+touch+unmap, p99 (median of trials)", |s| s.alloc_p99_us, Over::Median),
    ];
    for (label, get, over) in timed_rows {
        let (a, b) = if over == Over::Worst {
            (r.worst(Memsweep, stall(get)), r.worst(Balloon, stall(get)))
        } else {
            (r.median(Memsweep, stall(get)), r.median(Balloon, stall(get)))
        };
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} | {} |",
            fmt(get(idle), dur_us),
            fmt(a, dur_us),
            fmt(b, dur_us),
            ratio(a, b)
        );
    }
    let count_rows: [(&str, StallFigure, Unit); 3] = [
        ("rounds ≥ 1 ms late (median of trials)", |s| Some(s.late_over_1ms as f64), count),
        ("rounds ≥ 10 ms late (median of trials)", |s| Some(s.late_over_10ms as f64), count),
        ("total lateness: the probe's lost time (median of trials)", |s| Some(s.late_sum_us), dur_us),
    ];
    for (label, get, unit) in count_rows {
        let (a, b) = (r.median(Memsweep, stall(get)), r.median(Balloon, stall(get)));
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {} | {} |",
            fmt(get(idle), unit),
            fmt(a, unit),
            fmt(b, unit),
            ratio(a, b)
        );
    }
    let rounds = |c| r.median(c, stall(|s| Some(s.rounds as f64)));
    let _ = writeln!(
        md,
        "| rounds measured (median) | {} | {} | {} | |\n",
        idle.rounds,
        fmt(rounds(Memsweep), count),
        fmt(rounds(Balloon), count)
    );
    let _ = writeln!(
        md,
        "A p99 depends on how long the cleaner ran: over memsweep's ~{} rounds it is about its \
         {} worst round, over the balloon's ~{} rounds its {} worst; the counts of late rounds and \
         the total lateness do not have that bias.\n",
        fmt(rounds(Memsweep), count),
        fmt(rounds(Memsweep), ordinal),
        fmt(rounds(Balloon), count),
        fmt(rounds(Balloon), ordinal),
    );
    let _ = writeln!(md, "Per trial (in run order):\n");
    let _ = writeln!(
        md,
        "| # | cleaner | wall | CPU | freed | avail after | file cached after | worst late | p99 late | worst 64 KiB | OOM |\n\
         |---|---|---|---|---|---|---|---|---|---|---|"
    );
    for (i, t) in r.trials.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            t.cleaner.name(),
            dur_us(t.wall_us),
            dur_us(t.cpu_us),
            gib(t.cache_freed_bytes as f64),
            gib(t.available_after_bytes as f64),
            pct(t.file_resident_after),
            fmt(t.stall.late_max_us, dur_us),
            fmt(t.stall.late_p99_us, dur_us),
            fmt(t.stall.alloc_max_us, dur_us),
            t.oom_kills
        );
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::super::{AreaReport, CleanReport, OwnReport};
    use super::*;

    const GIB_U: u64 = 1 << 30;

    fn stall(late_max_us: f64, rounds: u64) -> StallReport {
        StallReport {
            rounds,
            late_max_us: Some(late_max_us),
            late_p99_us: Some(late_max_us / 2.0),
            alloc_max_us: Some(late_max_us / 10.0),
            alloc_p99_us: Some(100.0),
            late_over_1ms: rounds / 10,
            late_over_10ms: rounds / 100,
            late_sum_us: rounds as f64 * 10.0,
            ..StallReport::default()
        }
    }

    fn memsweep_trial(wall_us: f64, areas: [u64; 2]) -> Trial {
        let area = |id: &str, duration_us| AreaReport { id: id.into(), duration_us, ..AreaReport::default() };
        Trial {
            cleaner: Cleaner::Memsweep,
            exit: 0,
            wall_us,
            user_us: wall_us / 4.0,
            sys_us: wall_us / 4.0,
            cpu_us: wall_us / 2.0,
            fill_read_s: 3.0,
            cache_before_bytes: 6 * GIB_U,
            cache_after_bytes: GIB_U / 4,
            cache_freed_bytes: (6 * GIB_U - GIB_U / 4) as i64,
            available_before_bytes: 22 * GIB_U,
            available_after_bytes: 22 * GIB_U + GIB_U / 2,
            free_after_bytes: 22 * GIB_U,
            oom_kills: 0,
            file_resident_before: 1.0,
            file_resident_after: 0.0,
            stall: stall(4000.0, 300),
            own_report: Some(OwnReport::Memsweep(CleanReport {
                duration_us: (wall_us as u64).saturating_sub(10_000),
                areas: vec![area("page-cache", areas[0]), area("compact", areas[1])],
                ..CleanReport::default()
            })),
        }
    }

    fn balloon_trial(wall_us: f64, lowest_available: u64) -> Trial {
        Trial {
            cleaner: Cleaner::Balloon,
            exit: 0,
            wall_us,
            user_us: wall_us / 2.0,
            sys_us: wall_us / 2.0 - 1_000_000.0,
            cpu_us: wall_us - 1_000_000.0,
            cache_after_bytes: 2 * GIB_U,
            cache_freed_bytes: 4 * GIB_U as i64,
            available_after_bytes: 22 * GIB_U,
            free_after_bytes: 20 * GIB_U,
            file_resident_after: 0.25,
            stall: stall(36_000.0, 17_000),
            own_report: Some(OwnReport::Balloon(BalloonReport {
                floor_bytes: 2 * GIB_U,
                allocated_bytes: 20 * GIB_U,
                available_at_peak_bytes: lowest_available,
                alloc_us: 20_000_000,
                free_us: 750_000,
                ..BalloonReport::default()
            })),
            ..memsweep_trial(0.0, [0, 0])
        }
    }

    fn results(file_bytes: u64) -> CleanersResults {
        CleanersResults {
            file_bytes,
            pairs: 3,
            file_written_s: Some(12.4),
            idle_probe: stall(5000.0, 1740),
            trials: vec![
                memsweep_trial(400_000.0, [60_000, 300_000]),
                balloon_trial(26_000_000.0, 2 * GIB_U + 16 * (1 << 20)),
                memsweep_trial(300_000.0, [70_000, 200_000]),
                balloon_trial(21_000_000.0, 2 * GIB_U + 8 * (1 << 20)),
                memsweep_trial(200_000.0, [50_000, 250_000]),
                balloon_trial(22_000_000.0, 2 * GIB_U + 32 * (1 << 20)),
            ],
        }
    }

    #[test]
    fn medians_and_worsts_per_cleaner() {
        let r = results(6 * GIB_U);
        assert_eq!(r.column(Cleaner::Memsweep, |t| Some(t.wall_us)), [400_000.0, 300_000.0, 200_000.0]);
        assert_eq!(r.median(Cleaner::Memsweep, |t| Some(t.wall_us)), Some(300_000.0));
        assert_eq!(r.median(Cleaner::Balloon, |t| Some(t.wall_us)), Some(22_000_000.0));
        assert_eq!(r.worst(Cleaner::Balloon, |t| Some(t.wall_us)), Some(26_000_000.0));
        // Trials without the figure are left out; none at all gives no median.
        assert_eq!(r.median(Cleaner::Balloon, |t| Some(t.memsweep_report()?.duration_us as f64)), None);
        assert_eq!(median(&[2.0, 1.0]), Some(1.5));
    }

    #[test]
    fn ratios_and_ordinals() {
        assert_eq!(ratio(Some(376_700.0), Some(21_720_000.0)), "0.017 (1/58)");
        assert_eq!(ratio(Some(6.17), Some(3.82)), "1.62");
        assert_eq!(ratio(Some(120.0), Some(2.0)), "60×");
        assert_eq!(ratio(Some(0.0), Some(0.3)), "0.000 (1/inf)");
        assert_eq!(ratio(Some(1.0), Some(0.0)), "n/a");
        assert_eq!(ratio(None, Some(1.0)), "n/a");
        assert_eq!(ordinal(314.0), "4th");
        assert_eq!(ordinal(17453.0), "175th");
        assert_eq!(ordinal(50.0), "very");
        assert_eq!(ordinal(100.0), "2nd");
        assert_eq!(ordinal(200.0), "3rd");
        assert_eq!(ordinal(1100.0), "12th");
    }

    #[test]
    fn clean_vs_balloon_with_fixed_figures() {
        let md = render(&results(6 * GIB_U));
        assert!(md
            .starts_with("## 1. Clean vs balloon\n\nA 6.00 GiB file written once per run and fsync'ed (took 12.4 s);"));
        assert!(md.contains("(the file's pages resident: median 100.0%). Then, alternating, 3 pair(s) A B:"));
        assert!(md.contains("| median of 3 | A: memsweep clean | B: balloon | A/B |\n|---|---|---|---|\n"));
        assert!(md.contains("| wall time | 300.0 ms | 22.00 s | 0.014 (1/73) |\n"));
        assert!(md.contains("| CPU time (user + sys) | 150.0 ms | 21.00 s | 0.007 (1/140) |\n"));
        assert!(md.contains("| page cache freed | 5.75 GiB | 4.00 GiB | 1.44 |\n"));
        assert!(md.contains("| share of the 6 GiB file still cached (mincore) | 0.0% | 25.0% | 0.000 (1/inf) |\n"));
        assert!(md.contains("| OOM kills (sum over all trials) | 0 | 0 | |\n"));
        assert!(md.contains("| MemAvailable before (for reference) | 22.00 GiB | 22.00 GiB | |\n\n"));
        assert!(md.contains("Every trial's wall time: A 400.0 ms, 300.0 ms, 200.0 ms; B 26.00 s, 21.00 s, 22.00 s.\n"));
        assert!(md.contains(
            "The balloon allocated a median 20.00 GiB in a median 20.00 s (then munmap took 750.0 ms); its \
             lowest MemAvailable at the peak was 2.01 GiB (2155872256 B) against a floor of 2.00 GiB \
             (2147483648 B): never crossed.\n"
        ));
        assert!(md
            .contains("memsweep's areas, median time each (from its report): page-cache 60.0 ms, compact 250.0 ms.\n"));
        assert!(md.contains("median 290.0 ms. Exit codes in trial order: 0 0 0 0 0 0.\n\n## 2. Foreground stall\n"));
    }

    #[test]
    fn the_file_label_follows_its_size() {
        let md = render(&results(2 * GIB_U));
        assert!(md.contains("A 2.00 GiB file written"));
        assert!(md.contains("| share of the 2 GiB file still cached (mincore) |"));
        assert!(!md.contains("6 GiB"));
        assert_eq!(size_label(GIB_U + GIB_U / 2), "1.50 GiB");
    }

    #[test]
    fn a_crossed_floor_and_a_kept_file() {
        let mut r = results(6 * GIB_U);
        r.file_written_s = None;
        r.trials[3] = balloon_trial(21_000_000.0, 2 * GIB_U - 3 * (1 << 20));
        let md = render(&r);
        assert!(md.contains("fsync'ed (kept from an earlier run: same size);"));
        assert!(md.contains(": **crossed by 3.00 MiB** (the kernel's accounting moved after the last check).\n"));
    }

    #[test]
    fn foreground_stall_with_fixed_figures() {
        let mut r = results(6 * GIB_U);
        r.trials[2].stall.late_max_us = Some(9000.0);
        let md = render(&r);
        let stall = &md[md.find("## 2. Foreground stall").unwrap()..];
        assert!(stall.contains("| | idle | A: memsweep clean | B: balloon | A/B |\n|---|---|---|---|---|\n"));
        assert!(stall.contains("| sleep lateness, worst (median of trials) | 5.0 ms | 4.0 ms | 36.0 ms | 0.11 |\n"));
        assert!(stall.contains("| sleep lateness, worst of all trials | 5.0 ms | 9.0 ms | 36.0 ms | 0.25 |\n"));
        assert!(stall
            .contains("| 64 KiB map+touch+unmap, p99 (median of trials) | 100.0 µs | 100.0 µs | 100.0 µs | 1.00 |\n"));
        assert!(stall.contains("| rounds ≥ 1 ms late (median of trials) | 174 | 30 | 1700 | 0.018 (1/57) |\n"));
        assert!(stall
            .contains("| total lateness: the probe's lost time (median of trials) | 17.4 ms | 3.0 ms | 170.0 ms |"));
        assert!(stall.contains("| rounds measured (median) | 1740 | 300 | 17000 | |\n\n"));
        assert!(stall.contains(
            "over memsweep's ~300 rounds it is about its 4th worst round, over the balloon's ~17000 \
             rounds its 171st worst;"
        ));
        assert!(stall.contains(
            "| 1 | memsweep | 400.0 ms | 200.0 ms | 5.75 GiB | 22.50 GiB | 0.0% | 4.0 ms | 2.0 ms | 400.0 µs | 0 |\n"
        ));
        assert!(stall.contains(
            "| 6 | balloon | 22.00 s | 21.00 s | 4.00 GiB | 22.00 GiB | 25.0% | 36.0 ms | 18.0 ms | 3.6 ms | 0 |\n"
        ));
        assert!(stall.ends_with("| 0 |\n\n"));
    }
}
