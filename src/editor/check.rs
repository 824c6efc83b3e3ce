//! Checking a record as the form would write it: the site is loaded with the record's new
//! text in place of the file's (`Site::from_sources_cached`, the loader `kyodo check` runs,
//! with every check across records), and the problems of that record are placed at the
//! form's controls by their keys.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{ParseCache, Site, SourceFile, Sources};

use super::apply::RowMap;
use super::values::row;

/// The problems of one record, in the context of its site.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The problems of the record itself, errors and warnings.
    pub own: Vec<Diagnostic>,
    /// Errors in other files of the site (the record is fine, the site does not build).
    pub elsewhere: usize,
}

impl Checked {
    /// Whether the record has errors of its own.
    pub fn has_errors(&self) -> bool {
        self.own.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Loads the site at `root` with `text` as the record at `record` (relative to the root;
/// added if the site has no such file yet) and returns the problems.
pub fn check(root: &Path, record: &Path, text: &str, cache: &ParseCache) -> Checked {
    let mut read = Diagnostics::default();
    let mut sources = Sources::read(root, &mut read);
    let bytes = text.as_bytes().to_vec();
    match sources.projects.iter_mut().find(|f| f.path == record) {
        Some(file) => file.bytes = bytes,
        None => {
            sources.projects.push(SourceFile { path: record.to_path_buf(), bytes });
            sources.projects.sort_by(|a, b| a.path.cmp(&b.path));
        }
    }
    let all = match Site::from_sources_cached(root, &sources, read, Some(cache)) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    };
    let mut checked = Checked::default();
    for d in all.0 {
        if d.file == record {
            checked.own.push(d);
        } else if d.severity == Severity::Error {
            checked.elsewhere += 1;
        }
    }
    checked
}

/// The record file of project `id` under `root`: `content/projects/…/ID.toml`, relative to
/// the root; `None` if there is none.
pub fn record_path(root: &Path, id: &str) -> Option<PathBuf> {
    let mut ignored = Diagnostics::default();
    crate::load::folder::record_paths(root, &mut ignored).into_iter().find(|p| p.file_stem().is_some_and(|s| s == id))
}

/// A key of the written record (`indicators[1].name`) as the form names it, where rows
/// were removed or added: the row numbers of the form.
pub fn form_key(key: &str, rows: &RowMap) -> String {
    let mut out = String::new();
    for part in key.split('.') {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        out = if out.is_empty() { name.to_owned() } else { format!("{out}.{name}") };
        while let Some((index, after)) = rest.split_once(']') {
            let i: Option<usize> = index.parse().ok();
            let Some(i) = i else {
                out.push_str(&format!("[{index}]"));
                rest = after.strip_prefix('[').unwrap_or(after);
                continue;
            };
            let form_i = rows.get(&out).and_then(|kept| kept.get(i)).copied().unwrap_or(i);
            out = row(&out, form_i);
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

/// The control a problem at `key` (as the form names it) is shown at: the control of that
/// name, else the first control inside it (`title` → `title.ja`), else the nearest control
/// containing it.
pub fn place<'a>(key: &str, names: &'a [String]) -> Option<&'a String> {
    let inside = |n: &str, outer: &str| n.strip_prefix(outer).is_some_and(|r| r.starts_with(['.', '[']));
    names
        .iter()
        .find(|n| *n == key)
        .or_else(|| names.iter().find(|n| inside(n, key)))
        .or_else(|| names.iter().filter(|n| inside(key, n)).max_by_key(|n| n.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_written_record_name_the_rows_of_the_form() {
        let mut rows = RowMap::new();
        rows.insert("indicators".into(), vec![0, 2, 3]);
        rows.insert("indicators[2].actuals".into(), vec![1]);
        assert_eq!(form_key("indicators[1].actuals[0].value", &rows), "indicators[2].actuals[1].value");
        assert_eq!(form_key("indicators[0].name", &rows), "indicators[0].name");
        assert_eq!(form_key("title", &rows), "title");
        assert_eq!(form_key("reports[4].year", &rows), "reports[4].year");
    }

    #[test]
    fn problems_go_to_the_nearest_control() {
        let names: Vec<String> =
            ["title.ja", "title.en", "indicators[0].target.year", "indicators[0].target.value", "schedule[0].years.R5"]
                .map(String::from)
                .to_vec();
        assert_eq!(place("title", &names).map(String::as_str), Some("title.ja"));
        assert_eq!(place("indicators[0].target.value", &names).map(String::as_str), Some("indicators[0].target.value"));
        assert_eq!(place("indicators[0].target", &names).map(String::as_str), Some("indicators[0].target.year"));
        assert_eq!(place("schedule[0].years.R5", &names).map(String::as_str), Some("schedule[0].years.R5"));
        assert_eq!(place("related[0]", &names), None);
    }
}
