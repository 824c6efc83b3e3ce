//! Robustness: hostile text never becomes markup, output is deterministic whatever the file
//! system or locale, and no input makes kyodo panic (property tests over the record loader,
//! the Markdown path, fiscal years and the achievement rate).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use kyodo::load::{SourceFile, Sources};
use kyodo::output::MemorySink;
use kyodo::pipeline::{Failure, Input, Job, Selection};
use proptest::prelude::*;

use crate::support::fixture;

fn copy_fixture_to(dest: &Path, reverse: bool) {
    let mut entries: Vec<_> = walkdir::WalkDir::new(fixture()).into_iter().map(|e| e.unwrap()).collect();
    if reverse {
        // Create files in the opposite order, so a loader that followed directory order
        // would see them differently.
        entries.reverse();
    }
    for entry in entries {
        let target = dest.join(entry.path().strip_prefix(fixture()).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Payloads from XSS cheat sheets, each with a marker to look for.
const PAYLOADS: &[&str] = &[
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "<svg onload=alert('x3')>",
    "\"><script>alert('x4')</script>",
    "'><img src=x onerror=alert('x5')>",
    "<a href=\"javascript:alert('x6')\">x6</a>",
    "[x7](javascript:alert('x7'))",
    "[x8](JaVaScRiPt:alert('x8'))",
    "[x9](data:text/html;base64,PHNjcmlwdD5hbGVydCgneDknKTwvc2NyaXB0Pg==)",
    "![x10](javascript:alert('x10'))",
    "<iframe src=\"javascript:alert('x11')\"></iframe>",
    "</script><script>alert('x12')</script>",
    "<style>body{display:none}</style>x13",
    "{{ 7*7 }}x14{% raw %}",
    "<details open ontoggle=alert('x15')>",
    "[x16](vbscript:msgbox('x16'))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('x17')>",
    "&lt;script&gt;x18",
];

/// Puts `payload` into every text field of a record and of the site files.
fn hostile_site(dir: &Path, payload: &str) {
    copy_fixture_to(dir, false);
    let esc = payload.replace('\\', "\\\\").replace('"', "\\\"");
    let t = format!("{{ ja = \"{esc}\", en = \"{esc}\" }}");
    let ml = format!("{{ ja = \"\"\"\n{esc}\n\"\"\", en = \"\"\"\n{esc}\n\"\"\" }}");
    let record = format!(
        r#"id = "1-2-1"
code = "{esc}"
policy = "1-2"
title = {t}
department = "koho"
lead_note = {t}
issues = {ml}
direction = {ml}
plan_content = {ml}
audience = {t}
implementer = {t}

[[schedule]]
label = {t}
years = {{ R5 = "implement" }}

[[indicators]]
id = "x"
name = {t}
unit = {t}
baseline = {{ year = "R2", text = {t}, label = {t}, note = {t} }}
target = {{ year = "R8", value = 5 }}
actuals = [{{ year = "R5", text = {t}, note = {t} }}]

[[reports]]
year = "R5"
grade = "b"
achievements = {ml}
effect = {ml}
improvement = {ml}
"#
    );
    fs::write(dir.join("content/projects/1-2-1.toml"), record).unwrap();
    let site = dir.join("content/site.toml");
    let text = fs::read_to_string(&site).unwrap();
    let text = text
        .replace(
            "title = { ja = \"テスト市 協働推進計画 進捗状況\", en = \"Test City Collaboration Plan Progress\" }",
            &format!("title = {t}"),
        )
        .replace(
            "description = { ja = \"テスト用の**小さな**サイトです。\", en = \"A **small** site for tests.\" }",
            &format!("description = {t}"),
        );
    fs::write(&site, text).unwrap();
}

#[test]
fn no_text_from_a_record_becomes_markup() {
    for payload in PAYLOADS {
        let dir = tempfile::tempdir().unwrap();
        hostile_site(dir.path(), payload);
        let (output, _) =
            kyodo::build(dir.path()).unwrap_or_else(|d| panic!("{payload}: {}", d.render(kyodo::msg::Lang::En)));
        for (path, bytes) in &output.files {
            if !path.ends_with(".html") {
                continue;
            }
            let html = std::str::from_utf8(bytes).unwrap();
            for tag in tags(html, path == "404.html") {
                check_tag(path, payload, &tag);
            }
        }
    }
}

/// Every tag of an HTML page, lower-cased, skipping the contents of JSON-LD scripts. Text
/// from records is escaped, so every `<` in the output starts a tag kyodo wrote.
/// `404.html` has one inline script of its own (no text from records reaches it).
fn tags(html: &str, inline_allowed: bool) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else { break };
        let tag = &rest[start..start + len + 1];
        out.push(tag.to_owned());
        rest = &rest[start + len + 1..];
        if tag.starts_with("<script") {
            // Only kyodo's own script files and JSON-LD data: never an inline script.
            let own_file = tag.starts_with("<script src=\"")
                && tag.contains("assets/")
                && (tag.ends_with(".js\">") || tag.ends_with(".js\" defer>"));
            let inline = inline_allowed && tag == "<script>";
            assert!(
                own_file || inline || tag == "<script type=\"application/ld+json\">",
                "unexpected script element {tag}"
            );
            let end = rest.find("</script>").expect("script closed");
            assert!(!own_file || end == 0, "script files have no inline content");
            assert!(inline || !rest[..end].contains('<'), "JSON-LD must escape <");
            rest = &rest[end..];
        }
    }
    out
}

/// Elements kyodo's templates and Markdown rendering may produce.
const ALLOWED: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "link",
    "script",
    "body",
    "a",
    "header",
    "nav",
    "ul",
    "ol",
    "li",
    "span",
    "small",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "div",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "section",
    "details",
    "summary",
    "code",
    "strong",
    "em",
    "del",
    "footer",
    "br",
    "hr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "label",
    "select",
    "option",
    "input",
    "button",
    "img",
    "time",
    // The 404 page's own style (checked below: nowhere else).
    "style",
    // Inline SVG charts drawn by kyodo, and the shapes of verdict badges.
    "symbol",
    "use",
    "svg",
    "desc",
    "rect",
    "text",
    "line",
    "polyline",
    "path",
    "circle",
];

