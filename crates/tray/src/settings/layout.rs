//! Where every control of the settings window goes, in pixels, from the pages and the measured
//! size of their text: platform-neutral (the view measures with its font at its DPI and creates
//! the controls where this says; the tests measure with a fixed-width fake).
//!
//! Sizes follow Windows' dialog units (a quarter of the font's average character width, an
//! eighth of its height), so everything scales with the font, and the font with the DPI. Text is
//! never cut: every label is as wide as its measured text, paragraphs wrap to the page's width,
//! and the page grows to the widest thing that cannot wrap.

use super::model::Field;
use super::pages::{Button, Page, Row, Status};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(&self) -> i32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x && other.y >= self.y && other.right() <= self.right() && other.bottom() <= self.bottom()
    }

    fn moved(self, dx: i32, dy: i32) -> Rect {
        Rect { x: self.x + dx, y: self.y + dy, ..self }
    }
}

/// Text measured in the window's font.
pub trait Measure {
    /// One line of `text` (a `&` mnemonic not counted), in pixels: width and height.
    fn line(&self, text: &str, bold: bool) -> (i32, i32);
    /// `text` wrapped at `width` pixels: its height, and its widest line (wider than `width`
    /// when a word does not fit).
    fn wrapped(&self, text: &str, width: i32) -> (i32, i32);
    /// Like [`Measure::wrapped`], but a word wider than `width` is broken where it must be (a
    /// path).
    fn broken(&self, text: &str, width: i32) -> (i32, i32);
}

/// What the controls need beyond their text, in pixels, at the window's DPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metrics {
    /// Dialog base units: the font's average character width and its height.
    pub base_x: i32,
    pub base_y: i32,
    /// A check box's box and the gap before its text.
    pub check: i32,
    /// A drop-down list's arrow button, borders and text margins.
    pub combo: i32,
    /// An edit box's borders and margins, left and right together.
    pub edit: i32,
    /// A push button's borders and padding, left and right together.
    pub button: i32,
    /// A list box's borders and padding, left and right together.
    pub list: i32,
}

impl Metrics {
    /// Horizontal dialog units to pixels.
    pub fn dx(&self, units: i32) -> i32 {
        (units * self.base_x + 2) / 4
    }

    /// Vertical dialog units to pixels.
    pub fn dy(&self, units: i32) -> i32 {
        (units * self.base_y + 4) / 8
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Label,
    /// A paragraph that wraps.
    Wrapped,
    /// A paragraph that wraps and names the field after it (`&` marks its mnemonic).
    Caption,
    /// One bold line.
    Heading,
    Check,
    /// An edit box; more than one line: one entry per line.
    Edit {
        lines: u16,
    },
    /// A path: wraps, and breaks where it must.
    Path,
    /// A drop-down list.
    Combo,
    Button,
    /// The list of pages.
    Nav,
    /// The red mark beside a refused field.
    Mark,
    /// The line under the pages that says why a value is refused (or that it was saved).
    Message,
}

/// What a control is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Text,
    Status(Status),
    Field(Field),
    Mark(Field),
    Button(Button),
    Nav,
    Message,
    Ok,
    Cancel,
    Apply,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    /// The page it is on; `None`: always shown.
    pub page: Option<usize>,
    pub kind: Kind,
    pub role: Role,
    pub text: String,
    /// A drop-down list's options, or the page titles of the navigation list.
    pub options: Vec<String>,
    /// In the window's client area.
    pub rect: Rect,
}

/// The texts around the pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chrome {
    pub ok: String,
    pub cancel: String,
    pub apply: String,
    /// The longest message the line under the pages must hold (a refused hotkey's).
    pub message_sample: String,
}

pub struct Layout {
    /// The client area's size.
    pub width: i32,
    pub height: i32,
    pub controls: Vec<Control>,
}

/// The mark beside a refused field.
pub const MARK: &str = "\u{d7}";

