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

use crate::app::{self, dispatch, Action, Button, CleanJob, Effect, Entry, State};
use crate::desktop;
use crate::render::{Figure, Level, Palette};
use crate::startup::{ConfigWatch, Options};
use crate::worker::Worker;
use memsweep_app::{Failure, SharedBackend};
use memsweep_core::config::ClickAction;

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

fn icons(palette: &Palette, figure: Figure, level: Level) -> Vec<ksni::Icon> {
    SIZES
        .iter()
        .map(|&size| ksni::Icon {
            width: size as i32,
            height: size as i32,
            data: argb(&palette.icon(figure, level, size)),
        })
        .collect()
}

/// The StatusNotifierItem. `MENU`: a left click opens the menu (the host does it: ItemIsMenu),
/// else it is sent to the tray as an activation. A const parameter because ksni makes it an
/// associated const; a change of `[tray] left_click` to or from "menu" registers the item anew.
struct Sni<const MENU: bool> {
    events: Sender<Event>,
    icon: Vec<ksni::Icon>,
    tooltip: String,
    menu: Vec<Entry>,
}

impl<const MENU: bool> Sni<MENU> {
    fn send(&self, action: Action) {
        let _ = self.events.send(Event::Action(action));
    }
}

fn item<const M: bool>(label: &str, enabled: bool, action: Action) -> MenuItem<Sni<M>> {
    StandardItem {
        label: label.replace('_', "__"),
        enabled,
        activate: Box::new(move |tray: &mut Sni<M>| tray.send(action.clone())),
        ..Default::default()
    }
    .into()
}

