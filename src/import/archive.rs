//! Checks an .xlsx or .ods file (a zip archive of XML parts) before any of it is unpacked
//! for reading, so that a small file cannot make the import unpack gigabytes.
//!
//! The sizes an archive declares are checked first, then every part is unpacked once into
//! nothing, counting what it really holds: a part that declares 1 KB and unpacks to 1 GB is
//! stopped at the limit. XML parts are also scanned for their longest piece of markup or
//! text, because an XML reader holds one such piece in memory at a time: a single cell of
//! a gigabyte is refused here, before the spreadsheet reader sees it.

use std::io::{Cursor, Read};

use super::read::{Limits, megabytes};
use crate::msg;
use crate::msg::Msg;

/// The kind of archive: an .xlsx workbook, or an OpenDocument spreadsheet (.ods), whose
/// sheets are all in one part, `content.xml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Ods,
}

/// Checks every part of the .xlsx archive in `bytes` against `limits`; the error says
/// which part is too large and what the limit is.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), Msg> {
    check_kind(bytes, limits, Kind::Xlsx)
}

/// [`check`] for an archive of `kind`.
pub fn check_kind(bytes: &[u8], limits: &Limits, kind: Kind) -> Result<(), Msg> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match kind {
        Kind::Xlsx => msg!(
            ja: "パスワード付きのブックはパスワードを外して保存し、.xls ファイルは .xlsx として保存し直してください。.xlsx ファイルとして読めません（詳細: {e}）。",
            en: "is not an .xlsx file ({e}); a password-protected workbook must be saved without a password, and an .xls file saved as .xlsx",
        ),
        Kind::Ods => msg!(
            ja: "パスワード付きのファイルは、パスワードを外して保存し直してください。.ods ファイルとして読めません（詳細: {e}）。",
            en: "is not an .ods file ({e}); a password-protected spreadsheet must be saved without a password",
        ),
    })?;
    if zip.len() > limits.parts {
        let (parts, most) = (zip.len(), limits.parts);
        return Err(msg!(
            ja: "ブックの部品が{parts}個あります。kyodo が読めるのは{most}個までです。",
            en: "holds {parts} parts; kyodo reads workbooks of at most {most} parts",
        ));
    }
    let mut declared_total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| {
            msg!(ja: "ファイルの中の部品 {i} を読み込めません（{e}）。", en: "cannot read part {i} of the archive: {e}")
        })?;
        let name = part_name(&part, i);
        if part.size() > limit(&name, limits, kind).0 {
            return Err(too_large(&name, limits, kind));
        }
        declared_total = declared_total.saturating_add(part.size());
    }
    if declared_total > limits.parts_bytes {
        return Err(total_too_large(declared_total, limits));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| {
            msg!(ja: "ファイルの中の部品 {i} を展開できません（{e}）。", en: "cannot unpack part {i} of the archive: {e}")
        })?;
        let name = part_name(&part, i);
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels");
        let most = limit(&name, limits, kind).0;
        let mut counted = part.take(most + 1);
        let mut scanner = Scanner::new(limits.xml_piece_bytes);
        let mut buf = vec![0u8; 64 * 1024];
        let mut size: u64 = 0;
        loop {
            let n = counted
                .read(&mut buf)
                .map_err(|e| msg!(ja: "{name} を展開できません（{e}）。", en: "cannot unpack {name}: {e}"))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            if size > most {
                return Err(too_large(&name, limits, kind));
            }
            if is_xml {
                scanner.feed(&buf[..n]).map_err(|e| msg!(ja: "{name}: {e}", en: "{name}: {e}", e = e))?;
            }
        }
        total += size;
        if total > limits.parts_bytes {
            return Err(total_too_large(total, limits));
        }
    }
    Ok(())
}

fn part_name<R: Read>(part: &zip::read::ZipFile<'_, R>, i: usize) -> String {
    part.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("part {i}"))
}

/// The most a part may unpack to, and what that limit is for. A worksheet is read one
/// cell at a time; the shared strings and the other XML parts (styles, relationships) are
/// held in memory whole, and expand there, so they get less.
fn limit(name: &str, limits: &Limits, kind: Kind) -> (u64, Msg) {
    let lower = name.to_ascii_lowercase();
    let sheets = match kind {
        Kind::Xlsx => lower.starts_with("xl/worksheets/") && lower.ends_with(".xml"),
        Kind::Ods => lower == "content.xml",
    };
    if sheets {
        (limits.part_bytes, msg!(ja: "一つのワークシートでは", en: "from one worksheet"))
    } else if lower == "xl/sharedstrings.xml" {
        (
            limits.strings_bytes,
            msg!(
                ja: "ブックの共有文字列では（これほど大きな表は .csv で保存してください）",
                en: "of the shared strings of a workbook (save a table this large as .csv)",
            ),
        )
    } else if lower.ends_with(".xml") || lower.ends_with(".rels") {
        (limits.xml_bytes, msg!(ja: "ワークシート以外の部品では", en: "from a part other than a worksheet"))
    } else {
        (limits.part_bytes, msg!(ja: "一つの部品では", en: "from one part"))
    }
}

