//! The history of cleans: one JSON object per line, appended whole, read back tolerating a
//! torn last line (a crash mid-write, a full disk).

use serde::{Deserialize, Serialize};

use crate::report::Report;

pub const SCHEMA: &str = "memsweep.history/1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub schema: String,
    /// Milliseconds since the Unix epoch, when the clean started.
    pub time_ms: u64,
    /// "manual", or the rule that fired ("usage >= 90%").
    pub trigger: String,
    pub areas: Vec<String>,
    pub report: Report,
}

impl HistoryEntry {
    pub fn new(trigger: impl Into<String>, report: Report) -> HistoryEntry {
        HistoryEntry {
            schema: SCHEMA.to_string(),
            time_ms: report.started_at_ms,
            trigger: trigger.into(),
            areas: report.areas.iter().map(|a| a.id.clone()).collect(),
            report,
        }
    }

    /// The entry as one line, newline included, to be written with a single write.
    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// Parsed entries, and how many lines could not be read (a torn or foreign line).
pub fn parse(text: &str) -> (Vec<HistoryEntry>, usize) {
    let mut entries = Vec::new();
    let mut unreadable = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<HistoryEntry>(line) {
            Ok(entry) => entries.push(entry),
            Err(_) => unreadable += 1,
        }
    }
    (entries, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Report, Tally};

    fn report(at: u64) -> Report {
        Report {
            schema: crate::report::SCHEMA.into(),
            os: "linux".into(),
            dry_run: false,
            started_at_ms: at,
            duration_us: 5,
            areas: Vec::new(),
            totals: Vec::new(),
            tally: Tally::default(),
            cancelled: false,
        }
    }

    #[test]
    fn lines_round_trip_and_a_torn_line_is_skipped() {
        let a = HistoryEntry::new("manual", report(1));
        let b = HistoryEntry::new("usage >= 90%", report(2));
        let mut text = a.to_line() + &b.to_line();
        assert_eq!(text.matches('\n').count(), 2);
        let torn = b.to_line();
        text.push_str(&torn[..torn.len() / 2]);
        let (entries, unreadable) = parse(&text);
        assert_eq!(entries, vec![a, b]);
        assert_eq!(unreadable, 1);
    }
}
