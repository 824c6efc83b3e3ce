//! The JSON-LD nodes the DCAT catalogue is made of: texts with a language, typed
//! literals, links, and the small resources (licence, publisher, contact point, period,
//! checksum) that DCAT-AP wants as nodes rather than as text.

use serde::Serialize;

use crate::i18n::Lang;
use crate::model::config::{LicenceId, Publisher as PublisherConfig};
use crate::text::Text;

/// A text in one language, as JSON-LD writes it.
#[derive(Serialize, Clone)]
pub struct LangValue<'a> {
    #[serde(rename = "@language")]
    pub language: &'static str,
    #[serde(rename = "@value")]
    pub value: &'a str,
}

impl<'a> LangValue<'a> {
    pub fn new(language: &'static str, value: &'a str) -> LangValue<'a> {
        LangValue { language, value }
    }
}

/// A text in Japanese, and in English where it has a translation.
pub fn lang_values(t: &Text) -> Vec<LangValue<'_>> {
    let mut v = vec![LangValue::new("ja", &t.ja)];
    let en = t.get(Lang::En);
    if en.lang == Lang::En {
        v.push(LangValue::new("en", en.value));
    }
    v
}

/// A Japanese and an English text.
pub fn pair<'a>(ja: &'a str, en: &'a str) -> [LangValue<'a>; 2] {
    [LangValue::new("ja", ja), LangValue::new("en", en)]
}

/// A link to another resource, by its IRI.
#[derive(Serialize, Clone)]
pub struct Id<'a> {
    #[serde(rename = "@id")]
    pub id: std::borrow::Cow<'a, str>,
}

pub fn id(s: String) -> Id<'static> {
    Id { id: std::borrow::Cow::Owned(s) }
}

/// A literal of an XML Schema datatype: `{"@type": "xsd:date", "@value": "2024-06-28"}`.
#[derive(Serialize)]
pub struct Typed {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@value")]
    value: String,
}

impl Typed {
    pub fn new(kind: &'static str, value: String) -> Typed {
        Typed { kind, value }
    }
}

/// The publisher: an organisation with a name.
#[derive(Serialize)]
pub struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "foaf:name")]
    name: Vec<LangValue<'a>>,
}

impl Publisher<'_> {
    pub fn of(name: &Text) -> Publisher<'_> {
        Publisher { kind: "foaf:Organization", name: lang_values(name) }
    }
}

/// The contact point: the publishing division as a vCard, with the ways to reach it that
/// `site.toml` gives.
#[derive(Serialize)]
pub struct Contact<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "vcard:fn")]
    name: Vec<LangValue<'a>>,
    #[serde(rename = "vcard:hasEmail", skip_serializing_if = "Option::is_none")]
    email: Option<Id<'static>>,
    #[serde(rename = "vcard:hasTelephone", skip_serializing_if = "Option::is_none")]
    telephone: Option<Id<'static>>,
    #[serde(rename = "vcard:hasURL", skip_serializing_if = "Option::is_none")]
    url: Option<Id<'static>>,
}

impl Contact<'_> {
    pub fn of(p: &PublisherConfig) -> Contact<'_> {
        let digits = |t: &str| t.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>();
        Contact {
            kind: "vcard:Organization",
            name: lang_values(&p.name),
            email: p.email.as_ref().map(|e| id(format!("mailto:{}", e.trim()))),
            telephone: p.phone.as_ref().map(|t| digits(t)).filter(|t| !t.is_empty()).map(|t| id(format!("tel:{t}"))),
            url: p.url.as_ref().map(|u| id(u.trim().to_owned())),
        }
    }
}

/// The licence, typed `dct:LicenseDocument` as DCAT-AP recommends.
#[derive(Serialize)]
pub struct Licence {
    #[serde(rename = "@id")]
    id: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "rdfs:label")]
    label: [LangValue<'static>; 2],
    #[serde(rename = "rdfs:comment", skip_serializing_if = "Vec::is_empty")]
    comment: Vec<LangValue<'static>>,
}

impl Licence {
    pub fn of(l: LicenceId) -> Licence {
        let comment = [Lang::Ja, Lang::En]
            .into_iter()
            .filter_map(|lang| l.cc_by_compatibility(lang).map(|c| LangValue::new(lang.code(), c)))
            .collect();
        Licence {
            id: l.url(),
            kind: "dct:LicenseDocument",
            label: [LangValue::new("ja", l.name(Lang::Ja)), LangValue::new("en", l.name(Lang::En))],
            comment,
        }
    }
}

/// The attribution the licence asks for, as a rights statement.
#[derive(Serialize)]
pub struct Rights<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "rdfs:label")]
    pub label: Vec<LangValue<'a>>,
}

/// The fiscal years covered, as a `dct:PeriodOfTime`: 1 April of the first to 31 March
/// after the last.
#[derive(Serialize)]
pub struct Period {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:endDate")]
    end: Typed,
    #[serde(rename = "dcat:startDate")]
    start: Typed,
}

impl Period {
    pub fn fiscal_years(first: i64, last: i64) -> Period {
        Period {
            kind: "dct:PeriodOfTime",
            end: Typed::new("xsd:date", format!("{}-03-31", last + 1)),
            start: Typed::new("xsd:date", format!("{first}-04-01")),
        }
    }
}

/// A file's SHA-256, as SPDX writes it.
#[derive(Serialize)]
pub struct Checksum {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "spdx:algorithm")]
    algorithm: Id<'static>,
    #[serde(rename = "spdx:checksumValue")]
    value: Typed,
}

impl Checksum {
    pub fn sha256(hex: &str) -> Checksum {
        Checksum {
            kind: "spdx:Checksum",
            algorithm: id("http://spdx.org/rdf/terms#checksumAlgorithm_sha256".to_owned()),
            value: Typed::new("xsd:hexBinary", hex.to_owned()),
        }
    }
}
