//! Problems found in a site's files, reported the way a clerk can act on them.
//!
//! Every diagnostic names the file and, where known, the line, column and TOML key, then
//! shows the line with a caret under the problem and says what to write instead:
//!
//! ```text
//! error: content/projects/1-1-1.toml:7:14: department: unknown department "shimin"
//!   |
//! 7 | department = "shimin"
//!   |              ^^^^^^^^
//!   = help: write one of the department ids in content/vocabulary.toml: koho-joho, shimin-katsudo
//! ```
//!
//! Message and help are [`Msg`]s, in Japanese and English; [`Diagnostics::render`] shows
//! them in one. In Japanese the fix comes first, then what was found:
//!
//! ```text
//! エラー: content/projects/1-1-1.toml 7行14列 department
//!   |
//! 7 | department = "shimin"
//!   |              ^^^^^^^^
//!   直し方: content/vocabulary.toml にある課のIDのどれかを書いてください: koho-joho, shimin-katsudo
//!   内容: 課のID "shimin" が見つかりません。
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::msg::{Lang, Msg};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root.
    pub file: PathBuf,
    pub location: Option<Location>,
    /// The TOML key, e.g. `indicators[0].target.value`.
    pub key: Option<String>,
    pub message: Msg,
    /// What to do about it.
    pub help: Option<Msg>,
}

/// A position in a file, with the text of its line for the snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Width of the underline, in characters.
    pub width: usize,
    pub line_text: String,
}

impl Diagnostic {
    /// An error about a whole file (it cannot be read, it is not UTF-8 …).
    pub fn file_error(file: &Path, message: Msg, help: Msg) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            location: None,
            key: None,
            message,
            help: Some(help),
        }
    }
}

/// A file being checked: its path for messages and its text for snippets.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    /// A diagnostic at `span` (byte offsets into the text); `message` may carry what to
    /// do after a line break, in both languages ([`Msg::split_help`]).
    pub fn at(&self, severity: Severity, span: Option<Range<usize>>, key: Option<&str>, message: Msg) -> Diagnostic {
        let (message, help) = message.split_help();
        Diagnostic {
            severity,
            file: self.path.to_path_buf(),
            location: span.map(|s| self.locate(s)),
            key: key.filter(|k| !k.is_empty() && *k != ".").map(str::to_owned),
            message,
            help,
        }
    }

    /// An error at `span` with `key`; `message` may carry help after a newline.
    pub fn error(&self, span: Range<usize>, key: &str, message: Msg) -> Diagnostic {
        self.at(Severity::Error, Some(span), Some(key), message)
    }

    fn locate(&self, span: Range<usize>) -> Location {
        let text = self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let underlined_end = end.min(line_end);
        let width = text[start..underlined_end].chars().count().max(1);
        Location { line, column, width, line_text: text[line_start..line_end].trim_end_matches('\r').to_owned() }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Diagnostic {
    /// The diagnostic as the clerk reads it, in `lang`: the rustc-style layout in English;
    /// in Japanese the fix first (直し方), then what was found (内容).
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = match lang {
            Lang::En => self.write_english(&mut out),
            Lang::Ja => self.write_japanese(&mut out),
        };
        out
    }

    /// The diagnostic rendered in each language, as one message (for errors that travel
    /// as a message, not a diagnostic).
    pub fn rendered(&self) -> Msg {
        crate::msg!(ja: "{ja}", en: "{en}", ja = self.render(Lang::Ja), en = self.render(Lang::En))
    }

    /// The file as shown: forward slashes on every platform, as a clerk types them.
    fn shown_file(&self) -> String {
        escape_controls(&self.file.to_string_lossy().replace('\\', "/"), false).into_owned()
    }

    fn write_english(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.shown_file())?;
        if let Some(loc) = &self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "{}: ", escape_controls(key, false))?;
        }
        writeln!(f, "{}", escape_controls(self.message.get(Lang::En), true))?;
        let pad = self.write_snippet(f)?;
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {}", escape_controls(help.get(Lang::En), true))?;
        }
        Ok(())
    }

    fn write_japanese(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
        };
        write!(f, "{label}: {}", self.shown_file())?;
        if let Some(loc) = &self.location {
            write!(f, " {}行{}列", loc.line, loc.column)?;
        }
        if let Some(key) = &self.key {
            write!(f, " {}", escape_controls(key, false))?;
        }
        writeln!(f)?;
        self.write_snippet(f)?;
        // Lines after the first are indented under the text of their label.
        let indented = |text: &str| escape_controls(text, true).replace('\n', "\n    ");
        if let Some(help) = &self.help {
            writeln!(f, "  直し方: {}", indented(help.get(Lang::Ja)))?;
        }
        writeln!(f, "  内容: {}", indented(self.message.get(Lang::Ja)))
    }

    /// The line of the problem with a caret under it, if the diagnostic has a position;
    /// returns the padding of the gutter.
    fn write_snippet(&self, f: &mut impl fmt::Write) -> Result<String, fmt::Error> {
        let gutter = self.location.as_ref().map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(loc) = &self.location {
            // Each character as shown and its width in columns: tabs would shift the caret
            // and are shown as one space; control characters are shown escaped.
            let cells: Vec<(Cow<'_, str>, usize)> = loc.line_text.chars().map(cell).collect();
            let shown: String = cells.iter().map(|(s, _)| s.as_ref()).collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {shown}", loc.line)?;
            let lead: String = cells.iter().take(loc.column - 1).map(|(_, w)| " ".repeat(*w)).collect();
            let carets: String =
                cells.iter().skip(loc.column - 1).take(loc.width).map(|(_, w)| "^".repeat(*w)).collect();
            let carets = if carets.is_empty() { "^".to_owned() } else { carets };
            writeln!(f, "{pad} | {lead}{carets}")?;
        }
        Ok(pad)
    }
}

