//! Updating an existing record in place with what a sheet says about it: values the sheet
//! has are written where they are, values and comments it does not have are kept, and a
//! value equal to what the record has is not touched, so a record the sheet does not
//! change stays byte for byte as it was.
//!
//! Indicators are matched by 指標ID (or by position without one), reports by fiscal year,
//! yearly-plan rows by position. None is ever removed.

use toml_edit::DocumentMut;

use crate::fiscal_year::FiscalYear;
use crate::model::{Indicator, IndicatorValue, Project, Report, ScheduleRow, ValueKind};
use crate::record_edit::{T, value};
use crate::record_writer::{list, number, string, text};
use crate::text::Text;

use super::Problem;
use super::fresh;
use super::sheet::{Given, SheetIndicator, SheetProject, SheetReport, SheetSchedule, SheetText, SheetValue};
use super::values::Val;

/// The record's new text, `None` if the sheet changes nothing, or the problems.
pub fn update(source: &str, record: &Project, sheet: &SheetProject) -> Result<Option<String>, Vec<Problem>> {
    let (bom, body) = match source.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", source),
    };
    let mut doc: DocumentMut = body.parse().map_err(|e| {
        vec![Problem {
            row: sheet.row,
            column: None,
            message: crate::msg!(
                ja: "{id} の記録ファイルを、更新のために読み込めません（詳細: {e}）。",
                en: "the record of {id} cannot be read for updating: {e}",
                id = &sheet.id,
            ),
        }]
    })?;
    let mut u = Updater { row: sheet.row, changed: false, problems: Vec::new() };
    let mut root = T::Std(doc.as_table_mut());
    u.project(&mut root, record, sheet);
    if !u.problems.is_empty() {
        return Err(u.problems);
    }
    if !u.changed {
        return Ok(None);
    }
    let mut out = format!("{bom}{doc}");
    if body.contains("\r\n") {
        // Keep Windows line endings: lines added by the update get them too.
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(Some(out))
}

/// The update of one record.
struct Updater {
    row: usize,
    changed: bool,
    problems: Vec<Problem>,
}

/// A text, `None` when empty: an empty text and no text are the same.
fn present(t: Option<&Text>) -> Option<&Text> {
    t.filter(|t| !(t.ja.is_empty() && t.en.as_deref().is_none_or(str::is_empty)))
}

/// Whether two texts say the same: an empty English and no English are the same.
fn same(a: Option<&Text>, b: Option<&Text>) -> bool {
    let key = |t: Option<&Text>| present(t).map(|t| (t.ja.clone(), t.en.clone().filter(|e| !e.is_empty())));
    key(a) == key(b)
}

/// The value after applying what a sheet gives to what was there.
fn apply(given: &Given<String>, old: Option<&String>) -> Option<String> {
    match given {
        Given::Missing => old.cloned(),
        Given::Empty => None,
        Given::Set(v) => Some(v.clone()),
    }
}

impl Updater {
    fn set(&mut self, t: &mut T, key: &str, toml: &str) {
        if let Some(v) = self.parse(toml) {
            t.set(key, v);
            self.changed = true;
        }
    }

    /// Adds tables (as a new record writes them) to the array of tables at `key`.
    fn push_tables(&mut self, root: &mut T, key: &str, tables: Vec<String>) {
        for toml in tables {
            match root.push_table(key, &toml) {
                Ok(()) => self.changed = true,
                Err(message) => self.problems.push(Problem { row: self.row, column: None, message }),
            }
        }
    }

    /// A value from TOML as [`crate::record_writer`] writes it; should it not read back (a
    /// bug, which its tests rule out), a problem rather than a wrong record.
    fn parse(&mut self, toml: &str) -> Option<toml_edit::Value> {
        value(toml).map_err(|message| self.problems.push(Problem { row: self.row, column: None, message })).ok()
    }

    fn remove(&mut self, t: &mut T, key: &str) {
        if t.contains(key) {
            t.remove(key);
            self.changed = true;
        }
    }

    fn string(&mut self, t: &mut T, key: &str, given: &Given<String>, old: Option<&str>) {
        match given {
            Given::Missing => {}
            // An empty string and no string are the same.
            Given::Empty if old.is_none_or(str::is_empty) => {}
            Given::Empty => self.remove(t, key),
            Given::Set(v) if old == Some(v.as_str()) => {}
            Given::Set(v) => self.set(t, key, &string(v)),
        }
    }

