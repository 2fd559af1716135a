//! The history of cleans: one JSON object per line, appended whole, read back tolerating a
//! torn last line (a crash mid-write, a full disk).
//!
//! Two kinds of line: a clean (written when it ends), and, minutes later, that clean's cost (what
//! came back after it, measured by the daemon). Reading joins each cost to its clean.

use serde::{Deserialize, Serialize};

use crate::report::Report;

/// Version 2 added cost lines (`"kind": "cost"`) and the `cost` of a clean when read back.
pub const SCHEMA: &str = "memsweep.history/2";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub schema: String,
    /// Milliseconds since the Unix epoch, when the clean started.
    pub time_ms: u64,
    /// "manual", or the rule that fired ("usage >= 90%").
    pub trigger: String,
    pub areas: Vec<String>,
    pub report: Report,
    /// Who asked for it through the service's endpoint; `None` for a clean run in-process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<Requester>,
    /// What the clean cost afterwards, once the daemon has measured it (joined on reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CleanCost>,
}

/// A caller of the service's endpoint, as the OS told the daemon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    /// Linux: the uid; Windows: the user's SID.
    pub id: String,
    /// The user's name, where it could be looked up.
    pub user: Option<String>,
    pub pid: Option<u32>,
    /// Root / an administrator.
    pub privileged: bool,
}

impl std::fmt::Display for Requester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.user {
            Some(user) => write!(f, "{user} ({})", self.id)?,
            None => write!(f, "{}", self.id)?,
        }
        if let Some(pid) = self.pid {
            write!(f, " pid {pid}")?;
        }
        Ok(())
    }
}

/// What came back after a clean, over `window_s` seconds from its end, beyond the rate before it
/// (`baseline_s` seconds of it; 0: no baseline was known and the figures are raw). `None`: the
/// OS does not count it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanCost {
    pub window_s: u64,
    pub baseline_s: u64,
    /// Linux: bytes read from storage (pgpgin).
    pub read_back_bytes: Option<u64>,
    /// Linux: major page faults.
    pub major_faults: Option<u64>,
    /// Linux: file pages read back soon after reclaim evicted them (drop_caches leaves no
    /// trace for this counter, so after a cache drop it stays near zero: see read_back_bytes).
    pub refault_bytes: Option<u64>,
    /// Windows: hard faults (page reads from disk).
    pub hard_faults: Option<u64>,
    /// Windows: how much the standby lists grew back.
    pub standby_refill_bytes: Option<u64>,
}

/// A cost line: the cost of the clean that started at `clean_ms`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLine {
    pub schema: String,
    pub kind: CostKind,
    pub clean_ms: u64,
    pub cost: CleanCost,
}

/// The one value of a cost line's `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CostKind {
    Cost,
}

impl CostLine {
    pub fn new(clean_ms: u64, cost: CleanCost) -> CostLine {
        CostLine { schema: SCHEMA.to_string(), kind: CostKind::Cost, clean_ms, cost }
    }

    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

impl HistoryEntry {
    pub fn new(trigger: impl Into<String>, report: Report) -> HistoryEntry {
        HistoryEntry {
            schema: SCHEMA.to_string(),
            time_ms: report.started_at_ms,
            trigger: trigger.into(),
            areas: report.areas.iter().map(|a| a.id.clone()).collect(),
            report,
            requested_by: None,
            cost: None,
        }
    }

    /// The entry as one line, newline included, to be written with a single write.
    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// Parsed cleans with their costs joined, and how many lines could not be read (a torn or
/// foreign line).
pub fn parse(text: &str) -> (Vec<HistoryEntry>, usize) {
    let mut entries: Vec<HistoryEntry> = Vec::new();
    let mut costs = Vec::new();
    let mut unreadable = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Ok(entry) = serde_json::from_str::<HistoryEntry>(line) {
            entries.push(entry);
        } else if let Ok(cost) = serde_json::from_str::<CostLine>(line) {
            costs.push(cost);
        } else {
            unreadable += 1;
        }
    }
    for cost in costs {
        if let Some(entry) = entries.iter_mut().rev().find(|e| e.time_ms == cost.clean_ms) {
            entry.cost = Some(cost.cost);
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

    #[test]
    fn cost_lines_join_their_clean_and_old_lines_still_read() {
        let clean = HistoryEntry::new("manual", report(7));
        let cost = CleanCost { window_s: 120, read_back_bytes: Some(1 << 30), ..CleanCost::default() };
        let text = clean.to_line() + &CostLine::new(7, cost.clone()).to_line();
        let (entries, unreadable) = parse(&text);
        assert_eq!((entries.len(), unreadable), (1, 0));
        assert_eq!(entries[0].cost, Some(cost));
        // a version 1 line (no cost field) reads as a clean without cost
        let old = r#"{"schema":"memsweep.history/1","time_ms":5,"trigger":"manual","areas":[],"report":{"schema":"memsweep.clean/1","os":"linux","dry_run":false,"started_at_ms":5,"duration_us":1,"areas":[],"totals":[],"tally":{"done":0,"skipped":0,"unsupported":0,"failed":0,"planned":0},"cancelled":false}}"#;
        let (entries, unreadable) = parse(old);
        assert_eq!((entries.len(), unreadable, entries[0].cost.clone()), (1, 0, None));
    }
}
