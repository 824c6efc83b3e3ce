//! JSON downloads: `projects.json` with every project, and one file per project.
//!
//! JSON keeps what CSV cannot: nesting, both languages side by side, and the Markdown
//! source of long texts alongside its plain-text form.

use serde_json::{Map, Value, json};

use crate::i18n::Lang;
use crate::indicator::{Direction, Value as IndicatorValueKind};
use crate::load::Site;
use crate::model::Project;
use crate::text::Text;
use crate::urls::{self, Page};

/// A text as `{"ja": …, "en": …}`; `en` is null where not translated.
fn text(t: &Text) -> Value {
    let en = t.get(Lang::En);
    json!({ "ja": t.ja, "en": if en.lang == Lang::En { Value::from(en.value) } else { Value::Null } })
}

fn opt_text(t: Option<&Text>) -> Value {
    t.map_or(Value::Null, text)
}

/// A Markdown text, per language, as written in the record (the CSV files carry the
/// plain-text form).
fn markdown(t: Option<&Text>) -> Value {
    t.map_or(Value::Null, text)
}

fn municipality(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "code": c.municipality.code.get_ref(),
        "name": text(&c.municipality.name),
        "prefecture": opt_text(c.municipality.prefecture.as_ref()),
    })
}

fn licence(site: &Site) -> Value {
    let l = &site.config.licence;
    json!({
        "id": l.id.spdx(),
        "name": { "ja": l.id.name(Lang::Ja), "en": l.id.name(Lang::En) },
        "url": l.id.url(),
        "attribution": text(&l.attribution),
    })
}