    fn list(&mut self, t: &mut T, key: &str, given: &Given<Vec<String>>, old: Vec<&str>) {
        let new: Vec<String> = match given {
            Given::Missing => return,
            Given::Empty => Vec::new(),
            Given::Set(v) => v.clone(),
        };
        if new.iter().map(String::as_str).eq(old.iter().copied()) {
            return;
        }
        if new.is_empty() { self.remove(t, key) } else { self.set(t, key, &list(&new)) }
    }

    fn year(&mut self, t: &mut T, key: &str, new: FiscalYear, old: Option<FiscalYear>) {
        if old != Some(new) {
            self.set(t, key, &string(&new.era_short()));
        }
    }

    /// A text field: its Japanese and English updated where they are, or the whole value
    /// written anew.
    fn text(&mut self, t: &mut T, key: &str, given: &SheetText, old: Option<&Text>) {
        let old = present(old);
        let new = match (&given.ja, old) {
            (Given::Missing, None) => {
                if given.en.set().is_some() {
                    self.problems.push(fresh::english_without_japanese(self.row, &fresh::key_named(key)));
                }
                return;
            }
            (Given::Missing, Some(o)) => Some(Text { ja: o.ja.clone(), en: apply(&given.en, o.en.as_ref()) }),
            (Given::Empty, _) => {
                if given.en.set().is_some() {
                    self.problems.push(fresh::english_without_japanese(self.row, &fresh::key_named(key)));
                }
                None
            }
            (Given::Set(ja), o) => Some(Text { ja: ja.clone(), en: apply(&given.en, o.and_then(|o| o.en.as_ref())) }),
        };
        let new = new.filter(|n| present(Some(n)).is_some());
        if same(new.as_ref(), old) {
            return;
        }
        let Some(new) = new else {
            self.remove(t, key);
            return;
        };
        if let (Some(o), Some(mut sub)) = (old, t.sub(key)) {
            // { ja = …, en = … }: each language in its place.
            if let Some(ja) = self.parse(&string(&new.ja)).filter(|_| o.ja != new.ja) {
                sub.set("ja", ja);
            }
            match new.en.as_ref().filter(|en| !en.is_empty()) {
                Some(en) if o.en.as_ref() != Some(en) => {
                    if let Some(en) = self.parse(&string(en)) {
                        sub.set("en", en);
                    }
                }
                None if o.en.as_deref().is_some_and(|en| !en.is_empty()) => sub.remove("en"),
                _ => {}
            }
            self.changed = true;
            return;
        }
        self.set(t, key, &text(&new));
    }

    fn project(&mut self, root: &mut T, record: &Project, sheet: &SheetProject) {
        self.string(root, "code", &sheet.code, record.code.as_deref());
        self.string(root, "policy", &Given::Set(sheet.policy.clone()), Some(record.policy.get_ref().as_str()));
        self.text(root, "title", &sheet.title, Some(record.title.get_ref()));
        self.string(
            root,
            "department",
            &Given::Set(sheet.department.clone()),
            Some(record.department.get_ref().as_str()),
        );
        self.list(
            root,
            "lead_departments",
            &sheet.lead_departments,
            record.lead_departments.iter().map(|d| d.get_ref().as_str()).collect(),
        );
        self.text(root, "lead_note", &sheet.lead_note, record.lead_note.as_ref());
        self.list(
            root,
            "related_departments",
            &sheet.related_departments,
            record.related_departments.iter().map(|d| d.get_ref().as_str()).collect(),
        );
        self.text(root, "issues", &sheet.issues, record.issues.as_ref());
        self.text(root, "direction", &sheet.direction, record.direction.as_ref());
        self.text(root, "plan_content", &sheet.plan_content, record.plan_content.as_ref());
        self.text(root, "audience", &sheet.audience, record.audience.as_ref());
        self.text(root, "implementer", &sheet.implementer, record.implementer.as_ref());
        self.list(root, "related", &sheet.related, record.related.iter().map(|d| d.get_ref().as_str()).collect());
        self.schedule(root, &record.schedule, &sheet.schedule);
        self.indicators(root, &record.indicators, &sheet.indicators);
        self.reports(root, &record.reports, &sheet.reports);
    }

