//! Windows: a plain Win32 notification-area icon — `Shell_NotifyIconW` on a hidden window, a
//! message loop, `TrackPopupMenu` menus, `NIF_INFO` balloons and icons made with
//! `CreateIconIndirect` from the renderer's pixels. (The tray-icon crate gets no clicks under
//! Wine 8; this does, and works the same on real Windows.)
//!
//! The state lives in a thread-local of the GUI thread. It is never borrowed across a call that
//! runs a nested message loop (TrackPopupMenu, MessageBox), so timer ticks and finished cleans
//! are handled while a menu or a question is open.

// Debian's clippy 1.96 flags the `thread_local!` below although every initializer is already
// `const { … }` (a false positive with -Zbuild-std's std).
#![allow(clippy::missing_const_for_thread_local)]

use std::cell::RefCell;
use std::ptr::{null, null_mut};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use memsweep_core::run::now_ms;
use memsweep_core::Report;
use memsweep_i18n::Arg;
use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, POINT, WPARAM};
use windows_sys::Win32::Graphics::Gdi::{
    CreateBitmap, CreateDIBSection, DeleteObject, GetDC, ReleaseDC, BITMAPINFO, BITMAPINFOHEADER, BI_RGB,
    DIB_RGB_COLORS, HGDIOBJ,
};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::UI::Shell::{
    ShellExecuteW, Shell_NotifyIconW, NIF_ICON, NIF_INFO, NIF_MESSAGE, NIF_TIP, NIIF_INFO, NIM_ADD, NIM_DELETE,
    NIM_MODIFY, NOTIFYICONDATAW,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    AppendMenuW, CreateIconIndirect, CreatePopupMenu, CreateWindowExW, DefWindowProcW, DestroyIcon, DestroyMenu,
    DestroyWindow, DispatchMessageW, GetCursorPos, GetMessageW, KillTimer, MessageBoxW, PostMessageW, PostQuitMessage,
    RegisterClassW, RegisterWindowMessageW, SetForegroundWindow, SetMenuDefaultItem, SetTimer, TrackPopupMenu,
    TranslateMessage, HICON, HMENU, ICONINFO, IDYES, MB_ICONINFORMATION, MB_ICONWARNING, MB_SETFOREGROUND, MB_YESNO,
    MF_CHECKED, MF_GRAYED, MF_POPUP, MF_SEPARATOR, MF_STRING, MSG, SW_SHOWNORMAL, TPM_NONOTIFY, TPM_RETURNCMD,
    TPM_RIGHTBUTTON, WM_APP, WM_DESTROY, WM_DISPLAYCHANGE, WM_DPICHANGED, WM_HOTKEY, WM_LBUTTONDBLCLK, WM_LBUTTONUP,
    WM_MBUTTONUP, WM_NULL, WM_RBUTTONUP, WM_TIMER, WNDCLASSW, WS_OVERLAPPEDWINDOW,
};

use crate::app::{self, dispatch, Action, Button, CleanJob, Effect, Entry, State};
use crate::desktop;
use crate::render::{Figure, Level};
use crate::startup::{ConfigWatch, Options};
use crate::win32::{self, HotkeyError, HotkeyRegistration};
use crate::worker::Worker;
use memsweep_app::autostart::LoginWay;
use memsweep_app::{Failure, SharedBackend};

const WM_TRAY: u32 = WM_APP + 1;
const WM_CLEAN_DONE: u32 = WM_APP + 2;
const TIMER_POLL: usize = 1;
/// Retries NIM_ADD while the shell is not ready (at logon Explorer may start after the tray).
const TIMER_ADD: usize = 2;
const ADD_RETRY_MS: u32 = 2_000;
const ICON_ID: u32 = 1;
const HOTKEY_ID: i32 = 1;

fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain([0]).collect()
}

/// Copies `text` into a fixed NUL-terminated field, cut to fit.
fn fill(field: &mut [u16], text: &str) {
    let units: Vec<u16> = text.encode_utf16().take(field.len() - 1).collect();
    field[..units.len()].copy_from_slice(&units);
    field[units.len()] = 0;
}

