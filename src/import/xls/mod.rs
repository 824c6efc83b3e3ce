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
use super::workbook::{NamedTable, Sheets, in_sheet};
use crate::msg;
use crate::msg::Msg;

mod strings;
use strings::Strings;

/// Reads the worksheets of the .xls file in `bytes`.
pub fn read(bytes: &[u8], limits: &Limits, which: Sheets) -> Result<Vec<NamedTable>, Msg> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        msg!(
            ja: "ブックを .xlsx として保存し直してください。.xls ファイルとして読めません（詳細: {e}）。",
            en: "is not an .xls file ({e}); save the workbook as .xlsx",
        )
    })?;
    let stream = cfb.open_stream("/Workbook").or_else(|_| cfb.open_stream("/Book")).map_err(|_| {
        msg!(
            ja: "Excel のブックとして読めません（ブックの本体である Workbook ストリームがありません）。",
            en: "is not an Excel workbook: it has no Workbook stream",
        )
    })?;
    let mut records = Records { inner: BufReader::new(stream), pending: None, limits };
    let globals = globals(&mut records)?;
    let mut builder = Builder::new(limits);
    let mut sheets = Vec::new();
    for (name, position) in &globals.sheets {
        records.seek(*position)?;
        cells(&mut records, &globals, &mut builder).map_err(|e| in_sheet(which, name, e))?;
        sheets.push(NamedTable { name: name.clone(), table: builder.take() });
        if which == Sheets::First {
            break;
        }
    }
    if sheets.is_empty() {
        return Err(msg!(ja: "ブックにワークシートがありません。", en: "the workbook has no worksheet"));
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
    fn seek(&mut self, position: u64) -> Result<(), Msg> {
        self.pending = None;
        self.inner.seek(SeekFrom::Start(position)).map(|_| ()).map_err(cannot_read)
    }

    /// The next record alone; `None` at the end of the stream.
    fn raw(&mut self) -> Result<Option<(u16, Vec<u8>)>, Msg> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        let mut head = [0u8; 4];
        match self.inner.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(cannot_read(e)),
        }
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let mut data = vec![0u8; len];
        self.inner
            .read_exact(&mut data)
            .map_err(|e| msg!(ja: "ブックが途中で切れています（{e}）。", en: "the workbook is cut short: {e}"))?;
        Ok(Some((kind, data)))
    }

    /// The next record with its CONTINUE records; those of the shared strings may hold up
    /// to [`Limits::strings_bytes`], those of any other record up to
    /// [`Limits::xml_piece_bytes`].
    fn next(&mut self) -> Result<Option<Record>, Msg> {
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
                let most = super::read::megabytes(most);
                return Err(msg!(
                    ja: "ブックの中に {most} を超える長さのレコードがあります。kyodo が読めるのは {most} までです。",
                    en: "a record of the workbook is longer than {most}, the most kyodo reads",
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

fn globals<R: Read + Seek>(records: &mut Records<'_, R>) -> Result<Globals, Msg> {
    let mut g = Globals { sheets: Vec::new(), strings: Vec::new(), xf_dates: Vec::new(), is_1904: false };
    let mut formats: std::collections::HashMap<u16, bool> = std::collections::HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut first = true;
    while let Some(r) = records.next()? {
        if first {
            first = false;
            if r.kind != BOF {
                return Err(msg!(
                    ja: "ブックを .xlsx として保存し直してください。Excel のブックとして読めません。",
                    en: "is not an Excel workbook: save it as .xlsx",
                ));
            }
            if u16_at(&r.data, 0)? != 0x0600 {
                return Err(msg!(
                    ja: "Excel か LibreOffice でファイルを開き、.xlsx として保存し直してください。Excel 5.0/95 形式のブックは、kyodo では読めません。",
                    en: "is an Excel 5.0/95 workbook, which kyodo does not read: open it in Excel or LibreOffice and save it as .xlsx",
                ));
            }
            continue;
        }
        match r.kind {
            0x002F => {
                return Err(msg!(
                    ja: "パスワードを外して、ブックを保存し直してください。ブックにパスワードがかかっています。",
                    en: "is protected with a password: save the workbook without a password",
                ));
            }
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
                        let most = records.limits.sheets;
                        return Err(msg!(
                            ja: "ブックのシートが {most} 枚を超えています。kyodo が読めるのは {most} 枚までです。",
                            en: "has more than {most} sheets, the most kyodo reads",
                        ));
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
fn shared_strings(r: &Record, limits: &Limits) -> Result<Vec<String>, Msg> {
    let mut s = Strings::new(r, 8);
    let mut strings = Vec::new();
    let mut bytes: u64 = 0;
    while !s.at_end() {
        let text = s.rich()?;
        bytes += text.len() as u64;
        if bytes > limits.strings_bytes {
            let most = super::read::megabytes(limits.strings_bytes);
            return Err(msg!(
                ja: "これほど大きな表は .csv で保存してください。ブックの共有文字列が {most} を超えています（kyodo が読めるのは {most} までです）。",
                en: "its shared strings hold more than {most}, the most kyodo reads (save a table this large as .csv)",
            ));
        }
        strings.push(text);
    }
    Ok(strings)
}

/// Reads the cells of the sheet whose BOF record is next, up to its EOF.
fn cells<R: Read + Seek>(records: &mut Records<'_, R>, g: &Globals, builder: &mut Builder<'_>) -> Result<(), Msg> {
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
fn cell(r: &Record, g: &Globals, builder: &mut Builder<'_>, string_at: &mut Option<(usize, usize)>) -> Result<(), Msg> {
    let d = &r.data;
    let at =
        |d: &[u8]| -> Result<(usize, usize), Msg> { Ok((usize::from(u16_at(d, 0)?) + 1, usize::from(u16_at(d, 2)?))) };
    let is_date =
        |d: &[u8]| -> Result<bool, Msg> { Ok(g.xf_dates.get(usize::from(u16_at(d, 4)?)).copied().unwrap_or(false)) };
    match r.kind {
        0x00FD => {
            let (row, col) = at(d)?;
            let i = u32_at(d, 6)? as usize;
            let text = g.strings.get(i).ok_or_else(|| {
                let cell = cell_name(row, col);
                msg!(
                    ja: "セル {cell} が、ブックにない共有文字列を参照しています。",
                    en: "cell {cell} refers to a shared string that is not there",
                )
            })?;
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
            let v = d
                .get(6..14)
                .ok_or_else(|| msg!(ja: "数式のレコードが途中で切れています。", en: "a formula record is cut short"))?;
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
) -> Result<(), Msg> {
    if is_date {
        let d = calamine::ExcelDateTime::new(v, calamine::ExcelDateTimeType::DateTime, is_1904);
        return builder.invalid(row, col, date(&d));
    }
    builder.text(row, col, v.to_string())
}

fn boolean_or_error(builder: &mut Builder<'_>, (row, col): (usize, usize), v: u8, is_error: bool) -> Result<(), Msg> {
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
    builder.invalid(row, col, msg!(ja: "エラー値（{e}）", en: "the error value {e}"))
}

/// An RK number: a whole number or the top of a float, perhaps times 100.
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 { f64::from((v as i32) >> 2) } else { f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32) };
    if v & 1 != 0 { n / 100.0 } else { n }
}

/// "cannot read the workbook", with the reason.
fn cannot_read(e: std::io::Error) -> Msg {
    msg!(ja: "ブックを読み込めません（{e}）。", en: "cannot read the workbook: {e}")
}

fn record_cut_short() -> Msg {
    msg!(ja: "ブックのレコードが途中で切れています。", en: "a record of the workbook is cut short")
}

fn byte_at(d: &[u8], at: usize) -> Result<u8, Msg> {
    d.get(at).copied().ok_or_else(record_cut_short)
}

fn u16_at(d: &[u8], at: usize) -> Result<u16, Msg> {
    Ok(u16::from_le_bytes([byte_at(d, at)?, byte_at(d, at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Result<u32, Msg> {
    Ok(u32::from_le_bytes([byte_at(d, at)?, byte_at(d, at + 1)?, byte_at(d, at + 2)?, byte_at(d, at + 3)?]))
}

fn f64_at(d: &[u8], at: usize) -> Result<f64, Msg> {
    let b = d.get(at..at + 8).ok_or_else(record_cut_short)?;
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
