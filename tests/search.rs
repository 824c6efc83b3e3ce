//! The search index of the shipped site answers real queries in both languages.

use std::path::PathBuf;

use kyodo::search::{self, Index};

fn index_of(lang: &str) -> (Index, Vec<String>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = kyodo::Site::load(&root).unwrap_or_else(|d| panic!("{d}"));
    let theme = kyodo::Theme::builtin().unwrap_or_else(|d| panic!("{d}"));
    let lang = if lang == "ja" { kyodo::i18n::Lang::Ja } else { kyodo::i18n::Lang::En };
    let l = kyodo::render::views::Localizer { lang, strings: &theme.strings[&lang] };
    let index = search::build(&kyodo::pipeline::documents(&site, &l));
    let hrefs = index.docs.iter().map(|d| d[0].clone()).collect();
    (index, hrefs)
}

#[test]
fn the_published_shards_hold_the_index() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (output, _) = kyodo::build(&root).unwrap_or_else(|d| panic!("{d}"));
    let meta = String::from_utf8(output.files["assets/search/ja/meta.js"].clone()).unwrap();
    assert!(meta.starts_with("window.kyodoSearch.meta({"), "{meta}");
    assert!(output.files.contains_key("assets/search/ja/t0.js") && output.files.contains_key("assets/search/ja/d0.js"));
    let docs = String::from_utf8(output.files["assets/search/en/d0.js"].clone()).unwrap();
    assert!(docs.contains("projects/1-1-2.html"));
}

fn hits(index: &Index, hrefs: &[String], query: &str) -> Vec<String> {
    search::search(index, query)
        .into_iter()
        .map(|i| hrefs[i].trim_start_matches("projects/").trim_end_matches(".html").to_owned())
        .collect()
}

#[test]
fn japanese_queries_find_the_projects_that_contain_them() {
    let (index, hrefs) = index_of("ja");
    let subsidy = hits(&index, &hrefs, "補助金");
    assert!(subsidy.contains(&"1-1-2".to_owned()), "{subsidy:?}");
    assert!(subsidy.contains(&"1-4-1".to_owned()), "{subsidy:?}");
    // Titles rank first: both subsidy projects have 補助金 in their title.
    assert!(subsidy[..2].contains(&"1-1-2".to_owned()) && subsidy[..2].contains(&"1-4-1".to_owned()), "{subsidy:?}");
    assert_eq!(hits(&index, &hrefs, "多文化共生").first().map(String::as_str), Some("1-3-5"));
    assert_eq!(hits(&index, &hrefs, "ボランティア手帳").first().map(String::as_str), Some("1-3-3"));
    // Full-width input is folded like the index.
    assert_eq!(hits(&index, &hrefs, "ＳＤＧｓ"), hits(&index, &hrefs, "sdgs"));
    assert!(hits(&index, &hrefs, "新幹線").is_empty());
}

#[test]
fn english_queries_find_translated_projects() {
    let (index, hrefs) = index_of("en");
    let subsidy = hits(&index, &hrefs, "subsidy");
    assert!(subsidy.contains(&"1-1-2".to_owned()), "{subsidy:?}");
    assert!(hits(&index, &hrefs, "multicultural").contains(&"1-3-5".to_owned()));
    assert!(hits(&index, &hrefs, "zzqqxx").is_empty());
}
