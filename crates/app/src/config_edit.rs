//! The one way memsweep writes its config: edits applied to the file's own text (toml_edit), so
//! the user's comments, order and formatting stay, checked like any config before they are
//! written, and written atomically. The settings window, the trays' toggles and anything else
//! that changes a setting go through here; `memsweep watch`, the tray and the service read the
//! result on reload.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use memsweep_core::config::{Config, DEFAULT_FILE};
use memsweep_core::{AreaStatus, ExitStatus};
use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::Failure;

#[derive(Clone)]
pub struct ConfigEditor {
    path: PathBuf,
    document: DocumentMut,
}

fn config_failure(path: &Path, message: impl std::fmt::Display) -> Failure {
    Failure::new(ExitStatus::Config, format!("{}: {message}", path.display()))
}

impl ConfigEditor {
    /// The file at `path`, or the commented defaults where there is none yet.
    pub fn open(path: &Path) -> Result<ConfigEditor, Failure> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => DEFAULT_FILE.to_string(),
            Err(e) => return Err(config_failure(path, e)),
        };
        let document = text.parse::<DocumentMut>().map_err(|e| config_failure(path, e.to_string().trim()))?;
        Ok(ConfigEditor { path: path.to_path_buf(), document })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text as it would be written.
    pub fn text(&self) -> String {
        self.document.to_string()
    }

    fn table(&mut self, name: Option<&str>) -> &mut Table {
        let root = self.document.as_table_mut();
        let Some(name) = name else { return root };
        if !root.get(name).is_some_and(Item::is_table) {
            root.insert(name, Item::Table(Table::new()));
        }
        root.get_mut(name).and_then(Item::as_table_mut).expect("a table was just put there")
    }

    /// Sets `key` of `[table]` (`None`: the top level), keeping the comment around an existing
    /// value; a new key is appended to its table.
    pub fn set(&mut self, table: Option<&str>, key: &str, value: impl Into<Value>) {
        let mut value = value.into();
        let table = self.table(table);
        match table.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            None => {
                table.insert(key, Item::Value(value));
            }
        }
    }

    /// Sets `key` to a list of strings.
    pub fn set_strings(&mut self, table: Option<&str>, key: &str, values: &[String]) {
        let array: Array = values.iter().map(String::as_str).collect();
        self.set(table, key, array);
    }

    /// Removes `key` of `[table]` (its default applies again).
    pub fn remove(&mut self, table: Option<&str>, key: &str) {
        self.table(table).remove(key);
    }

    /// Switches rule number `index` (from 0, in file order) on or off.
    pub fn set_rule_enabled(&mut self, index: usize, on: bool) -> Result<(), Failure> {
        let rule = self
            .document
            .get_mut("rules")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|rules| rules.get_mut(index))
            .ok_or_else(|| config_failure(&self.path, format!("there is no rule {}", index + 1)))?;
        match rule.get_mut("enabled").and_then(Item::as_value_mut) {
            Some(old) => {
                let mut value = Value::from(on);
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            None => {
                rule.insert("enabled", toml_edit::value(on));
            }
        }
        Ok(())
    }

    /// The index (from 0, in file order) of the first rule of `kind`.
    pub fn rule_index(&self, kind: &str) -> Option<usize> {
        let rules = self.document.get("rules")?.as_array_of_tables()?;
        rules.iter().position(|rule| rule.get("kind").and_then(Item::as_str) == Some(kind))
    }

    /// Sets `key` of the first rule of `kind`, in place (the comment around an old value stays).
    /// Where there is no rule of that kind, a `[[rules]]` table of it is appended after the last
    /// rule (or at the end of the file), `kind` first. Rules written as an inline array
    /// (`rules = [{ ... }]`) are left alone: the edit is refused.
    pub fn set_rule_key(&mut self, kind: &str, key: &str, value: impl Into<Value>) -> Result<(), Failure> {
        let mut value = value.into();
        let inline = || config_failure(&self.path, "rules is an inline array; only [[rules]] tables are edited here");
        let root = self.document.as_table_mut();
        if root.get("rules").is_some_and(|item| !item.is_array_of_tables()) {
            return Err(inline());
        }
        let rules = root
            .entry("rules")
            .or_insert_with(|| Item::ArrayOfTables(toml_edit::ArrayOfTables::new()))
            .as_array_of_tables_mut()
            .ok_or_else(inline)?;
        let existing = rules.iter().position(|rule| rule.get("kind").and_then(Item::as_str) == Some(kind));
        let index = match existing {
            Some(index) => index,
            None => {
                let mut rule = Table::new();
                rule.decor_mut().set_prefix("\n");
                // Right after the last rule: the same position sorts it after that one (the
                // order is stable) and before whatever table followed the rules.
                if let Some(position) = rules.iter().filter_map(Table::position).max() {
                    rule.set_position(position);
                }
                rule.insert("kind", toml_edit::value(kind));
                rules.push(rule);
                rules.len() - 1
            }
        };
        let rule = rules.get_mut(index).expect("the index was just found or made");
        match rule.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            None => {
                rule.insert(key, Item::Value(value));
            }
        }
        Ok(())
    }

    /// The config the edited text makes, checked against this OS's areas: a value the rest of
    /// memsweep would refuse is refused here, with the same located message.
    pub fn check(&self, os: &str, areas: &[AreaStatus]) -> Result<Config, Failure> {
        let text = self.text();
        let shown = self.path.display().to_string();
        let config = Config::parse(&shown, &text).map_err(|e| Failure::new(ExitStatus::Config, e.to_string()))?;
        config.check(&shown, &text, os, areas).map_err(|e| Failure::new(ExitStatus::Config, e.to_string()))?;
        Ok(config)
    }

    /// Checks, then writes the file whole: a temporary file beside it, renamed over it, so no
    /// reader ever sees half a config. An existing file's permissions are kept.
    pub fn save(&self, os: &str, areas: &[AreaStatus]) -> Result<Config, Failure> {
        let config = self.check(os, areas)?;
        let write = || -> std::io::Result<()> {
            if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let name =
                self.path.file_name().map_or_else(|| "memsweep.toml".into(), |n| n.to_string_lossy().into_owned());
            let temporary = self.path.with_file_name(format!(".{name}.new"));
            std::fs::write(&temporary, self.text())?;
            if let Ok(existing) = std::fs::metadata(&self.path) {
                std::fs::set_permissions(&temporary, existing.permissions())?;
            }
            std::fs::rename(&temporary, &self.path)
        };
        write().map_err(|e| Failure::new(ExitStatus::Error, format!("{}: {e}", self.path.display())))?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::config::{ClickAction, Language};
    use memsweep_core::{Area, Stage, Support};

    use super::*;

    const USER_FILE: &str = "# my memsweep\nlanguage = \"en\"   # I read English\n\n[tray]\n# colours I like\nwarning_percent = 75.0\n\n[[rules]]\n# the big one\nkind = \"usage\"\npercent = 90\n\n[[rules]]\nkind = \"interval\"\nminutes = 60\nenabled = true # keep\n";

    fn areas() -> Vec<AreaStatus> {
        vec![AreaStatus {
            area: Area { default_on: true, ..Area::new("page-cache", Stage::Purge) },
            support: Support::Supported,
        }]
    }

    fn changed_lines(before: &str, after: &str) -> Vec<String> {
        let old: Vec<&str> = before.lines().collect();
        after.lines().filter(|l| !old.contains(l)).map(String::from).collect()
    }

    #[test]
    fn edits_keep_every_comment_and_touch_only_their_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        std::fs::write(&path, USER_FILE).unwrap();
        let mut editor = ConfigEditor::open(&path).unwrap();
        editor.set(None, "language", "zh-CN");
        editor.set(Some("tray"), "left_click", "clean");
        editor.set_rule_enabled(1, false).unwrap();
        let config = editor.save("linux", &areas()).unwrap();
        assert_eq!(config.language, Language::SimplifiedChinese);
        assert_eq!(config.tray.left_click, ClickAction::Clean);
        assert!(!config.rules[1].get_ref().enabled() && config.rules[0].get_ref().enabled());
        let written = std::fs::read_to_string(&path).unwrap();
        for comment in ["# my memsweep", "# I read English", "# colours I like", "# the big one", "# keep"] {
            assert!(written.contains(comment), "{comment} lost:\n{written}");
        }
        assert_eq!(
            changed_lines(USER_FILE, &written),
            ["language = \"zh-CN\"   # I read English", "left_click = \"clean\"", "enabled = false # keep"],
            "{written}"
        );
    }

    #[test]
    fn a_bad_value_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        std::fs::write(&path, USER_FILE).unwrap();
        let mut editor = ConfigEditor::open(&path).unwrap();
        editor.set(Some("tray"), "hotkey", "Ctrl+Alt+F99");
        let failure = editor.save("linux", &areas()).unwrap_err();
        assert_eq!(failure.status, ExitStatus::Config);
        assert!(failure.to_string().contains("tray.hotkey: 'F99' is not a key"), "{failure}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), USER_FILE);
        assert!(editor.set_rule_enabled(7, true).is_err());
    }

    #[test]
    fn rules_are_edited_by_kind_in_place_or_appended_after_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        let text = format!("{USER_FILE}\n[history]\n# where\nlog_level = \"info\"\n");
        std::fs::write(&path, &text).unwrap();
        let mut editor = ConfigEditor::open(&path).unwrap();
        assert_eq!((editor.rule_index("usage"), editor.rule_index("interval")), (Some(0), Some(1)));
        assert_eq!(editor.rule_index("pressure"), None);
        editor.set_rule_key("usage", "percent", 85).unwrap();
        editor.set_rule_key("interval", "enabled", false).unwrap();
        editor.set_rule_key("cache-pressure", "cache_mib", 2048).unwrap();
        editor.set_rule_key("cache-pressure", "free_below_mib", 512).unwrap();
        assert_eq!(editor.rule_index("cache-pressure"), Some(2));
        let config = editor.save("linux", &areas()).unwrap();
        assert_eq!(config.rules.len(), 3);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("# the big one\nkind = \"usage\"\npercent = 85\n"), "{written}");
        assert!(written.contains("enabled = false # keep\n"), "{written}");
        // the new rule follows the last one, before [history], and nothing else moved
        let appended = "enabled = false # keep\n\n[[rules]]\nkind = \"cache-pressure\"\ncache_mib = 2048\nfree_below_mib = 512\n\n[history]";
        assert!(written.contains(appended), "{written}");
        assert_eq!(changed_lines(&text, &written).len(), 5, "{written}"); // [[rules]] was there already
                                                                          // a file without rules gets them at its end
        let mut fresh = ConfigEditor::open(&dir.path().join("none.toml")).unwrap();
        fresh.set_rule_key("interval", "minutes", 30).unwrap();
        let config = fresh.check("linux", &areas()).unwrap();
        assert_eq!(config.rules.len(), 1);
        assert!(fresh.text().ends_with("\n[[rules]]\nkind = \"interval\"\nminutes = 30\n"), "{}", fresh.text());
        // rules written inline are not rewritten
        std::fs::write(&path, "rules = [{ kind = \"usage\", percent = 90 }]\n").unwrap();
        let mut inline = ConfigEditor::open(&path).unwrap();
        assert!(inline.set_rule_key("usage", "percent", 80).is_err());
        assert_eq!(inline.rule_index("usage"), None);
    }

    #[test]
    fn without_a_file_the_commented_defaults_are_edited() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("memsweep.toml");
        let mut editor = ConfigEditor::open(&path).unwrap();
        editor.set(Some("tray"), "notifications", false);
        editor.save("linux", &areas()).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("# memsweep configuration") && written.contains("notifications = false"));
    }
}
