//! The schema.org `Dataset` on the data page (Google Dataset Search reads it), as JSON-LD
//! text safe inside `<script>`. Its addresses are absolute with `base_url`, else relative
//! to the page it sits in, so that `contentUrl` resolves to the file.

use serde::Serialize;

use super::{description, package_name, temporal};
use crate::data::DataSet;
use crate::i18n::Lang;
use crate::load::Site;
use crate::urls::{self, Page};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dataset<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    creator: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    description: String,
    distribution: Vec<Download<'a>>,
    identifier: String,
    in_language: [&'static str; 2],
    is_accessible_for_free: bool,
    keywords: Vec<&'a str>,
    license: &'static str,
    name: &'a str,
    spatial_coverage: Place<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temporal_coverage: Option<String>,
    url: String,
    version: String,
}

/// A thing of a schema.org type with a name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The municipality, with its URI in e-Stat's statistical area codes.
#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "sameAs")]
    same_as: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Download<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    content_size: String,
    content_url: String,
    encoding_format: &'static str,
    name: &'a str,
    sha256: &'a str,
}

/// The schema.org `Dataset` for the data page in `lang`, as JSON-LD text safe inside
/// `<script>`.
pub fn schema_org(site: &Site, set: &DataSet, lang: Lang) -> String {
    let c = &site.config;
    let page = Page::Data.path(lang);
    let here = |path: &str| site.urls.in_file(&page, path);
    let name = c.municipality.name.get(lang).value;
    let dataset = Dataset {
        context: "https://schema.org",
        id: here(urls::DATAPACKAGE),
        kind: "Dataset",
        creator: Named { kind: "GovernmentOrganization", name: c.publisher.name.get(lang).value },
        date_modified: super::modified(site),
        date_published: c.issued.as_ref().map(|d| d.as_str()),
        description: description(site, lang),
        distribution: set
            .catalogue
            .iter()
            .map(|f| Download {
                kind: "DataDownload",
                content_size: format!("{} B", f.bytes),
                content_url: here(&f.path),
                encoding_format: f.kind.media_type(),
                name: if lang == Lang::Ja { &f.title_ja } else { &f.title_en },
                sha256: &f.sha256,
            })
            .collect(),
        identifier: package_name(site),
        in_language: ["ja", "en"],
        is_accessible_for_free: true,
        keywords: match lang {
            Lang::Ja => vec!["協働のまちづくり", "進捗状況", "成果指標", name],
            Lang::En => vec!["collaborative town-building", "progress report", "indicators", name],
        },
        license: c.licence.id.url(),
        name: c.title.get(lang).value,
        spatial_coverage: Place { kind: "Place", name, same_as: super::spatial(site) },
        temporal_coverage: temporal(site),
        url: here(&page),
        version: super::main_version(site),
    };
    crate::escape::json_for_html_script(&dataset)
}
