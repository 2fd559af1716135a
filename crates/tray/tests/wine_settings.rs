//! The real memsweep-tray.exe's settings window under Wine on a headless X server (Xvfb),
//! driven with input events (xdotool):
//!
//! - at 96 and 192 DPI, in English, in Chinese and in the pseudo-locale (every string 40%
//!   longer), `--settings --check-layout` measures every control's text against the control and
//!   finds nothing clipped;
//! - three values changed with the keyboard (Ctrl+Tab to the page, Alt+letter to the field,
//!   typing) and OK: the config file's diff is exactly those three keys, every comment of the
//!   file is still there, and a running tray reads the config again;
//! - a bad hotkey ("Ctrl+Alt+F99") is refused in the dialog (the reason in red, OK does
//!   nothing) and the file is unchanged;
//! - screenshots of every page at 96 DPI (English, Chinese) and at 192 DPI (English and the
//!   pseudo-locale) are kept in target/tray-screenshots/settings-*.png.
//!
//! scripts/test.sh builds the executable and sets MEMSWEEP_WINE_TRAY_EXE; under CI=true a
//! missing variable or tool is a failure, not a skip. The test boots a Wine prefix of its own
//! on its own display (a shared prefix's desktop process may have started without one).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A user's file: comments everywhere, its own order and spacing, keys the dialog never shows.
const USER_FILE: &str = r#"# My memsweep settings. Hand-written; keep my comments!
language = "en"   # English, please

[tray]
# the icon turns red early on this small laptop
danger_percent = 85.0
warning_percent = 60   # an integer on purpose
hotkey = ""            # none yet
left_click = "menu"

[[rules]]
# the one that matters
kind = "usage"
percent     = 90   # aligned by hand

[[rules]]
kind = "pressure"      # Linux only; the dialog on Windows does not show it
some_avg10_percent = 15.0

[watch]
min_gap_seconds = 60 # a minute
pause_while = ["game.exe"] # never while I play

[advise]
# defaults, but written down
available_below_percent = 10.0
"#;

