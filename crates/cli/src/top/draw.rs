//! Drawing one frame of `memsweep top` from a [`ViewState`]. Pure: the same state always draws
//! the same cells, so tests render fixed states into ratatui's TestBackend.

use memsweep_core::frag::format_permille;
use memsweep_core::units::format_bytes;
use memsweep_i18n::{tr, tr_args, Arg};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Clear, Dataset, GraphType, Paragraph, Row, Sparkline, Table,
};
use ratatui::Frame;

use super::state::{SortBy, ViewState};

/// Segment colours, and the fill characters used instead when colour is off (NO_COLOR), so the
/// bar stays readable in monochrome.
const SEGMENT_STYLE: [(Color, char); 8] = [
    (Color::Red, '#'),
    (Color::DarkGray, '%'),
    (Color::Magenta, '='),
    (Color::Blue, '~'),
    (Color::Yellow, '!'),
    (Color::Cyan, '+'),
    (Color::Green, '.'),
    (Color::White, ':'),
];

fn style(state: &ViewState, colour: Color) -> Style {
    if state.colour {
        Style::default().fg(colour)
    } else {
        Style::default()
    }
}

fn block(title: String) -> Block<'static> {
    Block::bordered().title(title)
}

fn percent_of(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

pub fn draw(frame: &mut Frame, state: &ViewState) {
    let area = frame.area();
    let bottom_height = (area.height * 2 / 5).max(11);
    let [title, bar, advice, chart, bottom, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(bottom_height),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(frame, state, title);
    draw_composition(frame, state, bar);
    let mut line = tr_args("top-advice", &[("advice", Arg::Text(&state.advice))]);
    if let Some(last) = &state.last_clean {
        line.push_str(" · ");
        line.push_str(last);
    }
    frame.render_widget(Paragraph::new(line), advice);
    draw_history(frame, state, chart);
    let [left, right] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(bottom);
    if state.snapshot.linux.is_some() {
        draw_linux_details(frame, state, left);
    } else {
        draw_standby(frame, state, left);
    }
    draw_processes(frame, state, right);
    let footer_text = if state.status_line.is_empty() { tr("top-keys") } else { state.status_line.clone() };
    frame.render_widget(Paragraph::new(footer_text), footer);
    if state.help {
        draw_popup(frame, area, tr("top-help-title"), tr("top-help").lines().map(str::to_string).collect());
    }
    if let Some(chooser) = &state.chooser {
        let lines = chooser
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mark = if row.ticked { "[x]" } else { "[ ]" };
                let pointer = if i == chooser.cursor { ">" } else { " " };
                let risk = if row.risky { format!("  ({})", tr("top-risky")) } else { String::new() };
                format!("{pointer} {mark} {}{risk}", row.id)
            })
            .chain(std::iter::once(String::new()))
            .chain(std::iter::once(tr("top-chooser-keys")))
            .collect();
        draw_popup(frame, area, tr("top-chooser-title"), lines);
    }
    if let Some(question) = &state.confirm {
        draw_popup(frame, area, tr("top-confirm-title"), vec![question.clone(), String::new(), tr("top-confirm-keys")]);
    }
}

fn draw_title(frame: &mut Frame, state: &ViewState, area: Rect) {
    let m = &state.snapshot.memory;
    let text = tr_args(
        "top-title",
        &[
            ("total", Arg::Text(&format_bytes(m.total_bytes))),
            ("used", Arg::Text(&format!("{:.1}", m.used_percent()))),
            ("available", Arg::Text(&format_bytes(m.available_bytes))),
            ("refresh", Arg::Text(&format!("{:.1}", state.refresh_ms as f64 / 1000.0))),
        ],
    );
    frame.render_widget(Paragraph::new(text).style(Style::default().add_modifier(Modifier::BOLD)), area);
}

