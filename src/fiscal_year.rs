//! Fiscal years (年度): parsing what clerks write, and showing it per language.
//!
//! A Japanese fiscal year runs from 1 April to 31 March and is named by the calendar year in
//! which it starts. Records may name it in the Gregorian calendar (`2023`) or by era
//! (`"R5"`, `"令和5年度"`, `"H27"`, `"平成27年度"`); kyodo stores the Gregorian year.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::i18n::Lang;
use crate::msg;
use crate::msg::Msg;

/// Earliest and latest fiscal year kyodo accepts. Plans older than 1900 or beyond 2100 are
/// almost certainly typing mistakes.
const MIN_YEAR: i64 = 1900;
const MAX_YEAR: i64 = 2100;

/// A Japanese era, with the Gregorian year of its first fiscal year (元年) minus one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Gregorian year = offset + era year.
    fn offset(self) -> i64 {
        match self {
            Era::Showa => 1925,
            Era::Heisei => 1988,
            Era::Reiwa => 2018,
        }
    }

    /// The last era year that names a fiscal year of this era.
    fn last_year(self) -> i64 {
        match self {
            Era::Showa => 63,
            // 平成31年度 (FY2019) is still written by some offices; it equals 令和元年度.
            Era::Heisei => 31,
            Era::Reiwa => MAX_YEAR - 2018,
        }
    }

    fn kanji(self) -> &'static str {
        match self {
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    fn letter(self) -> &'static str {
        match self {
            Era::Showa => "S",
            Era::Heisei => "H",
            Era::Reiwa => "R",
        }
    }

    /// The era a fiscal year is named in on pages.
    fn of(year: i64) -> Option<Era> {
        match year {
            2019.. => Some(Era::Reiwa),
            1989..=2018 => Some(Era::Heisei),
            1926..=1988 => Some(Era::Showa),
            _ => None,
        }
    }
}

/// A fiscal year, stored as the Gregorian year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(i64);

/// Why a text is not a fiscal year; the message says what to write instead, after a
/// line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalYearError(pub Msg);

/// How to write a fiscal year, for every message that refuses one.
fn how_to_write() -> Msg {
    msg!(
        ja: "年度は 2023、\"R5\"、\"令和5年度\"、\"H27\"、\"平成27年度\" のように書いてください。",
        en: "write a fiscal year as 2023, \"R5\", \"令和5年度\", \"H27\" or \"平成27年度\"",
    )
}

/// "… is not a fiscal year", with how to write one.
fn not_a_fiscal_year(written: &str) -> FiscalYearError {
    FiscalYearError(msg!(
        ja: "\"{written}\" は年度として読めません。\n{how}",
        en: "\"{written}\" is not a fiscal year\n{how}",
        how = how_to_write(),
    ))
}

impl FiscalYear {
    /// A fiscal year from its Gregorian starting year, if within the accepted range.
    pub fn from_gregorian(year: i64) -> Result<FiscalYear, FiscalYearError> {
        if (MIN_YEAR..=MAX_YEAR).contains(&year) {
            Ok(FiscalYear(year))
        } else {
            Err(FiscalYearError(msg!(
                ja: "{year}年度は、扱える範囲（{MIN_YEAR}～{MAX_YEAR}年度）の外です。\n{how}",
                en: "fiscal year {year} is out of range ({MIN_YEAR}–{MAX_YEAR})\n{how}",
                how = how_to_write(),
            )))
        }
    }

    /// Parses what a clerk writes: `2023`, `FY2023`, `R5`, `令和5年度`, `令和元年`, `H27`,
    /// `平成27年度`. Full-width digits and letters and surrounding spaces are accepted.
    pub fn parse(input: &str) -> Result<FiscalYear, FiscalYearError> {
        let normal: String = input.trim().chars().map(crate::width::narrow).collect();
        let normal = normal.trim();
        let bad = || not_a_fiscal_year(input.trim());
        let without_suffix = normal.strip_suffix("年度").or_else(|| normal.strip_suffix('年')).unwrap_or(normal).trim();

        let eras =
            [(Era::Reiwa, ["令和", "R", "r"]), (Era::Heisei, ["平成", "H", "h"]), (Era::Showa, ["昭和", "S", "s"])];
        for (era, prefixes) in eras {
            for prefix in prefixes {
                if let Some(rest) = without_suffix.strip_prefix(prefix) {
                    let rest = rest.trim();
                    let n = if rest == "元" { 1 } else { parse_digits(rest).ok_or_else(bad)? };
                    if n < 1 || n > era.last_year() {
                        let (kanji, last) = (era.kanji(), era.last_year());
                        return Err(FiscalYearError(msg!(
                            ja: "{kanji}{n}年度はありません（{kanji}の年度は1～{last}です）。\n{how}",
                            en: "{kanji}{n} is not a year of the {kanji} era (1–{last})\n{how}",
                            how = how_to_write(),
                        )));
                    }
                    return FiscalYear::from_gregorian(era.offset() + n);
                }
            }
        }
        let digits = without_suffix
            .strip_prefix("FY")
            .or_else(|| without_suffix.strip_prefix("fy"))
            .unwrap_or(without_suffix)
            .trim();
        if digits.len() == 4
            && let Some(year) = parse_digits(digits)
        {
            return FiscalYear::from_gregorian(year);
        }
        Err(bad())
    }

