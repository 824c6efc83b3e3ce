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
    dataset: Vec<Dataset<'a>>,
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
    id: std::borrow::Cow<'a, str>,
}

fn id(s: &str) -> Id<'_> {
    Id { id: std::borrow::Cow::Borrowed(s) }
}

fn owned_id(s: String) -> Id<'static> {
    Id { id: std::borrow::Cow::Owned(s) }
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
    /// The frozen editions (DCAT 3; `dct:hasVersion` too, which DCAT-AP 3.0.1 reads).
    #[serde(rename = "dcat:hasVersion", skip_serializing_if = "Vec::is_empty")]
    has_version: Vec<Id<'a>>,
    #[serde(rename = "dcat:isVersionOf", skip_serializing_if = "Option::is_none")]
    is_version_of: Option<Id<'a>>,
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
    #[serde(rename = "dct:hasVersion", skip_serializing_if = "Vec::is_empty")]
    dct_has_version: Vec<Id<'a>>,
    #[serde(rename = "dct:title")]
    title: Vec<LangValue<'a>>,
    #[serde(rename = "dcat:version")]
    version: String,
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
        access_url: id(data_page),
        byte_size: f.bytes,
        download_url: id(download),
        media_type: f.media_type,
        description: pair(&f.description_ja, &f.description_en),
        format: f.format,
        license: id(site.config.licence.id.url()),
        title: pair(&f.title_ja, &f.title_en),
    }
}

/// The files of a frozen edition, as catalogue entries (CSV files only; its
/// `datapackage.json` is the dataset's own address).
fn edition_files(e: &crate::edition::Edition) -> Vec<DataFile> {
    let tables = crate::data::schema::edition_tables();
    e.files
        .iter()
        .filter_map(|(name, bytes)| {
            let t = tables.iter().find(|t| t.file_name() == *name)?;
            Some(DataFile {
                path: urls::edition_file(e.year.year(), name),
                excel_path: None,
                media_type: "text/csv",
                format: "CSV",
                bytes: bytes.len(),
                rows: 0,
                table: None,
                title_ja: t.title_ja.to_owned(),
                title_en: t.title_en.to_owned(),
                description_ja: t.description_ja.to_owned(),
                description_en: t.description_en.to_owned(),
            })
        })
        .collect()
}

/// `data/catalog.jsonld`: a DCAT catalogue with the dataset of `data/` and its
/// distributions, and one dataset per frozen edition, linked as its versions (DCAT 3
/// `dcat:hasVersion` / `dcat:isVersionOf`, with `dcat:version`).
pub fn dcat(site: &Site, set: &DataSet) -> Vec<u8> {
    let c = &site.config;
    let data_page = site.urls.public(&Page::Data.path(c.default_language));
    let downloads: Vec<String> = set.catalogue.iter().map(|f| site.urls.public(&f.path)).collect();
    let descriptions = [description(site, Lang::Ja), description(site, Lang::En)];
    let publisher = Publisher { kind: "foaf:Organization", name: lang_values(&c.publisher.name) };
    let main_id = site.urls.public(urls::DATAPACKAGE);
    let edition_ids: Vec<String> = site
        .editions
        .list
        .iter()
        .map(|e| site.urls.public(&urls::edition_file(e.year.year(), "datapackage.json")))
        .collect();
    let modified = super::modified(site);
    let dataset = Dataset {
        id: main_id.clone(),
        kind: "dcat:Dataset",
        distribution: set.catalogue.iter().zip(&downloads).map(|(f, d)| distribution(site, f, &data_page, d)).collect(),
        has_version: edition_ids.iter().map(|e| id(e)).collect(),
        is_version_of: None,
        keyword: ["協働のまちづくり", "進捗状況", "collaborative town-building", "progress report"],
        landing_page: id(&data_page),
        description: pair(&descriptions[0], &descriptions[1]),
        identifier: package_name(site),
        issued: c.issued.as_ref().map(|d| Date { kind: "xsd:date", value: d.as_str() }),
        language: [id("http://id.loc.gov/vocabulary/iso639-1/ja"), id("http://id.loc.gov/vocabulary/iso639-1/en")],
        license: id(c.licence.id.url()),
        modified: modified.as_deref().map(|d| Date { kind: "xsd:date", value: d }),
        publisher: publisher.clone(),
        rights: lang_values(&c.licence.attribution),
        spatial: lang_values(&c.municipality.name),
        temporal: temporal(site),
        dct_has_version: edition_ids.iter().map(|e| id(e)).collect(),
        title: lang_values(&c.title),
        version: super::main_version(site),
    };
    let files: Vec<Vec<DataFile>> = site.editions.list.iter().map(edition_files).collect();
    let file_urls: Vec<Vec<String>> =
        files.iter().map(|fs| fs.iter().map(|f| site.urls.public(&f.path)).collect()).collect();
    let titles: Vec<[String; 2]> = site
        .editions
        .list
        .iter()
        .map(|e| {
            [
                format!("{}（{}版）", c.title.ja, e.year.era_ja()),
                format!("{} ({} edition)", c.title.get(Lang::En).value, e.year),
            ]
        })
        .collect();
    let mut datasets = vec![dataset];
    for (i, e) in site.editions.list.iter().enumerate() {
        datasets.push(Dataset {
            id: edition_ids[i].clone(),
            kind: "dcat:Dataset",
            distribution: files[i]
                .iter()
                .zip(&file_urls[i])
                .map(|(f, d)| distribution(site, f, &data_page, d))
                .collect(),
            has_version: Vec::new(),
            is_version_of: Some(owned_id(main_id.clone())),
            keyword: ["協働のまちづくり", "進捗状況", "collaborative town-building", "progress report"],
            landing_page: id(&data_page),
            description: pair(&descriptions[0], &descriptions[1]),
            identifier: format!("{}-{}", package_name(site), e.year.year()),
            issued: Some(Date { kind: "xsd:date", value: e.frozen.as_str() }),
            language: [id("http://id.loc.gov/vocabulary/iso639-1/ja"), id("http://id.loc.gov/vocabulary/iso639-1/en")],
            license: id(c.licence.id.url()),
            modified: None,
            publisher: publisher.clone(),
            rights: lang_values(&c.licence.attribution),
            spatial: lang_values(&c.municipality.name),
            temporal: Some(format!("{}-04-01/{}-03-31", e.year.year(), e.year.year() + 1)),
            dct_has_version: Vec::new(),
            title: vec![
                LangValue { language: "ja", value: &titles[i][0] },
                LangValue { language: "en", value: &titles[i][1] },
            ],
            version: e.version.clone(),
        });
    }
    let catalog = Catalog {
        context: Context {
            dcat: "http://www.w3.org/ns/dcat#",
            dct: "http://purl.org/dc/terms/",
            foaf: "http://xmlns.com/foaf/0.1/",
            xsd: "http://www.w3.org/2001/XMLSchema#",
        },
        kind: "dcat:Catalog",
        dataset: datasets,
        publisher,
        title: lang_values(&c.title),
    };
    to_json_bytes(&catalog)
}
