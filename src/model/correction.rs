//! `[[corrections]]` in a project record: a change to what a frozen edition published,
//! with its date and reason (訂正). See the edition module for how a build compares.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use toml::Spanned;

use crate::fiscal_year::FiscalYear;
use crate::model::config::Date;
use crate::text::Text;

/// One correction of a published edition.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When the correction was made (YYYY-MM-DD).
    pub date: Date,
    /// The fiscal year of the frozen edition that published the old value.
    #[schemars(extend("x-kyodo-years" = "editions"))]
    #[schemars(with = "FiscalYear")]
    pub edition: Spanned<FiscalYear>,
    /// Which field: `reports.R5.grade`, `indicators.<id>.actuals.R5`, … (docs/records.md).
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    /// The value the edition published; leave it out when the edition did not state the field.
    #[serde(default)]
    #[schemars(with = "Option<Stated>")]
    pub old: Option<Spanned<Stated>>,
    /// The value the records state now; leave it out when the field was removed.
    #[serde(default)]
    #[schemars(with = "Option<Stated>")]
    pub new: Option<Spanned<Stated>>,
    /// Why the published value was wrong.
    pub reason: Text,
}

/// A value as an edition states it: a number, a text (the Japanese, as written) or a list
/// of ids. Numbers keep the form they are published in (`70.0`) and compare by value.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Stated {
    Number(#[schemars(with = "f64")] String),
    Text(String),
    List(Vec<String>),
}

impl PartialEq for Stated {
    fn eq(&self, other: &Stated) -> bool {
        match (self, other) {
            (Stated::Number(a), Stated::Number(b)) => a.parse::<f64>().ok() == b.parse::<f64>().ok(),
            (Stated::Text(a), Stated::Text(b)) => a == b,
            (Stated::List(a), Stated::List(b)) => a == b,
            _ => false,
        }
    }
}

impl Stated {
    /// A text as an edition compares it: line endings as `\n`, whatever the file used.
    pub fn text(s: &str) -> Stated {
        Stated::Text(s.replace("\r\n", "\n"))
    }

    /// The value on one line, for a page or a data file: texts as they are, lists joined.
    pub fn plain(&self) -> String {
        match self {
            Stated::Number(n) => n.clone(),
            Stated::Text(s) => s.clone(),
            Stated::List(items) => items.join(", "),
        }
    }
}

impl Serialize for Stated {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // A number is written in its published form, e.g. 70.0 stays 70.0.
            Stated::Number(n) => match n.parse::<serde_json::Number>() {
                Ok(number) => number.serialize(serializer),
                Err(_) => serializer.serialize_str(n),
            },
            Stated::Text(s) => serializer.serialize_str(s),
            Stated::List(items) => items.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Stated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatedVisitor;
        impl<'de> Visitor<'de> for StatedVisitor {
            type Value = Stated;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, a text in double quotes, or a list such as [\"1\", \"2\"]")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Stated, E> {
                Ok(Stated::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Stated, E> {
                Ok(Stated::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Stated, E> {
                Ok(Stated::Number(crate::indicator::Number::new(v).exact()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Stated, E> {
                Ok(Stated::text(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Stated, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(Stated::List(items))
            }
        }
        deserializer.deserialize_any(StatedVisitor)
    }
}

/// A department's name before it was renamed: used for the fiscal years up to and
/// including `until`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormerName {
    /// The last fiscal year the name was used.
    #[schemars(with = "FiscalYear")]
    pub until: Spanned<FiscalYear>,
    pub name: Text,
}
