//! What each page of the settings window shows, as rows of text and fields in the user's
//! language; platform-neutral (the layout places them, the view creates them). Every text comes
//! from the language files: a new language needs only its .ftl file.

use std::path::PathBuf;

use memsweep_app::autostart::LoginWay;
use memsweep_i18n::{Arg, Lang, Messages};

use super::model::{Field, Form, RuleKind};

/// A button of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Button {
    /// `memsweep.exe service install`, elevated.
    InstallService,
    /// The config file in the editor.
    OpenConfig,
}

/// Something a page shows that the view keeps up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Service,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// A bold line that starts a group.
    Heading(String),
    /// A paragraph, wrapped to the page's width.
    Text(String),
    /// A paragraph the view may change (the service's state), with room for every text it may
    /// show.
    Status { status: Status, text: String, reserve: Vec<String> },
    /// A check box across the page.
    Check { field: Field, label: String, indent: bool },
    /// An area: its check box, and what it does beside it.
    Area { field: Field, label: String, description: String },
    /// A label, an edit box of about `chars` characters and a unit after it.
    Input { field: Field, label: String, suffix: String, chars: u16, indent: bool },
    /// A label and a drop-down list.
    Choice { field: Field, label: String, options: Vec<String> },
    /// A label above an edit box of `lines` lines, one entry per line.
    Lines { field: Field, label: String, lines: u16 },
    /// A label and a path in a read-only box.
    Path { label: String, path: String },
    /// A push button.
    Button { button: Button, label: String, enabled: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub title: String,
    pub rows: Vec<Row>,
}

/// Whether the memsweep service is installed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceState {
    Installed,
    NotInstalled,
    Unknown(String),
}

/// What the pages show beyond the config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    pub login_way: LoginWay,
    pub service: ServiceState,
    /// `memsweep` (the CLI) next to the tray, which installs the service.
    pub cli: Option<PathBuf>,
    pub config_path: PathBuf,
}

/// The service's line.
pub fn service_text(messages: &Messages, state: &ServiceState) -> String {
    match state {
        ServiceState::Installed => messages.get("settings-service-installed", &[]),
        ServiceState::NotInstalled => messages.get("settings-service-not-installed", &[]),
        ServiceState::Unknown(reason) => messages.get("settings-service-unknown", &[("reason", Arg::Text(reason))]),
    }
}

/// A language's name in its own words, from its own language file.
pub fn language_name(lang: Lang) -> String {
    Messages::new(lang).get("language-name", &[])
}

