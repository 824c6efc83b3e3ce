//! The schema.org `Dataset` on the data page (Google Dataset Search reads it), as JSON-LD
//! text safe inside `<script>`.

use serde::Serialize;

use super::{description, temporal};
use crate::data::DataSet;
use crate::i18n::Lang;
use crate::load::Site;
use crate::urls::Page;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dataset<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    creator: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    description: String,
    distribution: Vec<Download<'a>>,
    in_language: [&'static str; 2],
    is_accessible_for_free: bool,
    license: &'static str,
    name: &'a str,
    spatial_coverage: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temporal_coverage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A thing of a schema.org type with a name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
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
}

/// The schema.org `Dataset` for the data page in `lang`, as JSON-LD text safe inside
/// `<script>`.
pub fn schema_org(site: &Site, set: &DataSet, lang: Lang) -> String {
    let c = &site.config;
    let dataset = Dataset {
        context: "https://schema.org",
        kind: "Dataset",
        creator: Named { kind: "GovernmentOrganization", name: c.publisher.name.get(lang).value },
        date_modified: c.updated.as_ref().map(|d| d.as_str()),
        date_published: c.issued.as_ref().map(|d| d.as_str()),
        description: description(site, lang),
        distribution: set
            .catalogue
            .iter()
            .map(|f| Download {
                kind: "DataDownload",
                content_size: format!("{} B", f.bytes),
                content_url: site.urls.public(&f.path),
                encoding_format: f.media_type,
                name: if lang == Lang::Ja { &f.title_ja } else { &f.title_en },
            })
            .collect(),
        in_language: ["ja", "en"],
        is_accessible_for_free: true,
        license: c.licence.id.url(),
        name: c.title.get(lang).value,
        spatial_coverage: Named { kind: "Place", name: c.municipality.name.get(lang).value },
        temporal_coverage: temporal(site),
        url: c.base_url.is_some().then(|| site.urls.public(&Page::Data.path(lang))),
    };
    crate::escape::json_for_html_script(&dataset)
}