/// One character of a snippet line as shown, with its width in terminal columns.
fn cell(c: char) -> (Cow<'static, str>, usize) {
    if c == '\t' {
        (Cow::Borrowed(" "), 1)
    } else if is_unsafe_on_terminal(c) {
        let escaped = escaped(c);
        let width = escaped.len();
        (Cow::Owned(escaped), width)
    } else {
        (Cow::Owned(c.to_string()), if is_wide(c) { 2 } else { 1 })
    }
}

/// Whether a character from a file must not reach a terminal as it is: control
/// characters (NUL, ESC and the rest of C0, DEL, C1) can clear the screen, move the
/// cursor or change colours, and bidirectional overrides can make a line read differently
/// from what it holds.
fn is_unsafe_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// A character written as an escape, e.g. `\u{1b}` for ESC.
fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `text` with every character that is unsafe on a terminal escaped (`\u{1b}`); line
/// breaks are kept where `keep_newlines` (messages and help may have several lines).
pub fn escape_controls(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe_on_terminal(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if unsafe_char(c) { escaped(c) } else { c.to_string() }).collect())
}

/// Whether a character takes two columns in a terminal (CJK, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// All problems found in one run, errors and warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Sorts errors before warnings, then by file, position, key, message and help: a
    /// total order, so that reports read top to bottom and are the same on every run
    /// whatever order the files were checked in.
    pub fn sort(&mut self) {
        let position = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, position(a))
                .cmp(&(b.severity, &b.file, position(b)))
                .then_with(|| (&a.key, &a.message, &a.help).cmp(&(&b.key, &b.message, &b.help)))
        });
    }
}

impl Diagnostics {
    /// Every diagnostic in `lang`, each followed by a blank line, then the count of errors
    /// and warnings.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out.push_str(self.summary().get(lang));
        out
    }

    /// "2 errors, 1 warning".
    pub fn summary(&self) -> Msg {
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
        match (errors, warnings) {
            (0, 0) => crate::msg!(ja: "問題は見つかりませんでした。", en: "no problems found"),
            (0, w) => crate::msg!(ja: "警告が{w}件あります。", en: "{english}", english = plural(w, "warning")),
            (e, 0) => crate::msg!(ja: "エラーが{e}件あります。", en: "{english}", english = plural(e, "error")),
            (e, w) => crate::msg!(
                ja: "エラーが{e}件、警告が{w}件あります。",
                en: "{errors}, {warnings}",
                errors = plural(e, "error"),
                warnings = plural(w, "warning"),
            ),
        }
    }
}

