//! Human output: compact aligned tables, sizes in binary units. Pure functions of the data, so
//! tests compare their text.

use std::fmt::Write;

use memsweep_core::frag::format_permille;
use memsweep_core::report::{AreaReport, Change, Outcome, Report, Unit};
use memsweep_core::snapshot::{LinuxMemory, Snapshot, WindowsMemory};
use memsweep_core::units::{format_bytes, format_signed_bytes};
use memsweep_core::{AreaStatus, Support};

/// Rows of cells printed with every column padded to its widest cell. Columns listed in
/// `right` are right-aligned (numbers).
struct Table {
    rows: Vec<Vec<String>>,
    right: Vec<usize>,
    indent: usize,
}

impl Table {
    fn new(indent: usize, right: &[usize]) -> Table {
        Table { rows: Vec::new(), right: right.to_vec(), indent }
    }

    fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    fn render(&self, out: &mut String) {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        for row in &self.rows {
            let mut line = " ".repeat(self.indent);
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c] - cell.chars().count();
                if self.right.contains(&c) {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if c + 1 < row.len() {
                        line.push_str(&" ".repeat(pad));
                    }
                }
                if c + 1 < row.len() {
                    line.push_str("  ");
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

fn opt_count(value: Option<u64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| v.to_string())
}

pub fn status(snapshot: &Snapshot, order: u32) -> String {
    let mut out = String::new();
    let m = &snapshot.memory;
    let mut table = Table::new(2, &[1]);
    table.row(["total", &format_bytes(m.total_bytes), ""]);
    table.row([
        "used",
        &format_bytes(m.used_bytes()),
        &format!("{} of total (total - available)", percent(m.used_percent())),
    ]);
    table.row([
        "available",
        &format_bytes(m.available_bytes),
        "the kernel's estimate of what can be had without swapping",
    ]);
    table.row(["free", &m.free_bytes.map_or("unavailable".into(), format_bytes), "holding nothing at all"]);
    match &snapshot.swap {
        Some(swap) => table.row([
            "swap used".to_string(),
            format_bytes(swap.total_bytes - swap.free_bytes.min(swap.total_bytes)),
            format!("of {}", format_bytes(swap.total_bytes)),
        ]),
        None => table.row(["swap", "none", ""]),
    }
    out.push_str("Memory\n");
    table.render(&mut out);
    if let Some(linux) = &snapshot.linux {
        linux_status(linux, order, &mut out);
    }
    if let Some(windows) = &snapshot.windows {
        windows_status(windows, &mut out);
    }
    out
}

fn linux_status(linux: &LinuxMemory, order: u32, out: &mut String) {
    let mi = &linux.meminfo;
    let mut cache = Table::new(2, &[1]);
    cache.row([
        "droppable now",
        &format_bytes(linux.droppable_bytes),
        "upper bound: clean file cache + reclaimable slab",
    ]);
    cache.row(["page cache", &format_bytes(mi.file_cache()), "Cached + Buffers - Shmem"]);
    cache.row(["  active file", &format_bytes(mi.active_file), ""]);
    cache.row(["  inactive file", &format_bytes(mi.inactive_file), ""]);
    cache.row(["  mapped", &format_bytes(mi.mapped), "in use by processes, not droppable"]);
    cache.row(["  dirty", &format_bytes(mi.dirty), "written by sync before any drop"]);
    cache.row(["  writeback", &format_bytes(mi.writeback), ""]);
    cache.row(["shmem", &format_bytes(mi.shmem), "tmpfs and shared memory, never droppable"]);
    cache.row(["slab reclaimable", &format_bytes(mi.slab_reclaimable), "dentries and inodes"]);
    cache.row(["anonymous", &format_bytes(mi.anon), "process memory, goes only to swap"]);
    out.push_str("Caches\n");
    cache.render(out);

    out.push_str("Pressure (PSI, share of time stalled: 10 s / 60 s / 300 s)\n");
    match &linux.pressure {
        Some(p) => {
            let mut table = Table::new(2, &[]);
            let line = |l: &memsweep_core::snapshot::PressureLine| {
                format!("{:.2}% / {:.2}% / {:.2}%", l.avg10, l.avg60, l.avg300)
            };
            table.row(["some".to_string(), line(&p.some)]);
            table.row(["full".to_string(), p.full.as_ref().map_or("not reported".to_string(), line)]);
            table.render(out);
        }
        None => out.push_str("  not available on this kernel (no /proc/pressure/memory)\n"),
    }

    let v = &linux.vmstat;
    let mut counters = Table::new(2, &[1]);
    counters.row([
        "refaults (file / anon)".to_string(),
        format!("{} / {}", opt_count(v.workingset_refault_file), opt_count(v.workingset_refault_anon)),
    ]);
    counters.row(["major faults".to_string(), opt_count(v.pgmajfault)]);
    counters.row([
        "cache drops (page / slab)".to_string(),
        format!("{} / {}", opt_count(v.drop_pagecache), opt_count(v.drop_slab)),
    ]);
    counters.row([
        "compaction (stall / success / fail)".to_string(),
        format!("{} / {} / {}", opt_count(v.compact_stall), opt_count(v.compact_success), opt_count(v.compact_fail)),
    ]);
    out.push_str("Since boot\n");
    counters.render(out);

    let block = format_bytes(linux.page_size_bytes << order);
    let _ = writeln!(out, "Fragmentation at order {order} ({block} blocks)");
    let mut zones = Table::new(2, &[2, 3, 4]);
    zones.row(["node", "zone", "free", "unusable", "frag index"]);
    for zone in &linux.zones {
        let at = order as usize;
        let unusable = zone.unusable_index_permille.get(at).map_or("n/a".into(), |&v| format_permille(i64::from(v)));
        let frag = zone.fragmentation_index_permille.get(at).map_or("n/a".into(), |&v| format_permille(i64::from(v)));
        zones.row([
            zone.node.to_string(),
            zone.name.clone(),
            format_bytes(zone.free_pages() * linux.page_size_bytes),
            unusable,
            frag,
        ]);
    }
    zones.row([
        String::new(),
        "all".to_string(),
        String::new(),
        format_permille(i64::from(linux.unusable_index_all_zones(order))),
        String::new(),
    ]);
    zones.render(out);
    out.push_str("  unusable: share of free memory too scattered for one block (0 none, 1 all);\n");
    out.push_str("  frag index: near 1 fails for fragmentation, near 0 for lack of memory, -1 would succeed\n");
}

fn windows_status(windows: &WindowsMemory, out: &mut String) {
    let mut table = Table::new(2, &[1]);
    table.row([
        "commit".to_string(),
        format_bytes(windows.commit_bytes),
        format!("of {} limit", format_bytes(windows.commit_limit_bytes)),
    ]);
    table.row([
        "system file cache".to_string(),
        windows.system_file_cache_bytes.map_or("unavailable".into(), format_bytes),
        String::new(),
    ]);
    out.push_str("Windows\n");
    table.render(out);
    out.push_str("Memory lists\n");
    match &windows.lists {
        memsweep_core::snapshot::Availability::Available { value } => {
            let mut lists = Table::new(2, &[1]);
            lists.row(["zeroed".to_string(), format_bytes(value.zeroed_bytes)]);
            lists.row(["free".to_string(), format_bytes(value.free_bytes)]);
            lists.row(["modified".to_string(), format_bytes(value.modified_bytes)]);
            lists.row(["modified no-write".to_string(), format_bytes(value.modified_no_write_bytes)]);
            lists.row(["standby".to_string(), format_bytes(value.standby_bytes())]);
            for (priority, bytes) in value.standby_by_priority_bytes.iter().enumerate() {
                lists.row([format!("  priority {priority}"), format_bytes(*bytes)]);
            }
            lists.row(["bad".to_string(), format_bytes(value.bad_bytes)]);
            lists.render(out);
        }
        memsweep_core::snapshot::Availability::Unavailable { reason } => {
            let _ = writeln!(out, "  unavailable: {reason}");
        }
    }
}

pub fn areas(areas: &[AreaStatus]) -> String {
    let mut out = String::new();
    let mut table = Table::new(0, &[]);
    table.row(["area", "default", "risk", "here", "needs", "what it does"]);
    for status in areas {
        let area = &status.area;
        table.row([
            area.id,
            if area.default_on { "on" } else { "off" },
            area.risk.as_str(),
            if status.is_supported() { "yes" } else { "no" },
            area.privilege,
            area.description,
        ]);
    }
    table.render(&mut out);
    for status in areas {
        if let Support::Unsupported(reason) = &status.support {
            let _ = writeln!(out, "{}: not supported here: {reason}", status.area.id);
        }
    }
    out
}

fn change_text(change: &Change) -> String {
    let name = change.metric.trim_end_matches("_bytes").trim_end_matches("_permille").replace('_', " ");
    let value = |v: i64| match change.unit {
        Unit::Bytes => format_bytes(v.max(0) as u64),
        Unit::Permille => format_permille(v),
        Unit::Count => v.to_string(),
    };
    match (change.before, change.after) {
        (Some(b), Some(a)) => {
            let delta = match change.unit {
                Unit::Bytes => format_signed_bytes(a - b),
                Unit::Permille => format!("{:+.3}", (a - b) as f64 / 1000.0),
                Unit::Count => format!("{:+}", a - b),
            };
            format!("{name} {} -> {} ({delta})", value(b), value(a))
        }
        (None, Some(a)) => format!("{name} {}", value(a)),
        (Some(b), None) => format!("{name} {} -> unavailable", value(b)),
        (None, None) => format!("{name} unavailable"),
    }
}

fn duration(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{:.2} s", us as f64 / 1e6)
    } else {
        format!("{} ms", us / 1000)
    }
}

fn area_line(area: &AreaReport) -> [String; 4] {
    let detail = match area.outcome {
        Outcome::Done => area.changes.iter().map(change_text).collect::<Vec<_>>().join(", "),
        Outcome::Planned => match area.estimate_bytes {
            Some(bytes) => format!("could free up to {}", format_bytes(bytes)),
            None => "would run".to_string(),
        },
        _ => area.reason.clone().unwrap_or_default(),
    };
    let time = if area.outcome == Outcome::Done { duration(area.duration_us) } else { String::new() };
    [area.id.clone(), area.outcome.as_str().to_string(), time, detail]
}

pub fn report(report: &Report) -> String {
    let mut out = String::new();
    if report.dry_run {
        out.push_str("Plan (dry run, nothing changed):\n");
    }
    let mut table = Table::new(0, &[2]);
    table.row(["area", "result", "time", "what changed"].map(String::from));
    let mut notes = Vec::new();
    for area in &report.areas {
        table.row(area_line(area));
        notes.extend(area.notes.iter().map(|n| format!("  {}: {n}", area.id)));
    }
    table.render(&mut out);
    for note in notes {
        out.push_str(&note);
        out.push('\n');
    }
    if !report.dry_run {
        let t = &report.tally;
        let _ = writeln!(
            out,
            "{} done, {} skipped, {} unsupported, {} failed in {}",
            t.done,
            t.skipped,
            t.unsupported,
            t.failed,
            duration(report.duration_us)
        );
        for metric in ["available_bytes", "cache_bytes", "free_bytes"] {
            if let Some(change) = report.total(metric) {
                let _ = writeln!(out, "  total {}", change_text(change));
            }
        }
    }
    if report.cancelled {
        out.push_str("stopped early: the remaining areas were skipped\n");
    }
    out
}

/// Any rows as an aligned table (columns in `right` right-aligned).
pub fn columns(rows: &[Vec<String>], right: &[usize]) -> String {
    let mut table = Table::new(0, right);
    for row in rows {
        table.row(row.iter().cloned());
    }
    let mut out = String::new();
    table.render(&mut out);
    out
}
