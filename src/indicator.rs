//! Indicator values and the achievement rate.
//!
//! A value is a number or a text, and the record says which: kyodo never reads a number
//! out of a text. The achievement rate is defined only when baseline, target and actual are
//! all numbers.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::i18n::Lang;
use crate::msg;
use crate::msg::Msg;
use crate::text::Text;

/// The most decimal places a number keeps.
const MAX_DECIMALS: u8 = 12;

/// A number written in a record: its value, and how many decimals it was written with,
/// so that `70.0` is shown as `70.0`, not `70`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Number {
    pub value: f64,
    pub decimals: u8,
}

impl Number {
    pub fn new(value: f64) -> Number {
        Number { value, decimals: 0 }
    }

    /// Takes the number of decimals from the number as written in the file (the TOML
    /// literal), and checks that the number is published exactly as written (see
    /// [`Number::check_exact`]). A number written as text (`"１２８"`) already knows its
    /// decimals and was checked when it was read.
    pub fn with_written_form(mut self, written: &str) -> Result<Number, Msg> {
        let written = written.trim();
        if written.starts_with(['"', '\'']) {
            return Ok(self);
        }
        if !written.contains(['e', 'E']) || written.starts_with("0x") {
            let decimals = written.split_once('.').map_or(0, |(_, f)| {
                f.chars().take_while(|c| c.is_ascii_digit() || *c == '_').filter(|c| *c != '_').count()
            });
            self.decimals = u8::try_from(decimals).unwrap_or(u8::MAX).min(MAX_DECIMALS);
        }
        self.check_exact(written)?;
        Ok(self)
    }

    /// Checks that the number as published (on pages and in data, see [`Number::data`])
    /// is the number `written` in the file: an `f64` holds about 15 significant digits,
    /// and a figure in a public report must never be rounded without a word.
    pub fn check_exact(&self, written: &str) -> Result<(), Msg> {
        let published = self.data();
        if self.value.is_finite()
            && canonical_decimal(written).is_some_and(|w| Some(w) == canonical_decimal(&published))
        {
            return Ok(());
        }
        let shown = written.trim().trim_matches(['"', '\'']);
        let became = if !self.value.is_finite() {
            msg!(ja: "大きすぎます", en: "it is too large")
        } else if published.len() <= 40 {
            let page = self.page();
            msg!(ja: "公開すると {page} になってしまいます", en: "it would be published as {page}")
        } else {
            msg!(ja: "公開すると別の数値になってしまいます", en: "it would be published as a different number")
        };
        Err(msg!(
            ja: "数値 {shown} は、書いたとおりには公開できません（{became}）。\n有効数字は15桁まで、小数は{MAX_DECIMALS}桁まで（整数は 9,007,199,254,740,992 まで）にしてください。数値を丸めるか、円ではなく千円や億円のように大きな単位で書いてください。",
            en: "the number {shown} cannot be kept exactly: {became}\nwrite at most 15 significant digits and {MAX_DECIMALS} decimal places (whole numbers up to 9,007,199,254,740,992); round the figure, or give it in a larger unit, e.g. 千円 or 億円 instead of 円",
            became = became,
        ))
    }

    /// The number on a page: commas every three digits, decimals as written.
    pub fn page(&self) -> String {
        group_thousands(&self.data())
    }

    /// The number as written ([`Number::data`]), or in full where that would not read back
    /// as the same value (more than 12 decimals): for files that are read again.
    pub fn exact(&self) -> String {
        let data = self.data();
        if data.parse::<f64>().is_ok_and(|back| back == self.value) { data } else { format!("{}", self.value) }
    }

