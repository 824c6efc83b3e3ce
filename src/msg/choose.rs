//! Which language kyodo speaks: `--lang`, else `KYODO_LANG`, else the locale.
//!
//! The locale is `LC_ALL`, `LC_MESSAGES` or `LANG`, the first that is set (as on every
//! Unix); without any, the system's own setting: the user's display language on Windows,
//! the preferred language on macOS (from the `sys-locale` crate). Japanese when it says
//! Japanese (`ja`, `ja_JP`, `ja_JP.UTF-8`, `ja-JP`, `Japanese_Japan.932` …), English
//! otherwise.

use super::{Lang, Msg};

/// The language chosen, and a note when a setting was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    /// Says that `KYODO_LANG` holds something else than ja or en, and was passed over.
    pub note: Option<Msg>,
}

/// The environment variable that chooses the language when `--lang` is not given.
pub const ENV_VAR: &str = "KYODO_LANG";

/// Chooses the language from `--lang` (`flag`), the environment (`var`) and, when no
/// locale variable is set, the system's language (`system`, asked only then). Pure, so
/// that it is tested without touching the real environment.
pub fn choose(
    flag: Option<&str>,
    var: impl Fn(&str) -> Option<String>,
    system: impl FnOnce() -> Option<String>,
) -> Choice {
    if let Some(lang) = flag.and_then(parse_code) {
        return Choice { lang, note: None };
    }
    let mut note = None;
    if let Some(value) = var(ENV_VAR).filter(|v| !v.trim().is_empty()) {
        match parse_code(&value) {
            Some(lang) => return Choice { lang, note: None },
            None => {
                // Debug quotes the value and escapes control characters.
                note = Some(crate::msg!(
                    ja: "{ENV_VAR} には ja（日本語）か en（英語）を指定してください。{ENV_VAR}={value:?} は使えないため、無視しました。",
                    en: "{ENV_VAR}={value:?} is neither ja nor en, and was ignored",
                ));
            }
        }
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|name| var(name).filter(|v| !v.trim().is_empty()));
    let japanese = match locale {
        Some(locale) => is_japanese_locale(&locale),
        None => system().is_some_and(|l| is_japanese_locale(&l)),
    };
    Choice { lang: if japanese { Lang::Ja } else { Lang::En }, note }
}

/// The language the real environment chooses, with `--lang` given as `flag`.
pub fn from_environment(flag: Option<&str>) -> Choice {
    choose(flag, |name| std::env::var(name).ok(), sys_locale::get_locale)
}

/// `ja` or `en` as `--lang` and `KYODO_LANG` take them (any case, spaces around).
pub fn parse_code(value: &str) -> Option<Lang> {
    match value.trim().to_ascii_lowercase().as_str() {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Whether a locale name says Japanese: POSIX (`ja_JP.UTF-8`, `ja_JP@…`), BCP 47
/// (`ja-JP`) or Windows (`Japanese_Japan.932`).
pub fn is_japanese_locale(locale: &str) -> bool {
    let l = locale.trim().to_ascii_lowercase();
    let language = l.split(['_', '-', '.', '@']).next().unwrap_or("");
    language == "ja" || language == "japanese"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The choice for `--lang`, an environment given as pairs, and the system language.
    fn chosen(flag: Option<&str>, env: &[(&str, &str)], system: Option<&str>) -> Lang {
        let var = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned());
        choose(flag, var, || system.map(str::to_owned)).lang
    }

    #[test]
    fn the_flag_then_the_variable_then_the_locale_then_the_system_decide() {
        use Lang::{En, Ja};
        type Case<'a> = (Option<&'a str>, &'a [(&'a str, &'a str)], Option<&'a str>, Lang);
        let cases: &[Case] = &[
            (None, &[], None, En),
            (None, &[], Some("ja-JP"), Ja),
            (None, &[], Some("en-US"), En),
            (None, &[("LANG", "ja_JP.UTF-8")], None, Ja),
            (None, &[("LANG", "ja")], Some("en-US"), Ja),
            (None, &[("LANG", "ja_JP")], None, Ja),
            (None, &[("LANG", "ja_JP.eucJP")], None, Ja),
            (None, &[("LANG", "C.UTF-8")], Some("ja-JP"), En),
            (None, &[("LANG", "")], Some("ja-JP"), Ja),
            (None, &[("LANG", "jam_JM")], None, En),
            (None, &[("LANG", "Japanese_Japan.932")], None, Ja),
            (None, &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ja_JP.UTF-8")], None, Ja),
            (None, &[("LANG", "ja_JP.UTF-8"), ("LC_MESSAGES", "C")], None, En),
            (None, &[("LC_ALL", "ja_JP.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")], None, Ja),
            (None, &[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")], None, En),
            (None, &[("KYODO_LANG", "ja"), ("LANG", "en_US.UTF-8")], None, Ja),
            (None, &[("KYODO_LANG", " EN "), ("LC_ALL", "ja_JP.UTF-8")], None, En),
            (None, &[("KYODO_LANG", "fr"), ("LANG", "ja_JP.UTF-8")], None, Ja),
            (Some("en"), &[("KYODO_LANG", "ja"), ("LANG", "ja_JP.UTF-8")], Some("ja-JP"), En),
            (Some("ja"), &[("LANG", "C")], None, Ja),
            (Some("xx"), &[("KYODO_LANG", "ja")], None, Ja),
        ];
        for (flag, env, system, want) in cases {
            assert_eq!(chosen(*flag, env, *system), *want, "--lang {flag:?}, {env:?}, system {system:?}");
        }
    }

    #[test]
    fn the_system_is_asked_only_without_a_locale_and_a_bad_variable_is_named() {
        let asked = std::cell::Cell::new(false);
        let env = |name: &str| (name == "LANG").then(|| "en_US.UTF-8".to_owned());
        choose(None, env, || {
            asked.set(true);
            None
        });
        assert!(!asked.get());
        let choice = choose(None, |name| (name == ENV_VAR).then(|| "fr".to_owned()), || None);
        assert_eq!(choice.lang, Lang::En);
        let note = choice.note.expect("a note");
        assert_eq!(note.get(Lang::En), "KYODO_LANG=\"fr\" is neither ja nor en, and was ignored");
    }
}