/// A message box for a line that ends the tray before it has an icon.
pub fn message_box(line: &str) {
    let text = wide(line);
    let caption = wide("memsweep");
    // SAFETY: NUL-terminated strings that outlive the call; no owner window.
    unsafe { MessageBoxW(null_mut(), text.as_ptr(), caption.as_ptr(), MB_ICONINFORMATION | MB_SETFOREGROUND) };
}

/// A GDI object (bitmap) this module created, deleted on every path.
struct GdiObject(HGDIOBJ);

impl Drop for GdiObject {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: an object this module created and no longer uses, deleted once.
            unsafe { DeleteObject(self.0) };
        }
    }
}

/// An icon this module created, destroyed when replaced or at exit.
struct Icon(HICON);

impl Drop for Icon {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: an icon this module created and the shell no longer shows, destroyed once.
            unsafe { DestroyIcon(self.0) };
        }
    }
}

/// An icon from `size` x `size` RGBA pixels: a 32-bit top-down DIB as colour, an all-zero mask.
fn make_icon(rgba: &[u8], size: u32) -> Icon {
    let side = size as i32;
    let info = BITMAPINFO {
        bmiHeader: BITMAPINFOHEADER {
            biSize: size_of::<BITMAPINFOHEADER>() as u32,
            biWidth: side,
            biHeight: -side, // top-down, like the renderer's rows
            biPlanes: 1,
            biBitCount: 32,
            biCompression: BI_RGB,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut bits: *mut core::ffi::c_void = null_mut();
    // SAFETY: a screen DC, released right after; `info` describes a 32 bpp bitmap of size x size,
    // whose bits (size * size * 4 bytes) CreateDIBSection allocates and returns in `bits`.
    let colour = GdiObject(unsafe {
        let dc = GetDC(null_mut());
        let bitmap = CreateDIBSection(dc, &info, DIB_RGB_COLORS, &mut bits, null_mut(), 0);
        ReleaseDC(null_mut(), dc);
        bitmap
    });
    if colour.0.is_null() || bits.is_null() {
        return Icon(null_mut());
    }
    let pixels = (size * size) as usize;
    // SAFETY: `bits` points at the DIB's pixels * 4 bytes, owned by `colour`, not aliased here.
    let out = unsafe { std::slice::from_raw_parts_mut(bits.cast::<u8>(), pixels * 4) };
    for (dst, src) in out.chunks_exact_mut(4).zip(rgba.chunks_exact(4)) {
        dst.copy_from_slice(&[src[2], src[1], src[0], src[3]]); // BGRA
    }
    // Monochrome mask rows are padded to 16 bits; all zero = every pixel from the colour bitmap.
    let mask_bits = vec![0u8; size.div_ceil(16) as usize * 2 * size as usize];
    // SAFETY: a 1-bpp bitmap of size x size from a buffer of exactly that many padded rows.
    let mask = GdiObject(unsafe { CreateBitmap(side, side, 1, 1, mask_bits.as_ptr().cast()) });
    if mask.0.is_null() {
        return Icon(null_mut());
    }
    let icon_info = ICONINFO { fIcon: 1, xHotspot: 0, yHotspot: 0, hbmMask: mask.0, hbmColor: colour.0 };
    // SAFETY: both bitmaps are valid; CreateIconIndirect copies them (the guards delete ours).
    Icon(unsafe { CreateIconIndirect(&icon_info) })
}

struct Win {
    state: State,
    hwnd: HWND,
    icon: Icon,
    /// The icon's size in pixels: the small-icon size of the window's DPI.
    size: u32,
    /// The global hotkey while it is registered.
    hotkey: Option<HotkeyRegistration>,
    /// Notices edits of the config file (the settings window saves it).
    config: ConfigWatch,
    worker: Worker,
    finished: Receiver<(CleanJob, Result<Report, Failure>)>,
    backend: SharedBackend,
    taskbar_created: u32,
    options: Options,
}

impl Win {
    fn data(&self) -> NOTIFYICONDATAW {
        NOTIFYICONDATAW {
            cbSize: size_of::<NOTIFYICONDATAW>() as u32,
            hWnd: self.hwnd,
            uID: ICON_ID,
            ..Default::default()
        }
    }

    /// Adds the icon; while the shell refuses (not up yet at logon), a timer tries again.
    fn add_or_retry(&self) {
        if self.add() {
            // SAFETY: our own window's timer (no timer is fine).
            unsafe { KillTimer(self.hwnd, TIMER_ADD) };
        } else {
            eprintln!("memsweep-tray: Shell_NotifyIconW(NIM_ADD) failed; trying again every 2 s");
            // SAFETY: a timer on our own window; WM_TIMER is handled in window_proc.
            unsafe { SetTimer(self.hwnd, TIMER_ADD, ADD_RETRY_MS, None) };
        }
    }

    fn add(&self) -> bool {
        let mut data = self.data();
        data.uFlags = NIF_MESSAGE | NIF_ICON | NIF_TIP;
        data.uCallbackMessage = WM_TRAY;
        data.hIcon = self.icon.0;
        fill(&mut data.szTip, &self.state.tooltip);
        // SAFETY: a fully initialised NOTIFYICONDATAW with its size set.
        unsafe { Shell_NotifyIconW(NIM_ADD, &data) != 0 }
    }

    fn set_icon(&mut self, figure: Figure, level: Level) {
        let icon = make_icon(&self.state.palette.icon(figure, level, self.size), self.size);
        if icon.0.is_null() {
            return;
        }
        let mut data = self.data();
        data.uFlags = NIF_ICON;
        data.hIcon = icon.0;
        // SAFETY: as in add().
        unsafe { Shell_NotifyIconW(NIM_MODIFY, &data) };
        // The old icon is destroyed (dropped) only now that the shell has the new one.
        self.icon = icon;
    }

    /// A new icon size (the DPI changed): the shown figure drawn again at it.
    fn resize(&mut self, size: u32) {
        if size == self.size {
            return;
        }
        self.size = size;
        if let Some((figure, level)) = self.state.shown {
            self.set_icon(figure, level);
        }
    }

    fn set_tip(&self, text: &str) {
        let mut data = self.data();
        data.uFlags = NIF_TIP;
        fill(&mut data.szTip, text);
        // SAFETY: as in add().
        unsafe { Shell_NotifyIconW(NIM_MODIFY, &data) };
    }

    fn balloon(&self, title: &str, body: &str) {
        let mut data = self.data();
        data.uFlags = NIF_INFO;
        fill(&mut data.szInfoTitle, title);
        fill(&mut data.szInfo, body);
        data.dwInfoFlags = NIIF_INFO;
        // SAFETY: as in add().
        unsafe { Shell_NotifyIconW(NIM_MODIFY, &data) };
    }

    fn remove(&mut self) {
        let data = self.data();
        // SAFETY: as in add().
        unsafe { Shell_NotifyIconW(NIM_DELETE, &data) };
        self.icon = Icon(null_mut());
    }
}

thread_local! {
    static APP: RefCell<Option<Win>> = const { RefCell::new(None) };
}

/// Runs `f` on the tray's state; `None` when there is none yet, or it is in use further up the
/// stack (a message that arrived inside a call that holds it: that message is then dropped).
fn with<R>(f: impl FnOnce(&mut Win) -> R) -> Option<R> {
    APP.with(|app| app.try_borrow_mut().ok().and_then(|mut app| app.as_mut().map(f)))
}

fn act(action: Action) {
    let Some(effects) = with(|win| dispatch(&mut win.state, action)) else { return };
    for effect in effects {
        apply(effect);
    }
}

fn shell_open(verb: &str, file: &str, parameters: Option<&str>) -> bool {
    let verb = wide(verb);
    let file = wide(file);
    let parameters = parameters.map(wide);
    // SAFETY: NUL-terminated strings that outlive the call.
    let result = unsafe {
        ShellExecuteW(
            null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            parameters.as_ref().map_or(null(), |p| p.as_ptr()),
            null(),
            SW_SHOWNORMAL,
        )
    };
    result as usize > 32
}

fn apply(effect: Effect) {
    match effect {
        Effect::ShowMenu => show_menu(),
        Effect::StartClean(job) => {
            with(|win| win.worker.submit(job));
        }
        Effect::Notify { title, body } => {
            with(|win| win.balloon(&title, &body));
        }
        Effect::AskConfirm { area, question } => {
            let Some(hwnd) = with(|win| win.hwnd) else { return };
            let text = wide(&question);
            let caption = wide("memsweep");
            // SAFETY: NUL-terminated strings that outlive the call; our own window as owner.
            let answer = unsafe {
                MessageBoxW(hwnd, text.as_ptr(), caption.as_ptr(), MB_YESNO | MB_ICONWARNING | MB_SETFOREGROUND)
            };
            act(if answer == IDYES { Action::ConfirmRisky(area) } else { Action::CancelRisky });
        }
        Effect::SetStartAtLogin(on) => match desktop::set_start_at_login(
            with(|win| win.state.login_way).unwrap_or(LoginWay::NeedsAdministrator),
            on,
        ) {
            Ok(()) => act(Action::StartAtLoginIs(on)),
            Err(reason) => {
                with(|win| {
                    let text = win.state.messages.get("tray-start-at-login-failed", &[("reason", Arg::Text(&reason))]);
                    win.balloon("memsweep", &text)
                });
            }
        },
        Effect::OpenConfig(path) => {
            let opened = desktop::ensure_config(&path).map(|()| {
                let file = path.display().to_string();
                shell_open("open", &file, None) || shell_open("open", "notepad.exe", Some(&format!("\"{file}\"")))
            });
            if let Err(e) = opened {
                with(|win| win.balloon("memsweep", &e));
            }
        }
        Effect::OpenSettings => {
            let Some((config, lang)) = with(|win| (win.options.config.clone(), win.state.messages.lang())) else {
                return;
            };
            if let Err(e) = crate::settings::open_window(config.as_deref(), lang) {
                with(|win| win.balloon("memsweep", &e));
            }
        }
        Effect::ShowHistory(path) => {
            // `memsweep history` in a console when the CLI is next to the tray, else the file.
            let shown = match desktop::cli_next_to_me() {
                Some(cli) => shell_open("open", "cmd.exe", Some(&format!("/k \"\"{}\" history\"", cli.display()))),
                None => shell_open("open", "notepad.exe", Some(&format!("\"{}\"", path.display()))),
            };
            if !shown {
                with(|win| win.balloon("memsweep", &path.display().to_string()));
            }
        }
        Effect::Elevate => {
            let Some(options) = with(|win| win.options.clone()) else { return };
            let mut parameters = String::from("--wait");
            if let Some(config) = &options.config {
                parameters.push_str(&format!(" --config \"{}\"", config.display()));
            }
            let Ok(exe) = std::env::current_exe() else { return };
            if shell_open("runas", &exe.display().to_string(), Some(&parameters)) {
                apply(Effect::Quit);
            }
        }
        Effect::SetIcon { figure, level } => {
            with(|win| win.set_icon(figure, level));
        }
        Effect::Warn(text) => {
            eprintln!("memsweep-tray: {text}");
            with(|win| win.balloon("memsweep", &text));
        }
        Effect::Persist(setting) => persist(&setting),
        Effect::OpenTop => open_top(),
        Effect::RegisterHotkey(hotkey) => register_hotkey(hotkey),
        Effect::SetTooltip(text) => {
            with(|win| win.set_tip(&text));
        }
        Effect::RefreshMenu => {} // the menu is built each time it opens
        Effect::Quit => {
            if let Some(hwnd) = with(|win| win.hwnd) {
                // SAFETY: our own window; WM_DESTROY removes the icon and ends the loop.
                unsafe { DestroyWindow(hwnd) };
            }
        }
    }
}

/// Writes a toggled setting to the config file: the one shared function (crate::persist).
fn persist(setting: &app::Setting) {
    let saved = with(|win| {
        let saved = crate::persist::persist(&win.state.config_path, setting, win.backend.os(), &win.state.areas);
        if saved.is_ok() {
            win.config.mark(); // our own edit: nothing to reload
        }
        saved
    });
    if let Some(Err(reason)) = saved {
        act(Action::SaveFailed(reason));
    }
}

/// `memsweep top` in Windows Terminal where it is installed, else in a console.
fn open_top() {
    let cli = desktop::cli();
    let opened = desktop::top_commands_windows(&cli)
        .iter()
        .any(|(program, parameters)| shell_open("open", program, Some(parameters)));
    if !opened {
        act(Action::OpenFailed(format!("{} top", cli.display())));
    }
}

/// (Re-)registers the global hotkey: the old registration goes first; a refusal is told.
fn register_hotkey(hotkey: Option<memsweep_core::hotkey::Hotkey>) {
    let Some(hwnd) = with(|win| {
        win.hotkey = None;
        win.hwnd
    }) else {
        return;
    };
    let Some(hotkey) = hotkey else { return };
    match win32::register_hotkey(hwnd, HOTKEY_ID, hotkey) {
        Ok(registration) => {
            with(|win| win.hotkey = Some(registration));
        }
        Err(error) => {
            let (taken, reason) = match error {
                HotkeyError::Taken => (true, "ERROR_HOTKEY_ALREADY_REGISTERED (1409)".to_string()),
                HotkeyError::Other(code) => (false, std::io::Error::from_raw_os_error(code as i32).to_string()),
            };
            act(Action::HotkeyRefused { hotkey: hotkey.to_string(), taken, reason });
        }
    }
}

fn append(menu: HMENU, entries: &[Entry], actions: &mut Vec<Action>) {
    let add = |flags: u32, id: usize, label: &str| {
        let text = wide(label);
        // SAFETY: a menu we created; the text is copied by AppendMenuW.
        unsafe { AppendMenuW(menu, flags, id, text.as_ptr()) };
    };
    for entry in entries {
        match entry {
            Entry::Item { label, action, enabled, default } => {
                actions.push(action.clone());
                add(MF_STRING | if *enabled { 0 } else { MF_GRAYED }, actions.len(), label);
                if *default {
                    // SAFETY: the item just added, by command id.
                    unsafe { SetMenuDefaultItem(menu, actions.len() as u32, 0) };
                }
            }
            Entry::Check { label, checked, action, enabled } => {
                actions.push(action.clone());
                let flags = MF_STRING | if *checked { MF_CHECKED } else { 0 } | if *enabled { 0 } else { MF_GRAYED };
                add(flags, actions.len(), label);
            }
            Entry::Radio { label, selected, action } => {
                actions.push(action.clone());
                add(MF_STRING | if *selected { MF_CHECKED } else { 0 }, actions.len(), label);
            }
            Entry::Submenu { label, entries } => {
                // SAFETY: no preconditions; the submenu is destroyed with its parent.
                let sub = unsafe { CreatePopupMenu() };
                append(sub, entries, actions);
                add(MF_POPUP, sub as usize, label);
            }
            Entry::Label(text) => add(MF_STRING | MF_GRAYED, 0, text),
            Entry::Separator => add(MF_SEPARATOR, 0, ""),
        }
    }
}

fn show_menu() {
    let Some((entries, hwnd)) = with(|win| (app::menu(&win.state), win.hwnd)) else { return };
    let mut actions = Vec::new();
    // SAFETY: menu calls on a menu we create and destroy here, for our own window. The state is
    // not borrowed while TrackPopupMenu runs its own message loop.
    let chosen = unsafe {
        let menu = CreatePopupMenu();
        append(menu, &entries, &mut actions);
        let mut at = POINT::default();
        GetCursorPos(&mut at);
        SetForegroundWindow(hwnd); // so the menu closes when clicked away from
        let chosen = TrackPopupMenu(menu, TPM_RETURNCMD | TPM_RIGHTBUTTON | TPM_NONOTIFY, at.x, at.y, 0, hwnd, null());
        PostMessageW(hwnd, WM_NULL, 0, 0);
        DestroyMenu(menu);
        chosen
    };
    if chosen > 0 {
        if let Some(action) = actions.get(chosen as usize - 1) {
            act(action.clone());
        }
    }
}

/// An edit of the config file (an editor) applies at the next poll; a save of the settings
/// window (`forced`) at once. The new poll interval too.
fn reload_config(forced: bool) {
    let changed = with(|win| win.config.changed()) == Some(true);
    if !forced && !changed {
        return;
    }
    let Some((options, backend, hwnd)) = with(|win| (win.options.clone(), win.backend.clone(), win.hwnd)) else {
        return;
    };
    let effects = match crate::startup::reload(&options, backend) {
        Ok((configured, poll)) => {
            let every = poll.as_millis().clamp(100, u128::from(u32::MAX)) as u32;
            // SAFETY: replaces the timer on our own window.
            unsafe { SetTimer(hwnd, TIMER_POLL, every, None) };
            with(|win| {
                // Said on stderr too: the one trace a script (and the Wine test) can read.
                let why = if forced { "settings saved" } else { "config changed" };
                eprintln!("memsweep-tray: {why}: {} read again", win.state.config_path.display());
                app::reload(&mut win.state, configured)
            })
        }
        Err(failure) => {
            eprintln!("memsweep-tray: the config cannot be used, the running one stays: {failure}");
            with(|win| dispatch(&mut win.state, Action::ReloadRefused(failure.to_string())))
        }
    };
    for effect in effects.unwrap_or_default() {
        apply(effect);
    }
}

fn tick() {
    reload_config(false);
    let Some(backend) = with(|win| win.backend.clone()) else { return };
    if let Ok(snapshot) = backend.snapshot() {
        let Some(reading) = with(|win| win.state.reader.read(snapshot)) else { return };
        act(Action::Tick { now_ms: now_ms(), reading });
    }
}

unsafe extern "system" fn window_proc(hwnd: HWND, message: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
    match message {
        WM_TRAY => {
            let button = match lparam as u32 & 0xffff {
                WM_LBUTTONUP => Some(Button::Left),
                WM_RBUTTONUP => Some(Button::Right),
                WM_MBUTTONUP => Some(Button::Middle),
                WM_LBUTTONDBLCLK => Some(Button::Double),
                _ => None,
            };
            if let Some(button) = button {
                act(Action::Click(button));
            }
            0
        }
        WM_TIMER if wparam == TIMER_ADD => {
            with(|win| win.add_or_retry());
            0
        }
        WM_TIMER => {
            tick();
            0
        }
        WM_HOTKEY if wparam as i32 == HOTKEY_ID => {
            act(Action::Hotkey);
            0
        }
        WM_DPICHANGED => {
            // The new DPI is in the low word (x and y are equal); the icon is drawn anew at the
            // small-icon size of that DPI. A hidden window: no rectangle to move to.
            let size = win32::small_icon_size((wparam & 0xffff) as u32);
            with(|win| win.resize(size));
            0
        }
        WM_DISPLAYCHANGE => {
            // A monitor's resolution or scale changed: the size of the DPI the window is on now.
            with(|win| win.resize(win32::small_icon_size(win32::window_dpi(win.hwnd))));
            // SAFETY: the default handling of a message of our own window.
            unsafe { DefWindowProcW(hwnd, message, wparam, lparam) }
        }
        WM_CLEAN_DONE => {
            while let Some(Ok((job, result))) = with(|win| win.finished.try_recv()) {
                act(Action::CleanFinished { job, result });
            }
            0
        }
        WM_DESTROY => {
            with(Win::remove);
            // SAFETY: ends this thread's message loop.
            unsafe { PostQuitMessage(0) };
            0
        }
        _ => {
            if message == crate::settings::win32::saved_message() {
                reload_config(true);
                tick();
                return 0;
            }
            // Explorer restarted: the icon must be added again.
            // (Explorer also sends it after a DPI change: the size is looked up again first.)
            if with(|win| win.taskbar_created == message && message != 0) == Some(true) {
                with(|win| {
                    win.resize(win32::small_icon_size(win32::window_dpi(win.hwnd)));
                    win.add_or_retry();
                });
                return 0;
            }
            // SAFETY: the default handling of a message of our own window.
            unsafe { DefWindowProcW(hwnd, message, wparam, lparam) }
        }
    }
}

/// Runs the tray until Exit; returns the process's exit status.
pub fn run(mut state: State, backend: SharedBackend, poll: Duration, options: &Options) -> u8 {
    let class = wide("memsweep-tray");
    // SAFETY: registering a class and creating a hidden window of it, on this (the GUI) thread;
    // every pointer is a NUL-terminated string that outlives the calls.
    let hwnd = unsafe {
        let instance = GetModuleHandleW(null());
        let window_class = WNDCLASSW {
            lpfnWndProc: Some(window_proc),
            hInstance: instance,
            lpszClassName: class.as_ptr(),
            ..Default::default()
        };
        RegisterClassW(&window_class);
        CreateWindowExW(
            0,
            class.as_ptr(),
            class.as_ptr(),
            WS_OVERLAPPEDWINDOW,
            0,
            0,
            0,
            0,
            null_mut(),
            null_mut(),
            instance,
            null(),
        )
    };
    if hwnd.is_null() {
        message_box("cannot create the tray's window");
        return 1;
    }
    let (finished_tx, finished) = channel();
    let hwnd_bits = hwnd as usize;
    let worker =
        match Worker::spawn(backend.clone(), state.endpoint.clone(), state.history_path.clone(), move |job, result| {
            let _ = finished_tx.send((job, result));
            // SAFETY: posting to our window from the worker thread is what PostMessage is for.
            unsafe { PostMessageW(hwnd_bits as HWND, WM_CLEAN_DONE, 0, 0) };
        }) {
            Ok(worker) => worker,
            Err(e) => {
                message_box(&format!("cannot start the clean thread: {e}"));
                return 1;
            }
        };
    // The icon's size: the small-icon size of the window's DPI (16 at 100%, 48 at 300%).
    let size = win32::small_icon_size(win32::window_dpi(hwnd));
    let taskbar = wide("TaskbarCreated");
    // SAFETY: a NUL-terminated name.
    let taskbar_created = unsafe { RegisterWindowMessageW(taskbar.as_ptr()) };
    if taskbar_created != 0 && !win32::allow_message(hwnd, taskbar_created) {
        eprintln!("memsweep-tray: ChangeWindowMessageFilterEx(TaskbarCreated) failed");
    }
    let mut first = vec![Effect::RegisterHotkey(state.hotkey)];
    if let Ok(snapshot) = backend.snapshot() {
        let reading = state.reader.read(snapshot);
        first.extend(dispatch(&mut state, Action::Tick { now_ms: now_ms(), reading }));
    }
    let (figure, level) = state.shown.unwrap_or((Figure::Used(0), Level::Normal));
    let icon = make_icon(&state.palette.icon(figure, level, size), size);
    let config = ConfigWatch::new(&state.config_path);
    let win = Win {
        state,
        hwnd,
        icon,
        size,
        hotkey: None,
        config,
        worker,
        finished,
        backend,
        taskbar_created,
        options: options.clone(),
    };
    // Not fatal when it fails: Explorer may not be up yet at logon; a timer and TaskbarCreated
    // add it when it is.
    win.add_or_retry();
    APP.with(|app| *app.borrow_mut() = Some(win));
    for effect in first.into_iter().filter(|e| !matches!(e, Effect::SetIcon { .. } | Effect::SetTooltip(_))) {
        apply(effect);
    }
    let start_at_login =
        desktop::start_at_login_enabled(with(|win| win.state.login_way).unwrap_or(LoginWay::NeedsAdministrator));
    act(Action::StartAtLoginIs(start_at_login));
    // SAFETY: a timer on our own window; WM_TIMER is handled in window_proc.
    unsafe { SetTimer(hwnd, TIMER_POLL, poll.as_millis().clamp(100, u128::from(u32::MAX)) as u32, None) };
    let mut message = MSG::default();
    // SAFETY: the standard message loop of this thread.
    unsafe {
        while GetMessageW(&mut message, null_mut(), 0, 0) > 0 {
            TranslateMessage(&message);
            DispatchMessageW(&message);
        }
    }
    APP.with(|app| app.borrow_mut().take());
    0
}
