//! Escaping for the places where kyodo's output embeds one format in another: JSON in
//! an HTML `<script>` element, JSON in a JavaScript file, and URLs from `site.toml` in
//! line-based text (robots.txt) and XML (sitemap.xml).
//!
//! HTML is escaped by the templates (minijinja autoescape, with [`html`] as its formatter),
//! XML by quick-xml, CSV by the csv crate and JSON by serde_json; what is left is the
//! seams between them, here, and [`html`] for the SVG of the charts.

use std::borrow::Cow;
use std::fmt::Write;

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
pub fn html(s: &str) -> String {
    let mut escaped = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#x27;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026`, so that no `</script>` or `<!--` in a text can end
/// or change the element, and U+2028 and U+2029 become `\u2028` and `\u2029`, which
/// JavaScript before ES2019 did not accept in strings. The result parses as the same
/// JSON value.
pub fn json_for_html_script(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    escape_json_chars(&text, |c| matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}'))
}

/// JSON for a JavaScript file (`assets/search/…`): U+2028 and U+2029 as `\u2028` and
/// `\u2029`. The result parses as the same JSON value.
pub fn json_for_script_file(text: &str) -> Cow<'_, str> {
    if text.contains(['\u{2028}', '\u{2029}']) {
        Cow::Owned(escape_json_chars(text, |c| matches!(c, '\u{2028}' | '\u{2029}')))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes the characters `which` selects as `\uXXXX`. JSON text holds such characters
/// only inside strings (the structure is ASCII punctuation, digits and letters), where
/// the escape means the same character.
fn escape_json_chars(text: &str, which: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if which(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A URL as it can be written in a line of text or in XML: characters no URL may hold
/// as they are (spaces, control characters and the noncharacters U+FFFE and U+FFFF,
/// which XML cannot hold at all) become `%XX` for each of their UTF-8 bytes. Everything
/// else is kept; XML escaping (`&amp;`…) is the writer's job.
pub fn url_as_text(url: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || c.is_whitespace() || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if !url.contains(unsafe_char) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if unsafe_char(c) {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_in_a_script_element_cannot_end_it_and_means_the_same() {
        let value = json!({ "name": "</script><script>alert(1)</script><!-- & \u{2028}\u{2029} \"q\" 'a'\n改行" });
        let text = json_for_html_script(&value);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        assert!(text.contains("\\u003c/script\\u003e") && text.contains("\\u2028"));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).ok(), Some(value));
    }

    #[test]
    fn json_in_a_script_file_has_no_line_separators() {
        let value = json!(["a\u{2028}b\u{2029}c", "</script>"]);
        let text = serde_json::to_string(&value).unwrap_or_default();
        let escaped = json_for_script_file(&text);
        assert!(!escaped.contains(['\u{2028}', '\u{2029}']));
        assert!(escaped.contains("</script>"), "a file is not inside an HTML element");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&escaped).ok(), Some(value));
        assert!(matches!(json_for_script_file("[1]"), Cow::Borrowed(_)));
    }

    #[test]
    fn urls_lose_only_what_no_url_can_hold() {
        assert_eq!(url_as_text("https://example.jp/a&b'c\"<d>/"), "https://example.jp/a&b'c\"<d>/");
        assert_eq!(url_as_text("https://例え.jp/協働/"), "https://例え.jp/協働/");
        assert_eq!(
            url_as_text("https://x.jp/a b\nDisallow: /\r\t\u{1}\u{7f}\u{85}\u{3000}\u{ffff}"),
            "https://x.jp/a%20b%0ADisallow:%20/%0D%09%01%7F%C2%85%E3%80%80%EF%BF%BF"
        );
    }
}