struct Page0<'a> {
    m: &'a Metrics,
    measure: &'a dyn Measure,
    line_h: i32,
    edit_h: i32,
    check_h: i32,
    gap: i32,
    mark_w: i32,
    indent: i32,
}

impl Page0<'_> {
    fn text_w(&self, text: &str) -> i32 {
        self.measure.line(text, false).0
    }

    fn check_w(&self, label: &str) -> i32 {
        self.m.check + self.text_w(label) + 1
    }

    fn edit_w(&self, chars: u16) -> i32 {
        i32::from(chars) * self.m.base_x + self.m.edit
    }

    fn combo_w(&self, options: &[String]) -> i32 {
        options.iter().map(|o| self.text_w(o)).max().unwrap_or(0) + self.m.combo
    }

    fn button_w(&self, label: &str) -> i32 {
        (self.text_w(label) + self.m.button).max(self.m.dx(50))
    }

    /// Where the fields of a page start: after the widest label of its inputs and choices.
    fn label_column(&self, rows: &[Row]) -> i32 {
        rows.iter()
            .filter_map(|row| match row {
                Row::Input { label, indent, .. } => Some(if *indent { self.indent } else { 0 } + self.text_w(label)),
                Row::Choice { label, .. } => Some(self.text_w(label)),
                _ => None,
            })
            .max()
            .map_or(0, |w| w + self.gap)
    }

    /// The check-box column of the areas.
    fn area_column(&self, rows: &[Row]) -> i32 {
        rows.iter()
            .filter_map(|row| match row {
                Row::Area { label, .. } => Some(self.check_w(label)),
                _ => None,
            })
            .max()
            .unwrap_or(0)
    }

    /// The least width a page needs: what cannot wrap.
    fn natural_width(&self, rows: &[Row]) -> i32 {
        let column = self.label_column(rows);
        let areas = self.area_column(rows);
        let word = |text: &str| self.measure.wrapped(text, 1).1;
        rows.iter()
            .map(|row| match row {
                Row::Heading(text) => self.measure.line(text, true).0,
                Row::Text(text) => word(text),
                Row::Status { text, reserve, .. } => reserve.iter().chain([text]).map(|t| word(t)).max().unwrap_or(0),
                Row::Check { label, indent, .. } => {
                    (if *indent { self.indent } else { 0 }) + self.check_w(label) + self.gap + self.mark_w
                }
                Row::Area { description, .. } => areas + 2 * self.gap + word(description).max(self.m.dx(120)),
                Row::Input { suffix, chars, .. } => {
                    column + self.edit_w(*chars) + self.gap + self.text_w(suffix) + self.gap + self.mark_w
                }
                Row::Choice { options, .. } => column + self.combo_w(options) + self.gap + self.mark_w,
                Row::Lines { label, .. } => word(label),
                Row::Path { label, .. } => self.text_w(label) + self.gap + self.m.dx(120),
                Row::Button { label, .. } => self.button_w(label),
            })
            .max()
            .unwrap_or(0)
    }

    /// The controls of a page `width` wide, at (0, 0); and its height.
    fn place(&self, page: usize, rows: &[Row], width: i32) -> (Vec<Control>, i32) {
        let column = self.label_column(rows);
        let areas = self.area_column(rows);
        let mut out = Vec::new();
        let mut push = |kind: Kind, role: Role, text: &str, options: Vec<String>, rect: Rect| {
            out.push(Control { page: Some(page), kind, role, text: text.to_string(), options, rect });
        };
        let mut y = 0;
        for (index, row) in rows.iter().enumerate() {
            if index > 0 {
                y += self.gap;
            }
            match row {
                Row::Heading(text) => {
                    if index > 0 {
                        y += self.gap;
                    }
                    let h = self.measure.line(text, true).1;
                    push(Kind::Heading, Role::Text, text, Vec::new(), Rect { x: 0, y, w: width, h });
                    y += h;
                }
                Row::Text(text) => {
                    let h = self.measure.wrapped(text, width).0;
                    push(Kind::Wrapped, Role::Text, text, Vec::new(), Rect { x: 0, y, w: width, h });
                    y += h;
                }
                Row::Status { status, text, reserve } => {
                    let h = reserve.iter().chain([text]).map(|t| self.measure.wrapped(t, width).0).max().unwrap_or(0);
                    push(Kind::Wrapped, Role::Status(*status), text, Vec::new(), Rect { x: 0, y, w: width, h });
                    y += h;
                }
                Row::Check { field, label, indent } => {
                    let x = if *indent { self.indent } else { 0 };
                    let w = self.check_w(label);
                    push(Kind::Check, Role::Field(field.clone()), label, Vec::new(), Rect { x, y, w, h: self.check_h });
                    let mark = Rect { x: x + w + self.gap, y, w: self.mark_w, h: self.check_h };
                    push(Kind::Mark, Role::Mark(field.clone()), MARK, Vec::new(), mark);
                    y += self.check_h;
                }
                Row::Area { field, label, description } => {
                    let x = areas + 2 * self.gap;
                    let (text_h, _) = self.measure.wrapped(description, width - x);
                    push(
                        Kind::Check,
                        Role::Field(field.clone()),
                        label,
                        Vec::new(),
                        Rect { x: 0, y, w: areas, h: self.check_h },
                    );
                    // The first line of the description beside the box's text.
                    let top = y + (self.check_h - self.line_h) / 2;
                    push(
                        Kind::Wrapped,
                        Role::Text,
                        description,
                        Vec::new(),
                        Rect { x, y: top, w: width - x, h: text_h },
                    );
                    y = (top + text_h).max(y + self.check_h);
                }
                Row::Input { field, label, suffix, chars, indent } => {
                    let x = if *indent { self.indent } else { 0 };
                    let middle = y + (self.edit_h - self.line_h) / 2;
                    let label_w = self.text_w(label);
                    push(Kind::Label, Role::Text, label, Vec::new(), Rect { x, y: middle, w: label_w, h: self.line_h });
                    let edit = Rect { x: column, y, w: self.edit_w(*chars), h: self.edit_h };
                    push(Kind::Edit { lines: 1 }, Role::Field(field.clone()), "", Vec::new(), edit);
                    let mut after = edit.right() + self.gap;
                    if !suffix.is_empty() {
                        let w = self.text_w(suffix);
                        push(
                            Kind::Label,
                            Role::Text,
                            suffix,
                            Vec::new(),
                            Rect { x: after, y: middle, w, h: self.line_h },
                        );
                        after += w + self.gap;
                    }
                    let mark = Rect { x: after, y: middle, w: self.mark_w, h: self.line_h };
                    push(Kind::Mark, Role::Mark(field.clone()), MARK, Vec::new(), mark);
                    y += self.edit_h;
                }
                Row::Choice { field, label, options } => {
                    let middle = y + (self.edit_h - self.line_h) / 2;
                    let label_w = self.text_w(label);
                    push(
                        Kind::Label,
                        Role::Text,
                        label,
                        Vec::new(),
                        Rect { x: 0, y: middle, w: label_w, h: self.line_h },
                    );
                    let combo = Rect { x: column, y, w: self.combo_w(options), h: self.edit_h };
                    push(Kind::Combo, Role::Field(field.clone()), "", options.clone(), combo);
                    let mark = Rect { x: combo.right() + self.gap, y: middle, w: self.mark_w, h: self.line_h };
                    push(Kind::Mark, Role::Mark(field.clone()), MARK, Vec::new(), mark);
                    y += self.edit_h;
                }
                Row::Lines { field, label, lines } => {
                    let (h, _) = self.measure.wrapped(label, width);
                    push(Kind::Caption, Role::Text, label, Vec::new(), Rect { x: 0, y, w: width, h });
                    y += h + self.m.dy(2);
                    let edit_h = i32::from(*lines) * self.line_h + self.edit_h - self.line_h;
                    let w = width - self.gap - self.mark_w;
                    let edit = Rect { x: 0, y, w, h: edit_h };
                    push(Kind::Edit { lines: *lines }, Role::Field(field.clone()), "", Vec::new(), edit);
                    let mark = Rect { x: w + self.gap, y, w: self.mark_w, h: self.line_h };
                    push(Kind::Mark, Role::Mark(field.clone()), MARK, Vec::new(), mark);
                    y += edit_h;
                }
                Row::Path { label, path } => {
                    let label_w = self.text_w(label);
                    push(Kind::Label, Role::Text, label, Vec::new(), Rect { x: 0, y, w: label_w, h: self.line_h });
                    let x = label_w + self.gap;
                    let (h, _) = self.measure.broken(path, width - x);
                    push(Kind::Path, Role::Text, path, Vec::new(), Rect { x, y, w: width - x, h });
                    y += h;
                }
                Row::Button { button, label, .. } => {
                    let rect = Rect { x: 0, y, w: self.button_w(label), h: self.edit_h };
                    push(Kind::Button, Role::Button(*button), label, Vec::new(), rect);
                    y += self.edit_h;
                }
            }
        }
        (out, y)
    }
}

