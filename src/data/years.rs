//! Years in the open data: which years a file covers ([`Scope`]), and which report stated
//! each indicator value ([`reported_in`]).
//!
//! The rule, documented in docs/records.md and on the about page:
//!
//! 1. a value's own `reported_in`, where the record gives one;
//! 2. else the earliest frozen edition that states the value (as published, or as
//!    corrected);
//! 3. else the earliest reported year, not frozen, whose report of the project is in the
//!    records and that is not before the value's year (baselines and targets are printed
//!    by every report, so any year);
//! 4. else none: no report states the value yet.

use crate::edition::compare::file_key;
use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::model::{Indicator, IndicatorValue, Project, ValueKind};
use crate::urls;

/// Which years a data file covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every year: `data/`.
    All,
    /// The report of one year as of that year, about to be frozen as its edition: its
    /// report, the actual values up to it, department names of that year.
    Edition(FiscalYear),
}

impl Scope {
    /// Whether a value of `kind` measured in `year` is in the scope.
    pub fn has_value(self, kind: ValueKind, year: FiscalYear) -> bool {
        match self {
            Scope::All => true,
            Scope::Edition(y) => kind != ValueKind::Actual || year <= y,
        }
    }

    /// Whether the report of `year` is in the scope.
    pub fn has_report(self, year: FiscalYear) -> bool {
        match self {
            Scope::All => true,
            Scope::Edition(y) => year == y,
        }
    }

    /// Whether project `p` is in the scope: in an edition, the projects reported that year.
    pub fn has_project(self, p: &Project) -> bool {
        match self {
            Scope::All => true,
            Scope::Edition(y) => p.report(y).is_some(),
        }
    }
}

/// The key of a value in an edition's statement.
fn statement_key(ind: &Indicator, kind: ValueKind, v: &IndicatorValue) -> String {
    match kind {
        ValueKind::Actual => format!("indicators.{}.actuals.{}", ind.id.get_ref(), v.year.era_short()),
        other => format!("indicators.{}.{}", ind.id.get_ref(), other.as_str()),
    }
}

/// The fiscal year of the report that stated a value (see the module documentation).
/// In [`Scope::Edition`] the edition being made counts as frozen.
pub fn reported_in(
    site: &Site,
    p: &Project,
    ind: &Indicator,
    kind: ValueKind,
    v: &IndicatorValue,
    scope: Scope,
) -> Option<FiscalYear> {
    if let Some(y) = v.reported_in {
        return Some(y);
    }
    let id = p.id.get_ref().as_str();
    let file = site.by_id.get(id).map(|&i| file_key(&site.projects[i].path)).unwrap_or_default();
    let key = statement_key(ind, kind, v);
    let frozen = site.editions.list.iter().filter(|e| e.statement.get(&file).is_some_and(|s| s.contains_key(&key)));
    if let Some(e) = frozen.map(|e| e.year).min() {
        return Some(match scope {
            Scope::Edition(y) => e.min(y),
            Scope::All => e,
        });
    }
    if let Scope::Edition(y) = scope {
        return Some(y);
    }
    site.reported_years().into_iter().find(|&y| {
        site.editions.get(y).is_none() && p.report(y).is_some() && (kind != ValueKind::Actual || y >= v.year)
    })
}

/// The address of the frozen edition of `year`'s data package, if it is frozen, as
/// written in the file at `from`.
pub fn edition_url(site: &Site, year: FiscalYear, from: &str) -> Option<String> {
    site.editions.get(year).map(|_| site.urls.in_file(from, &urls::edition_file(year.year(), "datapackage.json")))
}
