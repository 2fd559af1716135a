//! memsweep's user-facing text, one Fluent file per language (locales/*.ftl), chosen from the
//! OS (LC_ALL / LC_MESSAGES / LANG on Linux, the user's UI language on Windows), the config, or
//! `--lang`. JSON output never goes through here: it is the same in every language.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The languages memsweep speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    English,
    SimplifiedChinese,
    /// A test language, not offered anywhere: English with every message 40% longer, its letters
    /// accented and the whole in brackets (`[Çléåñ ñóŵ ~~~~]`), so that layouts can be checked
    /// for text that does not fit and for text that was not translated (it has no brackets).
    /// Reachable only as `--lang qps-ploc` (Windows' own pseudo-locale tag).
    Pseudo,
}

impl Lang {
    /// The languages a user can choose (the pseudo-locale is not one).
    pub const ALL: [Lang; 2] = [Lang::English, Lang::SimplifiedChinese];

    pub fn tag(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::SimplifiedChinese => "zh-CN",
            Lang::Pseudo => PSEUDO_TAG,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::English | Lang::Pseudo => include_str!("../locales/en.ftl"),
            Lang::SimplifiedChinese => include_str!("../locales/zh-CN.ftl"),
        }
    }

    /// "zh_CN.UTF-8", "zh-Hans", "zh-CN", "en_US" ... -> a language memsweep has. Chinese in any
    /// Simplified form (and plain "zh") is zh-CN; everything else is English.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let base = locale.split(['.', '@']).next().unwrap_or("").replace('_', "-").to_ascii_lowercase();
        if base.is_empty() || base == "c" || base == "posix" {
            return None;
        }
        if base == "zh" || base.starts_with("zh-cn") || base.starts_with("zh-hans") || base.starts_with("zh-sg") {
            Some(Lang::SimplifiedChinese)
        } else {
            Some(Lang::English)
        }
    }

    /// The OS's language.
    pub fn from_os() -> Lang {
        os_locale().and_then(|l| Lang::from_locale(&l)).unwrap_or(Lang::English)
    }

    /// `--lang` beats the config, which beats the OS ("auto" or empty = the OS).
    pub fn choose(cli: Option<&str>, config: Option<&str>) -> Result<Lang, String> {
        for choice in [cli, config].into_iter().flatten() {
            match choice {
                "" | "auto" => continue,
                "en" => return Ok(Lang::English),
                "zh-CN" | "zh" => return Ok(Lang::SimplifiedChinese),
                PSEUDO_TAG => return Ok(Lang::Pseudo),
                other => return Err(format!("unknown language '{other}' (use en, zh-CN or auto)")),
            }
        }
        Ok(Lang::from_os())
    }
}

#[cfg(not(windows))]
fn os_locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|v| std::env::var(v).ok()).find(|v| !v.is_empty())
}

#[cfg(windows)]
fn os_locale() -> Option<String> {
    use windows_sys::Win32::Globalization::{GetUserDefaultUILanguage, LCIDToLocaleName};
    let mut name = [0u16; 85];
    // SAFETY: the buffer and its length in characters; both calls only write into it.
    let len =
        unsafe { LCIDToLocaleName(u32::from(GetUserDefaultUILanguage()), name.as_mut_ptr(), name.len() as i32, 0) };
    (len > 1).then(|| String::from_utf16_lossy(&name[..len as usize - 1]))
}

/// The pseudo-locale's tag (Windows calls its padded test locale qps-ploc).
pub const PSEUDO_TAG: &str = "qps-ploc";

/// The pseudo-locale's form of an English text: accented letters, 40% longer (rounded up), in
/// brackets. The padding is tildes broken by a space every eight, so that wrapped text can
/// still wrap; `&` (a mnemonic), digits, punctuation and line breaks are kept.
pub fn pseudo(text: &str) -> String {
    const PLAIN: &str = "aceinouyACEINOUY";
    const ACCENTED: [char; 16] = ['á', 'ç', 'é', 'í', 'ñ', 'ó', 'ú', 'ý', 'Å', 'Ç', 'É', 'Í', 'Ñ', 'Ó', 'Ú', 'Ý'];
    let length = text.chars().count();
    let padding = (length * 2).div_ceil(5);
    let mut out = String::with_capacity(text.len() * 2 + padding + 2);
    out.push('[');
    out.extend(text.chars().map(|c| PLAIN.find(c).map_or(c, |i| ACCENTED[i])));
    for i in 0..padding {
        out.push(if i % 8 == 0 { ' ' } else { '~' });
    }
    out.push(']');
    out
}

