//! `kyodo new project`: a commented record that checks once its title is filled in.

use std::fs;

use crate::support::{TestSite, kyodo};

#[test]
fn a_new_record_lists_the_vocabulary_and_checks_once_filled_in() {
    let dir = TestSite::fixture();
    let run = kyodo(&["new", "project", "1-2-2", "--title", "新しい事業"], dir.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = fs::read_to_string(dir.path().join("content/projects/1-2-2.toml")).unwrap();
    for expected in [
        "#   shimin = 市民活動推進課",
        "#   koho = 広報課",
        "#   1-1 = 1-(1) 活動の支援",
        "implement (実施)",
        "# grade = \"\"        # one of: a, b",
        "1 (①)",
        "title = { ja = \"新しい事業\", en = \"\" }",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The indicator needs a name before the site checks.
    let check = kyodo(&["check"], dir.path());
    assert!(!check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("indicators[0].name: the indicator has no name"));
    fs::write(
        dir.path().join("content/projects/1-2-2.toml"),
        text.replace("name = { ja = \"\", en = \"\" }", "name = { ja = \"参加者数\", en = \"Participants\" }"),
    )
    .unwrap();
    let check = kyodo(&["check"], dir.path());
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(kyodo(&["build"], dir.path()).status.success());
}

#[test]
fn without_a_title_the_check_says_what_to_write() {
    let dir = TestSite::fixture();
    assert!(kyodo(&["new", "project", "1-2-2"], dir.path()).status.success());
    let check = kyodo(&["check"], dir.path());
    assert!(String::from_utf8_lossy(&check.stderr).contains("title: the title is empty"));
}

#[test]
fn new_refuses_to_overwrite_and_refuses_bad_ids() {
    let dir = TestSite::fixture();
    let run = kyodo(&["new", "project", "1-1-1"], dir.path());
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("exists already"));
    let run = kyodo(&["new", "project", "../evil"], dir.path());
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not a valid id"));
    assert!(!dir.path().join("content/evil.toml").exists());
}
