//! The real memsweep.exe under Wine, checked through Wine's own trace of NtSetSystemInformation.
//!
//! Wine answers every NtSetSystemInformation with STATUS_SUCCESS (a stub), so a status proves
//! nothing; what proves the call order is the `fixme:ntdll:NtSetSystemInformation (class,
//! buffer, length)` line Wine prints for each call. scripts/test.sh builds the executables,
//! boots a Wine prefix and sets MEMSWEEP_WINE_EXE (x86_64-pc-windows-gnu), MEMSWEEP_WINE7_EXE
//! (x86_64-win7-windows-gnu) and WINEPREFIX before running this.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The executable and the Windows version Wine reports to it.
struct WineExe {
    path: PathBuf,
}

fn exe(variable: &str, as_name: &str, version: &str) -> Option<WineExe> {
    let Ok(built) = std::env::var(variable) else {
        memsweep_testkit::missing("the Wine test", &format!("{variable} (scripts/test.sh sets it)"));
        return None;
    };
    // A copy under its own name, so Wine's per-application Version setting applies to it alone.
    let dir = PathBuf::from(&built).parent().unwrap().join("wine-e2e");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(as_name);
    std::fs::copy(&built, &path).unwrap();
    let key = format!(r"HKCU\Software\Wine\AppDefaults\{as_name}");
    let status = Command::new("wine")
        .args(["reg", "add", &key, "/v", "Version", "/t", "REG_SZ", "/d", version, "/f"])
        .env("WINEDEBUG", "-all")
        .output()
        .unwrap();
    assert!(status.status.success(), "wine reg add: {}", String::from_utf8_lossy(&status.stderr));
    Some(WineExe { path })
}

fn win10() -> Option<&'static WineExe> {
    static EXE: OnceLock<Option<WineExe>> = OnceLock::new();
    EXE.get_or_init(|| exe("MEMSWEEP_WINE_EXE", "memsweep10.exe", "win10")).as_ref()
}

fn win7() -> Option<&'static WineExe> {
    static EXE: OnceLock<Option<WineExe>> = OnceLock::new();
    EXE.get_or_init(|| exe("MEMSWEEP_WINE7_EXE", "memsweep7.exe", "win7")).as_ref()
}

fn run(exe: &WineExe, args: &[&str]) -> Output {
    Command::new("wine")
        .arg(&exe.path)
        .args(args)
        .env("WINEDEBUG", "-all,fixme+ntdll")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// (class, length) of every NtSetSystemInformation call in Wine's trace, in order.
fn set_calls(output: &Output) -> Vec<(u32, u32)> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| {
            // "(0x0000009b,(nil),0x00000000) stub": the buffer may itself have parentheses
            let args = line.split_once("fixme:ntdll:NtSetSystemInformation (")?.1;
            let args = args.rsplit_once(')')?.0;
            let fields: Vec<&str> = args.split(',').collect();
            let hex = |s: &str| u32::from_str_radix(s.trim().trim_start_matches("0x"), 16).unwrap();
            Some((hex(fields[0]), hex(fields[2])))
        })
        .collect()
}