/// The messages of one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(partial, _)| partial);
        // The pseudo-locale is English underneath (its plural rules too).
        let tag = if lang == Lang::Pseudo { "en" } else { lang.tag() };
        let id: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Fluent wraps arguments in Unicode isolation marks by default; terminals show them as
        // stray characters, and our arguments are sizes and ids, not right-to-left text.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        Messages { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id` with `args`; the id itself when the message is missing (a test makes
    /// sure none is).
    pub fn get(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.to_string()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if self.lang == Lang::Pseudo {
            pseudo(&text)
        } else {
            text.into_owned()
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// A message argument.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(f64),
}

static CURRENT: OnceLock<Messages> = OnceLock::new();

/// Chooses the language for this process, once; later calls keep the first choice.
pub fn init(lang: Lang) {
    let _ = CURRENT.set(Messages::new(lang));
}

/// The messages of this process (English until `init`).
pub fn current() -> &'static Messages {
    CURRENT.get_or_init(|| Messages::new(Lang::English))
}

/// The message `id` in the current language.
pub fn tr(id: &str) -> String {
    current().get(id, &[])
}

/// The message `id` with arguments, in the current language.
pub fn tr_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    current().get(id, args)
}

/// Every message id of a language's file, for the completeness test.
pub fn ids(lang: Lang) -> Vec<String> {
    lang.source()
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_language() {
        let english = ids(Lang::English);
        let chinese = ids(Lang::SimplifiedChinese);
        assert!(english.len() > 20);
        let missing_zh: Vec<_> = english.iter().filter(|id| !chinese.contains(id)).collect();
        let missing_en: Vec<_> = chinese.iter().filter(|id| !english.contains(id)).collect();
        assert!(missing_zh.is_empty(), "in en.ftl but not zh-CN.ftl: {missing_zh:?}");
        assert!(missing_en.is_empty(), "in zh-CN.ftl but not en.ftl: {missing_en:?}");
        for lang in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            let twice: Vec<_> = ids(lang).into_iter().filter(|id| !seen.insert(id.clone())).collect();
            assert!(twice.is_empty(), "{} defines these ids twice: {twice:?}", lang.tag());
            let messages = Messages::new(lang);
            for id in ids(lang) {
                assert!(messages.has(&id), "{} {id} does not parse", lang.tag());
            }
        }
    }

    #[test]
    fn arguments_are_filled_without_isolation_marks() {
        let zh = Messages::new(Lang::SimplifiedChinese);
        let text = zh.get(
            "report-tally",
            &[
                ("done", Arg::Number(4.0)),
                ("skipped", Arg::Number(0.0)),
                ("unsupported", Arg::Number(1.0)),
                ("failed", Arg::Number(0.0)),
                ("time", Arg::Text("390 ms")),
            ],
        );
        assert!(text.contains('4') && text.contains("390 ms"), "{text}");
        assert!(!text.contains('\u{2068}'));
    }

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::English));
        assert_eq!(Lang::from_locale("de_DE"), Some(Lang::English));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::choose(Some("zh-CN"), Some("en")), Ok(Lang::SimplifiedChinese));
        assert_eq!(Lang::choose(None, Some("en")), Ok(Lang::English));
        assert!(Lang::choose(Some("fr"), None).is_err());
        assert_eq!(Lang::choose(Some("qps-ploc"), Some("zh-CN")), Ok(Lang::Pseudo));
        assert!(!Lang::ALL.contains(&Lang::Pseudo), "never offered to users");
    }

    #[test]
    fn the_pseudo_locale_is_english_forty_percent_longer_in_brackets() {
        assert_eq!(pseudo("Clean now"), "[Çléáñ ñów ~~~]");
        assert_eq!(pseudo("&OK"), "[&ÓK ~]", "mnemonics survive");
        let plain_letter = |c: char| match c {
            'á' => 'a',
            'ç' => 'c',
            'é' => 'e',
            'í' => 'i',
            'ñ' => 'n',
            'ó' => 'o',
            'ú' => 'u',
            'ý' => 'y',
            'Å' => 'A',
            'Ç' => 'C',
            'É' => 'E',
            'Í' => 'I',
            'Ñ' => 'N',
            'Ó' => 'O',
            'Ú' => 'U',
            'Ý' => 'Y',
            c => c,
        };
        let english = Messages::new(Lang::English);
        let padded = Messages::new(Lang::Pseudo);
        assert_eq!(padded.lang(), Lang::Pseudo);
        for id in ids(Lang::English) {
            let (plain, long) = (english.get(&id, &[]), padded.get(&id, &[]));
            let n = plain.chars().count();
            let padding = (n * 2).div_ceil(5);
            assert_eq!(long.chars().count(), n + padding + 2, "{id}: {long}");
            let inner: String = long.chars().skip(1).take(n).collect();
            assert!(long.starts_with('[') && long.ends_with(']'), "{id}: {long}");
            // the same text underneath: only letters are accented
            assert_eq!(inner.chars().map(plain_letter).collect::<String>(), plain, "{id}");
        }
        // arguments are filled in before the text is padded
        let risky = padded.get("tray-risky", &[("area", Arg::Text("standby-list"))]);
        assert!(risky.starts_with("[stáñdbý-líst (ríský)"), "{risky}");
        assert_eq!(Lang::Pseudo.tag(), "qps-ploc");
    }
}
