//! Reading an Excel 97–2003 workbook (.xls, BIFF8) one cell record at a time, with bounded
//! memory.
//!
//! calamine reads an .xls file whole into a dense grid per sheet (a cell far out allocates
//! the whole rectangle, and the sheet's DIMENSIONS record reserves its area before any cell
//! is read), and its compound-file parser sizes allocations from header counts before
//! checking them against the file. So kyodo reads .xls itself: the `cfb` crate opens the
//! compound file (it checks every sector chain against the file's size), and the Workbook
//! stream is read record by record, each at most 8,224 bytes plus its CONTINUE records.
//! Only the shared strings (within [`Limits::strings_bytes`]), the number formats and the
//! filled cells (within the limits of every import) are kept. Cells formatted as dates and
//! error cells are kept aside, as for .xlsx.

use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};

use super::read::{Builder, Limits, date};
use super::workbook::{NamedTable, Sheets};

mod strings;
use strings::Strings;

/// Reads the worksheets of the .xls file in `bytes`.
pub fn read(bytes: &[u8], limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, String> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("is not an .xls file ({e}); save the workbook as .xlsx"))?;
    let stream = cfb
        .open_stream("/Workbook")
        .or_else(|_| cfb.open_stream("/Book"))
        .map_err(|_| "is not an Excel workbook: it has no Workbook stream".to_owned())?;
    let mut records = Records { inner: BufReader::new(stream), pending: None, limits };
    let globals = globals(&mut records)?;
    let mut builder = Builder::new(limits);
    let mut sheets = Vec::new();
    for (name, position) in &globals.sheets {
        records.seek(*position)?;
        let in_sheet = |e: String| if which == Sheets::First { e } else { format!("sheet {name}: {e}") };
        cells(&mut records, &globals, &mut builder).map_err(in_sheet)?;
        sheets.push(NamedTable { name: name.clone(), table: builder.take() });
        if which == Sheets::First {
            break;
        }
    }
    if sheets.is_empty() {
        return Err("the workbook has no worksheet".to_owned());
    }
    Ok(sheets)
}

/// One record: its type, its data, and the data of the CONTINUE records after it.
struct Record {
    kind: u16,
    data: Vec<u8>,
    more: Vec<Vec<u8>>,
}

const CONTINUE: u16 = 0x003C;
const EOF: u16 = 0x000A;
const BOF: u16 = 0x0809;

/// The records of the Workbook stream.
struct Records<'a, R: Read + Seek> {
    inner: BufReader<R>,
    pending: Option<(u16, Vec<u8>)>,
    limits: &'a Limits,
}

impl<R: Read + Seek> Records<'_, R> {
    fn seek(&mut self, position: u64) -> Result<(), String> {
        self.pending = None;
        self.inner.seek(SeekFrom::Start(position)).map(|_| ()).map_err(|e| format!("cannot read the workbook: {e}"))
    }

    /// The next record alone; `None` at the end of the stream.
    fn raw(&mut self) -> Result<Option<(u16, Vec<u8>)>, String> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        let mut head = [0u8; 4];
        match self.inner.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(format!("cannot read the workbook: {e}")),
        }
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let mut data = vec![0u8; len];
        self.inner.read_exact(&mut data).map_err(|e| format!("the workbook is cut short: {e}"))?;
        Ok(Some((kind, data)))
    }

    /// The next record with its CONTINUE records; those of the shared strings may hold up
    /// to [`Limits::strings_bytes`], those of any other record up to
    /// [`Limits::xml_piece_bytes`].
    fn next(&mut self) -> Result<Option<Record>, String> {
        let Some((kind, data)) = self.raw()? else { return Ok(None) };
        let most = if kind == SST { self.limits.strings_bytes } else { self.limits.xml_piece_bytes };
        let mut size = data.len() as u64;
        let mut more = Vec::new();
        while let Some((next, bytes)) = self.raw()? {
            if next != CONTINUE {
                self.pending = Some((next, bytes));
                break;
            }
            size += bytes.len() as u64;
            if size > most {
                return Err(format!(
                    "a record of the workbook is longer than {}, the most kyodo reads",
                    super::read::megabytes(most)
                ));
            }
            more.push(bytes);
        }
        Ok(Some(Record { kind, data, more }))
    }
}

const SST: u16 = 0x00FC;

/// What the workbook's first part says: its sheets, shared strings and number formats.
struct Globals {
    sheets: Vec<(String, u64)>,
    strings: Vec<String>,
    /// Whether each cell format (XF) shows a date.
    xf_dates: Vec<bool>,
    is_1904: bool,
}

