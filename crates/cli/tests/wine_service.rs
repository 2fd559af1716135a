//! `memsweep service` end to end under Wine: the real memsweep.exe registers a real service with
//! Wine's Service Control Manager (services.exe), which starts `memsweep.exe service run` as
//! LocalSystem; a client that is not elevated cleans through the named pipe, and stop and
//! uninstall leave nothing behind.
//!
//! A caller that is not elevated: Wine starts every program with the elevated half of a UAC
//! token pair, so memsweep.exe would clean in-process. tools/wine-test-limited (test-only, built
//! here with mingw) starts it with the linked limited token instead — TokenIsElevated 0, as UAC
//! gives an administrator's programs that were not "Run as administrator" — and then memsweep
//! goes through the service, as it would on Windows.
//!
//! What Wine cannot show (README, "The Windows service: what Wine verifies, and what needs a
//! real Windows"): the pipe's DACL against a real standard user (Wine let the limited caller in
//! through a DACL for SYSTEM and Administrators only), UAC itself, restart on failure (Wine's
//! SCM keeps no failure actions), a boot with nobody logged on, and the SCM's Event Log entries.
//!
//! scripts/test.sh builds memsweep.exe and sets MEMSWEEP_WINE_EXE. The test boots a Wine prefix
//! of its own (a service, its pipe and its lock belong to one prefix, and other Wine tests run
//! in the shared one at the same time) and deletes it at the end.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A Wine prefix of this test (`.ci/wine-prefix.sh up`), stopped and deleted when dropped.
struct OwnPrefix(PathBuf);

impl OwnPrefix {
    fn boot(dir: &Path) -> OwnPrefix {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/wine-prefix.sh");
        let up = Command::new("bash")
            .arg(&script)
            .arg("up")
            .arg(dir)
            .env_remove("WINEPREFIX")
            .env_remove("DISPLAY")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(up.status.success(), "wine-prefix.sh up: {}", String::from_utf8_lossy(&up.stderr));
        OwnPrefix(std::fs::canonicalize(dir).unwrap())
    }

    /// Stops every process of the prefix (as a shutdown would), then boots it again: what
    /// services.exe starts by itself then is what starts at boot.
    fn reboot(&self) {
        let quiet = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .env("WINEPREFIX", &self.0)
                .env("WINEDEBUG", "-all")
                .env_remove("DISPLAY")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap()
        };
        quiet("wineserver", &["-k"]);
        quiet("wineserver", &["-w"]);
        quiet("wineserver", &["-p"]);
        assert!(quiet("wine", &["cmd", "/c", "exit"]).success(), "the prefix boots again");
    }

    fn c_drive(&self) -> PathBuf {
        self.0.join("drive_c")
    }
}

impl Drop for OwnPrefix {
    fn drop(&mut self) {
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", &self.0).output();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A directory deleted when the test ends.
struct RemoveDir(PathBuf);

impl Drop for RemoveDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Linux pids of the processes whose command line mentions every one of `words`.
fn processes_mentioning(words: &[&str]) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            words.iter().all(|w| cmdline.contains(w))
        })
        .collect()
}

/// Kills what is left of the test's own processes, however the test ends.
struct KillMentioning(String);

