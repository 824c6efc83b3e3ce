//! JSON downloads: `projects.json` with every project, and one file per project.
//!
//! JSON keeps what CSV cannot: nesting, both languages side by side, and the Markdown
//! source of long texts alongside its plain-text form. Each object is a struct that
//! borrows from the record; fields are declared in alphabetical order, which is the order
//! of the published files.

use serde::Serialize;

use super::years::{Scope, edition_url, reported_in};
use crate::i18n::Lang;
use crate::indicator::{Direction, Value};
use crate::load::Site;
use crate::model::{Indicator, Project, Report, ScheduleRow, ValueKind, Vocabulary};
use crate::text::Text;
use crate::urls::{self, Page};

/// A text as `{"en": …, "ja": …}`; `en` is null where not translated. Markdown fields
/// are published as written (the CSV files carry their plain-text form).
#[derive(Serialize, schemars::JsonSchema)]
struct TextJson<'a> {
    en: Option<&'a str>,
    ja: &'a str,
}

fn text(t: &Text) -> TextJson<'_> {
    let en = t.get(Lang::En);
    TextJson { en: (en.lang == Lang::En).then_some(en.value), ja: &t.ja }
}

fn opt_text(t: Option<&Text>) -> Option<TextJson<'_>> {
    t.map(text)
}

/// The header shared by both kinds of JSON file: who publishes, under which licence.
#[derive(Serialize, schemars::JsonSchema)]
struct Header<'a> {
    licence: LicenceJson<'a>,
    municipality: MunicipalityJson<'a>,
    plan: PlanJson<'a>,
    publisher: TextJson<'a>,
    reported_fiscal_years: Vec<i64>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct LicenceJson<'a> {
    attribution: TextJson<'a>,
    id: &'static str,
    name: BothNames,
    url: &'static str,
}

#[derive(Serialize, schemars::JsonSchema)]
struct BothNames {
    en: &'static str,
    ja: &'static str,
}

#[derive(Serialize, schemars::JsonSchema)]
struct MunicipalityJson<'a> {
    code: &'a str,
    name: TextJson<'a>,
    prefecture: Option<TextJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct PlanJson<'a> {
    end_fiscal_year: Option<i64>,
    name: TextJson<'a>,
    start_fiscal_year: Option<i64>,
}

fn header(site: &Site) -> Header<'_> {
    let c = &site.config;
    let l = &c.licence;
    Header {
        licence: LicenceJson {
            attribution: text(&l.attribution),
            id: l.id.spdx(),
            name: BothNames { en: l.id.name(Lang::En), ja: l.id.name(Lang::Ja) },
            url: l.id.url(),
        },
        municipality: MunicipalityJson {
            code: c.municipality.code.get_ref(),
            name: text(&c.municipality.name),
            prefecture: opt_text(c.municipality.prefecture.as_ref()),
        },
        plan: PlanJson {
            end_fiscal_year: c.plan.end.as_ref().map(|y| y.get_ref().year()),
            name: text(&c.plan.name),
            start_fiscal_year: c.plan.start.map(|y| y.year()),
        },
        publisher: text(&c.publisher.name),
        reported_fiscal_years: c.reported_years.iter().map(|y| y.get_ref().year()).collect(),
    }
}

/// One project, nested, with every field of its record.
#[derive(Serialize, schemars::JsonSchema)]
struct ProjectJson<'a> {
    audience: Option<TextJson<'a>>,
    code: Option<&'a str>,
    corrections: Vec<CorrectionJson<'a>>,
    department: DepartmentJson<'a>,
    direction: Option<TextJson<'a>>,
    goal: Option<SectionJson<'a>>,
    id: &'a str,
    implementer: Option<TextJson<'a>>,
    indicators: Vec<IndicatorJson<'a>>,
    issues: Option<TextJson<'a>>,
    lead_departments: Vec<DepartmentJson<'a>>,
    lead_note: Option<TextJson<'a>>,
    plan_content: Option<TextJson<'a>>,
    policy: Option<SectionJson<'a>>,
    related_departments: Vec<DepartmentJson<'a>>,
    related_projects: Vec<&'a str>,
    reports: Vec<ReportJson<'a>>,
    schedule: Vec<ScheduleRowJson<'a>>,
    title: TextJson<'a>,
    urls: UrlsJson,
}

#[derive(Serialize, schemars::JsonSchema)]
struct DepartmentJson<'a> {
    division: Option<TextJson<'a>>,
    id: &'a str,
    name: Option<TextJson<'a>>,
}

