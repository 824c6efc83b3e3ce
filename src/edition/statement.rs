//! What an edition states: the fields of a year's report, by a path a clerk can read.
//!
//! A field is named with ids, never positions, so that it stays the same when a record is
//! reordered:
//!
//! ```text
//! department                                  the reporting department's id
//! reports.R5.grade | partners | achievements | effect | improvement
//! indicators.<id>.name | unit | direction
//! indicators.<id>.baseline | target           the value; .year .label .note beside it
//! indicators.<id>.actuals.R5                  the value; .label .note beside it
//! departments.<id>.name                       (vocabulary.toml) the name in that year
//! grades.<id>.label, partners.<id>.label      (vocabulary.toml)
//! ```
//!
//! Texts are the Japanese as written (the official record; English is not compared).
//! The statement of year Y holds the report of Y and the indicator values as of Y: every
//! baseline and target, and the actual values of the years up to Y.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::fiscal_year::FiscalYear;
use crate::indicator::Value;
use crate::model::{IndicatorValue, Project, Stated, ValueKind, Vocabulary};
use crate::msg;
use crate::msg::Msg;
use crate::text::Text;

/// A field's value and where it is written in its file.
pub type Fields = BTreeMap<String, (Stated, Range<usize>)>;

/// The grammar of a field, for help texts.
pub fn grammar() -> Msg {
    msg!(
        ja: "department、reports.R5.grade（または .partners、.achievements、.effect、.improvement）、indicators.<id>.name（または .unit、.direction）、indicators.<id>.baseline（または .target、.actuals.R5。後ろに .label か .note を付けることもできます。baseline と target には .year も付けられます）",
        en: "department, reports.R5.grade (or .partners, .achievements, .effect, .improvement), indicators.<id>.name (or .unit, .direction), indicators.<id>.baseline (or .target, .actuals.R5, each optionally followed by .label or .note; .year after baseline and target)",
    )
}

fn value(v: &IndicatorValue) -> Stated {
    match v.value() {
        Value::Number(n) => Stated::Number(n.data()),
        Value::Text(t) => Stated::text(&t.ja),
    }
}

fn put_text(fields: &mut Fields, key: String, t: Option<&Text>, span: Range<usize>) {
    if let Some(t) = t.filter(|t| !t.ja.trim().is_empty()) {
        fields.insert(key, (Stated::text(&t.ja), span));
    }
}

/// What the report of `year` states about project `p`; `None` when it has no report for
/// that year.
pub fn project_fields(p: &Project, year: FiscalYear) -> Option<Fields> {
    let report = p.report(year)?;
    let mut f = Fields::new();
    f.insert("department".into(), (Stated::text(p.department.get_ref().as_str()), p.department.span()));
    let r = format!("reports.{}", year.era_short());
    if let Some(g) = &report.grade {
        f.insert(format!("{r}.grade"), (Stated::text(g.get_ref().as_str()), g.span()));
    }
    if !report.partners.is_empty() {
        let ids = report.partners.iter().map(|x| x.get_ref().to_string()).collect();
        f.insert(format!("{r}.partners"), (Stated::List(ids), report.year.span()));
    }
    for (name, t) in
        [("achievements", &report.achievements), ("effect", &report.effect), ("improvement", &report.improvement)]
    {
        put_text(&mut f, format!("{r}.{name}"), t.as_ref(), report.year.span());
    }
    for ind in &p.indicators {
        let i = format!("indicators.{}", ind.id.get_ref());
        let span = ind.id.span();
        put_text(&mut f, format!("{i}.name"), Some(&ind.name), span.clone());
        put_text(&mut f, format!("{i}.unit"), ind.unit.as_ref(), span.clone());
        if let Some(d) = ind.direction {
            f.insert(format!("{i}.direction"), (Stated::text(d.as_str()), span.clone()));
        }
        for (_, kind, v) in ind.values_as_written() {
            let at = v.span();
            let v = v.get_ref();
            let key = match kind {
                ValueKind::Actual if v.year > year => continue,
                ValueKind::Actual => format!("{i}.actuals.{}", v.year.era_short()),
                other => format!("{i}.{}", other.as_str()),
            };
            if kind != ValueKind::Actual {
                f.insert(format!("{key}.year"), (Stated::text(&v.year.era_short()), at.clone()));
            }
            put_text(&mut f, format!("{key}.label"), v.label.as_ref(), at.clone());
            put_text(&mut f, format!("{key}.note"), v.note.as_ref(), at.clone());
            f.insert(key, (value(v), at));
        }
    }
    Some(f)
}

