//! Project cards: a project in the browsable lists, with its bands and what the
//! filters need.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::indicator::format_rate;
use crate::load::Site;
use crate::model::{Indicator, Project, ValueKind};
use crate::render::charts::Band;

use super::*;

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
    pub key: Band,
    pub indicator: LText,
    pub rate: Option<String>,
}

/// An indicator's band and achievement rate, by its latest actual value (as of a fiscal
/// year: the latest measured in it or before).
pub fn indicator_band(ind: &Indicator, as_of: Option<FiscalYear>) -> (Band, Option<f64>) {
    let in_time = |v: &crate::model::IndicatorValue| as_of.is_none_or(|y| v.year <= y);
    let latest = ind.values_in_order().into_iter().rfind(|(k, v)| *k == ValueKind::Actual && in_time(v));
    let rate = latest.and_then(|(k, v)| ind.rate(k, v));
    (Band::of(rate), rate)
}

/// The band of each indicator of a project, by its latest actual value.
pub fn project_bands(p: &Project, l: &Localizer, as_of: Option<FiscalYear>) -> Vec<BandView> {
    p.indicators
        .iter()
        .map(|ind| {
            let (band, rate) = indicator_band(ind, as_of);
            BandView { key: band, indicator: l.text(&ind.name), rate: rate.map(|r| format_rate(r, l.lang)) }
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

/// A project's card: by its latest report, or as of a fiscal year (its report of that
/// year, actual values up to it, its department's name then).
pub fn project_card(site: &Site, p: &Project, l: &Localizer, as_of: Option<FiscalYear>) -> ProjectCard {
    let latest = match as_of {
        Some(y) => p.report(y),
        None => p.reports.iter().max_by_key(|r| *r.year.get_ref()),
    };
    let voc = &site.vocabulary;
    ProjectCard {
        summary: project_summary_in(site, p, l, as_of),
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
        bands: project_bands(p, l, as_of),
        year: latest.map(|r| l.year(*r.year.get_ref())),
    }
}
