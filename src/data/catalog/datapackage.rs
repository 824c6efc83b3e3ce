//! `data/datapackage.json`: a Frictionless Data Package v2 with the Table Schema of every
//! CSV file, from the one description of the tables ([`crate::data::schema`]).

use serde::Serialize;

use super::{both, description, package_name};
use crate::data::schema::{Column, FieldType, LIST_DELIMITER, Table, TableId};
use crate::data::{DataSet, to_json_bytes};
use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::load::Site;
use crate::urls;

#[derive(Serialize)]
struct Package<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    contributors: [Contributor; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<&'a str>,
    keywords: [&'a str; 5],
    languages: [&'static str; 2],
    licenses: [Licence; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    name: String,
    resources: Vec<Resource<'a>>,
    sources: [Source; 1],
    title: String,
    version: String,
}

#[derive(Serialize)]
struct Contributor {
    roles: [&'static str; 1],
    title: String,
}

#[derive(Serialize)]
struct Licence {
    name: &'static str,
    path: &'static str,
    title: &'static str,
}

#[derive(Serialize)]
struct Source {
    title: String,
}

/// One CSV file.
#[derive(Serialize)]
struct Resource<'a> {
    bytes: Option<usize>,
    description: String,
    dialect: Dialect,
    encoding: &'static str,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hash: Option<String>,
    mediatype: &'static str,
    name: TableId,
    path: String,
    schema: Schema<'a>,
    title: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dialect {
    delimiter: &'static str,
    header: bool,
    line_terminator: &'static str,
    quote_char: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema<'a> {
    fields: Vec<Field<'a>>,
    foreign_keys: Vec<ForeignKey<'a>>,
    missing_values: [&'static str; 1],
    primary_key: &'a [&'static str],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Field<'a> {
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    constraints: Constraints<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delimiter: Option<&'static str>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_type: Option<&'static str>,
    name: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Constraints<'a> {
    #[serde(rename = "enum", skip_serializing_if = "<[_]>::is_empty")]
    allowed: &'a [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
}

impl Constraints<'_> {
    fn is_empty(&self) -> bool {
        self.allowed.is_empty() && self.pattern.is_none() && !self.required
    }
}

#[derive(Serialize)]
struct ForeignKey<'a> {
    fields: &'a [&'static str],
    reference: Reference<'a>,
}

#[derive(Serialize)]
struct Reference<'a> {
    fields: &'a [&'static str],
    resource: TableId,
}

fn field(col: &Column) -> Field<'_> {
    let list = col.kind == FieldType::List;
    Field {
        constraints: Constraints { allowed: &col.allowed, pattern: col.pattern, required: col.required },
        delimiter: list.then_some(LIST_DELIMITER),
        description: format!("{} / {}", col.description_ja, col.description_en),
        item_type: list.then_some("string"),
        name: &col.name,
        title: &col.title_en,
        kind: col.kind.frictionless(),
    }
}

/// A file of a package: its size, and its SHA-256 where the package pins it.
pub struct FileFacts {
    pub bytes: usize,
    pub sha256: Option<String>,
}

fn resource<'a>(table: &'a Table, facts: Option<&FileFacts>) -> Resource<'a> {
    Resource {
        bytes: facts.map(|f| f.bytes),
        hash: facts.and_then(|f| f.sha256.as_ref()).map(|h| format!("sha256:{h}")),
        description: format!("{} / {}", table.description_ja, table.description_en),
        dialect: Dialect { delimiter: ",", header: true, line_terminator: "\n", quote_char: "\"" },
        encoding: "utf-8",
        format: "csv",
        mediatype: "text/csv",
        name: table.id,
        path: table.file_name(),
        schema: Schema {
            fields: table.columns.iter().map(field).collect(),
            foreign_keys: table
                .foreign_keys
                .iter()
                .map(|fk| ForeignKey {
                    fields: &fk.fields,
                    reference: Reference { fields: &fk.reference, resource: fk.resource },
                })
                .collect(),
            missing_values: [""],
            primary_key: &table.primary_key,
        },
        title: format!("{} / {}", table.title_ja, table.title_en),
        kind: "table",
    }
}

/// What differs between the package of `data/` and that of an edition.
struct Meta {
    name: String,
    title: String,
    version: String,
    created: Option<String>,
    modified: Option<String>,
}

/// A date as the data package writes it.
fn datetime(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// `data/datapackage.json`: Frictionless Data Package v2.
pub fn datapackage(site: &Site, set: &DataSet) -> Vec<u8> {
    let meta = Meta {
        name: package_name(site),
        title: both(&site.config.title),
        version: super::main_version(site),
        created: site.config.issued.as_ref().map(|d| datetime(d.as_str())),
        modified: super::modified(site).map(|d| datetime(&d)),
    };
    let resources = set
        .tables
        .iter()
        .map(|t| {
            let path = urls::data_file(&t.table.file_name());
            let facts =
                set.catalogue.iter().find(|f| f.path == path).map(|f| FileFacts { bytes: f.bytes, sha256: None });
            resource(&t.table, facts.as_ref())
        })
        .collect();
    package(site, meta, resources)
}

/// The `datapackage.json` of the edition of `year`, frozen on `frozen`: its tables with
/// their sizes and SHA-256.
pub fn edition_package(site: &Site, year: FiscalYear, frozen: &str, tables: &[(Table, FileFacts)]) -> Vec<u8> {
    let t = &site.config.title;
    let en = t.get(Lang::En);
    let title = if en.lang == Lang::En && en.value != t.ja {
        format!("{}（{}版） / {} ({year} edition)", t.ja, year.era_ja(), en.value)
    } else {
        format!("{}（{}版）", t.ja, year.era_ja())
    };
    let meta = Meta {
        name: format!("{}-{}", package_name(site), year.year()),
        title,
        version: crate::edition::version(year, 0),
        created: Some(datetime(frozen)),
        modified: Some(datetime(frozen)),
    };
    package(site, meta, tables.iter().map(|(t, f)| resource(t, Some(f))).collect())
}

fn package<'a>(site: &'a Site, meta: Meta, resources: Vec<Resource<'a>>) -> Vec<u8> {
    let c = &site.config;
    let id = c.licence.id;
    let package = Package {
        schema: "https://datapackage.org/profiles/2.0/datapackage.json",
        contributors: [Contributor { roles: ["publisher"], title: both(&c.publisher.name) }],
        created: meta.created,
        description: format!("{}\n\n{}", description(site, Lang::Ja), description(site, Lang::En)),
        homepage: c.base_url.as_ref().map(|b| b.get_ref().as_str()),
        keywords: [
            "協働のまちづくり",
            "進捗状況",
            &c.municipality.name.ja,
            "collaborative town-building",
            "progress report",
        ],
        languages: ["ja", "en"],
        licenses: [Licence { name: id.spdx(), path: id.url(), title: id.name(Lang::En) }],
        modified: meta.modified,
        name: meta.name,
        resources,
        sources: [Source { title: both(&c.licence.attribution) }],
        title: meta.title,
        version: meta.version,
    };
    to_json_bytes(&package)
}
