//! Incremental rebuilds of the live preview give exactly what a full build gives.

use std::fs;
use std::path::Path;

use kyodo::preview::Preview;

use crate::support::{TestSite, build};

fn same_as_full_build(preview: &Preview, root: &Path) {
    let full = build(root);
    let files = preview.files();
    assert_eq!(files.keys().collect::<Vec<_>>(), full.files.keys().collect::<Vec<_>>());
    for (path, bytes) in &full.files {
        assert!(files[path].as_ref() == bytes.as_slice(), "{path} differs from a full build");
    }
}

#[test]
fn editing_one_record_rebuilds_only_what_depends_on_it_and_matches_a_full_build() {
    let site = TestSite::fixture();
    let mut preview = Preview::new(site.path());
    let first = preview.rebuild(&[]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert!(!first.incremental);
    let all = first.rendered;

    // No project links to 1-1-1: only its own pages (and lists and data) are rendered.
    let record = site.path().join("content/projects/1-1-1.toml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("市民活動支援補助金の充実", "市民活動支援補助金の拡充")).unwrap();
    let second = preview.rebuild(&[record]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert!(second.incremental);
    assert!(second.rendered < all, "{} of {all} files rendered", second.rendered);
    same_as_full_build(&preview, site.path());

    // 1-2-1 is linked from 1-1-1: its new title must show there too.
    let record = site.path().join("content/projects/1-2-1.toml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("title = \"情報発信", "title = \"新しい情報発信")).unwrap();
    let third = preview.rebuild(&[record]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert!(third.incremental);
    assert!(String::from_utf8_lossy(&preview.files()["ja/projects/1-1-1.html"]).contains("新しい情報発信"));
    same_as_full_build(&preview, site.path());
}

#[test]
fn a_change_to_the_vocabulary_rebuilds_everything() {
    let site = TestSite::fixture();
    let mut preview = Preview::new(site.path());
    preview.rebuild(&[]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let vocabulary = site.path().join("content/vocabulary.toml");
    let text = fs::read_to_string(&vocabulary).unwrap();
    fs::write(
        &vocabulary,
        text.replace("name = \"広報課\"", "name = { ja = \"広報課\", en = \"Public Relations Division\" }"),
    )
    .unwrap();
    let rebuilt = preview.rebuild(&[vocabulary]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert!(!rebuilt.incremental);
    same_as_full_build(&preview, site.path());
}

#[test]
fn a_broken_edit_keeps_the_last_good_files() {
    let site = TestSite::fixture();
    let mut preview = Preview::new(site.path());
    preview.rebuild(&[]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let before = preview.files().clone();
    let record = site.path().join("content/projects/1-1-1.toml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("department = \"shimin\"", "department = \"nope\"")).unwrap();
    assert!(preview.rebuild(&[record]).is_err());
    assert_eq!(preview.files(), &before);
}
