//! Full-width characters, as a Japanese input method types them: `１２８`, `Ｒ５`, `＝`, and
//! the ideographic space. One place decides how they fold to half-width.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// The ideographic (full-width) space.
pub const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// Whether `c` is a full-width form of an ASCII character (`！` to `～`, U+FF01–U+FF5E) or
/// the ideographic space.
pub fn is_full_width(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | IDEOGRAPHIC_SPACE)
}

/// The half-width form of a full-width ASCII character or of the ideographic space; any
/// other character as it is. (For these characters this is what NFKC does; other
/// characters NFKC would change, such as ① or half-width kana, stay as they are.)
pub fn narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        IDEOGRAPHIC_SPACE => ' ',
        _ => c,
    }
}

/// Text in NFKC: every compatibility form folded (full-width to half-width, ① to 1,
/// half-width kana to full-width), as the browser's `normalize("NFKC")` does. Most text
/// is in NFKC already, and checking is much cheaper than normalising.
pub fn nfkc(s: &str) -> Cow<'_, str> {
    if unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_folds_like_nfkc_and_nothing_else_changes() {
        for c in ('\u{FF01}'..='\u{FF5E}').chain([IDEOGRAPHIC_SPACE]) {
            assert!(is_full_width(c));
            assert_eq!(narrow(c).to_string(), nfkc(&c.to_string()), "{c}");
        }
        assert_eq!("Ｒ５　１２８".chars().map(narrow).collect::<String>(), "R5 128");
        assert_eq!(narrow('①'), '①');
        assert_eq!(nfkc("①ＳＤＧｓ"), "1SDGs");
    }
}
