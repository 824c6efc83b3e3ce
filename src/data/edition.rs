//! The files of an edition: made by `kyodo freeze` from the records as they are, and
//! published unchanged by every later build under `data/editions/<year>/`.

use std::collections::BTreeMap;

use super::catalog::{self, FileFacts};
use super::csv::written;
use super::rows::{project_rows, site_rows};
use super::schema::edition_tables;
use super::years::Scope;
use crate::diagnostic::Diagnostic;
use crate::edition::{Manifest, VOCABULARY_KEY, compare::file_key, sha256, statement};
use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::model::Stated;
use crate::model::config::Date;
use crate::msg::Msg;
use crate::output::Sink;
use crate::urls;

/// An edition about to be frozen: its files (name → bytes) and kyodo's record of it.
pub struct Made {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest: Manifest,
}

/// Makes the edition of `year`, frozen on `frozen`, from the site as it is now.
pub fn make(site: &Site, year: FiscalYear, frozen: &Date) -> Result<Made, Box<Diagnostic>> {
    let scope = Scope::Edition(year);
    let tables = edition_tables();
    let mut records = Vec::with_capacity(site.projects.len());
    for i in 0..site.projects.len() {
        records.push(site.record(i)?);
    }
    let mut files = Vec::new();
    let mut facts = Vec::new();
    for table in tables {
        let mut csv = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        let header: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        let mut rows: Vec<Vec<super::Cell>> = Vec::new();
        for p in &records {
            rows.extend(project_rows(site, &table, p, scope));
        }
        rows.extend(site_rows(site, &table, scope));
        // Writing to memory cannot fail.
        let _ = csv.write_record(&header);
        for row in &rows {
            let _ = csv.write_record(row.iter().map(|c| written(c).into_owned()));
        }
        let bytes = csv.into_inner().unwrap_or_default();
        facts.push((table.clone(), FileFacts { bytes: bytes.len(), sha256: Some(sha256(&bytes)) }));
        files.push((table.file_name(), bytes));
    }
    files.push(("datapackage.json".to_owned(), catalog::edition_package(site, year, frozen.as_str(), &facts)));
    let mut stated: BTreeMap<String, BTreeMap<String, Stated>> = BTreeMap::new();
    for (file, p) in site.projects.iter().zip(&records) {
        if let Some(fields) = statement::project_fields(p, year) {
            stated.insert(file_key(&file.path), fields.into_iter().map(|(k, (v, _))| (k, v)).collect());
        }
    }
    let vocabulary = statement::vocabulary_fields(&site.vocabulary, year);
    stated.insert(VOCABULARY_KEY.to_owned(), vocabulary.into_iter().map(|(k, (v, _))| (k, v)).collect());
    let manifest = Manifest::new(year, frozen, &files, stated);
    Ok(Made { files, manifest })
}

/// Publishes every frozen edition under `data/editions/<year>/`, byte for byte as frozen.
pub fn publish(site: &Site, sink: &dyn Sink) -> Result<(), Msg> {
    for e in &site.editions.list {
        for (name, bytes) in &e.files {
            sink.put(&urls::edition_file(e.year.year(), name), bytes.clone())?;
        }
    }
    Ok(())
}