/// One /proc/meminfo field of the host, in bytes.
fn host_meminfo(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap();
    let line = text.lines().find(|l| l.split(':').next() == Some(field)).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

fn mem_total() -> u64 {
    host_meminfo("MemTotal")
}

#[test]
fn status_reports_host_memory_and_unavailable_lists() {
    let Some(exe) = win10() else { return };
    let out = run(exe, &["status", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let status = json(&out);
    assert_eq!(status["os"], "windows");
    // Wine's GlobalMemoryStatusEx reports the host's memory: MemTotal, less at most a few pages.
    let total = status["memory"]["total_bytes"].as_u64().unwrap();
    assert!(mem_total() - total <= 64 * 1024, "total {total} vs MemTotal {}", mem_total());
    let lists = &status["windows"]["lists"];
    assert_eq!(lists["state"], "unavailable");
    assert!(lists["reason"].as_str().unwrap().contains("STATUS_INVALID_INFO_CLASS (0xC0000003)"), "{lists}");
    assert!(status["memory"]["free_bytes"].is_null(), "free is unknown without the lists, never 0");
    assert_eq!(status["windows"]["page_size"], 4096);
    let text = run(exe, &["status"]);
    assert!(String::from_utf8_lossy(&text.stdout)
        .contains("unavailable: the memory-list query failed: STATUS_INVALID_INFO_CLASS"));
}

#[test]
fn status_shows_no_phantom_page_file_and_commit_from_the_host() {
    let Some(exe) = win10() else { return };
    let status = json(&run(exe, &["status", "--json"]));
    // Wine 8 has no class 18: the page files are unavailable, with the status, and the swap
    // figure is null, never the commit limit less physical memory (once "8.00 KiB of 8.00 KiB").
    let page_files = &status["windows"]["page_files"];
    assert_eq!(page_files["state"], "unavailable", "{page_files}");
    assert_eq!(
        page_files["reason"], "the page-file query failed: STATUS_INVALID_INFO_CLASS (0xC0000003)",
        "{page_files}"
    );
    assert!(status["swap"].is_null(), "{}", status["swap"]);
    // Wine's commit limit is the host's memory plus its swap, to within a few pages.
    let limit = status["windows"]["commit_limit_bytes"].as_u64().unwrap();
    let host = host_meminfo("MemTotal") + host_meminfo("SwapTotal");
    assert!(limit.abs_diff(host) <= 64 * 1024, "commit limit {limit} vs host MemTotal + SwapTotal {host}");
    let charge = status["windows"]["commit_bytes"].as_u64().unwrap();
    assert!(charge > 0 && charge <= limit, "commit charge {charge} of {limit}");
    // Wine reports no commit peak (0): null, not a made-up 0.
    assert!(status["windows"]["commit_peak_bytes"].is_null(), "{}", status["windows"]);

    let out = run(exe, &["status"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let row = |label: &str| text.lines().find(|l| l.trim_start().starts_with(label)).map(str::to_string);
    assert_eq!(
        row("page files").map(|l| l.split_whitespace().last().unwrap().to_string()),
        Some("unavailable".into()),
        "{text}"
    );
    assert!(!text.contains("swap used") && !text.contains("page files used"), "{text}");
    assert!(
        text.contains("Page files\n  unavailable: the page-file query failed: STATUS_INVALID_INFO_CLASS"),
        "{text}"
    );
    assert!(row("commit charge").is_some() && row("commit limit").is_some(), "{text}");
}

#[test]
fn clean_all_issues_every_call_once_in_order() {
    let Some(exe) = win10() else { return };
    let out = run(exe, &["clean", "--all", "--json"]);
    let report = json(&out);
    assert_eq!(
        set_calls(&out),
        [(0x50, 4), (0x51, 0x40), (0x50, 4), (0x50, 4), (0x50, 4), (0x9b, 0), (0x82, 0x18)],
        "working sets, file cache, modified, standby, low-priority standby, registry, combine"
    );
    let ids: Vec<&str> = report["areas"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "working-sets",
            "system-file-cache",
            "process",
            "modified-file-cache",
            "modified-list",
            "standby-list",
            "standby-low-priority",
            "registry-cache",
            "combine-lists"
        ]
    );
    // Every area reported, each with an outcome; the stubs "succeed".
    for id in [
        "working-sets",
        "system-file-cache",
        "modified-list",
        "standby-list",
        "standby-low-priority",
        "registry-cache",
        "combine-lists",
    ] {
        let area = report["areas"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap();
        assert_eq!(area["outcome"], "done", "{area}");
    }
    assert_eq!(report["areas"][2]["outcome"], "skipped", "no process chosen");
}

#[test]
fn a_clean_never_claims_freed_memory_it_could_not_measure() {
    let Some(exe) = win10() else { return };
    let report = json(&run(exe, &["clean", "--all", "--json"]));
    let list_metrics = ["standby_bytes", "standby_priority0_bytes", "modified_bytes", "zeroed_bytes", "free_bytes"];
    for area in report["areas"].as_array().unwrap().iter().filter(|a| a["outcome"] == "done") {
        let changes = area["changes"].as_array().unwrap();
        let unmeasured: Vec<&serde_json::Value> =
            changes.iter().filter(|c| list_metrics.contains(&c["metric"].as_str().unwrap())).collect();
        for change in &unmeasured {
            assert!(change["before"].is_null() && change["after"].is_null(), "made-up figure: {change}");
        }
        if !unmeasured.is_empty() {
            let notes = area["notes"].as_array().unwrap();
            assert!(
                notes.iter().any(|n| n.as_str().unwrap().contains("could not be read: what it freed is unknown")),
                "{area}"
            );
        }
    }
    assert!(report["totals"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| !list_metrics.contains(&t["metric"].as_str().unwrap())));
}

#[test]
fn one_area_issues_one_call_and_a_dry_run_none() {
    let Some(exe) = win10() else { return };
    let standby = run(exe, &["clean", "standby-list", "--json"]);
    assert_eq!(standby.status.code(), Some(0), "{}", String::from_utf8_lossy(&standby.stderr));
    assert_eq!(set_calls(&standby), [(0x50, 4)]);
    let dry = run(exe, &["clean", "--all", "--dry-run", "--json"]);
    assert_eq!(dry.status.code(), Some(0));
    assert_eq!(set_calls(&dry), []);
    assert!(json(&dry)["areas"].as_array().unwrap().iter().all(|a| a["outcome"] != "done"));
}

#[test]
fn areas_below_their_windows_version_are_unsupported_not_failed() {
    let Some(exe) = win7() else { return };
    // The default set includes both; as Windows 7 they are reported, never called.
    let out = run(exe, &["clean", "--json"]);
    let report = json(&out);
    for id in ["registry-cache", "combine-lists"] {
        let area = report["areas"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap();
        assert_eq!(area["outcome"], "unsupported", "{area}");
        assert!(area["reason"].as_str().unwrap().starts_with("unsupported on this Windows"), "{area}");
    }
    assert_eq!(set_calls(&out), [(0x50, 4), (0x51, 0x40), (0x50, 4)], "working sets, file cache, low-priority standby");
    let all = run(exe, &["clean", "--all", "--json"]);
    assert_eq!(
        set_calls(&all),
        [(0x50, 4), (0x51, 0x40), (0x50, 4), (0x50, 4), (0x50, 4)],
        "--all: only what exists here"
    );
    let areas = json(&run(exe, &["areas", "--json"]));
    assert_eq!(areas["areas"].as_array().unwrap().len(), 9);
}

#[test]
fn windows_usage_errors_match_linux() {
    let Some(exe) = win10() else { return };
    let out = run(exe, &["clean", "page-cache"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.lines().any(|l| l.starts_with("memsweep: unknown area 'page-cache' (known here: working-sets,")),
        "{err}"
    );
    let process = run(exe, &["clean", "process", "--pid", "999999"]);
    assert_eq!(process.status.code(), Some(2));
}

#[test]
fn top_draws_its_first_frame_under_wine() {
    let Some(exe) = win10() else { return };
    let out = run(exe, &["top", "--print", "--width", "100", "--height", "30"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let frame = String::from_utf8_lossy(&out.stdout);
    assert!(frame.starts_with("memsweep top ·"), "{frame}");
    assert!(frame.contains("Physical memory"), "{frame}");
    assert!(frame.contains("Standby list by priority (0-7)"), "{frame}");
    assert!(frame.contains("memory lists unavailable"), "{frame}");
    assert!(frame.contains("Processes by resident memory"), "{frame}");
}

/// A test-only Windows program (tools/wine-test-sleeper) that prints its Windows pid and sleeps,
/// built with mingw under `name`; `None` (skip, or a failure under CI=true) without the compiler.
fn sleeper(exe: &WineExe, name: &str) -> Option<PathBuf> {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/wine-test-sleeper/sleeper.c");
    let out = exe.path.parent().unwrap().join(name);
    match Command::new("x86_64-w64-mingw32-gcc").args(["-O2", "-s", "-o"]).arg(&out).arg(&source).output() {
        Ok(built) if built.status.success() => Some(out),
        Ok(built) => panic!("building {name}: {}", String::from_utf8_lossy(&built.stderr)),
        Err(_) => {
            memsweep_testkit::missing("the per-process trim test", "x86_64-w64-mingw32-gcc");
            None
        }
    }
}

/// A Windows process under Wine, killed when dropped; `pid` is its Windows pid.
struct Sleeper {
    child: std::process::Child,
    pid: u32,
}

impl Sleeper {
    fn start(path: &std::path::Path) -> Sleeper {
        use std::io::BufRead;
        let mut child = Command::new("wine")
            .arg(path)
            .env("WINEDEBUG", "-all")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let pid = line.trim().strip_prefix("pid ").and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("{line:?}"));
        Sleeper { child, pid }
    }
}

impl Drop for Sleeper {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What Wine's relay trace (`+relay`, RelayInclude = OpenProcess;K32EmptyWorkingSet) shows:
/// each OpenProcess as (pid, access), and the pid each K32EmptyWorkingSet call reached (its
/// handle is the one the latest OpenProcess returned: handles are reused once closed).
#[derive(Debug, Default)]
struct ProcessCalls {
    opened: Vec<(u32, u32)>,
    emptied: Vec<u32>,
}

impl ProcessCalls {
    fn of(stderr: &str) -> ProcessCalls {
        let hex = |s: &str| u32::from_str_radix(s.trim(), 16).unwrap();
        let mut calls = ProcessCalls::default();
        // "0024:Call KERNEL32.OpenProcess(00001100,00000000,0000024c) ret=..." then, on the same
        // thread, "0024:Ret  KERNEL32.OpenProcess() retval=00000060 ret=..."
        let mut pending: Vec<(String, u32)> = Vec::new();
        let mut handles: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for line in stderr.lines() {
            let Some((thread, rest)) = line.split_once(':') else { continue };
            if let Some(args) = rest.strip_prefix("Call KERNEL32.OpenProcess(") {
                let args: Vec<&str> = args.split(')').next().unwrap().split(',').collect();
                pending.push((thread.to_string(), hex(args[2])));
                calls.opened.push((hex(args[2]), hex(args[0])));
            } else if let Some(ret) = rest.strip_prefix("Ret  KERNEL32.OpenProcess() retval=") {
                let at = pending.iter().position(|(t, _)| t == thread).unwrap();
                let (_, pid) = pending.remove(at);
                handles.insert(hex(ret.split_whitespace().next().unwrap()), pid);
            } else if let Some(args) = rest.strip_prefix("Call KERNEL32.K32EmptyWorkingSet(") {
                let handle = hex(args.split(')').next().unwrap());
                calls.emptied.push(*handles.get(&handle).unwrap_or_else(|| panic!("handle {handle:x} never opened")));
            }
        }
        calls
    }

    /// Whether `pid`'s working set was emptied.
    fn trimmed(&self, pid: u32) -> bool {
        self.emptied.contains(&pid)
    }

    /// Whether `pid` was opened with PROCESS_SET_QUOTA (what EmptyWorkingSet needs).
    fn opened_to_trim(&self, pid: u32) -> bool {
        self.opened.iter().any(|&(p, access)| p == pid && access & 0x0100 != 0)
    }
}

fn run_traced(exe: &WineExe, args: &[&str]) -> Output {
    Command::new("wine")
        .arg(&exe.path)
        .args(args)
        .env("WINEDEBUG", "-all,fixme+ntdll,+relay")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn working_sets_with_an_exclusion_trim_each_process_but_the_excluded() {
    let Some(exe) = win10() else { return };
    let (Some(keep_exe), Some(trim_exe)) = (sleeper(exe, "keep-me.exe"), sleeper(exe, "trim-me.exe")) else { return };
    // Relay only the two calls that tell, so the trace stays small.
    let relay = Command::new("wine")
        .args(["reg", "add", r"HKCU\Software\Wine\Debug", "/v", "RelayInclude", "/t", "REG_SZ"])
        .args(["/d", "OpenProcess;K32EmptyWorkingSet", "/f"])
        .env("WINEDEBUG", "-all")
        .output()
        .unwrap();
    assert!(relay.status.success(), "wine reg add: {}", String::from_utf8_lossy(&relay.stderr));
    let keep = Sleeper::start(&keep_exe);
    let trim = Sleeper::start(&trim_exe);

    // By name, in another case than the file's.
    let out = run_traced(exe, &["clean", "working-sets", "--exclude", "KEEP-ME", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let calls = ProcessCalls::of(&stderr);
    assert!(calls.trimmed(trim.pid), "trim-me.exe (pid {}) was not trimmed: {calls:?}", trim.pid);
    assert!(!calls.opened_to_trim(keep.pid), "keep-me.exe (pid {}) was opened to be trimmed: {calls:?}", keep.pid);
    assert!(!calls.trimmed(keep.pid), "{calls:?}");
    assert!(calls.emptied.len() >= 2, "every other process too (Wine's services): {calls:?}");
    assert_eq!(set_calls(&out), [], "no system-wide MemoryEmptyWorkingSets while a process is excluded");
    let report = json(&out);
    let area = &report["areas"][0];
    assert_eq!(area["id"], "working-sets");
    assert_eq!(area["outcome"], "done", "{area}");
    let note = area["notes"][0].as_str().unwrap();
    assert!(
        note.starts_with(
            "each working set emptied on its own (EmptyWorkingSet), not all at once, to keep the excluded: "
        ) && note.contains(&format!("pid {} (keep-me.exe)", keep.pid)),
        "{note}"
    );
    let count = |metric: &str| {
        area["changes"].as_array().unwrap().iter().find(|c| c["metric"] == metric).unwrap()["after"].as_i64().unwrap()
    };
    assert_eq!(count("processes_kept"), 1);
    assert_eq!(count("processes_trimmed"), calls.emptied.len() as i64);

    // By full path, as Windows names it, upper-cased.
    let winepath = Command::new("winepath").arg("-w").arg(&keep_exe).env("WINEDEBUG", "-all").output().unwrap();
    let windows_path = String::from_utf8_lossy(&winepath.stdout).trim().to_uppercase();
    assert!(windows_path.ends_with(r"\KEEP-ME.EXE"), "{windows_path}");
    let by_path = run_traced(exe, &["clean", "working-sets", "--exclude", &windows_path, "--json"]);
    let calls = ProcessCalls::of(&String::from_utf8_lossy(&by_path.stderr));
    assert!(calls.trimmed(trim.pid) && !calls.trimmed(keep.pid), "by path: {calls:?}");
    assert!(!calls.opened_to_trim(keep.pid), "by path: {calls:?}");

    // No exclusion: the one system-wide call, no process opened to be trimmed.
    let plain = run_traced(exe, &["clean", "working-sets", "--json"]);
    assert_eq!(set_calls(&plain), [(0x50, 4)]);
    let calls = ProcessCalls::of(&String::from_utf8_lossy(&plain.stderr));
    assert!(calls.emptied.is_empty(), "{calls:?}");
}

/// The built executable next to MEMSWEEP_WINE_EXE (the release directory holds them all).
fn built(name: &str) -> PathBuf {
    PathBuf::from(std::env::var("MEMSWEEP_WINE_EXE").unwrap()).with_file_name(name)
}

/// A fresh directory of its own under wine-e2e, holding copies of these built executables.
fn exe_dir(exe: &WineExe, dir: &str, copies: &[&str]) -> PathBuf {
    let dir = exe.path.parent().unwrap().join(dir);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in copies {
        std::fs::copy(built(name), dir.join(name)).unwrap();
    }
    dir
}

fn prefix() -> PathBuf {
    PathBuf::from(std::env::var("WINEPREFIX").expect("WINEPREFIX (scripts/test.sh sets it)"))
}

fn wine_path(path: &std::path::Path) -> String {
    let out = Command::new("winepath").arg("-w").arg(path).env("WINEDEBUG", "-all").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The PE header's Subsystem field: 2 a GUI program (no console), 3 a console program.
fn pe_subsystem(path: &std::path::Path) -> u16 {
    let bytes = std::fs::read(path).unwrap();
    let pe = u32::from_le_bytes(bytes[0x3c..0x40].try_into().unwrap()) as usize;
    assert_eq!(&bytes[pe..pe + 4], b"PE\0\0");
    // the optional header follows the 4-byte signature and the 20-byte COFF header
    let at = pe + 4 + 20 + 68;
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

#[test]
fn autostart_registers_a_logon_task_that_survives_a_laptop() {
    let Some(exe) = win10() else { return };
    let stored = prefix().join("drive_c/windows/system32/tasks/memsweep");
    // Without the windowless launcher next to it: one line, exit 1, nothing registered.
    let bare = exe_dir(exe, "autostart-bare", &["memsweep.exe"]);
    let refused = run(&WineExe { path: bare.join("memsweep.exe") }, &["autostart", "enable"]);
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stderr));
    let line = String::from_utf8_lossy(&refused.stderr);
    assert!(line.trim().starts_with("memsweep: memsweepw.exe is not next to memsweep.exe"), "{line}");
    assert!(line.trim().ends_with("nothing was registered") && line.trim().lines().count() == 1, "{line}");
    assert!(!stored.exists(), "nothing registered");

    let dir = exe_dir(exe, "autostart", &["memsweep.exe", "memsweepw.exe"]);
    let memsweep = WineExe { path: dir.join("memsweep.exe") };
    let out = run(&memsweep, &["autostart", "enable"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    let launcher = wine_path(&dir.join("memsweepw.exe"));
    assert!(said.contains(&format!("runs \"{launcher}\" watch at logon")), "{said}");
    // Wine's schtasks /Create /XML hands the XML to its Task Scheduler, which keeps the settings
    // in its task store (it drops the trigger, the principal and the action: those need a real
    // Windows to check).
    let xml = memsweep_app::autostart::decode_task_text(&std::fs::read(&stored).unwrap());
    for line in [
        "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
        "<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
        "<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
    ] {
        assert!(xml.lines().any(|l| l.trim() == line), "{line} not in Wine's task store:\n{xml}");
    }
    let status = run(&memsweep, &["autostart", "status"]);
    let text = String::from_utf8_lossy(&status.stdout);
    for line in [
        "logon task 'memsweep': registered",
        "  on battery: starts",
        "  unplugged: keeps running",
        "  time limit: none",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} not in\n{text}");
    }
    let off = run(&memsweep, &["autostart", "disable"]);
    assert_eq!(off.status.code(), Some(0), "{}", String::from_utf8_lossy(&off.stderr));
    assert!(!stored.exists());
    let gone = run(&memsweep, &["autostart", "status"]);
    assert_eq!(String::from_utf8_lossy(&gone.stdout).trim(), "logon task 'memsweep': not set up");
}

#[test]
fn the_windowless_launcher_is_a_gui_program_that_passes_the_exit_status_on() {
    let Some(exe) = win10() else { return };
    assert_eq!(pe_subsystem(&built("memsweepw.exe")), 2, "memsweepw.exe: GUI subsystem, no console");
    assert_eq!(pe_subsystem(&built("memsweep.exe")), 3, "memsweep.exe: a console program");
    let dir = exe_dir(exe, "windowless-status", &["memsweep.exe", "memsweepw.exe"]);
    let launcher = WineExe { path: dir.join("memsweepw.exe") };
    assert_eq!(run(&launcher, &["status", "--json"]).status.code(), Some(0));
    let log = prefix().join("drive_c/users").join(whoami()).join("AppData/Local/memsweep/memsweepw.log");
    let status: serde_json::Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
    assert_eq!(status["os"], "windows", "memsweep's output went to the log");
    assert_eq!(run(&launcher, &["clean", "no-such-area"]).status.code(), Some(2), "memsweep's exit status");
    assert!(std::fs::read_to_string(&log).unwrap().starts_with("memsweep: unknown area 'no-such-area'"));
}

fn whoami() -> String {
    std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| {
        let out = Command::new("id").arg("-un").output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    })
}

/// Processes (Linux pids) whose command line (arguments joined by spaces) mentions `marker`:
/// the test's own Wine processes.
fn processes_mentioning(marker: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmdline).replace('\0', " ").contains(marker)
        })
        .collect()
}

struct KillMentioning(String);

impl Drop for KillMentioning {
    fn drop(&mut self) {
        for pid in processes_mentioning(&self.0) {
            // SAFETY: kill(2) with a pid and a signal; the pids are this test's own processes.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
        }
    }
}

/// Visible top-level X windows of `display`, with their names.
fn visible_windows(display: &str) -> Vec<(String, String)> {
    let out = Command::new("xdotool").args(["search", "--onlyvisible", "--name", ""]).env("DISPLAY", display).output();
    let Ok(out) = out else { return Vec::new() };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|id| {
            let name = Command::new("xdotool").args(["getwindowname", id]).env("DISPLAY", display).output().unwrap();
            (id.to_string(), String::from_utf8_lossy(&name.stdout).trim().to_string())
        })
        .collect()
}

#[test]
fn the_logon_start_of_the_daemon_opens_no_window() {
    let Some(exe) = win10() else { return };
    let (Ok(_), Ok(_)) = (Command::new("Xvfb").arg("-help").output(), Command::new("xdotool").arg("version").output())
    else {
        memsweep_testkit::missing("the windowless-start test", "Xvfb and xdotool");
        return;
    };
    let marker = format!("windowless-{}", std::process::id());
    let dir = exe_dir(exe, &marker, &["memsweep.exe", "memsweepw.exe"]);
    let _remove = RemoveDir(dir.clone());
    let _cleanup = KillMentioning(marker.clone());
    let config = dir.join("memsweep.toml");
    std::fs::write(&config, format!("[history]\npath = '{}'\n", wine_path(&dir.join("history.jsonl")))).unwrap();
    let config = wine_path(&config);
    // Xvfb on a free display
    let display =
        (140..170).map(|n| format!(":{n}")).find(|d| !Path::new(&format!("/tmp/.X{}-lock", &d[1..])).exists());
    let display = display.expect("a free X display");
    let _xvfb = Reaped(
        Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let socket = format!("/tmp/.X11-unix/X{}", &display[1..]);
    let wait = |what: &str, mut done: Box<dyn FnMut() -> bool + '_>| {
        let started = std::time::Instant::now();
        while !done() {
            assert!(started.elapsed() < std::time::Duration::from_secs(20), "timed out waiting for {what}");
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
    };
    wait("Xvfb", Box::new(|| Path::new(&socket).exists()));
    // A prefix of this test's own, booted on this display: Wine's desktop process of a prefix
    // draws on the display it started with, and in the shared prefix another test may already
    // have started it with none (then no window of any program shows here).
    let prefix = OwnPrefix::boot(&dir.join("prefix"), &display);
    let wine = |program: &Path, args: &[&str]| {
        Command::new("wine")
            .arg(program)
            .args(args)
            .env("WINEPREFIX", &prefix.0)
            .env("DISPLAY", &display)
            .env("WINEDEBUG", "-all")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // A second watch: exit 75 while the daemon runs. Waited for at most 10 s (were none
    // running, this one would become the daemon: then it is killed and counts as "no").
    let second_watch_is_refused = || {
        let mut second = Command::new("wine")
            .arg(dir.join("memsweep.exe"))
            .args(["watch", "--config", &config])
            .env("WINEPREFIX", &prefix.0)
            .env("WINEDEBUG", "-all")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(10) {
            if let Some(status) = second.try_wait().unwrap() {
                return status.code() == Some(75);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = second.kill();
        let _ = second.wait();
        false
    };
    let daemon = format!("{marker}\\memsweep.exe watch");
    let before = visible_windows(&display);
    let exe_name = wine_path(&dir.join("memsweep.exe"));
    let memsweep_windows = |display: &str| -> Vec<(String, String)> {
        visible_windows(display).into_iter().filter(|w| !before.contains(w) && w.1.contains(&marker)).collect()
    };

    // The check can fail: a console program started the ordinary way (`start`, a new console,
    // as a logon task would) shows a console window titled with its path.
    let mut plain = wine(Path::new("start"), &[&exe_name, "watch", "--config", &config]);
    wait("the console window of memsweep.exe started by `start`", Box::new(|| !memsweep_windows(&display).is_empty()));
    let _ = plain.wait();
    assert!(second_watch_is_refused(), "the watch started by `start` runs");
    // Closing that window (its X client, conhost) is what would end the daemon at logon.
    for (id, _) in memsweep_windows(&display) {
        let _ = Command::new("xdotool").args(["windowkill", &id]).env("DISPLAY", &display).output();
    }
    drop(KillMentioning(daemon.clone()));
    wait("the first watch to end", Box::new(|| processes_mentioning(&daemon).is_empty()));
    wait("its window to close", Box::new(|| memsweep_windows(&display).is_empty()));

    // Through the launcher: the daemon runs (a second watch is refused, exit 75) and no window
    // of it ever shows.
    let mut launcher = Reaped(wine(&dir.join("memsweepw.exe"), &["watch", "--config", &config]));
    wait("memsweep.exe started by memsweepw.exe", Box::new(|| !processes_mentioning(&daemon).is_empty()));
    // Time to read its config and take the watch lock (a second watch asked sooner would take
    // the lock first).
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert!(second_watch_is_refused(), "the daemon started by memsweepw.exe runs");
    for _ in 0..12 {
        assert_eq!(memsweep_windows(&display), [], "a window of the daemon showed");
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    assert!(launcher.0.try_wait().unwrap().is_none(), "memsweepw waits for the daemon");
}

/// A directory deleted when the test ends.
struct RemoveDir(PathBuf);

impl Drop for RemoveDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A Wine prefix of one test (`.ci/wine-prefix.sh up`), stopped and deleted when dropped.
struct OwnPrefix(PathBuf);

impl OwnPrefix {
    fn boot(dir: &Path, display: &str) -> OwnPrefix {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/wine-prefix.sh");
        let up = Command::new("bash")
            .arg(&script)
            .arg("up")
            .arg(dir)
            .env("DISPLAY", display)
            .env_remove("WINEPREFIX")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(up.status.success(), "wine-prefix.sh up: {}", String::from_utf8_lossy(&up.stderr));
        OwnPrefix(std::fs::canonicalize(dir).unwrap())
    }
}

impl Drop for OwnPrefix {
    fn drop(&mut self) {
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", &self.0).output();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A child killed and reaped when the test ends, however it ends.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
