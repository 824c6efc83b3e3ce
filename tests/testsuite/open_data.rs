//! Open data agrees with the pages: every indicator value shown on a project page is in
//! indicators.csv and projects.json, and the files hold no value the pages do not show.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kyodo::i18n::Lang;
use kyodo::indicator::Value;

use crate::support::{built, fixture, nasushiobara, repo, text};

fn roots() -> Vec<PathBuf> {
    vec![fixture(), repo(), nasushiobara()]
}

/// (project id, indicator id, kind, fiscal year, value as written in data)
type Observation = (String, String, String, i64, String);

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn check(root: &Path) {
    let (site, _) = kyodo::Site::load(root).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let output = built(root);

    // What the pages show, per project: each value as displayed, and as written in data.
    let mut from_pages: BTreeSet<Observation> = BTreeSet::new();
    for file in &site.projects {
        let p = &file.record;
        let id = p.id.get_ref().to_string();
        let ja = text(output, &format!("ja/projects/{id}.html"));
        let en = text(output, &format!("en/projects/{id}.html"));
        for ind in &p.indicators {
            for (kind, v) in ind.values_in_order() {
                let (shown_ja, shown_en, data) = match v.value() {
                    Value::Number(n) => (n.page(), n.page(), n.data()),
                    Value::Text(t) => {
                        (t.get(Lang::Ja).value.to_owned(), t.get(Lang::En).value.to_owned(), t.ja.clone())
                    }
                };
                assert!(ja.contains(&format!(">{shown_ja}<")), "{id}: page ja lacks {shown_ja}");
                assert!(
                    en.contains(&format!(">{shown_en}<")) || en.contains(&format!(">{shown_en}</span>")),
                    "{id}: page en lacks {shown_en}"
                );
                assert!(ja.contains(&v.year.display(Lang::Ja)), "{id}: page lacks year {}", v.year);
                from_pages.insert((
                    id.clone(),
                    ind.id.get_ref().to_string(),
                    kind.as_str().to_owned(),
                    v.year.year(),
                    data,
                ));
            }
        }
    }

    // indicators.csv: the same observations, no more, no fewer.
    let (header, rows) = read_csv(&output.files["data/indicators.csv"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (c_id, c_ind, c_kind, c_year, c_value, c_text) =
        (col("ID"), col("指標ID"), col("区分_英字"), col("年度"), col("値"), col("値_テキスト"));
    let from_csv: BTreeSet<Observation> = rows
        .iter()
        .map(|r| {
            let value = if r[c_value].is_empty() { r[c_text].clone() } else { r[c_value].clone() };
            (r[c_id].clone(), r[c_ind].clone(), r[c_kind].clone(), r[c_year].parse().unwrap(), value)
        })
        .collect();
    assert_eq!(rows.len(), from_csv.len(), "{}: duplicate rows in indicators.csv", root.display());
    assert_eq!(from_csv, from_pages, "{}: indicators.csv and pages disagree", root.display());

    // projects.json: the same observations.
    let json: serde_json::Value = serde_json::from_slice(&output.files["data/projects.json"]).unwrap();
    let mut from_json: BTreeSet<Observation> = BTreeSet::new();
    for p in json["projects"].as_array().unwrap() {
        for ind in p["indicators"].as_array().unwrap() {
            for v in ind["values"].as_array().unwrap() {
                let value = match v["value"].as_f64() {
                    Some(_) => {
                        // Compare as data text: JSON numbers have no trailing zeros.
                        let shown = from_pages.iter().find(|o| {
                            o.0 == p["id"].as_str().unwrap()
                                && o.1 == ind["id"].as_str().unwrap()
                                && o.2 == v["kind"].as_str().unwrap()
                                && o.3 == v["fiscal_year"].as_i64().unwrap()
                        });
                        let data = shown.map(|o| o.4.clone()).unwrap_or_default();
                        assert_eq!(data.parse::<f64>().ok(), v["value"].as_f64(), "{}", p["id"]);
                        data
                    }
                    None => v["text"]["ja"].as_str().unwrap().to_owned(),
                };
                from_json.insert((
                    p["id"].as_str().unwrap().to_owned(),
                    ind["id"].as_str().unwrap().to_owned(),
                    v["kind"].as_str().unwrap().to_owned(),
                    v["fiscal_year"].as_i64().unwrap(),
                    value,
                ));
            }
        }
    }
    assert_eq!(from_json, from_pages, "{}: projects.json and pages disagree", root.display());

    // Every project has its own JSON, linked from its pages.
    for file in &site.projects {
        let id = file.record.id.get_ref().as_str();
        assert!(output.files.contains_key(&format!("data/projects/{id}.json")));
        let page = text(output, &format!("en/projects/{id}.html"));
        assert!(page.contains(&format!("href=\"../../data/projects/{id}.json\"")), "{id}: page does not link its JSON");
    }

    // Every CSV: one header row, same number of cells in each row, no line breaks in cells,
    // numeric columns hold numbers only.
    for (path, bytes) in &output.files {
        if !path.ends_with(".csv") {
            continue;
        }
        let (header, rows) = read_csv(bytes);
        for r in &rows {
            assert_eq!(r.len(), header.len(), "{path}");
            for cell in r {
                assert!(!cell.contains(['\n', '\r']), "{path}: line break in {cell:?}");
            }
        }
        for name in ["値", "達成率", "年度"] {
            if let Some(c) = header.iter().position(|h| h == name) {
                for r in &rows {
                    assert!(
                        r[c].is_empty() || r[c].parse::<f64>().is_ok(),
                        "{path}: {name} = {:?} is not a number",
                        r[c]
                    );
                }
            }
        }
    }
}

#[test]
fn fixture_data_matches_its_pages() {
    check(&roots()[0]);
}

#[test]
fn tomisato_data_matches_its_pages() {
    check(&roots()[1]);
}

#[test]
fn nasushiobara_data_matches_its_pages() {
    check(&roots()[2]);
}

#[test]
fn datapackage_declares_every_csv_file_and_its_encoding() {
    for root in roots() {
        let output = built(&root);
        let package: serde_json::Value = serde_json::from_slice(&output.files["data/datapackage.json"]).unwrap();
        let resources = package["resources"].as_array().unwrap();
        let declared: BTreeSet<String> =
            resources.iter().map(|r| format!("data/{}", r["path"].as_str().unwrap())).collect();
        let files: BTreeSet<String> = output
            .files
            .keys()
            .filter(|k| k.ends_with(".csv") && !k.starts_with("data/editions/") || *k == "data/projects.json")
            .cloned()
            .collect();
        assert_eq!(declared, files);
        for r in resources.iter().filter(|r| r["type"] == "table") {
            assert_eq!(r["encoding"], "utf-8");
            assert_eq!(r["schema"]["missingValues"], serde_json::json!([""]));
            let (header, _) = read_csv(&output.files[&format!("data/{}", r["path"].as_str().unwrap())]);
            let fields: Vec<&str> =
                r["schema"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(header, fields, "{}: CSV header and schema differ", r["name"]);
        }
        assert!(package["licenses"][0]["path"].as_str().unwrap().starts_with("https://"));
    }
}
