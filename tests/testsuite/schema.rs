//! The JSON Schemas for editors: committed up to date and published with every build, and
//! they accept every shipped record and reject a misspelt key, as an editor would show it.

use std::fs;
use std::path::Path;

use crate::support::{built, fixture, nasushiobara, repo, text};

#[test]
fn committed_schemas_are_what_kyodo_generates() {
    for (name, text) in kyodo::schema::schemas() {
        let committed = fs::read_to_string(repo().join("schemas").join(name)).unwrap_or_default();
        assert_eq!(committed, text, "schemas/{name} is out of date: run `cargo run -- schema`");
    }
}

#[test]
fn every_build_publishes_the_schemas() {
    let output = built(&fixture());
    let published: Vec<&String> = output.files.keys().filter(|p| p.starts_with("schemas/")).collect();
    let schemas = kyodo::schema::schemas();
    assert_eq!(published.len(), schemas.len(), "{published:?}");
    for (name, schema) in schemas {
        assert_eq!(text(output, &format!("schemas/{name}")), schema, "schemas/{name}");
    }
}

/// A schema of `kyodo schema`, compiled to validate records with.
struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new(name: &str) -> Validator {
        let (_, text) = kyodo::schema::schemas().into_iter().find(|(n, _)| *n == name).unwrap();
        // Named after the committed file (equal, as tested above), so messages point at it.
        let location = repo().join("schemas").join(name).to_string_lossy().into_owned();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(&location, serde_json::from_str(&text).unwrap()).unwrap();
        let mut schemas = boon::Schemas::new();
        let index = compiler.compile(&location, &mut schemas).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        Validator { schemas, index }
    }

    /// What is wrong with `value`, as an editor would list it; empty if nothing.
    fn errors(&self, value: &serde_json::Value) -> String {
        self.schemas.validate(value, self.index).err().map(|e| format!("{e:#}")).unwrap_or_default()
    }
}

fn as_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn every_shipped_record_is_valid_against_its_schema() {
    let (site, vocabulary, project) = (
        Validator::new("site.schema.json"),
        Validator::new("vocabulary.schema.json"),
        Validator::new("project.schema.json"),
    );
    let mut checked = 0;
    for root in [repo(), nasushiobara(), fixture()] {
        for (v, file) in [(&site, "content/site.toml"), (&vocabulary, "content/vocabulary.toml")] {
            let errors = v.errors(&as_json(&root.join(file)));
            assert!(errors.is_empty(), "{}: {errors}", root.join(file).display());
        }
        for entry in fs::read_dir(root.join("content/projects")).unwrap() {
            let path = entry.unwrap().path();
            let errors = project.errors(&as_json(&path));
            assert!(errors.is_empty(), "{}: {errors}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 27 + 16 + 2);
}

#[test]
fn a_misspelt_key_is_flagged() {
    let mut record = as_json(&repo().join("content/projects/1-1-1.toml"));
    let title = record["title"].clone();
    record.as_object_mut().unwrap().insert("titel".into(), title);
    let errors = Validator::new("project.schema.json").errors(&record);
    assert!(errors.contains("additionalProperties 'titel' not allowed"), "{errors}");
}
