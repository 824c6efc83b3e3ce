//! The verdict on pages (see [`crate::verdict`]): a badge with a shape and a word for every
//! list and page, each indicator's status with its movement in words and figures, and the
//! method page's statement of the rule.

use serde::Serialize;

use crate::escape;
use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::load::Site;
use crate::model::{Indicator, Project};
use crate::verdict::{self, Judgement, Reason, Status, Verdict};

use super::*;

/// A verdict badge: a shape (`icon`, a symbol of the page's sprite or a grade's letter) and
/// words; colour only repeats them.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictView {
    /// `grade-<id>` or a status key: CSS class, filter value, search documents.
    pub key: String,
    /// `grade` or `status`.
    pub kind: &'static str,
    /// What the verdict is: the city's grade, or judged from indicators; empty on an
    /// indicator's own badge.
    pub source: String,
    /// The grade's letter or the status's word.
    pub label: String,
    /// A grade's definition from the vocabulary.
    pub definition: Option<LText>,
    /// Why a status cannot be judged.
    pub reason: Option<&'static str>,
    /// Sorting by verdict: grades first in vocabulary order, then statuses.
    pub rank: usize,
}

/// The words that name the city's grade as a verdict.
pub fn grade_source(l: &Localizer) -> &'static str {
    match l.lang {
        crate::i18n::Lang::Ja => "市の評価",
        crate::i18n::Lang::En => "City's grade",
    }
}

/// The badge of a project's verdict.
pub fn verdict_view(site: &Site, v: &Verdict, l: &Localizer) -> VerdictView {
    let rank = v.rank(&site.vocabulary);
    match v {
        Verdict::Grade(g) => VerdictView {
            key: v.key(),
            kind: "grade",
            source: grade_source(l).to_owned(),
            label: g.label.clone(),
            definition: l.opt_text(&g.definition),
            reason: None,
            rank,
        },
        Verdict::Indicators(s) => VerdictView {
            key: v.key(),
            kind: "status",
            source: verdict::computed_label(l.lang).to_owned(),
            label: s.status.label(l.lang).to_owned(),
            definition: None,
            reason: s.reason.map(|r| r.label(l.lang)),
            rank,
        },
    }
}

/// The badge of one indicator's status (no source: the list it is in says what it is).
pub fn status_view(status: Status, reason: Option<Reason>, l: &Localizer) -> VerdictView {
    VerdictView {
        key: status.key().to_owned(),
        kind: "status",
        source: String::new(),
        label: status.label(l.lang).to_owned(),
        definition: None,
        reason: reason.map(|r| r.label(l.lang)),
        rank: Status::ALL.iter().position(|s| *s == status).unwrap_or(0),
    }
}

/// One indicator's status in the year shown, with its movement in words and figures.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorStatusView {
    pub id: String,
    pub name: LText,
    pub status: VerdictView,
    /// 基準値 93%（H27） → 実績値 88.4%（R4）／目標値 95%（R4）, as HTML: a text value
    /// without a translation is marked with its language.
    pub movement: String,
    /// The share of the way to the target, only between 0 and 100 %.
    pub progress: Option<String>,
}

pub fn indicator_status_view(ind: &Indicator, j: &Judgement, l: &Localizer) -> IndicatorStatusView {
    IndicatorStatusView {
        id: ind.id.get_ref().to_string(),
        name: l.text(&ind.name),
        status: status_view(j.status, j.reason, l),
        movement: movement_html(j, ind, l.lang),
        progress: verdict::progress_text(j, l.lang),
    }
}

/// The movement as HTML, each piece escaped, a piece in another language than the page's
/// in `<span lang>`.
fn movement_html(j: &Judgement, ind: &Indicator, lang: Lang) -> String {
    verdict::movement_pieces(j, ind, lang)
        .into_iter()
        .map(|(text, l)| match l == lang {
            true => escape::html(&text),
            false => format!("<span lang=\"{}\">{}</span>", l.code(), escape::html(&text)),
        })
        .collect()
}

/// A project's verdict in the year it is shown in, and its indicators' statuses then.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectVerdictView {
    pub verdict: VerdictView,
    /// The fiscal year judged, as shown on pages.
    pub year: String,
    pub indicators: Vec<IndicatorStatusView>,
    /// The key of the status judged from the indicators, also where a grade is the
    /// verdict: the filter by status.
    pub status: &'static str,
}

/// The verdict of `p` as of a year's view (`None`: its latest report).
pub fn project_verdict_view(site: &Site, p: &Project, l: &Localizer, as_of: Option<FiscalYear>) -> ProjectVerdictView {
    let year = verdict::shown_year(p, as_of, site.reported_year());
    let (v, judgements) = verdict::project_verdict(&site.vocabulary, p, year);
    ProjectVerdictView {
        verdict: verdict_view(site, &v, l),
        year: l.year(year),
        indicators: p.indicators.iter().zip(&judgements).map(|(i, j)| indicator_status_view(i, j, l)).collect(),
        status: verdict::ProjectStatus::of(&judgements).status.key(),
    }
}

/// The method page: each status with its rule, the worked example, and what the page says
/// of the grades.
#[derive(Debug, Serialize)]
pub struct MethodView {
    pub computed_label: &'static str,
    pub statuses: Vec<StatusRule>,
    pub example: String,
    /// Said once, where the plan grades but the report defines no grade.
    pub grades_undefined: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StatusRule {
    pub badge: VerdictView,
    pub rule: &'static str,
}

pub fn method_view(site: &Site, l: &Localizer) -> MethodView {
    let grades = &site.vocabulary.grades;
    let undefined = !grades.is_empty() && grades.iter().all(|g| g.definition.is_none());
    let labels: Vec<&str> = grades.iter().map(|g| g.label.as_str()).collect();
    MethodView {
        computed_label: verdict::computed_label(l.lang),
        statuses: Status::ALL
            .into_iter()
            .map(|s| StatusRule { badge: status_view(s, None, l), rule: s.rule(l.lang) })
            .collect(),
        example: verdict::worked_example(l.lang),
        grades_undefined: undefined.then(|| verdict::grades_undefined_note(&labels.join(", "), l.lang)),
    }
}