/// A goal or policy of the plan.
#[derive(Serialize, schemars::JsonSchema)]
struct SectionJson<'a> {
    code: &'a str,
    id: &'a str,
    title: Option<TextJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ScheduleRowJson<'a> {
    label: Option<TextJson<'a>>,
    row: usize,
    years: Vec<ScheduleYearJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ScheduleYearJson<'a> {
    era: String,
    fiscal_year: i64,
    status: StatusJson<'a>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct StatusJson<'a> {
    id: &'a str,
    label: Option<TextJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct IndicatorJson<'a> {
    direction: Option<Direction>,
    id: &'a str,
    /// The ordered levels of a text-valued indicator, lowest first.
    levels: Vec<TextJson<'a>>,
    name: TextJson<'a>,
    unit: Option<TextJson<'a>>,
    values: Vec<ValueJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ValueJson<'a> {
    achievement_rate: Option<f64>,
    era: String,
    fiscal_year: i64,
    kind: ValueKind,
    label: Option<TextJson<'a>>,
    note: Option<TextJson<'a>>,
    /// The report that stated the value (docs/records.md, "Which report stated a value").
    reported_in: Option<ReportedInJson>,
    /// On actual values: the indicator's status in that year (`verdict`), as a key.
    status: Option<&'static str>,
    text: Option<TextJson<'a>>,
    value: Option<f64>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ReportedInJson {
    /// The frozen edition's data package, where that report is frozen.
    edition: Option<String>,
    era: String,
    fiscal_year: i64,
}

/// A correction of a published edition.
#[derive(Serialize, schemars::JsonSchema)]
struct CorrectionJson<'a> {
    date: &'a str,
    edition: ReportedInJson,
    field: String,
    new: Option<&'a crate::model::Stated>,
    old: Option<&'a crate::model::Stated>,
    reason: TextJson<'a>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct ReportJson<'a> {
    achievements: Option<TextJson<'a>>,
    effect: Option<TextJson<'a>>,
    era: String,
    fiscal_year: i64,
    grade: Option<GradeJson<'a>>,
    improvement: Option<TextJson<'a>>,
    partners: Vec<PartnerJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct GradeJson<'a> {
    definition: Option<TextJson<'a>>,
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
struct PartnerJson<'a> {
    id: &'a str,
    label: &'a str,
    name: Option<TextJson<'a>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct UrlsJson {
    json: String,
    page_en: String,
    page_ja: String,
}

fn department<'a>(voc: &'a Vocabulary, id: &'a str) -> DepartmentJson<'a> {
    let d = voc.department(id);
    DepartmentJson {
        division: opt_text(d.and_then(|x| x.division_of.as_ref())),
        id,
        name: opt_text(d.map(|x| &x.name)),
    }
}

fn schedule_row<'a>(voc: &'a Vocabulary, i: usize, row: &'a ScheduleRow) -> ScheduleRowJson<'a> {
    ScheduleRowJson {
        label: opt_text(row.label.as_ref()),
        row: i + 1,
        years: row
            .by_year
            .iter()
            .map(|(y, s)| ScheduleYearJson {
                era: y.era_ja(),
                fiscal_year: y.year(),
                status: StatusJson { id: s.as_str(), label: opt_text(voc.status(s.as_str()).map(|st| &st.label)) },
            })
            .collect(),
    }
}

/// The report of `year`, with its edition's address as written in the file at `from`.
fn reported_json(site: &Site, year: crate::fiscal_year::FiscalYear, from: &str) -> ReportedInJson {
    ReportedInJson { edition: edition_url(site, year, from), era: year.era_ja(), fiscal_year: year.year() }
}

fn correction<'a>(site: &Site, c: &'a crate::model::Correction, from: &str) -> CorrectionJson<'a> {
    CorrectionJson {
        date: c.date.as_str(),
        edition: reported_json(site, *c.edition.get_ref(), from),
        field: crate::edition::statement::normalize(c.field.get_ref()).unwrap_or_else(|_| c.field.get_ref().clone()),
        new: c.new.as_ref().map(|v| v.get_ref()),
        old: c.old.as_ref().map(|v| v.get_ref()),
        reason: text(&c.reason),
    }
}

fn indicator<'a>(site: &Site, p: &Project, ind: &'a Indicator, from: &str) -> IndicatorJson<'a> {
    let values = ind.values_in_order().into_iter().map(|(kind, v)| {
        let value = v.value();
        let stated = reported_in(site, p, ind, kind, v, Scope::All);
        ValueJson {
            achievement_rate: ind.rate(kind, v),
            era: v.year.era_ja(),
            fiscal_year: v.year.year(),
            kind,
            label: opt_text(v.label.as_ref()),
            note: opt_text(v.note.as_ref()),
            reported_in: stated.map(|y| reported_json(site, y, from)),
            status: (kind == ValueKind::Actual).then(|| crate::verdict::judge_actual(ind, v).status.key()),
            // A text value is the record's own `text`, borrowed as written.
            text: match value {
                Value::Text(_) => v.text.as_ref().map(text),
                Value::Number(_) => None,
            },
            value: value.number(),
        }
    });
    IndicatorJson {
        direction: ind.direction,
        id: ind.id.get_ref().as_str(),
        levels: ind.levels.iter().map(|l| text(l.get_ref())).collect(),
        name: text(&ind.name),
        unit: opt_text(ind.unit.as_ref()),
        values: values.collect(),
    }
}