/// The closest candidate to a misspelt name, if one is close enough to suggest.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(wrong, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_points_at_the_column_in_characters() {
        let text = "id = \"1-1-1\"\ntitle = \"市民\"\ndepartment = \"shimin\"\n";
        let src = Source { path: Path::new("content/projects/1-1-1.toml"), text };
        let start = text.find("\"shimin\"").unwrap();
        let message = crate::msg!(
            ja: "課「shimin」はありません。\n次のどれかを書いてください: a, b",
            en: "unknown department \"shimin\"\nwrite one of: a, b",
        );
        let d = src.error(start..start + 8, "department", message);
        assert_eq!(
            d.render(Lang::En),
            "error: content/projects/1-1-1.toml:3:14: department: unknown department \"shimin\"\n  |\n3 | department = \"shimin\"\n  |              ^^^^^^^^\n  = help: write one of: a, b\n"
        );
        assert_eq!(
            d.render(Lang::Ja),
            "エラー: content/projects/1-1-1.toml 3行14列 department\n  |\n3 | department = \"shimin\"\n  |              ^^^^^^^^\n  直し方: 次のどれかを書いてください: a, b\n  内容: 課「shimin」はありません。\n"
        );
    }

    #[test]
    fn control_characters_from_a_file_are_shown_escaped_and_the_caret_still_fits() {
        let text = "title = \"\u{1b}[2J\0x\"\n";
        let src = Source { path: Path::new("content/projects/a\u{1b}b.toml"), text };
        let start = text.find('x').unwrap();
        let message = crate::msg!(
            ja: "「\u{1b}[2J\0x」はありません。\n\u{202E}x\u{9b} と書いてください。",
            en: "unknown \"\u{1b}[2J\0x\"\nwrite \u{202E}x\u{9b}",
        );
        let d = src.error(start..start + 1, "title", message);
        assert!(!d.render(Lang::Ja).contains(|c: char| c.is_control() && c != '\n'), "{}", d.render(Lang::Ja));
        assert_eq!(
            d.render(Lang::En),
            concat!(
                "error: content/projects/a\\u{1b}b.toml:1:15: title: unknown \"\\u{1b}[2J\\u{0}x\"\n",
                "  |\n",
                "1 | title = \"\\u{1b}[2J\\u{0}x\"\n",
                "  |                        ^\n",
                "  = help: write \\u{202e}x\\u{9b}\n",
            )
        );
        assert_eq!(escape_controls("二行の\nhelp\r", true), "二行の\nhelp\\u{d}");
        assert_eq!(escape_controls("a\nb", false), "a\\u{a}b");
    }

    #[test]
    fn diagnostics_sort_the_same_whatever_order_they_were_found_in() {
        let text = "id = \"x\"\n";
        let src = Source { path: Path::new("content/projects/x.toml"), text };
        let at_same_place = [
            src.error(5..8, "related[0]", crate::msg!(ja: "b\nhelp", en: "b\nhelp")),
            src.error(5..8, "id", crate::msg!(ja: "z\nhelp", en: "z\nhelp")),
            src.error(5..8, "id", crate::msg!(ja: "a\nhelp 2", en: "a\nhelp 2")),
            src.error(5..8, "id", crate::msg!(ja: "a\nhelp 1", en: "a\nhelp 1")),
            src.at(Severity::Warning, None, None, crate::msg!(ja: "w", en: "w")),
            Diagnostic::file_error(
                Path::new("content/projects/x.toml"),
                crate::msg!(ja: "whole file", en: "whole file"),
                crate::msg!(ja: "help", en: "help"),
            ),
        ];
        let mut forward = Diagnostics(at_same_place.to_vec());
        let mut backward = Diagnostics(at_same_place.iter().rev().cloned().collect());
        forward.sort();
        backward.sort();
        assert_eq!(forward, backward);
        let order: Vec<(&str, Option<&str>)> =
            forward.0.iter().map(|d| (d.message.get(Lang::En), d.help.as_ref().map(|h| h.get(Lang::En)))).collect();
        assert_eq!(
            order,
            [
                ("whole file", Some("help")),
                ("a", Some("help 1")),
                ("a", Some("help 2")),
                ("z", Some("help")),
                ("b", Some("help")),
                ("w", None)
            ]
        );
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "id", "code"]), Some("title"));
        assert_eq!(did_you_mean("shimin-katudo", ["shimin-katsudo", "koho-joho"]), Some("shimin-katsudo"));
        assert_eq!(did_you_mean("xyz", ["title", "id"]), None);
    }
}
