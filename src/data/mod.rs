//! Open data: the site's content as CSV and JSON, with Frictionless and DCAT metadata.
//!
//! ```text
//! schema::tables()      the one description of every table
//! rows::table_rows()    the rows of each table, from the loaded site
//! csv::write()          CSV files (UTF-8, and a UTF-8-with-BOM copy for Excel)
//! json::projects()      projects.json and one JSON file per project
//! catalog::*            datapackage.json, catalog.jsonld, schema.org Dataset
//! ```
//!
//! Everything lands under `data/` of the output, at URLs documented in the README.

pub mod catalog;
pub mod csv;
pub mod json;
pub mod rows;
pub mod schema;

use std::collections::BTreeMap;

use crate::load::Site;
use schema::Table;

/// Folder of the data files in the output.
pub const DATA_DIR: &str = "data";
/// Folder of the Excel-friendly copies (UTF-8 with BOM) under `data/`.
pub const EXCEL_DIR: &str = "excel";

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Blank: the value is missing (declared as `missingValues: [""]`).
    Empty,
    Text(String),
    /// A number already formatted for data: no commas, decimals as written.
    Number(String),
    Integer(i64),
    List(Vec<String>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }
    }

    pub fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    pub fn list(items: Vec<String>) -> Cell {
        if items.is_empty() { Cell::Empty } else { Cell::List(items) }
    }

    /// The cell as it is written in a CSV file, before formula neutralisation.
    pub fn raw(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Number(s) => s.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::List(items) => items.join(schema::LIST_DELIMITER),
        }
    }
}

/// A table with its rows, in column order.
#[derive(Debug, Clone)]
pub struct TableData {
    pub table: Table,
    pub rows: Vec<Vec<Cell>>,
}

/// One published data file, for the data page and the catalogues.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Path relative to the output root, e.g. `data/projects.csv`.
    pub path: String,
    /// The Excel-friendly copy, for CSV files.
    pub excel_path: Option<String>,
    pub media_type: &'static str,
    pub format: &'static str,
    pub bytes: usize,
    /// Rows of data (CSV), or records (JSON).
    pub rows: usize,
    /// Index into [`DataSet::tables`] for CSV files.
    pub table: Option<usize>,
    pub title_ja: String,
    pub title_en: String,
    pub description_ja: String,
    pub description_en: String,
}

/// Everything under `data/`.
#[derive(Debug, Clone, Default)]
pub struct DataSet {
    pub tables: Vec<TableData>,
    /// The files in the order of the data page.
    pub catalogue: Vec<DataFile>,
    /// Path relative to the output root → contents.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Builds every data file of the site.
pub fn build(site: &Site) -> DataSet {
    build_selected(site, &|_| true)
}

/// Builds every data file, but writes the per-project JSON only of the projects (by index)
/// `selected` accepts: the live preview re-renders only what a change touched.
pub fn build_selected(site: &Site, selected: &(dyn Fn(usize) -> bool + Sync)) -> DataSet {
    use rayon::prelude::*;
    let tables: Vec<TableData> = schema::tables().into_par_iter().map(|t| rows::table_rows(site, t)).collect();
    let mut set = DataSet::default();

    for (i, t) in tables.iter().enumerate() {
        let name = t.table.file_name();
        let plain = csv::write(t, false);
        let excel = csv::write(t, true);
        let path = format!("{DATA_DIR}/{name}");
        let excel_path = format!("{DATA_DIR}/{EXCEL_DIR}/{name}");
        set.catalogue.push(DataFile {
            path: path.clone(),
            excel_path: Some(excel_path.clone()),
            media_type: "text/csv",
            format: "CSV",
            bytes: plain.len(),
            rows: t.rows.len(),
            table: Some(i),
            title_ja: t.table.title_ja.to_owned(),
            title_en: t.table.title_en.to_owned(),
            description_ja: t.table.description_ja.to_owned(),
            description_en: t.table.description_en.to_owned(),
        });
        set.files.insert(path, plain);
        set.files.insert(excel_path, excel);
    }

    let project_texts = json::project_texts(site);
    let all = json::projects_file(site, &project_texts);
    let all_path = format!("{DATA_DIR}/projects.json");
    set.catalogue.push(DataFile {
        path: all_path.clone(),
        excel_path: None,
        media_type: "application/json",
        format: "JSON",
        bytes: all.len(),
        rows: site.projects.len(),
        table: None,
        title_ja: "全事業（JSON）".to_owned(),
        title_en: "All projects (JSON)".to_owned(),
        description_ja: "すべての事業の全項目（入れ子構造、Markdownの原文を含む）。".to_owned(),
        description_en: "Every field of every project, nested, with the Markdown source of long texts.".to_owned(),
    });
    set.files.insert(all_path, all);
    for (i, (p, text)) in site.projects.iter().zip(&project_texts).enumerate() {
        if !selected(i) {
            continue;
        }
        let id = p.record.id.get_ref().as_str();
        set.files.insert(json::project_path(id), json::project_file(site, text));
    }

    set.tables = tables;
    let package = catalog::datapackage(site, &set);
    set.files.insert(format!("{DATA_DIR}/datapackage.json"), package);
    let dcat = catalog::dcat(site, &set);
    set.files.insert(format!("{DATA_DIR}/catalog.jsonld"), dcat);
    set
}

/// Serialises JSON for publishing: pretty, with a final newline.
pub(crate) fn to_json_bytes(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
