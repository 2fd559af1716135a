//! Human output: compact aligned tables, sizes in binary units. Pure functions of the data, so
//! tests compare their text.

use std::fmt::Write;

use memsweep_app::control::ClientError;
use memsweep_app::control::ServiceInfo;
use memsweep_core::advise::{Advice, Finding, Verdict};
use memsweep_core::frag::format_permille;
use memsweep_core::report::{AreaReport, Change, Outcome, Report, Unit};
use memsweep_core::snapshot::{Availability, LinuxMemory, Snapshot, WindowsMemory};
use memsweep_core::units::{format_bytes, format_signed_bytes};
use memsweep_core::{AreaStatus, Support};
use memsweep_i18n::{tr, tr_args, Arg};
use unicode_width::UnicodeWidthStr;

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
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0))
            .collect();
        for row in &self.rows {
            let mut line = " ".repeat(self.indent);
            for (c, cell) in row.iter().enumerate() {
                // Display width, not chars: a Chinese character takes two terminal columns.
                let pad = widths[c] - cell.width();
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

fn t(id: &str) -> String {
    tr(id)
}

fn t1(id: &str, name: &str, value: &str) -> String {
    tr_args(id, &[(name, Arg::Text(value))])
}

pub fn status(snapshot: &Snapshot, order: u32, advice: &Advice) -> String {
    let mut out = String::new();
    let m = &snapshot.memory;
    let os_note = |id: &str| t(&format!("{id}-{}", if snapshot.windows.is_some() { "windows" } else { "linux" }));
    let mut table = Table::new(2, &[1]);
    table.row([t("status-total"), format_bytes(m.total_bytes), String::new()]);
    table.row([
        t("status-used"),
        format_bytes(m.used_bytes()),
        t1("status-used-note", "percent", &percent(m.used_percent())),
    ]);
    table.row([t("status-available"), format_bytes(m.available_bytes), t("status-available-note")]);
    table.row([
        t("status-free"),
        m.free_bytes.map_or_else(|| t("status-unavailable"), format_bytes),
        t("status-free-note"),
    ]);
    table.row([t("status-file-cache"), format_bytes(m.file_cache_bytes), os_note("status-file-cache-note")]);
    table.row([
        t("status-droppable"),
        m.droppable_cache_bytes.map_or_else(|| t("status-unavailable"), format_bytes),
        os_note("status-droppable-note"),
    ]);
    // Windows: the page files (their sum is the swap figure), or why they cannot be read.
    let page_files = snapshot.windows.as_ref().map(|w| &w.page_files);
    let (swap_label, swap_used_label) = match page_files {
        Some(_) => ("status-page-files", "status-page-files-used"),
        None => ("status-swap", "status-swap-used"),
    };
    match (&snapshot.swap, page_files) {
        (_, Some(Availability::Unavailable { .. })) => {
            table.row([t(swap_label), t("status-unavailable"), String::new()]);
        }
        (Some(swap), _) => table.row([
            t(swap_used_label),
            format_bytes(swap.total_bytes - swap.free_bytes.min(swap.total_bytes)),
            t1("status-swap-of", "total", &format_bytes(swap.total_bytes)),
        ]),
        (None, _) => table.row([t(swap_label), t("status-none"), String::new()]),
    }
    let _ = writeln!(out, "{}", t("status-memory"));
    table.render(&mut out);
    if let Some(linux) = &snapshot.linux {
        linux_status(linux, order, &mut out);
    }
    if let Some(windows) = &snapshot.windows {
        windows_status(windows, &mut out);
    }
    let _ = writeln!(out, "{}", t("status-advice"));
    let _ = writeln!(out, "  {}", advice_line(advice));
    let _ = writeln!(out, "  {}", t("status-advice-note"));
    out
}

fn linux_status(linux: &LinuxMemory, order: u32, out: &mut String) {
    let mi = &linux.meminfo;
    let mut cache = Table::new(2, &[1]);
    // What the file cache holds, then what is not file cache.
    cache.row([t("status-active-file"), format_bytes(mi.active_file), String::new()]);
    cache.row([t("status-inactive-file"), format_bytes(mi.inactive_file), String::new()]);
    cache.row([t("status-mapped"), format_bytes(mi.mapped), t("status-mapped-note")]);
    cache.row([t("status-dirty"), format_bytes(mi.dirty), t("status-dirty-note")]);
    cache.row([t("status-writeback"), format_bytes(mi.writeback), String::new()]);
    cache.row([t("status-shmem"), format_bytes(mi.shmem), t("status-shmem-note")]);
    cache.row([t("status-slab"), format_bytes(mi.slab_reclaimable), t("status-slab-note")]);
    cache.row([t("status-anon"), format_bytes(mi.anon), t("status-anon-note")]);
    let _ = writeln!(out, "{}", t("status-caches"));
    cache.render(out);

    let _ = writeln!(out, "{}", t("status-pressure"));
    match &linux.pressure {
        Some(p) => {
            let mut table = Table::new(2, &[]);
            let line = |l: &memsweep_core::snapshot::PressureLine| {
                format!("{:.2}% / {:.2}% / {:.2}%", l.avg10, l.avg60, l.avg300)
            };
            table.row([t("status-pressure-some"), line(&p.some)]);
            table.row([
                t("status-pressure-full"),
                p.full.as_ref().map_or_else(|| t("status-pressure-not-reported"), line),
            ]);
            table.render(out);
        }
        None => {
            let _ = writeln!(out, "  {}", t("status-pressure-absent"));
        }
    }

    let v = &linux.vmstat;
    let mut counters = Table::new(2, &[1]);
    counters.row([
        t("status-refaults"),
        format!("{} / {}", opt_count(v.workingset_refault_file), opt_count(v.workingset_refault_anon)),
    ]);
    counters.row([t("status-major-faults"), opt_count(v.pgmajfault)]);
    counters.row([t("status-drops"), format!("{} / {}", opt_count(v.drop_pagecache), opt_count(v.drop_slab))]);
    counters.row([
        t("status-compaction"),
        format!("{} / {} / {}", opt_count(v.compact_stall), opt_count(v.compact_success), opt_count(v.compact_fail)),
    ]);
    let _ = writeln!(out, "{}", t("status-since-boot"));
    counters.render(out);

    let block = format_bytes(linux.page_size_bytes << order);
    let heading =
        tr_args("status-frag-heading", &[("order", Arg::Number(f64::from(order))), ("block", Arg::Text(&block))]);
    let _ = writeln!(out, "{heading}");
    let mut zones = Table::new(2, &[2, 3, 4]);
    zones.row([
        t("status-frag-node"),
        t("status-frag-zone"),
        t("status-frag-free"),
        t("status-frag-unusable"),
        t("status-frag-index"),
    ]);
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
        t("status-frag-all"),
        String::new(),
        format_permille(i64::from(linux.unusable_index_all_zones(order))),
        String::new(),
    ]);
    zones.render(out);
    let _ = writeln!(out, "  {}", t("status-frag-legend-1"));
    let _ = writeln!(out, "  {}", t("status-frag-legend-2"));
}

