//! Snapshot tests of error messages: one case per class of bad input.
//!
//! Each case copies the valid fixture site, breaks one thing the way a clerk might, and
//! pins the full message `kyodo check` prints. A worse message shows up in review.

use std::fs;
use std::path::Path;

mod common;
use common::fixture_copy as copy_fixture;

fn fixture() -> std::path::PathBuf {
    common::fixture("basic")
}



/// Replaces `from` by `to` in a file of the site; the text must be there.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).expect("fixture file");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// The messages `kyodo check` reports for the site, which must fail.
fn errors_of(root: &Path) -> String {
    match kyodo::check(root) {
        Ok(w) => panic!("expected errors, the site checked fine ({w})"),
        Err(diags) => diags.to_string(),
    }
}

const P1: &str = "content/projects/1-1-1.toml";
const P2: &str = "content/projects/1-2-1.toml";
const VOC: &str = "content/vocabulary.toml";
const SITE: &str = "content/site.toml";

/// (case name, file, text to find, replacement)
const CASES: &[(&str, &str, &str, &str)] = &[
    ("toml_syntax", P1, "code = \"1-(1)-①\"", "code = 1-(1)-①"),
    ("unclosed_string", P2, "title = \"情報発信", "title = 情報発信\""),
    ("unknown_key", P1, "audience =", "audiense ="),
    ("unknown_key_in_indicator", P1, "unit = { ja = \"件\"", "units = { ja = \"件\""),
    ("wrong_type", P1, "related = [\"1-2-1\"]", "related = \"1-2-1\""),
    ("missing_required_field", P2, "department = \"koho\"\n", ""),
    ("unknown_department", P1, "department = \"shimin\"", "department = \"shimn\""),
    ("unknown_related_department", P1, "related_departments = [\"koho\"]", "related_departments = [\"kouhou\"]"),
    ("unknown_grade", P1, "grade = \"a\"", "grade = \"s\""),
    ("unknown_partner", P1, "partners = [\"1\", \"2\"]", "partners = [\"1\", \"7\"]"),
    ("unknown_status", P1, "R6 = \"implement\"", "R6 = \"jisshi\""),
    ("unknown_policy", P2, "policy = \"1-2\"", "policy = \"1-3\""),
    ("bad_fiscal_year", P1, "year = \"R2\"", "year = \"令和二年度\""),
    ("fiscal_year_out_of_range", P1, "year = \"H27\"", "year = \"H35\""),
    ("bad_fiscal_year_in_schedule", P1, "R4 = \"implement\"", "X4 = \"implement\""),
    ("dangling_related_project", P1, "related = [\"1-2-1\"]", "related = [\"1-2-2\"]"),
    ("number_with_unit", P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R8\", value = \"1500件\" }"),
    ("number_with_two_decimal_points", P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R8\", value = \"1.500.0\" }"),
    ("full_width_equals_sign", P1, "audience =", "audience ＝"),
    ("full_width_digits_unquoted", P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R8\", value = １５００ }"),
    ("ideographic_space", P1, "audience =", "audience\u{3000}="),
    ("target_before_baseline", P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R1\", value = 1500 }"),
    ("unknown_direction", P1, "direction = \"increase\"", "direction = \"up\""),
    ("unknown_language_key", P1, "audience = { ja = \"市民・事業者\", en =", "audience = { ja = \"市民・事業者\", eng ="),
    ("text_in_value", P2, "baseline = { year = \"H27\", text = \"実施\" }", "baseline = { year = \"H27\", value = \"実施\" }"),
    ("value_and_text", P2, "baseline = { year = \"H27\", text = \"実施\" }", "baseline = { year = \"H27\", value = 1, text = \"実施\" }"),
    ("no_value", P2, "baseline = { year = \"H27\", text = \"実施\" }", "baseline = { year = \"H27\" }"),
    ("empty_title", P2, "title = \"情報発信<script>alert(1)</script>\"", "title = \"\""),
    ("id_differs_from_file_name", P2, "id = \"1-2-1\"", "id = \"1-2-9\""),
    ("invalid_id", P2, "id = \"1-2-1\"", "id = \"1/2/1\""),
    ("text_table_without_ja", P1, "audience = { ja = \"市民・事業者\", en = \"Residents, businesses\" }", "audience = { en = \"Residents, businesses\" }"),
    ("duplicate_indicator_id", P1, "id = \"rate\"", "id = \"applications\""),
    ("duplicate_report_year", P1, "year = \"R4\"\nachievements", "year = 2023\nachievements"),
    ("duplicate_vocabulary_id", VOC, "id = \"koho\"", "id = \"shimin\""),
    ("bad_municipality_code", SITE, "code = \"122360\"", "code = \"122361\""),
    ("bad_licence", SITE, "id = \"CC-BY-4.0\"", "id = \"CC-BY\""),
    ("bad_base_url", SITE, "reported_years", "base_url = \"www.example.jp\"\nreported_years"),
];