impl Drop for KillMentioning {
    fn drop(&mut self) {
        for pid in processes_mentioning(&[&self.0]) {
            // SAFETY: kill(2) with a pid and a signal; the pids are this test's own processes.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", text(&output.stdout), text(&output.stderr)))
}

/// Whether Wine's trace of this run shows an NtSetSystemInformation call (the clean itself).
fn issued_a_clean(output: &Output) -> bool {
    text(&output.stderr).contains("fixme:ntdll:NtSetSystemInformation (")
}

/// Waits up to 20 s for `done`.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

struct Machine {
    prefix: OwnPrefix,
    /// The test's folder, as Windows names it (Z:\...).
    windows_dir: String,
    dir: PathBuf,
    marker: String,
}

impl Machine {
    fn command(&self, program: &str, args: &[&str], debug: &str) -> Output {
        Command::new("wine")
            .arg(program)
            .args(args)
            .env("WINEPREFIX", &self.prefix.0)
            .env("WINEDEBUG", debug)
            .env("LC_ALL", "C.UTF-8")
            .env_remove("DISPLAY")
            .env_remove("MEMSWEEP_CONTROL")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// memsweep.exe as Wine starts it: elevated, like "Run as administrator".
    fn elevated(&self, args: &[&str]) -> Output {
        self.command(self.dir.join("memsweep.exe").to_str().unwrap(), args, "-all,fixme+ntdll")
    }

    /// memsweep.exe with the limited token: not elevated, like a program started from the
    /// Start menu of an administrator's session under UAC.
    fn limited(&self, args: &[&str]) -> Output {
        let exe = format!(r"{}\memsweep.exe", self.windows_dir);
        let mut all = vec![exe.as_str()];
        all.extend_from_slice(args);
        self.command(self.dir.join("limited.exe").to_str().unwrap(), &all, "-all,fixme+ntdll")
    }

    fn sc_query(&self) -> Output {
        self.command("sc", &["query", "memsweep"], "-all")
    }

    /// The state `sc query memsweep` reports, e.g. "4  RUNNING"; None when the SCM knows no
    /// such service.
    fn scm_state(&self) -> Option<String> {
        let out = self.sc_query();
        let stdout = text(&out.stdout);
        if !out.status.success() || !stdout.contains("SERVICE_NAME: memsweep") {
            return None;
        }
        let line = stdout.lines().find(|l| l.trim_start().starts_with("STATE"))?;
        Some(line.split_once(':')?.1.trim().to_string())
    }

    /// The service's key in the registry, as the SCM keeps it: `reg query` output, or None.
    fn service_key(&self) -> Option<String> {
        let out = self.command("reg", &["query", r"HKLM\System\CurrentControlSet\Services\memsweep"], "-all");
        out.status.success().then(|| text(&out.stdout))
    }

    /// Linux pids of `memsweep.exe service run` of this test.
    fn daemons(&self) -> Vec<u32> {
        processes_mentioning(&[&self.marker, "memsweep.exe service run"])
    }

    fn machine_dir(&self) -> PathBuf {
        self.prefix.c_drive().join("ProgramData/memsweep")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.machine_dir().join("memsweep.log")).unwrap_or_default()
    }

    fn history(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.machine_dir().join("history.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// The endpoint lines of the log: one per request the service answered.
    fn requests_logged(&self) -> Vec<String> {
        self.log().lines().filter(|l| l.contains(" INFO endpoint: ")).map(str::to_string).collect()
    }
}

fn setup(test: &str) -> Option<(Machine, RemoveDir, KillMentioning)> {
    let Ok(built) = std::env::var("MEMSWEEP_WINE_EXE") else {
        memsweep_testkit::missing(test, "MEMSWEEP_WINE_EXE (scripts/test.sh sets it)");
        return None;
    };
    // A space in the folder's name: the service's command line must quote it.
    let marker = format!("memsweep service-{}", std::process::id());
    let dir = PathBuf::from(&built).parent().unwrap().join("wine-e2e").join(&marker);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let remove = RemoveDir(dir.clone());
    let kill = KillMentioning(marker.clone());
    std::fs::copy(&built, dir.join("memsweep.exe")).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/wine-test-limited/limited.c");
    match Command::new("x86_64-w64-mingw32-gcc")
        .args(["-O2", "-s", "-Wall", "-Wextra", "-o"])
        .arg(dir.join("limited.exe"))
        .arg(&source)
        .output()
    {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!("building limited.exe: {}", text(&out.stderr)),
        Err(_) => {
            memsweep_testkit::missing(test, "x86_64-w64-mingw32-gcc");
            return None;
        }
    }
    let prefix = OwnPrefix::boot(&dir.join("prefix"));
    let winepath = Command::new("winepath")
        .arg("-w")
        .arg(&dir)
        .env("WINEPREFIX", &prefix.0)
        .env("WINEDEBUG", "-all")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let windows_dir = text(&winepath.stdout).trim().to_string();
    assert!(windows_dir.ends_with(&marker), "{windows_dir}");
    Some((Machine { prefix, windows_dir, dir, marker }, remove, kill))
}

#[test]
fn the_service_serves_a_caller_who_is_not_elevated_and_leaves_nothing_behind() {
    let test = "the Wine service test";
    let Some((m, _remove, _kill)) = setup(test) else { return };
    let whoami = text(&Command::new("id").arg("-un").output().unwrap().stdout).trim().to_string();

    // ---- nothing there yet
    assert_eq!(m.scm_state(), None);
    let status = m.elevated(&["service", "status"]);
    assert!(text(&status.stdout).starts_with("service 'memsweep': not installed"), "{}", text(&status.stdout));
    // The limited token really is what UAC gives: without a service, no clean.
    let refused = m.limited(&["clean", "working-sets"]);
    assert_eq!(refused.status.code(), Some(77), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("or install the service: memsweep service install (elevated, once)"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!issued_a_clean(&refused));
    // The same command elevated cleans in-process (Wine's trace shows the call).
    let elevated = m.elevated(&["clean", "working-sets", "--json"]);
    assert_eq!(elevated.status.code(), Some(0), "{}", text(&elevated.stderr));
    assert!(issued_a_clean(&elevated), "{}", text(&elevated.stderr));

    // ---- install: registered with the SCM and started by it
    let install = m.elevated(&["service", "install"]);
    let said = text(&install.stdout);
    assert_eq!(install.status.code(), Some(0), "{said}\n{}", text(&install.stderr));
    let exe = format!(r"{}\memsweep.exe", m.windows_dir);
    assert!(
        said.contains(&format!(
            "registered service 'memsweep': runs \"{exe}\" service run --config \"C:\\ProgramData\\memsweep\\memsweep.toml\" as LocalSystem"
        )),
        "{said}"
    );
    let pid = said
        .split_once("started service 'memsweep' (pid ")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(pid, _)| pid.to_string())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(said.contains(r"users clean through \\.\pipe\memsweep; it logs to C:\ProgramData\memsweep\memsweep.log"));
    assert_eq!(m.scm_state().as_deref(), Some("4  RUNNING"), "{}", text(&m.sc_query().stdout));
    // What the SCM stored: automatic start (2), own process (0x10), LocalSystem, the command.
    let key = m.service_key().expect("the service's registry key");
    for (name, value) in [("Start", "0x2"), ("Type", "0x10"), ("ObjectName", "LocalSystem")] {
        assert!(
            key.lines().any(|l| l.split_whitespace().next() == Some(name) && l.trim_end().ends_with(value)),
            "{name} {value} in\n{key}"
        );
    }
    // The executable quoted (its folder has a space: unquoted, Windows would try "...\\memsweep"
    // first), the arguments as given.
    let image = key.lines().find(|l| l.trim_start().starts_with("ImagePath")).unwrap_or_else(|| panic!("{key}"));
    assert!(
        image.ends_with(&format!("REG_SZ    \"{exe}\" service run --config C:\\ProgramData\\memsweep\\memsweep.toml")),
        "{image}"
    );
    assert_eq!(m.daemons().len(), 1, "one memsweep.exe service run");
    let status = text(&m.elevated(&["service", "status"]).stdout);
    for line in [
        "service 'memsweep': installed".to_string(),
        format!("  state: running (pid {pid})"),
        "  start: automatic, at boot, as LocalSystem".into(),
        r"  log: C:\ProgramData\memsweep\memsweep.log".into(),
    ] {
        assert!(status.lines().any(|l| l == line), "{line:?} not in\n{status}");
    }
    assert!(status.contains(r"\\.\pipe\memsweep answers (memsweep "), "{status}");
    // It logs into the rotated file under ProgramData (not the per-user %ProgramData% Wine
    // gives services), with the pipe's DACL.
    let log = m.log();
    assert!(log.contains(&format!("runs as the Windows service 'memsweep' (pid {pid})")), "{log}");
    assert!(
        log.contains(
            r"control endpoint \\.\pipe\memsweep: open to SYSTEM, Administrators and interactive users; no remote callers (DACL D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x12019b;;;IU))"
        ),
        "{log}"
    );

    // ---- started at boot: the prefix shut down and booted again, nobody asks for it
    m.prefix.reboot();
    wait_for("the service to be started at boot", || m.scm_state().as_deref() == Some("4  RUNNING"));
    wait_for("the daemon's process", || m.daemons().len() == 1);
    wait_for("its second start in the log", || m.log().matches("runs as the Windows service 'memsweep'").count() == 2);

    // ---- a caller who is not elevated cleans through the pipe
    let asked = m.requests_logged().len();
    let dry = m.limited(&["clean", "working-sets", "--dry-run", "--json"]);
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry.stderr));
    let report = json(&dry);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["areas"][0]["id"], "working-sets");
    assert_eq!(report["areas"][0]["outcome"], "planned");
    let logged = m.requests_logged();
    assert_eq!(logged.len(), asked + 1, "{logged:?}");
    assert!(
        logged[asked].contains(&format!(r"\{whoami} (S-1-5-21-"))
            && logged[asked].ends_with("asked clean working-sets --dry-run: 0 done, 0 failed"),
        "the service answered the dry run: {}",
        logged[asked]
    );
    assert!(m.history().is_empty(), "a dry run is not recorded");

    let real = m.limited(&["clean", "working-sets", "--json"]);
    assert_eq!(real.status.code(), Some(0), "{}", text(&real.stderr));
    let report = json(&real);
    assert_eq!(report["areas"][0]["outcome"], "done", "{report}");
    assert!(!issued_a_clean(&real), "the caller itself issued no clean: {}", text(&real.stderr));
    // The report printed is the one the service recorded, with the caller.
    let history = m.history();
    assert_eq!(history.len(), 1, "{history:?}");
    let line = &history[0];
    assert_eq!(line["trigger"], "service");
    assert_eq!(line["report"]["started_at_ms"], report["started_at_ms"]);
    assert_eq!(line["report"]["areas"], report["areas"]);
    let by = &line["requested_by"];
    assert_eq!(by["privileged"], false, "{by}");
    assert!(by["id"].as_str().unwrap().starts_with("S-1-5-21-"), "{by}");
    assert!(by["user"].as_str().unwrap().ends_with(&format!(r"\{whoami}")), "{by}");
    assert!(m.requests_logged().last().unwrap().ends_with("asked clean working-sets: 1 done, 0 failed"));
    // What this caller may do, as the service tells it.
    let status = text(&m.limited(&["status"]).stdout);
    let may = status.lines().find(|l| l.contains(r"\\.\pipe\memsweep answers")).unwrap_or_else(|| panic!("{status}"));
    assert!(may.contains("you may clean working-sets,") && !may.contains("standby-list"), "{may}");
    // Another real clean at once meets the per-caller gap ([watch] min_gap_seconds, 60).
    let again = m.limited(&["clean", "working-sets"]);
    assert_eq!(again.status.code(), Some(75), "{}", text(&again.stderr));
    assert!(text(&again.stderr).contains("the service allows one every 60 s"), "{}", text(&again.stderr));
    // An area outside [service] allow_areas (the defaults): refused by the service.
    let standby = m.limited(&["clean", "standby-list"]);
    assert_eq!(standby.status.code(), Some(77), "{}", text(&standby.stderr));
    assert!(text(&standby.stderr).contains("(not standby-list)"), "{}", text(&standby.stderr));
    assert!(m.requests_logged().last().unwrap().contains("asked clean standby-list: refused (NoPermission)"));
    // --local never asks the service.
    let asked = m.requests_logged().len();
    let local = m.limited(&["clean", "working-sets", "--local"]);
    assert_eq!(local.status.code(), Some(77));
    assert!(text(&local.stderr).contains("cleaning needs Administrator"), "{}", text(&local.stderr));
    assert_eq!(m.requests_logged().len(), asked, "--local went to the service");
    assert_eq!(m.history().len(), 1);

    // ---- [service] allow = "administrators": the pipe is made with the narrower DACL
    let config = m.machine_dir().join("memsweep.toml");
    let text_before = std::fs::read_to_string(&config).unwrap();
    assert!(text_before.contains("\nallow = \"interactive\"\n"));
    std::fs::write(&config, text_before.replace("\nallow = \"interactive\"\n", "\nallow = \"administrators\"\n"))
        .unwrap();
    let stop = m.elevated(&["service", "stop"]);
    assert_eq!(stop.status.code(), Some(0), "{}", text(&stop.stderr));
    let start = m.elevated(&["service", "start"]);
    assert_eq!(start.status.code(), Some(0), "{}", text(&start.stderr));
    assert!(text(&start.stdout).starts_with("started service 'memsweep' (pid "), "{}", text(&start.stdout));
    wait_for("the narrower pipe", || {
        m.log().contains(r#"control endpoint \\.\pipe\memsweep: open to SYSTEM and Administrators only ([service] allow = "administrators"); no remote callers (DACL D:P(A;;GA;;;SY)(A;;GA;;;BA))"#)
    });
    let status = text(&m.elevated(&["service", "status"]).stdout);
    assert!(status.contains("who may connect: SYSTEM and Administrators only"), "{status}");
    // (Whether a standard user is kept out needs a real Windows: Wine does not check a pipe's
    // DACL against the caller's token.)

    // ---- stop: the SCM says stopped, the process and the pipe are gone
    let stop = m.elevated(&["service", "stop"]);
    assert_eq!(stop.status.code(), Some(0), "{}", text(&stop.stderr));
    assert_eq!(m.scm_state().as_deref(), Some("1  STOPPED"));
    wait_for("the daemon to exit", || m.daemons().is_empty());
    let status = m.limited(&["status"]);
    assert!(
        text(&status.stdout).contains(
            r"not running at \\.\pipe\memsweep: the service is installed but stopped (start it from an elevated prompt: memsweep service start)"
        ),
        "{}",
        text(&status.stdout)
    );
    let refused = m.limited(&["clean", "working-sets"]);
    assert_eq!(refused.status.code(), Some(77), "{}", text(&refused.stderr));
    assert!(m.log().contains("the Service Control Manager asked the service to stop"));

    // ---- uninstall: stopped (started again first) and removed; config, history, log kept
    let start = m.elevated(&["service", "start"]);
    assert_eq!(start.status.code(), Some(0), "{}", text(&start.stderr));
    assert_eq!(m.daemons().len(), 1);
    let uninstall = m.elevated(&["service", "uninstall"]);
    assert_eq!(uninstall.status.code(), Some(0), "{}", text(&uninstall.stderr));
    assert!(
        text(&uninstall.stdout).starts_with(
            "stopped and removed service 'memsweep'; its config, history and log stay in C:\\ProgramData\\memsweep"
        ),
        "{}",
        text(&uninstall.stdout)
    );
    assert_eq!(m.scm_state(), None, "the SCM no longer knows it: {}", text(&m.sc_query().stdout));
    assert_eq!(m.service_key(), None, "its registry key is gone");
    wait_for("the daemon to exit", || m.daemons().is_empty());
    let status = text(&m.limited(&["status"]).stdout);
    assert!(
        status.contains(
            r"not running at \\.\pipe\memsweep (install it from an elevated prompt: memsweep service install)"
        ),
        "{status}"
    );
    assert!(text(&m.elevated(&["service", "status"]).stdout).starts_with("service 'memsweep': not installed"));
    assert_eq!(m.history().len(), 1, "the history stays");
    // --purge: the folder too; nothing of memsweep is left in the prefix.
    let purge = m.elevated(&["service", "uninstall", "--purge"]);
    assert_eq!(purge.status.code(), Some(0), "{}", text(&purge.stderr));
    assert!(text(&purge.stdout).contains(r"deleted C:\ProgramData\memsweep"), "{}", text(&purge.stdout));
    assert!(!m.machine_dir().exists());
    assert!(processes_mentioning(&[&m.marker, "memsweep.exe"]).is_empty(), "no memsweep.exe left running");
}
