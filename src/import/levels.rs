//! An indicator's levels in a spreadsheet: one cell per language, the levels lowest first,
//! joined by ` < ` (`未実施 < 実施 < 充実`, `Not implemented < Implemented < Enhanced`).

use toml::Spanned;

use super::sheet::{Given, SheetText};
use crate::record_writer::text;
use crate::text::Text;

/// What separates two levels in a cell.
pub const SEPARATOR: &str = " < ";

/// The cells of an indicator's levels: the Japanese, and the English (empty where no level
/// has English; a level without English is an empty place).
pub fn cells(levels: &[Spanned<Text>]) -> (String, String) {
    let ja: Vec<&str> = levels.iter().map(|l| l.get_ref().ja.as_str()).collect();
    let en: Vec<&str> = levels.iter().map(|l| l.get_ref().en.as_deref().unwrap_or("")).collect();
    let en = if en.iter().all(|e| e.is_empty()) { String::new() } else { en.join(SEPARATOR) };
    (ja.join(SEPARATOR), en)
}

/// The levels a sheet gives: none where it has no column, an empty list where the cell is
/// empty.
pub fn from_sheet(given: &SheetText) -> Given<Vec<Text>> {
    let split = |s: &str| s.split('<').map(|p| p.trim().to_owned()).collect::<Vec<String>>();
    match &given.ja {
        Given::Missing => Given::Missing,
        Given::Empty => Given::Empty,
        Given::Set(ja) => {
            let en = given.en.set().map(|e| split(e)).unwrap_or_default();
            let levels = split(ja)
                .into_iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, l)| Text { ja: l, en: en.get(i).filter(|e| !e.is_empty()).cloned() })
                .collect();
            Given::Set(levels)
        }
    }
}

/// Levels as a record writes them: `[{ ja = "実施", en = "Implemented" }, …]`.
pub fn toml(levels: &[Text]) -> String {
    format!("[{}]", levels.iter().map(text).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_go_into_one_cell_per_language_and_back() {
        let levels = vec![
            Spanned::new(0..0, Text { ja: "未実施".into(), en: Some("Not implemented".into()) }),
            Spanned::new(0..0, Text { ja: "実施".into(), en: None }),
        ];
        let (ja, en) = cells(&levels);
        assert_eq!((ja.as_str(), en.as_str()), ("未実施 < 実施", "Not implemented < "));
        let back = from_sheet(&SheetText { ja: Given::Set(ja), en: Given::Set(en) });
        let expected: Vec<Text> = levels.iter().map(|l| l.get_ref().clone()).collect();
        assert_eq!(back, Given::Set(expected));
        assert_eq!(toml(&[Text::ja("実施")]), "[\"実施\"]");
    }
}
