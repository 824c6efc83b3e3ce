//! Reading the sheets of a workbook, each into a [`Table`] of filled cells, within one set
//! of [`Limits`] for the whole file: .xlsx (checked part by part, then read one cell at a
//! time by calamine), .xls ([`super::xls`]) and .ods ([`super::ods`]), both read by kyodo
//! itself so that memory stays bounded, and .csv or tab-separated text as a workbook of one
//! sheet named after the file.
//!
//! The table layout reads only the first sheet; the sheets layout reads them all.

use std::path::Path;

use super::read::{Builder, Limits, Table, date, read_delimited, read_file};
use crate::msg;
use crate::msg::Msg;

/// Which sheets to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheets {
    First,
    All,
}

/// One sheet: its name as the workbook shows it, and its cells.
#[derive(Debug, Clone, Default)]
pub struct NamedTable {
    pub name: String,
    pub table: Table,
}

/// Reads the sheets of the workbook at `path`; the error names the file.
pub fn read_workbook(path: &Path, limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, Msg> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let shown = path.display();
    let within = |r: Result<Vec<NamedTable>, Msg>| r.map_err(|e| msg!(ja: "{shown}: {e}", en: "{shown}: {e}", e = e));
    match ext.as_str() {
        "xlsx" | "xlsm" => within(read_file(path, limits).and_then(|bytes| read_xlsx(bytes, limits, which))),
        "xls" => within(read_file(path, limits).and_then(|bytes| super::xls::read(&bytes, limits, which))),
        "ods" => within(read_file(path, limits).and_then(|bytes| super::ods::read(&bytes, limits, which))),
        "csv" | "tsv" | "txt" => {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let delimiter = if ext == "csv" { b',' } else { b'\t' };
            let table = within(
                read_file(path, limits)
                    .and_then(|bytes| read_delimited(&bytes, delimiter, limits))
                    .map(|table| vec![NamedTable { name: String::new(), table }]),
            )?;
            Ok(table.into_iter().map(|t| NamedTable { name: name.clone(), ..t }).collect())
        }
        "xlsb" => Err(msg!(
            ja: "{shown}: Excel でファイルを開き、.xlsx（Excel ブック）として保存し直してください。kyodo は .xlsb ファイルを限られたメモリで読むことができません。",
            en: "{shown}: kyodo cannot read .xlsb files with bounded memory; open the file in Excel and save it as .xlsx (Excel Workbook)",
        )),
        other => Err(msg!(
            ja: "ファイルを .xlsx、.xls、.ods か .csv の形式で保存し直してください。.{other} ファイルは読み込めません。",
            en: "cannot import .{other} files: save the workbook as .xlsx, .xls, .ods or .csv",
        )),
    }
}

/// `e` said of the sheet `name` when a workbook's sheets are all read; as it is when only
/// the first is (its name says nothing then).
pub(super) fn in_sheet(which: Sheets, name: &str, e: Msg) -> Msg {
    match which {
        Sheets::First => e,
        Sheets::All => msg!(ja: "シート「{name}」: {e}", en: "sheet {name}: {e}", e = e),
    }
}

fn read_xlsx(bytes: Vec<u8>, limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, Msg> {
    use calamine::{DataRef, Reader};
    super::archive::check(&bytes, limits)?;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| msg!(ja: "ブックを開けません（{e}）。", en: "cannot open the workbook: {e}"))?;
    let mut names = book.sheet_names();
    if names.is_empty() {
        return Err(msg!(ja: "ブックにシートがありません。", en: "the workbook has no sheet"));
    }
    if which == Sheets::First {
        names.truncate(1);
    }
    let mut builder = Builder::new(limits);
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let cannot_read_sheet = |e: calamine::XlsxError| msg!(ja: "シート {name} を読み込めません（{e}）。", en: "cannot read the sheet {name}: {e}");
        let mut reader = book.worksheet_cells_reader(&name).map_err(cannot_read_sheet)?;
        while let Some(cell) = reader.next_cell().map_err(cannot_read_sheet)? {
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize + 1, column as usize);
            let added = match cell.get_value() {
                DataRef::Empty => Ok(()),
                DataRef::String(s) => builder.text(row, column, s.clone()),
                DataRef::SharedString(s) => builder.text(row, column, (*s).to_owned()),
                DataRef::Int(n) => builder.text(row, column, n.to_string()),
                DataRef::Float(f) => builder.text(row, column, f.to_string()),
                DataRef::Bool(b) => builder.text(row, column, if *b { "TRUE" } else { "FALSE" }.to_owned()),
                DataRef::DateTime(d) => builder.invalid(row, column, date(d)),
                DataRef::DateTimeIso(d) | DataRef::DurationIso(d) => {
                    builder.invalid(row, column, msg!(ja: "日付か時刻（{d}）", en: "a date or time ({d})"))
                }
                DataRef::Error(e) => {
                    builder.invalid(row, column, msg!(ja: "エラー値（{e}）", en: "the error value {e}"))
                }
            };
            added.map_err(|e| in_sheet(which, &name, e))?;
        }
        drop(reader);
        sheets.push(NamedTable { name, table: builder.take() });
    }
    Ok(sheets)
}
