//! The translation checks. A speaker correcting a translation runs them with
//! `cargo test -p memsweep-i18n`; each failure names the language file and the message ids.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// The variables (`{ $name }`) a message uses: in its text, in selectors, in every variant of a
/// select expression, and in arguments of function calls.
type Placeholders = BTreeSet<String>;

/// Every message of a language's file in order, with its placeholders; or where the file is
/// not valid Fluent (the line and what the parser expected there).
fn messages_of(lang: Lang) -> Result<Vec<(String, Placeholders)>, String> {
    let source = lang.source();
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        let line = |at: usize| source[..at.min(source.len())].lines().count().max(1);
        let errors: Vec<String> = errors.iter().map(|e| format!("line {}: {}", line(e.pos.start), e.kind)).collect();
        format!("locales/{}.ftl is not valid Fluent: {}", lang.tag(), errors.join("; "))
    })?;
    let mut messages = Vec::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut found = Placeholders::new();
            if let Some(value) = &message.value {
                pattern_placeholders(value, &mut found);
            }
            for attribute in &message.attributes {
                pattern_placeholders(&attribute.value, &mut found);
            }
            messages.push((message.id.name.to_string(), found));
        }
    }
    Ok(messages)
}

fn pattern_placeholders(pattern: &ast::Pattern<&str>, found: &mut Placeholders) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_placeholders(expression, found);
        }
    }
}

fn expression_placeholders(expression: &ast::Expression<&str>, found: &mut Placeholders) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_placeholders(selector, found);
            for variant in variants {
                pattern_placeholders(&variant.value, found);
            }
        }
        ast::Expression::Inline(inline) => inline_placeholders(inline, found),
    }
}

fn inline_placeholders(inline: &ast::InlineExpression<&str>, found: &mut Placeholders) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_placeholders(expression, found),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for argument in &arguments.positional {
                inline_placeholders(argument, found);
            }
            for argument in &arguments.named {
                inline_placeholders(&argument.value, found);
            }
        }
        _ => {}
    }
}

/// English's messages: the reference every translation is held to.
fn english() -> BTreeMap<String, Placeholders> {
    messages_of(Lang::English).unwrap_or_else(|e| panic!("{e}")).into_iter().collect()
}