fn skip_or_fail(why: &str) {
    memsweep_testkit::missing("the Wine settings-window test", why);
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/tray-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A process killed (and reaped) when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A Wine prefix of this test (`.ci/wine-prefix.sh up`), booted on its display; stopped and
/// deleted when dropped.
struct OwnPrefix(PathBuf);

impl OwnPrefix {
    fn boot(dir: &Path, display: &str) -> OwnPrefix {
        let _ = std::fs::remove_dir_all(dir);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/wine-prefix.sh");
        let up = Command::new("bash")
            .arg(&script)
            .arg("up")
            .arg(dir)
            .env("DISPLAY", display)
            .env_remove("WINEPREFIX")
            .stdin(Stdio::null())
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

/// Xvfb on the first free display from :200, large enough for the window at 192 DPI. One that
/// exits at once lost the display to someone else (other tests on this machine): the next.
fn xvfb() -> (Guard, String) {
    for n in 200..260 {
        if Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            continue;
        }
        let display = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "2560x1600x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut guard = Guard(child);
        let socket = format!("/tmp/.X11-unix/X{n}");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) && guard.0.try_wait().unwrap().is_none() {
            if Path::new(&socket).exists() {
                std::thread::sleep(Duration::from_millis(300));
                if guard.0.try_wait().unwrap().is_none() {
                    return (guard, display);
                }
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("no Xvfb display could be started");
}

fn wait_for<T>(what: &str, timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(started.elapsed() < timeout, "timed out after {timeout:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rect {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

struct Wine {
    prefix: OwnPrefix,
    display: String,
    dir: PathBuf,
    exe: PathBuf,
}

impl Wine {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("wine");
        command
            .arg(&self.exe)
            .args(args)
            .current_dir(&self.dir)
            .env("WINEPREFIX", &self.prefix.0)
            .env("DISPLAY", &self.display)
            .env("WINEDEBUG", "-all")
            .stdin(Stdio::null());
        command
    }

    fn reg(&self, key: &str, value: &str, kind: &str, data: &str) {
        let out = Command::new("wine")
            .args(["reg", "add", key, "/v", value, "/t", kind, "/d", data, "/f"])
            .env("WINEPREFIX", &self.prefix.0)
            .env("WINEDEBUG", "-all")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "wine reg add {key} {value}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Wine's DPI for every program started after this (Windows' "scale" setting).
    fn set_dpi(&self, dpi: u32) {
        self.reg(r"HKCU\Control Panel\Desktop", "LogPixels", "REG_DWORD", &dpi.to_string());
    }

    /// `--settings --check-layout`: its exit status and what it printed.
    fn check_layout(&self, lang: Option<&str>) -> (Option<i32>, String) {
        let mut args = vec!["--settings", "--check-layout"];
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let out = self.command(&args).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code(), text)
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool").args(args).env("DISPLAY", &self.display).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.xdotool(&["key", key]);
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    fn type_text(&self, text: &str) {
        self.xdotool(&["type", "--delay", "60", text]);
        std::thread::sleep(Duration::from_millis(300));
    }

    /// The settings window: the largest visible window of the executable.
    fn window(&self) -> Option<Rect> {
        self.xdotool(&["search", "--onlyvisible", "--class", "memsweep-tray.exe"])
            .lines()
            .filter_map(|id| {
                let text = self.xdotool(&["getwindowgeometry", "--shell", id.trim()]);
                let get =
                    |key: &str| text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('=')?.trim().parse().ok());
                Some(Rect { x: get("X")?, y: get("Y")?, w: get("WIDTH")?, h: get("HEIGHT")? })
            })
            .filter(|r| r.w > 300 && r.h > 300)
            .max_by_key(|r| r.w * r.h)
    }

    /// The window's pixels, saved as `name`.png; returns how many are the refusal's red.
    fn shot(&self, name: &str, window: Rect) -> usize {
        std::thread::sleep(Duration::from_millis(600)); // let it paint
        let png = screenshots().join(format!("{name}.png"));
        let status = Command::new("/usr/bin/import")
            .args(["-window", "root", "-crop", &format!("{}x{}+{}+{}", window.w, window.h, window.x, window.y)])
            .arg(&png)
            .env("DISPLAY", &self.display)
            .status()
            .unwrap();
        assert!(status.success(), "import failed");
        let out = Command::new("/usr/bin/convert").arg(&png).args(["-depth", "8", "rgb:-"]).output().unwrap();
        assert!(out.status.success(), "convert failed");
        out.stdout.chunks_exact(3).filter(|p| p == &[0xc6, 0x28, 0x28]).count()
    }
}

/// The settings window, open; its stderr read on a thread.
struct Open {
    child: Guard,
    stderr: std::sync::mpsc::Receiver<String>,
    window: Rect,
}

impl Open {
    fn new(wine: &Wine, args: &[&str]) -> Open {
        let mut all = vec!["--settings"];
        all.extend(args);
        let mut child = wine.command(&all).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        let stderr = read_on_a_thread(child.stderr.take().unwrap());
        let child = Guard(child);
        let window = wait_for("the settings window", Duration::from_secs(60), || wine.window());
        std::thread::sleep(Duration::from_millis(800));
        // A click on its empty bottom-left corner (beside the buttons): the window has the keyboard.
        wine.xdotool(&["mousemove", &(window.x + 20).to_string(), &(window.y + window.h - 20).to_string()]);
        wine.xdotool(&["click", "1"]);
        Open { child, stderr, window }
    }

    fn stderr_so_far(&self) -> String {
        self.stderr.try_iter().collect()
    }

    fn exit(mut self, within: Duration) -> (Option<i32>, String) {
        let status = wait_for("the settings window to close", within, || self.child.0.try_wait().unwrap());
        std::thread::sleep(Duration::from_millis(300));
        (status.code(), self.stderr_so_far())
    }

    /// Every page, in order (Ctrl+Tab), ending where it began.
    fn shoot_pages(&self, wine: &Wine, name: &str) -> usize {
        let pages = 5;
        for page in 1..=pages {
            wine.shot(&format!("{name}-{page}"), self.window);
            wine.keys(&["ctrl+Tab"]);
        }
        pages
    }
}

/// What a pipe carries, as it comes.
fn read_on_a_thread(mut pipe: impl Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buffer) {
            if n == 0 || tx.send(String::from_utf8_lossy(&buffer[..n]).into_owned()).is_err() {
                break;
            }
        }
    });
    rx
}

fn tool_missing() -> Option<String> {
    let tools = ["wine", "Xvfb", "xdotool", "/usr/bin/import", "/usr/bin/convert", "fc-list"];
    let missing = tools.into_iter().find(|tool| {
        Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().map_or(true, |o| !o.status.success())
    });
    if let Some(tool) = missing {
        return Some(format!("{tool} is not installed (.ci/windows-toolchain.sh installs it)"));
    }
    let chinese = Command::new("fc-list").arg(format!("{CHINESE_FONT}:lang=zh")).output().ok()?;
    String::from_utf8_lossy(&chinese.stdout)
        .trim()
        .is_empty()
        .then(|| format!("the font {CHINESE_FONT} (fonts-wqy-microhei; .ci/windows-toolchain.sh installs it)"))
}

/// The Chinese font Wine links to its dialog font, as Chinese Windows links Microsoft YaHei.
const CHINESE_FONT: &str = "WenQuanYi Micro Hei";

/// Lines of `after` that are not lines of `before` (the file keeps its line count).
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    assert_eq!(before.lines().count(), after.lines().count(), "lines were added or removed:\n{after}");
    before.lines().zip(after.lines()).filter(|(a, b)| a != b).map(|(_, b)| b.to_string()).collect()
}

fn assert_layout_fits(wine: &Wine, dpi: u32, lang: Option<&str>) {
    let (code, text) = wine.check_layout(lang);
    eprintln!("{text}");
    assert!(text.contains(&format!("settings layout at {dpi} dpi")), "not measured at {dpi} DPI: {text}");
    assert!(text.contains(&format!("{}:", lang.unwrap_or("en"))), "{text}");
    assert!(text.contains("controls on 5 pages"), "{text}");
    assert_eq!(code, Some(0), "clipped at {dpi} DPI ({lang:?}):\n{text}");
    assert!(text.contains("nothing clipped"), "{text}");
}

#[test]
fn the_settings_window_under_wine() {
    let Ok(built) = std::env::var("MEMSWEEP_WINE_TRAY_EXE") else {
        return skip_or_fail("MEMSWEEP_WINE_TRAY_EXE is not set (scripts/test.sh sets it)");
    };
    if let Some(why) = tool_missing() {
        return skip_or_fail(&why);
    }
    let dir = PathBuf::from(&built).parent().unwrap().join("wine-settings-e2e");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("memsweep-tray.exe");
    std::fs::copy(&built, &exe).unwrap();
    // A portable memsweep.toml next to the executable: the file the window edits.
    let config = dir.join("memsweep.toml");
    std::fs::write(&config, USER_FILE).unwrap();
    let (_xvfb, display) = xvfb();
    let prefix = OwnPrefix::boot(&dir.join("prefix"), &display);
    let wine = Wine { prefix, display, dir: dir.clone(), exe };
    wine.reg(r"HKCU\Software\Wine\AppDefaults\memsweep-tray.exe", "Version", "REG_SZ", "win10");
    // No window manager on Xvfb: Wine then draws the title bars and frames itself.
    wine.reg(r"HKCU\Software\Wine\X11 Driver", "Managed", "REG_SZ", "N");
    // Chinese glyphs: the dialog font (Tahoma, which MS Shell Dlg stands for) falls back to a
    // Chinese font, as Windows' font linking does.
    let links = r"HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontLink\SystemLink";
    for face in ["Tahoma", "MS Shell Dlg"] {
        wine.reg(links, face, "REG_MULTI_SZ", &format!("wqy-microhei.ttc,{CHINESE_FONT}"));
    }

    // 1. 96 DPI: nothing clipped, in English, in Chinese or 40% longer; every page in Chinese.
    wine.set_dpi(96);
    assert_layout_fits(&wine, 96, None);
    assert_layout_fits(&wine, 96, Some("zh-CN"));
    assert_layout_fits(&wine, 96, Some("qps-ploc"));
    let open = Open::new(&wine, &["--lang", "zh-CN"]);
    open.shoot_pages(&wine, "settings-96-zh-CN");
    wine.keys(&["Escape"]);
    open.exit(Duration::from_secs(30));

    // 2. Every page at 96 DPI; then three values changed with the keyboard, and OK. A running
    //    tray is told and reads the config again.
    let mut tray = wine.command(&[]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let tray_said = read_on_a_thread(tray.stderr.take().unwrap());
    let mut tray = Guard(tray);
    let open = Open::new(&wine, &[]);
    let window = open.window;
    eprintln!("settings window at 96 DPI: {window:?}");
    assert!(window.w < 1024 && window.h < 768, "{window:?} does not fit a small screen at 96 DPI");
    open.shoot_pages(&wine, "settings-96");
    wine.keys(&["ctrl+Tab", "alt+l"]); // Automatic cleaning: "Used memory at &least"
    wine.type_text("85");
    wine.keys(&["alt+g"]); // "Least time between two automatic cleans (&gap)"
    wine.type_text("120");
    wine.shot("settings-96-changed-auto", window);
    wine.keys(&["ctrl+Tab", "ctrl+Tab", "alt+k"]); // Tray icon: "Hot&key"
    wine.type_text("Ctrl+Alt+M");
    wine.shot("settings-96-changed-tray", window);
    wine.keys(&["Return"]);
    let (code, stderr) = open.exit(Duration::from_secs(30));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("settings saved in"), "{stderr}");
    let written = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        changed_lines(USER_FILE, &written),
        [
            "hotkey = \"Ctrl+Alt+M\"            # none yet",
            "percent     = 85   # aligned by hand",
            "min_gap_seconds = 120 # a minute"
        ],
        "the diff is exactly the three keys typed:\n{written}"
    );
    for line in USER_FILE.lines().filter(|l| l.contains('#')) {
        let comment = &line[line.find('#').unwrap()..];
        assert!(written.contains(comment), "the comment {comment:?} was lost:\n{written}");
    }
    // The tray read it again (the registered message the window posts after a save).
    let mut told = String::new();
    let started = Instant::now();
    while !told.contains("settings saved:") && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(200));
        told.extend(tray_said.try_iter());
    }
    assert!(
        told.contains("settings saved: ") && told.contains("memsweep.toml read again"),
        "the running tray did not read its config again (exited: {:?}); it said: {told}",
        tray.0.try_wait()
    );
    drop(tray);

    // 3. A bad hotkey is refused in the dialog: the reason in red, OK does nothing, the file is
    //    unchanged; Esc leaves without writing.
    let mut open = Open::new(&wine, &[]);
    wine.keys(&["ctrl+Tab", "ctrl+Tab", "ctrl+Tab"]);
    assert_eq!(wine.shot("settings-96-tray", open.window), 0, "red before anything is refused");
    wine.keys(&["alt+k"]);
    wine.type_text("Ctrl+Alt+F99");
    let red = wine.shot("settings-96-refused", open.window);
    assert!(red > 50, "the refusal is not shown in red ({red} red pixels)");
    wine.keys(&["Return"]); // OK is greyed: Enter only beeps and says why
    std::thread::sleep(Duration::from_secs(1));
    assert!(open.child.0.try_wait().unwrap().is_none(), "the window closed on a refused value");
    let said = open.stderr_so_far();
    assert!(said.contains("settings not saved: Hotkey: memsweep.toml:"), "{said}");
    assert!(said.contains("tray.hotkey: 'F99' is not a key"), "{said}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), written, "a refused value was written");
    wine.keys(&["Escape"]);
    let (code, _) = open.exit(Duration::from_secs(30));
    assert_eq!(code, Some(0));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), written, "Cancel wrote the file");

    // 4. 192 DPI: nothing clipped in either; every page on screen, English and pseudo-locale.
    wine.set_dpi(192);
    assert_layout_fits(&wine, 192, None);
    assert_layout_fits(&wine, 192, Some("zh-CN"));
    assert_layout_fits(&wine, 192, Some("qps-ploc"));
    let open = Open::new(&wine, &[]);
    eprintln!("settings window at 192 DPI: {:?}", open.window);
    assert!(
        open.window.w > window.w * 17 / 10 && open.window.h > window.h * 17 / 10,
        "not scaled for 192 DPI: {:?} against {window:?}",
        open.window
    );
    open.shoot_pages(&wine, "settings-192");
    wine.keys(&["Escape"]);
    open.exit(Duration::from_secs(30));
    let open = Open::new(&wine, &["--lang", "qps-ploc"]);
    open.shoot_pages(&wine, "settings-192-pseudo");
    wine.keys(&["Escape"]);
    open.exit(Duration::from_secs(30));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), written);
    let _ = std::fs::remove_dir_all(&dir);
}