fn draw_composition(frame: &mut Frame, state: &ViewState, area: Rect) {
    let segments = state.composition();
    let total: u64 = segments.iter().map(|s| s.bytes).sum::<u64>().max(1);
    let outer = block(tr("top-composition"));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = inner.width as u64;
    let mut spans = Vec::new();
    let mut used_cells = 0u64;
    let mut cumulative = 0u64;
    for (index, segment) in segments.iter().enumerate() {
        cumulative += segment.bytes;
        // Cells by cumulative share, so rounding never adds up to more than the width.
        let end = cumulative * width / total;
        let cells = end.saturating_sub(used_cells);
        used_cells = end;
        let (colour, fill) = SEGMENT_STYLE[index % SEGMENT_STYLE.len()];
        let fill = if state.colour { '█' } else { fill };
        spans.push(Span::styled(fill.to_string().repeat(cells as usize), style(state, colour)));
    }
    let legend: Vec<Span> = segments
        .iter()
        .enumerate()
        .flat_map(|(index, segment)| {
            let (colour, fill) = SEGMENT_STYLE[index % SEGMENT_STYLE.len()];
            let key = if state.colour { '█' } else { fill };
            let text = format!(
                " {} {} {:.0}% ",
                tr(segment.label),
                format_bytes(segment.bytes),
                percent_of(segment.bytes, total)
            );
            [Span::styled(key.to_string(), style(state, colour)), Span::raw(text)]
        })
        .collect();
    let [bar_line, legend_lines] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(Line::from(spans)), bar_line);
    frame.render_widget(Paragraph::new(Line::from(legend)).wrap(ratatui::widgets::Wrap { trim: true }), legend_lines);
}

fn draw_history(frame: &mut Frame, state: &ViewState, area: Rect) {
    let total = state.snapshot.memory.total_bytes as f64;
    let now = state.history.back().map_or(0.0, |s| s.at_s);
    let start = now - state.window_s;
    let available: Vec<(f64, f64)> = state.history.iter().map(|s| (s.at_s, s.available as f64)).collect();
    let cache: Vec<(f64, f64)> = state.history.iter().map(|s| (s.at_s, s.cache as f64)).collect();
    // Each clean is a mark on the time axis.
    let markers: Vec<(f64, f64)> =
        state.cleans.iter().filter(|&&t| t >= start && t <= now).map(|&t| (t, 0.0)).collect();
    let mut datasets = vec![
        Dataset::default()
            .name(tr("top-available"))
            .marker(symbols::Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style(state, Color::Green))
            .data(&available),
        Dataset::default()
            .name(tr("top-cache"))
            .marker(symbols::Marker::Dot)
            .graph_type(GraphType::Line)
            .style(style(state, Color::Blue))
            .data(&cache),
    ];
    if !markers.is_empty() {
        datasets.push(
            Dataset::default()
                .name(tr("top-clean-marker"))
                .marker(symbols::Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(style(state, Color::Yellow))
                .data(&markers),
        );
    }
    let minutes = (state.window_s / 60.0).round();
    let chart = Chart::new(datasets)
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(2, 3)))
        .block(block(tr_args("top-history", &[("minutes", Arg::Number(minutes))])))
        .x_axis(Axis::default().bounds([start, now]).labels([format!("-{minutes}m"), tr("top-now")]))
        .y_axis(Axis::default().bounds([0.0, total.max(1.0)]).labels(["0".to_string(), format_bytes(total as u64)]));
    frame.render_widget(chart, area);
}

