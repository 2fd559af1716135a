//! The settings window in plain Win32: a top-level window run like a dialog (`IsDialogMessageW`:
//! Tab, Enter, Esc and Alt+letter work), its pages' controls created in code where
//! [`super::layout`] puts them, in the system's message font at the window's DPI. A list on the
//! left picks the page (Ctrl+Tab and Ctrl+PageDown too).
//!
//! Every change is checked at once through the config's own checks: a refused value gets a red
//! mark beside its field and the reason (the config's located message) under the pages, and OK
//! and Apply are greyed until it is fixed. OK and Apply write through `ConfigEditor` only, then
//! tell the running tray, which reads its config again.
//!
//! DPI: the manifest makes the process per-monitor DPI aware; sizes come from the font of the
//! window's DPI (`GetDpiForWindow`) and follow `WM_DPICHANGED`. The Windows 10 calls are looked
//! up at run time, so the win7 build still starts on Windows 7 (with the system DPI).
//!
//! `--check-layout` lays the window out unseen and measures every control's text against the
//! control's client rectangle (`GetTextExtentPoint32W`, `DrawTextW`), printing what does not fit.

// Debian's clippy 1.96 flags the `thread_local!` below although every initializer is already
// `const { … }` (a false positive with -Zbuild-std's std).
#![allow(clippy::missing_const_for_thread_local)]

use std::cell::RefCell;
use std::ffi::c_void;
use std::path::PathBuf;
use std::ptr::{null, null_mut};
use std::sync::{Arc, OnceLock};

use memsweep_app::autostart::LoginWay;
use memsweep_app::config_edit::ConfigEditor;
use memsweep_app::{Session, SessionOptions, SharedBackend};
use memsweep_core::AreaStatus;
use memsweep_i18n::{Arg, Messages};
use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, POINT, RECT, SIZE, WPARAM};
use windows_sys::Win32::Graphics::Gdi::{
    CreateFontIndirectW, DeleteObject, DrawTextW, GetDC, GetDeviceCaps, GetMonitorInfoW, GetSysColor, GetSysColorBrush,
    GetTextExtentPoint32W, GetTextMetricsW, MapWindowPoints, MonitorFromWindow, ReleaseDC, SelectObject, SetBkColor,
    SetTextColor, COLOR_BTNFACE, DT_CALCRECT, DT_EDITCONTROL, DT_EXPANDTABS, DT_NOPREFIX, DT_SINGLELINE, DT_WORDBREAK,
    FW_BOLD, HDC, HFONT, HGDIOBJ, LOGFONTW, LOGPIXELSX, MONITORINFO, MONITOR_DEFAULTTONEAREST, TEXTMETRICW,
};
use windows_sys::Win32::System::Diagnostics::Debug::MessageBeep;
use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
use windows_sys::Win32::System::SystemServices::{SS_EDITCONTROL, SS_LEFT, SS_LEFTNOWORDWRAP, SS_NOPREFIX};
use windows_sys::Win32::UI::Controls::{BST_CHECKED, EM_GETMARGINS, EM_SETSEL};
use windows_sys::Win32::UI::Input::KeyboardAndMouse::{
    EnableWindow, GetFocus, GetKeyState, SetFocus, VK_CONTROL, VK_SHIFT,
};
use windows_sys::Win32::UI::Shell::ShellExecuteW;
use windows_sys::Win32::UI::WindowsAndMessaging::{
    AdjustWindowRectEx, CreateWindowExW, DefWindowProcW, DestroyWindow, DispatchMessageW, FindWindowW, GetClientRect,
    GetMessageW, GetNextDlgTabItem, GetSystemMetrics, GetWindowRect, GetWindowTextLengthW, GetWindowTextW, IsChild,
    IsDialogMessageW, KillTimer, MessageBoxW, PostMessageW, PostQuitMessage, RegisterClassW, RegisterWindowMessageW,
    SendMessageW, SetForegroundWindow, SetTimer, SetWindowPos, SetWindowTextW, ShowWindow, SystemParametersInfoW,
    TranslateMessage, BM_GETCHECK, BM_SETCHECK, BN_CLICKED, BS_AUTOCHECKBOX, BS_DEFPUSHBUTTON, BS_PUSHBUTTON,
    CBN_SELCHANGE, CBS_DROPDOWNLIST, CB_ADDSTRING, CB_GETCOUNT, CB_GETCURSEL, CB_GETLBTEXT, CB_GETLBTEXTLEN,
    CB_SETCURSEL, CW_USEDEFAULT, DC_HASDEFID, DM_GETDEFID, EN_CHANGE, ES_AUTOHSCROLL, ES_AUTOVSCROLL, ES_MULTILINE,
    ES_WANTRETURN, IDCANCEL, IDOK, LBN_SELCHANGE, LBS_NOINTEGRALHEIGHT, LBS_NOTIFY, LB_ADDSTRING, LB_GETCOUNT,
    LB_GETCURSEL, LB_GETITEMHEIGHT, LB_GETTEXT, LB_GETTEXTLEN, LB_SETCURSEL, MB_ICONERROR, MB_ICONWARNING,
    MB_SETFOREGROUND, MSG, NONCLIENTMETRICSW, SM_CXEDGE, SM_CXMENUCHECK, SM_CXVSCROLL, SPI_GETNONCLIENTMETRICS,
    SWP_NOACTIVATE, SWP_NOZORDER, SW_HIDE, SW_RESTORE, SW_SHOW, SW_SHOWNORMAL, WA_INACTIVE, WINDOW_EX_STYLE,
    WINDOW_STYLE, WM_ACTIVATE, WM_CLOSE, WM_COMMAND, WM_CTLCOLORSTATIC, WM_DESTROY, WM_DPICHANGED, WM_GETDLGCODE,
    WM_GETFONT, WM_KEYDOWN, WM_NEXTDLGCTL, WM_SETFONT, WM_TIMER, WNDCLASSW, WS_CAPTION, WS_CHILD, WS_CLIPCHILDREN,
    WS_EX_CLIENTEDGE, WS_EX_CONTROLPARENT, WS_MINIMIZEBOX, WS_OVERLAPPED, WS_SYSMENU, WS_TABSTOP, WS_VISIBLE,
    WS_VSCROLL,
};

use super::layout::{self, Chrome, Kind, Layout, Measure, Metrics, Rect, Role};
use super::model::{Field, Form, Problem, Value, NOT_A_NUMBER};
use super::pages::{self, Button, Context, Page, ServiceState, Status};
use super::Options;
use crate::desktop;

/// The window class; also how a second `--settings` finds the first.
const CLASS: &str = "memsweep-settings";
/// The tray's window class (crates/tray/src/windows.rs), told after a save.
const TRAY_CLASS: &str = "memsweep-tray";
/// Control ids: OK and Cancel are the dialog manager's own; the rest from here, by index.
const FIRST_ID: usize = 100;
const TIMER_SERVICE: usize = 1;
/// The marks and the refusal: red, readable on the window's grey.
const RED: u32 = 0x0028_28c6; // COLORREF is 0x00bbggrr: #c62828

fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain([0]).collect()
}

/// The message the settings window sends the running tray after a save ("read your config
/// again"): a registered message, the same number in every process of the session.
pub fn saved_message() -> u32 {
    static MESSAGE: OnceLock<u32> = OnceLock::new();
    *MESSAGE.get_or_init(|| {
        let name = wide("memsweep-config-saved");
        // SAFETY: a NUL-terminated name that outlives the call.
        unsafe { RegisterWindowMessageW(name.as_ptr()) }
    })
}

