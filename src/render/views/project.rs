//! A project page: everything about one project, from its whole record.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::model::Project;

use super::*;

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
    /// Latest first; templates show the first open and the others collapsed.
    pub reports: Vec<ReportView>,
    /// The grade of each year that has one, latest first.
    pub grades_by_year: Vec<YearGrade>,
    pub corrections: Vec<CorrectionView>,
}

/// A year's grade, for the table of grades by year.
#[derive(Debug, Serialize)]
pub struct YearGrade {
    pub year: String,
    pub year_id: i64,
    pub grade: GradeView,
}

/// A correction of a published edition (訂正).
#[derive(Debug, Serialize)]
pub struct CorrectionView {
    pub date: String,
    pub edition: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: LText,
    pub edition_href: String,
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
pub struct ReportView {
    pub year: String,
    /// The Gregorian year, for element ids.
    pub year_id: i64,
    pub grade: Option<GradeView>,
    pub partners: Vec<PartnerView>,
    pub achievements: Option<LHtml>,
    pub effect: Option<LHtml>,
    pub improvement: Option<LHtml>,
    /// The department's name that year, where it differs from its name now.
    pub department_then: Option<LText>,
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
        indicators: p.indicators.iter().map(|i| indicator_view(site, p, i, l)).collect(),
        grades_by_year: grades_by_year(site, p, l),
        corrections: p.corrections.iter().map(|c| correction_view(c, l)).collect(),
        reports: {
            let mut reports: Vec<_> = p.reports.iter().collect();
            reports.sort_by_key(|r| std::cmp::Reverse(*r.year.get_ref()));
            let department = voc.department(p.department.get_ref().as_str());
            reports
                .into_iter()
                .map(|r| ReportView {
                    department_then: department
                        .map(|d| d.name_in(*r.year.get_ref()))
                        .filter(|then| then.ja != department.map_or("", |d| d.name.ja.as_str()))
                        .map(|then| l.text(then)),
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

/// The grade of each report that has one, latest first.
fn grades_by_year(site: &Site, p: &Project, l: &Localizer) -> Vec<YearGrade> {
    let mut reports: Vec<_> = p.reports.iter().collect();
    reports.sort_by_key(|r| std::cmp::Reverse(*r.year.get_ref()));
    reports
        .into_iter()
        .filter_map(|r| {
            let g = site.vocabulary.grade(r.grade.as_ref()?.get_ref().as_str())?;
            Some(YearGrade {
                year: l.year(*r.year.get_ref()),
                year_id: r.year.get_ref().year(),
                grade: GradeView {
                    id: g.id.get_ref().to_string(),
                    label: g.label.clone(),
                    definition: l.opt_text(&g.definition),
                },
            })
        })
        .collect()
}

fn correction_view(c: &crate::model::Correction, l: &Localizer) -> CorrectionView {
    let year = *c.edition.get_ref();
    CorrectionView {
        date: c.date.as_str().to_owned(),
        edition: l.strings.edition_name.replace("{year}", &l.year(year)),
        field: crate::edition::statement::normalize(c.field.get_ref()).unwrap_or_else(|_| c.field.get_ref().clone()),
        old: c.old.as_ref().map(|v| v.get_ref().plain()),
        new: c.new.as_ref().map(|v| v.get_ref().plain()),
        reason: l.text(&c.reason),
        edition_href: crate::urls::edition_file(year.year(), "datapackage.json"),
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
