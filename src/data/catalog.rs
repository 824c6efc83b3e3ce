//! Metadata that portals read: Frictionless `datapackage.json`, DCAT `catalog.jsonld`,
//! and the schema.org `Dataset` embedded in the data page.

use serde_json::{Map, Value, json};

use super::schema::{FieldType, LIST_DELIMITER};
use super::{DataSet, to_json_bytes};
use crate::i18n::Lang;
use crate::load::Site;
use crate::markdown::to_plain_text;
use crate::text::Text;
use crate::urls::{self, Page};

/// The dataset's machine name: municipality code and plan, stable across builds.
fn package_name(site: &Site) -> String {
    format!("kyodo-{}", site.config.municipality.code.get_ref())
}

fn both(t: &Text) -> String {
    let en = t.get(Lang::En);
    if en.lang == Lang::En && en.value != t.ja { format!("{} / {}", t.ja, en.value) } else { t.ja.clone() }
}

fn description(site: &Site, lang: Lang) -> String {
    match &site.config.description {
        Some(d) => to_plain_text(d.get(lang).value),
        None => site.config.title.get(lang).value.to_owned(),
    }
}

/// The fiscal years covered, as an ISO 8601 interval: 2023-04-01/2024-03-31.
fn temporal(site: &Site) -> Option<String> {
    let years: Vec<i64> = site.config.reported_years.iter().map(|y| y.get_ref().year()).collect();
    let (first, last) = (years.iter().min()?, years.iter().max()?);
    Some(format!("{first}-04-01/{}-03-31", last + 1))
}

/// `data/datapackage.json`: Frictionless Data Package v2.
pub fn datapackage(site: &Site, set: &DataSet) -> Vec<u8> {
    let c = &site.config;
    let resources: Vec<Value> = set
        .tables
        .iter()
        .map(|t| {
            let fields: Vec<Value> = t
                .table
                .columns
                .iter()
                .map(|col| {
                    let mut f = Map::new();
                    f.insert("name".into(), json!(col.name));
                    f.insert("type".into(), json!(col.kind.frictionless()));
                    f.insert("title".into(), json!(col.title_en));
                    f.insert("description".into(), json!(format!("{} / {}", col.description_ja, col.description_en)));
                    if col.kind == FieldType::List {
                        f.insert("delimiter".into(), json!(LIST_DELIMITER));
                        f.insert("itemType".into(), json!("string"));
                    }
                    let mut constraints = Map::new();
                    if col.required {
                        constraints.insert("required".into(), json!(true));
                    }
                    if !col.allowed.is_empty() {
                        constraints.insert("enum".into(), json!(col.allowed));
                    }
                    if let Some(p) = col.pattern {
                        constraints.insert("pattern".into(), json!(p));
                    }
                    if !constraints.is_empty() {
                        f.insert("constraints".into(), Value::Object(constraints));
                    }
                    Value::Object(f)
                })
                .collect();
            let foreign_keys: Vec<Value> = t
                .table
                .foreign_keys
                .iter()
                .map(|fk| json!({ "fields": fk.fields, "reference": { "resource": fk.resource, "fields": fk.reference } }))
                .collect();
            let file = set.catalogue.iter().find(|f| f.path == urls::data_file(&t.table.file_name()));
            json!({
                "name": t.table.name,
                "type": "table",
                "path": t.table.file_name(),
                "title": format!("{} / {}", t.table.title_ja, t.table.title_en),
                "description": format!("{} / {}", t.table.description_ja, t.table.description_en),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": file.map(|f| f.bytes),
                "dialect": { "header": true, "delimiter": ",", "quoteChar": "\"", "lineTerminator": "\n" },
                "schema": {
                    "fields": fields,
                    "primaryKey": t.table.primary_key,
                    "foreignKeys": foreign_keys,
                    "missingValues": [""],
                },
            })
        })
        .collect();
    let mut package = Map::new();
    package.insert("$schema".into(), json!("https://datapackage.org/profiles/2.0/datapackage.json"));
    package.insert("name".into(), json!(package_name(site)));
    package.insert("title".into(), json!(both(&c.title)));
    package.insert(
        "description".into(),
        json!(format!("{}\n\n{}", description(site, Lang::Ja), description(site, Lang::En))),
    );
    package.insert("languages".into(), json!(["ja", "en"]));
    package.insert(
        "licenses".into(),
        json!([{
            "name": c.licence.id.spdx(),
            "path": c.licence.id.url(),
            "title": c.licence.id.name(Lang::En),
        }]),
    );
    package.insert("sources".into(), json!([{ "title": both(&c.licence.attribution) }]));
    package.insert("contributors".into(), json!([{ "title": both(&c.publisher.name), "roles": ["publisher"] }]));
    if let Some(base) = &c.base_url {
        package.insert("homepage".into(), json!(base.get_ref()));
    }
    if let Some(d) = &c.updated {
        package.insert("created".into(), json!(format!("{}T00:00:00Z", d.as_str())));
    }
    package.insert(
        "keywords".into(),
        json!([
            "協働のまちづくり",
            "進捗状況",
            c.municipality.name.ja,
            "collaborative town-building",
            "progress report"
        ]),
    );
    package.insert("resources".into(), Value::Array(resources));
    to_json_bytes(&Value::Object(package))
}