/// A font this module created, deleted when dropped.
struct Font(HFONT);

impl Drop for Font {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: a font this module created; every control using it has been destroyed or
            // given the font that replaces it.
            unsafe { DeleteObject(self.0 as HGDIOBJ) };
        }
    }
}

/// A window's device context with a font selected, given back (and the old font selected
/// again) when dropped.
struct Dc {
    hwnd: HWND,
    dc: HDC,
    old: HGDIOBJ,
}

impl Dc {
    fn new(hwnd: HWND, font: HFONT) -> Dc {
        // SAFETY: a window of this thread; the DC is released in Drop.
        let dc = unsafe { GetDC(hwnd) };
        // SAFETY: a valid DC and font; the old object is selected back in Drop.
        let old = unsafe { SelectObject(dc, font as HGDIOBJ) };
        Dc { hwnd, dc, old }
    }

    fn select(&self, font: HFONT) {
        // SAFETY: as in new(); the previous font was ours, the original is kept in `old`.
        unsafe { SelectObject(self.dc, font as HGDIOBJ) };
    }

    /// One line's extent (GetTextExtentPoint32W).
    fn extent(&self, text: &str) -> (i32, i32) {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut size = SIZE::default();
        // SAFETY: the string and its length in UTF-16 units; `size` is written.
        unsafe { GetTextExtentPoint32W(self.dc, units.as_ptr(), units.len() as i32, &mut size) };
        (size.cx, size.cy)
    }

    /// DrawTextW's DT_CALCRECT for `width`: (height, widest line).
    fn calc(&self, text: &str, width: i32, format: u32) -> (i32, i32) {
        let units = wide(text);
        let mut rect = RECT { left: 0, top: 0, right: width.max(1), bottom: 0 };
        // SAFETY: a NUL-terminated string (length -1), a rectangle DrawTextW adjusts.
        unsafe { DrawTextW(self.dc, units.as_ptr(), -1, &mut rect, format | DT_CALCRECT) };
        (rect.bottom - rect.top, rect.right - rect.left)
    }
}

impl Drop for Dc {
    fn drop(&mut self) {
        // SAFETY: the DC of new(), its original object back, released once.
        unsafe {
            SelectObject(self.dc, self.old);
            ReleaseDC(self.hwnd, self.dc);
        }
    }
}

/// Text measured in the window's two fonts.
struct GdiMeasure<'a> {
    dc: &'a Dc,
    font: HFONT,
    bold: HFONT,
}

impl Measure for GdiMeasure<'_> {
    fn line(&self, text: &str, bold: bool) -> (i32, i32) {
        if bold {
            self.dc.select(self.bold);
        }
        // As the control draws it: DrawTextW, `&` marking the mnemonic.
        let (h, w) = self.dc.calc(text, 1, DT_SINGLELINE);
        let (w2, h2) = self.dc.extent(&pages::displayed(text));
        let size = (w.max(w2), h.max(h2));
        if bold {
            self.dc.select(self.font);
        }
        size
    }

    fn wrapped(&self, text: &str, width: i32) -> (i32, i32) {
        self.dc.calc(text, width, DT_WORDBREAK | DT_EXPANDTABS | DT_NOPREFIX)
    }

    fn broken(&self, text: &str, width: i32) -> (i32, i32) {
        self.dc.calc(text, width, DT_WORDBREAK | DT_EDITCONTROL | DT_NOPREFIX)
    }
}

/// Windows 10's per-monitor DPI calls, looked up at run time (the win7 build runs without them).
mod dpi {
    use super::*;

    type GetDpiForWindow = unsafe extern "system" fn(HWND) -> u32;
    type GetSystemMetricsForDpi = unsafe extern "system" fn(i32, u32) -> i32;
    type SystemParametersInfoForDpi = unsafe extern "system" fn(u32, u32, *mut c_void, u32, u32) -> i32;
    type AdjustWindowRectExForDpi = unsafe extern "system" fn(*mut RECT, u32, i32, u32, u32) -> i32;

    /// A user32 function by name, if this Windows has it.
    fn user32(name: &[u8]) -> Option<unsafe extern "system" fn() -> isize> {
        let module = wide("user32.dll");
        // SAFETY: user32 is loaded in every GUI process; both names are NUL-terminated.
        unsafe {
            let user32 = GetModuleHandleW(module.as_ptr());
            if user32.is_null() {
                return None;
            }
            GetProcAddress(user32, name.as_ptr())
        }
    }

    pub fn of_window(hwnd: HWND) -> u32 {
        if let Some(f) = user32(b"GetDpiForWindow\0") {
            // SAFETY: GetDpiForWindow's signature (UINT WINAPI (HWND)).
            let f: GetDpiForWindow = unsafe { std::mem::transmute(f) };
            // SAFETY: a window of this thread.
            let dpi = unsafe { f(hwnd) };
            if dpi > 0 {
                return dpi;
            }
        }
        // SAFETY: the window's DC, released right after.
        unsafe {
            let dc = GetDC(hwnd);
            let dpi = GetDeviceCaps(dc, LOGPIXELSX as i32);
            ReleaseDC(hwnd, dc);
            u32::try_from(dpi).unwrap_or(96).max(96)
        }
    }

    pub fn metric(index: i32, dpi: u32) -> i32 {
        if let Some(f) = user32(b"GetSystemMetricsForDpi\0") {
            // SAFETY: GetSystemMetricsForDpi's signature (int WINAPI (int, UINT)).
            let f: GetSystemMetricsForDpi = unsafe { std::mem::transmute(f) };
            // SAFETY: no pointers.
            return unsafe { f(index, dpi) };
        }
        // SAFETY: no pointers. Without per-monitor DPI this is the system DPI's value.
        unsafe { GetSystemMetrics(index) }
    }

    /// The system's message font at `dpi`.
    pub fn message_font(dpi: u32) -> LOGFONTW {
        let mut metrics = NONCLIENTMETRICSW { cbSize: size_of::<NONCLIENTMETRICSW>() as u32, ..Default::default() };
        let pointer = (&mut metrics as *mut NONCLIENTMETRICSW).cast::<c_void>();
        let done = match user32(b"SystemParametersInfoForDpi\0") {
            Some(f) => {
                // SAFETY: SystemParametersInfoForDpi's signature (BOOL WINAPI (UINT, UINT, PVOID,
                // UINT, UINT)).
                let f: SystemParametersInfoForDpi = unsafe { std::mem::transmute(f) };
                // SAFETY: a NONCLIENTMETRICSW with its size set, which the call fills.
                unsafe { f(SPI_GETNONCLIENTMETRICS, metrics.cbSize, pointer, 0, dpi) != 0 }
            }
            None => false,
        };
        // SAFETY: as above, through the system-DPI call.
        if !done && unsafe { SystemParametersInfoW(SPI_GETNONCLIENTMETRICS, metrics.cbSize, pointer, 0) } == 0 {
            // No metrics at all: Windows' own default, 9 pt Segoe UI.
            let mut font = LOGFONTW { lfHeight: -(12 * dpi as i32 / 96), lfWeight: 400, ..Default::default() };
            for (dst, src) in font.lfFaceName.iter_mut().zip("Segoe UI".encode_utf16()) {
                *dst = src;
            }
            return font;
        }
        metrics.lfMessageFont
    }

