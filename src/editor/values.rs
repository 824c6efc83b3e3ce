//! The values of the editor's form: what the browser posts (`application/x-www-form-urlencoded`,
//! read with `form_urlencoded`), and the same values read from a record ([`fill`]), so that
//! a form and a record can be compared field by field.
//!
//! Every control is named by the key path of its field in the record, as diagnostics name
//! keys: `title.ja`, `indicators[0].target.value`, `schedule[0].years.R5`. A list of tables
//! says how many rows the form has in `__rows:PATH` and which are to go in
//! `__remove:PATH[i]`.

use std::collections::BTreeMap;

use toml_edit::{Item, TableLike, Value};

use super::schema_form::{Field, Kind};
use crate::text::Text;

/// The values of a form, by control name; a name may have several (check boxes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormState {
    values: BTreeMap<String, Vec<String>>,
}

/// The name of the row count of the list at `path`.
pub fn rows_name(path: &str) -> String {
    format!("__rows:{path}")
}

/// The name of the check box that removes row `path` (`indicators[1]`).
pub fn remove_name(row: &str) -> String {
    format!("__remove:{row}")
}

/// The path of a field inside a table at `prefix` (empty: the record itself).
pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") }
}

/// The path of row `i` of the list at `path`.
pub fn row(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

impl FormState {
    /// The values of a posted form. Line breaks are made `\n` (browsers send `\r\n` from a
    /// textarea), as records hold them.
    pub fn parse(body: &[u8]) -> FormState {
        let mut state = FormState::default();
        for (name, value) in form_urlencoded::parse(body) {
            state.push(&name, value.replace("\r\n", "\n").replace('\r', "\n"));
        }
        state
    }

    /// Adds a value to `name`.
    pub fn push(&mut self, name: &str, value: String) {
        self.values.entry(name.to_owned()).or_default().push(value);
    }

    /// Sets `name` to one value.
    pub fn set(&mut self, name: &str, value: String) {
        self.values.insert(name.to_owned(), vec![value]);
    }

    /// Whether the form has a control of that name.
    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// The first value of `name`; empty when there is none.
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).and_then(|v| v.first()).map_or("", String::as_str)
    }

    /// Every value of `name` that is not blank, trimmed.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.values.get(name).into_iter().flatten().map(|v| v.trim()).filter(|v| !v.is_empty()).collect()
    }

    /// The names of the form under `prefix.` (one level: `schedule[0].years.` → `R4`, `R5`).
    pub fn keys_under(&self, prefix: &str) -> Vec<String> {
        let start = format!("{prefix}.");
        self.values
            .keys()
            .filter_map(|k| k.strip_prefix(&start))
            .filter(|rest| !rest.contains(['.', '[']))
            .map(str::to_owned)
            .collect()
    }

    /// The number of rows of the list at `path`, if the form has the list.
    pub fn rows(&self, path: &str) -> Option<usize> {
        self.values.get(&rows_name(path)).and_then(|v| v.first()).and_then(|v| v.trim().parse().ok())
    }

    /// Whether row `row` (`indicators[1]`) is marked to be removed.
    pub fn removed(&self, row: &str) -> bool {
        self.has(&remove_name(row))
    }

    /// Whether any control at `path` or under it has a value (a new row with nothing typed
    /// in is not written).
    pub fn any_under(&self, path: &str) -> bool {
        self.values.iter().any(|(k, v)| {
            let inside = k == path || k.strip_prefix(path).is_some_and(|r| r.starts_with(['.', '[']));
            inside && v.iter().any(|x| !x.trim().is_empty())
        })
    }
}

