//! An indicator's levels in a spreadsheet: one cell per language, the levels lowest first,
//! joined by [`crate::text::LEVEL_SEPARATOR`] (`未実施 < 実施 < 充実`,
//! `Not implemented < Implemented < Enhanced`).

use toml::Spanned;

use super::sheet::{Given, SheetText};
use crate::text::Text;

/// The cells of an indicator's levels: the Japanese, and the English (empty where no level
/// has English; a level without English is an empty place).
pub fn cells(levels: &[Spanned<Text>]) -> (String, String) {
    crate::text::join_levels(levels.iter().map(Spanned::get_ref))
}

/// The levels a sheet gives: none where it has no column, an empty list where the cell is
/// empty.
pub fn from_sheet(given: &SheetText) -> Given<Vec<Text>> {
    match &given.ja {
        Given::Missing => Given::Missing,
        Given::Empty => Given::Empty,
        Given::Set(ja) => Given::Set(crate::text::split_levels(ja, given.en.set().map_or("", |e| e.as_str()))),
    }
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
        assert_eq!(crate::record_writer::texts(&[Text::ja("実施")]), "[\"実施\"]");
    }
}
