//! Translatable text: Japanese, optionally with English.
//!
//! Every text field of a record is either a plain string (Japanese) or a table
//! `{ ja = "…", en = "…" }`. A page in a language that the text lacks falls back to the
//! Japanese, and the page marks it as such.

use std::fmt;

use serde::Serialize;

use crate::i18n::Lang;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// What separates two levels of an indicator where they are written in one text per
/// language (`未実施 < 実施 < 充実`): a spreadsheet's cell, the editor's box, the indicator
/// dictionary.
pub const LEVEL_SEPARATOR: &str = " < ";

/// Levels joined into one text per language, as a sheet's cells and the editor's boxes
/// show them.
pub fn join_levels<'a>(levels: impl Iterator<Item = &'a Text> + Clone) -> (String, String) {
    let ja: Vec<&str> = levels.clone().map(|l| l.ja.as_str()).collect();
    let en: Vec<&str> = levels.map(|l| l.en.as_deref().unwrap_or("")).collect();
    let en = if en.iter().all(|e| e.is_empty()) { String::new() } else { en.join(LEVEL_SEPARATOR) };
    (ja.join(LEVEL_SEPARATOR), en)
}

/// Levels from one text per language, the inverse of [`join_levels`]: empty places are left out
/// of the Japanese, and an English place matches the Japanese one at its position.
pub fn split_levels(ja: &str, en: &str) -> Vec<Text> {
    let parts = |s: &str| s.split('<').map(|p| p.trim().to_owned()).collect::<Vec<String>>();
    let en = if en.trim().is_empty() { Vec::new() } else { parts(en) };
    parts(ja)
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| Text { ja: l, en: en.get(i).filter(|e| !e.is_empty()).cloned() })
        .collect()
}

/// A text in Japanese, optionally with its English translation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    pub ja: String,
    pub en: Option<String>,
}

/// A text picked for one page language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub value: &'a str,
    /// The language the value is in; differs from the page language when the
    /// translation is missing.
    pub lang: Lang,
}

impl Text {
    /// A Japanese-only text.
    pub fn ja(s: impl Into<String>) -> Text {
        Text { ja: s.into(), en: None }
    }

    /// The text for a page in `lang`, falling back to Japanese.
    ///
    /// A text without any Japanese script (`"%"`, `"Facebook"`, `"A"`) reads the same in
    /// every language, so it needs no translation and is not marked as Japanese.
    pub fn get(&self, lang: Lang) -> Localized<'_> {
        match lang {
            Lang::En => match &self.en {
                Some(en) if !en.trim().is_empty() => Localized { value: en, lang: Lang::En },
                _ if !has_japanese_script(&self.ja) => Localized { value: &self.ja, lang: Lang::En },
                _ => Localized { value: &self.ja, lang: Lang::Ja },
            },
            Lang::Ja => Localized { value: &self.ja, lang: Lang::Ja },
        }
    }

    /// Whether the text has a non-empty translation into `lang`.
    pub fn has(&self, lang: Lang) -> bool {
        self.get(lang).lang == lang
    }
}

/// Whether a text contains kana, kanji or full-width forms, i.e. needs translating.
pub fn has_japanese_script(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32,
            0x3005..=0x3007 | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF |
            0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF10..=0xFF5A | 0xFF66..=0xFF9F)
    })
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: \"…\" (Japanese) or { ja = \"…\", en = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::ja(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut ja = None;
                let mut en = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "ja" => ja = Some(map.next_value::<String>()?),
                        "en" => en = Some(map.next_value::<String>()?),
                        other => {
                            let message = crate::msg!(
                                ja: "言語のキー `{other}` は使えません。\n`ja` と `en` だけを使って、{{ ja = \"…\", en = \"…\" }} の形で書いてください。",
                                en: "unknown language key `{other}`\na text table takes only `ja` and `en`: {{ ja = \"…\", en = \"…\" }}",
                            );
                            return Err(de::Error::custom(message.pack()));
                        }
                    }
                }
                let ja = ja.ok_or_else(|| {
                    let message = crate::msg!(
                        ja: "`ja` がありません。\n日本語も書いてください。どの項目にも日本語が必要です: {{ ja = \"…\", en = \"…\" }}",
                        en: "missing `ja`\nevery text needs its Japanese: {{ ja = \"…\", en = \"…\" }}",
                    );
                    de::Error::custom(message.pack())
                })?;
                Ok(Text { ja, en })
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_japanese() {
        let t = Text::ja("実施");
        assert_eq!(t.get(Lang::En), Localized { value: "実施", lang: Lang::Ja });
        let t = Text { ja: "実施".into(), en: Some("  ".into()) };
        assert_eq!(t.get(Lang::En).lang, Lang::Ja);
        let t = Text::ja("%");
        assert_eq!(t.get(Lang::En), Localized { value: "%", lang: Lang::En }, "symbols need no translation");
        let t = Text::ja("Facebook 登録件数");
        assert_eq!(t.get(Lang::En).lang, Lang::Ja);
        let t = Text { ja: "実施".into(), en: Some("Done".into()) };
        assert_eq!(t.get(Lang::En), Localized { value: "Done", lang: Lang::En });
        assert_eq!(t.get(Lang::Ja).value, "実施");
    }
}