    /// The outer size of a window whose client area is `width` x `height`.
    pub fn outer(width: i32, height: i32, style: u32, ex: u32, dpi: u32) -> (i32, i32) {
        let mut rect = RECT { left: 0, top: 0, right: width, bottom: height };
        let done = match user32(b"AdjustWindowRectExForDpi\0") {
            Some(f) => {
                // SAFETY: AdjustWindowRectExForDpi's signature (BOOL WINAPI (LPRECT, DWORD, BOOL,
                // DWORD, UINT)).
                let f: AdjustWindowRectExForDpi = unsafe { std::mem::transmute(f) };
                // SAFETY: a rectangle the call adjusts.
                unsafe { f(&mut rect, style, 0, ex, dpi) != 0 }
            }
            None => false,
        };
        if !done {
            // SAFETY: as above, at the system DPI.
            unsafe { AdjustWindowRectEx(&mut rect, style, 0, ex) };
        }
        (rect.right - rect.left, rect.bottom - rect.top)
    }
}

/// Scales 96-DPI pixels to `dpi`.
fn scale(pixels: i32, dpi: u32) -> i32 {
    pixels * dpi as i32 / 96
}

/// The fonts and sizes of one DPI.
struct Look {
    dpi: u32,
    font: Font,
    bold: Font,
    face: String,
    height: i32,
}

impl Look {
    fn new(dpi: u32) -> Look {
        let mut log = dpi::message_font(dpi);
        // SAFETY: a filled LOGFONTW; the font is owned by the guard.
        let font = Font(unsafe { CreateFontIndirectW(&log) });
        log.lfWeight = FW_BOLD as i32;
        // SAFETY: as above.
        let bold = Font(unsafe { CreateFontIndirectW(&log) });
        let end = log.lfFaceName.iter().position(|&c| c == 0).unwrap_or(log.lfFaceName.len());
        let face = String::from_utf16_lossy(&log.lfFaceName[..end]);
        Look { dpi, font, bold, face, height: log.lfHeight.abs() }
    }

    /// Dialog base units and control sizes from the font, measured in `dc`.
    fn metrics(&self, dc: &Dc) -> Metrics {
        let mut tm = TEXTMETRICW::default();
        // SAFETY: the DC has this look's font selected; `tm` is written.
        unsafe { GetTextMetricsW(dc.dc, &mut tm) };
        let (letters, _) = dc.extent("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        let edge = dpi::metric(SM_CXEDGE, self.dpi);
        Metrics {
            base_x: (letters / 26 + 1) / 2,
            base_y: tm.tmHeight,
            check: check_box(self.dpi),
            combo: dpi::metric(SM_CXVSCROLL, self.dpi) + 2 * edge + scale(8, self.dpi),
            edit: 2 * edge + scale(8, self.dpi),
            button: 2 * edge + scale(16, self.dpi),
            list: 2 * edge + scale(8, self.dpi),
        }
    }
}

/// A check box's box and the gap before its text.
fn check_box(dpi: u32) -> i32 {
    dpi::metric(SM_CXMENUCHECK, dpi) + scale(5, dpi)
}

struct Ctl {
    hwnd: HWND,
}

struct Dialog {
    hwnd: HWND,
    messages: Messages,
    areas: Vec<AreaStatus>,
    path: PathBuf,
    /// The file as last read or written: what validation edits.
    base: ConfigEditor,
    form: Form,
    context: Context,
    pages: Vec<Page>,
    look: Look,
    layout: Layout,
    controls: Vec<Ctl>,
    page: usize,
    problem: Option<Problem>,
    /// A line that is not a refusal ("Saved in ...").
    note: Option<String>,
    service_polls: u32,
    /// Changes from the code itself (filling the controls) are not the user's.
    filling: bool,
}

thread_local! {
    static DIALOG: RefCell<Option<Dialog>> = const { RefCell::new(None) };
    /// The controls painted red now. Apart from the dialog's state: a static repaints inside
    /// SetWindowTextW, while the dialog is being changed.
    static RED_CONTROLS: RefCell<Vec<HWND>> = const { RefCell::new(Vec::new()) };
    /// The control that had the focus when the window was deactivated.
    static LAST_FOCUS: std::cell::Cell<HWND> = const { std::cell::Cell::new(null_mut()) };
}

/// Gives a control the keyboard focus as the dialog manager does: an edit box's text selected,
/// so typing replaces it.
fn focus(control: HWND) {
    const DLGC_HASSETSEL: LRESULT = 0x0008;
    // SAFETY: a control of this thread.
    unsafe { SetFocus(control) };
    if send(control, WM_GETDLGCODE, 0, 0) & DLGC_HASSETSEL != 0 {
        send(control, EM_SETSEL, 0, -1);
    }
}

fn with<R>(f: impl FnOnce(&mut Dialog) -> R) -> Option<R> {
    DIALOG.with(|d| d.try_borrow_mut().ok().and_then(|mut d| d.as_mut().map(f)))
}

fn send(hwnd: HWND, message: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
    // SAFETY: a control of this thread; every pointer passed in `lparam` outlives the call.
    unsafe { SendMessageW(hwnd, message, wparam, lparam) }
}

fn set_text(hwnd: HWND, text: &str) {
    let text = wide(text);
    // SAFETY: a NUL-terminated string, copied by the control.
    unsafe { SetWindowTextW(hwnd, text.as_ptr()) };
}

fn text_of(hwnd: HWND) -> String {
    // SAFETY: a control of this thread; the buffer holds the length plus the NUL.
    unsafe {
        let len = GetWindowTextLengthW(hwnd).max(0) as usize;
        let mut buffer = vec![0u16; len + 1];
        let got = GetWindowTextW(hwnd, buffer.as_mut_ptr(), buffer.len() as i32).max(0) as usize;
        String::from_utf16_lossy(&buffer[..got.min(len)])
    }
}

/// The items of a combo box or list box.
fn items_of(hwnd: HWND, list: bool) -> Vec<String> {
    let (count, len, get) =
        if list { (LB_GETCOUNT, LB_GETTEXTLEN, LB_GETTEXT) } else { (CB_GETCOUNT, CB_GETLBTEXTLEN, CB_GETLBTEXT) };
    let n = send(hwnd, count, 0, 0).max(0) as usize;
    (0..n)
        .map(|i| {
            let length = send(hwnd, len, i, 0).max(0) as usize;
            let mut buffer = vec![0u16; length + 1];
            let got = send(hwnd, get, i, buffer.as_mut_ptr() as LPARAM).max(0) as usize;
            String::from_utf16_lossy(&buffer[..got.min(length)])
        })
        .collect()
}

fn enable(hwnd: HWND, on: bool) {
    // SAFETY: a control of this thread.
    unsafe { EnableWindow(hwnd, i32::from(on)) };
}

fn show(hwnd: HWND, on: bool) {
    // SAFETY: a control of this thread.
    unsafe { ShowWindow(hwnd, if on { SW_SHOW } else { SW_HIDE }) };
}

fn message_box(owner: HWND, text: &str, icon: u32) {
    let text = wide(text);
    let caption = wide("memsweep");
    // SAFETY: NUL-terminated strings that outlive the call.
    unsafe { MessageBoxW(owner, text.as_ptr(), caption.as_ptr(), icon | MB_SETFOREGROUND) };
}

/// The class, style and extended style of a control kind.
fn class_of(kind: &Kind, role: &Role) -> (&'static str, u32, u32) {
    let ws = WS_CHILD;
    match kind {
        Kind::Label => ("STATIC", ws | SS_LEFTNOWORDWRAP, 0),
        Kind::Heading | Kind::Mark => ("STATIC", ws | SS_LEFTNOWORDWRAP | SS_NOPREFIX, 0),
        Kind::Wrapped | Kind::Message => ("STATIC", ws | SS_LEFT | SS_NOPREFIX, 0),
        Kind::Caption => ("STATIC", ws | SS_LEFT, 0),
        Kind::Check => ("BUTTON", ws | WS_TABSTOP | BS_AUTOCHECKBOX as u32, 0),
        Kind::Edit { lines: 1 } => ("EDIT", ws | WS_TABSTOP | ES_AUTOHSCROLL as u32, WS_EX_CLIENTEDGE),
        Kind::Edit { .. } => (
            "EDIT",
            ws | WS_TABSTOP | WS_VSCROLL | (ES_MULTILINE | ES_AUTOVSCROLL | ES_WANTRETURN) as u32,
            WS_EX_CLIENTEDGE,
        ),
        Kind::Path => ("STATIC", ws | SS_LEFT | SS_EDITCONTROL | SS_NOPREFIX, 0),
        Kind::Combo => ("COMBOBOX", ws | WS_TABSTOP | WS_VSCROLL | CBS_DROPDOWNLIST as u32, 0),
        Kind::Button => {
            let style = if *role == Role::Ok { BS_DEFPUSHBUTTON } else { BS_PUSHBUTTON };
            ("BUTTON", ws | WS_TABSTOP | style as u32, 0)
        }
        Kind::Nav => {
            ("LISTBOX", ws | WS_TABSTOP | WS_VSCROLL | (LBS_NOTIFY | LBS_NOINTEGRALHEIGHT) as u32, WS_EX_CLIENTEDGE)
        }
    }
}

fn control_id(role: &Role, index: usize) -> usize {
    match role {
        Role::Ok => IDOK as usize,
        Role::Cancel => IDCANCEL as usize,
        _ => FIRST_ID + index,
    }
}

impl Dialog {
    fn tr(&self, id: &str) -> String {
        self.messages.get(id, &[])
    }

