//! Reading an OpenDocument spreadsheet (.ods) one cell at a time, with bounded memory.
//!
//! The archive is checked first ([`super::archive`]), then `content.xml`, which holds every
//! sheet, is streamed from the archive through quick-xml: nothing but the cells of the
//! current row is held. An .ods file compresses runs of equal cells and rows with
//! `table:number-columns-repeated` and `table:number-rows-repeated`; empty runs only move
//! the position (a run of a million empty rows costs nothing), and runs of filled cells are
//! counted against [`Limits::repeats`] as they are copied, so a small file cannot ask for
//! billions of cells. As for .xlsx, a number is read from its value, not from how the cell
//! shows it, and date and error cells are kept aside to be reported where they are used.

use std::borrow::Cow;
use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};

use super::read::{Builder, Limits};
use super::workbook::{NamedTable, Sheets};
use crate::msg;
use crate::msg::Msg;

/// Reads the sheets of the .ods file in `bytes`.
pub fn read(bytes: &[u8], limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, Msg> {
    super::archive::check_kind(bytes, limits, super::archive::Kind::Ods)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| msg!(ja: ".ods ファイルとして読めません（詳細: {e}）。", en: "is not an .ods file ({e})"))?;
    let content = zip.by_name("content.xml").map_err(|_| {
        msg!(
            ja: ".ods ファイルとして読めません（中に content.xml がありません）。",
            en: "is not an .ods file: it has no content.xml",
        )
    })?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut state = State::new(limits);
    let mut buf = Vec::new();
    loop {
        let event = xml.read_event_into(&mut buf).map_err(content_error)?;
        match event {
            Event::Eof => break,
            Event::Start(e) => state.start(&e, false)?,
            Event::Empty(e) => state.start(&e, true)?,
            Event::End(e) if state.end(e.name().as_ref())? && which == Sheets::First => break,
            Event::End(_) => {}
            Event::Text(t) => state.text(&t.xml10_content())?,
            Event::CData(t) => state.text(&t)?,
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().map_err(content_error)? {
                    Some(c) => Cow::Owned(c.to_string()),
                    None => Cow::Borrowed(quick_xml::escape::resolve_predefined_entity(&r).unwrap_or("")),
                };
                state.text(&text)?;
            }
            _ => {}
        }
        buf.clear();
    }
    if state.sheets.is_empty() {
        return Err(msg!(ja: "ファイルにシートがありません。", en: "the spreadsheet has no sheet"));
    }
    Ok(state.sheets)
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    repeat: usize,
    kind: Option<String>,
    value: Option<String>,
    date: Option<String>,
    time: Option<String>,
    boolean: Option<String>,
    error: bool,
    text: String,
    paragraphs: usize,
}

/// Where the reader is in content.xml.
struct State<'a> {
    limits: &'a Limits,
    builder: Builder<'a>,
    sheets: Vec<NamedTable>,
    sheet: Option<String>,
    /// The next row's number (1-based) and column (0-based).
    row: usize,
    column: usize,
    row_repeat: usize,
    /// The filled cells of the current row.
    cells: Vec<(usize, Value)>,
    cell: Option<Cell>,
    /// Depth inside an annotation (a comment), whose text is not the cell's.
    annotation: usize,
    /// Copies made of repeated filled cells so far.
    repeated: usize,
    /// Depth of tables inside the current sheet's cells.
    nested: usize,
}

#[derive(Clone)]
enum Value {
    Text(String),
    Invalid(Msg),
}

/// What the XML reader says of content.xml: its own words, in English.
fn content_error(e: impl std::fmt::Display) -> Msg {
    msg!(ja: "content.xml を読み込めません（{e}）。", en: "content.xml: {e}")
}

fn attr<'b>(e: &'b BytesStart<'_>, name: &str) -> Result<Option<Cow<'b, str>>, Msg> {
    for a in e.attributes() {
        let a = a.map_err(content_error)?;
        if a.key.as_ref() == name {
            let v = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(content_error)?;
            return Ok(Some(Cow::Owned(v.into_owned())));
        }
    }
    Ok(None)
}

