//! JSON Schemas of the record files, generated from the Rust types, for editors.
//!
//! Editors that understand JSON Schema for TOML (VS Code with Even Better TOML, i.e. taplo)
//! use them to complete keys and flag mistakes while the clerk types. The schemas are kept
//! in `schemas/` and published in `public/schemas/`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::indicator::Number;
use crate::model::config::Date;
use crate::model::{Project, SiteConfig, Vocabulary};
use crate::slug::Slug;
use crate::text::Text;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text in Japanese, or in Japanese and English: \"…\" or { ja = \"…\", en = \"…\" }",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "ja": { "type": "string" }, "en": { "type": "string" } },
                    "required": ["ja"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for FiscalYear {
    fn schema_name() -> Cow<'static, str> {
        "FiscalYear".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A fiscal year (年度): 2023, \"R5\", \"令和5年度\", \"H27\", \"平成27年度\"",
            "anyOf": [
                { "type": "integer", "minimum": 1900, "maximum": 2100 },
                { "type": "string", "pattern": "^\\s*(FY)?[0-9０-９]{4}\\s*$|^\\s*([RrHhSsＲＨＳ]|令和|平成|昭和)\\s*([0-9０-９]{1,2}|元)\\s*(年度|年)?\\s*$" }
            ]
        })
    }
}

impl JsonSchema for Slug {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: lower-case ASCII letters, digits and -, e.g. \"1-1-1\"",
            "type": "string",
            "pattern": "^\\s*[a-z0-9][a-z0-9-]{0,63}\\s*$"
        })
    }
}

impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, without unit or commas (the unit goes in the indicator's `unit`)",
            "type": "number"
        })
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Language".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["ja", "en"] })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "description": "A date, YYYY-MM-DD", "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

/// The schemas kyodo publishes: file name → pretty JSON.
pub fn schemas() -> Vec<(&'static str, String)> {
    // Draft 7: what editors' TOML language servers (taplo) and VS Code understand.
    let generate =
        |f: fn(&mut SchemaGenerator) -> Schema| f(&mut schemars::generate::SchemaSettings::draft07().into_generator());
    let render = |mut s: Schema, title: &str, description: &str| {
        s.insert("title".into(), title.into());
        s.insert("description".into(), description.into());
        let mut text = serde_json::to_string_pretty(&s).unwrap_or_default();
        text.push('\n');
        text
    };
    vec![
        (
            "site.schema.json",
            render(
                generate(|g| g.root_schema_for::<SiteConfig>()),
                "kyodo site configuration",
                "content/site.toml: see docs/records.md",
            ),
        ),
        (
            "vocabulary.schema.json",
            render(
                generate(|g| g.root_schema_for::<Vocabulary>()),
                "kyodo vocabulary",
                "content/vocabulary.toml: see docs/records.md",
            ),
        ),
        (
            "project.schema.json",
            render(
                generate(|g| g.root_schema_for::<Project>()),
                "kyodo project record",
                "content/projects/<id>.toml: see docs/records.md",
            ),
        ),
    ]
}