fn draw_linux_details(frame: &mut Frame, state: &ViewState, area: Rect) {
    let [frag_area, psi_area] = Layout::vertical([Constraint::Min(4), Constraint::Length(3)]).areas(area);
    // Orders side by side in two columns, so all eleven fit in an 80x24 terminal.
    let orders = state.fragmentation();
    let half = orders.len().div_ceil(2);
    let cell = |o: Option<&(u32, u64, u32)>| match o {
        Some((order, blocks, unusable)) => {
            vec![order.to_string(), blocks.to_string(), format_permille(i64::from(*unusable))]
        }
        None => vec![String::new(); 3],
    };
    let rows: Vec<Row> =
        (0..half).map(|i| Row::new([cell(orders.get(i)), cell(orders.get(i + half))].concat())).collect();
    let names = [tr("top-order"), tr("top-free-blocks"), tr("top-unusable")];
    let header = Row::new([names.clone(), names].concat()).style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [Constraint::Length(3), Constraint::Length(7), Constraint::Length(6)];
    let table = Table::new(rows, [widths, widths].concat()).header(header).block(block(tr("top-fragmentation")));
    frame.render_widget(table, frag_area);

    let pressure = state.snapshot.linux.as_ref().and_then(|l| l.pressure);
    let title = match pressure {
        Some(p) => tr_args(
            "top-pressure",
            &[
                ("some", Arg::Text(&format!("{:.2}", p.some.avg10))),
                ("full", Arg::Text(&format!("{:.2}", p.full.map_or(0.0, |f| f.avg10)))),
            ],
        ),
        None => tr("top-pressure-absent"),
    };
    let outer = block(title);
    let inner = outer.inner(psi_area);
    frame.render_widget(outer, psi_area);
    let values = &state.pressure_some;
    let tail: Vec<u64> = values.iter().skip(values.len().saturating_sub(inner.width as usize)).copied().collect();
    frame.render_widget(Sparkline::default().data(tail).max(10_000).style(style(state, Color::Yellow)), inner);
}

fn draw_standby(frame: &mut Frame, state: &ViewState, area: Rect) {
    let lists = state.snapshot.windows.as_ref().map(|w| &w.lists);
    match lists.and_then(|l| l.value()) {
        Some(lists) => {
            let bars: Vec<Bar> = lists
                .standby_by_priority_bytes
                .iter()
                .enumerate()
                .map(|(priority, bytes)| {
                    Bar::default()
                        .label(Line::from(priority.to_string()))
                        .value(bytes >> 20)
                        .text_value(format_bytes(*bytes))
                })
                .collect();
            let chart = BarChart::default()
                .block(block(tr("top-standby-priority")))
                .data(BarGroup::default().bars(&bars))
                .bar_width(3)
                .bar_gap(1)
                .bar_style(style(state, Color::Blue));
            frame.render_widget(chart, area);
        }
        None => {
            let reason = match lists {
                Some(memsweep_core::snapshot::Availability::Unavailable { reason }) => reason.clone(),
                _ => String::new(),
            };
            let text = tr_args("top-lists-unavailable", &[("reason", Arg::Text(&reason))]);
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(ratatui::widgets::Wrap { trim: true })
                    .block(block(tr("top-standby-priority"))),
                area,
            );
        }
    }
}

fn draw_processes(frame: &mut Frame, state: &ViewState, area: Rect) {
    let total = state.snapshot.memory.total_bytes;
    let visible = area.height.saturating_sub(3) as usize;
    let first = state.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row> = state
        .processes
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(index, p)| {
            let row = Row::new([
                p.pid.to_string(),
                p.name.clone(),
                format_bytes(p.resident_bytes),
                format!("{:.1}%", percent_of(p.resident_bytes, total)),
            ]);
            if index == state.selected {
                row.style(Style::default().add_modifier(Modifier::REVERSED))
            } else {
                row
            }
        })
        .collect();
    let sort = match state.sort {
        SortBy::Resident => tr("top-sort-rss"),
        SortBy::Name => tr("top-sort-name"),
        SortBy::Pid => tr("top-sort-pid"),
    };
    let header = Row::new([tr("top-pid"), tr("top-name"), tr("top-rss"), tr("top-share")])
        .style(Style::default().add_modifier(Modifier::BOLD));
    let table =
        Table::new(rows, [Constraint::Length(8), Constraint::Min(8), Constraint::Length(10), Constraint::Length(6)])
            .header(header)
            .block(block(tr_args("top-processes", &[("sort", Arg::Text(&sort))])));
    frame.render_widget(table, area);
}

/// A rendered buffer as text lines, wide characters counted once (their second cell is blank).
pub fn buffer_lines(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line
        })
        .collect()
}

