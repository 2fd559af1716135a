//! The real memsweep-tray.exe under Wine on a headless X server (Xvfb): its icon in Wine's
//! system tray has exactly the renderer's pixels (every opaque one), a right click opens the
//! menu, "Clean now" issues the default areas' NtSetSystemInformation calls (read from Wine's own
//! trace), a balloon appears, a second instance is refused, the configured global hotkey
//! (Ctrl+Alt+M, pressed with xdotool) runs the same clean again, and "Exit" ends it.
//!
//! scripts/test.sh builds the executable, boots a Wine prefix (WINEPREFIX) and sets
//! MEMSWEEP_WINE_TRAY_EXE; under CI=true a missing variable or tool is a failure, not a skip.
//! Screenshots are kept in target/tray-screenshots/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use memsweep_core::config::{Config, TrayConfig};
use memsweep_tray::render::{Figure, Palette, Rgb};

const CONFIG: &str = "[watch]\npoll_interval_ms = 500\n\n[tray]\nwarning_percent = 1.0\ndanger_percent = 99.0\n\
                      warning_color = \"#6a1b9a\"\nhotkey = \"Ctrl+Alt+M\"\n";

fn skip_or_fail(why: &str) {
    memsweep_testkit::missing("the Wine tray test", why);
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

/// Xvfb on the first free display from :99.
fn xvfb() -> (Guard, String) {
    for n in 99..130 {
        if Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            continue;
        }
        let display = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let guard = Guard(child);
        let socket = format!("/tmp/.X11-unix/X{n}");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if Path::new(&socket).exists() {
                return (guard, display);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("no Xvfb display could be started");
}

fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).env("DISPLAY", display).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rect {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

fn geometry(display: &str, window: &str) -> Option<Rect> {
    let text = xdotool(display, &["getwindowgeometry", "--shell", window]);
    let get = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('=')?.trim().parse().ok());
    Some(Rect { x: get("X")?, y: get("Y")?, w: get("WIDTH")?, h: get("HEIGHT")? })
}

/// Visible windows matching an xdotool search, with their geometry.
fn windows(display: &str, by: &str, pattern: &str) -> Vec<Rect> {
    xdotool(display, &["search", "--onlyvisible", by, pattern])
        .lines()
        .filter_map(|id| geometry(display, id.trim()))
        .collect()
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

/// An RGB screenshot of the whole screen, also saved as `name`.png.
struct Shot {
    width: usize,
    pixels: Vec<u8>,
}

impl Shot {
    fn take(display: &str, name: &str) -> Shot {
        let png = screenshots().join(format!("{name}.png"));
        let status = Command::new("/usr/bin/import")
            .args(["-window", "root"])
            .arg(&png)
            .env("DISPLAY", display)
            .status()
            .unwrap();
        assert!(status.success(), "import failed");
        let out = Command::new("/usr/bin/convert").arg(&png).args(["-depth", "8", "ppm:-"]).output().unwrap();
        assert!(out.status.success(), "convert failed");
        // P6\n<w> <h>\n255\n<rgb...>
        let data = out.stdout;
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while data[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !data[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P6");
        let width: usize = fields[1].parse().unwrap();
        Shot { width, pixels: data[at + 1..].to_vec() }
    }

    fn at(&self, x: i64, y: i64) -> Option<Rgb> {
        if x < 0 || y < 0 || x as usize >= self.width {
            return None;
        }
        let i = (y as usize * self.width + x as usize) * 3;
        self.pixels.get(i..i + 3).map(|p| Rgb(p[0], p[1], p[2]))
    }

    /// Whether the `size` x `size` RGBA image sits with its top-left corner at (x, y): every
    /// opaque pixel equal (the rounded corners are blended with the tray's background).
    fn matches(&self, x: i64, y: i64, rgba: &[u8], size: i64) -> bool {
        (0..size).all(|dy| {
            (0..size).all(|dx| {
                let i = ((dy * size + dx) * 4) as usize;
                rgba[i + 3] < 255 || self.at(x + dx, y + dy) == Some(Rgb(rgba[i], rgba[i + 1], rgba[i + 2]))
            })
        })
    }

    /// Share of the rectangle's pixels that are near white.
    fn white_share(&self, r: Rect) -> f64 {
        let mut white = 0;
        for y in r.y..r.y + r.h {
            for x in r.x..r.x + r.w {
                if self.at(x, y).is_some_and(|Rgb(a, b, c)| a > 240 && b > 240 && c > 240) {
                    white += 1;
                }
            }
        }
        white as f64 / (r.w * r.h).max(1) as f64
    }
}

/// Where the renderer's icon for some percentage is in the tray window: (x, y, size, percent).
fn find_icon(shot: &Shot, tray: Rect, palette: &Palette) -> Option<(i64, i64, i64, u8)> {
    for size in [16i64, 20, 24, 32] {
        for percent in 0..=100u8 {
            let icon = palette.icon(Figure::Used(percent), palette.level(percent), size as u32);
            for y in tray.y - 2..tray.y + tray.h + 2 - size + 1 {
                for x in tray.x - 2..tray.x + tray.w + 2 - size + 1 {
                    if shot.matches(x, y, &icon, size) {
                        return Some((x, y, size, percent));
                    }
                }
            }
        }
    }
    None
}

/// (class, length) of every NtSetSystemInformation call in Wine's trace, in order.
fn set_calls(trace: &str) -> Vec<(u32, u32)> {
    trace
        .lines()
        .filter_map(|line| {
            let args = line.split_once("fixme:ntdll:NtSetSystemInformation (")?.1;
            let args = args.rsplit_once(')')?.0;
            let fields: Vec<&str> = args.split(',').collect();
            let hex = |s: &str| u32::from_str_radix(s.trim().trim_start_matches("0x"), 16).ok();
            Some((hex(fields.first()?)?, hex(fields.get(2)?)?))
        })
        .collect()
}

fn host_used_percent() -> f64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap();
    let field = |name: &str| -> f64 {
        text.lines().find(|l| l.starts_with(name)).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    (field("MemTotal:") - field("MemAvailable:")) * 100.0 / field("MemTotal:")
}

fn wine(display: &str, exe: &Path, trace: &Path) -> Child {
    Command::new("wine")
        .arg(exe)
        .env("DISPLAY", display)
        .env("WINEDEBUG", "-all,fixme+ntdll")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(trace).unwrap())
        .spawn()
        .unwrap()
}

fn right_click_menu(display: &str, at: (i64, i64)) -> Rect {
    xdotool(display, &["mousemove", &at.0.to_string(), &at.1.to_string(), "click", "3"]);
    // The popup menu is a window of the tray's own process.
    wait_for("the menu", Duration::from_secs(15), || {
        windows(display, "--class", "memsweep-tray.exe").into_iter().find(|r| r.h > 60 && r.w > 60)
    })
}

#[test]
fn the_tray_under_wine_shows_its_icon_menu_clean_and_balloon() {
    let Ok(built) = std::env::var("MEMSWEEP_WINE_TRAY_EXE") else {
        return skip_or_fail("MEMSWEEP_WINE_TRAY_EXE is not set (scripts/test.sh sets it)");
    };
    for tool in ["wine", "Xvfb", "xdotool", "/usr/bin/import", "/usr/bin/convert"] {
        if Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().map_or(true, |o| !o.status.success())
        {
            return skip_or_fail(&format!("{tool} is not installed (.ci/windows-toolchain.sh installs it)"));
        }
    }
    // A copy of its own, with a portable memsweep.toml next to it: custom levels and colours.
    let dir = PathBuf::from(&built).parent().unwrap().join("wine-tray-e2e");
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("memsweep-tray.exe");
    std::fs::copy(&built, &exe).unwrap();
    std::fs::write(dir.join("memsweep.toml"), CONFIG).unwrap();
    let config = Config::parse("memsweep.toml", CONFIG).unwrap();
    let palette = Palette::from_config(&config.tray);
    assert_ne!(config.tray, TrayConfig::default());
    let status = Command::new("wine")
        .args([
            "reg",
            "add",
            r"HKCU\Software\Wine\AppDefaults\memsweep-tray.exe",
            "/v",
            "Version",
            "/t",
            "REG_SZ",
            "/d",
            "win10",
            "/f",
        ])
        .env("WINEDEBUG", "-all")
        .output()
        .unwrap();
    assert!(status.status.success(), "wine reg add: {}", String::from_utf8_lossy(&status.stderr));

    let (_xvfb, display) = xvfb();
    let trace = screenshots().join("wine-trace.log");
    let mut tray = Guard(wine(&display, &exe, &trace));

    // 1. The icon: Wine's system tray window holds exactly the renderer's pixels.
    let tray_window = wait_for("Wine's system tray window", Duration::from_secs(60), || {
        windows(&display, "--name", "Wine System Tray").into_iter().next()
    });
    let (shot, (x, y, size, percent)) = wait_for("the icon in the tray", Duration::from_secs(30), || {
        let shot = Shot::take(&display, "1-icon");
        let found = find_icon(&shot, tray_window, &palette)?;
        Some((shot, found))
    });
    let host = host_used_percent();
    assert!((f64::from(percent) - host).abs() <= 5.0, "icon shows {percent}%, the host uses {host:.1}%");
    if (1..99).contains(&percent) {
        // some pixel of the fill (no ring, no text) is the configured warning colour on screen
        let icon = palette.icon(Figure::Used(percent), palette.level(percent), size as u32);
        let purple = Rgb(0x6a, 0x1b, 0x9a);
        let fill = (0..size * size)
            .find(|&i| icon[(i * 4) as usize..(i * 4 + 3) as usize] == [purple.0, purple.1, purple.2])
            .expect("the icon has fill pixels");
        assert_eq!(shot.at(x + fill % size, y + fill / size), Some(purple), "the configured warning colour");
    }
    eprintln!("icon: {percent}% at {x},{y}, {size} px");

    // 2. A second tray is refused (single instance), with EX_TEMPFAIL like a second `watch`.
    let second = wine(&display, &exe, &screenshots().join("wine-second.log")).wait_with_output().unwrap();
    assert_eq!(second.status.code(), Some(75), "a second memsweep-tray must exit 75");

    // 3. Right click: the menu; "Clean now" is its first item.
    let centre = (x + size / 2, y + size / 2);
    let menu = right_click_menu(&display, centre);
    Shot::take(&display, "2-menu");
    xdotool(&display, &["mousemove", &(menu.x + 30).to_string(), &(menu.y + 11).to_string(), "click", "1"]);

    // 4. The default areas for Windows 10, each once, in order, from Wine's own trace.
    let expected = [(0x50, 4), (0x51, 0x40), (0x50, 4), (0x9b, 0), (0x82, 0x18)];
    let calls = wait_for("the clean's NtSetSystemInformation calls", Duration::from_secs(60), || {
        let calls = set_calls(&std::fs::read_to_string(&trace).unwrap_or_default());
        (calls.len() >= expected.len()).then_some(calls)
    });
    std::thread::sleep(Duration::from_millis(500));
    let calls_after = set_calls(&std::fs::read_to_string(&trace).unwrap_or_default());
    assert_eq!(calls, expected, "working sets, file cache, low-priority standby, registry, combine");
    assert_eq!(calls_after, expected, "nothing more than one clean");

    // 5. The balloon: a new window of Wine's explorer (which hosts the tray), mostly white.
    let balloon = wait_for("the balloon", Duration::from_secs(30), || {
        windows(&display, "--class", "explorer.exe").into_iter().find(|r| *r != tray_window && r.w > 100 && r.h > 30)
    });
    std::thread::sleep(Duration::from_millis(500)); // let it paint
    let after = Shot::take(&display, "3-balloon");
    assert!(after.white_share(balloon) > 0.5, "balloon {balloon:?} not drawn");
    assert!(shot.white_share(balloon) < 0.5, "the balloon's place was not white before");

    // 6. A click dismisses the balloon; Exit from the menu ends the process cleanly.
    let (bx, by) = (balloon.x + balloon.w / 2, balloon.y + balloon.h / 2);
    xdotool(&display, &["mousemove", &bx.to_string(), &by.to_string(), "click", "1"]);
    wait_for("the balloon to go", Duration::from_secs(30), || {
        (!windows(&display, "--class", "explorer.exe").contains(&balloon)).then_some(())
    });

    // 7. The global hotkey: the same clean again. Wine delivers hotkeys from keys that reach one
    //    of its windows (no X grab), so the pointer rests on the tray (focus follows it).
    xdotool(&display, &["mousemove", &centre.0.to_string(), &centre.1.to_string()]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["key", "ctrl+alt+m"]);
    let calls = wait_for("the hotkey's clean", Duration::from_secs(60), || {
        let calls = set_calls(&std::fs::read_to_string(&trace).unwrap_or_default());
        (calls.len() >= 2 * expected.len()).then_some(calls)
    });
    std::thread::sleep(Duration::from_millis(500));
    let calls_after = set_calls(&std::fs::read_to_string(&trace).unwrap_or_default());
    assert_eq!(calls[expected.len()..], expected, "the hotkey ran the default clean");
    assert_eq!(calls_after.len(), 2 * expected.len(), "one clean per press");
    eprintln!("hotkey: {} NtSetSystemInformation calls after Ctrl+Alt+M", calls.len() - expected.len());

    let menu = right_click_menu(&display, centre);
    xdotool(&display, &["mousemove", &(menu.x + 30).to_string(), &(menu.y + menu.h - 10).to_string(), "click", "1"]);
    let status = wait_for("the tray to exit", Duration::from_secs(20), || tray.0.try_wait().unwrap());
    assert_eq!(status.code(), Some(0));
}
