//! Helpers of the import and export tests: site copies, running kyodo, and records compared
//! as TOML values with the forms that mean the same made the same.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kyodo::fiscal_year::FiscalYear;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The two shipped site roots.
pub fn shipped_sites() -> [PathBuf; 2] {
    [repo(), repo().join("examples/nasushiobara")]
}

/// A copy of the `content/` of the site at `root`.
pub fn site_copy(root: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("content"), &dir.path().join("content"));
    dir
}

/// A site with the configuration and vocabulary of the site at `root` and no projects.
pub fn empty_like(root: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/projects")).unwrap();
    for f in ["site.toml", "vocabulary.toml"] {
        fs::copy(root.join("content").join(f), dir.path().join("content").join(f)).unwrap();
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Runs kyodo with `args` and `--root root`.
pub fn kyodo(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kyodo")).args(args).arg("--root").arg(root).output().unwrap()
}

/// Runs kyodo and fails the test with its messages if it fails.
pub fn kyodo_ok(args: &[&str], root: &Path) -> String {
    let out = kyodo(args, root);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "kyodo {args:?} failed:\n{stderr}");
    stderr
}

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
