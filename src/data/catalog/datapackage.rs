//! `data/datapackage.json`: a Frictionless Data Package v2 with the Table Schema of every
//! CSV file, from the one description of the tables ([`crate::data::schema`]).

use serde::Serialize;

use super::{both, description, package_name};
use crate::data::schema::{Column, FieldType, LIST_DELIMITER, TableId};
use crate::data::{DataSet, TableData, to_json_bytes};
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
    name: String,
    resources: Vec<Resource<'a>>,
    sources: [Source; 1],
    title: String,
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

fn resource<'a>(set: &DataSet, t: &'a TableData) -> Resource<'a> {
    let table = &t.table;
    let path = urls::data_file(&table.file_name());
    Resource {
        bytes: set.catalogue.iter().find(|f| f.path == path).map(|f| f.bytes),
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

/// `data/datapackage.json`: Frictionless Data Package v2.
pub fn datapackage(site: &Site, set: &DataSet) -> Vec<u8> {
    let c = &site.config;
    let id = c.licence.id;
    let package = Package {
        schema: "https://datapackage.org/profiles/2.0/datapackage.json",
        contributors: [Contributor { roles: ["publisher"], title: both(&c.publisher.name) }],
        created: c.updated.as_ref().map(|d| format!("{}T00:00:00Z", d.as_str())),
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
        name: package_name(site),
        resources: set.tables.iter().map(|t| resource(set, t)).collect(),
        sources: [Source { title: both(&c.licence.attribution) }],
        title: both(&c.title),
    };
    to_json_bytes(&package)
}
