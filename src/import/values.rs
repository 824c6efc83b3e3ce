//! Cells as text: how a value is written in a cell and read back, so that export and import
//! are exact inverses.
//!
//! - A cell that begins with `'` holds a text exactly as written after the `'` (the
//!   spreadsheet convention for "this is text"). Export writes it only where a text would
//!   otherwise read differently: one that is empty or `-`, looks like a number, begins
//!   with `'` or has spaces at either end.
//! - Otherwise spaces, tabs and ideographic spaces at either end are not part of the value,
//!   and an empty cell or `-` means "none".
//!
//! Indicator values come in two forms. As printed (the report's layout), a cell holds the
//! indicator's name, then the value: `加入率 66.1%` (a number and its unit) or
//! `情報の集約・提供 充実` (a text); the name is the words all value cells of the row share.
//! Where that cannot say a value exactly (a name of one cell with spaces in it, a text that
//! looks like a number, a unit without a number), export uses the explicit form instead:
//! 指標名 and 単位 in their own columns and each value cell only the value (`66.1`, `充実`).

use crate::indicator::{Number, parse_number_text};

/// An indicator value as a cell holds it.
#[derive(Debug, Clone)]
pub enum Val {
    Number(Number),
    Text(String),
}

impl PartialEq for Val {
    /// Numbers are equal when their values are: `70` and `70.0` are the same value.
    fn eq(&self, other: &Val) -> bool {
        match (self, other) {
            (Val::Number(a), Val::Number(b)) => a.value == b.value,
            (Val::Text(a), Val::Text(b)) => a == b,
            _ => false,
        }
    }
}

/// Spaces that are not part of a value at either end of a cell.
fn trim(cell: &str) -> &str {
    cell.trim_matches([' ', '\u{3000}', '\t'])
}

/// Whether a (trimmed) cell means "none".
fn is_none(t: &str) -> bool {
    matches!(t, "" | "-" | "－")
}

/// The text of a cell, `None` for an empty cell or `-`.
pub fn read_text(cell: &str) -> Option<String> {
    if let Some(literal) = cell.strip_prefix('\'') {
        return Some(literal.to_owned());
    }
    let t = trim(cell);
    (!is_none(t)).then(|| t.to_owned())
}

/// The cell that [`read_text`] reads as `s` (an empty text is an empty cell).
pub fn text_cell(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else if s.starts_with('\'') || trim(s) != s || is_none(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A number as a cell shows it: as written in the record (`70.0`), or in full where the
/// written form would not read back as the same value.
pub fn number_cell(n: &Number) -> String {
    n.exact()
}

/// Reads a value cell of the explicit form: a number, a text, or `None`.
pub fn read_explicit(cell: &str) -> Option<Val> {
    if let Some(literal) = cell.strip_prefix('\'') {
        return Some(Val::Text(literal.to_owned()));
    }
    let t = trim(cell);
    if is_none(t) { None } else { Some(parse_number_text(t).map_or_else(|| Val::Text(t.to_owned()), Val::Number)) }
}

/// The cell of a value in the explicit form.
pub fn explicit_cell(value: &Val) -> String {
    match value {
        Val::Number(n) => number_cell(n),
        Val::Text(s) if parse_number_text(s).is_some() => format!("'{s}"),
        Val::Text(s) if s.is_empty() => "'".to_owned(),
        Val::Text(s) => text_cell(s),
    }
}

/// The value cells of one row read as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The indicator's name: the words the cells share.
    pub name: Option<String>,
    /// The unit of the numbers; `None` when no cell holds a number.
    pub unit: Option<String>,
    /// Each cell's value, in the order given.
    pub values: Vec<Option<Val>>,
}

/// Why a row's value cells cannot be read: the index of the cell and the message.
pub type PrintedError = (usize, crate::msg::Msg);

/// Reads the value cells of a row as printed: `["加入率 66.1%", "加入率 70.0%", "-"]`.
pub fn read_printed(cells: &[&str]) -> Result<Printed, PrintedError> {
    let words: Vec<Option<Vec<&str>>> = cells
        .iter()
        .map(|c| {
            if c.starts_with('\'') {
                None
            } else {
                Some(trim(c).split([' ', '\u{3000}']).filter(|w| !w.is_empty()).collect())
            }
        })
        .collect();
    let labelled: Vec<&Vec<&str>> = words.iter().flatten().filter(|w| w.len() >= 2).collect();
    let mut common = labelled.first().map_or(0, |w| w.len() - 1);
    for w in &labelled {
        let shared = labelled[0].iter().zip(w.iter()).take_while(|(a, b)| a == b).count();
        common = common.min(shared).min(w.len() - 1);
    }
    let label: Option<&[&str]> = (common > 0).then(|| &labelled[0][..common]);
    let mut name = None;
    let mut unit: Option<String> = None;
    let mut values = Vec::with_capacity(cells.len());
    for (i, (cell, w)) in cells.iter().zip(&words).enumerate() {
        let Some(w) = w else {
            values.push(Some(Val::Text(cell[1..].to_owned())));
            continue;
        };
        let raw = match label {
            Some(label) if w.len() > label.len() && w[..label.len()] == *label => {
                name = Some(label.join(" "));
                w[label.len()..].join(" ")
            }
            _ => w.join(" "),
        };
        if is_none(&raw) {
            values.push(None);
            continue;
        }
        let (value, cell_unit) = split_number(&raw);
        if let Some(u) = cell_unit {
            match &unit {
                Some(have) if !have.is_empty() && !u.is_empty() && *have != u => {
                    return Err((
                        i,
                        crate::msg!(
                            ja: "この行の単位をそろえてください。単位 \"{u}\" が、ほかのセルの \"{have}\" と違います。",
                            en: "unit \"{u}\" differs from \"{have}\" in the other cells of this row",
                        ),
                    ));
                }
                Some(have) if !have.is_empty() => {}
                _ => unit = Some(u),
            }
        }
        values.push(Some(value));
    }
    Ok(Printed { name, unit, values })
}

/// Reads a value: a number followed by a unit that does not start with a digit, or a text.
pub(super) fn split_number(raw: &str) -> (Val, Option<String>) {
    let split = raw
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || ('０'..='９').contains(c) || matches!(c, '.' | ',' | '-' | '．' | '，' | '－'))
        })
        .map_or(raw.len(), |(i, _)| i);
    let (number, unit) = raw.split_at(split);
    match parse_number_text(number) {
        Some(n) if !unit.starts_with(|c: char| c.is_ascii_digit()) => (Val::Number(n), Some(unit.trim().to_owned())),
        _ => (Val::Text(raw.to_owned()), None),
    }
}