fn globals<R: Read + Seek>(records: &mut Records<'_, R>) -> Result<Globals, String> {
    let mut g = Globals { sheets: Vec::new(), strings: Vec::new(), xf_dates: Vec::new(), is_1904: false };
    let mut formats: std::collections::HashMap<u16, bool> = std::collections::HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut first = true;
    while let Some(r) = records.next()? {
        if first {
            first = false;
            if r.kind != BOF {
                return Err("is not an Excel workbook: save it as .xlsx".to_owned());
            }
            if u16_at(&r.data, 0)? != 0x0600 {
                return Err("is an Excel 5.0/95 workbook, which kyodo does not read: open it in Excel or LibreOffice and save it as .xlsx".to_owned());
            }
            continue;
        }
        match r.kind {
            0x002F => return Err("is protected with a password: save the workbook without a password".to_owned()),
            0x0022 => g.is_1904 = u16_at(&r.data, 0)? == 1,
            0x041E => {
                let mut s = Strings::new(&r, 2);
                let code = u16_at(&r.data, 0)?;
                let text = s.unicode(true)?;
                formats.insert(code, is_date_format(&text));
            }
            0x00E0 => xf_formats.push(u16_at(&r.data, 2)?),
            0x0085 => {
                let position = u64::from(u32_at(&r.data, 0)?);
                let is_worksheet = r.data.get(5) == Some(&0);
                let mut s = Strings::new(&r, 6);
                let name = s.unicode(false)?;
                if is_worksheet {
                    if g.sheets.len() >= records.limits.sheets {
                        return Err(format!("has more than {} sheets, the most kyodo reads", records.limits.sheets));
                    }
                    g.sheets.push((name, position));
                }
            }
            SST => g.strings = shared_strings(&r, records.limits)?,
            EOF => break,
            _ => {}
        }
    }
    g.xf_dates = xf_formats.iter().map(|f| formats.get(f).copied().unwrap_or_else(|| is_builtin_date(*f))).collect();
    Ok(g)
}

/// The shared strings: every string counted against the limit as it is read, none
/// reserved ahead from the count the record declares.
fn shared_strings(r: &Record, limits: &Limits) -> Result<Vec<String>, String> {
    let mut s = Strings::new(r, 8);
    let mut strings = Vec::new();
    let mut bytes: u64 = 0;
    while !s.at_end() {
        let text = s.rich()?;
        bytes += text.len() as u64;
        if bytes > limits.strings_bytes {
            return Err(format!(
                "its shared strings hold more than {}, the most kyodo reads (save a table this large as .csv)",
                super::read::megabytes(limits.strings_bytes)
            ));
        }
        strings.push(text);
    }
    Ok(strings)
}

/// Reads the cells of the sheet whose BOF record is next, up to its EOF.
fn cells<R: Read + Seek>(records: &mut Records<'_, R>, g: &Globals, builder: &mut Builder<'_>) -> Result<(), String> {
    let mut depth = 0usize;
    // A formula whose value is a text: the STRING record after it holds the text.
    let mut string_at: Option<(usize, usize)> = None;
    while let Some(r) = records.next()? {
        match r.kind {
            BOF => {
                depth += 1;
                continue;
            }
            EOF => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(());
                }
                continue;
            }
            _ if depth != 1 => continue,
            _ => {}
        }
        cell(&r, g, builder, &mut string_at)?;
    }
    Ok(())
}

