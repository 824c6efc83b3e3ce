//! Reading a spreadsheet into a table of text cells, with memory bounded by [`Limits`]
//! whatever the file holds.
//!
//! An .xlsx file is checked part by part before it is read ([`super::archive`]), then its
//! sheets are read one cell at a time ([`super::workbook`]; .xls and .ods by kyodo's own
//! readers): only filled cells are kept, so a cell far out at XFD1048576 costs nothing
//! until it is refused for being beyond the limits. Date and error
//! cells are kept aside, to be reported with their row and column where they would be
//! imported. A .csv file is read whole (it is at most [`Limits::file_bytes`]) and parsed
//! record by record; the formula guard of `kyodo export` is taken off each cell.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::indicator::format_number;
use crate::msg;
use crate::msg::Msg;

/// What kyodo reads at most from one spreadsheet. Beyond any of these, the import stops
/// with a message naming the limit; nothing is written.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Size of the file.
    pub file_bytes: u64,
    /// Parts of an .xlsx archive.
    pub parts: usize,
    /// Unpacked size of one worksheet (read one cell at a time) or other part of an .xlsx
    /// archive.
    pub part_bytes: u64,
    /// Unpacked size of the shared strings (xl/sharedStrings.xml), which are held in
    /// memory whole.
    pub strings_bytes: u64,
    /// Unpacked size of the other XML parts (styles, relationships …), held in memory
    /// whole and grown there.
    pub xml_bytes: u64,
    /// Unpacked size of all parts together.
    pub parts_bytes: u64,
    /// Longest piece of an XML part read at once (a tag, a text): far more than the longest
    /// cell, far less than memory.
    pub xml_piece_bytes: u64,
    /// Last row read (1-based, as the spreadsheet shows it).
    pub rows: usize,
    /// Last column read (1-based: 1 is column A).
    pub columns: usize,
    /// Characters in one cell: Excel's own limit.
    pub cell_chars: usize,
    /// Filled cells in the sheet.
    pub cells: usize,
    /// Bytes of text in all cells together.
    pub text_bytes: usize,
    /// Copies of filled cells an .ods file asks for by repeating a cell or a row
    /// (`table:number-columns-repeated`, `table:number-rows-repeated`).
    pub repeats: usize,
    /// Sheets of a workbook.
    pub sheets: usize,
}

/// The limits of `kyodo import`, documented in the README.
pub const LIMITS: Limits = Limits {
    file_bytes: 512 * MB,
    parts: 10_000,
    part_bytes: 512 * MB,
    strings_bytes: 128 * MB,
    xml_bytes: 16 * MB,
    parts_bytes: 1024 * MB,
    xml_piece_bytes: MB,
    rows: 1_000_000,
    columns: 1_000,
    cell_chars: 32_767,
    cells: 20_000_000,
    text_bytes: 1024 * MB as usize,
    repeats: 100_000,
    sheets: 1_000,
};

const MB: u64 = 1024 * 1024;

/// A size in whole megabytes (MiB), for messages.
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", format_number(bytes.div_ceil(MB) as f64))
}

/// The filled cells of a sheet, row by row.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Rows with at least one filled cell, in order.
    pub rows: Vec<Row>,
    /// Cells that hold a date or an error value instead of a text or a number.
    pub invalid: Vec<InvalidCell>,
}

/// One row: its number as the spreadsheet shows it (1-based) and its filled cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    /// (column, text), by column (0-based: 0 is column A).
    cells: Vec<(usize, String)>,
}

impl Row {
    /// A row from its cells in column order, empty cells included (tests and CSV).
    pub fn new(number: usize, cells: Vec<String>) -> Row {
        Row { number, cells: cells.into_iter().enumerate().filter(|(_, c)| !c.is_empty()).collect() }
    }

    /// The text of the cell in `column` (0-based); empty if the cell is.
    pub fn get(&self, column: usize) -> &str {
        match self.cells.binary_search_by_key(&column, |(c, _)| *c) {
            Ok(i) => &self.cells[i].1,
            Err(_) => "",
        }
    }