/// A value cell as printed: `加入率 66.1%`.
pub fn printed_cell(name: &str, unit: &str, value: &Val) -> String {
    match value {
        Val::Number(n) => format!("{name} {}{unit}", number_cell(n)),
        Val::Text(t) => format!("{name} {t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f64) -> Option<Val> {
        Some(Val::Number(Number::new(v)))
    }

    fn text(s: &str) -> Option<Val> {
        Some(Val::Text(s.to_owned()))
    }

    #[test]
    fn printed_cells_split_into_name_and_value() {
        let p = read_printed(&["加入率 66.1%", "加入率 70.0%", "加入率 58.2%"]).unwrap();
        assert_eq!((p.name.as_deref(), p.unit.as_deref()), (Some("加入率"), Some("%")));
        assert_eq!(p.values, vec![number(66.1), number(70.0), number(58.2)]);
        let p = read_printed(&["世帯カバー率 73%", "世帯カバー率 95%", "82%"]).unwrap();
        assert_eq!(p.values[2], number(82.0));
        let p = read_printed(&["Facebook 登録件数 561件", "Facebook 登録件数 700件", "-"]).unwrap();
        assert_eq!((p.name.as_deref(), &p.values[2]), (Some("Facebook 登録件数"), &None));
        let p = read_printed(&["情報の集約・提供 実施", "情報の集約・提供 充実", ""]).unwrap();
        assert_eq!((p.name.as_deref(), &p.values[1], p.unit), (Some("情報の集約・提供"), &text("充実"), None));
        assert!(read_printed(&["加入率 66%", "加入率 70件"]).is_err(), "units must agree");
    }

    #[test]
    fn values_are_numbers_only_when_they_are_a_number_and_a_unit() {
        assert_eq!(split_number("66.1%"), (Val::Number(Number::new(66.1)), Some("%".into())));
        assert_eq!(split_number("4地区"), (Val::Number(Number::new(4.0)), Some("地区".into())));
        assert_eq!(split_number("15,000人").0, Val::Number(Number::new(15000.0)));
        for t in ["充実", "一部実施", "未実施", "第2期"] {
            assert_eq!(split_number(t).0, Val::Text(t.to_owned()), "{t}");
        }
    }

    #[test]
    fn text_cells_read_back_exactly() {
        for s in ["市民", "-", "－", "'quoted", " 前後に空白 ", "　字下げ", "行\n改行\n", "=1+1", "x"] {
            assert_eq!(read_text(&text_cell(s)).as_deref(), Some(s), "{s:?}");
        }
        assert_eq!(read_text(""), None);
        assert_eq!(read_text(" - "), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

        #[test]
        fn any_text_reads_back_exactly(s in "\\PC*", pre in "[ '\\-=\u{3000}\t]{0,3}") {
            let s = format!("{pre}{s}");
            let back = read_text(&text_cell(&s));
            proptest::prop_assert_eq!(back.unwrap_or_default(), s.clone());
            // As CSV writes and reads it, with the formula guard.
            let csv = crate::data::csv::neutralise(&text_cell(&s));
            proptest::prop_assert_eq!(read_text(crate::data::csv::unneutralise(&csv)).unwrap_or_default(), s.clone());
            proptest::prop_assert_eq!(read_explicit(&explicit_cell(&Val::Text(s.clone()))), Some(Val::Text(s)));
        }

        #[test]
        fn any_number_reads_back_exactly(mantissa in -999_999_999_999_999i64..=999_999_999_999_999, decimals in 0u32..=12) {
            // Every number a record may hold: at most 15 significant digits and 12 decimals
            // (the loader refuses others, as they could not be published exactly).
            let written = format!("{}", mantissa as f64 / 10f64.powi(decimals as i32));
            let n = Number::new(written.parse().unwrap_or_default());
            proptest::prop_assert_eq!(read_explicit(&explicit_cell(&Val::Number(n))), Some(Val::Number(n)));
        }
    }

    #[test]
    fn explicit_values_read_back_exactly() {
        let values = [
            Val::Text("2期目".into()),
            Val::Text("１２８".into()),
            Val::Text("-".into()),
            Val::Text(String::new()),
            Val::Text("充実".into()),
            Val::Number(Number::new(0.3)),
            Val::Number(Number::new(123456789012.345)),
            Val::Number(Number::new(-5.0)),
        ];
        for v in values {
            assert_eq!(read_explicit(&explicit_cell(&v)), Some(v.clone()), "{v:?}");
        }
    }
}
