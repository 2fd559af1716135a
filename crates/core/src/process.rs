//! Choosing processes for per-process areas, the same way on every OS.

use serde::Serialize;

use crate::plan::PlanError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProcessInfo {
    pub pid: u32,
    /// Short name: Linux comm (or the executable's file name), Windows image name.
    pub name: String,
    pub resident_bytes: u64,
}

/// `--pid`, `--name`, `--exclude` (and the config's exclusions).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessSelector {
    pub pids: Vec<u32>,
    pub names: Vec<String>,
    pub exclude: Vec<String>,
}

/// Names compare case-insensitively and without a trailing ".exe", so `--name chrome`
/// matches `chrome.exe` on Windows and `chrome` on Linux.
pub fn same_name(a: &str, b: &str) -> bool {
    fn base(s: &str) -> &str {
        match s.len().checked_sub(4).and_then(|i| Some((i, s.get(i..)?))) {
            Some((i, ext)) if i > 0 && ext.eq_ignore_ascii_case(".exe") => &s[..i],
            _ => s,
        }
    }
    base(a).eq_ignore_ascii_case(base(b))
}

impl ProcessSelector {
    pub fn is_empty(&self) -> bool {
        self.pids.is_empty() && self.names.is_empty()
    }

    /// The chosen processes, never including `own_pid` (memsweep does not trim itself) nor an
    /// excluded name. A pid that does not exist, or a name that matches nothing, is an error:
    /// the user asked for something that is not there.
    pub fn select(&self, running: &[ProcessInfo], own_pid: u32) -> Result<Vec<ProcessInfo>, PlanError> {
        let excluded = |p: &ProcessInfo| self.exclude.iter().any(|x| same_name(x, &p.name));
        let mut chosen: Vec<ProcessInfo> = Vec::new();
        for &pid in &self.pids {
            let process = running.iter().find(|p| p.pid == pid).ok_or(PlanError::NoSuchProcess(pid))?;
            if pid != own_pid && !excluded(process) && !chosen.iter().any(|c| c.pid == pid) {
                chosen.push(process.clone());
            }
        }
        for name in &self.names {
            let mut matched = false;
            for process in running.iter().filter(|p| same_name(name, &p.name)) {
                matched = true;
                if process.pid != own_pid && !excluded(process) && !chosen.iter().any(|c| c.pid == process.pid) {
                    chosen.push(process.clone());
                }
            }
            if !matched {
                return Err(PlanError::NoProcessNamed(name.clone()));
            }
        }
        Ok(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proc(pid: u32, name: &str) -> ProcessInfo {
        ProcessInfo { pid, name: name.into(), resident_bytes: 0 }
    }

    #[test]
    fn selects_by_pid_and_name_without_self_or_excluded() {
        let running =
            [proc(1, "init"), proc(10, "Chrome.exe"), proc(11, "chrome"), proc(12, "game"), proc(99, "memsweep")];
        let selector =
            ProcessSelector { pids: vec![12, 99], names: vec!["chrome".into()], exclude: vec!["CHROME.EXE".into()] };
        let chosen = selector.select(&running, 99).unwrap();
        assert_eq!(chosen.iter().map(|p| p.pid).collect::<Vec<_>>(), vec![12]);
    }

    #[test]
    fn missing_pid_or_name_is_an_error() {
        let running = [proc(1, "init")];
        let by_pid = ProcessSelector { pids: vec![4242], ..Default::default() };
        assert_eq!(by_pid.select(&running, 0), Err(PlanError::NoSuchProcess(4242)));
        let by_name = ProcessSelector { names: vec!["nothere".into()], ..Default::default() };
        assert_eq!(by_name.select(&running, 0), Err(PlanError::NoProcessNamed("nothere".into())));
    }

    #[test]
    fn duplicates_are_trimmed_once() {
        let running = [proc(5, "a"), proc(6, "a")];
        let selector = ProcessSelector { pids: vec![5, 5], names: vec!["a".into()], exclude: vec![] };
        let chosen = selector.select(&running, 0).unwrap();
        assert_eq!(chosen.len(), 2);
    }
}