    /// The layout for the window's DPI.
    fn lay_out(&self, look: &Look) -> Layout {
        let dc = Dc::new(self.hwnd, look.font.0);
        let metrics = look.metrics(&dc);
        let measure = GdiMeasure { dc: &dc, font: look.font.0, bold: look.bold.0 };
        layout::layout(&self.pages, &self.chrome(), &metrics, &measure)
    }

    fn chrome(&self) -> Chrome {
        Chrome {
            ok: self.tr("settings-ok"),
            cancel: self.tr("settings-cancel"),
            apply: self.tr("settings-apply"),
            message_sample: self.sample_refusal(),
        }
    }

    /// The longest refusal the message line is made for: a bad hotkey's, as the config words it.
    fn sample_refusal(&self) -> String {
        let mut form = self.form.clone();
        form.set(&Field::Hotkey, Value::Text("Ctrl+Alt+F99".into()));
        match form.validate(&self.base, &self.areas) {
            Err(problem) => self.refusal(&problem),
            Ok(_) => String::new(),
        }
    }

    /// "Hotkey: memsweep.toml:34:10: tray.hotkey: ..."
    fn refusal(&self, problem: &Problem) -> String {
        let reason =
            if problem.message == NOT_A_NUMBER { self.tr("settings-not-a-number") } else { problem.message.clone() };
        match problem.field.as_ref().and_then(|f| pages::field_label(&self.pages, f)) {
            Some(field) => {
                self.messages.get("settings-refused", &[("field", Arg::Text(&field)), ("reason", Arg::Text(&reason))])
            }
            None => reason,
        }
    }

    /// Creates every control where the layout says, filled from the form.
    fn create_controls(&mut self) {
        // SAFETY: no preconditions.
        let instance = unsafe { GetModuleHandleW(null()) };
        for (index, control) in self.layout.controls.iter().enumerate() {
            let (class, style, ex) = class_of(&control.kind, &control.role);
            let visible = control.page.is_none_or(|p| p == self.page) && control.kind != Kind::Mark;
            let style = style | if visible { WS_VISIBLE } else { 0 };
            let id = control_id(&control.role, index);
            let r = control.rect;
            // A drop-down list's height includes its list.
            let height = if control.kind == Kind::Combo { r.h * (control.options.len() as i32 + 2) } else { r.h };
            let class = wide(class);
            let text = wide(&control.text);
            // SAFETY: a child of our window, on this thread; the strings outlive the call; the id
            // travels in the HMENU argument as Windows defines for child windows.
            let hwnd = unsafe {
                CreateWindowExW(
                    ex as WINDOW_EX_STYLE,
                    class.as_ptr(),
                    text.as_ptr(),
                    style as WINDOW_STYLE,
                    r.x,
                    r.y,
                    r.w,
                    height,
                    self.hwnd,
                    id as *mut c_void,
                    instance,
                    null(),
                )
            };
            let font = if control.kind == Kind::Heading { self.look.bold.0 } else { self.look.font.0 };
            send(hwnd, WM_SETFONT, font as WPARAM, 0);
            match control.kind {
                Kind::Combo => {
                    for option in &control.options {
                        let text = wide(option);
                        send(hwnd, CB_ADDSTRING, 0, text.as_ptr() as LPARAM);
                    }
                }
                Kind::Nav => {
                    for option in &control.options {
                        let text = wide(option);
                        send(hwnd, LB_ADDSTRING, 0, text.as_ptr() as LPARAM);
                    }
                    send(hwnd, LB_SETCURSEL, self.page, 0);
                }
                _ => {}
            }
            self.controls.push(Ctl { hwnd });
        }
        self.fill();
    }

    /// The form's values into the controls.
    fn fill(&mut self) {
        self.filling = true;
        for (control, ctl) in self.layout.controls.iter().zip(&self.controls) {
            let Role::Field(field) = &control.role else { continue };
            match self.form.get(field) {
                Some(Value::Flag(on)) => {
                    send(ctl.hwnd, BM_SETCHECK, if *on { BST_CHECKED as usize } else { 0 }, 0);
                }
                Some(Value::Text(text)) => {
                    // Multi-line edit boxes want CR LF.
                    set_text(ctl.hwnd, &text.replace('\n', "\r\n"));
                }
                Some(Value::Choice(index)) => {
                    send(ctl.hwnd, CB_SETCURSEL, *index, 0);
                }
                None => {}
            }
        }
        self.filling = false;
    }

    /// The controls' values into the form.
    fn read(&mut self) {
        for (control, ctl) in self.layout.controls.iter().zip(&self.controls) {
            let Role::Field(field) = &control.role else { continue };
            let value = match control.kind {
                Kind::Check => Value::Flag(send(ctl.hwnd, BM_GETCHECK, 0, 0) == BST_CHECKED as LRESULT),
                Kind::Combo => Value::Choice(send(ctl.hwnd, CB_GETCURSEL, 0, 0).max(0) as usize),
                _ => Value::Text(text_of(ctl.hwnd).replace("\r\n", "\n")),
            };
            self.form.set(field, value);
        }
    }

