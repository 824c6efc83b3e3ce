//! Ids: the slugs that name projects, departments and other vocabulary entries.
//!
//! Ids appear in URLs and file names, so they are restricted to lower-case ASCII letters,
//! digits and `-`. That keeps every output path inside `public/`.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer};

use crate::msg::Msg;

/// Longest id accepted, so output file names stay well within file-system limits.
const MAX_LEN: usize = 64;

/// A validated id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Checks that `s` is a valid id.
    pub fn parse(s: &str) -> Result<Slug, Msg> {
        let valid_chars = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if s.is_empty() {
            return Err(crate::msg!(
                ja: "IDが空です。\n半角の小文字、数字と - で書いてください（例: \"1-1-1\"）。",
                en: "an id cannot be empty\nwrite lower-case letters, digits and -, e.g. \"1-1-1\"",
            ));
        }
        if !valid_chars || s.starts_with('-') || s.len() > MAX_LEN {
            return Err(crate::msg!(
                ja: "\"{s}\" はIDとして使えません。\nIDは半角の小文字、数字と - だけで{MAX_LEN}文字までで書き、- で始めないでください（例: \"1-1-1\"、\"shimin-katsudo\"）。",
                en: "\"{s}\" is not a valid id\nan id has at most {MAX_LEN} lower-case ASCII letters, digits and -, and does not start with -, e.g. \"1-1-1\" or \"shimin-katsudo\"",
            ));
        }
        Ok(Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Slug::parse(s.trim()).map_err(|m| de::Error::custom(m.pack()))
    }
}

/// Compares ids so that numbered parts sort by number: `1-3-2` before `1-3-10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<(u64, String)> {
        s.split('-')
            .map(|p| match p.parse::<u64>() {
                Ok(n) => (n, String::new()),
                Err(_) => (u64::MAX, p.to_owned()),
            })
            .collect()
    };
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_refuses_paths() {
        for ok in ["1-1-1", "shimin-katsudo", "a", "x9"] {
            assert!(Slug::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "../etc", "a/b", "A", "-a", "市民", "a b", "a.b", &"a".repeat(65)] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbered_ids_sort_by_number() {
        let mut ids = vec!["1-3-10", "1-3-2", "2-1-1", "1-10-1", "1-3-1"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["1-3-1", "1-3-2", "1-3-10", "1-10-1", "2-1-1"]);
    }
}
