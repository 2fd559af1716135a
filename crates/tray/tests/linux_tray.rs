//! The Linux tray binary, headless: without a StatusNotifierWatcher it exits 69 with one line;
//! with one (a minimal watcher served by this test on a private session bus) it registers a
//! StatusNotifierItem whose icon has exactly the renderer's pixels, whose tooltip shows usage,
//! whose menu has the tray's entries, and a second instance is refused. Its menu's toggles
//! (clicked through com.canonical.dbusmenu's Event) land in the config file and a restarted tray
//! shows them; a middle click runs `memsweep top` in $TERMINAL; an edit of the config file
//! redraws the icon. Nothing here cleans.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use memsweep_core::config::TrayConfig;
use memsweep_tray::linux::argb;
use memsweep_tray::render::{Figure, Palette};

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
            .any(|&p| *data == argb(&palette.icon(Figure::Used(p), palette.level(p), *size as u32)));
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
    for label in [
        "Clean now",
        "Clean area",
        "Automatic cleaning",
        "Start at login",
        "Notifications after cleans",
        "Language",
        "Exit",
    ] {
        assert!(layout.contains(label), "menu has no '{label}'");
    }

    // One tray per session: a second one exits 75 and says why.
    let second = tray(home.path(), &bus.address).output().unwrap();
    assert_eq!(second.status.code(), Some(75), "{}", stderr(&second));
    assert!(stderr(&second).contains("memsweep-tray is already running"));
}

/// One entry of a dbusmenu layout.
#[derive(Debug)]
struct Node {
    id: i32,
    label: String,
    toggle: Option<i32>,
    children: Vec<Node>,
}

type RawNode = (i32, std::collections::HashMap<String, zbus::zvariant::OwnedValue>, Vec<zbus::zvariant::OwnedValue>);

impl Node {
    fn of(raw: RawNode) -> Node {
        let (id, properties, children) = raw;
        let label =
            properties.get("label").and_then(|v| String::try_from(v.try_clone().ok()?).ok()).unwrap_or_default();
        let toggle = properties.get("toggle-state").and_then(|v| i32::try_from(v).ok());
        let children = children.into_iter().map(|child| Node::of(RawNode::try_from(child).unwrap())).collect();
        Node { id, label, toggle, children }
    }

    fn find(&self, label: &str) -> Option<&Node> {
        if self.label == label {
            return Some(self);
        }
        self.children.iter().find_map(|child| child.find(label))
    }
}

/// A tray under test on the private bus: where its item is.
struct Item<'a> {
    connection: &'a zbus::blocking::Connection,
    destination: String,
    path: String,
}

