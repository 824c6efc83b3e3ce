//! Open data for portals: every address in the data and metadata resolves to a file of the
//! build (relative to the file it sits in, or absolute under `base_url`), sizes and hashes
//! are those of the files, every code is in its code list, the workbook keeps ids as text,
//! plain CSV keeps every text as written, and the JSON files validate against the schemas
//! published beside them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use serde_json::Value;

use crate::support::{TestSite, built, fixture, nasushiobara, repo, text};

const BASE: &str = "https://www.city.example.lg.jp/kyodo/";

/// A built site, and the `base_url` it was built with.
struct Built {
    name: &'static str,
    output: kyodo::Output,
    base: Option<&'static str>,
}

fn with_base(root: &Path) -> kyodo::Output {
    let site = TestSite::copy_of(root);
    site.edit("content/site.toml", "reported_years", &format!("base_url = \"{BASE}\"\nreported_years"));
    site.build()
}

fn years() -> std::path::PathBuf {
    repo().join("tests/fixtures/years")
}

fn sites() -> Vec<Built> {
    vec![
        Built { name: "fixture", output: built(&fixture()).clone(), base: None },
        Built { name: "fixture with base_url", output: with_base(&fixture()), base: Some(BASE) },
        Built { name: "tomisato", output: built(&repo()).clone(), base: None },
        Built { name: "nasushiobara", output: built(&nasushiobara()).clone(), base: None },
        Built { name: "years", output: built(&years()).clone(), base: None },
        Built { name: "years with base_url", output: with_base(&years()), base: Some(BASE) },
    ]
}