    fn schedule(&mut self, root: &mut T, old: &[ScheduleRow], sheet: &[SheetSchedule]) {
        let mut tables = root.tables("schedule");
        let mut added = Vec::new();
        for (k, row) in sheet.iter().enumerate() {
            match (tables.get_mut(k), old.get(k)) {
                (Some(t), Some(o)) => {
                    self.text(t, "label", &row.label, o.label.as_ref());
                    let Some(mut years) = t.sub("years") else { continue };
                    self.years(&mut years, row);
                }
                _ => added.push(fresh::schedule(row, &mut self.problems)),
            }
        }
        drop(tables);
        self.push_tables(root, "schedule", added);
    }

    /// The statuses of a yearly-plan row, by fiscal year, whatever form its keys are in.
    fn years(&mut self, years: &mut T, row: &SheetSchedule) {
        let present = years.strings();
        for (year, given) in &row.years {
            let found = present.iter().find(|(k, _)| FiscalYear::parse(k).ok() == Some(*year));
            match (given, found) {
                (Given::Missing, _) | (Given::Empty, None) => {}
                (Given::Empty, Some((key, _))) => self.remove(years, key),
                (Given::Set(status), Some((_, old))) if old == status => {}
                (Given::Set(status), Some((key, _))) => self.set(years, key, &string(status)),
                (Given::Set(status), None) => self.set(years, &year.era_short(), &string(status)),
            }
        }
    }

    fn indicators(&mut self, root: &mut T, old: &[Indicator], sheet: &[SheetIndicator]) {
        let mut claimed = vec![false; old.len()];
        let mut taken: Vec<String> = old.iter().map(|i| i.id.get_ref().to_string()).collect();
        let mut matches = Vec::new();
        for (k, ind) in sheet.iter().enumerate() {
            let found = match &ind.id {
                Some(id) => old.iter().position(|o| o.id.get_ref().as_str() == id),
                None => (k < old.len() && !claimed[k]).then_some(k),
            };
            match found {
                Some(i) if claimed[i] => {
                    let message = crate::msg!(
                        ja: "事業の指標ごとに別の指標IDを付けてください。指標 {id} の行が二つあります。",
                        en: "a second row for the indicator {id}: give each indicator of a project its own 指標ID",
                        id = old[i].id.get_ref(),
                    );
                    self.problems.push(Problem { row: ind.row, column: Some("指標ID".to_owned()), message });
                }
                Some(i) => {
                    claimed[i] = true;
                    matches.push((ind, Some(i)));
                }
                None => matches.push((ind, None)),
            }
        }
        let mut tables = root.tables("indicators");
        let mut added = Vec::new();
        for (ind, i) in matches {
            match i.and_then(|i| tables.get_mut(i).map(|t| (t, &old[i]))) {
                Some((t, o)) => self.indicator(t, o, ind),
                None => {
                    let id = ind.id.clone().unwrap_or_else(|| fresh::new_indicator_id(&taken));
                    taken.push(id.clone());
                    added.push(fresh::indicator(ind, &id, &mut self.problems));
                }
            }
        }
        drop(tables);
        self.push_tables(root, "indicators", added);
    }

    fn indicator(&mut self, t: &mut T, old: &Indicator, ind: &SheetIndicator) {
        self.text(t, "name", &ind.name, Some(&old.name));
        self.text(t, "unit", &ind.unit, old.unit.as_ref());
        let direction = match &ind.direction {
            Given::Missing => Given::Missing,
            Given::Empty => Given::Empty,
            Given::Set(d) => Given::Set(d.as_str().to_owned()),
        };
        self.string(t, "direction", &direction, old.direction.map(|d| d.as_str()));
        let old_levels: Vec<Text> = old.levels.iter().map(|l| l.get_ref().clone()).collect();
        match super::levels::from_sheet(&ind.levels) {
            Given::Missing => {}
            Given::Empty if old_levels.is_empty() => {}
            Given::Set(new) if new == old_levels => {}
            Given::Empty => self.remove(t, "levels"),
            Given::Set(new) if new.is_empty() => self.remove(t, "levels"),
            Given::Set(new) => self.set(t, "levels", &crate::record_writer::texts(&new)),
        }
        let fixed =
            [(ValueKind::Baseline, &ind.baseline, &old.baseline), (ValueKind::Target, &ind.target, &old.target)];
        for (kind, given, o) in fixed {
            let key = kind.as_str();
            let o = o.as_ref().map(|o| o.get_ref());
            match (given, o) {
                (Given::Missing, _) | (Given::Empty, None) => {}
                (Given::Empty, Some(_)) => self.remove(t, key),
                (Given::Set(v), o) => {
                    if let (Some(o), Some(mut sub)) = (o, t.sub(key)) {
                        self.value(&mut sub, v, Some(o));
                        continue;
                    }
                    let toml = fresh::value_inline(v, self.row, &mut self.problems);
                    self.set(t, key, &toml);
                }
            }
        }
        self.actuals(t, old, ind);
    }

