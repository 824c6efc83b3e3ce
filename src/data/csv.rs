//! CSV files for scripts and portals, and the formula guard of spreadsheet files.
//!
//! - One header row, then one row per record; no line breaks inside a cell (long texts are
//!   flattened to one line). UTF-8 without a byte-order mark (what Frictionless and
//!   scripts expect).
//! - The open-data CSV files keep every text exactly as written ([`written`]): they are
//!   for programs, which must get `=1+1` as `=1+1`. Spreadsheet users get the `.xlsx`
//!   copy ([`super::xlsx`]), whose cells are typed and guarded.
//! - The guard, for files a spreadsheet opens as they are (`kyodo export` to .csv): a text
//!   cell that begins with `=`, `+`, `-`, `@` (or their full-width forms `＝`, `＋`, `－`,
//!   `＠`), a tab or a carriage return gets a leading `'` ([`neutralise`]), so a spreadsheet
//!   shows it as text instead of running it. A cell that already begins with `'` before such
//!   a character gets one more, so the guard can always be taken off exactly
//!   ([`unneutralise`], used by `kyodo import`). Numbers are never changed.

use std::borrow::Cow;

use super::Cell;

/// Characters that make a spreadsheet treat a cell as a formula: Japanese input methods
/// type the full-width forms, which spreadsheets also accept.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// Whether a cell gets the guard: it begins, after any apostrophes, with a formula
/// character. Counting the apostrophes makes the guard reversible: `'=x` (a guarded `=x`)
/// and a text that really is `'=x` are written differently.
pub fn needs_guard(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Neutralises a text cell so that a spreadsheet does not execute it.
pub fn neutralise(s: &str) -> String {
    if needs_guard(s) { format!("'{s}") } else { s.to_owned() }
}

/// Takes off the guard [`neutralise`] put on, and nothing else: every text comes back
/// exactly as it was before it was neutralised.
pub fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => s,
    }
}

/// Flattens any line break to a space: one record, one line.
pub fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split(['\n', '\r']).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        s.to_owned()
    }
}

/// The cell as written to an open-data CSV file: exactly the text, on one line; most
/// cells are written as they are, without a copy.
pub fn written(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Number(s) => Cow::Borrowed(s),
        Cell::Integer(n) => Cow::Owned(n.to_string()),
        Cell::Text(s) if !s.contains(['\n', '\r']) => Cow::Borrowed(s),
        Cell::Text(s) => Cow::Owned(one_line(s)),
        Cell::List(items) => {
            Cow::Owned(items.iter().map(|i| one_line(i)).collect::<Vec<_>>().join(super::schema::LIST_DELIMITER))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        for bad in ["=1+1", "+81", "-", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for ok in ["市民", "A", "1-(1)-①", "'quoted", "x=1"] {
            assert_eq!(neutralise(ok), ok);
        }
        for full_width in ["＝SUM(A1)", "＋81", "－", "＠A"] {
            assert_eq!(neutralise(full_width), format!("'{full_width}"));
        }
    }

    #[test]
    fn the_guard_comes_off_exactly() {
        for s in ["=1+1", "'=1+1", "''=x", "'quoted", "'", "''", "-", "'-", "市民", "", "＝", "'＠x", "\tx", "x"] {
            assert_eq!(unneutralise(&neutralise(s)), s, "{s:?}");
        }
        assert_eq!(neutralise("'=x"), "''=x", "a text that begins with ' before = keeps its own '");
        assert_eq!(unneutralise("'quoted"), "'quoted", "only the guard is taken off");
    }

    #[test]
    fn line_breaks_never_reach_a_cell() {
        assert_eq!(one_line("a\r\nb\nc"), "a b c");
        assert_eq!(written(&Cell::Text("=a\nb".into())), "=a b", "data files keep the text as written");
        assert_eq!(written(&Cell::List(vec!["+1".into(), "@x".into()])), "+1;@x");
        assert_eq!(written(&Cell::Number("-5".into())), "-5", "numbers are never changed");
    }
}