    fn control(&self, role: &Role) -> Option<HWND> {
        self.layout.controls.iter().zip(&self.controls).find(|(c, _)| &c.role == role).map(|(_, ctl)| ctl.hwnd)
    }

    /// After every change: what may be edited, what is refused and why, what OK and Apply may do.
    fn update(&mut self) {
        self.read();
        self.problem = self.form.validate(&self.base, &self.areas).err();
        let refused = self.problem.as_ref().and_then(|p| p.field.clone());
        let red: Vec<HWND> = self
            .layout
            .controls
            .iter()
            .zip(&self.controls)
            .filter(|(c, _)| match &c.role {
                Role::Mark(field) => refused.as_ref() == Some(field),
                Role::Message => self.problem.is_some(),
                _ => false,
            })
            .map(|(_, ctl)| ctl.hwnd)
            .collect();
        RED_CONTROLS.with(|r| *r.borrow_mut() = red);
        let installable = self.context.cli.is_some() && self.context.service != ServiceState::Installed;
        for (control, ctl) in self.layout.controls.iter().zip(&self.controls) {
            match &control.role {
                Role::Field(field) => enable(ctl.hwnd, self.form.enabled(field) && self.field_allowed(field)),
                Role::Mark(field) => show(ctl.hwnd, refused.as_ref() == Some(field) && control.page == Some(self.page)),
                Role::Button(Button::InstallService) => enable(ctl.hwnd, installable),
                _ => {}
            }
        }
        let message = match &self.problem {
            Some(problem) => self.refusal(problem),
            None => self.note.clone().unwrap_or_default(),
        };
        if let Some(hwnd) = self.control(&Role::Message) {
            if text_of(hwnd) != message {
                set_text(hwnd, &message);
            }
        }
        let valid = self.problem.is_none();
        if let Some(ok) = self.control(&Role::Ok) {
            enable(ok, valid);
        }
        if let Some(apply) = self.control(&Role::Apply) {
            enable(apply, valid && self.form.changed());
        }
    }

    /// Fields the platform rules out whatever the form says.
    fn field_allowed(&self, field: &Field) -> bool {
        *field != Field::StartAtLogin || self.context.login_way != LoginWay::NeedsAdministrator
    }

    fn show_page(&mut self, page: usize) {
        if page >= self.pages.len() {
            return;
        }
        self.page = page;
        for (control, ctl) in self.layout.controls.iter().zip(&self.controls) {
            if let Some(on) = control.page {
                show(ctl.hwnd, on == page && control.kind != Kind::Mark);
            }
        }
        if let Some(nav) = self.control(&Role::Nav) {
            send(nav, LB_SETCURSEL, page, 0);
        }
        self.update();
    }

    /// Writes the changes; false (with the reason shown) when refused.
    fn save(&mut self) -> bool {
        self.update();
        if let Some(problem) = &self.problem {
            let line = self.refusal(problem);
            eprintln!("memsweep-tray: settings not saved: {line}");
            // SAFETY: no pointers.
            unsafe { MessageBeep(MB_ICONWARNING) };
            return false;
        }
        if !self.form.changed() {
            return true;
        }
        if !self.form.edits().is_ok_and(|e| e.is_empty()) {
            match self.form.save(&self.path, &self.areas) {
                Ok(_) => {
                    eprintln!("memsweep-tray: settings saved in {}", self.path.display());
                    if let Ok(base) = ConfigEditor::open(&self.path) {
                        self.base = base;
                    }
                    tell_the_tray();
                }
                Err(problem) => {
                    eprintln!("memsweep-tray: settings not saved: {}", problem.message);
                    self.problem = Some(problem);
                    self.update_message_only();
                    return false;
                }
            }
        }
        if let Some(on) = self.form.start_at_login_change() {
            if let Err(reason) = desktop::set_start_at_login(self.context.login_way, on) {
                let line = self.messages.get("tray-start-at-login-failed", &[("reason", Arg::Text(&reason))]);
                self.note = Some(line);
                // The file is saved; the switch shows what really holds.
                self.form.set(&Field::StartAtLogin, Value::Flag(!on));
                self.form.saved();
                self.fill();
                self.update();
                return false;
            }
        }
        self.form.saved();
        let file = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.note = Some(self.messages.get("settings-saved", &[("file", Arg::Text(&file))]));
        self.update();
        true
    }

    fn update_message_only(&mut self) {
        let message = self.problem.as_ref().map(|p| self.refusal(p)).unwrap_or_default();
        if let Some(hwnd) = self.control(&Role::Message) {
            set_text(hwnd, &message);
        }
    }

    fn install_service(&mut self) {
        let Some(cli) = self.context.cli.clone() else { return };
        let file = wide(&cli.display().to_string());
        let (verb, parameters) = (wide("runas"), wide("service install"));
        // SAFETY: NUL-terminated strings that outlive the call; our window owns the prompt.
        let result = unsafe {
            ShellExecuteW(self.hwnd, verb.as_ptr(), file.as_ptr(), parameters.as_ptr(), null(), SW_SHOWNORMAL)
        };
        let line = if result as usize > 32 {
            self.service_polls = 0;
            // SAFETY: a timer on our own window, handled in window_proc.
            unsafe { SetTimer(self.hwnd, TIMER_SERVICE, 2000, None) };
            self.tr("settings-service-asked")
        } else {
            let reason = std::io::Error::last_os_error().to_string();
            self.messages.get("settings-service-failed", &[("reason", Arg::Text(&reason))])
        };
        if let Some(status) = self.control(&Role::Status(Status::Service)) {
            set_text(status, &line);
        }
    }

    /// The service's state again, while an installation may be under way.
    fn poll_service(&mut self) {
        self.service_polls += 1;
        let state = service_state();
        if state == ServiceState::Installed || self.service_polls >= 90 {
            // SAFETY: our own timer.
            unsafe { KillTimer(self.hwnd, TIMER_SERVICE) };
        }
        if state == ServiceState::Installed || self.service_polls >= 90 {
            self.context.service = state;
            let text = pages::service_text(&self.messages, &self.context.service);
            if let Some(status) = self.control(&Role::Status(Status::Service)) {
                set_text(status, &text);
            }
            if let Some(button) = self.control(&Role::Button(Button::InstallService)) {
                enable(button, self.context.service != ServiceState::Installed);
            }
        }
    }

    fn open_config(&self) {
        let opened = desktop::ensure_config(&self.path).map(|()| {
            let (verb, file) = (wide("open"), wide(&self.path.display().to_string()));
            // SAFETY: NUL-terminated strings that outlive the call.
            let result =
                unsafe { ShellExecuteW(self.hwnd, verb.as_ptr(), file.as_ptr(), null(), null(), SW_SHOWNORMAL) };
            result as usize > 32
        });
        if !matches!(opened, Ok(true)) {
            let notepad = wide("notepad.exe");
            let (verb, argument) = (wide("open"), wide(&format!("\"{}\"", self.path.display())));
            // SAFETY: as above.
            unsafe {
                ShellExecuteW(self.hwnd, verb.as_ptr(), notepad.as_ptr(), argument.as_ptr(), null(), SW_SHOWNORMAL)
            };
        }
    }

