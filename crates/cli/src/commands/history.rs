//! `memsweep history`: past cleans as a table or JSON lines.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use memsweep_app::{history_file, Session};
use memsweep_core::units::{format_bytes, format_signed_bytes};
use memsweep_core::ExitStatus;

use crate::args::HistoryArgs;
use crate::output::print;
use crate::{render, Failure};

/// "2h" (that long ago) or an RFC 3339 time -> milliseconds since the epoch.
fn since_ms(text: &str) -> Result<u64, Failure> {
    let to_ms = |t: SystemTime| t.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
    if let Ok(ago) = humantime::parse_duration(text) {
        return Ok(to_ms(SystemTime::now().checked_sub(ago).unwrap_or(UNIX_EPOCH)));
    }
    humantime::parse_rfc3339_weak(text).map(to_ms).map_err(|_| {
        Failure::new(
            ExitStatus::Usage,
            format!("--since '{text}': give a duration (2h, 30min) or a time (2026-11-26T08:00:00Z)"),
        )
    })
}

fn time_text(ms: u64) -> String {
    let time = UNIX_EPOCH + Duration::from_millis(ms);
    humantime::format_rfc3339_seconds(time).to_string().replace('T', " ").replace('Z', " UTC")
}

pub fn history(args: &HistoryArgs, session: &Session) -> Result<ExitStatus, Failure> {
    let path = session.history_path()?;
    let since = args.since.as_deref().map(since_ms).transpose()?.unwrap_or(0);
    let (entries, unreadable) =
        history_file::read(&path).map_err(|e| Failure::new(ExitStatus::Error, format!("{}: {e}", path.display())))?;
    if unreadable > 0 {
        eprintln!("memsweep: warning: {}: {unreadable} line(s) could not be read and were skipped", path.display());
    }
    let entries: Vec<_> = entries.into_iter().filter(|e| e.time_ms >= since).collect();
    if args.json {
        let mut text = String::new();
        for entry in &entries {
            text.push_str(&entry.to_line());
        }
        return print(&text).map(|_| ExitStatus::Ok);
    }
    if entries.is_empty() {
        let shown = path.display().to_string();
        print(&(memsweep_i18n::tr_args("history-empty", &[("path", memsweep_i18n::Arg::Text(&shown))]) + "\n"))?;
        return Ok(ExitStatus::Ok);
    }
    let headers = ["time", "trigger", "result", "took", "free", "file-cache", "available-after", "read-back", "faults"];
    let mut rows = vec![headers.map(|h| memsweep_i18n::tr(&format!("history-{h}"))).to_vec()];
    for entry in &entries {
        let report = &entry.report;
        let t = &report.tally;
        let delta =
            |metric: &str| report.total(metric).and_then(|c| c.delta()).map_or("n/a".into(), format_signed_bytes);
        let available = report
            .total("available_bytes")
            .and_then(|c| c.after)
            .map_or("n/a".into(), |v| format_bytes(v.max(0) as u64));
        let mut result = format!("{} {}", t.done, render::outcome_text(memsweep_core::Outcome::Done));
        if t.failed > 0 {
            result.push_str(&format!(", {} {}", t.failed, render::outcome_text(memsweep_core::Outcome::Failed)));
        }
        if report.cancelled {
            result.push_str(", stopped");
        }
        rows.push(vec![
            time_text(entry.time_ms),
            entry.trigger.clone(),
            result,
            format!("{} ms", report.duration_us / 1000),
            delta("free_bytes"),
            delta("file_cache_bytes"),
            available,
            // What came back afterwards, once the daemon has measured it.
            entry.cost.as_ref().map_or_else(String::new, |c| {
                c.read_back_bytes.map_or_else(|| "n/a".into(), |b| format!("{} / {} s", format_bytes(b), c.window_s))
            }),
            entry.cost.as_ref().map_or_else(String::new, |c| {
                c.major_faults.or(c.hard_faults).map_or_else(|| "n/a".into(), |f| f.to_string())
            }),
        ]);
    }
    print(&render::columns(&rows, &[3, 4, 5, 6, 7, 8]))?;
    Ok(ExitStatus::Ok)
}
