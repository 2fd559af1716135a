//! The release artefacts of scripts/release.sh, as a user gets them: the .deb installed with
//! dpkg on this machine and purged again, the installer run silently under Wine and
//! uninstalled again, the portable zip unpacked and run from a scratch folder under Wine, the
//! GitHub Actions workflow checked by actionlint.
//!
//! scripts/test.sh runs release.sh first and sets MEMSWEEP_RELEASE_OUT (dist/out),
//! MEMSWEEP_ACTIONLINT and WINEPREFIX; under CI=true a missing one fails, elsewhere it skips.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use memsweep_testkit::{missing, require_root};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const UNINSTALL_KEY: &str = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\memsweep";
const RUN_KEY: &str = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Run";

/// dist/out as release.sh left it.
fn release_out(test: &str) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("MEMSWEEP_RELEASE_OUT") else {
        missing(test, "MEMSWEEP_RELEASE_OUT (scripts/test.sh runs scripts/release.sh and sets it)");
        return None;
    };
    Some(PathBuf::from(dir))
}

fn wine_ready(test: &str) -> bool {
    std::env::var_os("WINEPREFIX").is_some() || missing(test, "WINEPREFIX (a booted Wine prefix from scripts/test.sh)")
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program).args(args).env("LC_ALL", "C.UTF-8").output().unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn run_ok(program: &str, args: &[&str]) -> String {
    let out = run(program, args);
    assert!(out.status.success(), "{program} {args:?} failed: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wine(args: &[&str]) -> Output {
    Command::new("wine").args(args).env("WINEDEBUG", "-all").env("LC_ALL", "C.UTF-8").output().unwrap()
}

/// A Windows path in the prefix as a Linux path.
fn unix_path(windows: &str) -> PathBuf {
    let out = Command::new("winepath").args(["-u", windows]).env("WINEDEBUG", "-all").output().unwrap();
    assert!(out.status.success(), "winepath {windows}: {}", text(&out));
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

/// An environment variable as Wine's programs see it.
fn wine_env(name: &str) -> String {
    let out = wine(&["cmd", "/c", &format!("echo %{name}%")]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn reg_query(key: &str) -> Option<String> {
    let out = wine(&["reg", "query", key]);
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn sha256sums_name_every_artefact_and_match() {
    let Some(out) = release_out("the SHA256SUMS test") else { return };
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    let names: BTreeSet<&str> = sums.lines().filter_map(|l| l.split_whitespace().nth(1)).collect();
    let expected: BTreeSet<String> = [
        format!("memsweep_{VERSION}_amd64.deb"),
        format!("memsweep-{VERSION}-windows-x86_64.zip"),
        format!("memsweep-{VERSION}-setup.exe"),
    ]
    .into();
    assert_eq!(names, expected.iter().map(String::as_str).collect());
    let check = Command::new("sha256sum").args(["-c", "--strict", "SHA256SUMS"]).current_dir(&out).output().unwrap();
    assert!(check.status.success(), "sha256sum -c: {}", text(&check));
}

/// Every path under the places a package can write, to compare before install and after purge.
fn file_list() -> BTreeSet<PathBuf> {
    fn walk(dir: &Path, into: &mut BTreeSet<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            // shadow's backups of /etc/group and /etc/gshadow, rewritten by any groupadd.
            if path.to_str().is_some_and(|p| p.ends_with('-') && p.starts_with("/etc/")) {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            into.insert(path.clone());
            if is_dir {
                walk(&path, into);
            }
        }
    }
    let mut files = BTreeSet::new();
    let mut roots = vec!["/usr", "/etc", "/var/lib/dpkg/info", "/var/lib/systemd", "/var/lib/memsweep"];
    // /lib is /usr/lib on a merged-/usr system (walked with /usr); else its units are apart.
    if !std::fs::symlink_metadata("/lib").is_ok_and(|m| m.file_type().is_symlink()) {
        roots.push("/lib/systemd");
    }
    for root in roots {
        walk(Path::new(root), &mut files);
    }
    files
}

fn group_exists(name: &str) -> bool {
    run("getent", &["group", name]).status.success()
}

#[test]
fn deb_installs_runs_and_purges_without_a_trace() {
    const TEST: &str = "the .deb test";
    let Some(out) = release_out(TEST) else { return };
    if !require_root(TEST) {
        return;
    }
    let deb = out.join(format!("memsweep_{VERSION}_amd64.deb"));
    // A previous run that failed half-way may have left it installed.
    if run("dpkg-query", &["-W", "-f=${db:Status-Status}", "memsweep"]).stdout.starts_with(b"installed") {
        run_ok("dpkg", &["-P", "memsweep"]);
    }
    let group_before = group_exists("memsweep");
    let before = file_list();

    run_ok("dpkg", &["-i", deb.to_str().unwrap()]);
    let version = run_ok("/usr/bin/memsweep", &["--version"]);
    assert!(
        version.starts_with(&format!("memsweep {VERSION} (")) && version.contains("x86_64-unknown-linux-gnu)"),
        "{version}"
    );
    assert_eq!(run_ok("man", &["-w", "memsweep"]).trim(), "/usr/share/man/man1/memsweep.1.gz");
    assert_eq!(run_ok("man", &["-w", "memsweep-clean"]).trim(), "/usr/share/man/man1/memsweep-clean.1.gz");
    assert_eq!(run_ok("man", &["-w", "memsweep-tray"]).trim(), "/usr/share/man/man1/memsweep-tray.1.gz");
    for (path, shell) in [
        ("/usr/share/bash-completion/completions/memsweep", "bash"),
        ("/usr/share/zsh/vendor-completions/_memsweep", "zsh"),
        ("/usr/share/fish/vendor_completions.d/memsweep.fish", "fish"),
    ] {
        let installed = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // The same script `memsweep completions SHELL` prints: the package ships the generator's output.
        assert_eq!(installed, run_ok("/usr/bin/memsweep", &["completions", shell]), "{path}");
    }
    run_ok("bash", &["-n", "/usr/share/bash-completion/completions/memsweep"]);
    assert!(group_exists("memsweep"), "postinst creates group memsweep");
    let conffiles = run_ok("dpkg-query", &["-W", "-f=${Conffiles}", "memsweep"]);
    assert!(conffiles.contains("/etc/memsweep/memsweep.toml"), "conffiles: {conffiles}");
    run_ok("/usr/bin/memsweep", &["--config", "/etc/memsweep/memsweep.toml", "config", "check"]);
    let unit = std::fs::read_to_string("/lib/systemd/system/memsweep.service").unwrap();
    assert!(unit.contains("ExecStart=/usr/bin/memsweep watch --config /etc/memsweep/memsweep.toml"), "{unit}");
    let status = run_ok("/usr/bin/memsweep", &["status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["os"], "linux");
    run_ok("/usr/bin/memsweep", &["status"]);

    run_ok("dpkg", &["-P", "memsweep"]);
    let after = file_list();
    let left: Vec<_> = after.difference(&before).collect();
    let taken: Vec<_> = before.difference(&after).collect();
    assert!(left.is_empty(), "dpkg -P left files behind: {left:?}");
    assert!(taken.is_empty(), "dpkg -i / -P removed files that were there before: {taken:?}");
    // Kept on purge on purpose (files elsewhere may carry its gid: dist/deb/postrm); this test
    // still puts the machine back as it found it.
    assert!(group_exists("memsweep"), "the group stays after a purge");
    if !group_before {
        run_ok("groupdel", &["memsweep"]);
    }
}

/// Names of the files in a zip, by unzip -Z1.
fn zip_names(zip: &Path) -> BTreeSet<String> {
    run_ok("unzip", &["-Z1", zip.to_str().unwrap()]).lines().map(str::to_string).collect()
}

/// Whether a PE file carries a version resource (VS_VERSION_INFO, UTF-16) and a manifest.
fn has_version_and_manifest(exe: &[u8]) -> (bool, bool) {
    let utf16: Vec<u8> = "VS_VERSION_INFO".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let find = |needle: &[u8]| exe.windows(needle.len()).any(|w| w == needle);
    (find(&utf16), find(b"urn:schemas-microsoft-com:asm.v1"))
}

/// The COFF header's TimeDateStamp of a PE file.
fn pe_timestamp(exe: &[u8]) -> u32 {
    let at = |offset: usize| u32::from_le_bytes(exe[offset..offset + 4].try_into().unwrap());
    let pe = at(0x3c) as usize;
    assert_eq!(&exe[pe..pe + 4], b"PE\0\0", "not a PE file");
    at(pe + 8)
}

#[test]
fn zip_holds_the_programs_docs_and_licences_and_runs_from_any_folder() {
    const TEST: &str = "the zip test";
    let Some(out) = release_out(TEST) else { return };
    if !wine_ready(TEST) {
        return;
    }
    let top = format!("memsweep-{VERSION}-windows-x86_64");
    let zip = out.join(format!("{top}.zip"));
    let names = zip_names(&zip);
    for file in [
        "memsweep.exe",
        "memsweep-tray.exe",
        "README.md",
        "README.zh-CN.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "THIRD-PARTY-NOTICES.txt",
        "memsweep.example.toml",
        "PORTABLE.txt",
    ] {
        assert!(names.contains(&format!("{top}/{file}")), "{file} missing from the zip: {names:?}");
    }
    let scratch = tempfile::Builder::new().prefix("memsweep-zip-").tempdir_in("/tmp").unwrap();
    run_ok("unzip", &["-q", zip.to_str().unwrap(), "-d", scratch.path().to_str().unwrap()]);
    let dir = scratch.path().join(&top);
    for name in names.iter().filter(|n| n.ends_with(".exe")) {
        let exe = std::fs::read(scratch.path().join(name)).unwrap();
        assert_eq!(has_version_and_manifest(&exe), (true, true), "{name}: version resource, manifest");
        // Reproducible whatever was built before: no link time in the header (release.sh).
        assert_eq!(pe_timestamp(&exe), 0, "{name}: PE header TimeDateStamp");
    }
    let notices = std::fs::read_to_string(dir.join("THIRD-PARTY-NOTICES.txt")).unwrap();
    assert!(notices.contains("windows-sys") && notices.contains("Permission is hereby granted"), "notices");

    let exe = dir.join("memsweep.exe");
    let status = wine(&[exe.to_str().unwrap(), "status"]);
    assert_eq!(status.status.code(), Some(0), "{}", text(&status));
    assert!(String::from_utf8_lossy(&status.stdout).contains("Memory"), "{}", text(&status));
    // Portable: a memsweep.toml beside the exe is the config, wherever the folder is.
    std::fs::copy(dir.join("memsweep.example.toml"), dir.join("memsweep.toml")).unwrap();
    let path = wine(&[exe.to_str().unwrap(), "config", "path"]);
    let shown = String::from_utf8_lossy(&path.stdout).trim().to_string();
    assert_eq!(unix_path(&shown), dir.join("memsweep.toml"), "{}", text(&path));
    let check = wine(&[exe.to_str().unwrap(), "config", "check"]);
    assert_eq!(check.status.code(), Some(0), "the example config is valid: {}", text(&check));
}

#[test]
fn installer_installs_silently_and_the_uninstaller_removes_all_it_added() {
    const TEST: &str = "the installer test";
    let Some(out) = release_out(TEST) else { return };
    if !wine_ready(TEST) {
        return;
    }
    let setup = out.join(format!("memsweep-{VERSION}-setup.exe"));
    let setup_bytes = std::fs::read(&setup).unwrap();
    assert_eq!(has_version_and_manifest(&setup_bytes), (true, true), "setup.exe: version resource, manifest");
    let program_files = unix_path(r"C:\Program Files\memsweep");
    let start_menu = unix_path(&format!(r"{}\Microsoft\Windows\Start Menu\Programs\memsweep", wine_env("ProgramData")));
    let user_config = unix_path(&format!(r"{}\memsweep\memsweep.toml", wine_env("APPDATA")));

    let install = |args: &[&str]| {
        let mut all = vec![setup.to_str().unwrap()];
        all.extend_from_slice(args);
        let done = wine(&all);
        assert_eq!(done.status.code(), Some(0), "setup.exe {args:?}: {}", text(&done));
    };
    // The uninstaller copies itself to %TEMP% and returns at once (NSIS), so wait for its work.
    let uninstall = |args: &[&str]| {
        let mut all = vec![r"C:\Program Files\memsweep\uninstall.exe"];
        all.extend_from_slice(args);
        let started = wine(&all);
        assert_eq!(started.status.code(), Some(0), "uninstall.exe {args:?}: {}", text(&started));
        wait_until("the uninstaller", Duration::from_secs(90), || {
            !program_files.exists() && reg_query(UNINSTALL_KEY).is_none()
        });
    };
    let nothing_of_ours_left = || {
        assert!(!program_files.exists(), "{} is left", program_files.display());
        assert!(!start_menu.exists(), "{} is left", start_menu.display());
        assert!(reg_query(UNINSTALL_KEY).is_none(), "the uninstall entry is left");
        let run = reg_query(RUN_KEY).unwrap_or_default();
        assert!(!run.contains("memsweep"), "the Run entry is left: {run}");
    };
    if program_files.join("uninstall.exe").exists() {
        uninstall(&["/S", "/PURGE"]); // left by an earlier run that failed half-way
    }

    // Silent install with the defaults: programs, shortcuts, start at login, no service.
    install(&["/S"]);
    for file in [
        "memsweep.exe",
        "memsweep-tray.exe",
        "uninstall.exe",
        "README.md",
        "README.zh-CN.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "THIRD-PARTY-NOTICES.txt",
        "memsweep.example.toml",
    ] {
        assert!(program_files.join(file).is_file(), "{file} not installed");
    }
    let uninstaller = std::fs::read(program_files.join("uninstall.exe")).unwrap();
    assert!(has_version_and_manifest(&uninstaller).0, "uninstall.exe: version resource");
    let shortcuts: BTreeSet<String> = std::fs::read_dir(&start_menu)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        shortcuts,
        ["memsweep settings.lnk", "memsweep top.lnk", "memsweep.lnk"].map(String::from).into(),
        "Start menu shortcuts"
    );
    let entry = reg_query(UNINSTALL_KEY).expect("the Add/Remove Programs entry");
    for (value, expected) in [
        ("DisplayName", "memsweep"),
        ("DisplayVersion", VERSION),
        ("InstallLocation", r"C:\Program Files\memsweep"),
        ("UninstallString", r#""C:\Program Files\memsweep\uninstall.exe""#),
        ("QuietUninstallString", r#""C:\Program Files\memsweep\uninstall.exe" /S"#),
    ] {
        assert!(
            entry.lines().any(|l| l.trim().starts_with(value) && l.trim_end().ends_with(expected)),
            "{value}: {entry}"
        );
    }
    let size_kib = entry
        .lines()
        .find_map(|l| {
            u64::from_str_radix(
                l.trim().strip_prefix("EstimatedSize")?.trim().strip_prefix("REG_DWORD")?.trim().strip_prefix("0x")?,
                16,
            )
            .ok()
        })
        .expect("EstimatedSize");
    let exe_kib = std::fs::metadata(program_files.join("memsweep.exe")).unwrap().len() / 1024;
    assert!(size_kib > exe_kib, "EstimatedSize {size_kib} KiB counts the installed files");
    assert!(reg_query(RUN_KEY).unwrap_or_default().contains(r#""C:\Program Files\memsweep\memsweep-tray.exe""#));

    let status = wine(&[r"C:\Program Files\memsweep\memsweep.exe", "status", "--json"]);
    assert_eq!(status.status.code(), Some(0), "{}", text(&status));
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["os"], "windows");

    // The user's settings survive a plain uninstall...
    std::fs::create_dir_all(user_config.parent().unwrap()).unwrap();
    std::fs::write(&user_config, "language = \"en\"\n").unwrap();
    uninstall(&["/S"]);
    nothing_of_ours_left();
    assert!(user_config.exists(), "the user's config is kept unless asked");

    // ...and go when asked; options turn the shortcuts and start at login off.
    install(&["/S", "/STARTMENU=0", "/STARTATLOGIN=0"]);
    assert!(program_files.join("memsweep.exe").is_file());
    assert!(!start_menu.exists(), "/STARTMENU=0 makes no shortcuts");
    assert!(!reg_query(RUN_KEY).unwrap_or_default().contains("memsweep"), "/STARTATLOGIN=0 adds no Run entry");
    uninstall(&["/S", "/PURGE"]);
    nothing_of_ours_left();
    assert!(!user_config.exists(), "/PURGE removes the user's config");
}

#[test]
fn workflow_passes_actionlint() {
    let Some(actionlint) = std::env::var_os("MEMSWEEP_ACTIONLINT") else {
        missing("the actionlint test", "MEMSWEEP_ACTIONLINT (scripts/test.sh installs actionlint and sets it)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workflow = root.join(".github/workflows/windows.yml");
    assert!(workflow.is_file(), "{} is missing", workflow.display());
    let out = Command::new(&actionlint).arg(&workflow).current_dir(&root).output().unwrap();
    assert!(out.status.success(), "actionlint: {}", text(&out));
    // The checker really checks: a broken copy fails.
    let broken = tempfile::Builder::new().prefix("memsweep-workflow-").suffix(".yml").tempfile().unwrap();
    let yaml = std::fs::read_to_string(&workflow).unwrap().replacen("runs-on:", "runs-onn:", 1);
    std::fs::write(broken.path(), yaml).unwrap();
    let out = Command::new(&actionlint).arg(broken.path()).output().unwrap();
    assert!(!out.status.success(), "actionlint accepted a job without runs-on: {}", text(&out));
}