fn check_tag(path: &str, payload: &str, tag: &str) {
    let inner = tag.trim_start_matches('<').trim_start_matches('/').trim_end_matches('>');
    let name: String = inner.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
    assert!(ALLOWED.contains(&name.as_str()), "{path}: element <{name}> from {payload:?}: {tag}");
    assert!(name != "style" || path == "404.html", "{path}: a <style> element outside 404.html");
    // Attribute names are the words before each `=` outside quotes.
    let mut quoted: Option<char> = None;
    let mut word = String::new();
    let mut value_start = None;
    for (i, c) in inner.char_indices() {
        match (quoted, c) {
            (Some(q), c) if c == q => {
                if let Some(start) = value_start.take() {
                    let value: &str = &inner[start..i];
                    let v = value.trim();
                    assert!(
                        !v.starts_with("javascript:") && !v.starts_with("data:") && !v.starts_with("vbscript:"),
                        "{path}: unsafe URL {v} from {payload:?}"
                    );
                }
                quoted = None;
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => {
                quoted = Some(c);
                value_start = Some(i + 1);
            }
            (None, '=') => {
                let attr = word.trim().to_owned();
                assert!(!attr.starts_with("on"), "{path}: event handler {attr} from {payload:?}: {tag}");
                assert!(attr != "style" && attr != "srcdoc" && attr != "formaction", "{path}: {attr} from {payload:?}");
                word.clear();
            }
            (None, c) if c.is_whitespace() => word.clear(),
            (None, c) => word.push(c),
        }
    }
}

#[test]
fn output_does_not_depend_on_file_system_order_or_locale() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    copy_fixture_to(a.path(), false);
    copy_fixture_to(b.path(), true);
    let kyodo = env!("CARGO_BIN_EXE_kyodo");
    for (dir, lang, tz) in [(a.path(), "C", "UTC"), (b.path(), "ja_JP.UTF-8", "Asia/Tokyo")] {
        let run = Command::new(kyodo)
            .args(["build", "--root"])
            .arg(dir)
            .env("LC_ALL", lang)
            .env("LANG", lang)
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let files = |d: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(d.join("public"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(d).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs between the two builds", pa.display());
    }
}

/// The fixture's site files, in memory, with `record` as its only project.
fn sources_with(record: &[u8]) -> Sources {
    let read = |p: &str| SourceFile { path: PathBuf::from(p), bytes: fs::read(fixture().join(p)).unwrap() };
    Sources {
        site: Some(read("content/site.toml")),
        vocabulary: Some(read("content/vocabulary.toml")),
        projects: vec![SourceFile { path: PathBuf::from("content/projects/1-1-1.toml"), bytes: record.to_vec() }],
        records_read: true,
    }
}

/// Loading must end in a site or in diagnostics that each name a file; a loaded site must
/// render. Never a panic.
fn load_and_render(record: &[u8]) {
    let sources = sources_with(record);
    let root = fixture();
    let input =
        Input::Sources { root: &root, sources: &sources, read_problems: kyodo::Diagnostics::default(), cache: None };
    let job = Job { input, selection: Selection::All, strict: false };
    match kyodo::run(&job, || Ok(MemorySink::default()), &kyodo::Silent) {
        Ok(_) => {}
        Err(Failure::Invalid(diags)) => {
            assert!(diags.has_errors());
            for d in &diags.0 {
                assert!(!d.file.as_os_str().is_empty());
                let _ = (d.render(kyodo::msg::Lang::En), d.render(kyodo::msg::Lang::Ja));
            }
        }
        Err(other) => panic!("a loaded site must render: {other:?}"),
    }
}

/// Pieces of TOML and of text that clerks and copy-paste produce.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_owned()),
        Just("\"\"\"".to_owned()),
        Just("'".to_owned()),
        Just("=".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just(",".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("[[reports]]\n".to_owned()),
        Just("year = \"R5\"".to_owned()),
        Just("value = \"150件\"".to_owned()),
        Just("１２８".to_owned()),
        Just("令和５年度".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("＝".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\\".to_owned()),
        Just("\\u".to_owned()),
        Just("#".to_owned()),
        Just("id = \"../x\"".to_owned()),
        Just("<script>".to_owned()),
        Just("[x](javascript:y)".to_owned()),
        Just("1e999".to_owned()),
        Just("nan".to_owned()),
        Just("-0".to_owned()),
        Just("9999999999999999999999".to_owned()),
        Just("H99".to_owned()),
        Just("R0".to_owned()),
        "[a-z_.\\-]{1,8}".prop_map(|s| s),
        "\\PC{1,6}".prop_map(|s| s),
    ]
}

/// A valid record with pieces deleted, duplicated or inserted.
fn mutated_record() -> impl Strategy<Value = Vec<u8>> {
    let base = fs::read_to_string(fixture().join("content/projects/1-1-1.toml")).unwrap();
    let len = base.len();
    prop::collection::vec((0..len, 0usize..40, fragment(), 0u8..3), 1..6).prop_map(move |edits| {
        let mut text = base.clone();
        for (pos, del, insert, kind) in edits {
            let mut pos = pos.min(text.len());
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            let mut end = (pos + del).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            match kind {
                0 => text.replace_range(pos..end, ""),
                1 => text.insert_str(pos, &insert),
                _ => {
                    let piece = text[pos..end].to_owned();
                    text.insert_str(pos, &piece);
                }
            }
        }
        text.into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_never_panics_on_mutated_records(record in mutated_record()) {
        load_and_render(&record);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load_and_render(&bytes);
    }

    #[test]
    fn markdown_never_panics_and_never_yields_markup_from_text(text in "[<>\\[\\]()!*_#:/\"'` a-zA-Z=\\n\\-|.&;0-9]{0,300}") {
        let html = kyodo::markdown::to_html(&text);
        let lower = html.to_ascii_lowercase();
        prop_assert!(!lower.contains("<script"));
        prop_assert!(!lower.contains("href=\"javascript"));
        prop_assert!(!lower.contains("<img"));
        let _ = kyodo::markdown::to_plain_text(&text);
    }

    #[test]
    fn fiscal_year_parsing_never_panics(text in "\\PC{0,12}") {
        let _ = kyodo::fiscal_year::FiscalYear::parse(&text);
    }

    #[test]
    fn every_fiscal_year_reads_back_from_its_era_forms(year in 1926i64..=2100) {
        let fy = kyodo::fiscal_year::FiscalYear::from_gregorian(year).unwrap();
        prop_assert_eq!(kyodo::fiscal_year::FiscalYear::parse(&fy.era_short()).unwrap(), fy);
        prop_assert_eq!(kyodo::fiscal_year::FiscalYear::parse(&fy.era_ja()).unwrap(), fy);
        prop_assert_eq!(kyodo::fiscal_year::FiscalYear::parse(&year.to_string()).unwrap(), fy);
        prop_assert_eq!(kyodo::fiscal_year::FiscalYear::parse(&format!("FY{year}")).unwrap(), fy);
    }

    #[test]
    fn achievement_rate_is_0_at_baseline_100_at_target_and_monotonic(b in -1e6f64..1e6, t in -1e6f64..1e6, a1 in -1e6f64..1e6, a2 in -1e6f64..1e6) {
        use kyodo::indicator::achievement_rate;
        if b == t {
            prop_assert_eq!(achievement_rate(b, t, a1), None);
        } else {
            prop_assert!(achievement_rate(b, t, b).unwrap().abs() < 1e-9);
            prop_assert!((achievement_rate(b, t, t).unwrap() - 100.0).abs() < 1e-6);
            // Moving the actual towards the target never lowers the rate.
            let (r1, r2) = (achievement_rate(b, t, a1).unwrap(), achievement_rate(b, t, a2).unwrap());
            let closer = (t - a2).abs() < (t - a1).abs() && (a2 - a1).signum() == (t - b).signum();
            if closer { prop_assert!(r2 >= r1 - 1e-9); }
        }
    }
}
