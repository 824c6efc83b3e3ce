//! Project cards: a project in the browsable lists, with its verdict, its indicators'
//! statuses and what the filters and the sorting need.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::load::Site;
use crate::model::Project;

use super::*;

/// A project as a card in the browsable list, with what the filters and sorting need.
#[derive(Debug, Serialize)]
pub struct ProjectCard {
    pub summary: ProjectSummary,
    /// The project's position in plan order (the default sort).
    pub position: usize,
    pub policy: String,
    pub department_id: String,
    /// The department's position in the vocabulary (sort by department).
    pub department_rank: usize,
    /// The grade id of the year shown, if any (filter by grade).
    pub grade: Option<String>,
    /// The status judged from the indicators (filter by status), also where a grade is the verdict.
    pub status: &'static str,
    /// Partner ids of the year shown, space-separated for `data-partners`.
    pub partners: String,
    /// Each indicator's status in the year shown.
    pub indicators: Vec<IndicatorChip>,
    /// The fiscal year the verdict is of.
    pub year: String,
}

/// An indicator on a card: its name and its status (a site of 100,000 projects holds a card
/// per project and year's view in memory, so a card holds no more than it shows).
#[derive(Debug, Serialize)]
pub struct IndicatorChip {
    pub name: LText,
    pub status: VerdictView,
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

/// A project's card: by its latest report, or as of a fiscal year (its report of that
/// year, actual values then, its department's name then). `position`: its place in plan order.
pub fn project_card(
    site: &Site,
    p: &Project,
    position: usize,
    l: &Localizer,
    as_of: Option<FiscalYear>,
) -> ProjectCard {
    let verdict = project_verdict_view(site, p, l, as_of);
    let shown = crate::verdict::shown_year(p, as_of, site.reported_year());
    let report = p.report(shown);
    let voc = &site.vocabulary;
    let department = p.department.get_ref().as_str();
    ProjectCard {
        summary: summary_with(site, p, l, as_of, verdict.verdict),
        position,
        policy: p.policy.get_ref().to_string(),
        department_id: department.to_owned(),
        department_rank: voc.departments.iter().position(|d| d.id.get_ref().as_str() == department).unwrap_or(0),
        grade: report.and_then(|r| r.grade.as_ref()).map(|g| g.get_ref().to_string()),
        status: verdict.status,
        partners: report
            .map(|r| r.partners.iter().map(|x| x.get_ref().to_string()).collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        indicators: verdict.indicators.into_iter().map(|i| IndicatorChip { name: i.name, status: i.status }).collect(),
        year: verdict.year,
    }
}
