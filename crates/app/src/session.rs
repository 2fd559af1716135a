//! One session of a front end: the backend, the config read once (with its warnings), the areas
//! of this machine, the history file, the default selection and the language. The CLI opens one
//! per command, the tray one per run; every command asks it instead of loading things itself.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use memsweep_core::config::{Config, Language};
use memsweep_core::{AreaStatus, Backend, CleanRequest, ExitStatus, Plan, Selection};
use memsweep_i18n::Lang;

use crate::config_file::{self, Source};
use crate::{history_file, Failure};

/// The backend as every front end holds it: shared with worker threads.
pub type SharedBackend = Arc<dyn Backend + Send + Sync>;

/// What the user chose on the command line.
#[derive(Clone, Debug, Default)]
pub struct SessionOptions {
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--lang`.
    pub lang: Option<String>,
    /// `--control`: the service's endpoint, if not the platform's.
    pub control: Option<PathBuf>,
}

pub struct Session {
    backend: SharedBackend,
    options: SessionOptions,
    lang: Lang,
    /// The file read and parsed at open (the language is in it); checked on first use.
    loaded: Result<(Source, Config), Failure>,
    areas: OnceLock<Vec<AreaStatus>>,
    /// The check against this OS's areas: the warnings, or why the config is refused.
    checked: OnceLock<Result<Vec<String>, Failure>>,
}

impl Session {
    /// Reads the config and chooses the language (`--lang`, else the config's, else the OS's).
    /// Only a bad `--lang` fails here; a broken config fails the commands that need it, so
    /// `status` and `areas` still work beside one.
    pub fn open(options: SessionOptions, backend: SharedBackend) -> Result<Session, Failure> {
        let loaded = config_file::read(options.config.as_deref()).and_then(|source| {
            let config = source.parse()?;
            Ok((source, config))
        });
        let configured = loaded.as_ref().ok().and_then(|(_, config)| language_tag(config.language));
        let lang = Lang::choose(options.lang.as_deref(), configured)
            .map_err(|e| Failure::new(ExitStatus::Usage, format!("--lang: {e}")))?;
        Ok(Session { backend, options, lang, loaded, areas: OnceLock::new(), checked: OnceLock::new() })
    }

    pub fn backend(&self) -> &(dyn Backend + Send + Sync) {
        &*self.backend
    }

    pub fn shared_backend(&self) -> SharedBackend {
        Arc::clone(&self.backend)
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every area of this OS with its support here, probed once.
    pub fn areas(&self) -> &[AreaStatus] {
        self.areas.get_or_init(|| self.backend.areas())
    }

    /// The service's control endpoint (`--control`, `MEMSWEEP_CONTROL`, else the platform's).
    pub fn endpoint(&self) -> PathBuf {
        crate::control::endpoint(self.options.control.as_deref())
    }

    /// What the session was opened with (a daemon reopens it on reload).
    pub fn options(&self) -> &SessionOptions {
        &self.options
    }

    /// `--config`, if given.
    pub fn explicit_config(&self) -> Option<&Path> {
        self.options.config.as_deref()
    }

    /// Where the config is (whether or not a file is there).
    pub fn config_path(&self) -> PathBuf {
        match &self.loaded {
            Ok((source, _)) => source.path.clone(),
            Err(_) => config_file::path(self.explicit_config()),
        }
    }

    /// The checked config; a broken one is this command's failure (exit 78).
    pub fn config(&self) -> Result<&Config, Failure> {
        let (source, config) = self.loaded.as_ref().map_err(Clone::clone)?;
        let checked = self.checked.get_or_init(|| source.check(config, self.backend.os(), self.areas()));
        checked.as_ref().map_err(Clone::clone)?;
        Ok(config)
    }

    /// Things in the config that will not work here (not errors).
    pub fn warnings(&self) -> Result<&[String], Failure> {
        self.config()?;
        Ok(self.checked.get().and_then(|c| c.as_ref().ok()).map_or(&[], Vec::as_slice))
    }

    /// Whether a config file exists (else the defaults apply).
    pub fn has_config_file(&self) -> bool {
        matches!(&self.loaded, Ok((source, _)) if source.text.is_some())
    }

    pub fn history_path(&self) -> Result<PathBuf, Failure> {
        Ok(history_file::path(self.config()?))
    }

    /// What a plain clean runs: the config's `[clean] areas`, else the OS's default set.
    pub fn default_selection(&self) -> Result<Selection, Failure> {
        Ok(self.config()?.default_selection())
    }

    /// What every clean of this session asks besides its plan: the config's `[clean] exclude`
    /// (Windows' `working-sets` keeps those processes' working sets).
    pub fn clean_request(&self) -> Result<CleanRequest, Failure> {
        Ok(CleanRequest { exclude: self.config()?.clean.exclude.clone(), ..Default::default() })
    }

    /// The plan of a selection on this machine.
    pub fn plan(&self, selection: &Selection) -> Result<Plan, Failure> {
        Ok(Plan::build(self.areas(), selection)?)
    }
}

/// The config's language as `--lang` would spell it; `None` for "auto".
fn language_tag(language: Language) -> Option<&'static str> {
    (language != Language::Auto).then(|| language.as_str())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use memsweep_core::{
        Area, AreaEffect, AreaError, BackendError, CleanRequest, NeedPrivilege, ProcessInfo, Snapshot, Stage, Support,
    };

    use super::*;

    /// Counts how often the areas are probed.
    #[derive(Default)]
    struct Probed(std::sync::atomic::AtomicUsize);

    impl Backend for Probed {
        fn os(&self) -> &'static str {
            "linux"
        }
        fn snapshot(&self) -> Result<Snapshot, BackendError> {
            Err(BackendError::Unsupported("test".into()))
        }
        fn areas(&self) -> Vec<AreaStatus> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let area = |id, default_on| AreaStatus {
                area: Area { default_on, ..Area::new(id, Stage::Purge) },
                support: Support::Supported,
            };
            vec![area("page-cache", true), area("slab", false)]
        }
        fn check_privilege(&self) -> Result<(), NeedPrivilege> {
            Ok(())
        }
        fn processes(&self) -> Result<Vec<ProcessInfo>, BackendError> {
            Ok(Vec::new())
        }
        fn clean(&self, _: &Area, _: &CleanRequest) -> Result<AreaEffect, AreaError> {
            Ok(AreaEffect::default())
        }
    }

    fn open(text: &str, lang: Option<&str>) -> (tempfile::TempDir, Arc<Probed>, Result<Session, Failure>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memsweep.toml");
        std::fs::write(&path, text).unwrap();
        let backend = Arc::new(Probed::default());
        let options = SessionOptions { config: Some(path), lang: lang.map(String::from), control: None };
        let session = Session::open(options, backend.clone());
        (dir, backend, session)
    }

    #[test]
    fn the_config_is_read_once_and_answers_everything() {
        let (dir, probed, session) =
            open("language = \"zh-CN\"\n[clean]\nareas = [\"slab\"]\n[history]\npath = \"/h/x.jsonl\"\n", None);
        let session = session.unwrap();
        assert_eq!(session.lang(), Lang::SimplifiedChinese);
        assert_eq!(session.default_selection().unwrap(), Selection::Ids(vec!["slab".into()]));
        assert_eq!(session.history_path().unwrap(), PathBuf::from("/h/x.jsonl"));
        assert_eq!(session.plan(&Selection::Defaults).unwrap().ids(), ["page-cache"]);
        assert!(session.clean_request().unwrap().exclude.is_empty());
        assert!(session.has_config_file());
        assert_eq!(session.config_path(), dir.path().join("memsweep.toml"));
        assert_eq!(probed.0.load(std::sync::atomic::Ordering::SeqCst), 1, "areas probed once");
    }

    #[test]
    fn automatic_cleans_carry_the_configs_exclusions() {
        let (_dir, _, session) = open("[clean]\nexclude = [\"game.exe\", 'C:\\DAW\\daw.exe']\n", None);
        let request = session.unwrap().clean_request().unwrap();
        assert_eq!(request.exclude, ["game.exe", r"C:\DAW\daw.exe"]);
        assert!(request.targets.is_empty() && !request.all_processes);
    }

    #[test]
    fn every_language_of_the_config_is_the_one_chosen() {
        for lang in Lang::ALL {
            let (_dir, _, session) = open(&format!("language = \"{}\"\n", lang.tag()), None);
            assert_eq!(session.unwrap().lang(), lang, "{}", lang.tag());
        }
    }

    #[test]
    fn lang_beats_the_config_and_a_bad_lang_is_a_usage_error() {
        let (_dir, _, session) = open("language = \"zh-CN\"\n", Some("en"));
        assert_eq!(session.unwrap().lang(), Lang::English);
        let (_dir, _, session) = open("", Some("xx"));
        let failure = session.err().unwrap();
        assert_eq!(failure.status, ExitStatus::Usage);
        assert!(failure.to_string().starts_with("--lang: unknown language 'xx'"), "{failure}");
    }

    #[test]
    fn a_broken_config_fails_only_what_needs_it() {
        let (_dir, _, session) = open("[clean]\nareas = [\"bogus\"]\n", None);
        let session = session.unwrap();
        assert_eq!(session.areas().len(), 2);
        let failure = session.config().unwrap_err();
        assert_eq!(failure.status, ExitStatus::Config);
        assert!(failure.to_string().contains("unknown area 'bogus'"), "{failure}");
        assert_eq!(session.history_path().unwrap_err(), failure);
        let (_dir, _, session) = open("nonsense = [", None);
        assert_eq!(session.unwrap().config().unwrap_err().status, ExitStatus::Config);
    }
}