    /// The number in a data file: no commas, decimals as written.
    pub fn data(&self) -> String {
        if self.decimals == 0 && self.value == self.value.trunc() && self.value.abs() < 1e15 {
            format!("{}", self.value as i64)
        } else if self.decimals > 0 {
            format!("{:.*}", usize::from(self.decimals), self.value)
        } else {
            format!("{}", self.value)
        }
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.value)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::new(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number::new(v as f64))
            }
            // Integers beyond 64 bits are read, and refused by `check_exact` with the
            // record's position, like every other number that cannot be kept exactly.
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Number, E> {
                Ok(Number::new(v as f64))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Number, E> {
                Ok(Number::new(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                if v.is_finite() {
                    Ok(Number::new(v))
                } else {
                    let message = msg!(
                        ja: "有限の数値ではありません。\n128 や 66.1 のような数値を書いてください。",
                        en: "expected a finite number\nwrite a number such as 128 or 66.1",
                    );
                    Err(E::custom(message.pack()))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                number_from_text(v).map_err(|m| E::custom(m.pack()))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// Reads a number that was typed as text but is only a number: full-width digits
/// (`"１２８"`), spaces, thousands separators (`"1,500"`). Anything else — a unit, a word —
/// is not read: kyodo never pulls a number out of free text. Nor is a number that cannot
/// be kept exactly (see [`Number::check_exact`]): it stays a text.
pub fn parse_number_text(v: &str) -> Option<Number> {
    number_from_text(v).ok()
}

/// A number typed as text, or what to write instead.
fn number_from_text(v: &str) -> Result<Number, Msg> {
    let Some(plain) = plain_number_text(v) else {
        return Err(number_in_quotes_message(v));
    };
    let decimals = plain.split_once('.').map_or(0, |(_, f)| u8::try_from(f.len()).unwrap_or(u8::MAX).min(MAX_DECIMALS));
    let number = Number { value: plain.parse().map_err(|_| number_in_quotes_message(v))?, decimals };
    number.check_exact(&plain)?;
    Ok(number)
}

/// The half-width digits of a text that is only a number, without spaces or thousands
/// separators: `"　１，５００．０"` → `"1500.0"`.
fn plain_number_text(v: &str) -> Option<String> {
    let half: String = v
        .chars()
        .map(|c| match c {
            '０'..='９' | '．' | '，' | '－' | '＋' | crate::width::IDEOGRAPHIC_SPACE => crate::width::narrow(c),
            '−' => '-',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let unsigned = half.strip_prefix(['-', '+']).unwrap_or(&half);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let int_ok = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit())
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    (int_ok && frac_ok).then(|| half.replace(',', ""))
}

/// A decimal number written in TOML or as plain digits, reduced to its sign, significant
/// digits and power of ten, so that two ways of writing one number compare equal:
/// `1_500`, `1500.0` and `1.5e3` are all `(false, "15", 2)`; zero is `(false, "", 0)`.
fn canonical_decimal(written: &str) -> Option<(bool, String, i64)> {
    let s: String = written.trim().chars().filter(|c| *c != '_').collect();
    let (negative, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = unsigned.strip_prefix(prefix) {
            let value = i128::from_str_radix(digits, radix).ok()?;
            return canonical_decimal(&format!("{}{value}", if negative { "-" } else { "" }));
        }
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{int}{frac}");
    let significant = digits.trim_start_matches('0');
    let kept = significant.trim_end_matches('0');
    if kept.is_empty() {
        return Some((false, String::new(), 0));
    }
    let power = exponent - i64::try_from(frac.len()).ok()? + i64::try_from(significant.len() - kept.len()).ok()?;
    Some((negative, kept.to_owned(), power))
}

/// The message for a number written as a string, e.g. `value = "150件"`.
fn number_in_quotes_message(v: &str) -> Msg {
    // "1e5" is a number with an exponent, not a number and a unit "e".
    if v.contains(['e', 'E']) && canonical_decimal(v).is_some() {
        let number = v.trim().parse::<f64>().ok().map(Number::new).filter(|n| n.check_exact(v).is_ok());
        return match number {
            Some(n) => {
                let data = n.data();
                msg!(
                    ja: "数値を書く所に、文字 \"{v}\" が書かれています。\n数値は引用符を付けずに、省略せずに書いてください: value = {data}",
                    en: "expected a number, found the text \"{v}\"\nwrite the number in full and without quotes: value = {data}",
                )
            }
            None => msg!(
                ja: "数値を書く所に、文字 \"{v}\" が書かれています。正確には扱えないほど大きいか小さい数値です。\n数値は引用符を付けずに、有効数字15桁までで省略せずに書いてください。大きな額は、円ではなく千円や億円のように大きな単位で書いてください。",
                en: "expected a number, found the text \"{v}\", a number too large or too small to keep exactly\nwrite the number in full and without quotes, with at most 15 significant digits; give a large figure in a larger unit, e.g. 千円 or 億円 instead of 円",
            ),
        };
    }
    let digits: String = v.chars().filter(|c| c.is_ascii_digit() || *c == '.' || ('０'..='９').contains(c)).collect();
    let rest: String =
        v.chars().filter(|c| !(c.is_ascii_digit() || *c == '.' || *c == ',' || ('０'..='９').contains(c))).collect();
    let rest = rest.trim();
    if !digits.is_empty() && !rest.is_empty() {
        let number: String = digits
            .chars()
            .map(|c| match c {
                '０'..='９' => crate::width::narrow(c),
                c => c,
            })
            .collect();
        msg!(
            ja: "数値を書く所に \"{v}\" と書かれています。\nvalue = {number} と書き、「{rest}」は指標の unit（単位）欄に書いてください。文字の値であれば、value の代わりに text = \"{v}\" と書いてください。",
            en: "expected a number, found \"{v}\"\nwrite value = {number} and put \"{rest}\" in the indicator's unit field; if the value is a text, write text = \"{v}\" instead of value",
        )
    } else if !digits.is_empty() {
        msg!(
            ja: "数値を書く所に、文字 \"{v}\" が書かれています。\n数値は引用符やコンマを付けずに書いてください（例: value = 128）。",
            en: "expected a number, found the text \"{v}\"\nwrite the number without quotes or commas, e.g. value = 128",
        )
    } else {
        msg!(
            ja: "数値を書く所に、文字 \"{v}\" が書かれています。\n数値でない値は、value の代わりに text = \"{v}\" と書いてください。",
            en: "expected a number, found the text \"{v}\"\nfor a value that is not a number write text = \"{v}\" instead of value",
        )
    }
}

/// One value of an indicator: a number or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Number),
    Text(Text),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.value),
            Value::Text(_) => None,
        }
    }
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    /// As written in records: `increase` or `decrease`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    /// In Japanese, as in the printed report and the data files: 増加 or 減少.
    pub fn ja(self) -> &'static str {
        match self {
            Direction::Increase => "増加",
            Direction::Decrease => "減少",
        }
    }
}

/// The achievement rate in percent: (actual − baseline) / (target − baseline) × 100.
///
/// 0 at the baseline, 100 at the target; negative when the value moved away from the
/// target. `None` when the target equals the baseline, where no rate is defined.
pub fn achievement_rate(baseline: f64, target: f64, actual: f64) -> Option<f64> {
    let span = target - baseline;
    if span == 0.0 || !span.is_finite() {
        return None;
    }
    let rate = (actual - baseline) / span * 100.0;
    rate.is_finite().then_some(rate)
}

/// Formats a number for pages: commas every three digits.
pub fn format_number(n: f64) -> String {
    group_thousands(&plain_number(n))
}

/// Inserts a comma every three digits of the integer part of a plain number.
fn group_thousands(s: &str) -> String {
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Formats a number for data files: no commas, decimals as written.
pub fn plain_number(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Formats an achievement rate for pages, one decimal: `82.2%`.
pub fn format_rate(rate: f64, lang: Lang) -> String {
    let rounded = (rate * 10.0).round() / 10.0;
    let s = format!("{rounded:.1}");
    match lang {
        Lang::Ja | Lang::En => format!("{s}%"),
    }
}

#[cfg(test)]
mod tests;
