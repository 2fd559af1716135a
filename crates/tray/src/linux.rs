//! Linux: a StatusNotifierItem over the session D-Bus (ksni), desktop notifications through
//! org.freedesktop.Notifications. Without a StatusNotifierWatcher (no session bus, or a desktop
//! without a tray) it says so and exits [`crate::EXIT_NO_TRAY`] instead of running unseen.

use std::collections::HashMap;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ksni::blocking::TrayMethods;
use ksni::menu::{CheckmarkItem, MenuItem, RadioGroup, RadioItem, StandardItem, SubMenu};
use memsweep_core::run::now_ms;
use memsweep_core::Report;
use memsweep_i18n::Arg;

use crate::app::{self, dispatch, Action, Button, CleanJob, ClickAction, Effect, Entry, State, CLICKS};
use crate::desktop;
use crate::render::Palette;
use crate::worker::Worker;
use memsweep_app::{Failure, SharedBackend};

pub const WATCHER: &str = "org.kde.StatusNotifierWatcher";

/// Icon sizes offered to the host, which picks the one that fits its panel.
const SIZES: [u32; 5] = [16, 22, 24, 32, 48];

enum Event {
    Action(Action),
    Done(CleanJob, Result<Report, Failure>),
}

/// The session bus, if it has a StatusNotifierWatcher.
pub fn session_with_watcher() -> Result<zbus::blocking::Connection, String> {
    let connection = zbus::blocking::Connection::session().map_err(|e| format!("no session D-Bus: {e}"))?;
    let dbus = zbus::blocking::fdo::DBusProxy::new(&connection).map_err(|e| e.to_string())?;
    let name = zbus::names::BusName::try_from(WATCHER).map_err(|e| e.to_string())?;
    match dbus.name_has_owner(name) {
        Ok(true) => Ok(connection),
        Ok(false) => Err(format!("no {WATCHER} on the session bus")),
        Err(e) => Err(e.to_string()),
    }
}

/// ARGB32, network byte order, as the StatusNotifierItem spec wants it.
pub fn argb(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4).flat_map(|p| [p[3], p[0], p[1], p[2]]).collect()
}

fn icons(palette: &Palette, percent: u8) -> Vec<ksni::Icon> {
    SIZES
        .iter()
        .map(|&size| ksni::Icon { width: size as i32, height: size as i32, data: argb(&palette.icon(percent, size)) })
        .collect()
}

struct Sni {
    events: Sender<Event>,
    icon: Vec<ksni::Icon>,
    tooltip: String,
    menu: Vec<Entry>,
}

impl Sni {
    fn send(&self, action: Action) {
        let _ = self.events.send(Event::Action(action));
    }
}

fn item(label: &str, enabled: bool, action: Action) -> MenuItem<Sni> {
    StandardItem {
        label: label.replace('_', "__"),
        enabled,
        activate: Box::new(move |tray: &mut Sni| tray.send(action.clone())),
        ..Default::default()
    }
    .into()
}

fn convert(entries: &[Entry]) -> Vec<MenuItem<Sni>> {
    let mut items = Vec::new();
    let mut radios: Vec<(String, bool, Action)> = Vec::new();
    let flush = |radios: &mut Vec<(String, bool, Action)>, items: &mut Vec<MenuItem<Sni>>| {
        if radios.is_empty() {
            return;
        }
        let actions: Vec<Action> = radios.iter().map(|r| r.2.clone()).collect();
        items.push(
            RadioGroup {
                selected: radios.iter().position(|r| r.1).unwrap_or(0),
                select: Box::new(move |tray: &mut Sni, index| {
                    if let Some(action) = actions.get(index) {
                        tray.send(action.clone());
                    }
                }),
                options: radios.drain(..).map(|r| RadioItem { label: r.0, ..Default::default() }).collect(),
            }
            .into(),
        );
    };
    for entry in entries {
        if let Entry::Radio { label, selected, action } = entry {
            radios.push((label.clone(), *selected, action.clone()));
            continue;
        }
        flush(&mut radios, &mut items);
        items.push(match entry {
            Entry::Item { label, action, enabled, .. } => item(label, *enabled, action.clone()),
            Entry::Check { label, checked, action, enabled } => {
                let action = action.clone();
                CheckmarkItem {
                    label: label.replace('_', "__"),
                    checked: *checked,
                    enabled: *enabled,
                    activate: Box::new(move |tray: &mut Sni| tray.send(action.clone())),
                    ..Default::default()
                }
                .into()
            }
            Entry::Submenu { label, entries } => {
                SubMenu { label: label.replace('_', "__"), submenu: convert(entries), ..Default::default() }.into()
            }
            Entry::Label(text) => {
                StandardItem { label: text.replace('_', "__"), enabled: false, ..Default::default() }.into()
            }
            Entry::Separator => MenuItem::Separator,
            Entry::Radio { .. } => continue,
        });
    }
    flush(&mut radios, &mut items);
    items
}

impl ksni::Tray for Sni {
    // Left click: the host opens the menu itself when the configured left click is "menu".
    const MENU_ON_ACTIVATE: bool = matches!(CLICKS.left, ClickAction::Menu);

    fn id(&self) -> String {
        "memsweep-tray".into()
    }

    fn title(&self) -> String {
        "memsweep".into()
    }

    fn category(&self) -> ksni::Category {
        ksni::Category::SystemServices
    }

    fn icon_pixmap(&self) -> Vec<ksni::Icon> {
        self.icon.clone()
    }

    fn tool_tip(&self) -> ksni::ToolTip {
        ksni::ToolTip { title: "memsweep".into(), description: self.tooltip.clone(), ..Default::default() }
    }