/// The values of a record's fields as the form shows them, read from the record's TOML.
pub fn fill(fields: &[Field], table: &dyn TableLike, prefix: &str, state: &mut FormState) {
    for f in fields {
        let path = join(prefix, &f.key);
        let item = table.get(&f.key);
        match &f.kind {
            Kind::Text { .. } => {
                let (ja, en) = item.map(text_pair).unwrap_or_default();
                state.set(&format!("{path}.ja"), ja);
                state.set(&format!("{path}.en"), en);
            }
            Kind::Str
            | Kind::Id { .. }
            | Kind::Year
            | Kind::YearChoice { .. }
            | Kind::Number
            | Kind::Stated
            | Kind::Bool
            | Kind::Choice(_) => {
                state.set(&path, item.map(scalar_text).unwrap_or_default());
            }
            Kind::TextList => {
                let items: Vec<Text> = item
                    .and_then(Item::as_array)
                    .into_iter()
                    .flatten()
                    .map(|v| {
                        let (ja, en) = text_pair(&Item::Value(v.clone()));
                        Text { ja, en: Some(en).filter(|e| !e.is_empty()) }
                    })
                    .collect();
                let (ja, en) = crate::text::join_levels(items.iter());
                state.set(&format!("{path}.ja"), ja);
                state.set(&format!("{path}.en"), en);
            }
            Kind::Ids { .. } => {
                // The empty value stands for the list itself, so an empty list is still
                // a list the form has (check boxes left unticked are not sent).
                state.set(&path, String::new());
                for v in item.and_then(Item::as_array).into_iter().flatten() {
                    state.push(&path, value_text(v));
                }
            }
            Kind::Table { fields, .. } => {
                let empty = toml_edit::InlineTable::new();
                let sub = item.and_then(Item::as_table_like).unwrap_or(&empty);
                fill(fields, sub, &path, state);
            }
            Kind::Tables { fields, .. } => {
                let rows = tables_of(item);
                state.set(&rows_name(&path), rows.len().to_string());
                for (i, r) in rows.into_iter().enumerate() {
                    fill(fields, r, &row(&path, i), state);
                }
            }
            Kind::YearMap { .. } => {
                for (k, v) in item.and_then(Item::as_table_like).into_iter().flat_map(|t| t.iter()) {
                    state.set(&join(&path, k), scalar_text(v));
                }
            }
            Kind::Other => {}
        }
    }
}

/// The tables of a list of tables: `[[key]]`, or an array of inline tables.
pub fn tables_of(item: Option<&Item>) -> Vec<&dyn TableLike> {
    match item {
        Some(Item::ArrayOfTables(a)) => a.iter().map(|t| t as &dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => {
            a.iter().filter_map(Value::as_inline_table).map(|t| t as &dyn TableLike).collect()
        }
        _ => Vec::new(),
    }
}

/// A text field's Japanese and English: a plain string is Japanese.
fn text_pair(item: &Item) -> (String, String) {
    match item.as_table_like() {
        Some(t) => (t.get("ja").map(scalar_text).unwrap_or_default(), t.get("en").map(scalar_text).unwrap_or_default()),
        None => (scalar_text(item), String::new()),
    }
}

/// A value as the form shows it: a string as its text, anything else as written.
pub fn scalar_text(item: &Item) -> String {
    match item.as_value() {
        Some(v) => value_text(v),
        None => item.to_string().trim().to_owned(),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        other => other.clone().decorated("", "").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_forms_are_read_with_line_breaks_as_records_hold_them() {
        let state =
            FormState::parse(b"title.ja=%E4%BA%8B%E6%A5%AD&issues.ja=a%0D%0Ab&ids=&ids=1&ids=3&__rows%3Aindicators=2");
        assert_eq!(state.get("title.ja"), "事業");
        assert_eq!(state.get("issues.ja"), "a\nb");
        assert_eq!(state.all("ids"), ["1", "3"]);
        assert_eq!(state.rows("indicators"), Some(2));
        assert!(state.has("ids") && !state.has("nope"));
    }

    #[test]
    fn a_record_fills_the_form() {
        let doc: toml_edit::DocumentMut = r#"
title = { ja = "題", en = "Title" } # kept
code = "1-(1)"
related = ["a", "b"]
[[schedule]]
years = { R4 = "implement", "令和5年度" = "continue" }
[[indicators]]
id = "x"
name = "名"
target = { year = 2026, value = 1_000 }
actuals = [{ year = "R5", value = "5件" }]
"#
        .parse()
        .unwrap();
        let mut state = FormState::default();
        fill(&super::super::schema_form::project_fields(), doc.as_table(), "", &mut state);
        assert_eq!(state.get("title.en"), "Title");
        assert_eq!(state.get("code"), "1-(1)");
        assert_eq!(state.all("related"), ["a", "b"]);
        assert_eq!(state.get("schedule[0].years.令和5年度"), "continue");
        assert_eq!(state.get("indicators[0].name.ja"), "名");
        assert_eq!(state.get("indicators[0].target.year"), "2026");
        assert_eq!(state.get("indicators[0].target.value"), "1_000");
        assert_eq!(state.get("indicators[0].actuals[0].value"), "5件");
        assert_eq!(state.rows("indicators[0].actuals"), Some(1));
        assert_eq!(state.rows("reports"), Some(0));
        assert_eq!(state.keys_under("schedule[0].years"), ["R4", "令和5年度"]);
    }
}