/// The pages of the form, in order.
pub fn pages(form: &Form, messages: &Messages, context: &Context) -> Vec<Page> {
    let tr = |id: &str| messages.get(id, &[]);
    let os = form.os;
    let by_os = |id: &str| {
        let specific = format!("{id}-{os}");
        if messages.has(&specific) {
            tr(&specific)
        } else {
            tr(id)
        }
    };
    let has = |field: &Field| form.get(field).is_some();
    let mut pages = Vec::new();

    // What to clean
    let mut rows = vec![Row::Text(tr("settings-clean-intro"))];
    for area in &form.areas {
        let label =
            if area.risky { messages.get("tray-risky", &[("area", Arg::Text(area.id))]) } else { area.id.to_string() };
        let mut description = tr(&format!("area-{os}-{}", area.id));
        if area.per_process {
            description = format!("{description}\n{}", tr("settings-area-per-process"));
        }
        if let Some(reason) = &area.unsupported {
            description = format!(
                "{description}\n{}",
                messages.get("settings-area-unsupported", &[("reason", Arg::Text(reason))])
            );
        }
        rows.push(Row::Area { field: Field::Area(area.id), label, description });
    }
    pages.push(Page { title: tr("settings-page-clean"), rows });

    // Automatic cleaning
    let mut rows = vec![Row::Text(tr("settings-auto-intro"))];
    for kind in RuleKind::ALL.into_iter().filter(|k| has(&Field::RuleOn(*k))) {
        let (check, labels, suffixes): (&str, &[&str], &[&str]) = match kind {
            RuleKind::Usage => ("settings-rule-usage", &["settings-usage-percent"], &["settings-unit-percent"]),
            RuleKind::Interval => {
                ("settings-rule-interval", &["settings-interval-minutes"], &["settings-unit-minutes"])
            }
            RuleKind::CachePressure => (
                "settings-rule-cache-pressure",
                &["settings-cache-mib", "settings-free-below-mib"],
                &["settings-unit-mib", "settings-unit-mib"],
            ),
            RuleKind::Pressure => {
                ("settings-rule-pressure", &["settings-pressure-percent"], &["settings-unit-percent"])
            }
        };
        rows.push(Row::Check { field: Field::RuleOn(kind), label: by_os(check), indent: false });
        for (index, (label, suffix)) in labels.iter().zip(suffixes.iter()).enumerate() {
            rows.push(Row::Input {
                field: Field::RuleValue(kind, index),
                label: by_os(label),
                suffix: tr(suffix),
                chars: 8,
                indent: true,
            });
        }
    }
    rows.push(Row::Input {
        field: Field::MinGap,
        label: tr("settings-min-gap"),
        suffix: tr("settings-unit-seconds"),
        chars: 8,
        indent: false,
    });
    rows.push(Row::Lines { field: Field::PauseWhile, label: tr("settings-pause-while"), lines: 3 });
    pages.push(Page { title: tr("settings-page-auto"), rows });

    // Exclusions
    let rows = vec![
        Row::Text(by_os("settings-exclusions-intro")),
        Row::Lines { field: Field::Exclude, label: tr("settings-exclude"), lines: 8 },
    ];
    pages.push(Page { title: tr("settings-page-exclusions"), rows });

    // The tray icon, its clicks and the hotkey
    let choice = |field: Field, label: &str, prefix: &str| {
        let options = field.options().iter().map(|name| by_os(&format!("{prefix}-{name}"))).collect();
        Row::Choice { field, label: tr(label), options }
    };
    let input = |field: Field, label: &str, suffix: &str, chars: u16| Row::Input {
        field,
        label: tr(label),
        suffix: if suffix.is_empty() { String::new() } else { tr(suffix) },
        chars,
        indent: false,
    };
    let rows = vec![
        choice(Field::Icon, "settings-icon", "settings-icon"),
        input(Field::WarningPercent, "settings-warning-percent", "settings-unit-percent-used", 8),
        input(Field::DangerPercent, "settings-danger-percent", "settings-unit-percent-used", 8),
        input(Field::NormalColor, "settings-normal-color", "settings-unit-colour", 9),
        input(Field::WarningColor, "settings-warning-color", "settings-unit-colour", 9),
        input(Field::DangerColor, "settings-danger-color", "settings-unit-colour", 9),
        choice(Field::LeftClick, "settings-left-click", "settings-click"),
        choice(Field::DoubleClick, "settings-double-click", "settings-click"),
        choice(Field::MiddleClick, "settings-middle-click", "settings-click"),
        input(Field::Hotkey, "settings-hotkey", "settings-hotkey-example", 18),
        choice(Field::HotkeyAction, "settings-hotkey-action", "settings-click"),
        Row::Check { field: Field::Notifications, label: tr("settings-notifications"), indent: false },
    ];
    pages.push(Page { title: tr("settings-page-tray"), rows });

    // General: language, start at login, the service, the file
    let languages: Vec<String> = Field::Language
        .options()
        .iter()
        .map(|tag| match Lang::ALL.iter().find(|l| l.tag() == *tag) {
            Some(&lang) => language_name(lang),
            None => tr("settings-language-auto"),
        })
        .collect();
    let mut rows = vec![Row::Choice { field: Field::Language, label: tr("settings-language"), options: languages }];
    rows.push(Row::Heading(tr("settings-login-heading")));
    if has(&Field::StartAtLogin) {
        rows.push(Row::Check { field: Field::StartAtLogin, label: tr("settings-start-at-login"), indent: false });
    }
    rows.push(Row::Text(tr(match context.login_way {
        LoginWay::RunKey => "settings-login-run-key",
        LoginWay::ElevatedTask => "settings-login-task",
        LoginWay::NeedsAdministrator => "tray-start-at-login-needs-admin",
        LoginWay::DesktopEntry => "settings-login-desktop",
    })));
    if os == "windows" {
        rows.push(Row::Heading(tr("settings-service-heading")));
        let reserve = vec![
            service_text(messages, &ServiceState::Installed),
            service_text(messages, &ServiceState::NotInstalled),
            tr("settings-service-asked"),
        ];
        rows.push(Row::Status { status: Status::Service, text: service_text(messages, &context.service), reserve });
        let installable = context.cli.is_some() && context.service != ServiceState::Installed;
        rows.push(Row::Button {
            button: Button::InstallService,
            label: tr("settings-service-install"),
            enabled: installable,
        });
        if context.cli.is_none() {
            rows.push(Row::Text(tr("settings-service-no-cli")));
        }
    }
    rows.push(Row::Heading(tr("settings-file-heading")));
    rows.push(Row::Path { label: tr("settings-config-file"), path: context.config_path.display().to_string() });
    rows.push(Row::Button { button: Button::OpenConfig, label: tr("settings-open-config"), enabled: true });
    pages.push(Page { title: tr("settings-page-general"), rows });
    pages
}

