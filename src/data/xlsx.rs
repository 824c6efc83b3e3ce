//! `data/<name>.xlsx`: every table in one workbook for spreadsheet users, one sheet per
//! table and a first sheet documenting the columns.
//!
//! Opened in Excel, a CSV file loses values: `1-1-1` becomes a date, `092134` loses its
//! leading zero, `(1)` becomes −1. Here every cell has its type: ids, codes and the
//! municipality code are text cells, numbers are number cells, so nothing is guessed.
//!
//! The formula guard of the spreadsheet copy: a text cell is never evaluated by Excel,
//! whatever it begins with, but editing such a cell (F2, Enter) or saving the sheet as CSV
//! would turn `=1+1` into a formula. Cells that begin with a formula character are
//! therefore written with Excel's quote prefix (`'` shown only in the formula bar, not part
//! of the value): the value stays exactly as written and stays text when edited. Plain
//! CSV files, for scripts, carry no guard at all.
//!
//! The workbook is written in constant memory (each sheet streams to a temporary file)
//! and made byte-identical for the same input: a fixed creation date from the records.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::Cell;
use super::schema::{FieldType, Table};
use crate::msg;
use crate::msg::Msg;

/// Excel's rows per sheet, the header row included.
const MAX_ROWS: u32 = 1_048_576;
/// Excel's characters per cell.
const MAX_CHARS: usize = 32_767;
/// The name of the sheet that documents the columns.
pub const COLUMNS_SHEET: &str = "列の説明 columns";

/// The workbook being written, one sheet per table after the columns sheet.
pub struct Book {
    book: Workbook,
    /// Per table: the index of its current sheet, and the next row on it.
    sheets: Vec<(usize, u32)>,
    guarded: Format,
}

fn cannot(e: impl std::fmt::Display) -> Msg {
    msg!(ja: "Excel のブックを作れません（{e}）。", en: "cannot make the Excel workbook: {e}")
}

impl Book {
    /// A workbook with the columns sheet and a sheet, with its header, per table; dated
    /// `date` (YYYY-MM-DD, from the records) so that the same input gives the same bytes.
    pub fn new(tables: &[Table], date: Option<&str>) -> Result<Book, Msg> {
        let mut book = Workbook::new();
        let created = date
            .and_then(|d| {
                let y = d.get(0..4)?.parse().ok()?;
                let m = d.get(5..7)?.parse().ok()?;
                let day = d.get(8..10)?.parse().ok()?;
                ExcelDateTime::from_ymd(y, m, day).ok()
            })
            .map_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1), Ok)
            .map_err(cannot)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let header = Format::new().set_bold();
        let columns = book.add_worksheet_with_constant_memory().map_err(cannot)?;
        columns.set_name(COLUMNS_SHEET).map_err(cannot)?;
        let titles = ["シート sheet", "列名 column", "英語名 title", "型 type", "必須 required", "説明", "description"];
        for (c, title) in titles.iter().enumerate() {
            columns.write_string_with_format(0, c as u16, *title, &header).map_err(cannot)?;
        }
        let mut r = 1;
        for t in tables {
            for col in &t.columns {
                let cells = [
                    t.id.name(),
                    &col.name,
                    &col.title_en,
                    col.kind.frictionless(),
                    if col.required { "○" } else { "" },
                    &col.description_ja,
                    &col.description_en,
                ];
                for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                    columns.write_string(r, c as u16, *text).map_err(cannot)?;
                }
                r += 1;
            }
        }
        let note = "Excel の1セルに入らない長い文章（32,767 文字超）は切り詰めています。全文は CSV にあります。 \
                    Texts longer than Excel's 32,767 characters per cell are cut here; the CSV files hold them whole.";
        columns.write_string(r + 1, 0, note).map_err(cannot)?;
        let mut b = Book { book, sheets: Vec::new(), guarded: Format::new().set_quote_prefix() };
        for t in tables {
            let index = b.add_sheet(t, t.id.name().to_owned())?;
            b.sheets.push((index, 1));
        }
        Ok(b)
    }

    /// Adds a sheet named `name` with the header of `table`; returns its index.
    fn add_sheet(&mut self, table: &Table, name: String) -> Result<usize, Msg> {
        let header = Format::new().set_bold();
        let sheet = self.book.add_worksheet_with_constant_memory().map_err(cannot)?;
        sheet.set_name(&name).map_err(cannot)?;
        for (c, col) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, &col.name, &header).map_err(cannot)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(cannot)?;
        Ok(self.book.worksheets().len() - 1)
    }

    /// Appends a row to the sheet of table number `t`, continuing on a new sheet past
    /// Excel's row limit.
    pub fn push(&mut self, t: usize, table: &Table, row: &[Cell]) -> Result<(), Msg> {
        if self.sheets[t].1 == MAX_ROWS {
            let n = self.book.worksheets().len();
            let name = format!("{} ({n})", table.id.name());
            let index = self.add_sheet(table, name)?;
            self.sheets[t] = (index, 1);
        }
        let (index, r) = self.sheets[t];
        let sheet = self.book.worksheet_from_index(index).map_err(cannot)?;
        for (c, (cell, col)) in row.iter().zip(&table.columns).enumerate() {
            let c = c as u16;
            let text = match cell {
                Cell::Empty => continue,
                Cell::Integer(n) if col.kind != FieldType::Text => {
                    sheet.write_number(r, c, *n as f64).map_err(cannot)?;
                    continue;
                }
                Cell::Number(s) if col.kind == FieldType::Number => match s.parse::<f64>() {
                    Ok(n) => {
                        sheet.write_number(r, c, n).map_err(cannot)?;
                        continue;
                    }
                    Err(_) => s.clone(),
                },
                other => super::csv::one_line(&other.raw()),
            };
            let text = fit(&text);
            if super::csv::needs_guard(text) {
                sheet.write_string_with_format(r, c, text, &self.guarded).map_err(cannot)?;
            } else {
                sheet.write_string(r, c, text).map_err(cannot)?;
            }
        }
        self.sheets[t].1 += 1;
        Ok(())
    }

    /// The finished workbook.
    pub fn finish(mut self) -> Result<Vec<u8>, Msg> {
        self.book.save_to_buffer().map_err(cannot)
    }
}

/// A text cut to what one cell holds.
fn fit(s: &str) -> &str {
    match s.char_indices().nth(MAX_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let long = "字".repeat(MAX_CHARS + 5);
        assert_eq!(fit(&long).chars().count(), MAX_CHARS);
        assert_eq!(fit("短い"), "短い");
    }
}
