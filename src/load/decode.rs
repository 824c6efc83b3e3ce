//! Bytes to text: UTF-8, with or without a byte-order mark; UTF-16 and Shift_JIS are
//! refused with how to re-save the file.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::msg;
use crate::msg::Msg;

use super::*;

/// Decodes a file as UTF-8 text, dropping a byte-order mark (Notepad writes one). A file in
/// UTF-16 (Notepad's "Unicode") or Shift_JIS (what Japanese Windows calls "ANSI") is
/// refused with how to re-save it: guessing encodings could publish mojibake.
pub(super) fn decode(file: &SourceFile, diags: &mut Diagnostics) -> Option<LoadedText> {
    let save_as_utf8 = || {
        msg!(
            ja: "メモ帳でファイルを開き、「ファイル」→「名前を付けて保存」を選び、「文字コード」を「UTF-8」にして保存してください。",
            en: "open the file in Notepad, choose File > Save As, set Encoding to \"UTF-8\" and save",
        )
    };
    if let Some(utf16) = utf16_kind(&file.bytes) {
        let message = msg!(
            ja: "このファイルの文字コードは {utf16}です。UTF-8 ではありません。",
            en: "the file is in {utf16}, not UTF-8",
            utf16 = utf16,
        );
        diags.push(Diagnostic::file_error(&file.path, message, save_as_utf8()));
        return None;
    }
    let bytes = crate::files::without_bom(&file.bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(LoadedText { path: file.path.clone(), text: text.to_owned() }),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let (_, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
            let message = if had_errors {
                msg!(
                    ja: "このファイルは UTF-8 の文字として読めません（UTF-8 として読めない最初の箇所は{line}行目にあります）。",
                    en: "the file is not UTF-8 text (first non-UTF-8 byte on line {line})",
                )
            } else {
                msg!(
                    ja: "このファイルの文字コードは Shift_JIS（ANSI）です。UTF-8 ではありません（UTF-8 でない最初の文字は{line}行目にあります）。",
                    en: "the file is in Shift_JIS (ANSI), not UTF-8 (first non-UTF-8 byte on line {line})",
                )
            };
            diags.push(Diagnostic::file_error(&file.path, message, save_as_utf8()));
            None
        }
    }
}

/// Names the UTF-16 a file is in, as Notepad calls it, if it is: by its byte-order mark,
/// or without one by the zero bytes that UTF-16 puts beside every ASCII character (a TOML
/// record is mostly ASCII: keys, `=`, quotes, numbers). Text never holds zero bytes.
pub(super) fn utf16_kind(bytes: &[u8]) -> Option<Msg> {
    let le = || msg!(ja: "UTF-16 LE（メモ帳の「Unicode」）", en: "UTF-16 LE (Notepad's \"Unicode\")");
    let be =
        || msg!(ja: "UTF-16 BE（メモ帳の「Unicode big endian」）", en: "UTF-16 BE (Notepad's \"Unicode big endian\")");
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(le());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(be());
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let units = sample.len() / 2;
    // One zero byte in most code units, on one side only: ASCII text in UTF-16.
    let utf16 = |zeros: usize, other: usize| zeros >= 4 && zeros * 4 >= units && other * 10 <= zeros;
    if utf16(odd, even) {
        Some(le())
    } else if utf16(even, odd) {
        Some(be())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_recognised_with_or_without_a_byte_order_mark_and_only_then() {
        let record = "id = \"1-1-1\"\ntitle = \"市民活動支援補助金の充実\"\ndepartment = \"shimin\"\n";
        let encode = |le: bool| -> Vec<u8> {
            record.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
        };
        let le = encode(true);
        let be = encode(false);
        assert!(
            utf16_kind(&[b"\xFF\xFE".as_slice(), &le].concat())
                .is_some_and(|k| k.get(crate::msg::Lang::En).starts_with("UTF-16 LE"))
        );
        assert!(
            utf16_kind(&[b"\xFE\xFF".as_slice(), &be].concat())
                .is_some_and(|k| k.get(crate::msg::Lang::En).starts_with("UTF-16 BE"))
        );
        assert!(utf16_kind(&le).is_some_and(|k| k.get(crate::msg::Lang::En).starts_with("UTF-16 LE")));
        assert!(utf16_kind(&be).is_some_and(|k| k.get(crate::msg::Lang::En).starts_with("UTF-16 BE")));
        assert_eq!(utf16_kind(record.as_bytes()), None);
        // A stray zero byte in a UTF-8 record is not UTF-16: the TOML parser reports it.
        assert_eq!(utf16_kind(format!("{record}note = \"a\0b\"\n").as_bytes()), None);
        assert_eq!(utf16_kind(b""), None);
    }
}