    fn activate(&mut self, _x: i32, _y: i32) {
        self.send(Action::Click(Button::Left));
    }

    fn secondary_activate(&mut self, _x: i32, _y: i32) {
        self.send(Action::Click(Button::Middle));
    }

    fn menu(&self) -> Vec<MenuItem<Self>> {
        convert(&self.menu)
    }
}

fn notify(bus: &zbus::blocking::Connection, title: &str, body: &str) {
    let hints: HashMap<&str, zbus::zvariant::Value<'_>> = HashMap::new();
    let actions: Vec<&str> = Vec::new();
    let result = bus.call_method(
        Some("org.freedesktop.Notifications"),
        "/org/freedesktop/Notifications",
        Some("org.freedesktop.Notifications"),
        "Notify",
        &("memsweep", 0u32, "", title, body, actions, hints, 5000i32),
    );
    if let Err(e) = result {
        // No notification daemon: the line still reaches the journal / terminal.
        eprintln!("memsweep-tray: {title}: {body} (no desktop notification: {e})");
    }
}

/// Runs the tray until Exit; returns the process's exit status.
pub fn run(mut state: State, backend: SharedBackend, poll: Duration) -> u8 {
    let bus = match session_with_watcher() {
        Ok(bus) => bus,
        Err(why) => {
            eprintln!("memsweep-tray: {} ({why})", state.messages.get("tray-no-tray", &[]));
            return crate::EXIT_NO_TRAY;
        }
    };
    let (events, inbox) = channel::<Event>();
    let done = events.clone();
    let worker =
        match Worker::spawn(backend.clone(), state.endpoint.clone(), state.history_path.clone(), move |job, result| {
            let _ = done.send(Event::Done(job, result));
        }) {
            Ok(worker) => worker,
            Err(e) => {
                eprintln!("memsweep-tray: cannot start the clean thread: {e}");
                return 1;
            }
        };
    state.start_at_login = desktop::start_at_login_enabled(state.login_way);
    // The first reading before the icon appears, so it never shows a blank.
    let mut pending = Vec::new();
    if let Ok(snapshot) = backend.snapshot() {
        let reading = state.reader.read(snapshot);
        pending = dispatch(&mut state, Action::Tick { now_ms: now_ms(), reading });
    }
    let percent = state.shown.map_or(0, |(p, _)| p);
    let sni =
        Sni { events, icon: icons(&state.palette, percent), tooltip: state.tooltip.clone(), menu: app::menu(&state) };
    let handle = match sni.spawn() {
        Ok(handle) => handle,
        Err(e) => {
            eprintln!("memsweep-tray: {} ({e})", state.messages.get("tray-no-tray", &[]));
            return crate::EXIT_NO_TRAY;
        }
    };
    let mut next_tick = Instant::now() + poll;
    loop {
        for effect in std::mem::take(&mut pending) {
            match effect {
                Effect::ShowMenu => {} // the host shows the menu
                Effect::StartClean(job) => worker.submit(job),
                Effect::Notify { title, body } => notify(&bus, &title, &body),
                Effect::AskConfirm { question, .. } => {
                    // No dialog here: the question waits at the top of the menu.
                    notify(&bus, "memsweep", &question);
                }
                Effect::SetStartAtLogin(on) => match desktop::set_start_at_login(state.login_way, on) {
                    Ok(()) => pending.extend(dispatch(&mut state, Action::StartAtLoginIs(on))),
                    Err(reason) => notify(
                        &bus,
                        "memsweep",
                        &state.messages.get("tray-start-at-login-failed", &[("reason", Arg::Text(&reason))]),
                    ),
                },
                Effect::OpenConfig(path) => {
                    if let Err(e) = desktop::ensure_config(&path).and_then(|()| desktop::open(&path)) {
                        notify(&bus, "memsweep", &e);
                    }
                }
                // No settings window on Linux: the config file.
                Effect::OpenSettings => pending.extend(dispatch(&mut state, Action::OpenConfig)),
                Effect::ShowHistory(path) => {
                    if let Err(e) = desktop::open(&path) {
                        notify(&bus, "memsweep", &e);
                    }
                }
                Effect::Elevate => {}
                Effect::SetIcon { percent, .. } => {
                    let icon = icons(&state.palette, percent);
                    handle.update(|tray| tray.icon = icon);
                }
                Effect::SetTooltip(text) => {
                    handle.update(|tray| tray.tooltip = text);
                }
                Effect::RefreshMenu => {
                    let menu = app::menu(&state);
                    handle.update(|tray| tray.menu = menu);
                }
                Effect::Quit => {
                    handle.shutdown().wait();
                    return 0;
                }
            }
        }
        if !pending.is_empty() {
            continue;
        }
        if handle.is_closed() {
            eprintln!("memsweep-tray: the D-Bus connection closed");
            return 1;
        }
        let wait = next_tick.saturating_duration_since(Instant::now());
        match inbox.recv_timeout(wait) {
            Ok(Event::Action(action)) => pending = dispatch(&mut state, action),
            Ok(Event::Done(job, result)) => pending = dispatch(&mut state, Action::CleanFinished { job, result }),
            Err(RecvTimeoutError::Timeout) => {
                next_tick = Instant::now() + poll;
                if let Ok(snapshot) = backend.snapshot() {
                    let reading = state.reader.read(snapshot);
                    pending = dispatch(&mut state, Action::Tick { now_ms: now_ms(), reading });
                }
            }
            Err(RecvTimeoutError::Disconnected) => return 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_go_out_as_argb_in_network_order() {
        assert_eq!(argb(&[1, 2, 3, 4, 5, 6, 7, 8]), [4, 1, 2, 3, 8, 5, 6, 7]);
    }
}