/// One project, nested, with every field of its record.
pub fn project(site: &Site, p: &Project) -> Value {
    let voc = &site.vocabulary;
    let id = p.id.get_ref().as_str();
    let department = |d: &str| {
        let dep = voc.department(d);
        json!({ "id": d, "name": opt_text(dep.map(|x| &x.name)), "division": opt_text(dep.and_then(|x| x.division_of.as_ref())) })
    };
    let (goal, policy) = match voc.policy(p.policy.get_ref().as_str()) {
        Some((g, po)) => (
            json!({ "id": g.id.get_ref(), "code": g.code, "title": opt_text(g.title.as_ref()) }),
            json!({ "id": po.id.get_ref(), "code": po.code, "title": opt_text(po.title.as_ref()) }),
        ),
        None => (Value::Null, Value::Null),
    };
    let schedule: Vec<Value> = p
        .schedule
        .iter()
        .enumerate()
        .map(|(i, row)| {
            json!({
                "row": i + 1,
                "label": opt_text(row.label.as_ref()),
                "years": row.by_year.iter().map(|(y, s)| json!({
                    "fiscal_year": y.year(),
                    "era": y.era_ja(),
                    "status": { "id": s, "label": opt_text(voc.status(s.as_str()).map(|st| &st.label)) },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let indicators: Vec<Value> = p
        .indicators
        .iter()
        .map(|ind| {
            let values: Vec<Value> = ind
                .values_in_order()
                .into_iter()
                .map(|(kind, v)| {
                    let (number, text_value) = match v.value() {
                        IndicatorValueKind::Number(n) => (serde_json::Number::from_f64(n.value).map_or(Value::Null, Value::Number), Value::Null),
                        IndicatorValueKind::Text(t) => (Value::Null, text(&t)),
                    };
                    json!({
                        "kind": kind,
                        "fiscal_year": v.year.year(),
                        "era": v.year.era_ja(),
                        "value": number,
                        "text": text_value,
                        "achievement_rate": ind.rate(kind, v),
                        "label": opt_text(v.label.as_ref()),
                        "note": opt_text(v.note.as_ref()),
                    })
                })
                .collect();
            json!({
                "id": ind.id.get_ref(),
                "name": text(&ind.name),
                "unit": opt_text(ind.unit.as_ref()),
                "direction": ind.direction.map(|d| match d { Direction::Increase => "increase", Direction::Decrease => "decrease" }),
                "values": values,
            })
        })
        .collect();
    let mut reports: Vec<_> = p.reports.iter().collect();
    reports.sort_by_key(|r| *r.year.get_ref());
    let reports: Vec<Value> = reports
        .into_iter()
        .map(|r| {
            let grade = r.grade.as_ref().and_then(|g| voc.grade(g.get_ref().as_str()));
            json!({
                "fiscal_year": r.year.get_ref().year(),
                "era": r.year.get_ref().era_ja(),
                "grade": grade.map(|g| json!({ "id": g.id.get_ref(), "label": g.label, "definition": opt_text(g.definition.as_ref()) })),
                "partners": r.partners.iter().filter_map(|pa| voc.partner(pa.get_ref().as_str())).map(|pa| json!({
                    "id": pa.id.get_ref(), "label": pa.label, "name": opt_text(pa.name.as_ref()),
                })).collect::<Vec<_>>(),
                "achievements": markdown(r.achievements.as_ref()),
                "effect": markdown(r.effect.as_ref()),
                "improvement": markdown(r.improvement.as_ref()),
            })
        })
        .collect();

    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("code".into(), json!(p.code));
    m.insert("goal".into(), goal);
    m.insert("policy".into(), policy);
    m.insert("title".into(), text(p.title.get_ref()));
    m.insert("department".into(), department(p.department.get_ref().as_str()));
    m.insert(
        "lead_departments".into(),
        Value::Array(p.lead_departments.iter().map(|d| department(d.get_ref().as_str())).collect()),
    );
    m.insert("lead_note".into(), opt_text(p.lead_note.as_ref()));
    m.insert(
        "related_departments".into(),
        Value::Array(p.related_departments.iter().map(|d| department(d.get_ref().as_str())).collect()),
    );
    m.insert("issues".into(), markdown(p.issues.as_ref()));
    m.insert("direction".into(), markdown(p.direction.as_ref()));
    m.insert("plan_content".into(), markdown(p.plan_content.as_ref()));
    m.insert("audience".into(), opt_text(p.audience.as_ref()));
    m.insert("implementer".into(), opt_text(p.implementer.as_ref()));
    m.insert("related_projects".into(), json!(p.related.iter().map(|r| r.get_ref().as_str()).collect::<Vec<_>>()));
    m.insert("schedule".into(), Value::Array(schedule));
    m.insert("indicators".into(), Value::Array(indicators));
    m.insert("reports".into(), Value::Array(reports));
    m.insert(
        "urls".into(),
        json!({
            "page_ja": site.urls.public(&Page::Project(id).path(Lang::Ja)),
            "page_en": site.urls.public(&Page::Project(id).path(Lang::En)),
            "json": site.urls.public(&urls::project_json(id)),
        }),
    );
    Value::Object(m)
}

/// The header shared by both kinds of JSON file: who publishes, under which licence.
fn header(site: &Site) -> Map<String, Value> {
    let c = &site.config;
    let mut m = Map::new();
    m.insert("municipality".into(), municipality(site));
    m.insert(
        "plan".into(),
        json!({
            "name": text(&c.plan.name),
            "start_fiscal_year": c.plan.start.map(|y| y.year()),
            "end_fiscal_year": c.plan.end.as_ref().map(|y| y.get_ref().year()),
        }),
    );
    m.insert(
        "reported_fiscal_years".into(),
        json!(c.reported_years.iter().map(|y| y.get_ref().year()).collect::<Vec<_>>()),
    );
    m.insert("publisher".into(), text(&c.publisher.name));
    m.insert("licence".into(), licence(site));
    m
}

/// Compact JSON text of a value.
fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// A project as compact JSON text: an element of `projects.json` and the body of its own
/// file.
pub fn project_text(site: &Site, p: &Project) -> String {
    compact(&project(site, p))
}

/// The header object's members as JSON text, without the closing brace: `{"municipality":…`.
pub fn header_open(site: &Site) -> String {
    let mut text = compact(&Value::Object(header(site)));
    text.pop();
    text
}

/// `data/projects/<id>.json`, from [`header_open`] and [`project_text`].
pub fn project_file(header: &str, project: &str) -> Vec<u8> {
    format!("{header},\"project\":{project}}}\n").into_bytes()
}
