//! Text to typed records: TOML syntax and type errors as diagnostics with line, column
//! and key, in words a clerk can act on.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostics, Severity, Source, did_you_mean, escape_controls};
use crate::msg;
use crate::msg::Msg;

use super::*;

/// Parses a TOML file into `T`, turning syntax and type errors into diagnostics that
/// carry the line, column and key.
pub(super) fn parse<T: DeserializeOwned>(file: &LoadedText, diags: &mut Diagnostics) -> Option<T> {
    let source = Source { path: &file.path, text: &file.text };
    let deserializer = match toml::Deserializer::parse(&file.text) {
        Ok(d) => d,
        Err(e) => {
            let line = e.span().map(|sp| line_at(&file.text, sp.start)).unwrap_or_default();
            let control = line.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\r'));
            let help = match (control, full_width_outside_quotes(line)) {
                (Some(c), _) => {
                    let c = escape_controls(&c.to_string(), false).into_owned();
                    msg!(
                        ja: "この行にある制御文字 {c} を削除してください。記録ファイルには書けない文字です（ほかのソフトからコピーした文章に紛れ込むことがあります）。",
                        en: "the line holds the control character {c}, which a record may not hold: delete it (such characters come with text copied from other programs)",
                    )
                }
                (None, Some((wide, narrow))) => msg!(
                    ja: "「{wide}」は全角文字です。{narrow}に直してください（日本語入力をオフにして、半角で入力します）。全角で書けるのは、引用符の中の文字だけです。",
                    en: "「{wide}」 is a full-width character: write {narrow} instead (switch the input method to half-width); only text inside quotes may be full-width",
                    narrow = narrow,
                ),
                (None, None) => syntax_help(e.message()),
            };
            // The parser's own words are kept as a detail, in English.
            let detail = e.message().trim();
            let message = msg!(
                ja: "TOML の書き方に誤りがあります（詳細: {detail}）。\n{help}",
                en: "TOML syntax error: {detail}\n{help}",
                help = help,
            );
            diags.push(source.at(Severity::Error, e.span(), None, message));
            return None;
        }
    };
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Ok(value) => Some(value),
        Err(e) => {
            // `Spanned` values add an internal segment to the path; a clerk never wrote it.
            let key = e.path().to_string().replace(".$__serde_spanned_private_value", "");
            let inner = e.into_inner();
            let message = explain_serde_message(inner.message());
            // A key missing from the top level has the whole file as its span: say "in this
            // file" rather than pointing at line 1.
            let span = inner.span().filter(|s| !(s.start == 0 && (key == "." || key.is_empty())));
            diags.push(source.at(Severity::Error, span, Some(&key), message));
            None
        }
    }
}

/// The line of `text` containing byte `offset`.
pub(super) fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// The first full-width character outside a quoted string on a line, with its half-width
/// form: clerks typing with a Japanese input method write `＝`, `１２８` or `　`.
pub(super) fn full_width_outside_quotes(line: &str) -> Option<(char, Msg)> {
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' | '\'' => quoted = !quoted,
            '#' if !quoted => return None,
            crate::width::IDEOGRAPHIC_SPACE if !quoted => {
                return Some((c, msg!(ja: "半角の空白", en: "a normal space")));
            }
            c if !quoted && crate::width::is_full_width(c) => {
                let narrow = crate::width::narrow(c);
                return Some((c, msg!(ja: "半角の「{narrow}」", en: "「{narrow}」")));
            }
            _ => {}
        }
    }
    None
}

pub(super) fn syntax_help(message: &str) -> Msg {
    if message.contains("duplicate key") {
        msg!(
            ja: "一つの表の中に同じキーは一度しか書けません。どちらかを削除するか、名前を変えてください。",
            en: "each key may appear only once in a table; remove or rename one of them",
        )
    } else if message.contains("string") || message.contains("quote") {
        msg!(
            ja: "文字の値は \" で囲んでください（例: title = \"市民活動\"）。長い文章は \"\"\" と \"\"\" の間に書きます。",
            en: "text values need double quotes around them, e.g. title = \"市民活動\"; long text goes between \"\"\" and \"\"\"",
        )
    } else {
        msg!(
            ja: "この行を docs/records.md と見比べてください。キー = 値 の形で書き、文字は \" で囲みます。",
            en: "check the line against docs/records.md: keys are written key = value, text in double quotes",
        )
    }
}

