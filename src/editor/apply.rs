//! A posted form applied to a record: only the values that differ from the record are
//! written, each in its place with `toml_edit` ([`crate::record_edit`], as `kyodo import`
//! updates records), so comments, key order and the formatting of every other field stay
//! byte for byte. Checking as the clerk types and saving both use [`apply`]: what is
//! checked is what would be saved.
//!
//! A value typed into a number field that is not a number is written as a string, so that
//! loading the record reports it exactly as `kyodo check` would (`expected a number, found
//! "5件"`). Rows added to a list of tables are written after its rows, as `kyodo new` writes
//! them; rows marked to go are removed; a new row left blank is not written.

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Value};

use super::schema_form::{Field, Kind};
use super::values::{FormState, fill, join, row};
use crate::msg;
use crate::msg::Msg;
use crate::record_edit::{T, value};
use crate::record_writer::{list, string, text};
use crate::text::Text;

/// For each list of tables of the form (by its path in the form), the form's row of each
/// row of the written record: to show a problem of the written record's `indicators[1]`
/// at the form's `indicators[2]` when the form's `indicators[1]` was removed.
pub type RowMap = BTreeMap<String, Vec<usize>>;

/// The record after the form: its text, and where the form's rows went.
#[derive(Debug, Clone)]
pub struct Applied {
    pub text: String,
    pub rows: RowMap,
    /// Whether anything differs from the record.
    pub changed: bool,
}

/// Applies `form` to the record `source` (its text as read, byte-order mark and line
/// endings kept).
pub fn apply(source: &str, fields: &[Field], form: &FormState) -> Result<Applied, Msg> {
    let (bom, body) = match source.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", source),
    };
    let mut doc: DocumentMut = body.parse().map_err(|e| {
        msg!(
            ja: "記録ファイルを TOML として読み込めません（詳細: {e}）。\nメモ帳などで開いて、`kyodo check` が示す所を直してください。",
            en: "the record cannot be read as TOML: {e}\nopen it in a text editor and fix what `kyodo check` shows",
        )
    })?;
    let mut original = FormState::default();
    fill(fields, doc.as_table(), "", &mut original);
    let mut writer = Writer { original: &original, form, rows: RowMap::new(), changed: false, problem: None };
    writer.table(&mut T::Std(doc.as_table_mut()), fields, "");
    if let Some(problem) = writer.problem {
        return Err(problem);
    }
    let mut text = format!("{bom}{doc}");
    if body.contains("\r\n") {
        // Keep Windows line endings: lines the form adds get them too.
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(Applied { text, rows: writer.rows, changed: writer.changed })
}

struct Writer<'a> {
    original: &'a FormState,
    form: &'a FormState,
    rows: RowMap,
    changed: bool,
    /// A value that did not read back as TOML (a bug: record_writer's tests rule it out).
    problem: Option<Msg>,
}

/// Whether a field's path is at the top of the record (its new rows are `[[key]]` tables).
fn top_level(path: &str) -> bool {
    !path.contains(['.', '['])
}