/// A repeat count: 1 when not given.
fn repeat(e: &BytesStart<'_>, name: &str) -> Result<usize, Msg> {
    match attr(e, name)? {
        None => Ok(1),
        Some(v) => v.trim().parse::<usize>().map(|n| n.max(1)).map_err(|_| {
            msg!(
                ja: "content.xml の繰り返しの回数 {v:?} が、数になっていません。",
                en: "content.xml: {v:?} is not a repeat count",
            )
        }),
    }
}

impl<'a> State<'a> {
    fn new(limits: &'a Limits) -> State<'a> {
        State {
            limits,
            builder: Builder::new(limits),
            sheets: Vec::new(),
            sheet: None,
            row: 1,
            column: 0,
            row_repeat: 1,
            cells: Vec::new(),
            cell: None,
            annotation: 0,
            repeated: 0,
            nested: 0,
        }
    }

    fn in_sheet(&self, e: Msg) -> Msg {
        match &self.sheet {
            Some(name) => msg!(ja: "シート「{name}」: {e}", en: "sheet {name}: {e}", e = e),
            None => e,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), Msg> {
        let name = e.name();
        if self.annotation > 0 {
            if !empty {
                self.annotation += 1;
            }
            return Ok(());
        }
        match name.as_ref() {
            // A table inside a cell (not written by spreadsheet programs): not a sheet.
            "table:table" if self.sheet.is_some() && !empty => self.nested += 1,
            "table:table" if self.sheet.is_some() => {}
            "table:table" => {
                self.sheet = Some(attr(e, "table:name")?.map(Cow::into_owned).unwrap_or_default());
                self.row = 1;
                if empty {
                    self.end("table:table")?;
                }
            }
            "table:table-row" if self.sheet.is_some() => {
                self.row_repeat = repeat(e, "table:number-rows-repeated")?;
                self.column = 0;
                self.cells.clear();
                if empty {
                    self.end("table:table-row")?;
                }
            }
            "table:table-cell" | "table:covered-table-cell" if self.sheet.is_some() => {
                let cell = Cell {
                    repeat: repeat(e, "table:number-columns-repeated")?,
                    kind: attr(e, "office:value-type")?.map(Cow::into_owned),
                    value: attr(e, "office:value")?.map(Cow::into_owned),
                    date: attr(e, "office:date-value")?.map(Cow::into_owned),
                    time: attr(e, "office:time-value")?.map(Cow::into_owned),
                    boolean: attr(e, "office:boolean-value")?.map(Cow::into_owned),
                    error: attr(e, "calcext:value-type")?.as_deref() == Some("error"),
                    ..Cell::default()
                };
                self.cell = Some(cell);
                if empty {
                    self.end(name.as_ref())?;
                }
            }
            "office:annotation" if !empty => self.annotation = 1,
            "text:p" => {
                if let Some(c) = &mut self.cell {
                    if c.paragraphs > 0 {
                        c.text.push('\n');
                    }
                    c.paragraphs += 1;
                }
            }
            "text:s" => {
                let n = repeat(e, "text:c")?;
                if n > self.limits.cell_chars {
                    return Err(self.in_sheet(msg!(
                        ja: "content.xml に、一つのセルに空白を {n} 個入れる指定があります。",
                        en: "content.xml asks for {n} spaces in one cell",
                    )));
                }
                self.text(&" ".repeat(n))?;
            }
            "text:tab" => self.text("\t")?,
            "text:line-break" => self.text("\n")?,
            _ => {}
        }
        Ok(())
    }

    /// Text inside a cell.
    fn text(&mut self, t: &str) -> Result<(), Msg> {
        if self.annotation > 0 {
            return Ok(());
        }
        let most = self.limits.cell_chars.saturating_mul(4);
        if let Some(c) = &mut self.cell {
            c.text.push_str(t);
            if c.text.len() > most {
                let (column, row, most) = (super::read::column_letters(self.column), self.row, self.limits.cell_chars);
                return Err(self.in_sheet(msg!(
                    ja: "セル {column}{row} の文字が {most} 文字を超えています。一つのセルに入るのは {most} 文字までです（Excel 自体の上限）。",
                    en: "cell {column}{row} holds more than {most} characters; a cell holds at most {most} (Excel's own limit)",
                )));
            }
        }
        Ok(())
    }

    /// An element ends; whether it was a sheet.
    fn end(&mut self, name: &str) -> Result<bool, Msg> {
        if self.annotation > 0 {
            self.annotation -= 1;
            return Ok(false);
        }
        match name {
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(cell) = self.cell.take() {
                    self.end_cell(cell)?;
                }
            }
            "table:table-row" if self.sheet.is_some() => self.end_row()?,
            "table:table" if self.nested > 0 => self.nested -= 1,
            "table:table" => {
                if let Some(name) = self.sheet.take() {
                    self.sheets.push(NamedTable { name, table: self.builder.take() });
                    return Ok(true);
                }
            }
            _ => {}
        }
        Ok(false)
    }

    fn end_cell(&mut self, cell: Cell) -> Result<(), Msg> {
        let value = match cell.kind.as_deref() {
            _ if cell.error => {
                let e = &cell.text;
                Some(Value::Invalid(msg!(ja: "エラー値（{e}）", en: "the error value {e}")))
            }
            Some("float" | "percentage" | "currency") => {
                let raw = cell.value.unwrap_or(cell.text);
                Some(Value::Text(raw.trim().parse::<f64>().map(|f| f.to_string()).unwrap_or(raw)))
            }
            Some("date") => Some(Value::Invalid(date(cell.date.as_deref().unwrap_or(&cell.text)))),
            Some("time") => {
                let t = cell.time.unwrap_or(cell.text);
                Some(Value::Invalid(msg!(ja: "時刻（{t}）", en: "a time ({t})")))
            }
            Some("boolean") => {
                Some(Value::Text(if cell.boolean.as_deref() == Some("true") { "TRUE" } else { "FALSE" }.to_owned()))
            }
            _ => (!cell.text.is_empty()).then_some(Value::Text(cell.text)),
        };
        if let Some(value) = value {
            for k in 0..cell.repeat {
                if k > 0 {
                    self.count_repeat()?;
                }
                let column = self.column.saturating_add(k);
                if column >= self.limits.columns {
                    // The next cell is refused for being beyond the limit, with its name.
                    self.cells.push((column, value.clone()));
                    break;
                }
                self.cells.push((column, value.clone()));
            }
        }
        self.column = self.column.saturating_add(cell.repeat);
        Ok(())
    }

    fn count_repeat(&mut self) -> Result<(), Msg> {
        self.repeated += 1;
        if self.repeated > self.limits.repeats {
            let most = self.limits.repeats;
            return Err(self.in_sheet(msg!(
                ja: "記入されたセルの繰り返しが {most} 回を超えています（table:number-columns-repeated か table:number-rows-repeated）。kyodo が読む繰り返しは {most} 回までです。",
                en: "the sheet repeats filled cells more than {most} times (table:number-columns-repeated or table:number-rows-repeated); kyodo reads at most that many copies",
            )));
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), Msg> {
        let cells = std::mem::take(&mut self.cells);
        if !cells.is_empty() {
            for r in 0..self.row_repeat {
                let row = self.row.saturating_add(r);
                for (column, value) in &cells {
                    if r > 0 {
                        self.count_repeat()?;
                    }
                    let added = match value {
                        Value::Text(t) => self.builder.text(row, *column, t.clone()),
                        Value::Invalid(w) => self.builder.invalid(row, *column, w.clone()),
                    };
                    added.map_err(|e| self.in_sheet(e))?;
                }
            }
        }
        self.row = self.row.saturating_add(self.row_repeat);
        Ok(())
    }
}

/// A date cell as a clerk would recognise it: `a date (2023-04-01)`.
fn date(value: &str) -> Msg {
    match value.split_once('T') {
        Some((day, time)) if !time.trim_start_matches(['0', ':', '.']).is_empty() => {
            let time = time.get(..5).unwrap_or(time);
            msg!(ja: "日付と時刻（{day} {time}）", en: "a date and time ({day} {time})")
        }
        Some((day, _)) => msg!(ja: "日付（{day}）", en: "a date ({day})"),
        None => msg!(ja: "日付（{value}）", en: "a date ({value})"),
    }
}