/// One record of a sheet: a cell, or the text of the formula before it.
fn cell(
    r: &Record,
    g: &Globals,
    builder: &mut Builder<'_>,
    string_at: &mut Option<(usize, usize)>,
) -> Result<(), String> {
    let d = &r.data;
    let at = |d: &[u8]| -> Result<(usize, usize), String> {
        Ok((usize::from(u16_at(d, 0)?) + 1, usize::from(u16_at(d, 2)?)))
    };
    let is_date =
        |d: &[u8]| -> Result<bool, String> { Ok(g.xf_dates.get(usize::from(u16_at(d, 4)?)).copied().unwrap_or(false)) };
    match r.kind {
        0x00FD => {
            let (row, col) = at(d)?;
            let i = u32_at(d, 6)? as usize;
            let text = g
                .strings
                .get(i)
                .ok_or_else(|| format!("cell {} refers to a shared string that is not there", cell_name(row, col)))?;
            builder.text(row, col, text.clone())?;
        }
        0x0203 => number(builder, at(d)?, f64_at(d, 6)?, is_date(d)?, g.is_1904)?,
        0x027E => number(builder, at(d)?, rk(u32_at(d, 6)?), is_date(d)?, g.is_1904)?,
        0x00BD => {
            let (row, first) = at(d)?;
            let count = d.len().saturating_sub(6) / 6;
            for k in 0..count {
                let xf = usize::from(u16_at(d, 4 + 6 * k)?);
                let date = g.xf_dates.get(xf).copied().unwrap_or(false);
                number(builder, (row, first + k), rk(u32_at(d, 6 + 6 * k)?), date, g.is_1904)?;
            }
        }
        0x0204 | 0x00D6 => {
            let (row, col) = at(d)?;
            let text = Strings::new(r, 6).unicode(true)?;
            builder.text(row, col, text)?;
        }
        0x0205 => {
            let pos = at(d)?;
            let (value, is_error) = (byte_at(d, 6)?, byte_at(d, 7)? == 1);
            boolean_or_error(builder, pos, value, is_error)?;
        }
        0x0006 => {
            let pos = at(d)?;
            let v = d.get(6..14).ok_or("a formula record is cut short")?;
            if v[6..8] == [0xFF, 0xFF] {
                match v[0] {
                    0 => *string_at = Some(pos),
                    1 => boolean_or_error(builder, pos, v[2], false)?,
                    2 => boolean_or_error(builder, pos, v[2], true)?,
                    _ => {}
                }
            } else {
                number(builder, pos, f64_at(d, 6)?, is_date(d)?, g.is_1904)?;
            }
        }
        0x0207 => {
            if let Some((row, col)) = string_at.take() {
                let text = Strings::new(r, 0).unicode(true)?;
                if !text.is_empty() {
                    builder.text(row, col, text)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn cell_name(row: usize, col: usize) -> String {
    format!("{}{row}", super::read::column_letters(col))
}

fn number(
    builder: &mut Builder<'_>,
    (row, col): (usize, usize),
    v: f64,
    is_date: bool,
    is_1904: bool,
) -> Result<(), String> {
    if is_date {
        let d = calamine::ExcelDateTime::new(v, calamine::ExcelDateTimeType::DateTime, is_1904);
        return builder.invalid(row, col, date(&d));
    }
    builder.text(row, col, v.to_string())
}

fn boolean_or_error(
    builder: &mut Builder<'_>,
    (row, col): (usize, usize),
    v: u8,
    is_error: bool,
) -> Result<(), String> {
    if !is_error {
        return builder.text(row, col, if v != 0 { "TRUE" } else { "FALSE" }.to_owned());
    }
    let e = match v {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#ERROR",
    };
    builder.invalid(row, col, format!("the error value {e}"))
}

/// An RK number: a whole number or the top of a float, perhaps times 100.
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 { f64::from((v as i32) >> 2) } else { f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32) };
    if v & 1 != 0 { n / 100.0 } else { n }
}

fn byte_at(d: &[u8], at: usize) -> Result<u8, String> {
    d.get(at).copied().ok_or_else(|| "a record of the workbook is cut short".to_owned())
}

fn u16_at(d: &[u8], at: usize) -> Result<u16, String> {
    Ok(u16::from_le_bytes([byte_at(d, at)?, byte_at(d, at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Result<u32, String> {
    Ok(u32::from_le_bytes([byte_at(d, at)?, byte_at(d, at + 1)?, byte_at(d, at + 2)?, byte_at(d, at + 3)?]))
}

fn f64_at(d: &[u8], at: usize) -> Result<f64, String> {
    let b = d.get(at..at + 8).ok_or("a record of the workbook is cut short")?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Ok(f64::from_le_bytes(a))
}

/// Excel's built-in number formats that show dates or times (Japanese Excel's included).
fn is_builtin_date(code: u16) -> bool {
    matches!(code, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a number format shows a date or a time: it has a d, m, y, h or s outside
/// quotes, brackets and escapes (`[h]:mm` counts; `0.00E+00` and `"件"` do not).
fn is_date_format(format: &str) -> bool {
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&q| q != ']').collect();
                if matches!(inside.to_ascii_lowercase().trim_matches(['h', 'm', 's']), "") && !inside.is_empty() {
                    return true;
                }
            }
            c if matches!(c.to_ascii_lowercase(), 'd' | 'm' | 'y' | 'h' | 's') => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_are_told_from_number_formats() {
        for f in ["yyyy/m/d", "[$-411]ggge\"年\"m\"月\"d\"日\"", "h:mm", "[h]:mm:ss", "m/d/yy"] {
            assert!(is_date_format(f), "{f}");
        }
        for f in ["General", "0.00E+00", "#,##0\"件\"", "0%", "[Red]0.0", "_(* #,##0_)"] {
            assert!(!is_date_format(f), "{f}");
        }
    }

    #[test]
    fn rk_numbers_decode() {
        assert_eq!(rk((114 << 2) | 2), 114.0);
        assert_eq!(rk((12345 << 2) | 3), 123.45);
        assert_eq!(rk((1.5f64.to_bits() >> 32) as u32), 1.5);
    }
}