    /// The filled cells with their columns.
    pub fn cells(&self) -> impl Iterator<Item = (usize, &str)> {
        self.cells.iter().map(|(c, s)| (*c, s.as_str()))
    }
}

/// A cell whose value is not a text or a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCell {
    pub row: usize,
    /// 0-based column.
    pub column: usize,
    /// What the cell holds, e.g. "a date (2023-04-01)" or "the error value #DIV/0!".
    pub what: Msg,
}

/// Spreadsheet column letters of a 0-based column: A, Z, AA, XFD.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Reads the first sheet of a workbook (.xlsx/.xlsm, .xls, .ods), or a .csv/.tsv/.txt
/// file, within [`LIMITS`].
pub fn read_table(path: &Path) -> Result<Table, Msg> {
    read_table_with(path, &LIMITS)
}

/// [`read_table`] with other limits (tests use small ones).
pub fn read_table_with(path: &Path, limits: &Limits) -> Result<Table, Msg> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let shown = path.display();
    let within = |r: Result<Table, Msg>| r.map_err(|e| msg!(ja: "{shown}: {e}", en: "{shown}: {e}", e = e));
    match ext.as_str() {
        "csv" | "tsv" | "txt" => within(
            read_file(path, limits)
                .and_then(|bytes| read_delimited(&bytes, if ext == "csv" { b',' } else { b'\t' }, limits)),
        ),
        _ => super::workbook::read_workbook(path, limits, super::workbook::Sheets::First)
            .map(|sheets| sheets.into_iter().next().map(|s| s.table).unwrap_or_default()),
    }
}

/// The file's bytes, refusing a file larger than the limit without reading it all.
pub(super) fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, Msg> {
    let cannot_read =
        |e: std::io::Error| msg!(ja: "ファイルを読み込めません（{e}）。", en: "cannot read the file: {e}");
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(limits.file_bytes + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    if bytes.len() as u64 > limits.file_bytes {
        let most = megabytes(limits.file_bytes);
        return Err(msg!(
            ja: "表をいくつかのファイルに分けてください。ファイルが {most} を超えています（kyodo が読み込めるのは {most} までです）。",
            en: "the file is larger than {most}, the most kyodo imports; split the table into several files",
        ));
    }
    Ok(bytes)
}

/// A date cell as a clerk would recognise it: `a date (2023-04-01)`.
pub(super) fn date(d: &calamine::ExcelDateTime) -> Msg {
    if d.is_duration() {
        return msg!(ja: "期間（{d}日）", en: "a duration ({d} days)");
    }
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    if (h, min, s) == (0, 0, 0) {
        msg!(ja: "日付（{y:04}-{m:02}-{day:02}）", en: "a date ({y:04}-{m:02}-{day:02})")
    } else {
        msg!(
            ja: "日付と時刻（{y:04}-{m:02}-{day:02} {h:02}:{min:02}）",
            en: "a date and time ({y:04}-{m:02}-{day:02} {h:02}:{min:02})",
        )
    }
}

/// Reads CSV (UTF-8, with or without BOM, or Shift_JIS as Japanese Excel saves it) or
/// tab-separated text.
pub(super) fn read_delimited(bytes: &[u8], delimiter: u8, limits: &Limits) -> Result<Table, Msg> {
    let bytes = crate::files::without_bom(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0,
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut table = Builder::new(limits);
    let mut row = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = row + 1;
                return Err(msg!(ja: "{row}行目: {e}", en: "row {row}: {e}"));
            }
        }
        row += 1;
        for (column, cell) in record.iter().enumerate() {
            if !cell.is_empty() {
                table.text(row, column, crate::data::csv::unneutralise(cell).to_owned())?;
            }
        }
    }
    Ok(table.finish())
}

