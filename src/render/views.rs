//! View structs: what templates see, shaped for pages rather than for records.
//!
//! Everything a template prints is decided here, in one language: texts are picked with
//! their fallback marked, fiscal years and numbers are formatted, Markdown is rendered to
//! safe HTML. Templates only lay it out.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::indicator::{Direction, Value, format_rate};
use crate::load::Site;
use crate::markdown;
use crate::model::{Department, Project};
use crate::render::charts::{self, Band};
use crate::render::theme::Strings;
use crate::text::{Lang, Text};

/// A short text in the page language, or in Japanese with a note when untranslated.
#[derive(Debug, Clone, Serialize)]
pub struct LText {
    pub value: String,
    /// Set only when the text is in another language than the page.
    pub lang: Option<&'static str>,
    pub note: Option<String>,
}

/// A Markdown field rendered to HTML, with the same fallback marking as [`LText`].
#[derive(Debug, Clone, Serialize)]
pub struct LHtml {
    pub html: String,
    pub lang: Option<&'static str>,
    pub note: Option<String>,
}

/// Picks texts for one page language.
pub struct Localizer<'a> {
    pub lang: Lang,
    pub strings: &'a Strings,
}

impl Localizer<'_> {
    pub fn text(&self, t: &Text) -> LText {
        let l = t.get(self.lang);
        let fallback = l.lang != self.lang;
        LText {
            value: l.value.to_owned(),
            lang: fallback.then(|| l.lang.code()),
            note: fallback.then(|| self.untranslated()),
        }
    }

    pub fn plain(&self, s: impl Into<String>) -> LText {
        LText { value: s.into(), lang: None, note: None }
    }

    pub fn html(&self, t: &Text) -> LHtml {
        let l = t.get(self.lang);
        let fallback = l.lang != self.lang;
        LHtml {
            html: markdown::to_html(l.value),
            lang: fallback.then(|| l.lang.code()),
            note: fallback.then(|| self.untranslated()),
        }
    }

    pub fn opt_text(&self, t: &Option<Text>) -> Option<LText> {
        t.as_ref().filter(|t| !t.ja.trim().is_empty()).map(|t| self.text(t))
    }

    pub fn opt_html(&self, t: &Option<Text>) -> Option<LHtml> {
        t.as_ref().filter(|t| !t.ja.trim().is_empty()).map(|t| self.html(t))
    }

    pub fn year(&self, y: FiscalYear) -> String {
        y.display(self.lang)
    }

    fn untranslated(&self) -> String {
        self.strings.get("untranslated").cloned().unwrap_or_default()
    }
}

/// Site-wide facts shown on every page.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: LText,
    pub description: Option<LHtml>,
    pub municipality: LText,
    pub plan_name: LText,
    pub reported_year: String,
    pub publisher: LText,
    pub licence_name: &'static str,
    pub licence_url: &'static str,
    pub attribution: LText,
}

impl SiteView {
    pub fn new(site: &Site, l: &Localizer) -> SiteView {
        let c = &site.config;
        SiteView {
            title: l.text(&c.title),
            description: l.opt_html(&c.description),
            municipality: l.text(&c.municipality.name),
            plan_name: l.text(&c.plan.name),
            reported_year: l.year(site.reported_year()),
            publisher: l.text(&c.publisher.name),
            licence_name: c.licence.id.name(l.lang),
            licence_url: c.licence.id.url(),
            attribution: l.text(&c.licence.attribution),
        }
    }
}

/// Site-root-relative path of a project page.
pub fn project_path(lang: Lang, id: &str) -> String {
    format!("{lang}/projects/{id}.html")
}

/// Site-root-relative path of a department page.
pub fn department_path(lang: Lang, id: &str) -> String {
    format!("{lang}/departments/{id}.html")
}

/// A link to a department.
#[derive(Debug, Serialize)]
pub struct DepartmentRef {
    pub id: String,
    pub name: LText,
    pub division: Option<LText>,
    pub href: String,
}

