//! The home page: the plan structure with its projects, and the dashboard.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::render::charts::{self, Band};
use crate::urls::Page;

use super::*;

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

/// The plan structure with its projects: all of them, or those reported in `year` (a
/// year's view), with their departments' names in that year.
pub fn plan_tree(site: &Site, l: &Localizer, year: Option<FiscalYear>) -> Vec<GoalView> {
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
                        .filter(|r| year.is_none_or(|y| r.report(y).is_some()))
                        .map(|r| project_summary_in(site, r, l, year))
                        .collect(),
                })
                .collect(),
        })
        .collect()
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

/// The dashboard of the latest report, or of `year`'s (the projects reported in it, their
/// indicators as of that year).
pub fn dashboard(site: &Site, l: &Localizer, year: Option<FiscalYear>) -> Dashboard {
    let voc = &site.vocabulary;
    let t = l.strings;
    let reported = year.unwrap_or_else(|| site.reported_year());
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
                href: Some(Page::Grade(g.id.get_ref().as_str()).path(l.lang)),
            });
        }
    }
    let mut band_counts: BTreeMap<Band, usize> = BTreeMap::new();
    let mut indicator_count = 0;
    for p in site.projects.iter().filter(|p| year.is_none_or(|y| p.record.report(y).is_some())) {
        for ind in &p.record.indicators {
            indicator_count += 1;
            *band_counts.entry(indicator_band(ind, year).0).or_default() += 1;
        }
    }
    let bands: Vec<CountRow> = Band::ALL
        .into_iter()
        .map(|b| CountRow {
            key: b.key().to_owned(),
            label: band_label(t, b).to_owned(),
            count: band_counts.get(&b).copied().unwrap_or(0),
            href: None,
        })
        .collect();
    let grades_chart = charts::bars(
        "chart-grades",
        &t.dashboard_grades,
        &grades.iter().map(|g| (g.label.clone(), g.count, "chart-measure")).collect::<Vec<_>>(),
    );
    let bands_chart = charts::bars(
        "chart-bands",
        &t.dashboard_bands,
        &Band::ALL
            .iter()
            .zip(&bands)
            .map(|(b, row)| (row.label.clone(), row.count, b.chart_class()))
            .collect::<Vec<_>>(),
    );
    Dashboard { grades, grades_chart, bands, bands_chart, indicator_count }
}