    /// Actual values, by fiscal year: updated in place, removed, or added at the end.
    fn actuals(&mut self, t: &mut T, old: &Indicator, ind: &SheetIndicator) {
        let mut remove = Vec::new();
        let mut added = Vec::new();
        {
            let mut tables = t.tables("actuals");
            for (year, given) in &ind.actuals {
                let i = old.actuals.iter().position(|a| a.get_ref().year == *year);
                match (given, i.and_then(|i| tables.get_mut(i).map(|t| (i, t)))) {
                    (Given::Missing, _) | (Given::Empty, None) => {}
                    (Given::Empty, Some((i, _))) => remove.push(i),
                    (Given::Set(v), Some((i, sub))) => self.value(sub, v, Some(old.actuals[i].get_ref())),
                    (Given::Set(v), None) => added.push(fresh::value_inline(v, self.row, &mut self.problems)),
                }
            }
        }
        remove.sort_unstable();
        for i in remove.into_iter().rev() {
            t.remove_at("actuals", i);
            self.changed = true;
        }
        for toml in added {
            if let Some(v) = self.parse(&toml) {
                t.push_inline("actuals", v);
            }
            self.changed = true;
        }
    }

    /// A baseline, target or actual value, field by field.
    fn value(&mut self, t: &mut T, v: &SheetValue, old: Option<&IndicatorValue>) {
        self.year(t, "year", v.year, old.map(|o| o.year));
        match &v.value {
            Val::Number(n) => {
                if old.and_then(|o| o.value.as_ref()).is_none_or(|o| o.get_ref().value != n.value) {
                    self.set(t, "value", &number(n));
                }
                self.remove(t, "text");
            }
            Val::Text(s) => {
                let given = SheetText { ja: Given::Set(s.clone()), en: v.text_en.clone() };
                self.text(t, "text", &given, old.and_then(|o| o.text.as_ref()));
                self.remove(t, "value");
            }
        }
        self.text(t, "label", &v.label, old.and_then(|o| o.label.as_ref()));
        self.text(t, "note", &v.note, old.and_then(|o| o.note.as_ref()));
        match (&v.met, old.and_then(|o| o.met)) {
            (Given::Missing, _) | (Given::Empty, None) => {}
            (Given::Empty, Some(_)) => self.remove(t, "met"),
            (Given::Set(met), Some(o)) if *met == o => {}
            (Given::Set(met), _) => self.set(t, "met", &met.to_string()),
        }
    }

    fn reports(&mut self, root: &mut T, old: &[Report], sheet: &[SheetReport]) {
        let mut tables = root.tables("reports");
        let mut added = Vec::new();
        for r in sheet {
            let i = old.iter().position(|o| *o.year.get_ref() == r.year);
            match i.and_then(|i| tables.get_mut(i).map(|t| (t, &old[i]))) {
                Some((t, o)) => {
                    let grade = o.grade.as_ref().map(|g| g.get_ref().as_str());
                    self.string(t, "grade", &r.grade, grade);
                    self.list(t, "partners", &r.partners, o.partners.iter().map(|p| p.get_ref().as_str()).collect());
                    self.text(t, "achievements", &r.achievements, o.achievements.as_ref());
                    self.text(t, "effect", &r.effect, o.effect.as_ref());
                    self.text(t, "improvement", &r.improvement, o.improvement.as_ref());
                }
                None if r.has_content() => added.push(fresh::report(r, self.row, &mut self.problems)),
                None => {}
            }
        }
        drop(tables);
        self.push_tables(root, "reports", added);
    }
}
