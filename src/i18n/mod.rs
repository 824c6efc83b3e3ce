//! Languages and the words of the interface.
//!
//! [`Lang`] is a language kyodo builds pages in; [`UiStrings`] the words a theme puts
//! around the content (headings, labels, notes), one typed field per key, read from the
//! theme's `i18n/<lang>.toml`. A theme that lacks a key, or has one kyodo does not know,
//! fails to load with a message naming the file and the key.

mod strings;

use serde::de::{self, Deserialize, Deserializer};

pub use strings::UiStrings;

pub use crate::msg::Lang;

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        match s.trim() {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            other => Err(de::Error::custom(
                crate::msg!(
                    ja: "言語「{other}」はありません。\n\"ja\"（日本語）か \"en\"（英語）と書いてください。",
                    en: "unknown language \"{other}\"\nwrite \"ja\" or \"en\"",
                )
                .pack(),
            )),
        }
    }
}
