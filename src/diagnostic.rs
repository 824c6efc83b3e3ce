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

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

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
    pub message: String,
    pub help: Option<String>,
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
    pub fn file_error(file: &Path, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            location: None,
            key: None,
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

/// Splits a message of the form "what is wrong\nwhat to write instead" in two.
pub fn split_help(message: &str) -> (String, Option<String>) {
    match message.split_once('\n') {
        Some((m, h)) => (m.trim().to_owned(), Some(h.trim().to_owned())),
        None => (message.trim().to_owned(), None),
    }
}

/// A file being checked: its path for messages and its text for snippets.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    /// A diagnostic at `span` (byte offsets into the text).
    pub fn at(&self, severity: Severity, span: Option<Range<usize>>, key: Option<&str>, message: &str) -> Diagnostic {
        let (message, help) = split_help(message);
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
    pub fn error(&self, span: Range<usize>, key: &str, message: impl AsRef<str>) -> Diagnostic {
        self.at(Severity::Error, Some(span), Some(key), message.as_ref())
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Paths are shown with forward slashes on every platform, as a clerk types them.
        let file = self.file.to_string_lossy().replace('\\', "/");
        write!(f, "{label}: {}", escape_controls(&file, false))?;
        if let Some(loc) = &self.location {
            write!(f, ":{}:{}", loc.line, loc.column)?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "{}: ", escape_controls(key, false))?;
        }
        writeln!(f, "{}", escape_controls(&self.message, true))?;
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
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {}", escape_controls(help, true))?;
        }
        Ok(())
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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
        match (errors, warnings) {
            (0, 0) => write!(f, "no problems found"),
            (0, w) => write!(f, "{}", plural(w, "warning")),
            (e, 0) => write!(f, "{}", plural(e, "error")),
            (e, w) => write!(f, "{}, {}", plural(e, "error"), plural(w, "warning")),
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
        let d = src.error(start..start + 8, "department", "unknown department \"shimin\"\nwrite one of: a, b");
        assert_eq!(
            d.to_string(),
            "error: content/projects/1-1-1.toml:3:14: department: unknown department \"shimin\"\n  |\n3 | department = \"shimin\"\n  |              ^^^^^^^^\n  = help: write one of: a, b\n"
        );
    }

    #[test]
    fn control_characters_from_a_file_are_shown_escaped_and_the_caret_still_fits() {
        let text = "title = \"\u{1b}[2J\0x\"\n";
        let src = Source { path: Path::new("content/projects/a\u{1b}b.toml"), text };
        let start = text.find('x').unwrap();
        let d = src.error(start..start + 1, "title", "unknown \"\u{1b}[2J\0x\"\nwrite \u{202E}x\u{9b}");
        assert_eq!(
            d.to_string(),
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
            src.error(5..8, "related[0]", "b\nhelp"),
            src.error(5..8, "id", "z\nhelp"),
            src.error(5..8, "id", "a\nhelp 2"),
            src.error(5..8, "id", "a\nhelp 1"),
            src.at(Severity::Warning, None, None, "w"),
            Diagnostic::file_error(Path::new("content/projects/x.toml"), "whole file", "help"),
        ];
        let mut forward = Diagnostics(at_same_place.to_vec());
        let mut backward = Diagnostics(at_same_place.iter().rev().cloned().collect());
        forward.sort();
        backward.sort();
        assert_eq!(forward, backward);
        let order: Vec<(&str, Option<&str>)> =
            forward.0.iter().map(|d| (d.message.as_str(), d.help.as_deref())).collect();
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
