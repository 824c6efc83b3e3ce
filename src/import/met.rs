//! An actual value's `met` in a spreadsheet: whether it met the target, as the report
//! states, for an actual that neither numbers nor levels can judge. Export writes 達成 or
//! 未達成; import reads those, `true`/`false` (as a spreadsheet shows a TRUE/FALSE cell) and
//! ○/×, in full- or half-width, and an empty cell as "not stated".

use crate::msg;
use crate::msg::Msg;

use super::values::read_text;

/// The cell of a `met`: 達成 or 未達成.
pub fn cell(met: bool) -> &'static str {
    if met { "達成" } else { "未達成" }
}

/// Reads a `met` cell: `None` for an empty cell or `-`; a message saying what to write for
/// anything else.
pub fn read(cell: &str) -> Result<Option<bool>, Msg> {
    let Some(text) = read_text(cell) else { return Ok(None) };
    // NFKC folds full-width letters (ｔｒｕｅ) and the half-width circle (￮) to their
    // usual forms; spreadsheets write booleans in capitals.
    let folded = crate::width::nfkc(text.trim()).to_lowercase();
    match folded.as_str() {
        "達成" | "true" | "○" | "◯" => Ok(Some(true)),
        "未達成" | "false" | "×" | "✕" => Ok(Some(false)),
        _ => {
            let other = text.trim();
            Err(msg!(
                ja: "目標を達成していれば「達成」、達成していなければ「未達成」と書くか、報告が述べていなければ空にしてください（true・false、○・× でも読めます）。\"{other}\" は、目標を達成したかどうかを表していません。",
                en: "\"{other}\" does not say whether the target was met: write 達成 (met) or 未達成 (not met), or leave the cell empty where the report does not say (true/false and ○/× are read too)",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn met_cells_read_back_and_clerks_forms_are_read() {
        for met in [true, false] {
            assert_eq!(read(cell(met)), Ok(Some(met)));
        }
        for yes in ["達成", "TRUE", "true", "ｔｒｕｅ", "ＴＲＵＥ", "○", "◯", "\u{FFEE}", " 達成 ", "'達成"]
        {
            assert_eq!(read(yes), Ok(Some(true)), "{yes:?}");
        }
        for no in ["未達成", "FALSE", "False", "ｆａｌｓｅ", "×", "✕", "　未達成"] {
            assert_eq!(read(no), Ok(Some(false)), "{no:?}");
        }
        for none in ["", " ", "-", "－"] {
            assert_eq!(read(none), Ok(None), "{none:?}");
        }
        for wrong in ["たぶん", "yes", "1", "達成済み", "△"] {
            assert!(read(wrong).is_err(), "{wrong:?}");
        }
    }
}
