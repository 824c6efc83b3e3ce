//! A project's verdict in a fiscal year: the city's grade where the plan grades its
//! projects and the year's report has one, else the status judged from its indicators.

use super::{Judgement, Reason, Status, judge};
use crate::fiscal_year::FiscalYear;
use crate::model::{Grade, Project, Vocabulary};

/// The headline verdict of a project in one fiscal year.
#[derive(Debug, Clone, Copy)]
pub enum Verdict<'a> {
    /// The city's grade of that year's report: the official verdict.
    Grade(&'a Grade),
    /// Judged from the indicators (the plan does not grade, or the year's report has no grade).
    Indicators(ProjectStatus),
}

/// The indicators of a project summed up in one status: the worst judged one, where an
/// indicator without its actual of the year keeps the project from looking on track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectStatus {
    pub status: Status,
    /// Why, when no indicator can be judged.
    pub reason: Option<Reason>,
}

impl ProjectStatus {
    /// Sums up the statuses of a project's indicators (see [`ProjectStatus`]).
    pub fn of(judgements: &[Judgement]) -> ProjectStatus {
        if judgements.is_empty() {
            return ProjectStatus { status: Status::NotJudged, reason: Some(Reason::NoIndicators) };
        }
        let worst = judgements.iter().map(|j| j.status).max_by_key(|s| s.severity()).unwrap_or(Status::NotJudged);
        let reason = (worst == Status::NotJudged).then(|| judgements.iter().find_map(|j| j.reason)).flatten();
        ProjectStatus { status: worst, reason }
    }
}

impl Verdict<'_> {
    /// The key of the verdict in CSS classes, filters and search documents:
    /// `grade-<id>` or the status key.
    pub fn key(&self) -> String {
        match self {
            Verdict::Grade(g) => format!("grade-{}", g.id.get_ref()),
            Verdict::Indicators(s) => s.status.key().to_owned(),
        }
    }

    /// Sorting by verdict: grades in the order of the vocabulary, then the statuses from
    /// reached to not judged.
    pub fn rank(&self, vocabulary: &Vocabulary) -> usize {
        match self {
            Verdict::Grade(g) => vocabulary.grades.iter().position(|x| x.id.get_ref() == g.id.get_ref()).unwrap_or(0),
            Verdict::Indicators(s) => {
                vocabulary.grades.len() + Status::ALL.iter().position(|x| *x == s.status).unwrap_or(0)
            }
        }
    }
}

/// The fiscal year a project is judged in: the year of a year's view, else the project's
/// latest report, else the site's latest reported year.
pub fn shown_year(p: &Project, as_of: Option<FiscalYear>, site_latest: FiscalYear) -> FiscalYear {
    as_of.unwrap_or_else(|| p.reports.iter().map(|r| *r.year.get_ref()).max().unwrap_or(site_latest))
}

/// The verdict of project `p` in `year`, with the judgement of each of its indicators.
pub fn project_verdict<'a>(
    vocabulary: &'a Vocabulary,
    p: &'a Project,
    year: FiscalYear,
) -> (Verdict<'a>, Vec<Judgement<'a>>) {
    let judgements: Vec<Judgement> = p.indicators.iter().map(|i| judge(i, year)).collect();
    let grade = p.report(year).and_then(|r| r.grade.as_ref()).and_then(|g| vocabulary.grade(g.get_ref().as_str()));
    let verdict = match grade {
        Some(g) => Verdict::Grade(g),
        None => Verdict::Indicators(ProjectStatus::of(&judgements)),
    };
    (verdict, judgements)
}