fn windows_status(windows: &WindowsMemory, out: &mut String) {
    let mut table = Table::new(2, &[1]);
    table.row([t("status-commit-charge"), format_bytes(windows.commit_bytes), t("status-commit-charge-note")]);
    table.row([t("status-commit-limit"), format_bytes(windows.commit_limit_bytes), t("status-commit-limit-note")]);
    table.row([
        t("status-commit-peak"),
        windows.commit_peak_bytes.map_or_else(|| t("status-unavailable"), format_bytes),
        t("status-commit-peak-note"),
    ]);
    table.row([
        t("status-system-cache-ws"),
        windows.system_file_cache_bytes.map_or_else(|| t("status-unavailable"), format_bytes),
        String::new(),
    ]);
    let _ = writeln!(out, "{}", t("status-windows"));
    table.render(out);
    let _ = writeln!(out, "{}", t("status-page-files-heading"));
    match &windows.page_files {
        Availability::Available { value } if value.is_empty() => {
            let _ = writeln!(out, "  {}", t("status-none"));
        }
        Availability::Available { value } => {
            let mut files = Table::new(2, &[1, 2, 3]);
            files.row(
                ["status-page-file", "status-page-file-size", "status-page-file-in-use", "status-page-file-peak"]
                    .map(t),
            );
            for file in value {
                files.row([
                    file.path.clone(),
                    format_bytes(file.total_bytes),
                    format_bytes(file.in_use_bytes),
                    format_bytes(file.peak_bytes),
                ]);
            }
            files.render(out);
        }
        Availability::Unavailable { reason } => {
            let _ = writeln!(out, "  {}", t1("status-lists-unavailable", "reason", reason));
        }
    }
    let _ = writeln!(out, "{}", t("status-lists"));
    match &windows.lists {
        Availability::Available { value } => {
            let mut lists = Table::new(2, &[1]);
            lists.row([t("status-zeroed"), format_bytes(value.zeroed_bytes)]);
            lists.row([t("status-free"), format_bytes(value.free_bytes)]);
            lists.row([t("status-modified"), format_bytes(value.modified_bytes)]);
            lists.row([t("status-modified-no-write"), format_bytes(value.modified_no_write_bytes)]);
            lists.row([t("status-standby"), format_bytes(value.standby_bytes())]);
            for (priority, bytes) in value.standby_by_priority_bytes.iter().enumerate() {
                let label = tr_args("status-priority", &[("priority", Arg::Number(priority as f64))]);
                lists.row([format!("  {label}"), format_bytes(*bytes)]);
            }
            lists.row([t("status-bad"), format_bytes(value.bad_bytes)]);
            lists.render(out);
        }
        Availability::Unavailable { reason } => {
            let _ = writeln!(out, "  {}", t1("status-lists-unavailable", "reason", reason));
        }
    }
}

