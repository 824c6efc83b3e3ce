//! Everything kyodo writes is escaped for its format. Hostile values (a base URL with `&`
//! and `'`, a site title that tries to end a `<script>` element, a department name with
//! quotes, newlines and line separators) go through a whole build; then every XML file is
//! read back with an XML parser, every JSON file and the JSON inside pages and search
//! scripts with serde_json, and the CSV with the csv crate, and each value must come back
//! exactly as written.

use std::collections::BTreeMap;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

use crate::support::TestSite;

const BASE: &str = "https://example.jp/a&b=c;d(e)/";
const TITLE_JA: &str = "テスト市 </script><script>alert(1)</script> <!-- \"引用\" 'x' & y\n二行目\u{2028}終";
const TITLE_EN: &str = "Test City </SCRIPT ><script>alert('x')</script> & \"q\" <!--";
const DEPT_JA: &str = "市民\"活動\"推進課\n'第2係' & <課>\u{2029}";
const DEPT_EN: &str = "Civic \"Activity\"\r\nDivision 'B' </script>";

/// A TOML basic string: JSON's string syntax is a subset of it.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Builds the `basic` fixture with the hostile values; returns the output files.
fn hostile_build() -> BTreeMap<String, Vec<u8>> {
    let site = TestSite::fixture();
    let text = site.read("content/site.toml");
    let title = format!("title = {{ ja = {}, en = {} }}", toml_string(TITLE_JA), toml_string(TITLE_EN));
    let text = text.replace(
        r#"title = { ja = "テスト市 協働推進計画 進捗状況", en = "Test City Collaboration Plan Progress" }"#,
        &title,
    );
    assert!(text.contains("</script>"), "the title was replaced");
    site.write("content/site.toml", format!("base_url = {}\n{text}", toml_string(BASE)));
    let text = site.read("content/vocabulary.toml");
    let name = format!("name = {{ ja = {}, en = {} }}", toml_string(DEPT_JA), toml_string(DEPT_EN));
    let text = text.replace(r#"name = { ja = "市民活動推進課", en = "Civic Activity Division" }"#, &name);
    assert!(text.contains("第2係"), "the department was replaced");
    site.write("content/vocabulary.toml", text);
    site.build().files
}

/// Names with values: elements with their text, or attributes with their value.
type Named = Vec<(String, String)>;

/// Reads an XML document with quick-xml: every element's text (entities resolved) and
/// every attribute value, in order; panics if it is not well-formed.
fn xml_values(path: &str, bytes: &[u8]) -> (Named, Named) {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let (mut texts, mut attributes) = (Named::new(), Named::new());
    // Indices in `texts` of the elements open at this point.
    let (mut open, mut buf) = (Vec::<usize>::new(), Vec::new());
    loop {
        let event = reader.read_event_into(&mut buf).unwrap_or_else(|e| panic!("{path}: not well-formed XML: {e}"));
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|e| panic!("{path}: bad attribute: {e}"));
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .unwrap_or_else(|e| panic!("{path}: bad escape: {e}"));
                    attributes.push((a.key.as_ref().to_owned(), value.into_owned()));
                }
                if matches!(event, Event::Start(_)) {
                    open.push(texts.len());
                    texts.push((name, String::new()));
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    texts[i].1.push_str(&t.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                let c = r.resolve_char_ref().unwrap_or_else(|e| panic!("{path}: bad reference: {e}")).map(String::from);
                let text = c
                    .or_else(|| resolve_predefined_entity(r).map(str::to_owned))
                    .unwrap_or_else(|| panic!("{path}: unknown entity &{};", &**r));
                if let Some(&i) = open.last() {
                    texts[i].1.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert!(open.is_empty(), "{path}: unclosed elements {open:?}");
    (texts, attributes)
}

/// Whether any string inside `value` equals `s`.
fn holds(value: &Value, s: &str) -> bool {
    match value {
        Value::String(v) => v == s,
        Value::Array(a) => a.iter().any(|v| holds(v, s)),
        Value::Object(o) => o.values().any(|v| holds(v, s)),
        _ => false,
    }
}

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    serde_json::from_slice(&files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn xml_outputs_parse_and_keep_the_base_url() {
    let files = hostile_build();
    let xml: Vec<&String> = files.keys().filter(|p| p.ends_with(".xml") || p.ends_with(".svg")).collect();
    assert!(xml.iter().any(|p| *p == "sitemap.xml"), "{xml:?}");
    for path in xml {
        xml_values(path, &files[path]);
    }
    let (texts, attributes) = xml_values("sitemap.xml", &files["sitemap.xml"]);
    let locs: Vec<&str> = texts.iter().filter(|(n, _)| n == "loc").map(|(_, t)| t.as_str()).collect();
    assert!(locs.contains(&format!("{BASE}ja/projects/1-1-1.html").as_str()), "{locs:?}");
    assert!(locs.contains(&format!("{BASE}en/index.html").as_str()), "{locs:?}");
    assert!(locs.iter().all(|l| l.starts_with(BASE)), "{locs:?}");
    let hrefs: Vec<&str> = attributes.iter().filter(|(n, _)| n == "href").map(|(_, v)| v.as_str()).collect();
    assert_eq!(hrefs.len(), locs.len() * 3, "two languages and x-default per URL");
    assert!(hrefs.iter().all(|h| h.starts_with(BASE)), "{hrefs:?}");
    assert_eq!(
        String::from_utf8_lossy(&files["robots.txt"]),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
}

#[test]
fn json_outputs_parse_and_keep_every_value() {
    let files = hostile_build();
    let json_files: Vec<&String> = files.keys().filter(|p| p.ends_with(".json") || p.ends_with(".jsonld")).collect();
    assert!(json_files.len() > 5, "{json_files:?}");
    for path in &json_files {
        json(&files, path);
    }
    let all = json(&files, "data/projects.json");
    let project =
        all["projects"].as_array().and_then(|p| p.iter().find(|p| p["id"] == "1-1-1")).expect("project 1-1-1");
    assert_eq!(project["department"]["name"]["ja"], DEPT_JA);
    assert_eq!(project["department"]["name"]["en"], DEPT_EN);
    assert_eq!(project["urls"]["page_ja"], format!("{BASE}ja/projects/1-1-1.html"));
    let one = json(&files, "data/projects/1-1-1.json");
    assert_eq!(&one["project"], project, "the project's own file holds the same");

    let package = json(&files, "data/datapackage.json");
    assert_eq!(package["title"], format!("{TITLE_JA} / {TITLE_EN}"));
    assert_eq!(package["homepage"], BASE);
    let catalog = json(&files, "data/catalog.jsonld");
    let dataset = &catalog["dcat:dataset"][0];
    assert!(
        holds(&dataset["dct:title"], TITLE_JA) && holds(&dataset["dct:title"], TITLE_EN),
        "{}",
        dataset["dct:title"]
    );
    assert_eq!(dataset["dcat:landingPage"]["@id"], format!("{BASE}ja/data.html"));
}

#[test]
fn json_ld_in_pages_cannot_end_its_script_element() {
    let files = hostile_build();
    for (lang, title) in [("ja", TITLE_JA), ("en", TITLE_EN)] {
        let path = format!("{lang}/data.html");
        let page = String::from_utf8_lossy(&files[&path]);
        let open = "<script type=\"application/ld+json\">";
        let start = page.find(open).map(|i| i + open.len()).unwrap_or_else(|| panic!("{path}: no JSON-LD"));
        // The element ends at the first `</script` whatever its case, as a browser reads it.
        let end =
            start + page[start..].to_ascii_lowercase().find("</script").unwrap_or_else(|| panic!("{path}: unclosed"));
        let block = &page[start..end];
        assert!(!block.contains("<!--") && !block.contains(['\u{2028}', '\u{2029}']), "{path}: {block}");
        let ld: Value = serde_json::from_str(block)
            .unwrap_or_else(|e| panic!("{path}: the JSON-LD is cut or broken ({e}): {block}"));
        assert_eq!(ld["name"], title);
        assert_eq!(ld["url"], format!("{BASE}{lang}/data.html"));
    }
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            assert!(!String::from_utf8_lossy(bytes).contains("<script>alert"), "{path}: the title became markup");
        }
    }
}

#[test]
fn search_scripts_and_csv_keep_every_value() {
    let files = hostile_build();
    let mut department_found = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("assets/search/")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(['\u{2028}', '\u{2029}']), "{path}: line separators must be escaped in scripts");
        // window.kyodoSearch.add("d",0,[…]); or window.kyodoSearch.meta({…});
        let args = text
            .split_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(");\n"))
            .unwrap_or_else(|| panic!("{path}: not a call: {text}"));
        let value: Value = serde_json::from_str(&format!("[{args}]")).unwrap_or_else(|e| panic!("{path}: {e}"));
        department_found += usize::from(
            holds(&value, &format!("1-(1)-① · {DEPT_JA}")) || holds(&value, &format!("1-(1)-① · {DEPT_EN}")),
        );
    }
    assert_eq!(department_found, 2, "the department name is in the search documents of both languages, whole");
    let mut departments = csv::Reader::from_reader(&files["data/departments.csv"][..]);
    let rows: Vec<csv::StringRecord> = departments.records().map(|r| r.expect("a CSV row")).collect();
    // CSV cells hold no line breaks (the machine-readable data rules): a space instead.
    let shimin = rows.iter().find(|r| r.get(1) == Some("shimin")).expect("the department's row");
    assert_eq!(
        (shimin.get(3), shimin.get(4)),
        (Some(DEPT_JA.replace('\n', " ").as_str()), Some(DEPT_EN.replace("\r\n", " ").as_str())),
        "{rows:?}"
    );
}