#[test]
fn every_language_has_every_message_once() {
    let english = english();
    assert!(english.len() > 300, "en.ftl lost messages: {}", english.len());
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let messages = match messages_of(lang) {
            Ok(messages) => messages,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let mut seen = BTreeSet::new();
        let twice: Vec<_> = messages.iter().filter(|(id, _)| !seen.insert(id.clone())).map(|(id, _)| id).collect();
        if !twice.is_empty() {
            problems.push(format!("locales/{}.ftl defines these ids twice: {twice:?}", lang.tag()));
        }
        let missing: Vec<_> = english.keys().filter(|id| !seen.contains(*id)).collect();
        if !missing.is_empty() {
            problems.push(format!("locales/{}.ftl lacks these ids of en.ftl: {missing:?}", lang.tag()));
        }
        let extra: Vec<_> = seen.iter().filter(|id| !english.contains_key(*id)).collect();
        if !extra.is_empty() {
            problems.push(format!("locales/{}.ftl has ids en.ftl does not: {extra:?}", lang.tag()));
        }
        // What the program sees: the bundle knows every id (nothing was dropped as junk).
        let bundle = Messages::new(lang);
        let lost: Vec<_> = english.keys().filter(|id| seen.contains(*id) && !bundle.has(id)).collect();
        if !lost.is_empty() {
            problems.push(format!("locales/{}.ftl: the bundle lacks {lost:?}", lang.tag()));
        }
        assert_eq!(ids(lang).len(), messages.len(), "{}: ids() and the parser disagree", lang.tag());
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_message_has_the_placeholders_of_english() {
    let english = english();
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let messages = match messages_of(lang) {
            Ok(messages) => messages,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        for (id, found) in messages {
            let Some(expected) = english.get(&id) else { continue };
            if &found != expected {
                problems.push(format!(
                    "locales/{}.ftl {id}: placeholders {:?}, en.ftl has {:?}",
                    lang.tag(),
                    found.iter().map(|p| format!("{{ ${p} }}")).collect::<Vec<_>>(),
                    expected.iter().map(|p| format!("{{ ${p} }}")).collect::<Vec<_>>(),
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_message_formats_with_sample_arguments() {
    let english = english();
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let messages = Messages::new(lang);
        for (id, placeholders) in &english {
            // Numbers pick every kind of variant (0, one, few, many, other); a text picks the
            // default one, which must show every argument.
            let numbers = [0.0, 1.0, 2.0, 5.0, 21.0, 1.5].map(Arg::Number);
            let texts: Vec<String> = placeholders.iter().map(|p| format!("‹{p}›")).collect();
            let mut samples: Vec<Vec<(&str, Arg<'_>)>> =
                numbers.iter().map(|n| placeholders.iter().map(|p| (p.as_str(), *n)).collect()).collect();
            samples.push(placeholders.iter().zip(&texts).map(|(p, t)| (p.as_str(), Arg::Text(t))).collect());
            for (i, args) in samples.iter().enumerate() {
                let Some((text, errors)) = messages.format(id, args) else {
                    problems.push(format!("locales/{}.ftl {id}: missing", lang.tag()));
                    break;
                };
                if !errors.is_empty() {
                    problems.push(format!("locales/{}.ftl {id} with {args:?}: {errors:?}", lang.tag()));
                    break;
                }
                if text.trim().is_empty() {
                    problems.push(format!("locales/{}.ftl {id}: formats to nothing", lang.tag()));
                }
                let text_sample = i == samples.len() - 1;
                if text_sample {
                    for shown in texts.iter().filter(|t| !text.contains(t.as_str())) {
                        problems.push(format!("locales/{}.ftl {id}: does not show {shown} in {text:?}", lang.tag()));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn arguments_are_filled_without_isolation_marks() {
    for lang in Lang::ALL {
        let text = Messages::new(lang).get(
            "report-tally",
            &[
                ("done", Arg::Number(4.0)),
                ("skipped", Arg::Number(0.0)),
                ("unsupported", Arg::Number(1.0)),
                ("failed", Arg::Number(0.0)),
                ("time", Arg::Text("390 ms")),
            ],
        );
        assert!(text.contains('4') && text.contains("390 ms"), "{}: {text}", lang.tag());
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'), "{}: {text:?}", lang.tag());
    }
}

#[test]
fn tags_name_their_files_and_parse_as_language_ids() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.tag()), Some(lang));
        assert_eq!(Lang::from_locale(lang.tag()), Some(lang), "{}", lang.tag());
        let id: LanguageIdentifier = lang.tag().parse().unwrap_or_else(|e| panic!("{}: {e}", lang.tag()));
        assert_eq!(id.to_string(), lang.tag());
    }
    let tags: BTreeSet<_> = Lang::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(tags.len(), Lang::ALL.len());
}

#[test]
fn chinese_locales_map_by_script_then_region() {
    for simplified in
        ["zh_CN.UTF-8", "zh-CN", "zh", "zh-Hans", "zh-Hans-CN", "zh_SG.UTF-8", "zh-Hans-HK", "zh_CN.GB18030"]
    {
        assert_eq!(Lang::from_locale(simplified), Some(Lang::SimplifiedChinese), "{simplified}");
    }
    for traditional in
        ["zh_TW.UTF-8", "zh-TW", "zh_HK.UTF-8", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "zh_TW.Big5"]
    {
        assert_eq!(Lang::from_locale(traditional), Some(Lang::TraditionalChinese), "{traditional}");
    }
}

#[test]
fn each_language_maps_from_its_locales() {
    let cases = [
        (Lang::Japanese, &["ja_JP.UTF-8", "ja-JP", "ja", "ja_JP.eucJP"][..]),
        (Lang::Korean, &["ko_KR.UTF-8", "ko-KR", "ko"]),
        (Lang::Russian, &["ru_RU.UTF-8", "ru-RU", "ru", "ru_UA.UTF-8", "ru_RU.KOI8-R"]),
        (Lang::German, &["de_DE.UTF-8", "de-DE", "de", "de_AT.UTF-8", "de_CH.UTF-8", "de_DE@euro"]),
        (Lang::French, &["fr_FR.UTF-8", "fr-FR", "fr", "fr_CA.UTF-8", "fr_BE@euro"]),
        (Lang::Spanish, &["es_ES.UTF-8", "es-ES", "es", "es_MX.UTF-8", "es-419", "es_AR"]),
        (Lang::BrazilianPortuguese, &["pt_BR.UTF-8", "pt-BR", "pt", "pt.UTF-8"]),
        (Lang::English, &["en_US.UTF-8", "en-GB", "en", "it_IT.UTF-8", "pl-PL", "pt_PT.UTF-8", "nl_NL", "sv"]),
    ];
    for (lang, locales) in cases {
        for locale in locales {
            assert_eq!(Lang::from_locale(locale), Some(lang), "{locale}");
        }
    }
    for none in ["", "C", "C.UTF-8", "POSIX"] {
        assert_eq!(Lang::from_locale(none), None, "{none:?}");
    }
}

#[test]
fn the_choice_takes_every_code_in_any_case() {
    assert_eq!(Lang::choose(Some("zh-CN"), Some("en")), Ok(Lang::SimplifiedChinese));
    assert_eq!(Lang::choose(None, Some("en")), Ok(Lang::English));
    assert_eq!(Lang::choose(Some("auto"), Some("ja")), Ok(Lang::Japanese));
    assert_eq!(Lang::choose(Some("AUTO"), Some("")), Ok(Lang::from_os()));
    let spellings = [
        (Lang::English, &["en", "EN"][..]),
        (Lang::SimplifiedChinese, &["zh-CN", "zh-cn", "zh_CN", "zh", "zh-Hans"]),
        (Lang::TraditionalChinese, &["zh-TW", "zh-tw", "ZH_TW", "zh-Hant"]),
        (Lang::Japanese, &["ja", "JA"]),
        (Lang::Korean, &["ko", "Ko"]),
        (Lang::Russian, &["ru", "RU"]),
        (Lang::German, &["de", "DE"]),
        (Lang::French, &["fr", "FR"]),
        (Lang::Spanish, &["es", "ES"]),
        (Lang::BrazilianPortuguese, &["pt-BR", "pt-br", "pt_BR", "pt"]),
    ];
    for (lang, codes) in spellings {
        for code in codes {
            assert_eq!(Lang::choose(Some(code), Some("en")), Ok(lang), "{code}");
            assert_eq!(Lang::choose(None, Some(code)), Ok(lang), "{code}");
        }
    }
    let error = Lang::choose(Some("it"), None).unwrap_err();
    assert_eq!(error, "unknown language 'it' (use en, zh-CN, zh-TW, ja, ko, ru, de, fr, es, pt-BR or auto)");
    for wrong in ["pt-PT", "zh-HK", "de-DE", "english"] {
        assert!(Lang::choose(Some(wrong), None).is_err(), "{wrong}");
    }
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

#[test]
fn the_pseudo_locale_is_chosen_only_by_its_tag() {
    assert_eq!(Lang::choose(Some("qps-ploc"), Some("zh-CN")), Ok(Lang::Pseudo));
    assert!(!Lang::ALL.contains(&Lang::Pseudo), "never offered to users");
}