impl Writer<'_> {
    /// The form's value of `name` where it differs from the record's; `None` where it is
    /// the same or the form has no such control (then the record keeps what it has).
    fn changed(&self, name: &str) -> Option<&str> {
        let new = self.form.get(name);
        (self.form.has(name) && new != self.original.get(name)).then_some(new)
    }

    fn parse(&mut self, toml: &str) -> Option<Value> {
        value(toml).map_err(|m| self.problem = Some(m)).ok()
    }

    fn set(&mut self, t: &mut T, key: &str, toml: &str) {
        if let Some(v) = self.parse(toml) {
            t.set(key, v);
            self.changed = true;
        }
    }

    fn remove(&mut self, t: &mut T, key: &str) {
        if t.contains(key) {
            t.remove(key);
            self.changed = true;
        }
    }

    fn table(&mut self, t: &mut T, fields: &[Field], prefix: &str) {
        for f in fields {
            let path = join(prefix, &f.key);
            match &f.kind {
                Kind::Text { .. } => self.text(t, f, &path),
                Kind::TextList => self.text_list(t, f, &path),
                Kind::Str
                | Kind::Id { .. }
                | Kind::Choice(_)
                | Kind::Number
                | Kind::Bool
                | Kind::Year
                | Kind::YearChoice { .. }
                | Kind::Stated => {
                    if let Some(new) = self.changed(&path).map(str::to_owned) {
                        match scalar(&f.kind, &new) {
                            None if !f.required => self.remove(t, &f.key),
                            toml => self.set(t, &f.key, &toml.unwrap_or_else(|| string(""))),
                        }
                    }
                }
                Kind::Ids { .. } => {
                    let new = ids(self.form, &path);
                    if self.form.has(&path) && new != ids(self.original, &path) {
                        self.set(t, &f.key, &list(&new));
                    }
                }
                Kind::Table { fields, .. } => self.sub_table(t, f, fields, &path),
                Kind::Tables { fields, .. } => self.rows(t, f, fields, &path),
                Kind::YearMap { .. } => self.year_map(t, f, &path),
                Kind::Other => {}
            }
        }
    }

    /// A text: each language in its place where the record has `{ ja = …, en = … }`, else
    /// the whole value written anew.
    fn text(&mut self, t: &mut T, f: &Field, path: &str) {
        let (ja, en) = (format!("{path}.ja"), format!("{path}.en"));
        let new_ja = self.changed(&ja).map(str::to_owned);
        let new_en = self.changed(&en).map(str::to_owned);
        if new_ja.is_none() && new_en.is_none() {
            return;
        }
        let ja_now = new_ja.clone().unwrap_or_else(|| self.original.get(&ja).to_owned());
        let en_now = new_en.clone().unwrap_or_else(|| self.original.get(&en).to_owned());
        if ja_now.is_empty() && en_now.is_empty() && !f.required {
            self.remove(t, &f.key);
            return;
        }
        if let Some(mut sub) = t.sub(&f.key) {
            let ja_value = new_ja.map(|s| value(&string(&s)));
            let en_value = new_en.map(|s| (s.is_empty(), value(&string(&s))));
            match ja_value {
                Some(Ok(v)) => sub.set("ja", v),
                Some(Err(m)) => self.problem = Some(m),
                None => {}
            }
            match en_value {
                Some((true, _)) => sub.remove("en"),
                Some((false, Ok(v))) => sub.set("en", v),
                Some((false, Err(m))) => self.problem = Some(m),
                None => {}
            }
            self.changed = true;
            return;
        }
        let en = Some(en_now).filter(|e| !e.is_empty());
        self.set(t, &f.key, &text(&Text { ja: ja_now, en }));
    }

    /// A list of texts, written anew when either language's box changed; removed when both
    /// are blank.
    fn text_list(&mut self, t: &mut T, f: &Field, path: &str) {
        let (ja, en) = (format!("{path}.ja"), format!("{path}.en"));
        if self.changed(&ja).is_none() && self.changed(&en).is_none() {
            return;
        }
        let items = crate::text::split_levels(self.form.get(&ja), self.form.get(&en));
        if items.is_empty() && !f.required {
            self.remove(t, &f.key);
        } else {
            self.set(t, &f.key, &crate::record_writer::texts(&items));
        }
    }

    /// A table of fields (`baseline`): changed in place, written anew, or removed when the
    /// form leaves all of it blank.
    fn sub_table(&mut self, t: &mut T, f: &Field, fields: &[Field], path: &str) {
        let blank = !self.form.any_under(path);
        if t.contains(&f.key) && blank && !f.required && self.original.any_under(path) {
            self.remove(t, &f.key);
            return;
        }
        if let Some(mut sub) = t.sub(&f.key) {
            self.table(&mut sub, fields, path);
            return;
        }
        if !blank && let Some(toml) = fresh_inline(self.form, fields, path) {
            self.set(t, &f.key, &toml);
        }
    }

    /// A list of tables: rows changed in place, new rows added after them, rows marked
    /// removed taken out.
    fn rows(&mut self, t: &mut T, f: &Field, fields: &[Field], path: &str) {
        let Some(count) = self.form.rows(path) else { return };
        let had = self.original.rows(path).unwrap_or(0);
        let mut kept = Vec::new();
        {
            let mut tables = t.tables(&f.key);
            for (i, table) in tables.iter_mut().enumerate().take(had) {
                if !self.form.removed(&row(path, i)) {
                    self.table(table, fields, &row(path, i));
                    kept.push(i);
                }
            }
        }
        for i in had..count {
            let r = row(path, i);
            if self.form.removed(&r) || !self.form.any_under(&r) {
                continue;
            }
            let Some(inline) = fresh_inline(self.form, fields, &r) else { continue };
            let pushed = if top_level(path) {
                let lines = fresh_lines(self.form, fields, &r);
                // A blank line before the new table, as between the tables a record has.
                t.push_table(&f.key, &format!("\n[[{}]]\n{}", f.key, lines.join("\n")))
            } else {
                value(&inline).map(|v| t.push_inline(&f.key, v))
            };
            match pushed {
                Ok(()) => self.changed = true,
                Err(m) => self.problem = Some(m),
            }
            kept.push(i);
        }
        for i in (0..had).rev().filter(|i| self.form.removed(&row(path, *i))) {
            t.remove_at(&f.key, i);
            self.changed = true;
        }
        self.rows.insert(path.to_owned(), kept);
    }

    /// Fiscal year → id: each year in its place, added, or removed when left blank.
    fn year_map(&mut self, t: &mut T, f: &Field, path: &str) {
        let keys = self.form.keys_under(path);
        let changes: Vec<(String, String)> = keys
            .iter()
            .filter_map(|k| self.changed(&join(path, k)).map(|v| (k.clone(), v.trim().to_owned())))
            .collect();
        if changes.is_empty() {
            return;
        }
        if let Some(mut sub) = t.sub(&f.key) {
            for (k, v) in changes {
                if v.is_empty() {
                    sub.remove(&k);
                } else {
                    match value(&string(&v)) {
                        Ok(v) => sub.set(&k, v),
                        Err(m) => self.problem = Some(m),
                    }
                }
            }
            self.changed = true;
            return;
        }
        let mut years = toml_edit::InlineTable::new();
        for (k, v) in changes.into_iter().filter(|(_, v)| !v.is_empty()) {
            years.insert(&k, Value::from(v));
        }
        if !years.is_empty() {
            t.set(&f.key, Value::InlineTable(years));
            self.changed = true;
        }
    }
}