pub fn department_ref(d: &Department, l: &Localizer) -> DepartmentRef {
    let id = d.id.get_ref().as_str();
    DepartmentRef {
        id: id.to_owned(),
        name: l.text(&d.name),
        division: l.opt_text(&d.division_of),
        href: department_path(l.lang, id),
    }
}

fn department_by_id(site: &Site, id: &str, l: &Localizer) -> DepartmentRef {
    match site.vocabulary.department(id) {
        Some(d) => department_ref(d, l),
        // The loader has checked every department id; this arm is never taken.
        None => {
            DepartmentRef { id: id.to_owned(), name: l.plain(id), division: None, href: department_path(l.lang, id) }
        }
    }
}

/// A project in a list.
#[derive(Debug, Serialize)]
pub struct ProjectSummary {
    pub id: String,
    pub code: Option<String>,
    pub title: LText,
    pub href: String,
    pub department: LText,
}

pub fn project_summary(site: &Site, p: &Project, l: &Localizer) -> ProjectSummary {
    let id = p.id.get_ref().as_str();
    ProjectSummary {
        id: id.to_owned(),
        code: p.code.clone(),
        title: l.text(p.title.get_ref()),
        href: project_path(l.lang, id),
        department: department_by_id(site, p.department.get_ref().as_str(), l).name,
    }
}

/// The plan structure with its projects, for the home page.
#[derive(Debug, Serialize)]
pub struct GoalView {
    pub id: String,
    pub code: String,
    pub title: Option<LText>,
    pub policies: Vec<PolicyView>,
}

#[derive(Debug, Serialize)]
pub struct PolicyView {
    pub id: String,
    pub code: String,
    pub title: Option<LText>,
    pub projects: Vec<ProjectSummary>,
}

