//! Records as the import and export tests compare them: the files byte for byte, or as
//! TOML values in which the forms that mean the same are made the same; and CSV files as
//! `kyodo export` writes them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use kyodo::fiscal_year::FiscalYear;

/// Every file under content/projects of `root`, by path, with its bytes.
pub fn record_files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root.join("content/projects"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

/// Every record of `root`, by id, as a TOML value in which forms that mean the same are
/// the same: fiscal years as Gregorian years, a plain string text as `{ ja = … }`, numbers
/// as floats, empty lists left out, actual values in year order.
pub fn records(root: &Path) -> BTreeMap<String, toml::Value> {
    record_files(root)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "toml"))
        .map(|(path, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let id = table["id"].as_str().unwrap().to_owned();
            (id, normalize("", toml::Value::Table(table)).unwrap())
        })
        .collect()
}

const TEXT_KEYS: [&str; 15] = [
    "title",
    "lead_note",
    "issues",
    "direction",
    "plan_content",
    "audience",
    "implementer",
    "label",
    "name",
    "unit",
    "text",
    "note",
    "achievements",
    "effect",
    "improvement",
];

fn year(v: &toml::Value) -> i64 {
    match v {
        toml::Value::Integer(i) => *i,
        toml::Value::String(s) => FiscalYear::parse(s).unwrap().year(),
        other => panic!("not a year: {other}"),
    }
}

fn normalize(key: &str, v: toml::Value) -> Option<toml::Value> {
    use toml::Value;
    Some(match v {
        Value::Table(t) if key == "years" => {
            Value::Table(t.into_iter().map(|(k, v)| (FiscalYear::parse(&k).unwrap().year().to_string(), v)).collect())
        }
        Value::Table(t) => Value::Table(t.into_iter().filter_map(|(k, v)| normalize(&k, v).map(|v| (k, v))).collect()),
        Value::String(s) if TEXT_KEYS.contains(&key) => {
            Value::Table([("ja".to_owned(), Value::String(s))].into_iter().collect())
        }
        v @ (Value::String(_) | Value::Integer(_)) if key == "year" => Value::Integer(year(&v)),
        Value::Integer(i) => Value::Float(i as f64),
        Value::Array(a) if a.is_empty() => return None,
        Value::Array(a) => {
            let mut items: Vec<Value> = a.into_iter().filter_map(|v| normalize(key, v)).collect();
            if key == "actuals" {
                items.sort_by_key(|v| v.get("year").and_then(Value::as_integer));
            }
            Value::Array(items)
        }
        v => v,
    })
}

/// Reads a CSV file written by `kyodo export` (with its byte-order mark).
pub fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = fs::read(path).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// Writes rows as a CSV file as `kyodo export` does.
pub fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        for row in rows {
            w.write_record(row).unwrap();
        }
    }
    fs::write(path, bytes).unwrap();
}
