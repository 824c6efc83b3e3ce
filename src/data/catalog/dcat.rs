//! `data/catalog.jsonld`: a DCAT catalogue with one dataset and its distributions, for
//! portals that harvest DCAT (BODIK, data.go.jp).

use serde::Serialize;

use super::{description, package_name, temporal};
use crate::data::{DataFile, DataSet, to_json_bytes};
use crate::i18n::Lang;
use crate::load::Site;
use crate::text::Text;
use crate::urls::{self, Page};

#[derive(Serialize)]
struct Catalog<'a> {
    #[serde(rename = "@context")]
    context: Context,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:dataset")]
    dataset: [Dataset<'a>; 1],
    #[serde(rename = "dct:publisher")]
    publisher: Publisher<'a>,
    #[serde(rename = "dct:title")]
    title: Vec<LangValue<'a>>,
}

#[derive(Serialize)]
struct Context {
    dcat: &'static str,
    dct: &'static str,
    foaf: &'static str,
    xsd: &'static str,
}

/// A text in one language, as JSON-LD writes it.
#[derive(Serialize, Clone)]
struct LangValue<'a> {
    #[serde(rename = "@language")]
    language: &'static str,
    #[serde(rename = "@value")]
    value: &'a str,
}

/// A link to another resource.
#[derive(Serialize)]
struct Id<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
}

#[derive(Serialize, Clone)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "foaf:name")]
    name: Vec<LangValue<'a>>,
}

#[derive(Serialize)]
struct Date<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@value")]
    value: &'a str,
}

#[derive(Serialize)]
struct Dataset<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:distribution")]
    distribution: Vec<Distribution<'a>>,
    #[serde(rename = "dcat:keyword")]
    keyword: [&'static str; 4],
    #[serde(rename = "dcat:landingPage")]
    landing_page: Id<'a>,
    #[serde(rename = "dct:description")]
    description: [LangValue<'a>; 2],
    #[serde(rename = "dct:identifier")]
    identifier: String,
    #[serde(rename = "dct:issued", skip_serializing_if = "Option::is_none")]
    issued: Option<Date<'a>>,
    #[serde(rename = "dct:language")]
    language: [Id<'static>; 2],
    #[serde(rename = "dct:license")]
    license: Id<'static>,
    #[serde(rename = "dct:modified", skip_serializing_if = "Option::is_none")]
    modified: Option<Date<'a>>,
    #[serde(rename = "dct:publisher")]
    publisher: Publisher<'a>,
    #[serde(rename = "dct:rights")]
    rights: Vec<LangValue<'a>>,
    #[serde(rename = "dct:spatial")]
    spatial: Vec<LangValue<'a>>,
    #[serde(rename = "dct:temporal", skip_serializing_if = "Option::is_none")]
    temporal: Option<String>,
    #[serde(rename = "dct:title")]
    title: Vec<LangValue<'a>>,
}

#[derive(Serialize)]
struct Distribution<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:accessURL")]
    access_url: Id<'a>,
    #[serde(rename = "dcat:byteSize")]
    byte_size: usize,
    #[serde(rename = "dcat:downloadURL")]
    download_url: Id<'a>,
    #[serde(rename = "dcat:mediaType")]
    media_type: &'static str,
    #[serde(rename = "dct:description")]
    description: [LangValue<'a>; 2],
    #[serde(rename = "dct:format")]
    format: &'static str,
    #[serde(rename = "dct:license")]
    license: Id<'static>,
    #[serde(rename = "dct:title")]
    title: [LangValue<'a>; 2],
}

/// A text in Japanese, and in English where it has a translation.
fn lang_values(t: &Text) -> Vec<LangValue<'_>> {
    let mut v = vec![LangValue { language: "ja", value: &t.ja }];
    let en = t.get(Lang::En);
    if en.lang == Lang::En {
        v.push(LangValue { language: "en", value: en.value });
    }
    v
}

fn pair<'a>(ja: &'a str, en: &'a str) -> [LangValue<'a>; 2] {
    [LangValue { language: "ja", value: ja }, LangValue { language: "en", value: en }]
}

fn distribution<'a>(site: &Site, f: &'a DataFile, data_page: &'a str, download: &'a str) -> Distribution<'a> {
    Distribution {
        kind: "dcat:Distribution",
        access_url: Id { id: data_page },
        byte_size: f.bytes,
        download_url: Id { id: download },
        media_type: f.media_type,
        description: pair(&f.description_ja, &f.description_en),
        format: f.format,
        license: Id { id: site.config.licence.id.url() },
        title: pair(&f.title_ja, &f.title_en),
    }
}

/// `data/catalog.jsonld`: a DCAT catalogue with one dataset and its distributions.
pub fn dcat(site: &Site, set: &DataSet) -> Vec<u8> {
    let c = &site.config;
    let data_page = site.urls.public(&Page::Data.path(c.default_language));
    let downloads: Vec<String> = set.catalogue.iter().map(|f| site.urls.public(&f.path)).collect();
    let descriptions = [description(site, Lang::Ja), description(site, Lang::En)];
    let publisher = Publisher { kind: "foaf:Organization", name: lang_values(&c.publisher.name) };
    let dataset = Dataset {
        id: site.urls.public(urls::DATAPACKAGE),
        kind: "dcat:Dataset",
        distribution: set.catalogue.iter().zip(&downloads).map(|(f, d)| distribution(site, f, &data_page, d)).collect(),
        keyword: ["協働のまちづくり", "進捗状況", "collaborative town-building", "progress report"],
        landing_page: Id { id: &data_page },
        description: pair(&descriptions[0], &descriptions[1]),
        identifier: package_name(site),
        issued: c.issued.as_ref().map(|d| Date { kind: "xsd:date", value: d.as_str() }),
        language: [
            Id { id: "http://id.loc.gov/vocabulary/iso639-1/ja" },
            Id { id: "http://id.loc.gov/vocabulary/iso639-1/en" },
        ],
        license: Id { id: c.licence.id.url() },
        modified: c.updated.as_ref().map(|d| Date { kind: "xsd:date", value: d.as_str() }),
        publisher: publisher.clone(),
        rights: lang_values(&c.licence.attribution),
        spatial: lang_values(&c.municipality.name),
        temporal: temporal(site),
        title: lang_values(&c.title),
    };
    let catalog = Catalog {
        context: Context {
            dcat: "http://www.w3.org/ns/dcat#",
            dct: "http://purl.org/dc/terms/",
            foaf: "http://xmlns.com/foaf/0.1/",
            xsd: "http://www.w3.org/2001/XMLSchema#",
        },
        kind: "dcat:Catalog",
        dataset: [dataset],
        publisher,
        title: lang_values(&c.title),
    };
    to_json_bytes(&catalog)
}