#[test]
fn every_class_of_bad_input_has_a_pinned_message() {
    for (name, file, from, to) in CASES {
        let site = copy_fixture();
        edit(site.path(), file, from, to);
        let message = errors_of(site.path());
        insta::assert_snapshot!(*name, message);
    }
}

#[test]
fn duplicate_project_id_in_two_folders() {
    let site = copy_fixture();
    let dir = site.path().join("content/projects/more");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(site.path().join(P2), dir.join("1-2-1.toml")).unwrap();
    insta::assert_snapshot!("duplicate_project_id", errors_of(site.path()));
}

#[test]
fn a_shift_jis_file_is_refused_with_how_to_save_it() {
    let site = copy_fixture();
    // The record saved by Notepad as "ANSI" on a Japanese Windows: Shift_JIS.
    let text = fs::read_to_string(site.path().join(P2)).unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    fs::write(site.path().join(P2), &sjis).unwrap();
    insta::assert_snapshot!("shift_jis", errors_of(site.path()));
}

#[test]
fn a_binary_file_is_refused_as_not_text() {
    let site = copy_fixture();
    fs::write(site.path().join(P2), b"id = \"1-2-1\"\ntitle = \"\xff\xfe\x00\x81\"\n").unwrap();
    insta::assert_snapshot!("not_utf8", errors_of(site.path()));
}

#[test]
fn full_width_digits_and_spaces_in_numbers_and_years_mean_what_was_meant() {
    let site = copy_fixture();
    edit(site.path(), P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"令和８年度\", value = \"　１，５００　\" }");
    edit(site.path(), P1, "baseline = { year = \"R2\", value = 3,", "baseline = { year = \" R2 \", value = \"３\",");
    let (edited, _) = kyodo::build(site.path()).unwrap_or_else(|d| panic!("{d}"));
    let (plain, _) = kyodo::build(&fixture()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(edited.files["ja/projects/1-1-1.html"], plain.files["ja/projects/1-1-1.html"]);
    assert_eq!(edited.files["data/indicators.csv"], plain.files["data/indicators.csv"]);
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    let kyodo = env!("CARGO_BIN_EXE_kyodo");
    let run = |args: &[&str]| std::process::Command::new(kyodo).args(args).arg("--root").arg(fixture()).output().unwrap();
    let check = run(&["check"]);
    assert!(check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("warning: content/projects/1-2-1.toml: 6 texts without English"), "{stderr}");
    let strict = run(&["check", "--strict"]);
    assert!(!strict.status.success());
    let out = tempfile::tempdir().unwrap();
    let build = std::process::Command::new(kyodo).args(["build", "--strict", "--root"]).arg(fixture()).arg("--out").arg(out.path().join("public")).output().unwrap();
    assert!(!build.status.success());
    assert!(!out.path().join("public").exists(), "--strict must not write anything");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let site = copy_fixture();
    let path = site.path().join(P1);
    let text = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let (with_bom, _) = kyodo::build(site.path()).unwrap_or_else(|d| panic!("{d}"));
    let (plain, _) = kyodo::build(&fixture()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(with_bom.files["ja/projects/1-1-1.html"], plain.files["ja/projects/1-1-1.html"]);
}

#[test]
fn all_problems_of_a_build_are_reported_together() {
    let site = copy_fixture();
    edit(site.path(), P1, "department = \"shimin\"", "department = \"shimn\"");
    edit(site.path(), P1, "grade = \"a\"", "grade = \"s\"");
    edit(site.path(), P2, "policy = \"1-2\"", "policy = \"9-9\"");
    edit(site.path(), SITE, "code = \"122360\"", "code = \"12236\"");
    let message = errors_of(site.path());
    assert!(message.ends_with("4 errors"), "{message}");
    insta::assert_snapshot!("several_errors", message);
}