impl Item<'_> {
    /// The (newest) item registered with the watcher, once there are `count` registrations.
    fn wait<'a>(
        connection: &'a zbus::blocking::Connection,
        items: &Arc<Mutex<Vec<(String, String)>>>,
        count: usize,
    ) -> Item<'a> {
        let started = Instant::now();
        let (sender, service) = loop {
            if let Some(item) = items.lock().unwrap().get(count - 1).cloned() {
                break item;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "the tray never registered with the watcher");
            std::thread::sleep(Duration::from_millis(100));
        };
        let (destination, path) =
            if service.starts_with('/') { (sender, service) } else { (service, "/StatusNotifierItem".to_string()) };
        Item { connection, destination, path }
    }

    fn property(&self, name: &str) -> zbus::zvariant::OwnedValue {
        let reply = self
            .connection
            .call_method(
                Some(self.destination.as_str()),
                self.path.as_str(),
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.kde.StatusNotifierItem", name),
            )
            .unwrap();
        reply.body().deserialize::<zbus::zvariant::OwnedValue>().unwrap()
    }

    fn menu(&self) -> Node {
        let reply = self
            .connection
            .call_method(
                Some(self.destination.as_str()),
                "/MenuBar",
                Some("com.canonical.dbusmenu"),
                "GetLayout",
                &(0i32, -1i32, Vec::<String>::new()),
            )
            .unwrap();
        let (_revision, root): (u32, RawNode) = reply.body().deserialize().unwrap();
        Node::of(root)
    }

    /// Clicks the menu entry labelled `label`, as a desktop's tray host does.
    fn click(&self, label: &str) {
        let menu = self.menu();
        let id = menu.find(label).unwrap_or_else(|| panic!("no '{label}' in the menu: {menu:#?}")).id;
        self.connection
            .call_method(
                Some(self.destination.as_str()),
                "/MenuBar",
                Some("com.canonical.dbusmenu"),
                "Event",
                &(id, "clicked", zbus::zvariant::Value::from(0i32), 0u32),
            )
            .unwrap();
    }

    fn call(&self, method: &str) {
        self.connection
            .call_method(
                Some(self.destination.as_str()),
                self.path.as_str(),
                Some("org.kde.StatusNotifierItem"),
                method,
                &(0i32, 0i32),
            )
            .unwrap();
    }
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ok() {
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn menu_toggles_persist_in_the_config_and_survive_a_restart() {
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
    let config = home.path().join("config").join("memsweep").join("memsweep.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    // A rule that never fires (used memory never reaches 100%), a middle click that opens top.
    std::fs::write(
        &config,
        "# mine\n[watch]\npoll_interval_ms = 200\n\n[tray]\nmiddle_click = \"top\"\n\n\
         [[rules]]\nkind = \"usage\"\npercent = 100\n",
    )
    .unwrap();
    // $TERMINAL: a script that writes down how it was called.
    let terminal = home.path().join("terminal.sh");
    let called = home.path().join("terminal-args");
    std::fs::write(&terminal, format!("#!/bin/sh\necho \"$@\" > '{}'\n", called.display())).unwrap();
    let executable = <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o755);
    std::fs::set_permissions(&terminal, executable).unwrap();
    let start = || {
        Killed(
            tray(home.path(), &bus.address)
                .env("TERMINAL", &terminal)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        )
    };
    let first = start();
    let item = Item::wait(&connection, &items, 1);
    let menu = item.menu();
    assert_eq!(menu.find("Notifications after cleans").unwrap().toggle, Some(1));
    assert_eq!(menu.find("usage >= 100%").unwrap().toggle, Some(1));

    // Each toggle is written to the file, the user's comment kept.
    item.click("Notifications after cleans");
    wait_until("notifications = false in the file", || {
        std::fs::read_to_string(&config).unwrap().contains("notifications = false")
    });
    item.click("usage >= 100%");
    wait_until("the rule's enabled = false in the file", || {
        std::fs::read_to_string(&config).unwrap().contains("enabled = false")
    });
    item.click("简体中文");
    wait_until("language = zh-CN in the file", || {
        std::fs::read_to_string(&config).unwrap().contains("language = \"zh-CN\"")
    });
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("# mine\n"), "{text}");
    wait_until("the menu in Chinese", || item.menu().find("清理后通知").is_some());

    // A middle click: `memsweep top` in $TERMINAL.
    item.call("SecondaryActivate");
    wait_until("the terminal to be started", || called.exists());
    let args = std::fs::read_to_string(&called).unwrap();
    assert!(args.starts_with("-e ") && args.trim_end().ends_with("memsweep top"), "{args}");

    // Restarted, the tray shows what was toggled.
    drop(first);
    let _second = start();
    let item = Item::wait(&connection, &items, 2);
    let menu = item.menu();
    assert_eq!(menu.find("清理后通知").map(|n| n.toggle), Some(Some(0)), "{menu:#?}");
    assert_eq!(menu.find("usage >= 100%").map(|n| n.toggle), Some(Some(0)));

    // An edit of the config file (the settings window saves it): the icon is drawn again in
    // the new colour, at once.
    let edited = std::fs::read_to_string(&config).unwrap().replace(
        "[tray]\n",
        "[tray]\nnormal_color = \"#123456\"\nwarning_color = \"#123456\"\ndanger_color = \"#123456\"\n",
    );
    std::fs::write(&config, edited).unwrap();
    let palette = Palette::from_config(
        &memsweep_core::config::Config::parse("c", &std::fs::read_to_string(&config).unwrap()).unwrap().tray,
    );
    wait_until("the icon in the new colour", || {
        let pixmaps: Vec<Pixmap> = item.property("IconPixmap").try_into().unwrap();
        pixmaps.iter().all(|(size, _, data)| {
            (0..=100).any(|p| *data == argb(&palette.icon(Figure::Used(p), palette.level(p), *size as u32)))
        })
    });
}
