//! Metadata that portals read: Frictionless `datapackage.json`, DCAT `catalog.jsonld`, and
//! the schema.org `Dataset` embedded in the data page. Each document is a tree of
//! `Serialize` structs; fields are declared in alphabetical order, the order of the
//! published files.

mod datapackage;
mod dcat;
mod nodes;
mod schema_org;

pub use datapackage::{FileFacts, datapackage, edition_package, table_schema};
pub use dcat::{dcat, spatial};
pub use schema_org::schema_org;

use crate::i18n::Lang;
use crate::load::Site;
use crate::markdown::to_plain_text;
use crate::text::Text;

/// The dataset's machine name: municipality code and plan, stable across builds.
fn package_name(site: &Site) -> String {
    format!("kyodo-{}", site.config.municipality.code.get_ref())
}

/// A text in both languages, `ja / en`, or the Japanese alone where it has no English.
fn both(t: &Text) -> String {
    let en = t.get(Lang::En);
    if en.lang == Lang::En && en.value != t.ja { format!("{} / {}", t.ja, en.value) } else { t.ja.clone() }
}

/// The site's description in a language as plain text, or its title.
fn description(site: &Site, lang: Lang) -> String {
    match &site.config.description {
        Some(d) => to_plain_text(d.get(lang).value),
        None => site.config.title.get(lang).value.to_owned(),
    }
}

/// The first and last fiscal years reported.
fn fiscal_years(site: &Site) -> Option<(i64, i64)> {
    let years: Vec<i64> = site.config.reported_years.iter().map(|y| y.get_ref().year()).collect();
    Some((*years.iter().min()?, *years.iter().max()?))
}

/// The fiscal years covered, as an ISO 8601 interval: 2023-04-01/2024-03-31.
fn temporal(site: &Site) -> Option<String> {
    let (first, last) = fiscal_years(site)?;
    Some(format!("{first}-04-01/{}-03-31", last + 1))
}

/// The version of `data/`: see [`crate::edition::version`].
pub fn main_version(site: &Site) -> String {
    let corrections = site.projects.iter().map(|p| p.record.corrections.len()).sum();
    crate::edition::version(site.reported_year(), corrections)
}

/// When the data last changed: the latest of the site's `updated`, the freezing dates of
/// the editions and the dates of the corrections (dates from the records only, so that a
/// build is the same whenever it runs).
pub fn modified(site: &Site) -> Option<String> {
    let updated = site.config.updated.iter().map(|d| d.as_str().to_owned());
    let frozen = site.editions.list.iter().map(|e| e.frozen.as_str().to_owned());
    let corrected = site.projects.iter().flat_map(|p| p.record.corrections.iter().map(|c| c.date.as_str().to_owned()));
    updated.chain(frozen).chain(corrected).max()
}
