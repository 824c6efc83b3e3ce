//! A new record from what a sheet says about a project, written the way `kyodo new`
//! writes records ([`crate::record_writer`]): keys in the documented order, long texts as
//! multi-line strings. The pieces (an indicator, a report, a value) are also what an update
//! adds to an existing record.

use crate::model::ValueKind;
use crate::msg;
use crate::msg::Msg;
use crate::record_writer::{list, number, string, text};
use crate::text::Text;

use super::Problem;
use super::sheet::{Given, SheetIndicator, SheetProject, SheetReport, SheetSchedule, SheetText, SheetValue};
use super::values::Val;

/// The text of a new record, or the problems that keep it from being written.
pub fn record(p: &SheetProject) -> Result<String, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut t = match &p.sheet {
        Some(sheet) => {
            // A comment ends at a line break: a sheet's name is written without control characters.
            let sheet: String = sheet.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            format!("# Imported from the sheet {sheet} of a workbook by `kyodo import`.\n")
        }
        None => format!("# Imported from row {} of a spreadsheet by `kyodo import`.\n", p.row),
    };
    t.push_str(&format!("id = {}\n", string(&p.id)));
    let code = match &p.code {
        Given::Missing => Some(p.generated_code.clone()).filter(|c| !c.is_empty()),
        given => given.set().cloned(),
    };
    if let Some(code) = code {
        t.push_str(&format!("code = {}\n", string(&code)));
    }
    t.push_str(&format!("policy = {}\n", string(&p.policy)));
    key_text(&mut t, "title", &p.title, p.row, &mut problems);
    t.push_str(&format!("department = {}\n", string(&p.department)));
    key_list(&mut t, "lead_departments", &p.lead_departments);
    key_text(&mut t, "lead_note", &p.lead_note, p.row, &mut problems);
    key_list(&mut t, "related_departments", &p.related_departments);
    for (key, value) in [
        ("issues", &p.issues),
        ("direction", &p.direction),
        ("plan_content", &p.plan_content),
        ("audience", &p.audience),
        ("implementer", &p.implementer),
    ] {
        key_text(&mut t, key, value, p.row, &mut problems);
    }
    key_list(&mut t, "related", &p.related);
    for row in &p.schedule {
        t.push_str(&schedule(row, &mut problems));
    }
    let mut ids: Vec<String> = p.indicators.iter().filter_map(|i| i.id.clone()).collect();
    for ind in &p.indicators {
        let id = match &ind.id {
            Some(id) => id.clone(),
            None => new_indicator_id(&ids),
        };
        ids.push(id.clone());
        t.push_str(&indicator(ind, &id, &mut problems));
    }
    for r in p.reports.iter().filter(|r| r.has_content()) {
        t.push_str(&report(r, p.row, &mut problems));
    }
    if problems.is_empty() { Ok(t) } else { Err(problems) }
}