    /// A new DPI (the window moved to another monitor, or the scale changed): new fonts, new
    /// sizes, every control moved.
    fn rescale(&mut self, dpi: u32, suggested: Option<RECT>) {
        let look = Look::new(dpi);
        self.layout = self.lay_out(&look);
        for (control, ctl) in self.layout.controls.iter().zip(&self.controls) {
            let font = if control.kind == Kind::Heading { look.bold.0 } else { look.font.0 };
            send(ctl.hwnd, WM_SETFONT, font as WPARAM, 1);
            let r = control.rect;
            let height = if control.kind == Kind::Combo { r.h * (control.options.len() as i32 + 2) } else { r.h };
            // SAFETY: a control of our window.
            unsafe { SetWindowPos(ctl.hwnd, null_mut(), r.x, r.y, r.w, height, SWP_NOZORDER | SWP_NOACTIVATE) };
        }
        // The old fonts go only now that no control uses them.
        self.look = look;
        let (w, h) = dpi::outer(self.layout.width, self.layout.height, STYLE, EX_STYLE, dpi);
        let (x, y) = match suggested {
            Some(r) => (r.left, r.top),
            None => centred(self.hwnd, w, h),
        };
        // SAFETY: our own window.
        unsafe { SetWindowPos(self.hwnd, null_mut(), x, y, w, h, SWP_NOZORDER | SWP_NOACTIVATE) };
    }
}

const STYLE: u32 = WS_OVERLAPPED | WS_CAPTION | WS_SYSMENU | WS_MINIMIZEBOX | WS_CLIPCHILDREN;
const EX_STYLE: u32 = WS_EX_CONTROLPARENT;

/// Where a `w` x `h` window sits in the middle of its monitor's work area.
fn centred(hwnd: HWND, w: i32, h: i32) -> (i32, i32) {
    let work = work_area(hwnd);
    (work.left + ((work.right - work.left - w) / 2).max(0), work.top + ((work.bottom - work.top - h) / 2).max(0))
}

fn work_area(hwnd: HWND) -> RECT {
    let mut info = MONITORINFO { cbSize: size_of::<MONITORINFO>() as u32, ..Default::default() };
    // SAFETY: a window of this thread; `info` has its size set and is filled by the call.
    unsafe {
        let monitor = MonitorFromWindow(hwnd, MONITOR_DEFAULTTONEAREST);
        GetMonitorInfoW(monitor, &mut info);
    }
    info.rcWork
}

/// The running tray (if any) reads its config again.
fn tell_the_tray() {
    let class = wide(TRAY_CLASS);
    // SAFETY: a NUL-terminated class name; any window name.
    let tray = unsafe { FindWindowW(class.as_ptr(), null()) };
    if !tray.is_null() {
        // SAFETY: posting a registered message to another window is what PostMessage is for.
        unsafe { PostMessageW(tray, saved_message(), 0, 0) };
    }
}

fn service_state() -> ServiceState {
    use memsweep_app::autostart::{system, SERVICE};
    match system::service_installed(SERVICE) {
        Ok(true) => ServiceState::Installed,
        Ok(false) => ServiceState::NotInstalled,
        Err(reason) => ServiceState::Unknown(reason),
    }
}

/// Moves to the next (or previous) page: Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PageDown, Ctrl+PageUp.
fn page_key(message: &MSG) -> bool {
    const VK_TAB: usize = 0x09;
    const VK_PRIOR: usize = 0x21;
    const VK_NEXT: usize = 0x22;
    if message.message != WM_KEYDOWN {
        return false;
    }
    // SAFETY: no pointers.
    let ctrl = unsafe { GetKeyState(i32::from(VK_CONTROL)) } < 0;
    // SAFETY: as above.
    let shift = unsafe { GetKeyState(i32::from(VK_SHIFT)) } < 0;
    let step: isize = match message.wParam {
        VK_TAB if ctrl => {
            if shift {
                -1
            } else {
                1
            }
        }
        VK_NEXT if ctrl => 1,
        VK_PRIOR if ctrl => -1,
        _ => return false,
    };
    with(|d| {
        let n = d.pages.len() as isize;
        let page = (d.page as isize + step).rem_euclid(n) as usize;
        d.show_page(page);
        if let Some(nav) = d.control(&Role::Nav) {
            // SAFETY: a control of this thread.
            unsafe { SetFocus(nav) };
        }
    })
    .is_some()
}

unsafe extern "system" fn window_proc(hwnd: HWND, message: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
    match message {
        WM_COMMAND => {
            let id = wparam & 0xffff;
            let code = (wparam >> 16) as u32 & 0xffff;
            if id == IDOK as usize {
                if with(Dialog::save) == Some(true) {
                    // SAFETY: our own window.
                    unsafe { DestroyWindow(hwnd) };
                }
                return 0;
            }
            if id == IDCANCEL as usize {
                // SAFETY: our own window.
                unsafe { DestroyWindow(hwnd) };
                return 0;
            }
            let role = with(|d| d.layout.controls.get(id.wrapping_sub(FIRST_ID)).map(|c| c.role.clone())).flatten();
            match role {
                Some(Role::Nav) if code == LBN_SELCHANGE => {
                    with(|d| {
                        let nav = d.control(&Role::Nav).unwrap_or(null_mut());
                        let page = send(nav, LB_GETCURSEL, 0, 0).max(0) as usize;
                        d.show_page(page);
                    });
                }
                Some(Role::Field(_)) if matches!(code, BN_CLICKED | EN_CHANGE | CBN_SELCHANGE) => {
                    with(|d| {
                        if !d.filling {
                            d.note = None;
                            d.update();
                        }
                    });
                }
                Some(Role::Apply) if code == BN_CLICKED => {
                    with(Dialog::save);
                }
                Some(Role::Button(Button::InstallService)) if code == BN_CLICKED => {
                    with(Dialog::install_service);
                }
                Some(Role::Button(Button::OpenConfig)) if code == BN_CLICKED => {
                    with(|d| d.open_config());
                }
                _ => {}
            }
            0
        }
        DM_GETDEFID => {
            // OK is the default button while it may save. With a value refused (OK greyed),
            // Enter still reaches IDOK, which refuses with a beep and says why.
            if with(|d| d.problem.is_some()) == Some(true) {
                0
            } else {
                ((DC_HASDEFID as LRESULT) << 16) | IDOK as LRESULT
            }
        }
        WM_NEXTDLGCTL => {
            // What the dialog manager asks of a dialog: IsDialogMessageW sends it for Tab and
            // for a label's Alt+letter (this window is not a dialog, so it answers it itself).
            let target = if lparam & 0xffff != 0 {
                wparam as HWND
            } else {
                // SAFETY: our own window and the control with the focus (or none).
                unsafe { GetNextDlgTabItem(hwnd, GetFocus(), i32::from(wparam != 0)) }
            };
            if !target.is_null() {
                focus(target);
            }
            0
        }
        WM_ACTIVATE => {
            if wparam & 0xffff == WA_INACTIVE as usize {
                // SAFETY: no pointers.
                LAST_FOCUS.with(|f| f.set(unsafe { GetFocus() }));
            } else {
                let last = LAST_FOCUS.with(|f| f.get());
                // SAFETY: no pointers; the control is checked to be ours before it is used.
                if !last.is_null() && unsafe { IsChild(hwnd, last) } != 0 {
                    // SAFETY: a control of our window.
                    unsafe { SetFocus(last) };
                }
            }
            0
        }
        WM_CTLCOLORSTATIC => {
            let control = lparam as HWND;
            let red = RED_CONTROLS.with(|r| r.borrow().contains(&control));
            // SAFETY: the DC the control hands us for painting; the brush is the system's own.
            unsafe {
                if red {
                    let dc = wparam as HDC;
                    SetTextColor(dc, RED);
                    SetBkColor(dc, GetSysColor(COLOR_BTNFACE));
                    return GetSysColorBrush(COLOR_BTNFACE) as LRESULT;
                }
                DefWindowProcW(hwnd, message, wparam, lparam)
            }
        }
        WM_DPICHANGED => {
            let dpi = (wparam & 0xffff) as u32;
            // SAFETY: for WM_DPICHANGED, lParam points at the suggested window rectangle.
            let suggested = unsafe { *(lparam as *const RECT) };
            with(|d| d.rescale(dpi, Some(suggested)));
            0
        }
        WM_TIMER if wparam == TIMER_SERVICE => {
            with(Dialog::poll_service);
            0
        }
        WM_CLOSE => {
            // SAFETY: our own window.
            unsafe { DestroyWindow(hwnd) };
            0
        }
        WM_DESTROY => {
            // SAFETY: ends this thread's message loop.
            unsafe { PostQuitMessage(0) };
            0
        }
        // SAFETY: the default handling of a message of our own window.
        _ => unsafe { DefWindowProcW(hwnd, message, wparam, lparam) },
    }
}

/// One settings window per session: a named mutex, held while it is open.
fn single_instance() -> Option<std::os::windows::io::OwnedHandle> {
    use std::os::windows::io::{HandleOrNull, OwnedHandle};
    use windows_sys::Win32::Foundation::{GetLastError, ERROR_ALREADY_EXISTS};
    use windows_sys::Win32::System::Threading::CreateMutexW;
    let name = wide("Local\\memsweep-settings");
    // SAFETY: a NUL-terminated name; default security; an owned handle or null.
    let mutex = unsafe { HandleOrNull::from_raw_handle(CreateMutexW(null(), 0, name.as_ptr())) };
    // SAFETY: no preconditions; read right after the call it belongs to.
    let error = unsafe { GetLastError() };
    let mutex = OwnedHandle::try_from(mutex).ok()?;
    (error != ERROR_ALREADY_EXISTS).then_some(mutex)
}

/// The window that is already open comes to the front.
fn raise_the_open_one() {
    let class = wide(CLASS);
    // SAFETY: a NUL-terminated class name; the window belongs to another process of ours.
    unsafe {
        let open = FindWindowW(class.as_ptr(), null());
        if !open.is_null() {
            ShowWindow(open, SW_RESTORE);
            SetForegroundWindow(open);
        }
    }
}

/// `memsweep-tray --settings`: the exit status.
pub fn run(options: &Options) -> u8 {
    let backend: SharedBackend = Arc::from(memsweep_backend::native());
    let session_options =
        SessionOptions { config: options.config.clone(), lang: options.lang.clone(), ..SessionOptions::default() };
    let session = match Session::open(session_options, backend.clone()) {
        Ok(session) => session,
        Err(failure) => {
            let line = failure.localized(&Messages::new(memsweep_i18n::Lang::from_os()));
            eprintln!("memsweep-tray: {line}");
            return crate::startup::exit_code(&failure);
        }
    };
    let messages = Messages::new(session.lang());
    let path = session.config_path();
    let broken = |reason: &str| {
        let line = messages.get("settings-broken", &[("reason", Arg::Text(reason))]);
        eprintln!("memsweep-tray: {line}");
        if !options.check_layout {
            message_box(null_mut(), &line, MB_ICONERROR);
        }
        memsweep_core::ExitStatus::Config.code()
    };
    let config = match session.config() {
        Ok(config) => config.clone(),
        Err(failure) => return broken(&failure.localized(&messages)),
    };
    let base = match ConfigEditor::open(&path) {
        Ok(base) => base,
        Err(failure) => return broken(&failure.localized(&messages)),
    };
    let _instance = if options.check_layout {
        None
    } else {
        match single_instance() {
            Some(mutex) => Some(mutex),
            None => {
                raise_the_open_one();
                return 0;
            }
        }
    };
    let areas = session.areas().to_vec();
    let elevated = session.backend().check_privilege().is_ok();
    let login_way = desktop::login_way(elevated, false);
    let start_at_login =
        (login_way != LoginWay::NeedsAdministrator).then(|| desktop::start_at_login_enabled(login_way));
    let form = Form::from_config(&config, &areas, session.backend().os(), start_at_login);
    let context =
        Context { login_way, service: service_state(), cli: desktop::cli_next_to_me(), config_path: path.clone() };
    let pages = pages::pages(&form, &messages, &context);

    let class = wide(CLASS);
    let title = wide(&messages.get("settings-title", &[]));
    // SAFETY: registering our class and creating our window on this thread; the strings outlive
    // the calls. The window is sized once its DPI is known.
    let hwnd = unsafe {
        let instance = GetModuleHandleW(null());
        let window_class = WNDCLASSW {
            lpfnWndProc: Some(window_proc),
            hInstance: instance,
            lpszClassName: class.as_ptr(),
            hbrBackground: GetSysColorBrush(COLOR_BTNFACE),
            ..Default::default()
        };
        RegisterClassW(&window_class);
        CreateWindowExW(
            EX_STYLE,
            class.as_ptr(),
            title.as_ptr(),
            STYLE,
            CW_USEDEFAULT,
            CW_USEDEFAULT,
            100,
            100,
            null_mut(),
            null_mut(),
            instance,
            null(),
        )
    };
    if hwnd.is_null() {
        eprintln!("memsweep-tray: cannot create the settings window");
        return 1;
    }
    let dpi = dpi::of_window(hwnd);
    let look = Look::new(dpi);
    let mut dialog = Dialog {
        hwnd,
        messages,
        areas,
        path,
        base,
        form,
        context,
        pages,
        look,
        layout: Layout { width: 0, height: 0, controls: Vec::new() },
        controls: Vec::new(),
        page: 0,
        problem: None,
        note: None,
        service_polls: 0,
        filling: false,
    };
    dialog.layout = dialog.lay_out(&dialog.look);
    dialog.create_controls();
    let (w, h) = dpi::outer(dialog.layout.width, dialog.layout.height, STYLE, EX_STYLE, dpi);
    let (x, y) = centred(hwnd, w, h);
    // SAFETY: our own window.
    unsafe { SetWindowPos(hwnd, null_mut(), x, y, w, h, SWP_NOZORDER | SWP_NOACTIVATE) };
    dialog.update();
    DIALOG.with(|d| *d.borrow_mut() = Some(dialog));

    if options.check_layout {
        let code = with(|d| check_layout(d, (w, h))).unwrap_or(1);
        // SAFETY: our own window, never shown.
        unsafe { DestroyWindow(hwnd) };
        DIALOG.with(|d| d.borrow_mut().take());
        return code;
    }
    // SAFETY: our own window, shown and brought to the front; the focus on the page list.
    unsafe {
        ShowWindow(hwnd, SW_SHOW);
        SetForegroundWindow(hwnd);
    }
    if let Some(nav) = with(|d| d.control(&Role::Nav)).flatten() {
        // SAFETY: a control of this thread.
        unsafe { SetFocus(nav) };
    }
    let mut message = MSG::default();
    // SAFETY: this thread's message loop; IsDialogMessageW gives the window a dialog's keys.
    unsafe {
        while GetMessageW(&mut message, null_mut(), 0, 0) > 0 {
            if page_key(&message) || IsDialogMessageW(hwnd, &message) != 0 {
                continue;
            }
            TranslateMessage(&message);
            DispatchMessageW(&message);
        }
    }
    DIALOG.with(|d| d.borrow_mut().take());
    0
}

/// What does not fit, measured on the real controls (their font, their client rectangle).
fn check_layout(d: &mut Dialog, outer: (i32, i32)) -> u8 {
    // Every mark and the longest refusal on show while measuring.
    let sample = d.sample_refusal();
    if let Some(message) = d.control(&Role::Message) {
        set_text(message, &sample);
    }
    let dpi = d.look.dpi;
    let mut problems = Vec::new();
    let mut client = RECT::default();
    // SAFETY: our own window; `client` is written.
    unsafe { GetClientRect(d.hwnd, &mut client) };
    let window = Rect { x: 0, y: 0, w: client.right, h: client.bottom };
    let mut placed: Vec<(Option<usize>, Rect, String)> = Vec::new();
    let edge = dpi::metric(SM_CXEDGE, dpi);
    for (control, ctl) in d.layout.controls.iter().zip(&d.controls) {
        let hwnd = ctl.hwnd;
        let mut inner = RECT::default();
        let mut outer_rect = RECT::default();
        // SAFETY: a control of our window; the rectangles are written, the window rectangle
        // mapped from the screen to our client area (two points).
        unsafe {
            GetClientRect(hwnd, &mut inner);
            GetWindowRect(hwnd, &mut outer_rect);
            MapWindowPoints(null_mut(), d.hwnd, (&mut outer_rect as *mut RECT).cast::<POINT>(), 2);
        }
        let (cw, ch) = (inner.right, inner.bottom);
        let font = send(hwnd, WM_GETFONT, 0, 0) as HFONT;
        let dc = Dc::new(hwnd, font);
        let text = text_of(hwnd);
        let name = match &control.role {
            Role::Field(field) => format!("{field:?}"),
            other => format!("{other:?}"),
        };
        let shown = |t: &str| t.chars().take(40).collect::<String>();
        // One line as the control draws it (DrawTextW; `&` a mnemonic unless SS_NOPREFIX), and
        // its extent (GetTextExtentPoint32W): the larger of the two must fit.
        let line = |text: &str, prefix: bool| {
            let (h, w) = dc.calc(text, 1, DT_SINGLELINE | if prefix { 0 } else { DT_NOPREFIX });
            let (w2, h2) = dc.extent(&if prefix { pages::displayed(text) } else { text.to_string() });
            (w.max(w2), h.max(h2))
        };
        let mut clipped = |what: String| problems.push(format!("clipped: {name} ({:?}) {what}", control.kind));
        match control.kind {
            Kind::Label | Kind::Heading | Kind::Mark => {
                let (w, h) = line(&text, control.kind == Kind::Label);
                if w > cw || h > ch {
                    clipped(format!("'{}' needs {w}x{h}, has {cw}x{ch}", shown(&text)));
                }
            }
            Kind::Wrapped | Kind::Caption | Kind::Message => {
                let format = if control.kind == Kind::Caption { 0 } else { DT_NOPREFIX };
                let mut texts = vec![text.clone()];
                if control.role == Role::Status(Status::Service) {
                    // Every state the line can show, and the installer's note.
                    texts.extend(
                        [ServiceState::Installed, ServiceState::NotInstalled]
                            .iter()
                            .map(|s| pages::service_text(&d.messages, s)),
                    );
                    texts.push(d.tr("settings-service-asked"));
                }
                for text in texts {
                    let (h, w) = dc.calc(&text, cw, DT_WORDBREAK | DT_EXPANDTABS | format);
                    if h > ch || w > cw {
                        clipped(format!("'{}' needs {w}x{h}, has {cw}x{ch}", shown(&text)));
                    }
                }
            }
            Kind::Check => {
                let (w, h) = line(&text, true);
                let needs = check_box(dpi) + w;
                if needs > cw || h > ch {
                    clipped(format!("'{}' needs {needs}x{h}, has {cw}x{ch}", shown(&text)));
                }
            }
            Kind::Button => {
                let (w, h) = line(&text, true);
                if w + 2 * edge > cw || h > ch {
                    clipped(format!("'{}' needs {}x{h}, has {cw}x{ch}", shown(&text), w + 2 * edge));
                }
            }
            Kind::Edit { lines: 1 } => {
                let margins = send(hwnd, EM_GETMARGINS, 0, 0) as u32;
                let (w, h) = dc.extent(&text);
                let needs = w + (margins & 0xffff) as i32 + (margins >> 16) as i32;
                if needs > cw || h > ch {
                    clipped(format!("'{}' needs {needs}x{h}, has {cw}x{ch}", shown(&text)));
                }
            }
            Kind::Path => {
                let (h, w) = dc.calc(&text, cw, DT_WORDBREAK | DT_EDITCONTROL | DT_NOPREFIX);
                if h > ch || w > cw {
                    clipped(format!("'{}' needs {w}x{h}, has {cw}x{ch}", shown(&text)));
                }
            }
            Kind::Edit { .. } => {}
            Kind::Combo | Kind::Nav => {
                let list = control.kind == Kind::Nav;
                let items = items_of(hwnd, list);
                let room = if list { cw } else { cw - dpi::metric(SM_CXVSCROLL, dpi) - scale(4, dpi) };
                for item in &items {
                    let (w, _) = dc.extent(item);
                    if w > room {
                        clipped(format!("item '{}' needs {w}, has {room}", shown(item)));
                    }
                }
                if list {
                    let height = send(hwnd, LB_GETITEMHEIGHT, 0, 0) as i32 * items.len() as i32;
                    if height > ch {
                        clipped(format!("{} items need {height} px, have {ch}", items.len()));
                    }
                }
            }
        }
        let rect = Rect {
            x: outer_rect.left,
            y: outer_rect.top,
            w: outer_rect.right - outer_rect.left,
            h: outer_rect.bottom - outer_rect.top,
        };
        if !window.contains(&rect) {
            problems.push(format!("outside the window: {name} at {rect:?}, the window is {window:?}"));
        }
        for (page, other, other_name) in &placed {
            let together = page.is_none() || control.page.is_none() || *page == control.page;
            if together && rect.overlaps(other) {
                problems.push(format!("overlap: {name} at {rect:?} and {other_name} at {other:?}"));
            }
        }
        placed.push((control.page, rect, name));
    }
    let work = work_area(d.hwnd);
    let (ww, wh) = (work.right - work.left, work.bottom - work.top);
    if outer.0 > ww || outer.1 > wh {
        problems.push(format!("the window ({}x{}) is larger than the work area ({ww}x{wh})", outer.0, outer.1));
    }
    for line in &problems {
        println!("{line}");
    }
    println!(
        "settings layout at {dpi} dpi in {} ({} px), {}: {} controls on {} pages, window {}x{} in a {ww}x{wh} work area: {}",
        d.look.face,
        d.look.height,
        d.messages.lang().tag(),
        d.controls.len(),
        d.pages.len(),
        outer.0,
        outer.1,
        if problems.is_empty() { "nothing clipped".to_string() } else { format!("{} problems", problems.len()) }
    );
    u8::from(!problems.is_empty())
}
