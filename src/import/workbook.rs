//! Reading the sheets of a workbook, each into a [`Table`] of filled cells, within one set
//! of [`Limits`] for the whole file: .xlsx (checked part by part, then read one cell at a
//! time by calamine), .xls ([`super::xls`]) and .ods ([`super::ods`]), both read by kyodo
//! itself so that memory stays bounded, and .csv or tab-separated text as a workbook of one
//! sheet named after the file.
//!
//! The table layout reads only the first sheet; the sheets layout reads them all.

use std::path::Path;

use super::read::{Builder, Limits, Table, date, read_delimited, read_file};

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
pub fn read_workbook(path: &Path, limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let within = |r: Result<Vec<NamedTable>, String>| r.map_err(|e| format!("{}: {e}", path.display()));
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
        "xlsb" => Err(format!(
            "{}: kyodo cannot read .xlsb files with bounded memory; open the file in Excel and save it as .xlsx (Excel Workbook)",
            path.display()
        )),
        other => Err(format!("cannot import .{other} files: save the workbook as .xlsx, .xls, .ods or .csv")),
    }
}

fn read_xlsx(bytes: Vec<u8>, limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, String> {
    use calamine::{DataRef, Reader};
    super::archive::check(&bytes, limits)?;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| format!("cannot open the workbook: {e}"))?;
    let mut names = book.sheet_names();
    if names.is_empty() {
        return Err("the workbook has no sheet".to_owned());
    }
    if which == Sheets::First {
        names.truncate(1);
    }
    let mut builder = Builder::new(limits);
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut reader =
            book.worksheet_cells_reader(&name).map_err(|e| format!("cannot read the sheet {name}: {e}"))?;
        let in_sheet = |e: String| if which == Sheets::First { e } else { format!("sheet {name}: {e}") };
        while let Some(cell) = reader.next_cell().map_err(|e| format!("cannot read the sheet {name}: {e}"))? {
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
                    builder.invalid(row, column, format!("a date or time ({d})"))
                }
                DataRef::Error(e) => builder.invalid(row, column, format!("the error value {e}")),
            };
            added.map_err(in_sheet)?;
        }
        drop(reader);
        sheets.push(NamedTable { name, table: builder.take() });
    }
    Ok(sheets)
}
