//! Writing records as TOML the way a person would: keys in the documented order, texts
//! inline or as multi-line strings, comments where they help. Used by `kyodo new` and
//! `kyodo import`.

use crate::indicator::Number;
use crate::text::Text;

/// A TOML string literal: a basic string with escapes, or a multi-line string for text
/// with line breaks.
pub fn string(s: &str) -> String {
    if s.contains('\n') {
        let mut out = String::from("\"\"\"\n");
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push('\n'),
                '\t' => out.push('\t'),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        // Quotes are free inside """ … """ except three in a row or one at the very end.
        let mut out = out.replace("\"\"\"\"", "\"\"\\\"\"");
        let body = out.split_off(4).replace("\"\"\"", "\"\"\\\"");
        out.push_str(&body);
        if out.ends_with('"') {
            out.pop();
            out.push_str("\\\"");
        }
        out.push_str("\"\"\"");
        out
    } else {
        toml::Value::String(s.to_owned()).to_string()
    }
}

/// A list of texts (an indicator's levels): `[{ ja = "実施", en = "Implemented" }, …]`.
pub fn texts(list: &[Text]) -> String {
    format!("[{}]", list.iter().map(text).collect::<Vec<_>>().join(", "))
}

/// A text field: a plain string when there is no English, else `{ ja = …, en = … }`.
pub fn text(t: &Text) -> String {
    match &t.en {
        Some(en) => format!("{{ ja = {}, en = {} }}", string(&t.ja), string(en)),
        None => string(&t.ja),
    }
}

/// A number as TOML: as written in its record ([`Number::exact`]), as a float where a
/// TOML integer could not hold it.
pub fn number(n: &Number) -> String {
    let s = n.exact();
    if s.contains('.') || s.parse::<i64>().is_ok() { s } else { format!("{s}.0") }
}

/// A list of strings: `["a", "b"]`.
pub fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| string(i)).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_toml() {
        for s in [
            "市民",
            "a \"quoted\" word",
            "back\\slash",
            "line\nbreak",
            "ends with quote\"",
            "three \"\"\" quotes\nx",
            "tab\tand\u{1}control\nx",
            "\"\"\"\nstarts",
        ] {
            let doc = format!("v = {}\n", string(s));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{s:?}: {e}\n{doc}"));
            assert_eq!(parsed["v"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn numbers_read_back_as_the_same_value() {
        for v in [0.0, 4.0, 66.1, -5.0, 0.1 + 0.2, 1e20, 1.5e-7, 123456789012345680000.0] {
            let doc = format!("v = {}\n", number(&Number::new(v)));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{v}: {e}\n{doc}"));
            assert_eq!(parsed["v"].as_float().or(parsed["v"].as_integer().map(|i| i as f64)), Some(v), "{doc}");
        }
    }
}
