//! `data/schemas/`: the schema of every published file on its own, for the catalogues to
//! point at (DCAT `dct:conformsTo`, the data package's JSON resources): the Table Schema
//! of each CSV file (the same as inside `datapackage.json`) and the JSON Schemas of
//! `projects.json` and of a project's own file.

use super::{DataSet, catalog, json, to_json_bytes};
use crate::urls;

/// The schema files, path → bytes.
pub fn files(set: &DataSet) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> =
        set.tables.iter().map(|t| (urls::table_schema(t.table.id.name()), catalog::table_schema(&t.table))).collect();
    for (name, schema) in json::schemas() {
        files.push((urls::data_schema(name), to_json_bytes(&schema)));
    }
    files
}