/// An indicator id not in `taken`: indicator, indicator-2, indicator-3 …
pub fn new_indicator_id(taken: &[String]) -> String {
    (1..)
        .map(|n| if n == 1 { "indicator".to_owned() } else { format!("indicator-{n}") })
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

/// The text a sheet gives for a new field: its Japanese and English, if it has Japanese.
pub fn new_text(given: &SheetText, row: usize, key: &Msg, problems: &mut Vec<Problem>) -> Option<Text> {
    match &given.ja {
        Given::Set(ja) => Some(Text { ja: ja.clone(), en: given.en.set().cloned() }),
        _ => {
            if given.en.set().is_some() {
                problems.push(english_without_japanese(row, key));
            }
            None
        }
    }
}

/// The problem of an English text given for a field that has no Japanese.
pub fn english_without_japanese(row: usize, key: &Msg) -> Problem {
    Problem {
        row,
        column: None,
        message: msg!(
            ja: "日本語の列も記入してください（どの文字にも日本語が必要です）。{key} には英語がありますが、日本語がありません。",
            en: "{key} has English but no Japanese: every text needs its Japanese; fill the Japanese column too",
            key = key,
        ),
    }
}

/// A key of a record in a message: the same in both languages.
pub fn key_named(key: &str) -> Msg {
    msg!(ja: "{key}", en: "{key}")
}

fn key_text(t: &mut String, key: &str, given: &SheetText, row: usize, problems: &mut Vec<Problem>) {
    if let Some(value) = new_text(given, row, &key_named(key), problems) {
        t.push_str(&format!("{key} = {}\n", text(&value)));
    }
}

fn key_list(t: &mut String, key: &str, given: &Given<Vec<String>>) {
    if let Some(items) = given.set().filter(|i| !i.is_empty()) {
        t.push_str(&format!("{key} = {}\n", list(items)));
    }
}

/// A `[[schedule]]` table.
pub fn schedule(row: &SheetSchedule, problems: &mut Vec<Problem>) -> String {
    let mut t = String::from("\n[[schedule]]\n");
    key_text(&mut t, "label", &row.label, row.row, problems);
    let years: Vec<String> =
        row.years.iter().filter_map(|(y, s)| s.set().map(|s| format!("{} = {}", y.era_short(), string(s)))).collect();
    t.push_str(&format!("years = {{ {} }}\n", years.join(", ")));
    t
}

/// An `[[indicators]]` table.
pub fn indicator(ind: &SheetIndicator, id: &str, problems: &mut Vec<Problem>) -> String {
    let mut t = String::from("\n[[indicators]]\n");
    t.push_str(&format!("id = {}\n", string(id)));
    let what = msg!(ja: "指標の名前", en: "the indicator's name");
    match new_text(&ind.name, ind.row, &what, problems) {
        Some(name) => t.push_str(&format!("name = {}\n", text(&name))),
        None => problems.push(Problem {
            row: ind.row,
            column: None,
            message: msg!(
                ja: "指標の名前を値の前に書くか（\"加入率 66.1%\"）、指標名の列に書いてください。指標に名前がありません。",
                en: "the indicator has no name: write it before its values (\"加入率 66.1%\") or in 指標名",
            ),
        }),
    }
    key_text(&mut t, "unit", &ind.unit, ind.row, problems);
    if let Some(d) = ind.direction.set() {
        t.push_str(&format!("direction = {}\n", string(d.as_str())));
    }
    if let Given::Set(levels) = super::levels::from_sheet(&ind.levels)
        && !levels.is_empty()
    {
        t.push_str(&format!("levels = {}\n", crate::record_writer::texts(&levels)));
    }
    for (kind, value) in [(ValueKind::Baseline, &ind.baseline), (ValueKind::Target, &ind.target)] {
        if let Some(v) = value.set() {
            t.push_str(&format!("{} = {}\n", kind.as_str(), value_inline(v, ind.row, problems)));
        }
    }
    let actuals: Vec<String> =
        ind.actuals.iter().filter_map(|(_, v)| v.set()).map(|v| value_inline(v, ind.row, problems)).collect();
    if !actuals.is_empty() {
        t.push_str(&format!("actuals = [{}]\n", actuals.join(", ")));
    }
    t
}

/// A value as an inline table: `{ year = "R2", value = 3, label = "第1次計画実績" }`.
pub fn value_inline(v: &SheetValue, row: usize, problems: &mut Vec<Problem>) -> String {
    let mut parts = vec![format!("year = {}", string(&v.year.era_short()))];
    match &v.value {
        Val::Number(n) => parts.push(format!("value = {}", number(n))),
        Val::Text(s) => parts.push(format!("text = {}", text(&Text { ja: s.clone(), en: v.text_en.set().cloned() }))),
    }
    for (key, given) in [("label", &v.label), ("note", &v.note)] {
        if let Some(value) = new_text(given, row, &key_named(key), problems) {
            parts.push(format!("{key} = {}", text(&value)));
        }
    }
    if let Given::Set(met) = v.met {
        parts.push(format!("met = {met}"));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// A `[[reports]]` table.
pub fn report(r: &SheetReport, row: usize, problems: &mut Vec<Problem>) -> String {
    let mut t = String::from("\n[[reports]]\n");
    t.push_str(&format!("year = {}\n", string(&r.year.era_short())));
    if let Some(g) = r.grade.set() {
        t.push_str(&format!("grade = {}\n", string(g)));
    }
    key_list(&mut t, "partners", &r.partners);
    for (key, value) in [("achievements", &r.achievements), ("effect", &r.effect), ("improvement", &r.improvement)] {
        key_text(&mut t, key, value, row, problems);
    }
    t
}