fn too_large(name: &str, limits: &Limits, kind: Kind) -> Msg {
    let (most, what) = limit(name, limits, kind);
    let most = megabytes(most);
    msg!(
        ja: "部品 {name} は展開すると {most} を超えます。kyodo が読めるのは、{what} {most} までです。",
        en: "its part {name} unpacks to more than {most}, the most kyodo reads {what}",
        what = what,
    )
}

fn total_too_large(size: u64, limits: &Limits) -> Msg {
    let (size, most) = (megabytes(size), megabytes(limits.parts_bytes));
    msg!(
        ja: "部品を展開すると合計 {size} になります。kyodo が展開するのは {most} までです。",
        en: "its parts unpack to {size} in all; kyodo unpacks at most {most}",
    )
}

/// What the scanner is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// A tag: `<c r="A1">`; `quote` is the open quote of an attribute value, if any.
    Tag {
        quote: Option<u8>,
    },
    Comment,
    CData,
    Instruction,
}

/// Measures the pieces an XML reader reads at once (a tag with its attributes, a text, a
/// comment, a CDATA section) without keeping any of them.
struct Scanner {
    limit: u64,
    state: State,
    /// Length of the current piece.
    length: u64,
    /// The start of the current tag, to recognise `<!--`, `<![CDATA[`, `<?` and `<!DOCTYPE`.
    head: Vec<u8>,
    /// The last two bytes, to recognise `-->`, `]]>` and `?>`.
    tail: [u8; 2],
}

impl Scanner {
    fn new(limit: u64) -> Scanner {
        Scanner { limit, state: State::Text, length: 0, head: Vec::with_capacity(9), tail: [0; 2] }
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Msg> {
        for &b in bytes {
            self.step(b)?;
            self.length += 1;
            if self.length > self.limit {
                let most = megabytes(self.limit);
                return Err(msg!(
                    ja: "{most} を超える長さの文字かタグがあります。一つのセルには 32,767 文字までしか入りません。",
                    en: "holds a piece of text or markup longer than {most}; a cell holds at most 32,767 characters",
                ));
            }
            self.tail = [self.tail[1], b];
        }
        Ok(())
    }

    fn step(&mut self, b: u8) -> Result<(), Msg> {
        match self.state {
            State::Text => {
                if b == b'<' {
                    self.start(State::Tag { quote: None });
                    self.head.push(b);
                }
            }
            State::Tag { quote } => {
                if self.head.len() < 9 {
                    self.head.push(b);
                    match self.head.as_slice() {
                        b"<!--" => self.state = State::Comment,
                        b"<![CDATA[" => self.state = State::CData,
                        b"<?" => self.state = State::Instruction,
                        h if h.eq_ignore_ascii_case(b"<!DOCTYPE") => {
                            return Err(msg!(
                                ja: "表計算ソフトのファイルにはない DOCTYPE 宣言があります。",
                                en: "declares a DOCTYPE, which spreadsheets never do",
                            ));
                        }
                        _ => {}
                    }
                    if self.state != (State::Tag { quote }) {
                        return Ok(());
                    }
                }
                match (quote, b) {
                    (None, b'"' | b'\'') => self.state = State::Tag { quote: Some(b) },
                    (Some(q), _) if b == q => self.state = State::Tag { quote: None },
                    (None, b'>') => self.start(State::Text),
                    _ => {}
                }
            }
            State::Comment if self.tail == *b"--" && b == b'>' => self.start(State::Text),
            State::CData if self.tail == *b"]]" && b == b'>' => self.start(State::Text),
            State::Instruction if self.tail[1] == b'?' && b == b'>' => self.start(State::Text),
            State::Comment | State::CData | State::Instruction => {}
        }
        Ok(())
    }

    fn start(&mut self, state: State) {
        self.state = state;
        self.length = 0;
        self.head.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longest_ok(xml: &str, limit: u64) -> Result<(), Msg> {
        let mut s = Scanner::new(limit);
        s.feed(xml.as_bytes())
    }

    #[test]
    fn pieces_are_measured_as_an_xml_reader_reads_them() {
        assert!(longest_ok("<si><t>short</t></si>", 16).is_ok());
        assert!(longest_ok("<si><t>a text longer than the limit</t></si>", 16).is_err());
        // A quoted attribute value is part of its tag, '<' and '>' included.
        assert!(longest_ok("<c r=\"<<<<<<<<<<<<<<<<<<<<<<<\">", 16).is_err());
        assert!(longest_ok("<c r=\">>>>>>>>>>>>>>>>>>>>>>>>\">", 16).is_err());
        // Comments and CDATA end only at their own end marks.
        assert!(longest_ok("<!-- < < < < < < < < < < < < -->", 16).is_err());
        assert!(longest_ok("<![CDATA[< < < < < < < < < < < <]]>", 16).is_err());
        assert!(longest_ok("<?xml version=\"1.0\"?><a>x</a>", 32).is_ok());
        assert!(longest_ok("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>", 1000).is_err());
    }
}
