//! Golden tests of the fixture site's output, in both languages, pinned with insta.
//!
//! Data files (CSV, JSON, the data package, the catalogue) are the product: each is pinned
//! whole. A page laid out by `base.html` is pinned by what it holds of its own (its title,
//! description and `<main>`, see `support::html::region`), and the layout shared by the
//! pages of a language once, in `chrome_ja` and `chrome_en`. Static assets, JSON Schemas
//! and the search index are tested for what they do in the `assets`, `schema` and
//! `search` modules. Review a change with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test` and read the diff of tests/testsuite/snapshots/).

use std::path::Path;

use crate::support::{self, TestSite, build, built, fixture, html, text};

/// Files pinned by other modules for what they do, not here byte for byte.
fn tested_elsewhere(path: &str) -> bool {
    // assets/: the theme's static files (assets) and the search index (search);
    // schemas/ and data/schemas/: the JSON Schemas (schema, portals); the workbook, read
    // back cell by cell (portals).
    ["assets/", "schemas/", "data/schemas/"].iter().any(|p| path.starts_with(p)) || path.ends_with(".xlsx")
}

#[test]
fn fixture_site_output_is_as_pinned() {
    let (output, warnings) = kyodo::build(&fixture()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    insta::assert_snapshot!("basic_warnings", warnings.render(kyodo::msg::Lang::En));
    insta::assert_snapshot!("basic_warnings_ja", warnings.render(kyodo::msg::Lang::Ja));

    let listing: Vec<&str> = output.files.keys().map(String::as_str).collect();
    insta::assert_snapshot!("basic_files", listing.join("\n"));

    for path in output.files.keys().filter(|p| !tested_elsewhere(p)) {
        let text = text(&output, path);
        let name = format!("basic_{}", path.replace(['/', '.'], "_"));
        if html::has_layout(text) {
            insta::assert_snapshot!(name, html::region(text));
        } else {
            insta::assert_snapshot!(name, text);
        }
    }
    for lang in ["ja", "en"] {
        let page = text(&output, &format!("{lang}/projects/1-1-1.html"));
        insta::assert_snapshot!(format!("chrome_{lang}"), html::chrome(page));
    }
}

#[test]
fn every_page_but_the_redirect_and_404_has_the_shared_layout() {
    let output = built(&fixture());
    let pages: Vec<&String> = output.files.keys().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(pages.len(), 40, "{pages:?}");
    for path in pages {
        let own = matches!(path.as_str(), "index.html" | "404.html");
        assert_eq!(html::has_layout(text(output, path)), !own, "{path}");
    }
}

#[test]
fn with_a_base_url_links_for_search_engines_and_data_are_absolute() {
    let site = TestSite::fixture();
    site.edit(
        "content/site.toml",
        "reported_years",
        "base_url = \"https://www.city.example.lg.jp/kyodo\"\nreported_years",
    );
    let output = site.build();
    let page = text(&output, "en/projects/1-1-1.html");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://www.city.example.lg.jp/kyodo/en/projects/1-1-1.html">"#),
        "{page}"
    );
    assert!(page.contains(
        r#"<link rel="alternate" hreflang="ja" href="https://www.city.example.lg.jp/kyodo/ja/projects/1-1-1.html">"#
    ));
    assert!(page.contains(r#"<link rel="alternate" hreflang="x-default" href="https://www.city.example.lg.jp/kyodo/ja/projects/1-1-1.html">"#));
    // Navigation stays relative, so the folder still works from disk.
    assert!(
        page.contains(r#"<a href="../../ja/projects/1-1-1.html" hreflang="ja" lang="ja" data-keep-state>日本語</a>"#)
    );
    let csv = text(&output, "data/projects.csv");
    assert!(csv.contains("https://www.city.example.lg.jp/kyodo/data/projects/1-1-1.json"), "{csv}");
    let catalog = text(&output, "data/catalog.jsonld");
    assert!(catalog.contains(r#""@id": "https://www.city.example.lg.jp/kyodo/data/catalog.jsonld""#), "{catalog}");
    assert!(!output.files.keys().any(|k| k.starts_with("data/excel/")), "the CSV copies for Excel are gone");
    let sitemap = text(&output, "sitemap.xml");
    assert!(sitemap.contains(r#"<url><loc>https://www.city.example.lg.jp/kyodo/en/projects/1-1-1.html</loc><xhtml:link rel="alternate" hreflang="ja" href="https://www.city.example.lg.jp/kyodo/ja/projects/1-1-1.html"/>"#), "{sitemap}");
    assert!(
        sitemap.contains(r#"hreflang="x-default" href="https://www.city.example.lg.jp/kyodo/ja/projects/1-1-1.html""#)
    );
    let robots = text(&output, "robots.txt");
    assert!(robots.contains("Sitemap: https://www.city.example.lg.jp/kyodo/sitemap.xml"), "{robots}");
    let not_found = text(&output, "404.html");
    assert!(not_found.contains(r#"href="https://www.city.example.lg.jp/kyodo/en/index.html""#), "{not_found}");
    assert!(!not_found.contains("<script>"), "with a base_url the links are absolute: no script is needed");
    assert!(
        page.contains(
            r#"<meta property="og:url" content="https://www.city.example.lg.jp/kyodo/en/projects/1-1-1.html">"#
        )
    );
}

#[test]
fn without_a_base_url_there_is_no_sitemap_but_robots_and_404_exist() {
    let output = built(&fixture());
    assert!(!output.files.contains_key("sitemap.xml"));
    assert_eq!(text(output, "robots.txt"), "User-agent: *\nAllow: /\n");
    let not_found = text(output, "404.html");
    assert!(
        not_found.contains(r#"<section lang="ja""#) && not_found.contains(r#"<section lang="en""#),
        "both languages"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    assert_eq!(build(&fixture()), build(&fixture()));
}

#[test]
fn markup_in_records_never_reaches_a_page_as_markup() {
    let output = built(&fixture());
    for lang in ["ja", "en"] {
        let html = text(output, &format!("{lang}/projects/1-2-1.html"));
        assert!(!html.contains("<script>alert"), "{lang}: script tag passed through");
        assert!(!html.contains("<img"), "{lang}: img tag passed through");
        assert!(!html.contains("javascript:"), "{lang}: javascript: link kept");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{lang}: title not shown as text");
        assert!(html.contains(r#"<a href="https://www.example.jp/">市のサイト</a>"#), "{lang}: safe link dropped");
    }
}

#[test]
fn untranslated_text_is_marked_japanese_on_english_pages() {
    let output = built(&fixture());
    let html = text(output, "en/projects/1-2-1.html");
    assert!(
        html.contains(r#"<span lang="ja">ホームページを更新した。</span>"#)
            || html.contains(r#"<div class="prose" lang="ja"><p>ホームページを更新した。</p>"#),
        "{html}"
    );
    assert!(html.contains("Not yet translated"));
    let ja = text(output, "ja/projects/1-2-1.html");
    assert!(!ja.contains("未翻訳"), "Japanese pages never need the note");
}

#[test]
fn every_internal_link_is_relative_and_points_at_a_file_that_exists() {
    let output = built(&fixture());
    // 404.html is served for a missing page at any depth: its links lead to the host's
    // root until its script has found the site's (`data-path`, from the site root).
    let not_found = text(output, "404.html");
    let paths: Vec<&str> = not_found.split("data-path=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert_eq!(paths, ["ja/index.html", "ja/search.html", "en/index.html", "en/search.html"]);
    assert!(paths.iter().all(|p| output.files.contains_key(*p)), "{paths:?}");
    for path in output.files.keys().filter(|p| p.ends_with(".html") && *p != "404.html") {
        let html = text(output, path);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for href in html.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
            if href.starts_with("https://") || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/'), "{path}: root-absolute link {href}");
            let href = href.split('#').next().unwrap_or(href);
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

#[test]
fn default_theme_templates_have_short_lines() {
    // trim_blocks and lstrip_blocks are on, so a template can put each tag on a line of its own.
    let dir = support::repo().join("themes/default/templates");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let width = line.chars().count();
            assert!(width <= 120, "{}:{}: {width} characters; break the line", path.display(), i + 1);
        }
        count += 1;
    }
    assert_eq!(count, 14);
}