    /// The Gregorian year in which the fiscal year starts.
    pub fn year(self) -> i64 {
        self.0
    }

    /// The short era form used in yearly-plan headers and data files: `R5`, `H27`.
    pub fn era_short(self) -> String {
        match Era::of(self.0) {
            Some(era) => format!("{}{}", era.letter(), self.0 - era.offset()),
            None => self.0.to_string(),
        }
    }

    /// The era name alone: 令和5年度, 令和元年度, 平成27年度.
    pub fn era_ja(self) -> String {
        match Era::of(self.0) {
            Some(era) => {
                let n = self.0 - era.offset();
                if n == 1 { format!("{}元年度", era.kanji()) } else { format!("{}{}年度", era.kanji(), n) }
            }
            None => format!("{}年度", self.0),
        }
    }

    /// The form shown on pages: 令和5年度（2023年度） in Japanese, FY2023 in English.
    pub fn display(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => match Era::of(self.0) {
                Some(_) => format!("{}（{}年度）", self.era_ja(), self.0),
                None => format!("{}年度", self.0),
            },
            Lang::En => format!("FY{}", self.0),
        }
    }

    /// The fiscal year in a message: 令和5年度（2023年度） in Japanese, FY2023 in English.
    pub fn named(self) -> Msg {
        msg!(ja: "{ja}", en: "{en}", ja = self.display(Lang::Ja), en = self.display(Lang::En))
    }

    /// A compact form for table headers: R5 in Japanese, FY2023 in English.
    pub fn short(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.era_short(),
            Lang::En => format!("FY{}", self.0),
        }
    }
}

fn parse_digits(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FY{}", self.0)
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct YearVisitor;
        impl Visitor<'_> for YearVisitor {
            type Value = FiscalYear;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a fiscal year such as 2023, \"R5\" or \"令和5年度\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FiscalYear, E> {
                FiscalYear::from_gregorian(v).map_err(|e| E::custom(e.0.pack()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FiscalYear, E> {
                FiscalYear::from_gregorian(i64::try_from(v).unwrap_or(i64::MAX)).map_err(|e| E::custom(e.0.pack()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FiscalYear, E> {
                Err(E::custom(not_a_fiscal_year(&v.to_string()).0.pack()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FiscalYear, E> {
                FiscalYear::parse(v).map_err(|e| E::custom(e.0.pack()))
            }
        }
        deserializer.deserialize_any(YearVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_written_form() {
        let cases = [
            ("2023", 2023),
            ("FY2023", 2023),
            ("R5", 2023),
            ("r5", 2023),
            ("令和5年度", 2023),
            ("令和5年", 2023),
            ("令和5", 2023),
            ("令和元年度", 2019),
            ("R1", 2019),
            ("R2", 2020),
            ("R8", 2026),
            ("H27", 2015),
            ("平成27年度", 2015),
            ("平成31年度", 2019),
            ("平成元年度", 1989),
            ("S63", 1988),
            ("令和５年度", 2023),
            ("Ｒ５", 2023),
            ("２０２３", 2023),
            ("  R5  ", 2023),
            ("令和 5 年度", 2023),
        ];
        for (input, year) in cases {
            assert_eq!(FiscalYear::parse(input).map(FiscalYear::year), Ok(year), "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_fiscal_year() {
        for input in ["", "R", "R0", "H32", "令和", "5", "20233", "R5.5", "2023-04", "Y2023", "1800"] {
            let err = FiscalYear::parse(input).unwrap_err().0;
            assert!(err.get(Lang::En).contains("write a fiscal year as"), "{input}: {err:?}");
            assert!(err.get(Lang::Ja).contains("のように書いてください"), "{input}: {err:?}");
        }
    }

    #[test]
    fn shows_era_and_gregorian_in_japanese_and_fy_in_english() {
        let cases = [
            (2023, "令和5年度（2023年度）", "FY2023", "R5"),
            (2019, "令和元年度（2019年度）", "FY2019", "R1"),
            (2015, "平成27年度（2015年度）", "FY2015", "H27"),
            (1989, "平成元年度（1989年度）", "FY1989", "H1"),
            (1988, "昭和63年度（1988年度）", "FY1988", "S63"),
            (1920, "1920年度", "FY1920", "1920"),
        ];
        for (year, ja, en, short) in cases {
            let fy = FiscalYear::from_gregorian(year).unwrap();
            assert_eq!(fy.display(Lang::Ja), ja);
            assert_eq!(fy.display(Lang::En), en);
            assert_eq!(fy.era_short(), short);
        }
    }
}