fn draw_popup(frame: &mut Frame, area: Rect, title: String, lines: Vec<String>) {
    let width = lines.iter().map(|l| unicode_width::UnicodeWidthStr::width(l.as_str())).max().unwrap_or(10) as u16 + 4;
    let height = lines.len() as u16 + 2;
    let popup = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width: width.min(area.width),
        height: height.min(area.height),
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>()).block(block(title)),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use memsweep_core::snapshot::{
        Availability, LinuxMemory, Meminfo, MemoryLists, PhysicalMemory, Pressure, PressureLine, Snapshot, VmStat,
        WindowsMemory, Zone, SCHEMA,
    };
    use memsweep_core::ProcessInfo;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    use super::*;

    const GIB: u64 = 1 << 30;
    const MIB: u64 = 1 << 20;

    fn linux_snapshot(at_ms: u64, cache: u64) -> Snapshot {
        let meminfo = Meminfo {
            total: 16 * GIB,
            free: 8 * GIB,
            available: 12 * GIB,
            buffers: 0,
            cached: cache + 100 * MIB,
            shmem: 100 * MIB,
            slab_reclaimable: 200 * MIB,
            dirty: 50 * MIB,
            writeback: 0,
            active_file: cache / 2,
            inactive_file: cache / 2,
            mapped: 10 * MIB,
            anon: 2 * GIB,
            swap_total: 0,
            swap_free: 0,
        };
        let zone = Zone::new(0, "Normal".into(), vec![1000, 500, 200, 100, 50, 25, 12, 6, 3, 2, 1000]);
        let some = PressureLine { avg10: 1.5, avg60: 0.5, avg300: 0.1, total_us: 10 };
        Snapshot {
            schema: SCHEMA,
            os: "linux",
            taken_at_ms: at_ms,
            memory: PhysicalMemory {
                total_bytes: 16 * GIB,
                available_bytes: 12 * GIB,
                free_bytes: Some(8 * GIB),
                file_cache_bytes: meminfo.file_cache(),
                droppable_cache_bytes: Some(meminfo.droppable()),
            },
            swap: None,
            linux: Some(LinuxMemory {
                page_size_bytes: 4096,
                meminfo,
                vmstat: VmStat::default(),
                pressure: Some(Pressure { some, full: Some(PressureLine::default()) }),
                zones: vec![zone],
                extfrag_threshold: Some(500),
            }),
            windows: None,
        }
    }

    fn state_of(snapshot: Snapshot) -> ViewState {
        let mut state = ViewState::new(snapshot.clone(), 600.0, 1000, false);
        for step in 1..=120u64 {
            let mut next = snapshot.clone();
            next.taken_at_ms += step * 1000;
            if let Some(linux) = next.linux.as_mut() {
                linux.meminfo.cached += step * 10 * MIB;
                next.memory.file_cache_bytes = linux.meminfo.file_cache();
            }
            state.push(next);
        }
        state.cleans.push(60.0);
        state.set_processes(vec![
            ProcessInfo { pid: 42, name: "firefox".into(), resident_bytes: GIB },
            ProcessInfo { pid: 7, name: "sshd".into(), resident_bytes: 8 * MIB },
            ProcessInfo { pid: 99, name: "game".into(), resident_bytes: 3 * GIB },
        ]);
        state
    }

    fn render(state: &ViewState, width: u16, height: u16) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw(frame, state)).unwrap();
        buffer_lines(terminal.backend().buffer())
    }

    fn assert_no_colour(state: &ViewState, width: u16, height: u16) {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw(frame, state)).unwrap();
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert_eq!(cell.fg, Color::Reset, "NO_COLOR: no foreground colour anywhere");
            assert_eq!(cell.bg, Color::Reset);
        }
    }

    #[test]
    fn linux_at_80x24_without_colour() {
        let state = state_of(linux_snapshot(1_000_000, GIB));
        let lines = render(&state, 80, 24);
        assert_eq!(lines[0].trim_end(), "memsweep top · 16.0 GiB · used 25.0% · available 12.0 GiB · every 1.0 s");
        assert!(lines[1].starts_with("┌Physical memory"), "{}", lines[1]);
        // the bar: monochrome fill characters, used (#) first and free (.) last, filling the width
        assert!(lines[2].starts_with("│###"), "{}", lines[2]);
        assert!(lines[2].trim_end().ends_with(".│"), "{}", lines[2]);
        assert!(lines[3].contains("# process memory 2.00 GiB 12%"), "{}", lines[3]);
        assert!(lines.iter().any(|l| l.contains("Available and file cache, last 10 min")));
        let frag = lines.iter().position(|l| l.contains("Fragmentation (all zones)")).unwrap();
        assert!(lines[frag + 1].contains("ord blocks unus."), "{}", lines[frag + 1]);
        // order 4 on the left, order 10 on the right of the same row. By hand: F = 1 032 528 pages;
        // order 4 cannot use orders 0-3 (3600 pages): 3600000 / F = 3; order 10: 8528000 / F = 8
        assert!(lines[frag + 6].starts_with("│4   50     0.003 10  1000   0.008"), "{}", lines[frag + 6]);
        assert!(lines.iter().any(|l| l.contains("PSI avg10: some 1.50% · full 0.00%")));
        let processes = lines.iter().position(|l| l.contains("Processes by resident memory")).unwrap();
        assert!(lines[processes + 2].contains("99       game"), "largest first: {}", lines[processes + 2]);
        assert!(lines[processes + 3].contains("42       firefox"));
        assert_eq!(
            lines[23].trim_end(),
            "c clean · a areas · p trim · r refresh · s sort · ↑↓ select · q quit · ? help"
        );
        for line in &lines {
            assert_eq!(unicode_width::UnicodeWidthStr::width(line.as_str()), 80, "{line}");
        }
        assert_no_colour(&state, 80, 24);
    }

    #[test]
    fn linux_at_160x48_shows_the_chart_legend_and_the_clean_mark() {
        let state = state_of(linux_snapshot(1_000_000, GIB));
        let lines = render(&state, 160, 48);
        assert!(
            lines.iter().any(|l| l.contains("│available ")) && lines.iter().any(|l| l.contains("│file cache│")),
            "legend"
        );
        assert!(lines.iter().any(|l| l.contains("│clean     │")), "the clean is marked");
        let axis = lines.iter().position(|l| l.contains("│        └───")).unwrap();
        assert!(lines[axis - 1].contains('█'), "the mark sits on the time axis: {}", lines[axis - 1]);
        assert!(lines.iter().any(|l| l.contains("-10m")) && lines.iter().any(|l| l.contains("now")));
        assert_no_colour(&state, 160, 48);
    }

    #[test]
    fn windows_shows_the_standby_list_by_priority_or_why_not() {
        let mut snapshot = linux_snapshot(1_000_000, 0);
        snapshot.os = "windows";
        snapshot.linux = None;
        let lists = MemoryLists {
            zeroed_bytes: GIB,
            free_bytes: GIB,
            modified_bytes: 512 * MIB,
            standby_by_priority_bytes: [100 * MIB, 0, 0, 0, 0, 2 * GIB, 500 * MIB, 0],
            ..MemoryLists::default()
        };
        snapshot.windows = Some(WindowsMemory {
            page_size: 4096,
            commit_bytes: 4 * GIB,
            commit_limit_bytes: 20 * GIB,
            commit_peak_bytes: Some(6 * GIB),
            page_files: Availability::Available { value: Vec::new() },
            system_file_cache_bytes: Some(300 * MIB),
            lists: Availability::Available { value: lists },
            hard_faults: None,
        });
        let lines = render(&state_of(snapshot.clone()), 80, 24);
        assert!(lines.iter().any(|l| l.contains("Standby list by priority (0-7)")));
        assert!(lines[3].contains("in use") && lines[3].contains("modified"), "{}", lines[3]);
        let unavailable = WindowsMemory {
            lists: Availability::Unavailable { reason: "STATUS_INVALID_INFO_CLASS (0xC0000003)".into() },
            ..snapshot.windows.clone().unwrap()
        };
        snapshot.windows = Some(unavailable);
        let lines = render(&state_of(snapshot), 80, 24).join("\n");
        assert!(lines.contains("memory lists unavailable:"), "{lines}");
    }
}
