//! The language of the command line, chosen once at start, and printing in it.
//!
//! The language is process-wide, as a locale is: it is set in `main` before the command
//! line is even parsed, because the help texts of the options are in it.

use std::sync::OnceLock;

use kyodo::msg::{Lang, Msg};

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the interface language; the first call wins.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The interface language (English until it is set).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// A message in the interface language, as clap's attributes take it.
pub fn tr(m: Msg) -> String {
    m.get(lang()).to_owned()
}

/// Prints a line on stderr in the interface language.
pub fn say(m: &Msg) {
    eprintln!("{}", m.get(lang()));
}

/// Prints an error: `error: …` and `= help: …` in English, `エラー: …` and `直し方: …` in
/// Japanese.
pub fn error(what: &Msg, help: Option<&Msg>) {
    match (lang(), help) {
        (Lang::En, None) => eprintln!("error: {}", what.get(Lang::En)),
        (Lang::En, Some(h)) => eprintln!("error: {}\n  = help: {}", what.get(Lang::En), h.get(Lang::En)),
        (Lang::Ja, None) => eprintln!("エラー: {}", what.get(Lang::Ja)),
        (Lang::Ja, Some(h)) => eprintln!("エラー: {}\n  直し方: {}", what.get(Lang::Ja), h.get(Lang::Ja)),
    }
}

/// Prints a warning: `warning: …` in English, `警告: …` in Japanese.
pub fn warning(what: &Msg) {
    match lang() {
        Lang::En => eprintln!("warning: {}", what.get(Lang::En)),
        Lang::Ja => eprintln!("警告: {}", what.get(Lang::Ja)),
    }
}

/// Prints an error whose message may carry its advice after a line break.
pub fn error_with_help(message: Msg) {
    let (what, help) = message.split_help();
    error(&what, help.as_ref());
}

/// Prints diagnostics in the interface language.
pub fn diagnostics(d: &kyodo::Diagnostics) {
    eprintln!("{}", d.render(lang()));
}