fn lang_values(t: &Text) -> Value {
    let mut v = vec![json!({ "@value": t.ja, "@language": "ja" })];
    let en = t.get(Lang::En);
    if en.lang == Lang::En {
        v.push(json!({ "@value": en.value, "@language": "en" }));
    }
    Value::Array(v)
}

/// `data/catalog.jsonld`: a DCAT catalogue with one dataset and its distributions.
pub fn dcat(site: &Site, set: &DataSet) -> Vec<u8> {
    let c = &site.config;
    let distributions: Vec<Value> = set
        .catalogue
        .iter()
        .map(|f| {
            json!({
                "@type": "dcat:Distribution",
                "dct:title": [{ "@value": f.title_ja, "@language": "ja" }, { "@value": f.title_en, "@language": "en" }],
                "dct:description": [{ "@value": f.description_ja, "@language": "ja" }, { "@value": f.description_en, "@language": "en" }],
                "dcat:accessURL": { "@id": site.urls.public(&Page::Data.path(c.default_language)) },
                "dcat:downloadURL": { "@id": site.urls.public(&f.path) },
                "dcat:mediaType": f.media_type,
                "dct:format": f.format,
                "dcat:byteSize": f.bytes,
                "dct:license": { "@id": c.licence.id.url() },
            })
        })
        .collect();
    let publisher = json!({ "@type": "foaf:Organization", "foaf:name": lang_values(&c.publisher.name) });
    let mut dataset = Map::new();
    dataset.insert("@type".into(), json!("dcat:Dataset"));
    dataset.insert("@id".into(), json!(site.urls.public(urls::DATAPACKAGE)));
    dataset.insert("dct:identifier".into(), json!(package_name(site)));
    dataset.insert("dct:title".into(), lang_values(&c.title));
    dataset.insert(
        "dct:description".into(),
        json!([
            { "@value": description(site, Lang::Ja), "@language": "ja" },
            { "@value": description(site, Lang::En), "@language": "en" },
        ]),
    );
    dataset.insert("dct:publisher".into(), publisher.clone());
    dataset.insert("dct:license".into(), json!({ "@id": c.licence.id.url() }));
    dataset.insert("dct:rights".into(), lang_values(&c.licence.attribution));
    dataset.insert("dct:language".into(), json!([{ "@id": "http://id.loc.gov/vocabulary/iso639-1/ja" }, { "@id": "http://id.loc.gov/vocabulary/iso639-1/en" }]));
    dataset.insert("dct:spatial".into(), lang_values(&c.municipality.name));
    if let Some(t) = temporal(site) {
        dataset.insert("dct:temporal".into(), json!(t));
    }
    if let Some(d) = &c.issued {
        dataset.insert("dct:issued".into(), json!({ "@value": d.as_str(), "@type": "xsd:date" }));
    }
    if let Some(d) = &c.updated {
        dataset.insert("dct:modified".into(), json!({ "@value": d.as_str(), "@type": "xsd:date" }));
    }
    dataset.insert(
        "dcat:keyword".into(),
        json!(["協働のまちづくり", "進捗状況", "collaborative town-building", "progress report"]),
    );
    dataset.insert("dcat:landingPage".into(), json!({ "@id": site.urls.public(&Page::Data.path(c.default_language)) }));
    dataset.insert("dcat:distribution".into(), Value::Array(distributions));

    let catalog = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@type": "dcat:Catalog",
        "dct:title": lang_values(&c.title),
        "dct:publisher": publisher,
        "dcat:dataset": [Value::Object(dataset)],
    });
    to_json_bytes(&catalog)
}

/// The schema.org `Dataset` for the data page, as JSON-LD text safe inside `<script>`.
pub fn schema_org(site: &Site, set: &DataSet, lang: Lang) -> String {
    let c = &site.config;
    let mut d = Map::new();
    d.insert("@context".into(), json!("https://schema.org"));
    d.insert("@type".into(), json!("Dataset"));
    d.insert("name".into(), json!(c.title.get(lang).value));
    d.insert("description".into(), json!(description(site, lang)));
    d.insert("inLanguage".into(), json!(["ja", "en"]));
    d.insert("license".into(), json!(c.licence.id.url()));
    d.insert("isAccessibleForFree".into(), json!(true));
    d.insert("creator".into(), json!({ "@type": "GovernmentOrganization", "name": c.publisher.name.get(lang).value }));
    d.insert("spatialCoverage".into(), json!({ "@type": "Place", "name": c.municipality.name.get(lang).value }));
    if let Some(t) = temporal(site) {
        d.insert("temporalCoverage".into(), json!(t));
    }
    if let Some(u) = &c.updated {
        d.insert("dateModified".into(), json!(u.as_str()));
    }
    if let Some(i) = &c.issued {
        d.insert("datePublished".into(), json!(i.as_str()));
    }
    if c.base_url.is_some() {
        d.insert("url".into(), json!(site.urls.public(&Page::Data.path(lang))));
    }
    d.insert(
        "distribution".into(),
        Value::Array(
            set.catalogue
                .iter()
                .map(|f| {
                    json!({
                        "@type": "DataDownload",
                        "name": if lang == Lang::Ja { &f.title_ja } else { &f.title_en },
                        "encodingFormat": f.media_type,
                        "contentUrl": site.urls.public(&f.path),
                        "contentSize": format!("{} B", f.bytes),
                    })
                })
                .collect(),
        ),
    );
    crate::escape::json_for_html_script(&Value::Object(d))
}