fn report<'a>(voc: &'a Vocabulary, r: &'a Report) -> ReportJson<'a> {
    let grade = r.grade.as_ref().and_then(|g| voc.grade(g.get_ref().as_str()));
    let partners = r.partners.iter().filter_map(|pa| voc.partner(pa.get_ref().as_str()));
    ReportJson {
        achievements: opt_text(r.achievements.as_ref()),
        effect: opt_text(r.effect.as_ref()),
        era: r.year.get_ref().era_ja(),
        fiscal_year: r.year.get_ref().year(),
        grade: grade.map(|g| GradeJson {
            definition: opt_text(g.definition.as_ref()),
            id: g.id.get_ref().as_str(),
            label: &g.label,
        }),
        improvement: opt_text(r.improvement.as_ref()),
        partners: partners
            .map(|pa| PartnerJson { id: pa.id.get_ref().as_str(), label: &pa.label, name: opt_text(pa.name.as_ref()) })
            .collect(),
    }
}

/// A project as written in the file at `from`, which its links are relative to.
fn project<'a>(site: &'a Site, p: &'a Project, from: &str) -> ProjectJson<'a> {
    let voc = &site.vocabulary;
    let id = p.id.get_ref().as_str();
    let section =
        |id: &'a str, code: &'a str, title: Option<&'a Text>| SectionJson { code, id, title: opt_text(title) };
    let (goal, policy) = match voc.policy(p.policy.get_ref().as_str()) {
        Some((g, po)) => (
            Some(section(g.id.get_ref().as_str(), &g.code.ja, g.title.as_ref())),
            Some(section(po.id.get_ref().as_str(), &po.code.ja, po.title.as_ref())),
        ),
        None => (None, None),
    };
    let mut reports: Vec<&Report> = p.reports.iter().collect();
    reports.sort_by_key(|r| *r.year.get_ref());
    let departments = |ids: &'a [toml::Spanned<crate::slug::Slug>]| -> Vec<DepartmentJson<'a>> {
        ids.iter().map(|d| department(voc, d.get_ref().as_str())).collect()
    };
    ProjectJson {
        audience: opt_text(p.audience.as_ref()),
        code: p.code.as_deref(),
        corrections: p.corrections.iter().map(|c| correction(site, c, from)).collect(),
        department: department(voc, p.department.get_ref().as_str()),
        direction: opt_text(p.direction.as_ref()),
        goal,
        id,
        implementer: opt_text(p.implementer.as_ref()),
        indicators: p.indicators.iter().map(|i| indicator(site, p, i, from)).collect(),
        issues: opt_text(p.issues.as_ref()),
        lead_departments: departments(&p.lead_departments),
        lead_note: opt_text(p.lead_note.as_ref()),
        plan_content: opt_text(p.plan_content.as_ref()),
        policy,
        related_departments: departments(&p.related_departments),
        related_projects: p.related.iter().map(|r| r.get_ref().as_str()).collect(),
        reports: reports.into_iter().map(|r| report(voc, r)).collect(),
        schedule: p.schedule.iter().enumerate().map(|(i, row)| schedule_row(voc, i, row)).collect(),
        title: text(p.title.get_ref()),
        urls: UrlsJson {
            json: site.urls.in_file(from, &urls::project_json(id)),
            page_en: site.urls.in_file(from, &Page::Project(id).path(Lang::En)),
            page_ja: site.urls.in_file(from, &Page::Project(id).path(Lang::Ja)),
        },
    }
}

/// Compact JSON text of a value.
fn compact(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// A project as compact JSON text, as written in the file at `from`: an element of
/// `projects.json`, or the body of its own file (links differ: they are relative to the
/// file they sit in).
pub fn project_text(site: &Site, p: &Project, from: &str) -> String {
    compact(&project(site, p, from))
}

/// The header object's members as JSON text, without the closing brace: `{"licence":…`.
pub fn header_open(site: &Site) -> String {
    let mut text = compact(&header(site));
    text.pop();
    text
}

/// `data/projects/<id>.json`, from [`header_open`] and [`project_text`].
pub fn project_file(header: &str, project: &str) -> Vec<u8> {
    format!("{header},\"project\":{project}}}\n").into_bytes()
}

/// `data/projects.json` as a whole, for its JSON Schema.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct ProjectsFile<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    projects: Vec<ProjectJson<'a>>,
}

/// `data/projects/<id>.json` as a whole, for its JSON Schema.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct ProjectFile<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    project: ProjectJson<'a>,
}

/// The JSON Schemas of `projects.json` and of a project's own file, generated from the
/// types that write them (so they cannot disagree).
pub fn schemas() -> [(&'static str, serde_json::Value); 2] {
    let mut all = schemars::schema_for!(ProjectsFile);
    all.insert("title".into(), "kyodo projects.json".into());
    let mut one = schemars::schema_for!(ProjectFile);
    one.insert("title".into(), "kyodo data/projects/<id>.json".into());
    [("projects.schema.json", all.to_value()), ("project.schema.json", one.to_value())]
}
