//! Fiscal years on pages: the year switcher, and what a year's view says about itself.

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::urls::Page;

use super::*;

/// A link to the view of one reported year.
#[derive(Debug, Serialize)]
pub struct YearLink {
    pub label: String,
    pub href: String,
    /// The view this page belongs to.
    pub current: bool,
    pub latest: bool,
}

/// The reported years, latest first, each linking to its view; `current` is the year of
/// the page (none on the pages of the latest report at the root).
pub fn year_links(site: &Site, l: &Localizer, current: Option<FiscalYear>) -> Vec<YearLink> {
    let years = site.reported_years();
    let latest = years.last().copied();
    years
        .iter()
        .rev()
        .map(|&y| YearLink {
            label: l.year(y),
            href: Page::Year(y.year()).path(l.lang),
            current: Some(y) == current,
            latest: Some(y) == latest,
        })
        .collect()
}

/// What a page of a year's view says about its year.
#[derive(Debug, Serialize)]
pub struct YearView {
    pub year: String,
    pub year_id: i64,
    pub title: String,
    pub note: String,
    pub home_href: String,
    pub projects_href: String,
}

pub fn year_view(l: &Localizer, year: FiscalYear, projects_page: bool) -> YearView {
    let label = l.year(year);
    let t = l.strings;
    let title = if projects_page { &t.year_projects_title } else { &t.year_report_title };
    YearView {
        year: label.clone(),
        year_id: year.year(),
        title: title.replace("{year}", &label),
        note: t.as_of_note.replace("{year}", &label),
        home_href: Page::Year(year.year()).path(l.lang),
        projects_href: Page::YearProjects(year.year()).path(l.lang),
    }
}
