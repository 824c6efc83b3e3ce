//! Writing the export table: .csv (UTF-8 with a byte-order mark, so that Excel opens it,
//! every cell guarded against formula injection) or .xlsx (every cell a string, never a
//! formula), into a temporary file beside the target that replaces it only when complete.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::msg;
use crate::msg::Msg;

/// "cannot write …", with the reason.
pub(super) fn cannot_write(path: &Path, e: impl std::fmt::Display) -> Msg {
    let path = path.display();
    msg!(ja: "{path} に書き込めません（{e}）。", en: "cannot write {path}: {e}")
}

/// Where the rows of a table go.
pub trait Sink {
    fn row(&mut self, cells: &[String]) -> Result<(), Msg>;
}

/// Rows kept in memory (tests).
impl Sink for Vec<Vec<String>> {
    fn row(&mut self, cells: &[String]) -> Result<(), Msg> {
        self.push(cells.to_vec());
        Ok(())
    }
}

/// A table being written to a file.
pub struct TableWriter {
    path: PathBuf,
    temp: tempfile::NamedTempFile,
    format: Format,
}

enum Format {
    Csv(Box<csv::Writer<std::io::BufWriter<std::fs::File>>>),
    Xlsx { book: Box<rust_xlsxwriter::Workbook>, row: u32 },
}

impl TableWriter {
    /// Starts the file `path`: .csv or .xlsx.
    pub fn create(path: &Path) -> Result<TableWriter, Msg> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new().prefix(".kyodo-export-").suffix(".tmp").tempfile_in(dir).map_err(|e| {
            let dir = dir.display();
            msg!(ja: "{dir} の中に書き込めません（{e}）。", en: "cannot write in {dir}: {e}")
        })?;
        let format = match ext.as_str() {
            "csv" => {
                let file = temp.reopen().map_err(|e| cannot_write(temp.path(), e))?;
                let mut out = std::io::BufWriter::new(file);
                out.write_all(crate::files::UTF8_BOM).map_err(|e| cannot_write(path, e))?;
                Format::Csv(Box::new(csv::Writer::from_writer(out)))
            }
            "xlsx" => {
                let mut book = Box::new(rust_xlsxwriter::Workbook::new());
                book.add_worksheet_with_constant_memory().map_err(|e| cannot_write(path, e))?;
                Format::Xlsx { book, row: 0 }
            }
            other => {
                return Err(msg!(
                    ja: "名前が .xlsx か .csv で終わるファイルを指定してください。.{other} には書き出せません。",
                    en: "cannot export to .{other}: use a file name ending in .xlsx or .csv",
                ));
            }
        };
        Ok(TableWriter { path: path.to_path_buf(), temp, format })
    }

    /// Completes the file and puts it in place.
    pub fn finish(self) -> Result<(), Msg> {
        let err = |e: &dyn std::fmt::Display| cannot_write(&self.path, e);
        match self.format {
            Format::Csv(w) => {
                let out = (*w).into_inner().map_err(|e| err(&e.error().to_string()))?;
                let file = out.into_inner().map_err(|e| err(&e.error().to_string()))?;
                file.sync_all().map_err(|e| err(&e))?;
            }
            Format::Xlsx { mut book, .. } => book.save(self.temp.path()).map_err(|e| err(&e))?,
        }
        super::commit::keep_permissions(&self.path, self.temp.as_file()).map_err(|e| err(&e))?;
        self.temp.persist(&self.path).map_err(|e| err(&e.error))?;
        Ok(())
    }
}

impl Sink for TableWriter {
    fn row(&mut self, cells: &[String]) -> Result<(), Msg> {
        match &mut self.format {
            // A cell that only says "none" with - is left empty: a - would need the formula
            // guard, and an empty cell says the same (a text that is - is written '-).
            Format::Csv(w) => w
                .write_record(
                    cells.iter().map(|c| if c == "-" { String::new() } else { crate::data::csv::neutralise(c) }),
                )
                .map_err(|e| cannot_write(&self.path, e)),
            Format::Xlsx { book, row } => {
                let sheet = book.worksheet_from_index(0).map_err(|e| cannot_write(&self.path, e))?;
                for (c, value) in cells.iter().enumerate() {
                    if !value.is_empty() {
                        let col = u16::try_from(c).map_err(
                            |_| msg!(ja: "ワークシートに入らない数の列です。", en: "too many columns for a worksheet"),
                        )?;
                        sheet.write_string(*row, col, value).map_err(|e| {
                            let (row, column) = (*row + 1, super::read::column_letters(c));
                            msg!(ja: "{row}行目の{column}列: {e}", en: "row {row}, column {column}: {e}")
                        })?;
                    }
                }
                *row += 1;
                Ok(())
            }
        }
    }
}
