//! Text to typed records: TOML syntax and type errors as diagnostics with line, column
//! and key, in words a clerk can act on.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostics, Severity, Source, did_you_mean, escape_controls};

use super::*;

/// Parses a TOML file into `T`, turning syntax and type errors into diagnostics that
/// carry the line, column and key.
pub(super) fn parse<T: DeserializeOwned>(file: &LoadedText, diags: &mut Diagnostics) -> Option<T> {
    let source = Source { path: &file.path, text: &file.text };
    let deserializer = match toml::Deserializer::parse(&file.text) {
        Ok(d) => d,
        Err(e) => {
            let line = e.span().map(|sp| line_at(&file.text, sp.start)).unwrap_or_default();
            let control = line.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\r'));
            let help = match (control, full_width_outside_quotes(line)) {
                (Some(c), _) => format!(
                    "the line holds the control character {}, which a record may not hold: delete it (such characters come with text copied from other programs)",
                    escape_controls(&c.to_string(), false)
                ),
                (None, Some((wide, narrow))) => format!(
                    "「{wide}」 is a full-width character: write {narrow} instead (switch the input method to half-width); only text inside quotes may be full-width"
                ),
                (None, None) => syntax_help(e.message()).to_owned(),
            };
            let message = format!("TOML syntax error: {}\n{help}", e.message().trim());
            diags.push(source.at(Severity::Error, e.span(), None, &message));
            return None;
        }
    };
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Ok(value) => Some(value),
        Err(e) => {
            // `Spanned` values add an internal segment to the path; a clerk never wrote it.
            let key = e.path().to_string().replace(".$__serde_spanned_private_value", "");
            let inner = e.into_inner();
            let message = explain_serde_message(inner.message());
            // A key missing from the top level has the whole file as its span: say "in this
            // file" rather than pointing at line 1.
            let span = inner.span().filter(|s| !(s.start == 0 && (key == "." || key.is_empty())));
            diags.push(source.at(Severity::Error, span, Some(&key), &message));
            None
        }
    }
}

/// The line of `text` containing byte `offset`.
pub(super) fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// The first full-width character outside a quoted string on a line, with its half-width
/// form: clerks typing with a Japanese input method write `＝`, `１２８` or `　`.
pub(super) fn full_width_outside_quotes(line: &str) -> Option<(char, String)> {
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' | '\'' => quoted = !quoted,
            '#' if !quoted => return None,
            crate::width::IDEOGRAPHIC_SPACE if !quoted => return Some((c, "a normal space".to_owned())),
            c if !quoted && crate::width::is_full_width(c) => {
                return Some((c, format!("「{}」", crate::width::narrow(c))));
            }
            _ => {}
        }
    }
    None
}

pub(super) fn syntax_help(message: &str) -> &'static str {
    if message.contains("duplicate key") {
        "each key may appear only once in a table; remove or rename one of them"
    } else if message.contains("string") || message.contains("quote") {
        "text values need double quotes around them, e.g. title = \"市民活動\"; long text goes between \"\"\" and \"\"\""
    } else {
        "check the line against docs/records.md: keys are written key = value, text in double quotes"
    }
}

/// Rewords serde's messages for a clerk and adds what to write instead.
pub(super) fn explain_serde_message(message: &str) -> String {
    if message.contains('\n') {
        return message.to_owned();
    }
    // The TOML parser's words for a number beyond 128 bits or beyond the range of f64.
    if message == "integer number overflowed" || message == "floating-point number overflowed" {
        return "the number is too large to be read\nwrite at most 15 significant digits (whole numbers up to 9,007,199,254,740,992); give a large figure in a larger unit, e.g. 千円 or 億円 instead of 円".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match did_you_mean(field, candidates.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? the keys allowed here are: {}", candidates.join(", ")),
            None => format!("the keys allowed here are: {}", candidates.join(", ")),
        };
        return format!("unknown key `{field}`\n{help}");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("missing required key `{field}`\nadd `{field} = …` here (see docs/records.md)");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return format!("\"{variant}\" is not allowed here\nwrite one of: {}", candidates.join(", "));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let plain = |t: &str| -> String {
            let t = t.trim();
            if t.starts_with("a sequence") {
                "a list in square brackets, e.g. [\"1-1-1\"]".to_owned()
            } else if t.starts_with("a string") || t.starts_with("string") {
                "a text in double quotes".to_owned()
            } else if t.starts_with("a map") || t.starts_with("struct") || t.starts_with("map") {
                "a table, e.g. { year = \"R5\", value = 128 }".to_owned()
            } else if t.starts_with("sequence") {
                "a list".to_owned()
            } else if let Some(s) = t.strip_prefix("string ") {
                format!("the text {s}")
            } else if let Some(n) = t.strip_prefix("integer ").or_else(|| t.strip_prefix("floating point ")) {
                // Integers beyond 64 bits are described "`…` as i128".
                format!("the number {}", n.trim_end_matches(" as i128").trim_end_matches(" as u128"))
            } else {
                t.to_owned()
            }
        };
        return format!(
            "expected {}, found {}\nsee docs/records.md for what this key takes",
            plain(expected),
            plain(found)
        );
    }
    message.to_owned()
}
