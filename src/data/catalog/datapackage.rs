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
    resources: Vec<AnyResource<'a>>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'static str>,
    path: &'static str,
    title: String,
}

#[derive(Serialize)]
struct Source {
    title: String,
}

/// A resource of the package: a CSV file with its Table Schema, or a JSON file with its
/// JSON Schema.
#[derive(Serialize)]
#[serde(untagged)]
enum AnyResource<'a> {
    Table(Resource<'a>),
    Json(JsonResource),
}

/// A JSON file, with the path of its JSON Schema. The recipe "JSON Data Resources" puts
/// it in `schema` with `"profile": "json-data-resource"`, but Frictionless (the reference
/// implementation) then reads it as a Table Schema and fails the package, so it is the
/// custom property `jsonSchema`, named as Table Schema v2 names a field's JSON Schema.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonResource {
    bytes: usize,
    description: String,
    encoding: &'static str,
    format: &'static str,
    hash: String,
    json_schema: String,
    mediatype: &'static str,
    name: &'static str,
    path: String,
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
    /// Left out when empty: the v2 profile wants at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
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

/// The Table Schema of a table.
fn schema(table: &Table) -> Schema<'_> {
    Schema {
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
    }
}

/// `data/schemas/<table>.tableschema.json`: the Table Schema of a table on its own file.
pub fn table_schema(table: &Table) -> Vec<u8> {
    #[derive(Serialize)]
    struct Standalone<'a> {
        #[serde(rename = "$schema")]
        profile: &'static str,
        #[serde(flatten)]
        schema: Schema<'a>,
    }
    to_json_bytes(&Standalone {
        profile: "https://datapackage.org/profiles/2.0/tableschema.json",
        schema: schema(table),
    })
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
        schema: schema(table),
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
    let mut resources: Vec<AnyResource> = set
        .tables
        .iter()
        .map(|t| {
            let path = urls::data_file(&t.table.file_name());
            let facts = set
                .catalogue
                .iter()
                .find(|f| f.path == path)
                .map(|f| FileFacts { bytes: f.bytes, sha256: Some(f.sha256.clone()) });
            AnyResource::Table(resource(&t.table, facts.as_ref()))
        })
        .collect();
    let json = set.catalogue.iter().filter(|f| f.kind == crate::data::FileKind::Json);
    resources.extend(json.map(|f| {
        AnyResource::Json(JsonResource {
            bytes: f.bytes,
            description: format!("{} / {}", f.description_ja, f.description_en),
            encoding: "utf-8",
            format: "json",
            hash: format!("sha256:{}", f.sha256),
            mediatype: "application/json",
            json_schema: urls::from_file(urls::DATAPACKAGE, &urls::data_schema("projects.schema.json")),
            name: "projects-json",
            path: urls::from_file(urls::DATAPACKAGE, &f.path),
            title: format!("{} / {}", f.title_ja, f.title_en),
        })
    }));
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
    package(site, meta, tables.iter().map(|(t, f)| AnyResource::Table(resource(t, Some(f)))).collect())
}

/// The licence of a package: its Open Definition id where it has one, its official
/// address, and a title that says, for PDL 1.0, that it is compatible with CC BY 4.0.
fn licence(id: crate::model::config::LicenceId) -> Licence {
    let mut title = format!("{} / {}", id.name(Lang::Ja), id.name(Lang::En));
    if let (Some(ja), Some(en)) = (id.cc_by_compatibility(Lang::Ja), id.cc_by_compatibility(Lang::En)) {
        title = format!("{title}. {ja} {en}");
    }
    Licence { name: id.open_definition_id(), path: id.url(), title }
}

fn package<'a>(site: &'a Site, meta: Meta, resources: Vec<AnyResource<'a>>) -> Vec<u8> {
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
        licenses: [licence(id)],
        modified: meta.modified,
        name: meta.name,
        resources,
        sources: [Source { title: both(&c.licence.attribution) }],
        title: meta.title,
        version: meta.version,
    };
    to_json_bytes(&package)
}
