//! The theme's static files reach `assets/` byte for byte: kyodo's default theme's
//! `kyodo.js` and `style.css`, or a site's own theme's files instead. The browser tests
//! (tests/browser) check what the script and stylesheet do.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{TestSite, built, fixture, repo};

/// Every file under `static/` of the theme folder `theme`, by path relative to it.
fn static_files(theme: &Path) -> BTreeMap<String, Vec<u8>> {
    let base = theme.join("static");
    walkdir::WalkDir::new(&base)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The built files under `assets/` but for the search index, by path relative to it.
fn built_assets(output: &kyodo::Output) -> BTreeMap<String, Vec<u8>> {
    output
        .files
        .iter()
        .filter_map(|(path, bytes)| Some((path.strip_prefix("assets/")?.to_owned(), bytes.clone())))
        .filter(|(name, _)| !name.starts_with("search/"))
        .collect()
}

#[test]
fn the_default_themes_static_files_are_copied_byte_for_byte() {
    let theme = static_files(&repo().join("themes/default"));
    assert_eq!(theme.keys().collect::<Vec<_>>(), ["favicon.svg", "kyodo.js", "og.png", "style.css"]);
    let assets = built_assets(built(&fixture()));
    assert_eq!(assets.keys().collect::<Vec<_>>(), theme.keys().collect::<Vec<_>>());
    for (name, bytes) in &theme {
        assert!(assets[name] == *bytes, "assets/{name} differs from themes/default/static/{name}");
    }
}

#[test]
fn a_sites_own_theme_brings_its_own_static_files() {
    let site = TestSite::fixture();
    site.with_default_theme();
    site.edit("themes/default/static/style.css", ":root", "/* the city's colours */\n:root");
    site.write("themes/default/static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let theme = static_files(&site.path().join("themes/default"));
    assert!(theme.contains_key("images/logo.svg"));
    assert_eq!(built_assets(&site.build()), theme);
}