pub fn plan_tree(site: &Site, l: &Localizer) -> Vec<GoalView> {
    site.vocabulary
        .goals
        .iter()
        .map(|g| GoalView {
            id: g.id.get_ref().to_string(),
            code: g.code.clone(),
            title: l.opt_text(&g.title),
            policies: g
                .policies
                .iter()
                .map(|p| PolicyView {
                    id: p.id.get_ref().to_string(),
                    code: p.code.clone(),
                    title: l.opt_text(&p.title),
                    projects: site
                        .projects
                        .iter()
                        .map(|f| &f.record)
                        .filter(|r| r.policy.get_ref() == p.id.get_ref())
                        .map(|r| project_summary(site, r, l))
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Everything on a project page.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    pub id: String,
    pub code: Option<String>,
    pub title: LText,
    pub goal: SectionRef,
    pub policy: SectionRef,
    pub department: DepartmentRef,
    pub lead_departments: Vec<DepartmentRef>,
    pub lead_note: Option<LText>,
    pub related_departments: Vec<DepartmentRef>,
    pub issues: Option<LHtml>,
    pub direction: Option<LHtml>,
    pub plan_content: Option<LHtml>,
    pub audience: Option<LText>,
    pub implementer: Option<LText>,
    pub related: Vec<ProjectSummary>,
    pub schedule: Option<ScheduleView>,
    pub indicators: Vec<IndicatorView>,
    pub reports: Vec<ReportView>,
}

/// A goal or policy the project belongs to.
#[derive(Debug, Serialize)]
pub struct SectionRef {
    pub code: String,
    pub title: Option<LText>,
}

#[derive(Debug, Serialize)]
pub struct ScheduleView {
    /// Column headers, one per fiscal year.
    pub years: Vec<String>,
    /// Whether any row has a label (then a label column is shown).
    pub labelled: bool,
    pub rows: Vec<ScheduleRowView>,
}

#[derive(Debug, Serialize)]
pub struct ScheduleRowView {
    pub label: Option<LText>,
    pub cells: Vec<Option<StatusView>>,
}

#[derive(Debug, Serialize)]
pub struct StatusView {
    pub label: LText,
    pub description: Option<LText>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// Bullet graph of the latest actual against baseline and target (inline SVG).
    pub bullet: String,
    /// Trend line where two or more fiscal years have actual values (inline SVG).
    pub trend: String,
    /// The achievement band of the latest actual.
    pub band: &'static str,
    pub id: String,
    pub name: LText,
    pub unit: Option<LText>,
    /// "increase" or "decrease".
    pub direction: Option<&'static str>,
    pub values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
pub struct ValueView {
    /// "baseline", "target" or "actual".
    pub kind: &'static str,
    pub year: String,
    pub numeric: bool,
    pub value: LText,
    pub rate: Option<String>,
    pub label: Option<LText>,
    pub note: Option<LText>,
}

#[derive(Debug, Serialize)]
pub struct ReportView {
    pub year: String,
    /// The Gregorian year, for element ids.
    pub year_id: i64,
    pub grade: Option<GradeView>,
    pub partners: Vec<PartnerView>,
    pub achievements: Option<LHtml>,
    pub effect: Option<LHtml>,
    pub improvement: Option<LHtml>,
}

#[derive(Debug, Serialize)]
pub struct GradeView {
    pub id: String,
    pub label: String,
    pub definition: Option<LText>,
}

#[derive(Debug, Serialize)]
pub struct PartnerView {
    pub label: String,
    pub name: Option<LText>,
}

pub fn project_view(site: &Site, p: &Project, l: &Localizer) -> ProjectView {
    let voc = &site.vocabulary;
    let (goal, policy) = match voc.policy(p.policy.get_ref().as_str()) {
        Some((g, po)) => (
            SectionRef { code: g.code.clone(), title: l.opt_text(&g.title) },
            SectionRef { code: po.code.clone(), title: l.opt_text(&po.title) },
        ),
        None => (
            SectionRef { code: String::new(), title: None },
            SectionRef { code: p.policy.get_ref().to_string(), title: None },
        ),
    };
    let id = p.id.get_ref().as_str();
    ProjectView {
        id: id.to_owned(),
        code: p.code.clone(),
        title: l.text(p.title.get_ref()),
        goal,
        policy,
        department: department_by_id(site, p.department.get_ref().as_str(), l),
        // 主たる部署 defaults to the reporting department.
        lead_departments: if p.lead_departments.is_empty() {
            vec![department_by_id(site, p.department.get_ref().as_str(), l)]
        } else {
            p.lead_departments.iter().map(|d| department_by_id(site, d.get_ref().as_str(), l)).collect()
        },
        lead_note: l.opt_text(&p.lead_note),
        related_departments: p
            .related_departments
            .iter()
            .map(|d| department_by_id(site, d.get_ref().as_str(), l))
            .collect(),
        issues: l.opt_html(&p.issues),
        direction: l.opt_html(&p.direction),
        plan_content: l.opt_html(&p.plan_content),
        audience: l.opt_text(&p.audience),
        implementer: l.opt_text(&p.implementer),
        related: p
            .related
            .iter()
            .filter_map(|r| site.project(r.get_ref().as_str()))
            .map(|r| project_summary(site, r, l))
            .collect(),
        schedule: schedule_view(site, p, l),
        indicators: p.indicators.iter().map(|i| indicator_view(id, i, l)).collect(),
        reports: {
            let mut reports: Vec<_> = p.reports.iter().collect();
            reports.sort_by_key(|r| std::cmp::Reverse(*r.year.get_ref()));
            reports
                .into_iter()
                .map(|r| ReportView {
                    year: l.year(*r.year.get_ref()),
                    year_id: r.year.get_ref().year(),
                    grade: r.grade.as_ref().and_then(|g| voc.grade(g.get_ref().as_str())).map(|g| GradeView {
                        id: g.id.get_ref().to_string(),
                        label: g.label.clone(),
                        definition: l.opt_text(&g.definition),
                    }),
                    partners: r
                        .partners
                        .iter()
                        .filter_map(|pa| voc.partner(pa.get_ref().as_str()))
                        .map(|pa| PartnerView { label: pa.label.clone(), name: l.opt_text(&pa.name) })
                        .collect(),
                    achievements: l.opt_html(&r.achievements),
                    effect: l.opt_html(&r.effect),
                    improvement: l.opt_html(&r.improvement),
                })
                .collect()
        },
    }
}

/// The yearly plan as a table: the plan's years (or the years the rows name).
fn schedule_view(site: &Site, p: &Project, l: &Localizer) -> Option<ScheduleView> {
    if p.schedule.is_empty() {
        return None;
    }
    let named = p.schedule.iter().flat_map(|r| r.by_year.keys().copied());
    let (first, last) = match (site.config.plan.start, site.config.plan.end.as_ref().map(|e| *e.get_ref())) {
        (Some(s), Some(e)) => (s.min(named.clone().min().unwrap_or(s)), e.max(named.max().unwrap_or(e))),
        _ => (named.clone().min()?, named.max()?),
    };
    let years: Vec<FiscalYear> =
        (first.year()..=last.year()).filter_map(|y| FiscalYear::from_gregorian(y).ok()).collect();
    Some(ScheduleView {
        years: years.iter().map(|y| y.short(l.lang)).collect(),
        labelled: p.schedule.iter().any(|r| r.label.is_some()),
        rows: p
            .schedule
            .iter()
            .map(|row| ScheduleRowView {
                label: l.opt_text(&row.label),
                cells: years
                    .iter()
                    .map(|y| {
                        row.by_year
                            .get(y)
                            .and_then(|s| site.vocabulary.status(s.as_str()))
                            .map(|s| StatusView { label: l.text(&s.label), description: l.opt_text(&s.description) })
                    })
                    .collect(),
            })
            .collect(),
    })
}

fn indicator_view(project_id: &str, i: &crate::model::Indicator, l: &Localizer) -> IndicatorView {
    let s = |k: &str| l.strings.get(k).cloned().unwrap_or_default();
    let ordered = i.values_in_order();
    let number =
        |kind: &str| ordered.iter().filter(|(k, _)| *k == kind).filter_map(|(_, v)| v.value().number()).next_back();
    let latest = ordered.iter().rfind(|(k, v)| *k == "actual" && v.value().number().is_some());
    let chart_id = format!("chart-{project_id}-{}", i.id.get_ref());
    let name = i.name.get(l.lang).value;
    let unit = i.unit.as_ref().map(|u| u.get(l.lang).value.to_owned()).unwrap_or_default();
    let direction = i.direction.map(|d| match d {
        Direction::Increase => s("direction_increase"),
        Direction::Decrease => s("direction_decrease"),
    });
    let bullet = charts::bullet(
        &chart_id,
        number("baseline"),
        number("target"),
        latest.and_then(|(_, v)| v.value().number().map(|n| (n, v.year.short(l.lang)))),
        &charts::BulletLabels {
            title: name,
            baseline: &s("kind_baseline"),
            target: &s("kind_target"),
            actual: &s("kind_actual"),
            direction: direction.as_deref(),
            unit: &unit,
        },
    );
    let points: Vec<charts::TrendPoint> = ordered
        .iter()
        .filter_map(|(k, v)| {
            v.value().number().map(|n| charts::TrendPoint {
                year: v.year.year(),
                year_label: v.year.short(l.lang),
                value: n,
                kind: k,
            })
        })
        .collect();
    let trend_desc: Vec<String> = points
        .iter()
        .map(|p| {
            format!("{} {} {}", s(&format!("kind_{}", p.kind)), p.year_label, crate::indicator::format_number(p.value))
        })
        .collect();
    let trend = charts::trend(
        &format!("{chart_id}-trend"),
        &format!("{name} ({})", s("trend")),
        &trend_desc.join("; "),
        &points,
    );
    let band = Band::of(latest.and_then(|(k, v)| i.rate(k, v))).key();
    let values = i
        .values_in_order()
        .into_iter()
        .map(|(kind, v)| {
            let value = v.value();
            ValueView {
                kind,
                year: l.year(v.year),
                numeric: matches!(value, Value::Number(_)),
                value: match &value {
                    Value::Number(n) => l.plain(n.page()),
                    Value::Text(t) => l.text(t),
                },
                rate: i.rate(kind, v).map(|r| format_rate(r, l.lang)),
                label: l.opt_text(&v.label),
                note: l.opt_text(&v.note),
            }
        })
        .collect();
    IndicatorView {
        bullet,
        trend,
        band,
        id: i.id.get_ref().to_string(),
        name: l.text(&i.name),
        unit: l.opt_text(&i.unit),
        direction: i.direction.map(|d| match d {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }),
        values,
    }
}

/// A department page: the projects it reports, leads, or is involved in.
#[derive(Debug, Serialize)]
pub struct DepartmentView {
    pub id: String,
    pub name: LText,
    pub division: Option<LText>,
    pub href: String,
    pub project_count: usize,
    pub reporting: Vec<ProjectSummary>,
    pub leading: Vec<ProjectSummary>,
    pub related: Vec<ProjectSummary>,
}

/// Which projects each department reports, leads or is involved in: department id →
/// (reporting, leading, related) project indexes, computed once for all department pages.
pub type DepartmentGroups = BTreeMap<String, [Vec<usize>; 3]>;

pub fn department_groups(site: &Site) -> DepartmentGroups {
    let mut groups: DepartmentGroups = BTreeMap::new();
    for (i, f) in site.projects.iter().enumerate() {
        let p = &f.record;
        let dept = p.department.get_ref().to_string();
        groups.entry(dept.clone()).or_default()[0].push(i);
        for lead in &p.lead_departments {
            if *lead.get_ref().as_str() != *dept {
                groups.entry(lead.get_ref().to_string()).or_default()[1].push(i);
            }
        }
        for rel in &p.related_departments {
            groups.entry(rel.get_ref().to_string()).or_default()[2].push(i);
        }
    }
    for lists in groups.values_mut() {
        for list in lists.iter_mut() {
            list.dedup();
        }
    }
    groups
}

pub fn department_view(site: &Site, d: &Department, groups: &DepartmentGroups, l: &Localizer) -> DepartmentView {
    let empty: [Vec<usize>; 3] = Default::default();
    let [reporting, leading, related] = groups.get(d.id.get_ref().as_str()).unwrap_or(&empty);
    let summaries = |list: &Vec<usize>| -> Vec<ProjectSummary> {
        list.iter().map(|&i| project_summary(site, &site.projects[i].record, l)).collect()
    };
    let r = department_ref(d, l);
    DepartmentView {
        id: r.id,
        name: r.name,
        division: r.division,
        href: r.href,
        project_count: reporting.len() + leading.len() + related.len(),
        reporting: summaries(reporting),
        leading: summaries(leading),
        related: summaries(related),
    }
}

/// The data page: every download with its documentation.
#[derive(Debug, Serialize)]
pub struct DataPageView {
    pub files: Vec<DataFileView>,
    pub json_files: Vec<DataFileView>,
    pub package_href: String,
    pub catalog_href: String,
    pub updated: Option<String>,
    /// schema.org Dataset, already safe to place inside `<script>`.
    pub json_ld: String,
}

#[derive(Debug, Serialize)]
pub struct DataFileView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub href: String,
    pub excel_href: Option<String>,
    pub format: &'static str,
    pub size: String,
    pub rows: usize,
    pub columns: Vec<ColumnView>,
    pub preview: Option<PreviewView>,
}

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub name: String,
    pub title: String,
    /// "string", "number" …: a key into the UI strings (`type_…`).
    pub kind: &'static str,
    pub required: bool,
    pub description: String,
    pub allowed: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct PreviewView {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// How many rows the data page previews per file.
const PREVIEW_ROWS: usize = crate::data::FIRST_ROWS;
/// Longest cell text shown in a preview.
const PREVIEW_CELL_CHARS: usize = 40;

/// A byte count for people: 812 B, 12.3 KB, 1.4 MB.
pub fn human_size(bytes: usize) -> String {
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.1} MB", b / 1024.0 / 1024.0)
    }
}

pub fn data_page_view(site: &Site, set: &crate::data::DataSet, l: &Localizer) -> DataPageView {
    let ja = l.lang == Lang::Ja;
    let file_view = |f: &crate::data::DataFile| {
        let table = f.table.map(|i| &set.tables[i]);
        DataFileView {
            id: f.path.trim_start_matches("data/").replace(['/', '.'], "-"),
            title: if ja { f.title_ja.clone() } else { f.title_en.clone() },
            description: if ja { f.description_ja.clone() } else { f.description_en.clone() },
            href: f.path.clone(),
            excel_href: f.excel_path.clone(),
            format: f.format,
            size: human_size(f.bytes),
            rows: f.rows,
            columns: table
                .map(|t| {
                    t.table
                        .columns
                        .iter()
                        .map(|c| ColumnView {
                            name: c.name.clone(),
                            title: c.title_en.clone(),
                            kind: c.kind.frictionless(),
                            required: c.required,
                            description: if ja { c.description_ja.clone() } else { c.description_en.clone() },
                            allowed: c.allowed.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            preview: table.map(|t| PreviewView {
                header: t.table.columns.iter().map(|c| c.name.clone()).collect(),
                rows: t
                    .first_rows
                    .iter()
                    .take(PREVIEW_ROWS)
                    .map(|r| {
                        r.iter().map(|c| shorten(&crate::data::csv::one_line(&c.raw()), PREVIEW_CELL_CHARS)).collect()
                    })
                    .collect(),
            }),
        }
    };
    DataPageView {
        files: set.catalogue.iter().filter(|f| f.table.is_some()).map(file_view).collect(),
        json_files: set.catalogue.iter().filter(|f| f.table.is_none()).map(file_view).collect(),
        package_href: "data/datapackage.json".to_owned(),
        catalog_href: "data/catalog.jsonld".to_owned(),
        updated: site.config.updated.as_ref().map(|d| d.as_str().to_owned()),
        json_ld: crate::data::catalog::schema_org(site, set, l.lang),
    }
}

/// Shortens a text to at most `max` characters, ending with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A project as a card in the browsable list, with what the filters need.
#[derive(Debug, Serialize)]
pub struct ProjectCard {
    pub summary: ProjectSummary,
    pub policy: String,
    pub department_id: String,
    pub grade: Option<GradeView>,
    /// Partner ids of the latest report, space-separated for `data-partners`.
    pub partners: String,
    pub bands: Vec<BandView>,
    pub year: Option<String>,
}

/// An indicator's achievement band, as a labelled chip.
#[derive(Debug, Serialize)]
pub struct BandView {
    pub key: &'static str,
    pub indicator: LText,
    pub rate: Option<String>,
}

/// The band of each indicator of a project, by its latest actual value.
pub fn project_bands(p: &Project, l: &Localizer) -> Vec<BandView> {
    p.indicators
        .iter()
        .map(|ind| {
            let latest = ind.values_in_order().into_iter().rfind(|(k, _)| *k == "actual");
            let rate = latest.and_then(|(k, v)| ind.rate(k, v));
            BandView {
                key: Band::of(rate).key(),
                indicator: l.text(&ind.name),
                rate: rate.map(|r| format_rate(r, l.lang)),
            }
        })
        .collect()
}

/// The text that sums a project up in a language, flattened and cut to `max` characters:
/// the achievements of its latest report, else its plan content. For meta descriptions
/// and search results.
pub fn summary_text(p: &Project, lang: Lang, max: usize) -> Option<String> {
    p.reports
        .iter()
        .max_by_key(|r| *r.year.get_ref())
        .and_then(|r| r.achievements.as_ref())
        .or(p.plan_content.as_ref())
        .map(|t| shorten(&crate::markdown::to_plain_text(t.get(lang).value), max))
}

pub fn project_card(site: &Site, p: &Project, l: &Localizer) -> ProjectCard {
    let latest = p.reports.iter().max_by_key(|r| *r.year.get_ref());
    let voc = &site.vocabulary;
    ProjectCard {
        summary: project_summary(site, p, l),
        policy: p.policy.get_ref().to_string(),
        department_id: p.department.get_ref().to_string(),
        grade: latest.and_then(|r| r.grade.as_ref()).and_then(|g| voc.grade(g.get_ref().as_str())).map(|g| GradeView {
            id: g.id.get_ref().to_string(),
            label: g.label.clone(),
            definition: l.opt_text(&g.definition),
        }),
        partners: latest
            .map(|r| r.partners.iter().map(|x| x.get_ref().to_string()).collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        bands: project_bands(p, l),
        year: latest.map(|r| l.year(*r.year.get_ref())),
    }
}

/// A value of a filter: an id, its label, and the page listing its projects.
#[derive(Debug, Serialize)]
pub struct FacetValue {
    pub id: String,
    pub label: LText,
    pub href: String,
    pub count: usize,
}

/// The filters of the project list.
#[derive(Debug, Serialize)]
pub struct Facets {
    pub policies: Vec<FacetValue>,
    pub departments: Vec<FacetValue>,
    pub grades: Vec<FacetValue>,
    pub partners: Vec<FacetValue>,
}

/// A facet page: the projects of one plan section, grade or partner.
pub struct FacetPage {
    /// Path in the language folder, e.g. `policies/1-1.html`.
    pub path: String,
    pub title: String,
    /// Indexes into the site's projects (and the cards, which are in the same order).
    pub projects: Vec<usize>,
}

fn policy_label(g: &crate::model::Goal, p: &crate::model::Policy, l: &Localizer) -> LText {
    let policy = l.strings.get("policy").cloned().unwrap_or_default();
    match p.title.as_ref().map(|t| l.text(t)) {
        Some(t) => LText { value: format!("{policy} {} {}", p.code, t.value), lang: t.lang, note: t.note },
        None => {
            l.plain(format!("{policy} {} ({} {})", p.code, l.strings.get("goal").cloned().unwrap_or_default(), g.code))
        }
    }
}

/// The filters and facet pages of one language, from the cards of all projects (in site
/// order).
pub fn facets(site: &Site, cards: &[ProjectCard], l: &Localizer) -> (Facets, Vec<FacetPage>) {
    let voc = &site.vocabulary;
    let matching = |f: &dyn Fn(&ProjectCard) -> bool| -> Vec<usize> {
        cards.iter().enumerate().filter(|(_, c)| f(c)).map(|(i, _)| i).collect()
    };
    let mut pages = Vec::new();
    let mut policies = Vec::new();
    for g in &voc.goals {
        for p in &g.policies {
            let id = p.id.get_ref().to_string();
            let list = matching(&|c| c.policy == id);
            let label = policy_label(g, p, l);
            policies.push(FacetValue {
                id: id.clone(),
                label: label.clone(),
                href: format!("{}/policies/{id}.html", l.lang),
                count: list.len(),
            });
            pages.push(FacetPage { path: format!("policies/{id}.html"), title: label.value, projects: list });
        }
    }
    let mut department_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cards {
        *department_counts.entry(c.department_id.as_str()).or_default() += 1;
    }
    let departments = voc
        .departments
        .iter()
        .filter_map(|d| {
            let id = d.id.get_ref().to_string();
            let count = department_counts.get(id.as_str()).copied().unwrap_or(0);
            (count > 0).then(|| FacetValue { count, label: l.text(&d.name), href: department_path(l.lang, &id), id })
        })
        .collect();
    let mut grades = Vec::new();
    for g in &voc.grades {
        let id = g.id.get_ref().to_string();
        let list = matching(&|c| c.grade.as_ref().is_some_and(|x| x.id == id));
        let title = format!("{} {}", l.strings.get("grade").cloned().unwrap_or_default(), g.label);
        grades.push(FacetValue {
            id: id.clone(),
            label: l.plain(g.label.clone()),
            href: format!("{}/grades/{id}.html", l.lang),
            count: list.len(),
        });
        pages.push(FacetPage { path: format!("grades/{id}.html"), title, projects: list });
    }
    let mut partners = Vec::new();
    for p in &voc.partners {
        let id = p.id.get_ref().to_string();
        let list = matching(&|c| c.partners.split(' ').any(|x| x == id));
        let label = match &p.name {
            Some(n) => {
                let t = l.text(n);
                LText { value: format!("{} {}", p.label, t.value), lang: t.lang, note: t.note }
            }
            None => l.plain(p.label.clone()),
        };
        let title = format!("{} {}", l.strings.get("partners").cloned().unwrap_or_default(), label.value);
        partners.push(FacetValue {
            id: id.clone(),
            label,
            href: format!("{}/partners/{id}.html", l.lang),
            count: list.len(),
        });
        pages.push(FacetPage { path: format!("partners/{id}.html"), title, projects: list });
    }
    (Facets { policies, departments, grades, partners }, pages)
}

/// The home dashboard: projects per grade and indicators per achievement band.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    pub grades: Vec<CountRow>,
    pub grades_chart: String,
    pub bands: Vec<CountRow>,
    pub bands_chart: String,
    pub indicator_count: usize,
}

#[derive(Debug, Serialize)]
pub struct CountRow {
    pub key: String,
    pub label: String,
    pub count: usize,
    pub href: Option<String>,
}

pub fn dashboard(site: &Site, l: &Localizer) -> Dashboard {
    let voc = &site.vocabulary;
    let s = |k: &str| l.strings.get(k).cloned().unwrap_or_default();
    let reported = site.reported_year();
    let mut grades = Vec::new();
    if !voc.grades.is_empty() {
        for g in &voc.grades {
            let count = site
                .projects
                .iter()
                .filter(|p| {
                    p.record.reports.iter().any(|r| {
                        *r.year.get_ref() == reported && r.grade.as_ref().is_some_and(|x| x.get_ref() == g.id.get_ref())
                    })
                })
                .count();
            grades.push(CountRow {
                key: g.id.get_ref().to_string(),
                label: g.label.clone(),
                count,
                href: Some(format!("{}/grades/{}.html", l.lang, g.id.get_ref())),
            });
        }
    }
    let mut band_counts: BTreeMap<Band, usize> = BTreeMap::new();
    let mut indicator_count = 0;
    for p in &site.projects {
        for b in project_bands(&p.record, l) {
            indicator_count += 1;
            let band = Band::ALL.into_iter().find(|x| x.key() == b.key).unwrap_or(Band::NotMeasurable);
            *band_counts.entry(band).or_default() += 1;
        }
    }
    let bands: Vec<CountRow> = Band::ALL
        .into_iter()
        .map(|b| CountRow {
            key: b.key().to_owned(),
            label: s(&format!("band_{}", b.key())),
            count: band_counts.get(&b).copied().unwrap_or(0),
            href: None,
        })
        .collect();
    let grades_chart = charts::bars(
        "chart-grades",
        &s("dashboard_grades"),
        &grades.iter().map(|g| (g.label.clone(), g.count, "#0b5394")).collect::<Vec<_>>(),
    );
    let bands_chart = charts::bars(
        "chart-bands",
        &s("dashboard_bands"),
        &Band::ALL.iter().zip(&bands).map(|(b, row)| (row.label.clone(), row.count, b.colour())).collect::<Vec<_>>(),
    );
    Dashboard { grades, grades_chart, bands, bands_chart, indicator_count }
}

/// The "about the data" page: how rates and bands are computed, and the vocabulary.
#[derive(Debug, Serialize)]
pub struct AboutView {
    pub bands: Vec<CountRow>,
    pub grades: Vec<GradeView>,
    pub partners: Vec<PartnerView>,
    pub statuses: Vec<StatusView>,
}

pub fn about_view(site: &Site, l: &Localizer) -> AboutView {
    let voc = &site.vocabulary;
    AboutView {
        bands: Band::ALL
            .into_iter()
            .map(|b| CountRow {
                key: b.key().to_owned(),
                label: l.strings.get(&format!("band_{}", b.key())).cloned().unwrap_or_default(),
                count: 0,
                href: None,
            })
            .collect(),
        grades: voc
            .grades
            .iter()
            .map(|g| GradeView {
                id: g.id.get_ref().to_string(),
                label: g.label.clone(),
                definition: l.opt_text(&g.definition),
            })
            .collect(),
        partners: voc
            .partners
            .iter()
            .map(|p| PartnerView { label: p.label.clone(), name: l.opt_text(&p.name) })
            .collect(),
        statuses: voc
            .statuses
            .iter()
            .map(|s| StatusView { label: l.text(&s.label), description: l.opt_text(&s.description) })
            .collect(),
    }
}
