//! The tray's toggles kept: the rules on/off, the language and the notifications switch are
//! written to the config file by [`persist`], the one function both front ends call, through
//! `memsweep_app::config_edit::ConfigEditor` (memsweep's one config writer: comments and order
//! kept, checked before it writes, atomic). A restart reads them back like any setting.

use std::path::Path;

use memsweep_app::config_edit::ConfigEditor;
use memsweep_core::AreaStatus;

use crate::app::Setting;

/// Writes `setting` into the config at `path` (the commented defaults first where there is no
/// file yet); `os` and `areas` are this machine's, for the check before writing. `Err` says why
/// in one line, and the file is then as it was.
pub fn persist(path: &Path, setting: &Setting, os: &str, areas: &[AreaStatus]) -> Result<(), String> {
    let mut editor = ConfigEditor::open(path).map_err(|f| f.to_string())?;
    match setting {
        Setting::RuleEnabled { index, on } => editor.set_rule_enabled(*index, *on).map_err(|f| f.to_string())?,
        Setting::Language(lang) => editor.set(None, "language", lang.tag()),
        Setting::Notifications(on) => editor.set(Some("tray"), "notifications", *on),
    }
    editor.save(os, areas).map(|_| ()).map_err(|f| f.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use memsweep_core::config::{Config, Language};
    use memsweep_i18n::Lang;

    const FILE: &str = "# mine\n[tray]\nnotifications = true # balloons\n\n[[rules]]\nkind = \"usage\"\npercent = 90\n";

    #[test]
    fn each_toggle_lands_in_the_file_and_keeps_the_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        std::fs::write(&path, FILE).unwrap();
        persist(&path, &Setting::Notifications(false), "linux", &[]).unwrap();
        persist(&path, &Setting::RuleEnabled { index: 0, on: false }, "linux", &[]).unwrap();
        persist(&path, &Setting::Language(Lang::SimplifiedChinese), "linux", &[]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("notifications = false # balloons") && text.contains("# mine"), "{text}");
        let config = Config::parse("memsweep.toml", &text).unwrap();
        assert!(!config.tray.notifications);
        assert!(!config.rules[0].get_ref().enabled());
        assert_eq!(config.language, Language::SimplifiedChinese);
        // a rule that is not there: refused, the file untouched
        let error = persist(&path, &Setting::RuleEnabled { index: 3, on: true }, "linux", &[]).unwrap_err();
        assert!(error.contains("there is no rule 4"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn without_a_file_the_defaults_are_written_with_the_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("memsweep.toml");
        persist(&path, &Setting::Notifications(false), "linux", &[]).unwrap();
        let config = Config::parse("memsweep.toml", &std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(!config.tray.notifications);
    }
}