fn convert<const M: bool>(entries: &[Entry]) -> Vec<MenuItem<Sni<M>>> {
    let mut items = Vec::new();
    let mut radios: Vec<(String, bool, Action)> = Vec::new();
    let flush = |radios: &mut Vec<(String, bool, Action)>, items: &mut Vec<MenuItem<Sni<M>>>| {
        if radios.is_empty() {
            return;
        }
        let actions: Vec<Action> = radios.iter().map(|r| r.2.clone()).collect();
        items.push(
            RadioGroup {
                selected: radios.iter().position(|r| r.1).unwrap_or(0),
                select: Box::new(move |tray: &mut Sni<M>, index| {
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
                    activate: Box::new(move |tray: &mut Sni<M>| tray.send(action.clone())),
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

impl<const MENU: bool> ksni::Tray for Sni<MENU> {
    // Left click: the host opens the menu itself when the configured left click is "menu".
    const MENU_ON_ACTIVATE: bool = MENU;

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

/// The registered item, of either kind (see [`Sni`]).
enum Item {
    Menu(ksni::blocking::Handle<Sni<true>>),
    Activate(ksni::blocking::Handle<Sni<false>>),
}

/// What the item shows (kept to register it anew).
#[derive(Clone)]
struct Shown {
    icon: Vec<ksni::Icon>,
    tooltip: String,
    menu: Vec<Entry>,
}

impl Item {
    fn spawn(menu_on_left: bool, events: Sender<Event>, shown: Shown) -> Result<Item, ksni::Error> {
        let Shown { icon, tooltip, menu } = shown;
        if menu_on_left {
            Sni::<true> { events, icon, tooltip, menu }.spawn().map(Item::Menu)
        } else {
            Sni::<false> { events, icon, tooltip, menu }.spawn().map(Item::Activate)
        }
    }

    fn menu_on_left(&self) -> bool {
        matches!(self, Item::Menu(_))
    }

    fn show(&self, shown: &Shown) {
        let Shown { icon, tooltip, menu } = shown.clone();
        match self {
            Item::Menu(handle) => handle.update(|tray| (tray.icon, tray.tooltip, tray.menu) = (icon, tooltip, menu)),
            Item::Activate(handle) => {
                handle.update(|tray| (tray.icon, tray.tooltip, tray.menu) = (icon, tooltip, menu))
            }
        };
    }

    fn shutdown(&self) {
        match self {
            Item::Menu(handle) => handle.shutdown().wait(),
            Item::Activate(handle) => handle.shutdown().wait(),
        }
    }

    fn is_closed(&self) -> bool {
        match self {
            Item::Menu(handle) => handle.is_closed(),
            Item::Activate(handle) => handle.is_closed(),
        }
    }
}

fn warn(bus: &zbus::blocking::Connection, text: &str) {
    eprintln!("memsweep-tray: {text}");
    notify(bus, "memsweep", text);
}

/// Runs the tray until Exit; returns the process's exit status.
pub fn run(mut state: State, backend: SharedBackend, mut poll: Duration, options: &Options) -> u8 {
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
    let mut config = ConfigWatch::new(&state.config_path);
    // The first reading before the icon appears, so it never shows a blank.
    let mut pending = vec![Effect::RegisterHotkey(state.hotkey)];
    if let Ok(snapshot) = backend.snapshot() {
        let reading = state.reader.read(snapshot);
        pending.extend(dispatch(&mut state, Action::Tick { now_ms: now_ms(), reading }));
    }
    let (figure, level) = state.shown.unwrap_or((Figure::Used(0), Level::Normal));
    let mut shown =
        Shown { icon: icons(&state.palette, figure, level), tooltip: state.tooltip.clone(), menu: app::menu(&state) };
    let menu_on_left = |state: &State| state.clicks.left == ClickAction::Menu;
    let mut item = match Item::spawn(menu_on_left(&state), events.clone(), shown.clone()) {
        Ok(item) => item,
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
                Effect::Warn(text) => warn(&bus, &text),
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
                Effect::Persist(setting) => {
                    match crate::persist::persist(&state.config_path, &setting, backend.os(), &state.areas) {
                        Ok(()) => config.mark(),
                        Err(reason) => pending.extend(dispatch(&mut state, Action::SaveFailed(reason))),
                    }
                }
                Effect::OpenTop => {
                    if let Err(reason) = desktop::open_top() {
                        pending.extend(dispatch(&mut state, Action::OpenFailed(reason)));
                    }
                }
                Effect::RegisterHotkey(hotkey) => {
                    if let Some(hotkey) = hotkey {
                        eprintln!(
                            "memsweep-tray: [tray] hotkey {hotkey} is not registered: on Linux global hotkeys \
                             belong to the desktop environment (bind one to `memsweep clean` there)"
                        );
                    }
                }
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
                Effect::SetIcon { figure, level } => {
                    shown.icon = icons(&state.palette, figure, level);
                    item.show(&shown);
                }
                Effect::SetTooltip(text) => {
                    shown.tooltip = text;
                    item.show(&shown);
                }
                Effect::RefreshMenu => {
                    shown.menu = app::menu(&state);
                    // A left click changed to or from "menu": the item is registered anew.
                    if item.menu_on_left() != menu_on_left(&state) {
                        item.shutdown();
                        match Item::spawn(menu_on_left(&state), events.clone(), shown.clone()) {
                            Ok(fresh) => item = fresh,
                            Err(e) => {
                                eprintln!("memsweep-tray: {} ({e})", state.messages.get("tray-no-tray", &[]));
                                return crate::EXIT_NO_TRAY;
                            }
                        }
                    } else {
                        item.show(&shown);
                    }
                }
                Effect::Quit => {
                    item.shutdown();
                    return 0;
                }
            }
        }
        if !pending.is_empty() {
            continue;
        }
        if item.is_closed() {
            eprintln!("memsweep-tray: the D-Bus connection closed");
            return 1;
        }
        let wait = next_tick.saturating_duration_since(Instant::now());
        match inbox.recv_timeout(wait) {
            Ok(Event::Action(action)) => pending = dispatch(&mut state, action),
            Ok(Event::Done(job, result)) => pending = dispatch(&mut state, Action::CleanFinished { job, result }),
            Err(RecvTimeoutError::Timeout) => {
                next_tick = Instant::now() + poll;
                // An edit of the config file (the settings window, an editor) applies at once.
                if config.changed() {
                    match crate::startup::reload(options, backend.clone()) {
                        Ok((configured, new_poll)) => {
                            poll = new_poll;
                            pending = app::reload(&mut state, configured);
                        }
                        Err(failure) => pending = dispatch(&mut state, Action::ReloadRefused(failure.to_string())),
                    }
                }
                if let Ok(snapshot) = backend.snapshot() {
                    let reading = state.reader.read(snapshot);
                    pending.extend(dispatch(&mut state, Action::Tick { now_ms: now_ms(), reading }));
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