fn json(output: &kyodo::Output, path: &str) -> Value {
    serde_json::from_slice(&output.files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every string under one of `keys`, anywhere in `value`.
fn strings_under(value: &Value, keys: &[&str], found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if keys.contains(&k.as_str()) => found.push(s.clone()),
                    _ => strings_under(v, keys, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_under(v, keys, found)),
        _ => {}
    }
}

/// The JSON-LD of a page.
fn page_json_ld(html: &str) -> Value {
    let start = html.find(r#"<script type="application/ld+json">"#).expect("the page has JSON-LD") + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// `dir` joined with a relative path, `..` resolved.
fn join(from: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in relative.split('/') {
        match p {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// How addresses in one file must look and where they lead.
struct Links<'a> {
    b: &'a Built,
    checked: usize,
    external: BTreeSet<String>,
}

impl Links<'_> {
    /// Checks that `url`, written in the file `from`, leads to a file of the build (and to
    /// an element of a page, for a `#fragment`). `relative_ok`: the address may stay
    /// relative with a `base_url` (paths inside a data package are relative by definition).
    fn check(&mut self, from: &str, url: &str, relative_ok: bool) {
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (url, None),
        };
        let target = if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("mailto:") {
            match self.b.base.and_then(|b| path.strip_prefix(b)) {
                Some(inside) => inside.to_owned(),
                None => {
                    self.external.insert(url.to_owned());
                    return;
                }
            }
        } else {
            assert!(
                self.b.base.is_none() || relative_ok,
                "{}: {from}: {url} is relative though the site has a base_url",
                self.b.name
            );
            join(from, path).unwrap_or_else(|| panic!("{}: {from}: {url} leaves the site", self.b.name))
        };
        let bytes = self.b.output.files.get(&target);
        assert!(bytes.is_some(), "{}: {from}: {url} → {target} is not a file of the build", self.b.name);
        if let (Some(f), Some(bytes)) = (fragment, bytes) {
            let page = String::from_utf8_lossy(bytes);
            assert!(page.contains(&format!("id=\"{f}\"")), "{}: {from}: {url}: no element #{f}", self.b.name);
        }
        self.checked += 1;
    }
}

const URL_COLUMNS: [&str; 6] = ["ページURL", "ページURL_英字", "JSON_URL", "確定版", "指標URI", "指標URI_英字"];

#[test]
fn every_address_in_the_data_and_metadata_resolves_to_a_file_of_the_build() {
    for b in &sites() {
        let mut links = Links { b, checked: 0, external: BTreeSet::new() };
        let out = &b.output;
        // The DCAT catalogue: every node's @id.
        let mut ids = Vec::new();
        strings_under(&json(out, "data/catalog.jsonld"), &["@id"], &mut ids);
        ids.iter().for_each(|u| links.check("data/catalog.jsonld", u, false));
        // The data packages: resources' paths and the schemas of JSON resources.
        for package in out.files.keys().filter(|k| k.ends_with("datapackage.json")) {
            let mut paths = Vec::new();
            for r in json(out, package)["resources"].as_array().unwrap() {
                strings_under(r, &["path", "jsonSchema"], &mut paths);
            }
            assert!(!paths.is_empty());
            paths.iter().for_each(|p| links.check(package, p, true));
        }
        // The schema.org Dataset of the data pages.
        for page in ["ja/data.html", "en/data.html"] {
            let mut urls = Vec::new();
            let dataset = page_json_ld(text(out, page));
            for key in ["identifier", "version", "keywords"] {
                assert!(!dataset[key].is_null() && dataset[key] != "", "{}: {page}: no {key}", b.name);
            }
            strings_under(&dataset, &["@id", "url", "contentUrl"], &mut urls);
            assert!(urls.len() > 10, "{urls:?}");
            urls.iter().for_each(|u| links.check(page, u, false));
        }
        // projects.json and each project's own file.
        for file in out.files.keys().filter(|k| *k == "data/projects.json" || k.starts_with("data/projects/")) {
            let mut urls = Vec::new();
            strings_under(&json(out, file), &["json", "page_ja", "page_en", "edition"], &mut urls);
            urls.iter().for_each(|u| links.check(file, u, false));
        }
        // The address columns of every CSV file, editions included (an edition keeps the
        // addresses it was frozen with: relative ones still resolve).
        for (file, bytes) in out.files.iter().filter(|(k, _)| k.ends_with(".csv")) {
            let frozen = file.starts_with("data/editions/");
            let mut r = csv::Reader::from_reader(bytes.as_slice());
            let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
            let columns: Vec<usize> =
                (0..header.len()).filter(|&i| URL_COLUMNS.contains(&header[i].as_str())).collect();
            for row in r.records() {
                let row = row.unwrap();
                for &c in &columns {
                    if !row[c].is_empty() {
                        links.check(file, &row[c], frozen);
                    }
                }
            }
        }
        eprintln!(
            "{}: {} addresses resolved, {} external: {:?}",
            b.name,
            links.checked,
            links.external.len(),
            links.external
        );
        assert!(links.checked > 100, "{}: {} addresses", b.name, links.checked);
    }
}

#[test]
fn sizes_and_hashes_are_those_of_the_files() {
    for b in &sites() {
        let out = &b.output;
        for package in out.files.keys().filter(|k| k.ends_with("datapackage.json")) {
            for r in json(out, package)["resources"].as_array().unwrap() {
                let file = join(package, r["path"].as_str().unwrap()).unwrap();
                let bytes = &out.files[&file];
                assert_eq!(r["bytes"].as_u64(), Some(bytes.len() as u64), "{}: {file}", b.name);
                let hash = format!("sha256:{}", kyodo::edition::sha256(bytes));
                assert_eq!(r["hash"].as_str(), Some(hash.as_str()), "{}: {file}", b.name);
            }
        }
        let catalog = json(out, "data/catalog.jsonld");
        let mut checked = 0;
        for d in catalog["dcat:dataset"].as_array().unwrap() {
            for dist in d["dcat:distribution"].as_array().unwrap() {
                let url = dist["dcat:downloadURL"]["@id"].as_str().unwrap();
                let file = match b.base {
                    Some(base) => url.strip_prefix(base).unwrap().to_owned(),
                    None => join("data/catalog.jsonld", url).unwrap(),
                };
                let bytes = &out.files[&file];
                assert_eq!(dist["dcat:byteSize"]["@value"], bytes.len().to_string());
                assert_eq!(dist["dcat:byteSize"]["@type"], "xsd:nonNegativeInteger");
                assert_eq!(dist["spdx:checksum"]["spdx:checksumValue"]["@value"], kyodo::edition::sha256(bytes));
                checked += 1;
            }
        }
        assert!(checked >= 13, "{}: {checked} distributions", b.name);
    }
}

/// The rows of a CSV file, by column name.
fn rows(output: &kyodo::Output, path: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(output.files[path].as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records().map(|row| header.iter().cloned().zip(row.unwrap().iter().map(str::to_owned)).collect()).collect()
}

/// Columns holding several ids, and the code list each refers to.
const LIST_REFERENCES: [(&str, &str); 4] = [
    ("協働の相手ID", "partners"),
    ("主たる部署ID", "departments"),
    ("関係部署ID", "departments"),
    ("関連事業ID", "projects"),
];

#[test]
fn every_code_is_in_its_code_list_and_code_columns_hold_ascii_ids() {
    let mut references = 0;
    for b in &sites() {
        let out = &b.output;
        let package = json(out, "data/datapackage.json");
        let resources = package["resources"].as_array().unwrap();
        assert!(!resources.iter().any(|r| r["schema"]["foreignKeys"] == serde_json::json!([])), "no empty foreignKeys");
        let path_of = |name: &str| format!("data/{name}.csv");
        for r in resources.iter().filter(|r| r["type"] == "table") {
            let table = rows(out, &format!("data/{}", r["path"].as_str().unwrap()));
            for fk in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
                let fields: Vec<&str> = fk["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
                let target: Vec<&str> =
                    fk["reference"]["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
                let keys: BTreeSet<Vec<String>> = rows(out, &path_of(fk["reference"]["resource"].as_str().unwrap()))
                    .iter()
                    .map(|row| target.iter().map(|t| row[*t].clone()).collect())
                    .collect();
                for row in &table {
                    let key: Vec<String> = fields.iter().map(|f| row[*f].clone()).collect();
                    if key.iter().any(String::is_empty) {
                        continue;
                    }
                    assert!(keys.contains(&key), "{}: {} {fields:?} = {key:?} is not in its list", b.name, r["name"]);
                    references += 1;
                }
            }
            for (column, list) in LIST_REFERENCES {
                let ids: BTreeSet<String> =
                    rows(out, &path_of(list)).into_iter().map(|row| row["ID"].clone()).collect();
                for row in table.iter().filter(|row| row.get(column).is_some_and(|c| !c.is_empty())) {
                    for id in row[column].split(';') {
                        assert!(ids.contains(id), "{}: {column} {id} is not in {list}.csv", b.name);
                        assert!(id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'));
                        references += 1;
                    }
                }
            }
        }
    }
    assert!(references > 500, "{references}");
    // Nasushiobara's partners are printed ①–⑦: the ids are ASCII, the labels beside them.
    let out = built(&nasushiobara());
    let first = &rows(out, "data/reports.csv")[0];
    assert_eq!((first["協働の相手ID"].as_str(), first["協働の相手"].as_str()), ("3;7", "③;⑦"));
    assert_eq!((first["評価ID"].as_str(), first["評価"].as_str()), ("b", "B"));
}

/// A workbook's sheets, by name.
fn sheets(bytes: &[u8]) -> BTreeMap<String, calamine::Range<Data>> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    names.into_iter().map(|n| (n.clone(), book.worksheet_range(&n).unwrap())).collect()
}

#[test]
fn the_workbook_has_every_table_with_ids_and_codes_as_text_cells() {
    for root in [fixture(), repo(), nasushiobara(), years()] {
        let out = built(&root);
        let code = json(out, "data/projects.json")["municipality"]["code"].as_str().unwrap().to_owned();
        let path = format!("data/kyodo-{code}.xlsx");
        let book = sheets(&out.files[&path]);
        let package = json(out, "data/datapackage.json");
        let tables: Vec<&Value> =
            package["resources"].as_array().unwrap().iter().filter(|r| r["type"] == "table").collect();
        assert_eq!(book.len(), tables.len() + 1, "a sheet per table and the columns sheet");
        let columns = &book["列の説明 columns"];
        let documented: usize = tables.iter().map(|t| t["schema"]["fields"].as_array().unwrap().len()).sum();
        assert!(columns.height() > documented, "every column is documented");
        for t in tables {
            let name = t["name"].as_str().unwrap();
            let sheet = &book[name];
            let csv_rows = rows(out, &format!("data/{name}.csv"));
            assert_eq!(sheet.height(), csv_rows.len() + 1, "{path}: {name}");
            let fields = t["schema"]["fields"].as_array().unwrap();
            for (r, row) in csv_rows.iter().enumerate() {
                for (c, field) in fields.iter().enumerate() {
                    let (column, kind) = (field["name"].as_str().unwrap(), field["type"].as_str().unwrap());
                    let (want, cell) = (&row[column], sheet.get((r + 1, c)).unwrap_or(&Data::Empty));
                    match (kind, cell) {
                        (_, Data::Empty) => assert!(want.is_empty(), "{name} {column}: {want:?} missing"),
                        ("string" | "list" | "date", Data::String(s)) => {
                            assert_eq!(s, want, "{name} row {} {column}", r + 2)
                        }
                        ("integer" | "year" | "number", Data::Float(f)) => {
                            assert_eq!(*f, want.parse::<f64>().unwrap(), "{name} {column}")
                        }
                        ("integer" | "year", Data::Int(i)) => assert_eq!(i.to_string(), *want),
                        _ => panic!("{path}: {name} row {} {column}: {cell:?} for a {kind} {want:?}", r + 2),
                    }
                }
            }
        }
        // The leading columns and the ids are text cells, as written.
        let projects = &book["projects"];
        assert_eq!(projects.get((1, 0)), Some(&Data::String(code.clone())), "{path}: the municipality code");
        assert!(matches!(projects.get((1, 1)), Some(Data::String(id)) if id.contains('-')), "{path}: the project id");
    }
}

#[test]
fn the_workbook_is_the_same_bytes_for_the_same_records_and_dated_by_them() {
    let a = crate::support::build(&repo());
    let b = crate::support::build(&repo());
    let path = "data/kyodo-122360.xlsx";
    assert_eq!(a.files[path], b.files[path]);
    let mut zip = zip::ZipArchive::new(Cursor::new(a.files[path].clone())).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    assert!(core.contains("2026-11-22T00:00:00Z"), "created on the site's `updated` date: {core}");
}

#[test]
fn plain_csv_keeps_every_text_exactly_and_only_the_workbook_guards_formulas() {
    let site = TestSite::fixture();
    let title = "=1+1 で始まる事業名";
    site.edit("content/projects/1-1-1.toml", "ja = \"市民活動支援補助金の充実\"", &format!("ja = \"{title}\""));
    let out = site.build();
    let row = &rows(&out, "data/projects.csv")[0];
    assert_eq!(row["事業名"], title, "scripts get the text as written");
    assert_eq!(json(&out, "data/projects.json")["projects"][0]["title"]["ja"], title);
    let bytes = &out.files["data/kyodo-122360.xlsx"];
    let book = sheets(bytes);
    let column =
        book["projects"].rows().next().unwrap().iter().position(|c| c == &Data::String("事業名".into())).unwrap();
    assert_eq!(
        book["projects"].get((1, column)),
        Some(&Data::String(title.to_owned())),
        "the cell holds the exact text"
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("quotePrefix=\"1\""), "marked as text, so that editing it never makes a formula");
}

fn validator(schema: Value) -> (boon::Schemas, boon::SchemaIndex) {
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("schema.json", schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile("schema.json", &mut schemas).unwrap_or_else(|e| panic!("{e:#}"));
    (schemas, index)
}

#[test]
fn the_json_files_validate_against_the_schemas_published_beside_them() {
    for root in [fixture(), repo(), nasushiobara(), years()] {
        let out = built(&root);
        let (all, all_index) = validator(json(out, "data/schemas/projects.schema.json"));
        let projects = json(out, "data/projects.json");
        if let Err(e) = all.validate(&projects, all_index) {
            panic!("{}: projects.json: {e:#}", root.display());
        }
        let (one, one_index) = validator(json(out, "data/schemas/project.schema.json"));
        for file in out.files.keys().filter(|k| k.starts_with("data/projects/")) {
            if let Err(e) = one.validate(&json(out, file), one_index) {
                panic!("{file}: {e:#}");
            }
        }
        // The schemas are not empty shells: a project without its id is refused.
        let mut broken = projects.clone();
        broken["projects"][0].as_object_mut().unwrap().remove("id");
        assert!(all.validate(&broken, all_index).is_err(), "a project without an id must not validate");
    }
}

#[test]
fn a_build_without_base_url_warns_once_that_portals_need_it() {
    let (_, warnings) = kyodo::build(&fixture()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let about = |w: &kyodo::Diagnostic| w.key.as_deref() == Some("base_url");
    assert_eq!(warnings.warnings().filter(|w| about(w)).count(), 1);
    let ja = warnings.render(kyodo::msg::Lang::Ja);
    assert!(ja.contains("base_url がありません"), "{ja}");
    let site = TestSite::fixture();
    site.edit("content/site.toml", "reported_years", &format!("base_url = \"{BASE}\"\nreported_years"));
    assert!(!site.warnings().contains("base_url"), "no warning with a base_url");
}

#[test]
fn the_catalogue_names_the_municipality_by_its_e_stat_uri_and_the_licence_as_a_document() {
    let catalog = json(built(&nasushiobara()), "data/catalog.jsonld");
    assert_eq!(catalog["dct:spatial"]["@id"], "http://data.e-stat.go.jp/lod/sac/C09213");
    assert_eq!(catalog["dct:license"]["@type"], "dct:LicenseDocument");
    assert!(catalog["dct:license"]["rdfs:comment"][0]["@value"].as_str().unwrap().contains("CC BY 4.0"));
    let dataset = &catalog["dcat:dataset"][0];
    assert_eq!(dataset["dct:temporal"]["dcat:startDate"]["@value"], "2022-04-01");
    assert_eq!(dataset["dct:temporal"]["dcat:endDate"]["@value"], "2023-03-31");
    let csv = dataset["dcat:distribution"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["dct:format"]["@id"].as_str().unwrap().ends_with("/CSV"));
    assert_eq!(csv.unwrap()["dcat:mediaType"]["@id"], "http://www.iana.org/assignments/media-types/text/csv");
    let package = json(built(&nasushiobara()), "data/datapackage.json");
    let licence = &package["licenses"][0];
    assert_eq!(licence["path"], "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0");
    assert!(licence.get("name").is_none(), "PDL 1.0 has no Open Definition id");
    assert!(licence["title"].as_str().unwrap().contains("CC BY 4.0"));
    assert_eq!(
        json(built(&repo()), "data/catalog.jsonld")["dct:spatial"]["@id"],
        "http://data.e-stat.go.jp/lod/sac/C12236"
    );
}
