//! The Linux tray binary, headless: without a StatusNotifierWatcher it exits 69 with one line;
//! with one (a minimal watcher served by this test on a private session bus) it registers a
//! StatusNotifierItem whose icon has exactly the renderer's pixels, whose tooltip shows usage,
//! whose menu has the tray's entries, and a second instance is refused. Nothing here cleans.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use memsweep_core::config::TrayConfig;
use memsweep_tray::linux::argb;
use memsweep_tray::render::Palette;

const TRAY: &str = env!("CARGO_BIN_EXE_memsweep-tray");
const NO_TRAY: &str =
    "this desktop has no system tray (no StatusNotifier host): memsweep-tray has nothing to show and exits";

/// The tray with a private home (config, autostart, state) and runtime dir (instance lock).
fn tray(home: &Path, bus: &str) -> Command {
    let mut command = Command::new(TRAY);
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env("LC_ALL", "en_US.UTF-8")
        .stdin(Stdio::null());
    std::fs::create_dir_all(home.join("run")).unwrap();
    command
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn without_a_session_bus_it_says_so_and_exits_69() {
    let home = tempfile::tempdir().unwrap();
    let out = tray(home.path(), "unix:path=/nonexistent/bus").output().unwrap();
    assert_eq!(out.status.code(), Some(69), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.starts_with(&format!("memsweep-tray: {NO_TRAY} (no session D-Bus")), "{text}");
    assert_eq!(text.lines().count(), 1, "one line: {text}");
}

/// A private session bus; `None` (with a note) when dbus-daemon is not installed.
struct Bus {
    daemon: Child,
    address: String,
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn private_bus() -> Option<Bus> {
    let spawned = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--nosyslog", "--print-address=1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut daemon) = spawned else {
        memsweep_testkit::missing("the Linux tray test", "dbus-daemon (scripts/test.sh installs it)");
        return None;
    };
    let mut line = String::new();
    BufReader::new(daemon.stdout.take().unwrap()).read_line(&mut line).unwrap();
    Some(Bus { daemon, address: line.trim().to_string() })
}

#[test]
fn a_bus_without_a_watcher_is_a_desktop_without_a_tray() {
    let Some(bus) = private_bus() else { return };
    let home = tempfile::tempdir().unwrap();
    let out = tray(home.path(), &bus.address).output().unwrap();
    assert_eq!(out.status.code(), Some(69), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{NO_TRAY} (no org.kde.StatusNotifierWatcher on the session bus)")));
}

/// The smallest StatusNotifierWatcher: records registrations, says a host is there.
struct Watcher {
    items: Arc<Mutex<Vec<(String, String)>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(&self, service: &str, #[zbus(header)] header: zbus::message::Header<'_>) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        self.items.lock().unwrap().push((sender, service.to_string()));
    }

    fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items.lock().unwrap().iter().map(|(_, s)| s.clone()).collect()
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// One IconPixmap entry: width, height, ARGB32 pixels.
type Pixmap = (i32, i32, Vec<u8>);

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn with_a_watcher_it_shows_the_rendered_icon_tooltip_and_menu() {
    let Some(bus) = private_bus() else { return };
    let items = Arc::new(Mutex::new(Vec::new()));
    let connection = zbus::blocking::connection::Builder::address(bus.address.as_str())
        .unwrap()
        .serve_at("/StatusNotifierWatcher", Watcher { items: items.clone() })
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .build()
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let _tray = Killed(tray(home.path(), &bus.address).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap());

    let started = Instant::now();
    let (sender, service) = loop {
        if let Some(item) = items.lock().unwrap().first().cloned() {
            break item;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the tray never registered with the watcher");
        std::thread::sleep(Duration::from_millis(100));
    };
    // The spec allows a bus name (path /StatusNotifierItem) or an object path (on the sender).
    let (destination, path) =
        if service.starts_with('/') { (sender, service) } else { (service, "/StatusNotifierItem".to_string()) };
    let get = |property: &str| -> zbus::zvariant::OwnedValue {
        let reply = connection
            .call_method(
                Some(destination.as_str()),
                path.as_str(),
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.kde.StatusNotifierItem", property),
            )
            .unwrap();
        reply.body().deserialize::<zbus::zvariant::OwnedValue>().unwrap()
    };

    // The tooltip names the used percentage; the 16 px icon is the renderer's, for that number.
    let (_, _, title, description): (String, Vec<Pixmap>, String, String) = get("ToolTip").try_into().unwrap();
    assert_eq!(title, "memsweep");
    assert!(description.starts_with("memsweep: memory "), "{description}");
    let percent: u8 = description["memsweep: memory ".len()..].split('%').next().unwrap().parse().unwrap();
    let pixmaps: Vec<Pixmap> = get("IconPixmap").try_into().unwrap();
    let sizes: Vec<i32> = pixmaps.iter().map(|p| p.0).collect();
    assert_eq!(sizes, [16, 22, 24, 32, 48]);
    let palette = Palette::from_config(&TrayConfig::default());
    for (size, height, data) in &pixmaps {
        assert_eq!(size, height);
        // the icon may have been redrawn between the two reads: one of the neighbours then
        let ok = [percent.saturating_sub(1), percent, percent.saturating_add(1)]
            .iter()
            .any(|&p| *data == argb(&palette.icon(p, *size as u32)));
        assert!(ok, "the {size} px icon is not the renderer's {percent}%");
    }
    // not elevated? The tooltip says so (this test may run as root or not).
    let is_root = Command::new("id").arg("-u").output().unwrap().stdout.starts_with(b"0\n");
    assert_eq!(!description.contains("not elevated: cleaning is off"), is_root, "{description}");

    // The menu over com.canonical.dbusmenu carries the tray's entries.
    let reply = connection
        .call_method(
            Some(destination.as_str()),
            "/MenuBar",
            Some("com.canonical.dbusmenu"),
            "GetLayout",
            &(0i32, -1i32, Vec::<String>::new()),
        )
        .unwrap();
    let body = reply.body();
    let layout = String::from_utf8_lossy(body.data());
    for label in ["Clean now", "Clean area", "Automatic cleaning", "Start at login", "Language", "Exit"] {
        assert!(layout.contains(label), "menu has no '{label}'");
    }

    // One tray per session: a second one exits 75 and says why.
    let second = tray(home.path(), &bus.address).output().unwrap();
    assert_eq!(second.status.code(), Some(75), "{}", stderr(&second));
    assert!(stderr(&second).contains("memsweep-tray is already running"));
}
