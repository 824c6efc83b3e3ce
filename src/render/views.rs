//! View structs: what templates see, shaped for pages rather than for records.
//!
//! Everything a template prints is decided here, in one language: texts are picked with
//! their fallback marked, fiscal years and numbers are formatted, Markdown is rendered to
//! safe HTML. Templates only lay it out.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::indicator::{format_rate, Direction, Value};
use crate::load::Site;
use crate::markdown;
use crate::model::{Department, Project};
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

fn department_ref(d: &Department, l: &Localizer) -> DepartmentRef {
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
        None => DepartmentRef { id: id.to_owned(), name: l.plain(id), division: None, href: department_path(l.lang, id) },
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
        related_departments: p.related_departments.iter().map(|d| department_by_id(site, d.get_ref().as_str(), l)).collect(),
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
        indicators: p.indicators.iter().map(|i| indicator_view(i, l)).collect(),
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
    let years: Vec<FiscalYear> = (first.year()..=last.year()).filter_map(|y| FiscalYear::from_gregorian(y).ok()).collect();
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
                        row.by_year.get(y).and_then(|s| site.vocabulary.status(s.as_str())).map(|s| StatusView {
                            label: l.text(&s.label),
                            description: l.opt_text(&s.description),
                        })
                    })
                    .collect(),
            })
            .collect(),
    })
}

fn indicator_view(i: &crate::model::Indicator, l: &Localizer) -> IndicatorView {
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

pub fn department_view(site: &Site, d: &Department, l: &Localizer) -> DepartmentView {
    let id = d.id.get_ref();
    let pick = |f: &dyn Fn(&Project) -> bool| -> Vec<ProjectSummary> {
        site.projects.iter().map(|p| &p.record).filter(|p| f(p)).map(|p| project_summary(site, p, l)).collect()
    };
    let reporting = pick(&|p| p.department.get_ref() == id);
    let leading = pick(&|p| p.department.get_ref() != id && p.lead_departments.iter().any(|x| x.get_ref() == id));
    let related = pick(&|p| p.related_departments.iter().any(|x| x.get_ref() == id));
    let r = department_ref(d, l);
    DepartmentView {
        id: r.id,
        name: r.name,
        division: r.division,
        href: r.href,
        project_count: reporting.len() + leading.len() + related.len(),
        reporting,
        leading,
        related,
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
const PREVIEW_ROWS: usize = 3;
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
                    .rows
                    .iter()
                    .take(PREVIEW_ROWS)
                    .map(|r| r.iter().map(|c| shorten(&crate::data::csv::one_line(&c.raw()), PREVIEW_CELL_CHARS)).collect())
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
