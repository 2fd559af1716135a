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
    TraditionalChinese,
    Japanese,
    Korean,
    Russian,
    German,
    French,
    Spanish,
    BrazilianPortuguese,
    /// A test language, not offered anywhere: English with every message 40% longer, its letters
    /// accented and the whole in brackets (`[Çléåñ ñóŵ ~~~~]`), so that layouts can be checked
    /// for text that does not fit and for text that was not translated (it has no brackets).
    /// Reachable only as `--lang qps-ploc` (Windows' own pseudo-locale tag).
    Pseudo,
}

impl Lang {
    /// The languages a user can choose (the pseudo-locale is not one).
    pub const ALL: [Lang; 10] = [
        Lang::English,
        Lang::SimplifiedChinese,
        Lang::TraditionalChinese,
        Lang::Japanese,
        Lang::Korean,
        Lang::Russian,
        Lang::German,
        Lang::French,
        Lang::Spanish,
        Lang::BrazilianPortuguese,
    ];

    /// The code `--lang` and the config's `language` take (BCP 47).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::SimplifiedChinese => "zh-CN",
            Lang::TraditionalChinese => "zh-TW",
            Lang::Japanese => "ja",
            Lang::Korean => "ko",
            Lang::Russian => "ru",
            Lang::German => "de",
            Lang::French => "fr",
            Lang::Spanish => "es",
            Lang::BrazilianPortuguese => "pt-BR",
            Lang::Pseudo => PSEUDO_TAG,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::English | Lang::Pseudo => include_str!("../locales/en.ftl"),
            Lang::SimplifiedChinese => include_str!("../locales/zh-CN.ftl"),
            Lang::TraditionalChinese => include_str!("../locales/zh-TW.ftl"),
            Lang::Japanese => include_str!("../locales/ja.ftl"),
            Lang::Korean => include_str!("../locales/ko.ftl"),
            Lang::Russian => include_str!("../locales/ru.ftl"),
            Lang::German => include_str!("../locales/de.ftl"),
            Lang::French => include_str!("../locales/fr.ftl"),
            Lang::Spanish => include_str!("../locales/es.ftl"),
            Lang::BrazilianPortuguese => include_str!("../locales/pt-BR.ftl"),
        }
    }

    /// An OS locale -> a language memsweep has: "zh_TW.UTF-8", "zh-Hant-HK", "ja_JP", "de-AT",
    /// "pt_BR.UTF-8", "en_US" ... Chinese written in Traditional characters (zh-Hant, or
    /// Taiwan, Hong Kong, Macao without a script) is zh-TW, all other Chinese zh-CN; Portuguese
    /// is pt-BR for Brazil and plain "pt"; every other locale is English. `None` for none
    /// (empty, C, POSIX).
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let base = locale.split(['.', '@']).next().unwrap_or("").replace('_', "-").to_ascii_lowercase();
        if base.is_empty() || base == "c" || base == "posix" {
            return None;
        }
        let mut subtags = base.split('-');
        let language = subtags.next().unwrap_or("");
        let rest: Vec<&str> = subtags.collect();
        let has = |tag: &str| rest.contains(&tag);
        Some(match language {
            "zh" if has("hant") => Lang::TraditionalChinese,
            "zh" if has("hans") => Lang::SimplifiedChinese,
            "zh" if has("tw") || has("hk") || has("mo") => Lang::TraditionalChinese,
            "zh" => Lang::SimplifiedChinese,
            "ja" => Lang::Japanese,
            "ko" => Lang::Korean,
            "ru" => Lang::Russian,
            "de" => Lang::German,
            "fr" => Lang::French,
            "es" => Lang::Spanish,
            "pt" if rest.is_empty() || has("br") => Lang::BrazilianPortuguese,
            _ => Lang::English,
        })
    }

    /// A code as `--lang` or the config spells it: the tags of [`Lang::tag`], in any case and
    /// with `_` for `-`, plus "zh" / "zh-Hans" for zh-CN, "zh-Hant" for zh-TW, "pt" for pt-BR.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().replace('_', "-").to_ascii_lowercase();
        Some(match code.as_str() {
            "en" => Lang::English,
            "zh-cn" | "zh" | "zh-hans" => Lang::SimplifiedChinese,
            "zh-tw" | "zh-hant" => Lang::TraditionalChinese,
            "ja" => Lang::Japanese,
            "ko" => Lang::Korean,
            "ru" => Lang::Russian,
            "de" => Lang::German,
            "fr" => Lang::French,
            "es" => Lang::Spanish,
            "pt-br" | "pt" => Lang::BrazilianPortuguese,
            PSEUDO_TAG => Lang::Pseudo,
            _ => return None,
        })
    }

    /// The OS's language.
    pub fn from_os() -> Lang {
        os_locale().and_then(|l| Lang::from_locale(&l)).unwrap_or(Lang::English)
    }

    /// `--lang` beats the config, which beats the OS ("auto" or empty = the OS).
    pub fn choose(cli: Option<&str>, config: Option<&str>) -> Result<Lang, String> {
        for choice in [cli, config].into_iter().flatten() {
            if choice.trim().is_empty() || choice.trim().eq_ignore_ascii_case("auto") {
                continue;
            }
            return Lang::from_code(choice).ok_or_else(|| {
                let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
                format!("unknown language '{choice}' (use {} or auto)", codes.join(", "))
            });
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
        self.format(id, args).map_or_else(|| id.to_string(), |(text, _)| text)
    }

    /// The message `id` with `args` and what went wrong while formatting it (a missing argument,
    /// say); `None` when there is no such message.
    fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<(String, Vec<fluent_bundle::FluentError>)> {
        let pattern = self.bundle.get_message(id).and_then(|m| m.value())?;
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
        let text = if self.lang == Lang::Pseudo { pseudo(&text) } else { text.into_owned() };
        Some((text, errors))
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
mod tests;