/// Rewords serde's messages for a clerk and adds what to write instead. A message kyodo
/// made itself (a value's own check, passed through serde) comes back as it was made.
pub(super) fn explain_serde_message(message: &str) -> Msg {
    if let Some(own) = Msg::unpack(message) {
        return own;
    }
    // The TOML parser's words for a number beyond 128 bits or beyond the range of f64.
    if message == "integer number overflowed" || message == "floating-point number overflowed" {
        return msg!(
            ja: "数値が大きすぎて読み込めません。\n有効数字は15桁まで（整数は 9,007,199,254,740,992 まで）にしてください。大きな額は、円ではなく千円や億円のように大きな単位で書いてください。",
            en: "the number is too large to be read\nwrite at most 15 significant digits (whole numbers up to 9,007,199,254,740,992); give a large figure in a larger unit, e.g. 千円 or 億円 instead of 円",
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let allowed = candidates.join(", ");
        let help = match did_you_mean(field, candidates.iter().copied()) {
            Some(s) => msg!(
                ja: "`{s}` の書き間違いではありませんか。ここで使えるキーは次のとおりです: {allowed}",
                en: "did you mean `{s}`? the keys allowed here are: {allowed}",
            ),
            None => msg!(
                ja: "ここで使えるキーは次のとおりです: {allowed}",
                en: "the keys allowed here are: {allowed}",
            ),
        };
        return msg!(
            ja: "キー `{field}` はここでは使えません。\n{help}",
            en: "unknown key `{field}`\n{help}",
            help = help,
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return msg!(
            ja: "必要なキー `{field}` がありません。\nここに `{field} = …` を書き足してください（書き方は docs/records.md にあります）。",
            en: "missing required key `{field}`\nadd `{field} = …` here (see docs/records.md)",
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let allowed = candidates.join(", ");
        return msg!(
            ja: "ここに \"{variant}\" は書けません。\n次のどれかを書いてください: {allowed}",
            en: "\"{variant}\" is not allowed here\nwrite one of: {allowed}",
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return msg!(
            ja: "{expected}を書く所に、{found}が書かれています。\nこのキーに書けるものは、docs/records.md で確かめてください。",
            en: "expected {expected}, found {found}\nsee docs/records.md for what this key takes",
            expected = kind_of_value(expected),
            found = kind_of_value(found),
        );
    }
    let detail = message.trim();
    msg!(
        ja: "この値は読み込めません（詳細: {detail}）。書き方は docs/records.md で確かめてください。",
        en: "{detail}",
    )
}

/// What serde calls a kind of value, in a clerk's words.
fn kind_of_value(t: &str) -> Msg {
    let t = t.trim();
    if t.starts_with("a sequence") {
        msg!(ja: "角かっこで囲んだ一覧（例: [\"1-1-1\"]）", en: "a list in square brackets, e.g. [\"1-1-1\"]")
    } else if t.starts_with("a string") || t.starts_with("string") {
        msg!(ja: "引用符 \"…\" で囲んだ文字", en: "a text in double quotes")
    } else if t.starts_with("a map") || t.starts_with("struct") || t.starts_with("map") {
        msg!(ja: "表（例: {{ year = \"R5\", value = 128 }}）", en: "a table, e.g. {{ year = \"R5\", value = 128 }}")
    } else if t.starts_with("sequence") {
        msg!(ja: "一覧", en: "a list")
    } else if let Some(s) = t.strip_prefix("string ") {
        msg!(ja: "文字 {s} ", en: "the text {s}")
    } else if let Some(n) = t.strip_prefix("integer ").or_else(|| t.strip_prefix("floating point ")) {
        // Integers beyond 64 bits are described "`…` as i128".
        let n = n.trim_end_matches(" as i128").trim_end_matches(" as u128");
        msg!(ja: "数値 {n} ", en: "the number {n}")
    } else if let Some(b) = t.strip_prefix("boolean ") {
        msg!(ja: "真偽値 {b} ", en: "boolean {b}")
    } else if t == "a number" {
        msg!(ja: "数値", en: "a number")
    } else if t.starts_with("a number, a text") {
        msg!(
            ja: "数値、\"…\" で囲んだ文字、または [\"1\", \"2\"] のような一覧",
            en: "{t}",
        )
    } else if t.starts_with("a fiscal year") {
        msg!(ja: "年度（例: 2023、\"R5\"、\"令和5年度\"）", en: "{t}")
    } else if t.starts_with("a text") {
        msg!(ja: "文字（\"…\" または {{ ja = \"…\", en = \"…\" }}）", en: "{t}")
    } else {
        msg!(ja: "{t}", en: "{t}")
    }
}
