//! `data/catalog.jsonld`: a DCAT-AP 3.0.1 catalogue, in JSON-LD, for portals that harvest
//! DCAT (data.go.jp, BODIK, CKAN's DCAT harvester): the dataset of `data/` with its
//! distributions, and one dataset per frozen edition, linked as its versions (DCAT 3
//! `dcat:hasVersion` / `dcat:isVersionOf`, with `dcat:version`).
//!
//! What DCAT-AP's SHACL shapes require, and kyodo knows, is there: resources as IRIs
//! (spatial coverage as the municipality's URI in e-Stat's statistical-area-code LOD,
//! media types as IANA IRIs, formats as EU file types, the licence as a
//! `dct:LicenseDocument`), typed literals (`xsd:nonNegativeInteger` sizes, `xsd:date`
//! dates, `xsd:hexBinary` checksums), the period as a `dct:PeriodOfTime`. Every address
//! of the site is absolute with `base_url`, else relative to this file
//! ([`crate::urls::Urls::in_file`]).

use serde::Serialize;

use super::nodes::{
    Checksum, Contact, Id, LangValue, Licence, Period, Publisher, Rights, Typed, id, lang_values, pair,
};
use super::{description, package_name};
use crate::data::{DataFile, DataSet, FileKind, to_json_bytes};
use crate::i18n::Lang;
use crate::load::Site;
use crate::urls::{self, Page};

