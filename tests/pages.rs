//! Golden tests: the pages of the fixture site, in both languages, pinned with insta.
//!
//! Review a change with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and read
//! the diff of tests/snapshots/).

use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn fixture_site_pages_are_as_pinned() {
    let (output, warnings) = kyodo::build(&fixture("basic")).unwrap_or_else(|d| panic!("{d}"));
    assert!(warnings.0.is_empty(), "{warnings}");

    let listing: Vec<&str> = output.files.keys().map(String::as_str).collect();
    insta::assert_snapshot!("basic_files", listing.join("\n"));

    for (path, bytes) in &output.files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).expect("pages are UTF-8");
        let name = format!("basic_{}", path.trim_end_matches(".html").replace('/', "_"));
        insta::assert_snapshot!(name, html);
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = kyodo::build(&fixture("basic")).unwrap_or_else(|d| panic!("{d}")).0;
    let b = kyodo::build(&fixture("basic")).unwrap_or_else(|d| panic!("{d}")).0;
    assert_eq!(a, b);
}

#[test]
fn markup_in_records_never_reaches_a_page_as_markup() {
    let (output, _) = kyodo::build(&fixture("basic")).unwrap_or_else(|d| panic!("{d}"));
    for lang in ["ja", "en"] {
        let html = std::str::from_utf8(&output.files[&format!("{lang}/projects/1-2-1.html")]).unwrap();
        assert!(!html.contains("<script>alert"), "{lang}: script tag passed through");
        assert!(!html.contains("<img"), "{lang}: img tag passed through");
        assert!(!html.contains("javascript:"), "{lang}: javascript: link kept");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{lang}: title not shown as text");
        assert!(html.contains(r#"<a href="https://www.example.jp/">市のサイト</a>"#), "{lang}: safe link dropped");
    }
}

#[test]
fn untranslated_text_is_marked_japanese_on_english_pages() {
    let (output, _) = kyodo::build(&fixture("basic")).unwrap_or_else(|d| panic!("{d}"));
    let html = std::str::from_utf8(&output.files["en/projects/1-2-1.html"]).unwrap();
    assert!(html.contains(r#"<span lang="ja">ホームページを更新した。</span>"#) || html.contains(r#"<div class="prose" lang="ja"><p>ホームページを更新した。</p>"#), "{html}");
    assert!(html.contains("Not yet translated"));
    let ja = std::str::from_utf8(&output.files["ja/projects/1-2-1.html"]).unwrap();
    assert!(!ja.contains("未翻訳"), "Japanese pages never need the note");
}

#[test]
fn every_internal_link_is_relative_and_points_at_a_file_that_exists() {
    let (output, _) = kyodo::build(&fixture("basic")).unwrap_or_else(|d| panic!("{d}"));
    for (path, bytes) in &output.files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for href in html.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
            if href.starts_with("https://") || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/'), "{path}: root-absolute link {href}");
            assert!(!href.ends_with('/'), "{path}: link to a bare folder {href}");
            let target = normalize(&dir.join(href));
            assert!(output.files.contains_key(&target), "{path}: {href} → {target} does not exist");
        }
    }
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}
