//! What kyodo says to the clerk, in Japanese and in English.
//!
//! Every message, help text and progress line is a [`Msg`]: both languages, made together
//! with the [`msg!`](crate::msg!) macro, so that a message without its Japanese (or its
//! English) does not compile. Nothing is looked up by id at run time, so nothing can fall
//! back to the other language without a word. A message is shown in one language only
//! where it is printed, in the language the clerk chose ([`choose`]).
//!
//! ```
//! # use kyodo::msg;
//! let id = "1-1-2";
//! let m = msg!(ja: "{id}.toml が見つかりません。", en: "{id}.toml not found");
//! ```
//!
//! A piece that is itself a `Msg` is put into another with a named argument, and shows in
//! the language of the whole: `msg!(ja: "{what}を…", en: "… {what}", what = department)`.

mod choose;

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

pub use choose::{Choice, choose, from_environment};

/// A language: of a page (kyodo builds every page in each), and of what kyodo says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// All languages, Japanese first: the language every text must have.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 code, used in `lang`, `hreflang` and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A message in Japanese and English. Made with [`msg!`](crate::msg!); shown with
/// [`Msg::get`] in the language of the interface.
///
/// It has no `Display`: printing a message means choosing its language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Msg {
    ja: String,
    en: String,
}

impl Msg {
    /// Both languages, already formatted: for [`msg!`](crate::msg!) only, which makes
    /// sure that both are written.
    #[doc(hidden)]
    pub fn from_parts(ja: String, en: String) -> Msg {
        Msg { ja, en }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// Changes the text of each language alike (indenting, escaping …).
    pub fn map(self, f: impl Fn(Lang, String) -> String) -> Msg {
        Msg { ja: f(Lang::Ja, self.ja), en: f(Lang::En, self.en) }
    }

    /// Splits a message of the form "what is wrong\nwhat to do" at its first line break,
    /// in each language. Both languages have the same parts: a message whose Japanese has
    /// advice and English has not (or the other way round) is a mistake in kyodo.
    pub fn split_help(self) -> (Msg, Option<Msg>) {
        let (ja, ja_help) = split_at_line_break(&self.ja);
        let (en, en_help) = split_at_line_break(&self.en);
        debug_assert_eq!(ja_help.is_some(), en_help.is_some(), "one language has advice, the other not: {self:?}");
        let help = match (ja_help, en_help) {
            (None, None) => None,
            (ja, en) => Some(Msg { ja: ja.unwrap_or_default(), en: en.unwrap_or_default() }),
        };
        (Msg { ja, en }, help)
    }

    /// The message and its advice on one line: joined by "; " in English, one sentence
    /// after the other in Japanese.
    pub fn one_line(self) -> Msg {
        Msg { ja: self.ja.replace('\n', ""), en: self.en.replace('\n', "; ") }
    }

    /// The message as one string that passes through a library's error type (serde's
    /// `Error::custom`) and is taken apart again by [`Msg::unpack`].
    pub fn pack(&self) -> String {
        format!("{PACKED}{}{PACKED_SEPARATOR}{}", self.ja, self.en)
    }

    /// A message packed by [`Msg::pack`]; `None` for any other text (a library's own).
    pub fn unpack(packed: &str) -> Option<Msg> {
        let (ja, en) = packed.strip_prefix(PACKED)?.split_once(PACKED_SEPARATOR)?;
        Some(Msg { ja: ja.to_owned(), en: en.to_owned() })
    }
}

/// Marks a packed message, and separates its two languages: characters of Unicode's
/// private use area, which no message holds.
const PACKED: char = '\u{F8F0}';
const PACKED_SEPARATOR: char = '\u{F8F1}';

fn split_at_line_break(text: &str) -> (String, Option<String>) {
    match text.split_once('\n') {
        Some((m, h)) => (m.trim().to_owned(), Some(h.trim().to_owned())),
        None => (text.trim().to_owned(), None),
    }
}

/// Messages sort by their English, then their Japanese: the same order whichever language
/// they are shown in.
impl Ord for Msg {
    fn cmp(&self, other: &Msg) -> std::cmp::Ordering {
        (&self.en, &self.ja).cmp(&(&other.en, &other.ja))
    }
}

impl PartialOrd for Msg {
    fn partial_cmp(&self, other: &Msg) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A value put into a message: a [`Msg`] shows in the message's language, anything else
/// as it displays (a path, a number, an id).
pub trait InLang {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str>;
}

impl<T: fmt::Display + ?Sized> InLang for T {
    fn in_lang(&self, _: Lang) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl InLang for Msg {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.get(lang))
    }
}

impl InLang for &Msg {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.get(lang))
    }
}

/// A message in both languages: `msg!(ja: "…", en: "…")`, each a format string that may
/// name variables in scope (`{path}`), followed by named values (`, what = expr`), which
/// may be [`Msg`]s themselves and then show in each language's own words. Japanese comes
/// first; both are required.
#[macro_export]
macro_rules! msg {
    (ja: $ja:literal, en: $en:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        // `what = what` is the usual way to put a piece in: not a redundant binding.
        $(#[allow(clippy::redundant_locals)] let $name = $value;)*
        $crate::msg::Msg::from_parts(
            {
                $(#[allow(unused_variables)] let $name = $crate::msg::InLang::in_lang(&$name, $crate::msg::Lang::Ja);)*
                ::std::format!($ja)
            },
            {
                $(#[allow(unused_variables)] let $name = $crate::msg::InLang::in_lang(&$name, $crate::msg::Lang::En);)*
                ::std::format!($en)
            },
        )
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_are_made_together_and_pieces_follow_the_language() {
        let id = "1-1-2";
        let what = msg!(ja: "課", en: "department");
        let m = msg!(ja: "{what}「{id}」はありません。", en: "unknown {what} \"{id}\"", what = what);
        assert_eq!(m.get(Lang::Ja), "課「1-1-2」はありません。");
        assert_eq!(m.get(Lang::En), "unknown department \"1-1-2\"");
        let n = msg!(ja: "{n}件", en: "{n} files", n = 3 + 4);
        assert_eq!((n.get(Lang::Ja), n.get(Lang::En)), ("7件", "7 files"));
    }

    #[test]
    fn help_is_split_off_in_both_languages() {
        let (m, help) = msg!(ja: "内容\n直し方", en: "what\nhow").split_help();
        assert_eq!((m.get(Lang::Ja), m.get(Lang::En)), ("内容", "what"));
        let help = help.expect("help");
        assert_eq!((help.get(Lang::Ja), help.get(Lang::En)), ("直し方", "how"));
        assert_eq!(msg!(ja: "だけ", en: "only").split_help().1, None);
    }

    #[test]
    fn a_packed_message_comes_back_whole_and_other_text_does_not() {
        let m = msg!(ja: "年度ではありません。\n2023 と書いてください。", en: "not a year\nwrite 2023");
        assert_eq!(Msg::unpack(&m.pack()), Some(m));
        assert_eq!(Msg::unpack("invalid type: string"), None);
    }
}
