//! The strings of an .xls workbook: the shared strings and the texts of cells and sheet
//! names, whose characters may go on from a record into the CONTINUE records after it.

use super::Record;
use crate::msg;
use crate::msg::Msg;

fn cut_short() -> Msg {
    msg!(ja: "ブックの中の文字列が途中で切れています。", en: "a string of the workbook is cut short")
}

/// Strings read from a record and its CONTINUE records: a string's characters may go on in
/// the next CONTINUE record, which then starts with a byte saying whether they are one or
/// two bytes each.
pub(super) struct Strings<'r> {
    parts: Vec<&'r [u8]>,
    part: usize,
    pos: usize,
}

impl<'r> Strings<'r> {
    pub(super) fn new(r: &'r Record, skip: usize) -> Strings<'r> {
        let mut parts = vec![r.data.as_slice()];
        parts.extend(r.more.iter().map(Vec::as_slice));
        Strings { parts, part: 0, pos: skip }
    }

    pub(super) fn at_end(&mut self) -> bool {
        while self.part < self.parts.len() && self.pos >= self.parts[self.part].len() {
            self.part += 1;
            self.pos = 0;
        }
        self.part >= self.parts.len()
    }

    fn byte(&mut self) -> Result<u8, Msg> {
        if self.at_end() {
            return Err(cut_short());
        }
        let b = self.parts[self.part][self.pos];
        self.pos += 1;
        Ok(b)
    }

    fn skip(&mut self, mut n: usize) -> Result<(), Msg> {
        while n > 0 {
            if self.at_end() {
                return Err(cut_short());
            }
            let here = (self.parts[self.part].len() - self.pos).min(n);
            self.pos += here;
            n -= here;
        }
        Ok(())
    }

    /// `count` characters, one or two bytes each as `high` says, and as each CONTINUE
    /// record says anew.
    fn chars(&mut self, count: usize, mut high: bool) -> Result<String, Msg> {
        let mut units: Vec<u16> = Vec::with_capacity(count.min(8224));
        while units.len() < count {
            if self.pos >= self.parts.get(self.part).map_or(0, |p| p.len()) {
                self.part += 1;
                self.pos = 0;
                if self.part >= self.parts.len() {
                    return Err(cut_short());
                }
                high = self.byte()? & 1 != 0;
                continue;
            }
            let part = self.parts[self.part];
            if high {
                let (lo, hi) = (part[self.pos], part.get(self.pos + 1).copied().ok_or_else(cut_short)?);
                units.push(u16::from_le_bytes([lo, hi]));
                self.pos += 2;
            } else {
                units.push(u16::from(part[self.pos]));
                self.pos += 1;
            }
        }
        Ok(String::from_utf16_lossy(&units))
    }

    /// An XLUnicodeString (`wide`: a 2-byte count) or ShortXLUnicodeString (1-byte count).
    pub(super) fn unicode(&mut self, wide: bool) -> Result<String, Msg> {
        let count = if wide {
            usize::from(u16::from_le_bytes([self.byte()?, self.byte()?]))
        } else {
            usize::from(self.byte()?)
        };
        let flags = self.byte()?;
        self.chars(count, flags & 1 != 0)
    }

    /// An XLUnicodeRichExtendedString of the shared strings: its text, without its
    /// formatting runs and phonetic data.
    pub(super) fn rich(&mut self) -> Result<String, Msg> {
        let count = usize::from(u16::from_le_bytes([self.byte()?, self.byte()?]));
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 { usize::from(u16::from_le_bytes([self.byte()?, self.byte()?])) } else { 0 };
        let ext = if flags & 0x04 != 0 {
            u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]) as usize
        } else {
            0
        };
        let text = self.chars(count, flags & 1 != 0)?;
        self.skip(runs * 4)?;
        self.skip(ext)?;
        Ok(text)
    }
}