/// What an edition of `year` states from the vocabulary: each department's name in that
/// year, and the labels of grades and partners.
pub fn vocabulary_fields(v: &Vocabulary, year: FiscalYear) -> Fields {
    let mut f = Fields::new();
    for d in &v.departments {
        let name = d.name_in(year);
        f.insert(format!("departments.{}.name", d.id.get_ref()), (Stated::text(&name.ja), d.id.span()));
    }
    for g in &v.grades {
        f.insert(format!("grades.{}.label", g.id.get_ref()), (Stated::text(&g.label), g.id.span()));
    }
    for p in &v.partners {
        f.insert(format!("partners.{}.label", p.id.get_ref()), (Stated::text(&p.label), p.id.span()));
    }
    f
}

/// Whether `field` is of the year `year` itself: its report, and the actual values
/// measured in it. Adding such a field to a frozen year changes what its report said;
/// adding any other (a new indicator's baseline, an earlier year's figure) does not.
pub fn is_of_year(field: &str, year: FiscalYear) -> bool {
    let era = year.era_short();
    let parts: Vec<&str> = field.split('.').collect();
    match parts.as_slice() {
        ["reports", y, ..] => *y == era,
        ["indicators", _, "actuals", y, ..] => *y == era,
        _ => false,
    }
}

/// A field as a clerk wrote it, in the form the statement uses: fiscal years as `R5`
/// whatever way they were written (`2023`, `令和5年度`). An error says what is wrong.
pub fn normalize(field: &str) -> Result<String, Msg> {
    let bad = || {
        msg!(
            ja: "\"{field}\" は報告の項目として読めません。\n項目は次のように書いてください: {grammar}",
            en: "\"{field}\" is not a field of a report\nwrite a field as {grammar}",
            grammar = grammar(),
        )
    };
    let year = |s: &str| FiscalYear::parse(s).map(|y| y.era_short()).map_err(|_| bad());
    let parts: Vec<&str> = field.trim().split('.').map(str::trim).collect();
    let ok = |parts: Vec<String>| Ok(parts.join("."));
    let sub = |s: &str, allowed: &[&str]| if allowed.contains(&s) { Ok(s.to_owned()) } else { Err(bad()) };
    match parts.as_slice() {
        ["department"] => ok(vec!["department".into()]),
        ["reports", y, f] => ok(vec![
            "reports".into(),
            year(y)?,
            sub(f, &["grade", "partners", "achievements", "effect", "improvement"])?,
        ]),
        ["indicators", id, f] if !id.is_empty() => {
            ok(vec!["indicators".into(), (*id).into(), sub(f, &["name", "unit", "direction", "baseline", "target"])?])
        }
        ["indicators", id, k @ ("baseline" | "target"), f] if !id.is_empty() => {
            ok(vec!["indicators".into(), (*id).into(), (*k).into(), sub(f, &["year", "label", "note"])?])
        }
        ["indicators", id, "actuals", y] if !id.is_empty() => {
            ok(vec!["indicators".into(), (*id).into(), "actuals".into(), year(y)?])
        }
        ["indicators", id, "actuals", y, f] if !id.is_empty() => {
            ok(vec!["indicators".into(), (*id).into(), "actuals".into(), year(y)?, sub(f, &["label", "note"])?])
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_in_any_form_of_fiscal_year() {
        assert_eq!(normalize("indicators.a.actuals.2023").as_deref(), Ok("indicators.a.actuals.R5"));
        assert_eq!(normalize("reports.令和5年度.grade").as_deref(), Ok("reports.R5.grade"));
        assert_eq!(normalize("indicators.a.baseline.label").as_deref(), Ok("indicators.a.baseline.label"));
        assert_eq!(normalize("indicators.a.actuals.R4.note").as_deref(), Ok("indicators.a.actuals.R4.note"));
        for bad in ["", "reports.R5", "reports.R5.title", "indicators.a.actuals", "indicators[0].name", "x.y"] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_a_years_report_and_its_actuals_are_of_the_year() {
        let r5 = FiscalYear::parse("R5").unwrap();
        assert!(is_of_year("reports.R5.grade", r5));
        assert!(is_of_year("indicators.a.actuals.R5.note", r5));
        assert!(!is_of_year("indicators.a.actuals.R4", r5));
        assert!(!is_of_year("indicators.a.baseline", r5));
        assert!(!is_of_year("reports.R4.grade", r5));
    }
}
