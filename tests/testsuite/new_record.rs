//! `kyodo new project`: a commented record that builds as written, a warning naming what is
//! still to fill in, and nothing that blocks the next `new`.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{TestSite, kyodo, kyodo_command};

/// Runs `kyodo new project …` from inside the site root, in `lang`, so that the paths it
/// prints do not depend on where the test's folder is.
fn new_in(lang: &str, root: &Path, args: &[&str]) -> Output {
    kyodo_command().current_dir(root).args(["new", "project", "--lang", lang]).args(args).output().expect("kyodo runs")
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

#[test]
fn a_new_record_lists_the_vocabulary_and_builds_as_written() {
    let dir = TestSite::fixture();
    let run = new_in("en", dir.path(), &["1-2-2", "--title", "新しい事業"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = fs::read_to_string(dir.path().join("content/projects/1-2-2.toml")).unwrap();
    for expected in [
        "#   shimin = 市民活動推進課",
        "#   koho = 広報課",
        "#   1-1 = 1-(1) 活動の支援",
        "implement (実施)",
        "# grade = \"\"        # one of: a, b",
        "1 (①)",
        "title = { ja = \"新しい事業\", en = \"\" }",
        "policy = \"1-1\"",
        "department = \"shimin\"",
        "# [[indicators]]",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    insta::assert_snapshot!("new_with_title_en", stderr(&run));
    // Checks and builds as written.
    let check = kyodo(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
    let out = tempfile::tempdir().unwrap();
    let build = kyodo(&["build", "--out", &out.path().join("site").to_string_lossy()], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let page = fs::read_to_string(out.path().join("site/ja/projects/1-2-2.html")).unwrap();
    assert!(page.contains("新しい事業"));
}

#[test]
fn without_a_title_the_record_builds_with_the_id_marked_and_the_warning_names_the_title() {
    let dir = TestSite::fixture();
    let run = new_in("ja", dir.path(), &["1-2-2"]);
    assert!(run.status.success(), "{}", stderr(&run));
    insta::assert_snapshot!("new_without_title_ja", stderr(&run));
    let text = fs::read_to_string(dir.path().join("content/projects/1-2-2.toml")).unwrap();
    assert!(text.contains("title = { ja = \"1-2-2（事業名を記入してください）\", en = \"\" }"), "{text}");
    // The comments are in the language of the interface.
    assert!(text.contains("# 使うときは、次の行の先頭の # を消して記入してください。"), "{text}");
    let out = tempfile::tempdir().unwrap();
    let build = kyodo(&["build", "--out", &out.path().join("site").to_string_lossy()], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
}

#[test]
fn two_new_records_in_a_row_both_succeed_and_build() {
    let dir = TestSite::fixture();
    for id in ["1-2-2", "1-2-3"] {
        let run = new_in("en", dir.path(), &[id]);
        assert!(run.status.success(), "{id}: {}", stderr(&run));
    }
    let check = kyodo(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_works_in_a_site_with_a_frozen_edition_and_the_new_record_builds() {
    // The edition names the site's records; `new` reads none of them, and does not take
    // them for missing.
    let dir = TestSite::copy_of(&crate::support::repo().join("tests/fixtures/years"));
    let run = new_in("en", dir.path(), &["1-2-2"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("missing"), "{}", stderr(&run));
    let check = kyodo(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
    // A record that really is missing is still refused.
    fs::remove_file(dir.path().join("content/projects/1-1-2.toml")).unwrap();
    let check = kyodo(&["check"], dir.path());
    assert!(!check.status.success() && stderr(&check).contains("the record is missing"), "{}", stderr(&check));
}

#[test]
fn new_works_in_a_site_whose_other_records_are_broken() {
    let dir = TestSite::fixture();
    let broken = dir.path().join("content/projects/1-1-1.toml");
    let text = fs::read_to_string(&broken).unwrap();
    fs::write(&broken, text.replace("department = \"shimin\"", "department = \"nope\"\nvalue = = 3")).unwrap();
    assert!(!kyodo(&["check"], dir.path()).status.success());
    let run = new_in("en", dir.path(), &["1-2-2"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(dir.path().join("content/projects/1-2-2.toml").exists());
    // Once the broken record is fixed, the new one builds.
    fs::write(&broken, text).unwrap();
    let check = kyodo(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_takes_the_department_and_policy_asked_for_and_refuses_unknown_ones() {
    let dir = TestSite::fixture();
    let run = new_in("en", dir.path(), &["1-2-2", "--department", "koho", "--policy", "1-2"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = fs::read_to_string(dir.path().join("content/projects/1-2-2.toml")).unwrap();
    assert!(text.contains("department = \"koho\"") && text.contains("policy = \"1-2\""), "{text}");
    let run = new_in("en", dir.path(), &["1-2-3", "--department", "nope"]);
    assert!(!run.status.success());
    insta::assert_snapshot!("new_unknown_department_en", stderr(&run));
    assert!(!dir.path().join("content/projects/1-2-3.toml").exists());
}

#[test]
fn new_refuses_to_overwrite_and_refuses_bad_ids() {
    let dir = TestSite::fixture();
    let before = fs::read(dir.path().join("content/projects/1-1-1.toml")).unwrap();
    let run = new_in("en", dir.path(), &["1-1-1"]);
    assert!(!run.status.success());
    insta::assert_snapshot!("new_exists_en", stderr(&run));
    let run = new_in("ja", dir.path(), &["1-1-1"]);
    insta::assert_snapshot!("new_exists_ja", stderr(&run));
    assert_eq!(fs::read(dir.path().join("content/projects/1-1-1.toml")).unwrap(), before);
    // A record of that id in a subfolder counts too.
    fs::create_dir_all(dir.path().join("content/projects/goal2")).unwrap();
    fs::rename(dir.path().join("content/projects/1-2-1.toml"), dir.path().join("content/projects/goal2/1-2-1.toml"))
        .unwrap();
    let run = new_in("en", dir.path(), &["1-2-1"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("goal2/1-2-1.toml exists already"), "{}", stderr(&run));
    assert!(!dir.path().join("content/projects/1-2-1.toml").exists());
    let run = kyodo(&["new", "project", "../evil"], dir.path());
    assert!(!run.status.success());
    assert!(stderr(&run).contains("is not a valid id"));
    assert!(!dir.path().join("content/evil.toml").exists());
    // No temporary file is left behind.
    let left: Vec<_> = fs::read_dir(dir.path().join("content/projects"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn new_needs_only_the_vocabulary_of_a_site_without_records() {
    let dir = TestSite::empty_like(&crate::support::fixture());
    fs::remove_dir(dir.path().join("content/projects")).unwrap();
    let run = new_in("en", dir.path(), &["1-1-1", "--title", "最初の事業"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let check = kyodo(&["check"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
}