#[derive(Serialize)]
struct Catalog<'a> {
    #[serde(rename = "@context")]
    context: Context,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:dataset")]
    dataset: Vec<Dataset<'a>>,
    #[serde(rename = "dct:description")]
    description: [LangValue<'a>; 2],
    #[serde(rename = "dct:language")]
    language: [Id<'static>; 2],
    #[serde(rename = "dct:license")]
    license: Licence,
    #[serde(rename = "dct:modified", skip_serializing_if = "Option::is_none")]
    modified: Option<Typed>,
    #[serde(rename = "dct:publisher")]
    publisher: Publisher<'a>,
    #[serde(rename = "dct:spatial")]
    spatial: Id<'static>,
    #[serde(rename = "dct:title")]
    title: Vec<LangValue<'a>>,
    #[serde(rename = "foaf:homepage")]
    homepage: Id<'static>,
}

/// The prefixes of the terms used.
#[derive(Serialize)]
struct Context {
    dcat: &'static str,
    dct: &'static str,
    foaf: &'static str,
    rdfs: &'static str,
    spdx: &'static str,
    vcard: &'static str,
    xsd: &'static str,
}

const CONTEXT: Context = Context {
    dcat: "http://www.w3.org/ns/dcat#",
    dct: "http://purl.org/dc/terms/",
    foaf: "http://xmlns.com/foaf/0.1/",
    rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    spdx: "http://spdx.org/rdf/terms#",
    vcard: "http://www.w3.org/2006/vcard/ns#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
};

/// The EU data theme of a municipality's plan report: government and public sector.
const THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
/// How often the data of `data/` changes: a report a year.
const ANNUAL: &str = "http://publications.europa.eu/resource/authority/frequency/ANNUAL";
/// A frozen edition is never updated (corrections are published beside it).
const NEVER: &str = "http://publications.europa.eu/resource/authority/frequency/NEVER";
/// What a CSV file conforms to, where the table has no schema file of its own.
const LANGUAGES: [&str; 2] = ["http://id.loc.gov/vocabulary/iso639-1/ja", "http://id.loc.gov/vocabulary/iso639-1/en"];

#[derive(Serialize)]
struct Dataset<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:contactPoint")]
    contact_point: Contact<'a>,
    #[serde(rename = "dcat:distribution")]
    distribution: Vec<Distribution<'a>>,
    /// The frozen editions (DCAT 3; `dct:hasVersion` too, which DCAT-AP 3.0.1 reads).
    #[serde(rename = "dcat:hasVersion", skip_serializing_if = "Vec::is_empty")]
    has_version: Vec<Id<'static>>,
    #[serde(rename = "dcat:isVersionOf", skip_serializing_if = "Option::is_none")]
    is_version_of: Option<Id<'static>>,
    #[serde(rename = "dcat:keyword")]
    keyword: Vec<LangValue<'a>>,
    #[serde(rename = "dcat:landingPage")]
    landing_page: Id<'static>,
    #[serde(rename = "dcat:theme")]
    theme: Id<'static>,
    #[serde(rename = "dcat:version")]
    version: String,
    #[serde(rename = "dct:accrualPeriodicity")]
    accrual_periodicity: Id<'static>,
    #[serde(rename = "dct:description")]
    description: [LangValue<'a>; 2],
    #[serde(rename = "dct:hasVersion", skip_serializing_if = "Vec::is_empty")]
    dct_has_version: Vec<Id<'static>>,
    #[serde(rename = "dct:identifier")]
    identifier: String,
    #[serde(rename = "dct:issued", skip_serializing_if = "Option::is_none")]
    issued: Option<Typed>,
    #[serde(rename = "dct:language")]
    language: [Id<'static>; 2],
    #[serde(rename = "dct:license")]
    license: Id<'static>,
    #[serde(rename = "dct:modified", skip_serializing_if = "Option::is_none")]
    modified: Option<Typed>,
    #[serde(rename = "dct:publisher")]
    publisher: Publisher<'a>,
    #[serde(rename = "dct:rights")]
    rights: Rights<'a>,
    #[serde(rename = "dct:spatial")]
    spatial: Id<'static>,
    #[serde(rename = "dct:temporal", skip_serializing_if = "Option::is_none")]
    temporal: Option<Period>,
    #[serde(rename = "dct:title")]
    title: Vec<LangValue<'a>>,
}

#[derive(Serialize)]
struct Distribution<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:accessURL")]
    access_url: Id<'static>,
    #[serde(rename = "dcat:byteSize")]
    byte_size: Typed,
    #[serde(rename = "dcat:downloadURL")]
    download_url: Id<'static>,
    #[serde(rename = "dcat:mediaType")]
    media_type: Id<'static>,
    #[serde(rename = "dct:conformsTo", skip_serializing_if = "Option::is_none")]
    conforms_to: Option<Id<'static>>,
    #[serde(rename = "dct:description")]
    description: [LangValue<'a>; 2],
    #[serde(rename = "dct:format")]
    format: Id<'static>,
    #[serde(rename = "dct:license")]
    license: Id<'static>,
    #[serde(rename = "dct:title")]
    title: [LangValue<'a>; 2],
    #[serde(rename = "spdx:checksum")]
    checksum: Checksum,
}

/// The IANA media type of a file kind, as an IRI.
fn media_type(kind: FileKind) -> String {
    format!("http://www.iana.org/assignments/media-types/{}", kind.media_type())
}

/// The EU file type of a file kind, as an IRI.
fn file_type(kind: FileKind) -> String {
    format!("http://publications.europa.eu/resource/authority/file-type/{}", kind.name())
}

/// The municipality in e-Stat's LOD of statistical area codes: the 全国地方公共団体コード
/// is the 5-digit standard area code followed by a check digit, and the LOD names the
/// current code as `C` and the 5 digits (Tomisato 122360 → `C12236`).
pub fn spatial(site: &Site) -> String {
    let code = site.config.municipality.code.get_ref();
    format!("http://data.e-stat.go.jp/lod/sac/C{}", code.get(..5).unwrap_or(code))
}

/// What every dataset of the catalogue shares.
struct Common<'a> {
    site: &'a Site,
    data_page: String,
    descriptions: [&'a str; 2],
    keywords: Vec<LangValue<'a>>,
}

impl<'a> Common<'a> {
    fn distribution(&self, f: &'a DataFile) -> Distribution<'a> {
        let urls = &self.site.urls;
        let conforms_to = match (f.kind, f.table) {
            (FileKind::Csv, _) => {
                let name = f.path.rsplit('/').next().unwrap_or_default().trim_end_matches(".csv");
                Some(urls::table_schema(name))
            }
            (FileKind::Json, _) => Some(urls::data_schema("projects.schema.json")),
            (FileKind::Xlsx, _) => None,
        };
        Distribution {
            kind: "dcat:Distribution",
            access_url: id(self.data_page.clone()),
            byte_size: Typed::new("xsd:nonNegativeInteger", f.bytes.to_string()),
            download_url: id(urls.in_file(urls::CATALOG, &f.path)),
            media_type: id(media_type(f.kind)),
            conforms_to: conforms_to.map(|s| id(urls.in_file(urls::CATALOG, &s))),
            description: pair(&f.description_ja, &f.description_en),
            format: id(file_type(f.kind)),
            license: id(self.site.config.licence.id.url().to_owned()),
            title: pair(&f.title_ja, &f.title_en),
            checksum: Checksum::sha256(&f.sha256),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn dataset(
        &self,
        id_: String,
        title: Vec<LangValue<'a>>,
        identifier: String,
        version: String,
        files: &'a [DataFile],
        dates: (Option<Typed>, Option<Typed>),
        temporal: Option<Period>,
    ) -> Dataset<'a> {
        let c = &self.site.config;
        Dataset {
            id: id_,
            kind: "dcat:Dataset",
            contact_point: Contact::of(&c.publisher),
            distribution: files.iter().map(|f| self.distribution(f)).collect(),
            has_version: Vec::new(),
            is_version_of: None,
            keyword: self.keywords.clone(),
            landing_page: id(self.data_page.clone()),
            theme: id(THEME.to_owned()),
            version,
            accrual_periodicity: id(ANNUAL.to_owned()),
            description: pair(self.descriptions[0], self.descriptions[1]),
            dct_has_version: Vec::new(),
            identifier,
            issued: dates.0,
            language: LANGUAGES.map(|l| id(l.to_owned())),
            license: id(c.licence.id.url().to_owned()),
            modified: dates.1,
            publisher: Publisher::of(&c.publisher.name),
            rights: Rights { kind: "dct:RightsStatement", label: lang_values(&c.licence.attribution) },
            spatial: id(spatial(self.site)),
            temporal,
            title,
        }
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
                kind: FileKind::Csv,
                bytes: bytes.len(),
                sha256: crate::edition::sha256(bytes),
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

/// `data/catalog.jsonld`.
pub fn dcat(site: &Site, set: &DataSet) -> Vec<u8> {
    let c = &site.config;
    let in_catalog = |path: &str| site.urls.in_file(urls::CATALOG, path);
    let mut keywords = vec![
        LangValue::new("ja", "協働のまちづくり"),
        LangValue::new("ja", "進捗状況"),
        LangValue::new("ja", &c.municipality.name.ja),
        LangValue::new("en", "collaborative town-building"),
        LangValue::new("en", "progress report"),
    ];
    keywords.extend(lang_values(&c.municipality.name).into_iter().filter(|v| v.language == "en"));
    let descriptions = [description(site, Lang::Ja), description(site, Lang::En)];
    let common = Common {
        site,
        data_page: in_catalog(&Page::Data.path(c.default_language)),
        descriptions: [&descriptions[0], &descriptions[1]],
        keywords,
    };
    let main_id = in_catalog(urls::DATAPACKAGE);
    let edition_ids: Vec<String> =
        site.editions.list.iter().map(|e| in_catalog(&urls::edition_file(e.year.year(), "datapackage.json"))).collect();
    let modified = super::modified(site);
    let mut main = common.dataset(
        main_id.clone(),
        lang_values(&c.title),
        package_name(site),
        super::main_version(site),
        &set.catalogue,
        (
            c.issued.as_ref().map(|d| Typed::new("xsd:date", d.as_str().to_owned())),
            modified.clone().map(|d| Typed::new("xsd:date", d)),
        ),
        super::fiscal_years(site).map(|(a, b)| Period::fiscal_years(a, b)),
    );
    main.has_version = edition_ids.iter().map(|e| id(e.clone())).collect();
    main.dct_has_version = edition_ids.iter().map(|e| id(e.clone())).collect();
    let files: Vec<Vec<DataFile>> = site.editions.list.iter().map(edition_files).collect();
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
    let mut datasets = vec![main];
    for (i, e) in site.editions.list.iter().enumerate() {
        let frozen = Typed::new("xsd:date", e.frozen.as_str().to_owned());
        let mut d = common.dataset(
            edition_ids[i].clone(),
            vec![LangValue::new("ja", &titles[i][0]), LangValue::new("en", &titles[i][1])],
            format!("{}-{}", package_name(site), e.year.year()),
            e.version.clone(),
            &files[i],
            (Some(frozen), None),
            Some(Period::fiscal_years(e.year.year(), e.year.year())),
        );
        d.is_version_of = Some(id(main_id.clone()));
        d.accrual_periodicity = id(NEVER.to_owned());
        datasets.push(d);
    }
    let catalog = Catalog {
        context: CONTEXT,
        id: in_catalog(urls::CATALOG),
        kind: "dcat:Catalog",
        dataset: datasets,
        description: pair(&descriptions[0], &descriptions[1]),
        language: LANGUAGES.map(|l| id(l.to_owned())),
        license: Licence::of(c.licence.id),
        modified: modified.map(|d| Typed::new("xsd:date", d)),
        publisher: Publisher::of(&c.publisher.name),
        spatial: id(spatial(site)),
        title: lang_values(&c.title),
        homepage: id(in_catalog(&Page::Home.path(c.default_language))),
    };
    to_json_bytes(&catalog)
}
