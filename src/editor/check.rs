//! Checking a record as the form would write it: the site is loaded with the record's new
//! text in place of the file's (`Site::from_sources_cached`, the loader `kyodo check` runs,
//! with every check across records), and the problems of that record are placed at the
//! form's controls by their keys.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{ParseCache, Site, SourceFile, Sources};

use super::apply::RowMap;
use super::values::{FormState, row};
use crate::fiscal_year::FiscalYear;

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

/// A field as an edition names it (`indicators.<id>.actuals.R5`, `reports.R5.grade`: by
/// ids and years, see [`crate::edition::statement`]) as the form names it
/// (`indicators[0].actuals[1].value`), found by the ids and years the form holds; `None`
/// for a key of another kind or a row the form does not have.
pub fn edition_key(key: &str, state: &FormState) -> Option<String> {
    if key.contains('[') {
        return None;
    }
    let year_of = |path: String| FiscalYear::parse(state.get(&path).trim()).ok();
    let find = |list: &str, matches: &dyn Fn(&str) -> bool| {
        (0..state.rows(list)?).map(|i| row(list, i)).find(|r| !state.removed(r) && matches(r))
    };
    let parts: Vec<&str> = key.split('.').collect();
    match parts.as_slice() {
        ["reports", year, rest @ ..] => {
            let year = FiscalYear::parse(year).ok()?;
            let r = find("reports", &|r| year_of(format!("{r}.year")) == Some(year))?;
            Some([r.as_str()].iter().chain(rest).copied().collect::<Vec<_>>().join("."))
        }
        ["indicators", id, rest @ ..] => {
            let i = find("indicators", &|r| state.get(&format!("{r}.id")).trim() == *id)?;
            let (value, rest) = match rest {
                ["actuals", year, rest @ ..] => {
                    let year = FiscalYear::parse(year).ok()?;
                    let list = format!("{i}.actuals");
                    (find(&list, &|r| year_of(format!("{r}.year")) == Some(year))?, rest)
                }
                [kind @ ("baseline" | "target"), rest @ ..] => (format!("{i}.{kind}"), rest),
                _ => return Some([i.as_str()].iter().chain(rest).copied().collect::<Vec<_>>().join(".")),
            };
            // The value itself is the number (or text) beside its year, label and note.
            Some(match rest {
                [] => format!("{value}.value"),
                _ => format!("{value}.{}", rest.join(".")),
            })
        }
        _ => None,
    }
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

    #[test]
    fn fields_named_as_an_edition_names_them_are_found_in_the_form() {
        let mut state = FormState::default();
        for (k, v) in [
            ("__rows:reports", "2"),
            ("reports[0].year", "R4"),
            ("reports[1].year", "令和5年度"),
            ("__rows:indicators", "2"),
            ("indicators[0].id", "a"),
            ("indicators[1].id", "b"),
            ("__rows:indicators[1].actuals", "2"),
            ("indicators[1].actuals[0].year", "R4"),
            ("indicators[1].actuals[1].year", "2023"),
        ] {
            state.set(k, v.to_owned());
        }
        let key = |k: &str| edition_key(k, &state);
        assert_eq!(key("reports.R5.grade").as_deref(), Some("reports[1].grade"));
        assert_eq!(key("indicators.b.actuals.R5").as_deref(), Some("indicators[1].actuals[1].value"));
        assert_eq!(key("indicators.b.actuals.R5.note").as_deref(), Some("indicators[1].actuals[1].note"));
        assert_eq!(key("indicators.a.target").as_deref(), Some("indicators[0].target.value"));
        assert_eq!(key("indicators.a.baseline.year").as_deref(), Some("indicators[0].baseline.year"));
        assert_eq!(key("indicators.b.name").as_deref(), Some("indicators[1].name"));
        assert_eq!(key("reports.R6.grade"), None);
        assert_eq!(key("indicators[0].name"), None);
        state.set("__remove:reports[1]", "1".to_owned());
        assert_eq!(edition_key("reports.R5.grade", &state), None, "a row marked to go is not the field");
    }
}
