//! Languages and the words of the interface.
//!
//! [`Lang`] is a language kyodo builds pages in; [`UiStrings`] the words a theme puts
//! around the content (headings, labels, notes), one typed field per key, read from the
//! theme's `i18n/<lang>.toml`. A theme that lacks a key, or has one kyodo does not know,
//! fails to load with a message naming the file and the key.

mod strings;

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer};

pub use strings::UiStrings;

/// A language kyodo builds pages in.
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

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        match s.trim() {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            other => Err(de::Error::custom(format!("unknown language \"{other}\"\nwrite \"ja\" or \"en\""))),
        }
    }
}