/// An area's description in the current language (the English one where none is written).
pub fn area_description(os: &str, area: &memsweep_core::Area) -> String {
    let id = format!("area-{os}-{}", area.id);
    if memsweep_i18n::current().has(&id) {
        tr(&id)
    } else {
        area.description.to_string()
    }
}

pub fn areas(os: &str, areas: &[AreaStatus]) -> String {
    let mut out = String::new();
    let mut table = Table::new(0, &[]);
    table.row(["areas-area", "areas-default", "areas-risk", "areas-here", "areas-needs", "areas-what"].map(t));
    for status in areas {
        let area = &status.area;
        table.row([
            area.id.to_string(),
            t(if area.default_on { "areas-on" } else { "areas-off" }),
            t(&format!("risk-{}", area.risk.as_str())),
            t(if status.is_supported() { "areas-yes" } else { "areas-no" }),
            area.privilege.to_string(),
            area_description(os, area),
        ]);
    }
    table.render(&mut out);
    for status in areas {
        if let Support::Unsupported(reason) = &status.support {
            let line =
                tr_args("areas-unsupported", &[("area", Arg::Text(status.area.id)), ("reason", Arg::Text(reason))]);
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn metric_name(metric: &str) -> String {
    let id = format!("metric-{metric}");
    if memsweep_i18n::current().has(&id) {
        tr(&id)
    } else {
        metric.trim_end_matches("_bytes").trim_end_matches("_permille").replace('_', " ")
    }
}

pub fn change_text(change: &Change) -> String {
    let name = metric_name(&change.metric);
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
        (Some(b), None) => format!("{name} {} -> {}", value(b), t("status-unavailable")),
        (None, None) => t1("change-unavailable", "name", &name),
    }
}

pub fn duration(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{:.2} s", us as f64 / 1e6)
    } else {
        format!("{} ms", us / 1000)
    }
}

pub fn outcome_text(outcome: Outcome) -> String {
    t(&format!("outcome-{}", outcome.as_str()))
}

fn area_line(area: &AreaReport) -> [String; 4] {
    let detail = match area.outcome {
        Outcome::Done => area.changes.iter().map(change_text).collect::<Vec<_>>().join(", "),
        Outcome::Planned => match area.estimate_bytes {
            Some(bytes) => t1("report-could-free", "size", &format_bytes(bytes)),
            None => t("report-would-run"),
        },
        _ => area.reason.clone().unwrap_or_default(),
    };
    let time = if area.outcome == Outcome::Done { duration(area.duration_us) } else { String::new() };
    [area.id.clone(), outcome_text(area.outcome), time, detail]
}

pub fn report(report: &Report) -> String {
    let mut out = String::new();
    if report.dry_run {
        let _ = writeln!(out, "{}", t("report-plan"));
    }
    let mut table = Table::new(0, &[2]);
    table.row(["report-area", "report-result", "report-time", "report-changed"].map(t));
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
        let tally = &report.tally;
        let count = |n: u32| Arg::Number(f64::from(n));
        let time = duration(report.duration_us);
        let line = tr_args(
            "report-tally",
            &[
                ("done", count(tally.done)),
                ("skipped", count(tally.skipped)),
                ("unsupported", count(tally.unsupported)),
                ("failed", count(tally.failed)),
                ("time", Arg::Text(&time)),
            ],
        );
        let _ = writeln!(out, "{line}");
        for metric in ["available_bytes", "file_cache_bytes", "free_bytes"] {
            if let Some(change) = report.total(metric) {
                let _ = writeln!(out, "  {}", t1("report-total", "change", &change_text(change)));
            }
        }
    }
    if report.cancelled {
        let _ = writeln!(out, "{}", t("report-stopped"));
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

/// The command that carries an advice out, if it asks for one.
fn advice_command(advice: &Advice) -> Option<String> {
    if advice.areas.is_empty() {
        return None;
    }
    let gentle = if advice.gentle { " --gentle" } else { "" };
    Some(format!("memsweep clean {}{gentle}", advice.areas.join(" ")))
}

fn verdict_text(advice: &Advice) -> String {
    match advice.verdict {
        Verdict::NothingToDo => t("advise-nothing-to-do"),
        Verdict::Clean => t1("advise-clean", "areas", &advice.areas.join(", ")),
        Verdict::Compact => t("advise-compact"),
        Verdict::KeepCache => t("advise-keep-cache"),
    }
}

fn finding_text(finding: &Finding) -> String {
    let num = |v: f64| format!("{v:.1}");
    let rate = |bytes_per_s: f64| format!("{}/s", format_bytes(bytes_per_s.max(0.0) as u64));
    match finding {
        Finding::AvailableLow { available_percent, threshold_percent } => tr_args(
            "advise-finding-available-low",
            &[("available", Arg::Text(&num(*available_percent))), ("threshold", Arg::Text(&num(*threshold_percent)))],
        ),
        Finding::Stalling { some_avg10_percent, threshold_percent } => tr_args(
            "advise-finding-stalling",
            &[
                ("some", Arg::Text(&format!("{some_avg10_percent:.2}"))),
                ("threshold", Arg::Text(&num(*threshold_percent))),
            ],
        ),
        Finding::CacheReread { bytes_per_second, threshold_bytes_per_second } => tr_args(
            "advise-finding-cache-reread",
            &[
                ("rate", Arg::Text(&rate(*bytes_per_second))),
                ("threshold", Arg::Text(&rate(*threshold_bytes_per_second))),
            ],
        ),
        Finding::HardFaults { per_second, threshold_per_second } => tr_args(
            "advise-finding-hard-faults",
            &[
                ("rate", Arg::Text(&format!("{per_second:.0}"))),
                ("threshold", Arg::Text(&format!("{threshold_per_second:.0}"))),
            ],
        ),
        Finding::NoCacheToGive { droppable_bytes } => {
            t1("advise-finding-no-cache", "droppable", &format_bytes(*droppable_bytes))
        }
        Finding::Fragmented { zone, order, index_permille, threshold_permille } => tr_args(
            "advise-finding-fragmented",
            &[
                ("order", Arg::Number(f64::from(*order))),
                ("zone", Arg::Text(zone)),
                ("index", Arg::Text(&format_permille(i64::from(*index_permille)))),
                ("threshold", Arg::Text(&format_permille(i64::from(*threshold_permille)))),
            ],
        ),
        Finding::StandbyCrowdsFree { standby_bytes, free_bytes } => tr_args(
            "advise-finding-standby-crowds-free",
            &[("standby", Arg::Text(&format_bytes(*standby_bytes))), ("free", Arg::Text(&format_bytes(*free_bytes)))],
        ),
        Finding::CommitHigh { commit_percent, threshold_percent } => tr_args(
            "advise-finding-commit-high",
            &[("commit", Arg::Text(&num(*commit_percent))), ("threshold", Arg::Text(&num(*threshold_percent)))],
        ),
        Finding::RatesNotMeasured => t("advise-finding-rates"),
    }
}

/// `memsweep advise`: the verdict, why, what to run, and the figures.
pub fn advice(advice: &Advice) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", t1("advise-heading", "verdict", &verdict_text(advice)));
    for finding in &advice.findings {
        let _ = writeln!(out, "  - {}", finding_text(finding));
    }
    if let Some(command) = advice_command(advice) {
        let _ = writeln!(out, "  {}", t1("advise-run", "command", &command));
    }
    let f = &advice.figures;
    let mut table = Table::new(2, &[1]);
    let optional = |v: Option<String>| v.unwrap_or_else(|| t("status-unavailable"));
    table.row([t("status-available"), format_bytes(f.available_bytes), format!("{:.1}%", f.available_percent)]);
    table.row([t("status-file-cache"), format_bytes(f.file_cache_bytes), String::new()]);
    table.row([t("status-droppable"), optional(f.droppable_cache_bytes.map(format_bytes)), String::new()]);
    if advice.os == "linux" {
        table.row([
            t("advise-pressure"),
            optional(f.pressure_some_avg10_percent.map(|p| format!("{p:.2}%"))),
            String::new(),
        ]);
        table.row([
            t("advise-refaults"),
            optional(f.refault_bytes_per_second.map(|r| format!("{}/s", format_bytes(r as u64)))),
            String::new(),
        ]);
        table.row([
            t("advise-major-faults"),
            optional(f.major_faults_per_second.map(|r| format!("{r:.1}/s"))),
            String::new(),
        ]);
        table.row([
            t("advise-fragmentation"),
            optional(f.fragmentation_index_order9_permille.map(|i| format_permille(i64::from(i)))),
            f.extfrag_threshold_permille
                .map_or_else(String::new, |x| t1("advise-extfrag", "threshold", &format_permille(i64::from(x)))),
        ]);
    } else {
        table.row([t("status-commit"), optional(f.commit_percent.map(|c| format!("{c:.1}%"))), String::new()]);
        table.row([t("status-standby"), optional(f.standby_bytes.map(format_bytes)), String::new()]);
        table.row([t("status-free"), optional(f.free_bytes.map(format_bytes)), String::new()]);
        table.row([t("status-modified"), optional(f.modified_bytes.map(format_bytes)), String::new()]);
        table.row([
            t("advise-hard-faults"),
            optional(f.hard_faults_per_second.map(|r| format!("{r:.0}/s"))),
            String::new(),
        ]);
    }
    let window = f
        .window_ms
        .map_or_else(String::new, |ms| t1("advise-window", "seconds", &format!("{:.1}", ms as f64 / 1000.0)));
    let _ = writeln!(out, "{} {window}", t("advise-figures"));
    table.render(&mut out);
    out
}

/// One line of advice, for `status`, `top` and the tray: the verdict and its first reason.
pub fn advice_line(advice: &Advice) -> String {
    let reason = advice.findings.iter().find(|f| !matches!(f, Finding::RatesNotMeasured)).map(finding_text);
    match reason {
        Some(reason) => format!("{} ({reason})", verdict_text(advice)),
        None => verdict_text(advice),
    }
}

/// The service's part of `status`: reachable or not, and what this user may do through it.
/// The Service lines of `status`. `installed` is asked only when nothing answers, to tell a
/// stopped service (start it) from a missing one (install it).
pub fn service(
    endpoint: &std::path::Path,
    status: &Result<ServiceInfo, ClientError>,
    installed: impl FnOnce() -> bool,
) -> String {
    let shown = endpoint.display().to_string();
    let line = match status {
        Ok(info) if info.may_clean.is_empty() => {
            tr_args("status-service-nothing", &[("endpoint", Arg::Text(&shown)), ("version", Arg::Text(&info.version))])
        }
        Ok(info) => tr_args(
            "status-service-may",
            &[
                ("endpoint", Arg::Text(&shown)),
                ("version", Arg::Text(&info.version)),
                ("areas", Arg::Text(&info.may_clean.join(", "))),
                ("gap", Arg::Number(info.min_gap_seconds as f64)),
            ],
        ),
        Err(ClientError::Denied(_)) => t1(
            if cfg!(windows) { "status-service-denied-windows" } else { "status-service-denied" },
            "endpoint",
            &shown,
        ),
        Err(ClientError::Unreachable(_)) => t1(
            match (installed(), cfg!(windows)) {
                (true, true) => "status-service-stopped-windows",
                (true, false) => "status-service-stopped",
                (false, true) => "status-service-absent-windows",
                (false, false) => "status-service-absent",
            },
            "endpoint",
            &shown,
        ),
        Err(ClientError::Broken(why)) => {
            tr_args("status-service-broken", &[("endpoint", Arg::Text(&shown)), ("why", Arg::Text(why))])
        }
    };
    format!("{}\n  {line}\n", t("status-service"))
}

#[cfg(test)]
mod tests {
    use memsweep_core::snapshot::{MemoryLists, PageFile, PhysicalMemory, Swap, SCHEMA};

    use super::*;

    #[test]
    fn the_service_lines_tell_a_stopped_service_from_a_missing_one() {
        let endpoint = std::path::Path::new(if cfg!(windows) { r"\\.\pipe\memsweep" } else { "/run/m.sock" });
        let gone = || Err(ClientError::Unreachable(std::io::Error::from(std::io::ErrorKind::NotFound)));
        let (install, start) = if cfg!(windows) {
            (
                "(install it from an elevated prompt: memsweep service install)",
                "(start it from an elevated prompt: memsweep service start)",
            )
        } else {
            ("(install it: sudo memsweep service install)", "(start it: sudo memsweep service start)")
        };
        let shown = endpoint.display();
        assert_eq!(service(endpoint, &gone(), || false), format!("Service\n  not running at {shown} {install}\n"));
        assert_eq!(
            service(endpoint, &gone(), || true),
            format!("Service\n  not running at {shown}: the service is installed but stopped {start}\n")
        );
        // Asked only when nothing answers.
        let caller = memsweep_core::history::Requester { id: "1000".into(), user: None, pid: None, privileged: false };
        let info = ServiceInfo {
            version: "0.2.0".into(),
            caller,
            may_clean: vec!["dirty".into()],
            min_gap_seconds: 0,
            rules_paused: false,
        };
        let answered = service(endpoint, &Ok(info), || panic!("asked whether it is installed"));
        assert!(answered.contains("answers (memsweep 0.2.0): you may clean dirty through it"), "{answered}");
    }

    const GIB: u64 = 1 << 30;
    const MIB: u64 = 1 << 20;

    fn windows(page_files: Availability<Vec<PageFile>>) -> Snapshot {
        let swap = page_files.value().and_then(|files| Swap::of_page_files(files));
        Snapshot {
            schema: SCHEMA,
            os: "windows",
            taken_at_ms: 0,
            memory: PhysicalMemory {
                total_bytes: 16 * GIB,
                available_bytes: 8 * GIB,
                free_bytes: None,
                file_cache_bytes: 2 * GIB,
                droppable_cache_bytes: None,
            },
            swap,
            linux: None,
            windows: Some(WindowsMemory {
                page_size: 4096,
                commit_bytes: 9 * GIB,
                commit_limit_bytes: 20 * GIB,
                commit_peak_bytes: Some(11 * GIB),
                page_files,
                system_file_cache_bytes: Some(300 * MIB),
                lists: Availability::Available { value: MemoryLists::default() },
                hard_faults: None,
            }),
        }
    }

    /// `status` of a snapshot, with the advice the command would give.
    fn shown(snapshot: &Snapshot) -> String {
        let advice = memsweep_core::advise::advise(snapshot, None, &Default::default(), &[]);
        status(snapshot, 9, &advice)
    }

    fn row<'a>(text: &'a str, label: &str) -> &'a str {
        text.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("no '{label}' in\n{text}"))
    }

    #[test]
    fn windows_status_shows_each_page_file_and_commit_apart() {
        let files = vec![
            PageFile { path: r"C:\pagefile.sys".into(), total_bytes: 4 * GIB, in_use_bytes: GIB, peak_bytes: 2 * GIB },
            PageFile { path: r"D:\pagefile.sys".into(), total_bytes: GIB, in_use_bytes: 0, peak_bytes: 0 },
        ];
        let text = shown(&windows(Availability::Available { value: files }));
        let used = row(&text, "page files used");
        assert!(used.contains("1.00 GiB") && used.contains("of 5.00 GiB"), "{used}");
        assert!(row(&text, "commit charge").contains("9.00 GiB"), "{text}");
        assert!(row(&text, "commit limit").contains("20.0 GiB"), "{text}");
        assert!(row(&text, "commit peak").contains("11.0 GiB"), "{text}");
        let c = row(&text, r"C:\pagefile.sys");
        assert_eq!(
            c.split_whitespace().collect::<Vec<_>>(),
            [r"C:\pagefile.sys", "4.00", "GiB", "1.00", "GiB", "2.00", "GiB"]
        );
        assert!(row(&text, r"D:\pagefile.sys").contains("1.00 GiB"));
        assert!(!text.contains("swap used"), "Windows has page files, not swap:\n{text}");
    }

    #[test]
    fn no_page_file_is_none_and_an_unreadable_one_says_why() {
        let none = shown(&windows(Availability::Available { value: Vec::new() }));
        assert!(row(&none, "page files").ends_with("none"), "{none}");
        let heading = none.lines().position(|l| l == "Page files").unwrap();
        assert_eq!(none.lines().nth(heading + 1), Some("  none"));
        let reason = "the page-file query failed: STATUS_INVALID_INFO_CLASS (0xC0000003)".to_string();
        let unreadable = shown(&windows(Availability::Unavailable { reason: reason.clone() }));
        assert!(row(&unreadable, "page files").ends_with("unavailable"), "{unreadable}");
        assert!(unreadable.contains(&format!("  unavailable: {reason}")), "{unreadable}");
        assert!(!unreadable.contains("page files used"), "no made-up page file: {unreadable}");
    }
}