/// The ids of a list field: check boxes, or ids typed into one box separated by commas
/// or spaces.
fn ids(form: &FormState, path: &str) -> Vec<String> {
    form.all(path)
        .into_iter()
        .flat_map(|v| v.split([',', '、', ' ', '\u{3000}', '\n', '\t']))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A single value as TOML: a number as a number where it is one, a fiscal year in digits
/// as a number, everything else a string; `None` when blank. A correction's old or new
/// value (`Stated`) is a number where it is one and a list where it is written as one
/// (`["1", "2"]`, as the form shows a list), else a text kept as typed (a text may span
/// lines and begin or end with spaces: an edition compares it exactly).
fn scalar(kind: &Kind, typed: &str) -> Option<String> {
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return None;
    }
    let number =
        || trimmed.parse::<Value>().ok().filter(|v| matches!(v, Value::Integer(_) | Value::Float(_))).map(|_| trimmed);
    let literal = match kind {
        Kind::Number => number().map(str::to_owned),
        Kind::Bool if matches!(trimmed, "true" | "false") => Some(trimmed.to_owned()),
        Kind::Year | Kind::YearChoice { .. } if trimmed.len() == 4 && trimmed.bytes().all(|b| b.is_ascii_digit()) => {
            Some(trimmed.to_owned())
        }
        Kind::Stated => {
            let list = || {
                trimmed.parse::<Value>().ok().and_then(|v| {
                    let items =
                        v.as_array()?.iter().map(|i| i.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()?;
                    Some(list(&items))
                })
            };
            return Some(
                number()
                    .map(str::to_owned)
                    .or_else(|| trimmed.starts_with('[').then(list).flatten())
                    .unwrap_or_else(|| string(typed)),
            );
        }
        _ => None,
    };
    Some(literal.unwrap_or_else(|| string(trimmed)))
}

/// The `key = value` lines of a new table, in the fields' order; blank fields left out.
fn fresh_lines(form: &FormState, fields: &[Field], prefix: &str) -> Vec<String> {
    fields
        .iter()
        .filter_map(|f| fresh_value(form, f, &join(prefix, &f.key)).map(|v| format!("{} = {v}", f.key)))
        .collect()
}

/// A new table as an inline table, `{ year = "R5", value = 4 }`; `None` when all blank.
fn fresh_inline(form: &FormState, fields: &[Field], prefix: &str) -> Option<String> {
    let lines = fresh_lines(form, fields, prefix);
    (!lines.is_empty()).then(|| format!("{{ {} }}", lines.join(", ")))
}

/// The TOML of a field of a new table, as [`crate::record_writer`] writes values.
fn fresh_value(form: &FormState, f: &Field, path: &str) -> Option<String> {
    match &f.kind {
        Kind::Text { .. } => {
            let (ja, en) = (form.get(&format!("{path}.ja")), form.get(&format!("{path}.en")));
            if ja.is_empty() && en.is_empty() {
                return None;
            }
            let en = Some(en.to_owned()).filter(|e| !e.is_empty());
            Some(text(&Text { ja: ja.to_owned(), en }))
        }
        Kind::Str
        | Kind::Id { .. }
        | Kind::Choice(_)
        | Kind::Number
        | Kind::Bool
        | Kind::Year
        | Kind::YearChoice { .. }
        | Kind::Stated => scalar(&f.kind, form.get(path)),
        Kind::TextList => {
            let items = crate::text::split_levels(form.get(&format!("{path}.ja")), form.get(&format!("{path}.en")));
            (!items.is_empty()).then(|| crate::record_writer::texts(&items))
        }
        Kind::Ids { .. } => {
            let ids = ids(form, path);
            (!ids.is_empty()).then(|| list(&ids))
        }
        Kind::Table { fields, .. } => fresh_inline(form, fields, path),
        Kind::Tables { fields, .. } => {
            let rows: Vec<String> = (0..form.rows(path).unwrap_or(0))
                .map(|i| row(path, i))
                .filter(|r| !form.removed(r))
                .filter_map(|r| fresh_inline(form, fields, &r))
                .collect();
            (!rows.is_empty()).then(|| format!("[{}]", rows.join(", ")))
        }
        Kind::YearMap { .. } => {
            let pairs: Vec<String> = form
                .keys_under(path)
                .into_iter()
                .filter_map(|k| {
                    let v = form.get(&join(path, &k)).trim().to_owned();
                    (!v.is_empty()).then(|| format!("{} = {}", toml_edit::Key::new(k.as_str()), string(&v)))
                })
                .collect();
            (!pairs.is_empty()).then(|| format!("{{ {} }}", pairs.join(", ")))
        }
        Kind::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema_form::project_fields;
    use super::*;

    const RECORD: &str = r#"# kept
id = "1-1-1"
policy = "1-1"
title = "題" # the title
department = "shimin"
related = ["1-2-1"]

[[schedule]]
years = { R4 = "implement", "令和5年度" = "continue" }

[[indicators]]
id = "a"
name = { ja = "件数", en = "Count" }
baseline = { year = "R2", value = 3 }
actuals = [
  { year = "R5", value = 4 },
]

[[indicators]]
id = "b"
name = "二つ目"
"#;

    /// The form of `RECORD`, changed by `change`, applied to it.
    fn applied(source: &str, change: impl FnOnce(&mut FormState)) -> Applied {
        let fields = project_fields();
        let doc: DocumentMut = source.trim_start_matches('\u{feff}').parse().unwrap();
        let mut form = FormState::default();
        fill(&fields, doc.as_table(), "", &mut form);
        change(&mut form);
        apply(source, &fields, &form).unwrap()
    }

    #[test]
    fn an_untouched_form_changes_nothing() {
        let a = applied(RECORD, |_| {});
        assert!(!a.changed);
        assert_eq!(a.text, RECORD);
    }

    #[test]
    fn changed_values_are_written_in_their_place() {
        let a = applied(RECORD, |f| {
            f.set("title.en", "Title".into());
            f.set("indicators[0].actuals[0].value", "4.5".into());
            f.set("schedule[0].years.令和5年度", String::new());
            f.set("schedule[0].years.R6", "implement".into());
            f.set("related", String::new());
            f.push("related", "1-2-1".into());
            f.push("related", "1-3-1".into());
            f.set("indicators[1].baseline.year", "2020".into());
            f.set("indicators[1].baseline.value", "1,500".into());
        });
        assert!(a.changed);
        let expected = RECORD
            .replace("title = \"題\" # the title", "title = { ja = \"題\", en = \"Title\" } # the title")
            .replace("{ year = \"R5\", value = 4 }", "{ year = \"R5\", value = 4.5 }")
            .replace(
                "years = { R4 = \"implement\", \"令和5年度\" = \"continue\" }",
                "years = { R4 = \"implement\", R6 = \"implement\" }",
            )
            .replace("related = [\"1-2-1\"]", "related = [\"1-2-1\", \"1-3-1\"]")
            .replace("name = \"二つ目\"\n", "name = \"二つ目\"\nbaseline = { year = 2020, value = \"1,500\" }\n");
        assert_eq!(a.text, expected);
    }

    #[test]
    fn rows_are_added_after_their_list_and_removed_where_marked() {
        let a = applied(RECORD, |f| {
            f.set("__rows:indicators[0].actuals", "2".into());
            f.set("indicators[0].actuals[1].year", "R6".into());
            f.set("indicators[0].actuals[1].value", "7".into());
            f.set("__remove:indicators[0]", "1".into());
            f.set("__rows:indicators", "3".into());
            f.set("indicators[2].id", "c".into());
            f.set("indicators[2].name.ja", "三つ目".into());
            f.set("__rows:reports", "2".into());
            f.set("reports[1].year", "R5".into());
            f.set("indicators[0].baseline.year", String::new());
            f.set("indicators[0].baseline.value", String::new());
        });
        let expected = RECORD.replace(
            "[[indicators]]\nid = \"a\"\nname = { ja = \"件数\", en = \"Count\" }\nbaseline = { year = \"R2\", value = 3 }\nactuals = [\n  { year = \"R5\", value = 4 },\n]\n\n",
            "",
        ) + "\n[[indicators]]\nid = \"c\"\nname = \"三つ目\"\n\n[[reports]]\nyear = \"R5\"\n";
        assert_eq!(a.text, expected);
        // The written record's indicators[0] is the form's indicators[1], its [1] the form's
        // [2]; the form's blank reports[0] was not written, so reports[0] is the form's [1].
        assert_eq!(a.rows["indicators"], [1, 2]);
        assert_eq!(a.rows["reports"], [1]);
    }

    #[test]
    fn a_value_that_is_not_a_number_is_written_as_kyodo_check_reads_it() {
        let a = applied(RECORD, |f| f.set("indicators[0].actuals[0].value", "5件".into()));
        assert!(a.text.contains("{ year = \"R5\", value = \"5件\" }"), "{}", a.text);
        let a = applied(RECORD, |f| f.set("indicators[0].baseline.value", String::new()));
        assert!(a.text.contains("baseline = { year = \"R2\" }"), "{}", a.text);
    }

    #[test]
    fn a_correction_is_written_as_a_table_with_its_values_as_an_edition_states_them() {
        let a = applied(RECORD, |f| {
            f.set("__rows:corrections", "3".into());
            for (i, old, new) in [(0, "5", " 6.0 "), (1, "[\"1\", \"2\"]", ""), (2, "充実", "2件\n増えた")] {
                f.set(&format!("corrections[{i}].date"), "2024-09-01".into());
                f.set(&format!("corrections[{i}].edition"), "R5".into());
                f.set(&format!("corrections[{i}].field"), "reports.R5.grade".into());
                f.set(&format!("corrections[{i}].old"), old.into());
                f.set(&format!("corrections[{i}].new"), new.into());
                f.set(&format!("corrections[{i}].reason.ja"), "誤り".into());
            }
            f.set("indicators[0].actuals[0].reported_in", "R6".into());
        });
        let head = "date = \"2024-09-01\"\nedition = \"R5\"\nfield = \"reports.R5.grade\"\n";
        let expected = RECORD
            .replace("{ year = \"R5\", value = 4 }", "{ year = \"R5\", value = 4, reported_in = \"R6\" }")
            + &format!("\n[[corrections]]\n{head}old = 5\nnew = 6.0\nreason = \"誤り\"\n")
            + &format!("\n[[corrections]]\n{head}old = [\"1\", \"2\"]\nreason = \"誤り\"\n")
            + &format!("\n[[corrections]]\n{head}old = \"充実\"\nnew = \"\"\"\n2件\n増えた\"\"\"\nreason = \"誤り\"\n");
        assert_eq!(a.text, expected);
        let project: crate::model::Project = toml::from_str(&a.text).unwrap();
        assert_eq!(project.corrections.len(), 3);
    }

    #[test]
    fn levels_are_one_box_per_language_and_met_a_choice_written_as_a_boolean() {
        let record = format!(
            "{RECORD}levels = [\"実施\", {{ ja = \"充実\", en = \"Enhanced\" }}]\n\
             actuals = [{{ year = \"R5\", text = \"実施\", met = true }}]\n"
        );
        // The form shows the levels as a spreadsheet's cells do, and met as written.
        let fields = project_fields();
        let doc: DocumentMut = record.parse().unwrap();
        let mut form = FormState::default();
        fill(&fields, doc.as_table(), "", &mut form);
        assert_eq!(form.get("indicators[1].levels.ja"), "実施 < 充実");
        assert_eq!(form.get("indicators[1].levels.en"), " < Enhanced");
        assert_eq!(form.get("indicators[1].actuals[0].met"), "true");

        let a = applied(&record, |f| {
            f.set("indicators[1].levels.ja", "未実施 < 実施 < 充実".into());
            f.set("indicators[1].levels.en", "Not implemented <  < Enhanced".into());
            f.set("indicators[1].actuals[0].met", "false".into());
        });
        assert!(
            a.text.contains("levels = [{ ja = \"未実施\", en = \"Not implemented\" }, \"実施\", { ja = \"充実\", en = \"Enhanced\" }]"),
            "{}",
            a.text
        );
        assert!(a.text.contains("met = false"), "{}", a.text);

        let cleared = applied(&record, |f| {
            f.set("indicators[1].levels.ja", String::new());
            f.set("indicators[1].levels.en", String::new());
            f.set("indicators[1].actuals[0].met", String::new());
        });
        assert!(!cleared.text.contains("levels"), "{}", cleared.text);
        assert!(!cleared.text.contains("met"), "{}", cleared.text);
    }

    #[test]
    fn windows_line_endings_and_the_byte_order_mark_are_kept() {
        let windows = format!("\u{feff}{}", RECORD.replace('\n', "\r\n"));
        let a = applied(&windows, |f| {
            f.set("title.ja", "新しい題".into());
            f.set("__rows:reports", "1".into());
            f.set("reports[0].year", "R5".into());
            f.set("reports[0].achievements.ja", "一行目\n二行目\n".into());
        });
        assert!(a.text.starts_with('\u{feff}'));
        assert!(!a.text.replace("\r\n", "").contains('\n'), "{:?}", a.text);
        assert!(
            a.text.ends_with("[[reports]]\r\nyear = \"R5\"\r\nachievements = \"\"\"\r\n一行目\r\n二行目\r\n\"\"\"\r\n"),
            "{:?}",
            a.text
        );
    }
}
