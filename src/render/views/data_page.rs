//! The data page: every download with its documentation and a preview.

use serde::Serialize;

use crate::data::FileKind;
use crate::i18n::Lang;
use crate::load::Site;

use super::*;

/// The data page: every download with its documentation.
#[derive(Debug, Serialize)]
pub struct DataPageView {
    pub files: Vec<DataFileView>,
    pub json_files: Vec<DataFileView>,
    /// The workbook of every table, for spreadsheets.
    pub workbook: Option<DataFileView>,
    /// What the licence says of CC BY 4.0, where it is another licence.
    pub licence_note: Option<&'static str>,
    pub package_href: String,
    pub catalog_href: String,
    pub updated: Option<String>,
    /// The version of `data/` (see the data package).
    pub version: String,
    /// The frozen editions, latest first.
    pub editions: Vec<EditionView>,
    /// schema.org Dataset, already safe to place inside `<script>`.
    pub json_ld: String,
}

/// A frozen edition on the data page.
#[derive(Debug, Serialize)]
pub struct EditionView {
    pub id: i64,
    pub title: String,
    pub version: String,
    pub frozen: String,
    pub package_href: String,
    pub files: Vec<EditionFileView>,
}

#[derive(Debug, Serialize)]
pub struct EditionFileView {
    pub name: String,
    pub href: String,
    pub size: String,
}

fn edition_views(site: &Site, l: &Localizer) -> Vec<EditionView> {
    site.editions
        .list
        .iter()
        .rev()
        .map(|e| EditionView {
            id: e.year.year(),
            title: l.strings.edition_name.replace("{year}", &l.year(e.year)),
            version: e.version.clone(),
            frozen: e.frozen.as_str().to_owned(),
            package_href: crate::urls::edition_file(e.year.year(), "datapackage.json"),
            files: e
                .files
                .iter()
                .map(|(name, bytes)| EditionFileView {
                    name: name.clone(),
                    href: crate::urls::edition_file(e.year.year(), name),
                    size: human_size(bytes.len()),
                })
                .collect(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct DataFileView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub href: String,
    pub format: &'static str,
    pub size: String,
    pub rows: usize,
    pub columns: Vec<ColumnView>,
    pub preview: Option<PreviewView>,
}

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub name: String,
    pub title: String,
    /// "string", "number" …: a key into the UI strings (`type_…`).
    pub kind: &'static str,
    pub required: bool,
    pub description: String,
    pub allowed: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct PreviewView {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// How many rows the data page previews per file.
const PREVIEW_ROWS: usize = crate::data::FIRST_ROWS;
/// Longest cell text shown in a preview.
const PREVIEW_CELL_CHARS: usize = 40;

/// A byte count for people: 812 B, 12.3 KB, 1.4 MB.
pub fn human_size(bytes: usize) -> String {
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.1} MB", b / 1024.0 / 1024.0)
    }
}

pub fn data_page_view(site: &Site, set: &crate::data::DataSet, l: &Localizer) -> DataPageView {
    let ja = l.lang == Lang::Ja;
    let file_view = |f: &crate::data::DataFile| {
        let table = f.table.map(|i| &set.tables[i]);
        DataFileView {
            id: f.path.trim_start_matches("data/").replace(['/', '.'], "-"),
            title: if ja { f.title_ja.clone() } else { f.title_en.clone() },
            description: if ja { f.description_ja.clone() } else { f.description_en.clone() },
            href: f.path.clone(),
            format: f.kind.name(),
            size: human_size(f.bytes),
            rows: f.rows,
            columns: table
                .map(|t| {
                    t.table
                        .columns
                        .iter()
                        .map(|c| ColumnView {
                            name: c.name.clone(),
                            title: c.title_en.clone(),
                            kind: c.kind.frictionless(),
                            required: c.required,
                            description: if ja { c.description_ja.clone() } else { c.description_en.clone() },
                            allowed: c.allowed.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            preview: table.map(|t| PreviewView {
                header: t.table.columns.iter().map(|c| c.name.clone()).collect(),
                rows: t
                    .first_rows
                    .iter()
                    .take(PREVIEW_ROWS)
                    .map(|r| {
                        r.iter().map(|c| shorten(&crate::data::csv::one_line(&c.raw()), PREVIEW_CELL_CHARS)).collect()
                    })
                    .collect(),
            }),
        }
    };
    DataPageView {
        files: set.catalogue.iter().filter(|f| f.table.is_some()).map(file_view).collect(),
        json_files: set.catalogue.iter().filter(|f| f.kind == FileKind::Json).map(file_view).collect(),
        workbook: set.catalogue.iter().find(|f| f.kind == FileKind::Xlsx).map(file_view),
        licence_note: site.config.licence.id.cc_by_compatibility(l.lang),
        package_href: "data/datapackage.json".to_owned(),
        catalog_href: "data/catalog.jsonld".to_owned(),
        updated: crate::data::catalog::modified(site),
        version: crate::data::catalog::main_version(site),
        editions: edition_views(site, l),
        json_ld: crate::data::catalog::schema_org(site, set, l.lang),
    }
}