/// The label a field has on its page (for the message that names a refused field).
pub fn field_label(pages: &[Page], field: &Field) -> Option<String> {
    pages.iter().flat_map(|p| &p.rows).find_map(|row| match row {
        Row::Check { field: f, label, .. }
        | Row::Area { field: f, label, .. }
        | Row::Input { field: f, label, .. }
        | Row::Choice { field: f, label, .. }
        | Row::Lines { field: f, label, .. }
            if f == field =>
        {
            Some(without_mnemonic(label).trim_end_matches([':', '：']).trim().to_string())
        }
        _ => None,
    })
}

/// A label as a control draws it: `&x` shows x (underlined, the mnemonic), `&&` a plain `&`.
pub fn displayed(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut chars = label.chars();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// A label as words in a sentence (the message that names a refused field): no mnemonic, and a
/// Chinese label's "(&L)" dropped whole.
pub fn without_mnemonic(label: &str) -> String {
    let mut text = label.to_string();
    if let Some(start) = text.find("(&") {
        let tail: Vec<(usize, char)> = text[start..].char_indices().take(5).collect();
        if tail.get(3).map(|t| t.1) == Some(')') {
            let end = tail.get(4).map_or(text.len() - start, |t| t.0);
            text.replace_range(start..start + end, "");
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// The mnemonic of a label, lower case.
pub fn mnemonic(label: &str) -> Option<char> {
    let mut chars = label.chars();
    while let Some(c) = chars.next() {
        if c == '&' {
            match chars.next() {
                Some('&') => continue,
                Some(next) => return Some(next.to_lowercase().next().unwrap_or(next)),
                None => return None,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::config::Config;
    use memsweep_core::{Area, AreaStatus, Risk, Stage, Support};

    use super::*;

    fn areas(os: &str) -> Vec<AreaStatus> {
        let ids: &[(&'static str, Risk, bool)] = if os == "windows" {
            &[
                ("working-sets", Risk::Medium, false),
                ("process", Risk::Medium, true),
                ("standby-list", Risk::High, false),
                ("registry-cache", Risk::Low, false),
            ]
        } else {
            &[("dirty", Risk::Low, false), ("process", Risk::Medium, true), ("page-cache", Risk::Medium, false)]
        };
        ids.iter()
            .map(|&(id, risk, per_process)| AreaStatus {
                area: Area { risk, per_process, default_on: !per_process, ..Area::new(id, Stage::Purge) },
                support: if id == "registry-cache" {
                    Support::Unsupported("needs 8.1".into())
                } else {
                    Support::Supported
                },
            })
            .collect()
    }

    fn context(way: LoginWay, cli: bool) -> Context {
        Context {
            login_way: way,
            service: ServiceState::NotInstalled,
            cli: cli.then(|| PathBuf::from("C:\\memsweep\\memsweep.exe")),
            config_path: PathBuf::from("C:\\memsweep\\memsweep.toml"),
        }
    }

    fn all_text(pages: &[Page]) -> Vec<String> {
        let mut out = Vec::new();
        for page in pages {
            out.push(page.title.clone());
            for row in &page.rows {
                match row {
                    Row::Heading(t) | Row::Text(t) => out.push(t.clone()),
                    Row::Status { text, reserve, .. } => {
                        out.push(text.clone());
                        out.extend(reserve.iter().cloned())
                    }
                    Row::Check { label, .. } | Row::Button { label, .. } => out.push(label.clone()),
                    Row::Area { label, description, .. } => out.extend([label.clone(), description.clone()]),
                    Row::Input { label, suffix, .. } => out.extend([label.clone(), suffix.clone()]),
                    Row::Choice { label, options, .. } => {
                        out.push(label.clone());
                        out.extend(options.iter().cloned())
                    }
                    Row::Lines { label, .. } | Row::Path { label, .. } => out.push(label.clone()),
                }
            }
        }
        out
    }

    #[test]
    fn every_field_is_on_a_page_and_every_text_is_translated() {
        for (os, way) in [("windows", LoginWay::ElevatedTask), ("linux", LoginWay::DesktopEntry)] {
            let areas = areas(os);
            let form = Form::from_config(
                &Config::default(),
                &areas,
                if os == "windows" { "windows" } else { "linux" },
                Some(false),
            );
            for lang in Lang::ALL {
                let messages = Messages::new(lang);
                let pages = super::pages(&form, &messages, &context(way, true));
                assert_eq!(pages.len(), 5);
                for field in form.fields() {
                    assert!(field_label(&pages, field).is_some(), "{field:?} is on no page");
                }
                for text in all_text(&pages) {
                    assert!(
                        !text.is_empty() && !text.contains("settings-") && !text.contains("area-"),
                        "{}: {text:?}",
                        lang.tag()
                    );
                }
            }
            // every page's mnemonics are unique (Alt+letter reaches one field), Apply's too
            for lang in Lang::ALL {
                let messages = Messages::new(lang);
                let apply = mnemonic(&messages.get("settings-apply", &[]));
                for page in super::pages(&form, &messages, &context(way, true)) {
                    let mut seen = vec![apply];
                    for row in &page.rows {
                        let label = match row {
                            Row::Check { label, .. }
                            | Row::Input { label, .. }
                            | Row::Choice { label, .. }
                            | Row::Lines { label, .. }
                            | Row::Button { label, .. } => label,
                            _ => continue,
                        };
                        if let Some(key) = mnemonic(label) {
                            assert!(!seen.contains(&Some(key)), "{}: '{key}' twice on {}", lang.tag(), page.title);
                            seen.push(Some(key));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn risky_areas_are_marked_and_explained_and_the_pages_follow_the_os() {
        let form = Form::from_config(&Config::default(), &areas("windows"), "windows", None);
        let messages = Messages::new(Lang::English);
        let pages = super::pages(&form, &messages, &context(LoginWay::NeedsAdministrator, false));
        let area = |id: &str| {
            pages[0].rows.iter().find_map(|r| match r {
                Row::Area { field: Field::Area(a), label, description } if *a == id => {
                    Some((label.clone(), description.clone()))
                }
                _ => None,
            })
        };
        let (label, description) = area("standby-list").unwrap();
        assert_eq!(label, "standby-list (risky)");
        assert!(description.contains("can stall"), "{description}");
        assert!(area("registry-cache").unwrap().1.contains("needs 8.1"));
        assert!(area("process").unwrap().1.contains("chosen processes"));
        assert_eq!(field_label(&pages, &Field::Hotkey).as_deref(), Some("Hotkey"));
        let text = all_text(&pages).join("\n");
        assert!(!text.contains("pressure (PSI"), "no pressure rule on Windows");
        assert!(text.contains("Start at login needs Administrator"), "{text}");
        assert!(text.contains("memsweep.exe is not next to"), "{text}");
        assert!(!pages[4].rows.iter().any(|r| matches!(r, Row::Check { field: Field::StartAtLogin, .. })));
        let button = pages[4].rows.iter().find_map(|r| match r {
            Row::Button { button: Button::InstallService, enabled, .. } => Some(*enabled),
            _ => None,
        });
        assert_eq!(button, Some(false), "no memsweep.exe: nothing to install with");
        let languages = pages[4].rows.iter().find_map(|r| match r {
            Row::Choice { field: Field::Language, options, .. } => Some(options.clone()),
            _ => None,
        });
        // Each language in its own name, after the OS's.
        assert_eq!(
            languages.unwrap(),
            [
                "The system's language",
                "English",
                "简体中文",
                "繁體中文",
                "日本語",
                "한국어",
                "Русский",
                "Deutsch",
                "Français",
                "Español",
                "Português (Brasil)"
            ]
        );

        let linux = Form::from_config(&Config::default(), &areas("linux"), "linux", Some(true));
        let pages = super::pages(&linux, &messages, &context(LoginWay::DesktopEntry, true));
        let text = all_text(&pages).join("\n");
        assert!(!text.contains("memsweep service"), "{text}");
        let pressure = |r: &Row| matches!(r, Row::Check { field: Field::RuleOn(RuleKind::Pressure), .. });
        assert!(pages[1].rows.iter().any(pressure), "Linux has pressure rules");
    }

    #[test]
    fn mnemonics() {
        assert_eq!(without_mnemonic("Hot&key:"), "Hotkey:");
        assert_eq!(without_mnemonic("Tom && Jerry"), "Tom & Jerry");
        assert_eq!(without_mnemonic("语言(&L)："), "语言：");
        assert_eq!(displayed("语言(&L)："), "语言(L)：", "what is drawn, and measured");
        assert_eq!(displayed("Tom && &Jerry"), "Tom & Jerry");
        assert_eq!(mnemonic("Hot&key:"), Some('k'));
        assert_eq!(mnemonic("语言(&L)："), Some('l'));
        assert_eq!(mnemonic("Tom && Jerry"), None);
    }
}
