//! The editor's form, read from the project record's JSON Schema (`schemas/project.schema.json`,
//! made by [`crate::schema`] from the `model` types), so that every field of a record has
//! its control without the editor naming the fields:
//!
//! | in the schema | control |
//! |---|---|
//! | `$ref: Text` | Japanese and English side by side; a textarea with a preview when the field has `x-kyodo-markdown` |
//! | `$ref: Id` with `x-kyodo-vocabulary` | a choice among the vocabulary's entries; otherwise a text box |
//! | array of `Id` | check boxes of the vocabulary's entries; otherwise a text box of ids |
//! | `$ref: FiscalYear` with `x-kyodo-years` | a choice of the site's frozen editions (`editions`) or reported years (`reported`) |
//! | `$ref: FiscalYear`, `$ref: Number`, `$ref: Date`, `type: string` | a text box |
//! | `$ref: Stated` (a correction's old and new value) | a box for a number, a text or a list, written as typed |
//! | an `enum` definition | a choice |
//! | a definition of type object | a group of its fields (`baseline`, `target`) |
//! | array of such a definition | repeatable groups with add and remove (`indicators`, `reports`) |
//! | object with `propertyNames: FiscalYear` | a choice per fiscal year of the plan (`schedule.years`) |
//! | anything else | the value as written, read-only |
//!
//! The schema lists properties alphabetically; the form shows them in the order the record
//! type declares them, which serde knows ([`field_order`]).

use serde::Deserialize;
use serde_json::Value as Json;

use crate::model::{Correction, Indicator, IndicatorValue, Project, Report, ScheduleRow};

/// One field of a record type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key in the record.
    pub key: String,
    /// The definition the field belongs to (`Project`, `Indicator` …): with the key, it
    /// names the field in [`crate::field_names`].
    pub parent: String,
    pub required: bool,
    pub kind: Kind,
    /// The schema's description of the field (the `///` of the model type).
    pub description: Option<String>,
}

/// What kind of control a field gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Japanese and English.
    Text {
        markdown: bool,
    },
    /// A string without rules of its own.
    Str,
    /// An id, from a vocabulary list where it names one.
    Id {
        vocabulary: Option<String>,
    },
    /// A list of ids.
    Ids {
        vocabulary: Option<String>,
    },
    Year,
    /// A fiscal year among the site's: `editions` (frozen) or `reported` (`reported_years`).
    YearChoice {
        years: String,
    },
    Number,
    /// Yes or no, or not stated.
    Bool,
    /// A list of texts in order (an indicator's `levels`): one box per language, the
    /// items joined by ` < ` as in a spreadsheet's cell.
    TextList,
    /// A value as an edition states it (`old`, `new` of a correction): a number, a text or
    /// a list of ids.
    Stated,
    /// One of fixed values.
    Choice(Vec<String>),
    /// A table of fields.
    Table {
        definition: String,
        fields: Vec<Field>,
    },
    /// A list of tables.
    Tables {
        definition: String,
        fields: Vec<Field>,
    },
    /// Fiscal year → id (from a vocabulary list where it names one).
    YearMap {
        vocabulary: Option<String>,
    },
    /// Shown as written, never changed.
    Other,
}

/// The fields of a project record, in the order of the record type.
pub fn project_fields() -> Vec<Field> {
    let schema: Json = crate::schema::schemas()
        .into_iter()
        .find(|(name, _)| *name == "project.schema.json")
        .and_then(|(_, text)| serde_json::from_str(&text).ok())
        .unwrap_or(Json::Null);
    let definitions = schema.get("definitions").cloned().unwrap_or(Json::Null);
    table_fields(&schema, "Project", &definitions, 0)
}

/// Definitions nest at most this deep (a record type that contained itself would not end).
const MAX_DEPTH: usize = 8;

/// The fields of an object schema named `definition`.
fn table_fields(object: &Json, definition: &str, definitions: &Json, depth: usize) -> Vec<Field> {
    let Some(properties) = object.get("properties").and_then(Json::as_object) else { return Vec::new() };
    let required: Vec<&str> =
        object.get("required").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str).collect();
    let order = field_order(definition);
    let mut keys: Vec<&String> = properties.keys().collect();
    // Declared order first; a property the order does not know (a type not listed in
    // `field_order`) after them, alphabetically as the schema has it.
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    keys.into_iter()
        .map(|key| {
            let (kind, optional) = kind_of(&properties[key], definitions, depth);
            Field {
                key: key.clone(),
                parent: definition.to_owned(),
                required: required.contains(&key.as_str()) && !optional,
                kind,
                description: properties[key].get("description").and_then(Json::as_str).map(str::to_owned),
            }
        })
        .collect()
}