/// Places the pages, the list of pages beside them, the message line under them and the
/// buttons at the bottom.
pub fn layout(pages: &[Page], chrome: &Chrome, m: &Metrics, measure: &dyn Measure) -> Layout {
    let (_, line_h) = measure.line("Ag", false);
    let page0 = Page0 {
        m,
        measure,
        line_h,
        edit_h: m.dy(14).max(line_h + 6),
        check_h: m.dy(10).max(line_h + 2),
        gap: m.dx(4),
        mark_w: measure.line(MARK, false).0 + 2,
        indent: m.dx(12),
    };
    let (margin_x, margin_y) = (m.dx(7), m.dy(7));
    let width = pages.iter().map(|p| page0.natural_width(&p.rows)).max().unwrap_or(0).max(m.dx(250));
    let placed: Vec<(Vec<Control>, i32)> =
        pages.iter().enumerate().map(|(i, p)| page0.place(i, &p.rows, width)).collect();
    let height = placed.iter().map(|(_, h)| *h).max().unwrap_or(0);
    let titles: Vec<String> = pages.iter().map(|p| p.title.clone()).collect();
    let nav_w = titles.iter().map(|t| page0.text_w(t)).max().unwrap_or(0) + m.list;
    let nav = Rect { x: margin_x, y: margin_y, w: nav_w, h: height };
    let page_x = nav.right() + m.dx(7);
    let client_w = page_x + width + margin_x;
    let mut controls =
        vec![Control { page: None, kind: Kind::Nav, role: Role::Nav, text: String::new(), options: titles, rect: nav }];
    for (page_controls, _) in placed {
        controls.extend(page_controls.into_iter().map(|c| Control { rect: c.rect.moved(page_x, margin_y), ..c }));
    }
    let message_w = client_w - 2 * margin_x;
    let message_h = measure.wrapped(&chrome.message_sample, message_w).0.max(2 * line_h);
    let message = Rect { x: margin_x, y: nav.bottom() + m.dy(7), w: message_w, h: message_h };
    controls.push(Control {
        page: None,
        kind: Kind::Message,
        role: Role::Message,
        text: String::new(),
        options: Vec::new(),
        rect: message,
    });
    let buttons_y = message.bottom() + m.dy(7);
    let mut right = client_w - margin_x;
    let mut buttons = Vec::new();
    for (role, text) in [(Role::Apply, &chrome.apply), (Role::Cancel, &chrome.cancel), (Role::Ok, &chrome.ok)] {
        let w = page0.button_w(text);
        let rect = Rect { x: right - w, y: buttons_y, w, h: page0.edit_h };
        right -= w + m.dx(4);
        buttons.push(Control { page: None, kind: Kind::Button, role, text: text.clone(), options: Vec::new(), rect });
    }
    buttons.reverse(); // OK, Cancel, Apply: the tab order
    controls.extend(buttons);
    Layout { width: client_w, height: buttons_y + page0.edit_h + margin_y, controls }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::path::PathBuf;

    use memsweep_app::autostart::LoginWay;
    use memsweep_core::config::Config;
    use memsweep_core::{Area, AreaStatus, Risk, Stage, Support};
    use memsweep_i18n::{Lang, Messages};

    use super::super::model::Form;
    use super::super::pages::{pages, Context, ServiceState};
    use super::*;

    /// Every character `w` pixels wide, lines `h` high; wraps at spaces like DrawText.
    struct Fixed {
        w: i32,
        h: i32,
    }

    impl Measure for Fixed {
        fn line(&self, text: &str, bold: bool) -> (i32, i32) {
            let chars = text.chars().filter(|&c| c != '&').count() as i32;
            (chars * (self.w + i32::from(bold)), self.h)
        }

        fn wrapped(&self, text: &str, width: i32) -> (i32, i32) {
            let mut lines = 0;
            let mut widest = 0;
            for paragraph in text.split('\n') {
                let mut line = 0;
                lines += 1;
                for word in paragraph.split(' ') {
                    let w = word.chars().count() as i32 * self.w;
                    widest = widest.max(w);
                    if line > 0 && line + self.w + w > width {
                        lines += 1;
                        widest = widest.max(line);
                        line = w;
                    } else {
                        line += if line > 0 { self.w } else { 0 } + w;
                    }
                }
                widest = widest.max(line);
            }
            (lines * self.h, widest)
        }

        fn broken(&self, text: &str, width: i32) -> (i32, i32) {
            let per_line = (width / self.w).max(1);
            let lines = text
                .split('\n')
                .map(|l| (l.chars().count() as u32).div_ceil(per_line as u32).max(1) as i32)
                .sum::<i32>();
            (lines * self.h, width.min(text.chars().count() as i32 * self.w))
        }
    }

    fn metrics(scale: i32) -> Metrics {
        Metrics {
            base_x: 6 * scale,
            base_y: 13 * scale,
            check: 17 * scale,
            combo: 24 * scale,
            edit: 8 * scale,
            button: 12 * scale,
            list: 10 * scale,
        }
    }

    fn windows_pages(lang: Lang) -> Vec<Page> {
        let ids = ["working-sets", "system-file-cache", "process", "standby-list", "combine-lists"];
        let areas: Vec<AreaStatus> = ids
            .iter()
            .map(|&id| AreaStatus {
                area: Area {
                    risk: if id == "standby-list" { Risk::High } else { Risk::Low },
                    per_process: id == "process",
                    ..Area::new(id, Stage::Purge)
                },
                support: Support::Supported,
            })
            .collect();
        let form = Form::from_config(&Config::default(), &areas, "windows", Some(false));
        let context = Context {
            login_way: LoginWay::ElevatedTask,
            service: ServiceState::NotInstalled,
            cli: None,
            config_path: PathBuf::from("C:\\Users\\someone\\AppData\\Roaming\\memsweep\\memsweep.toml"),
        };
        pages(&form, &Messages::new(lang), &context)
    }

    fn chrome() -> Chrome {
        Chrome {
            ok: "OK".into(),
            cancel: "Cancel".into(),
            apply: "&Apply".into(),
            message_sample: "Hotkey: memsweep.toml:34:10: tray.hotkey: 'F99' is not a key (use A-Z, 0-9, F1-F24)"
                .into(),
        }
    }

    /// Every text fits its control, no two controls of a page overlap, all inside the window.
    fn check(layout: &Layout, m: &Metrics, measure: &Fixed) {
        let window = Rect { x: 0, y: 0, w: layout.width, h: layout.height };
        for (i, c) in layout.controls.iter().enumerate() {
            assert!(window.contains(&c.rect), "{c:?} outside {window:?}");
            let (w, h) = measure.line(&c.text, c.kind == Kind::Heading);
            match c.kind {
                Kind::Label | Kind::Heading | Kind::Mark => assert!(w <= c.rect.w && h <= c.rect.h, "{c:?}"),
                Kind::Check => assert!(m.check + w <= c.rect.w, "{c:?}"),
                Kind::Button => assert!(w + m.button <= c.rect.w, "{c:?}"),
                Kind::Wrapped | Kind::Caption | Kind::Message => {
                    let (h, widest) = measure.wrapped(&c.text, c.rect.w);
                    assert!(h <= c.rect.h && widest <= c.rect.w, "{c:?}");
                }
                Kind::Combo => {
                    assert!(c.options.iter().all(|o| measure.line(o, false).0 + m.combo <= c.rect.w), "{c:?}")
                }
                Kind::Nav => {
                    assert!(c.options.iter().all(|o| measure.line(o, false).0 + m.list <= c.rect.w), "{c:?}")
                }
                Kind::Path => {
                    let (h, widest) = measure.broken(&c.text, c.rect.w);
                    assert!(h <= c.rect.h && widest <= c.rect.w, "{c:?}");
                }
                Kind::Edit { .. } => {}
            }
            for other in &layout.controls[i + 1..] {
                let together = c.page.is_none() || other.page.is_none() || c.page == other.page;
                assert!(!(together && c.rect.overlaps(&other.rect)), "{c:?}\noverlaps\n{other:?}");
            }
        }
    }

    #[test]
    fn nothing_is_cut_or_overlaps_in_any_language_at_any_scale() {
        for lang in [Lang::English, Lang::SimplifiedChinese, Lang::Pseudo] {
            for scale in [1, 2] {
                let measure = Fixed { w: 6 * scale, h: 13 * scale };
                let m = metrics(scale);
                let layout = layout(&windows_pages(lang), &chrome(), &m, &measure);
                check(&layout, &m, &measure);
            }
        }
    }

    #[test]
    fn the_window_grows_with_its_text_and_its_dpi() {
        let at = |lang, scale| {
            let measure = Fixed { w: 6 * scale, h: 13 * scale };
            let l = layout(&windows_pages(lang), &chrome(), &metrics(scale), &measure);
            (l.width, l.height)
        };
        let (w1, h1) = at(Lang::English, 1);
        let (w2, h2) = at(Lang::English, 2);
        // everything doubles at 192 DPI (but for rounding)
        for (one, two) in [(w1, w2), (h1, h2)] {
            assert!((2 * one - two).abs() <= one / 50, "{w1}x{h1} -> {w2}x{h2}");
        }
        let (pw, ph) = at(Lang::Pseudo, 1);
        assert!(pw > w1 && ph >= h1, "{pw}x{ph} against {w1}x{h1}");
        // a small laptop screen (1366x768, less the taskbar) holds the window at 96 DPI
        assert!(w1 <= 1366 && h1 <= 728, "{w1}x{h1}");
        assert!(pw <= 1366 && ph <= 728, "{pw}x{ph}");
    }

    #[test]
    fn every_field_has_its_control_and_the_buttons_are_in_tab_order() {
        let measure = Fixed { w: 6, h: 13 };
        let pages = windows_pages(Lang::English);
        let layout = layout(&pages, &chrome(), &metrics(1), &measure);
        let fields: Vec<&Field> =
            layout.controls.iter().filter_map(|c| if let Role::Field(f) = &c.role { Some(f) } else { None }).collect();
        for page in &pages {
            for row in &page.rows {
                if let Row::Input { field, .. } | Row::Choice { field, .. } | Row::Check { field, .. } = row {
                    assert!(fields.contains(&field), "{field:?}");
                }
            }
        }
        let roles: Vec<&Role> = layout.controls.iter().rev().take(3).map(|c| &c.role).collect();
        assert_eq!(roles, [&Role::Apply, &Role::Cancel, &Role::Ok]);
        assert_eq!(layout.controls[0].options.len(), 5, "the page list");
    }
}
