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

/// `--pid`, `--name`, `--all-processes`, `--exclude` (and the config's exclusions).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessSelector {
    pub pids: Vec<u32>,
    pub names: Vec<String>,
    /// Every process (but the excluded ones and memsweep itself).
    pub all: bool,
    pub exclude: Vec<String>,
}

/// Whether an exclusion names a file by its path rather than by its name.
fn is_path(entry: &str) -> bool {
    entry.contains(['/', '\\'])
}

/// Paths compare case-insensitively (as Windows compares them) with either slash.
fn same_path(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace('\\', "/").to_lowercase();
    norm(a) == norm(b)
}

/// Whether a process is excluded by `exclude`: an entry without a slash names the executable
/// ([`same_name`]: `game`, `Game.exe`), an entry with one its full path (`C:\Games\game.exe`,
/// `/opt/daw/bin/daw`). `path` is asked only when some entry is a path (it may cost a call).
pub fn is_excluded(exclude: &[String], name: &str, path: impl FnOnce() -> Option<String>) -> bool {
    if exclude.iter().any(|x| !is_path(x) && same_name(x, name)) {
        return true;
    }
    if !exclude.iter().any(|x| is_path(x)) {
        return false;
    }
    path().is_some_and(|path| exclude.iter().any(|x| is_path(x) && same_path(x, &path)))
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
        self.pids.is_empty() && self.names.is_empty() && !self.all
    }

    /// The chosen processes, never including `own_pid` (memsweep does not trim itself) nor an
    /// excluded one (by name, or by path through `path_of`). A pid that does not exist, or a
    /// name that matches nothing, is an error: the user asked for something that is not there.
    pub fn select(
        &self,
        running: &[ProcessInfo],
        own_pid: u32,
        path_of: &dyn Fn(u32) -> Option<String>,
    ) -> Result<Vec<ProcessInfo>, PlanError> {
        let excluded = |p: &ProcessInfo| is_excluded(&self.exclude, &p.name, || path_of(p.pid));
        let mut chosen: Vec<ProcessInfo> = Vec::new();
        if self.all {
            chosen.extend(running.iter().filter(|p| p.pid != own_pid && !excluded(p)).cloned());
            return Ok(chosen);
        }
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
        let selector = ProcessSelector {
            pids: vec![12, 99],
            names: vec!["chrome".into()],
            exclude: vec!["CHROME.EXE".into()],
            ..Default::default()
        };
        let chosen = selector.select(&running, 99, &no_paths).unwrap();
        assert_eq!(chosen.iter().map(|p| p.pid).collect::<Vec<_>>(), vec![12]);
    }

    #[test]
    fn missing_pid_or_name_is_an_error() {
        let running = [proc(1, "init")];
        let by_pid = ProcessSelector { pids: vec![4242], ..Default::default() };
        assert_eq!(by_pid.select(&running, 0, &no_paths), Err(PlanError::NoSuchProcess(4242)));
        let by_name = ProcessSelector { names: vec!["nothere".into()], ..Default::default() };
        assert_eq!(by_name.select(&running, 0, &no_paths), Err(PlanError::NoProcessNamed("nothere".into())));
    }

    #[test]
    fn duplicates_are_trimmed_once() {
        let running = [proc(5, "a"), proc(6, "a")];
        let selector = ProcessSelector { pids: vec![5, 5], names: vec!["a".into()], ..Default::default() };
        let chosen = selector.select(&running, 0, &no_paths).unwrap();
        assert_eq!(chosen.len(), 2);
    }

    fn no_paths(_: u32) -> Option<String> {
        None
    }

    #[test]
    fn exclusion_by_name_or_by_full_path_ignores_case() {
        let game = || Some(r"C:\Games\Doom\DOOM.exe".to_string());
        let none = || -> Option<String> { panic!("no path entry: the path is never asked") };
        assert!(is_excluded(&["doom".into()], "DOOM.exe", none));
        assert!(is_excluded(&["Doom.EXE".into()], "DOOM.exe", none));
        assert!(!is_excluded(&["doo".into()], "DOOM.exe", none));
        assert!(is_excluded(&[r"c:\games\doom\doom.exe".into()], "DOOM.exe", game));
        assert!(is_excluded(&["C:/Games/Doom/DOOM.EXE".into()], "DOOM.exe", game));
        assert!(!is_excluded(&[r"D:\Games\Doom\DOOM.exe".into()], "DOOM.exe", game));
        // a path entry never matches a process whose path cannot be read
        assert!(!is_excluded(&[r"C:\Games\Doom\DOOM.exe".into()], "DOOM.exe", || None));
        assert!(is_excluded(&["/opt/daw/bin/daw".into()], "daw", || Some("/opt/daw/bin/daw".into())));
        assert!(!is_excluded(&[], "anything", none));
    }

    #[test]
    fn all_processes_but_the_excluded_and_self() {
        let running = [proc(1, "init"), proc(10, "game.exe"), proc(11, "bash"), proc(12, "daw"), proc(99, "memsweep")];
        let paths = |pid: u32| (pid == 12).then(|| "/opt/daw/bin/daw".to_string());
        let selector = ProcessSelector {
            all: true,
            exclude: vec!["GAME".into(), "/opt/DAW/bin/daw".into()],
            ..Default::default()
        };
        assert!(!selector.is_empty());
        let chosen = selector.select(&running, 99, &paths).unwrap();
        assert_eq!(chosen.iter().map(|p| p.pid).collect::<Vec<_>>(), vec![1, 11]);
    }
}