/// The name of the definition a `$ref` points to.
fn ref_name(schema: &Json) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix("#/definitions/")
}

/// The schema without its wrappers (`allOf: [x]`, `anyOf: [x, null]`), and whether null
/// is allowed.
fn unwrap(schema: &Json) -> (&Json, bool) {
    for wrapper in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = schema.get(wrapper).and_then(Json::as_array) {
            let not_null: Vec<&Json> = list.iter().filter(|s| s.get("type") != Some(&Json::from("null"))).collect();
            if let [only] = not_null.as_slice() {
                return (only, not_null.len() < list.len());
            }
        }
    }
    let nullable = schema.get("type").and_then(Json::as_array).is_some_and(|t| t.contains(&Json::from("null")));
    (schema, nullable)
}

/// The type named by a schema: `"string"`, `"array"` … (the first that is not null).
fn type_of(schema: &Json) -> Option<&str> {
    match schema.get("type")? {
        Json::String(s) => Some(s),
        Json::Array(list) => list.iter().filter_map(Json::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// The control of a property, and whether the property may be left out.
fn kind_of(property: &Json, definitions: &Json, depth: usize) -> (Kind, bool) {
    let vocabulary = property.get("x-kyodo-vocabulary").and_then(Json::as_str).map(str::to_owned);
    let markdown = property.get("x-kyodo-markdown").and_then(Json::as_bool).unwrap_or(false);
    let years = property.get("x-kyodo-years").and_then(Json::as_str).map(str::to_owned);
    let (inner, optional) = unwrap(property);
    if depth > MAX_DEPTH {
        return (Kind::Other, optional);
    }
    let kind = if let Some(name) = ref_name(inner) {
        named(name, vocabulary, markdown, definitions, depth)
    } else {
        match type_of(inner) {
            Some("string") => Kind::Str,
            Some("boolean") => Kind::Bool,
            Some("array") => match inner.get("items") {
                Some(items) => match ref_name(items) {
                    Some("Id") => Kind::Ids { vocabulary },
                    Some("Text") => Kind::TextList,
                    Some(name) => match named(name, None, false, definitions, depth) {
                        Kind::Table { definition, fields } => Kind::Tables { definition, fields },
                        _ => Kind::Other,
                    },
                    None => Kind::Other,
                },
                None => Kind::Other,
            },
            Some("object") if ref_name(inner.get("propertyNames").unwrap_or(&Json::Null)) == Some("FiscalYear") => {
                Kind::YearMap { vocabulary }
            }
            _ => Kind::Other,
        }
    };
    match (kind, years) {
        (Kind::Year, Some(years)) => (Kind::YearChoice { years }, optional),
        (kind, _) => (kind, optional),
    }
}

/// The control of a named definition.
fn named(name: &str, vocabulary: Option<String>, markdown: bool, definitions: &Json, depth: usize) -> Kind {
    match name {
        "Text" => return Kind::Text { markdown },
        "Id" => return Kind::Id { vocabulary },
        "FiscalYear" => return Kind::Year,
        "Number" => return Kind::Number,
        "Date" => return Kind::Str,
        "Stated" => return Kind::Stated,
        _ => {}
    }
    let Some(definition) = definitions.get(name) else { return Kind::Other };
    if let Some(values) = definition.get("enum").and_then(Json::as_array) {
        return Kind::Choice(values.iter().filter_map(Json::as_str).map(str::to_owned).collect());
    }
    if type_of(definition) == Some("object") && definition.get("properties").is_some() {
        let fields = table_fields(definition, name, definitions, depth + 1);
        return Kind::Table { definition: name.to_owned(), fields };
    }
    Kind::Other
}

/// The keys of a record type in the order it declares them, as serde reads them; empty for
/// a type not listed here (its fields are then shown alphabetically). A test checks that
/// every table type of the project schema is listed.
pub fn field_order(definition: &str) -> &'static [&'static str] {
    match definition {
        "Project" => fields_of::<Project>(),
        "ScheduleRow" => fields_of::<ScheduleRow>(),
        "Indicator" => fields_of::<Indicator>(),
        "IndicatorValue" => fields_of::<IndicatorValue>(),
        "Report" => fields_of::<Report>(),
        "Correction" => fields_of::<Correction>(),
        _ => &[],
    }
}

/// The field names a struct's `Deserialize` asks for, in declaration order: serde passes
/// them to `deserialize_struct`, which this deserializer catches.
fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    struct Catch<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Catch<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("caught"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Catch(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(fields: &'a [Field], key: &str) -> &'a Field {
        fields.iter().find(|f| f.key == key).unwrap_or_else(|| panic!("no field {key}"))
    }

    #[test]
    fn every_field_of_a_project_has_its_control_in_declared_order() {
        let fields = project_fields();
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, field_order("Project"), "every field, in the order of the type");
        assert_eq!(find(&fields, "title").kind, Kind::Text { markdown: false });
        assert!(find(&fields, "title").required);
        assert!(!find(&fields, "code").required);
        assert_eq!(find(&fields, "issues").kind, Kind::Text { markdown: true });
        assert_eq!(find(&fields, "department").kind, Kind::Id { vocabulary: Some("departments".into()) });
        assert_eq!(find(&fields, "related").kind, Kind::Ids { vocabulary: Some("projects".into()) });
        assert_eq!(find(&fields, "code").kind, Kind::Str);
        let Kind::Tables { definition, fields: indicator } = &find(&fields, "indicators").kind else {
            panic!("indicators are repeatable groups")
        };
        assert_eq!(definition, "Indicator");
        assert_eq!(find(indicator, "direction").kind, Kind::Choice(vec!["increase".into(), "decrease".into()]));
        let Kind::Table { fields: value, .. } = &find(indicator, "baseline").kind else { panic!("a group") };
        assert_eq!(find(value, "value").kind, Kind::Number);
        assert_eq!(find(value, "year").kind, Kind::Year);
        assert!(matches!(find(indicator, "actuals").kind, Kind::Tables { .. }));
        let Kind::Tables { fields: row, .. } = &find(&fields, "schedule").kind else { panic!("schedule rows") };
        assert_eq!(find(row, "years").kind, Kind::YearMap { vocabulary: Some("statuses".into()) });
        let Kind::Tables { fields: report, .. } = &find(&fields, "reports").kind else { panic!("reports") };
        assert_eq!(find(report, "partners").kind, Kind::Ids { vocabulary: Some("partners".into()) });
        assert_eq!(find(report, "grade").kind, Kind::Id { vocabulary: Some("grades".into()) });
        let Kind::Table { fields: value, .. } = &find(indicator, "target").kind else { panic!("a group") };
        assert_eq!(find(value, "reported_in").kind, Kind::YearChoice { years: "reported".into() });
        let Kind::Tables { definition, fields: correction } = &find(&fields, "corrections").kind else {
            panic!("corrections are repeatable groups")
        };
        assert_eq!(definition, "Correction");
        let keys: Vec<&str> = correction.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["date", "edition", "field", "old", "new", "reason"]);
        assert_eq!(find(correction, "date").kind, Kind::Str);
        assert!(find(correction, "date").required);
        assert_eq!(find(correction, "edition").kind, Kind::YearChoice { years: "editions".into() });
        assert_eq!(find(correction, "old").kind, Kind::Stated);
        assert!(!find(correction, "new").required);
        assert_eq!(find(correction, "reason").kind, Kind::Text { markdown: false });
    }

    #[test]
    fn every_table_type_of_the_schema_has_its_field_order() {
        fn walk(fields: &[Field], seen: &mut Vec<String>) {
            for f in fields {
                assert_ne!(f.kind, Kind::Other, "{}.{} has no control", f.parent, f.key);
                if let Kind::Table { definition, fields } | Kind::Tables { definition, fields } = &f.kind {
                    seen.push(definition.clone());
                    walk(fields, seen);
                }
            }
        }
        let mut seen = vec!["Project".to_owned()];
        walk(&project_fields(), &mut seen);
        for definition in seen {
            assert!(!field_order(&definition).is_empty(), "add {definition} to field_order");
        }
    }
}