/// Collects filled cells, enforcing the limits as they come; the counts of cells and of
/// text go on from one sheet of a workbook to the next.
pub(super) struct Builder<'a> {
    limits: &'a Limits,
    rows: BTreeMap<usize, Vec<(usize, String)>>,
    invalid: Vec<InvalidCell>,
    cells: usize,
    text_bytes: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn new(limits: &'a Limits) -> Builder<'a> {
        Builder { limits, rows: BTreeMap::new(), invalid: Vec::new(), cells: 0, text_bytes: 0 }
    }

    fn place(&mut self, row: usize, column: usize) -> Result<(), Msg> {
        let cell = format!("{}{row}", column_letters(column));
        if row > self.limits.rows {
            let last = format_number(self.limits.rows as f64);
            return Err(msg!(
                ja: "表より下にあるものを削除してください。セル {cell} は、kyodo が読む最後の行（{last}行目）より下にあります。",
                en: "cell {cell} is beyond row {last}, the last row kyodo reads; delete what is below the table",
            ));
        }
        if column >= self.limits.columns {
            let letters = column_letters(self.limits.columns.saturating_sub(1));
            let last = format_number(self.limits.columns as f64);
            return Err(msg!(
                ja: "表より右にあるものを削除してください。セル {cell} は、kyodo が読む最後の列（{letters}列、{last}列目）より右にあります。",
                en: "cell {cell} is beyond column {letters} ({last}), the last column kyodo reads; delete what is right of the table",
            ));
        }
        self.cells += 1;
        if self.cells > self.limits.cells {
            let most = format_number(self.limits.cells as f64);
            return Err(msg!(
                ja: "表をいくつかのファイルに分けてください。記入されたセルが {most} 個を超えています（kyodo が読めるのは {most} 個までです）。",
                en: "the sheet has more than {most} filled cells, the most kyodo reads; split the table into several files",
            ));
        }
        Ok(())
    }

    pub(super) fn text(&mut self, row: usize, column: usize, text: String) -> Result<(), Msg> {
        self.place(row, column)?;
        let chars = text.chars().count();
        if chars > self.limits.cell_chars {
            let cell = format!("{}{row}", column_letters(column));
            let (chars, most) = (format_number(chars as f64), format_number(self.limits.cell_chars as f64));
            return Err(msg!(
                ja: "この文章は記録ファイルに直接書いてください。セル {cell} には {chars} 文字ありますが、一つのセルに入るのは {most} 文字までです（Excel 自体の上限）。",
                en: "cell {cell} holds {chars} characters; a cell holds at most {most} (Excel's own limit): move the text into the record file",
            ));
        }
        self.text_bytes += text.len();
        if self.text_bytes > self.limits.text_bytes {
            let most = megabytes(self.limits.text_bytes as u64);
            return Err(msg!(
                ja: "表をいくつかのファイルに分けてください。セルの文字が合計 {most} を超えています（kyodo が読めるのは {most} までです）。",
                en: "the cells hold more than {most} of text, the most kyodo reads; split the table into several files",
            ));
        }
        self.rows.entry(row).or_default().push((column, text));
        Ok(())
    }

    pub(super) fn invalid(&mut self, row: usize, column: usize, what: Msg) -> Result<(), Msg> {
        self.place(row, column)?;
        self.invalid.push(InvalidCell { row, column, what });
        Ok(())
    }

    pub(super) fn finish(mut self) -> Table {
        self.take()
    }

    /// The table of the cells given so far, which the builder forgets (the counts stay).
    pub(super) fn take(&mut self) -> Table {
        let rows = std::mem::take(&mut self.rows)
            .into_iter()
            .map(|(number, mut cells)| {
                // A cell given twice (only a malformed file does that) keeps its last value.
                cells.sort_by_key(|(c, _)| *c);
                cells.dedup_by(|later, earlier| {
                    let same = later.0 == earlier.0;
                    if same {
                        std::mem::swap(&mut later.1, &mut earlier.1);
                    }
                    same
                });
                Row { number, cells }
            })
            .collect();
        Table { rows, invalid: std::mem::take(&mut self.invalid) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_are_as_spreadsheets_show_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(999), "ALL");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn rows_are_sparse() {
        let row = Row::new(3, vec!["a".into(), String::new(), "c".into()]);
        assert_eq!((row.get(0), row.get(1), row.get(2), row.get(99)), ("a", "", "c", ""));
    }
}
