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
    (
        "number_with_unit",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = \"1500件\" }",
    ),
    (
        "number_with_two_decimal_points",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = \"1.500.0\" }",
    ),
    ("full_width_equals_sign", P1, "audience =", "audience ＝"),
    (
        "full_width_digits_unquoted",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = １５００ }",
    ),
    ("ideographic_space", P1, "audience =", "audience\u{3000}="),
    (
        "target_before_baseline",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R1\", value = 1500 }",
    ),
    ("unknown_direction", P1, "direction = \"increase\"", "direction = \"up\""),
    (
        "unknown_language_key",
        P1,
        "audience = { ja = \"市民・事業者\", en =",
        "audience = { ja = \"市民・事業者\", eng =",
    ),
    (
        "text_in_value",
        P2,
        "baseline = { year = \"H27\", text = \"実施\" }",
        "baseline = { year = \"H27\", value = \"実施\" }",
    ),
    (
        "value_and_text",
        P2,
        "baseline = { year = \"H27\", text = \"実施\" }",
        "baseline = { year = \"H27\", value = 1, text = \"実施\" }",
    ),
    ("no_value", P2, "baseline = { year = \"H27\", text = \"実施\" }", "baseline = { year = \"H27\" }"),
    ("empty_title", P2, "title = \"情報発信<script>alert(1)</script>\"", "title = \"\""),
    ("id_differs_from_file_name", P2, "id = \"1-2-1\"", "id = \"1-2-9\""),
    ("invalid_id", P2, "id = \"1-2-1\"", "id = \"1/2/1\""),
    (
        "text_table_without_ja",
        P1,
        "audience = { ja = \"市民・事業者\", en = \"Residents, businesses\" }",
        "audience = { en = \"Residents, businesses\" }",
    ),
    ("duplicate_indicator_id", P1, "id = \"rate\"", "id = \"applications\""),
    ("duplicate_report_year", P1, "year = \"R4\"\nachievements", "year = 2023\nachievements"),
    ("duplicate_vocabulary_id", VOC, "id = \"koho\"", "id = \"shimin\""),
    ("bad_municipality_code", SITE, "code = \"122360\"", "code = \"122361\""),
    ("bad_licence", SITE, "id = \"CC-BY-4.0\"", "id = \"CC-BY\""),
    ("bad_base_url", SITE, "reported_years", "base_url = \"www.example.jp\"\nreported_years"),
    ("number_too_large", P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R8\", value = 1e999 }"),
    (
        "integer_too_large",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = 99999999999999999999999999999999999999999 }",
    ),
    (
        "integer_beyond_64_bits",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = -99999999999999999999 }",
    ),
    (
        "integer_above_2_to_the_53",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = 9007199254740993 }",
    ),
    ("number_too_small", P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R8\", value = 1e-999 }"),
    (
        "too_many_digits_in_quotes",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = \"１２，３４５，６７８，９０１，２３４，５６７，８９０\" }",
    ),
    (
        "exponent_in_quotes",
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = \"1e999\" }",
    ),
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
    edit(
        site.path(),
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"令和８年度\", value = \"　１，５００　\" }",
    );
    edit(site.path(), P1, "baseline = { year = \"R2\", value = 3,", "baseline = { year = \" R2 \", value = \"３\",");
    let (edited, _) = kyodo::build(site.path()).unwrap_or_else(|d| panic!("{d}"));
    let (plain, _) = kyodo::build(&fixture()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(edited.files["ja/projects/1-1-1.html"], plain.files["ja/projects/1-1-1.html"]);
    assert_eq!(edited.files["data/indicators.csv"], plain.files["data/indicators.csv"]);
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    let kyodo = env!("CARGO_BIN_EXE_kyodo");
    let run =
        |args: &[&str]| std::process::Command::new(kyodo).args(args).arg("--root").arg(fixture()).output().unwrap();
    let check = run(&["check"]);
    assert!(check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("warning: content/projects/1-2-1.toml: 6 texts without English"), "{stderr}");
    let strict = run(&["check", "--strict"]);
    assert!(!strict.status.success());
    let out = tempfile::tempdir().unwrap();
    let build = std::process::Command::new(kyodo)
        .args(["build", "--strict", "--root"])
        .arg(fixture())
        .arg("--out")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
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

#[test]
fn numbers_that_cannot_be_kept_exactly_are_refused_and_the_rest_kept_as_written() {
    // 2^53 itself and numbers with 15 significant digits are kept exactly.
    let site = copy_fixture();
    edit(
        site.path(),
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = 9007199254740992 }",
    );
    edit(
        site.path(),
        P1,
        "actuals = [{ year = \"R5\", value = 60.5 }]",
        "actuals = [{ year = \"R5\", value = 0.123456789012 }]",
    );
    let (built, _) = kyodo::build(site.path()).unwrap_or_else(|d| panic!("{d}"));
    let csv = String::from_utf8_lossy(&built.files["data/indicators.csv"]).into_owned();
    assert!(csv.contains(",9007199254740992,"), "{csv}");
    assert!(csv.contains(",0.123456789012,"), "{csv}");
}

#[test]
fn base_url_is_an_absolute_http_address_and_nothing_else() {
    let bad = [
        "javascript:alert(1)",
        "ftp://www.city.example.lg.jp/kyodo/",
        "/kyodo/",
        "https://www.city.example.lg.jp/my kyodo/",
        " https://www.city.example.lg.jp/kyodo/ ",
        "https://www.city.example.lg.jp/kyodo/\"><script>",
        "https://www.city.example.lg.jp/<b>/",
        "https://",
        "https://clerk:secret@www.city.example.lg.jp/kyodo/",
        "https://www.city.example.lg.jp/kyodo/?page=1",
        "https://www.city.example.lg.jp/市政/kyodo/",
    ];
    let mut messages = String::new();
    for url in bad {
        let site = copy_fixture();
        let line = format!("base_url = {}\nreported_years", toml::Value::from(url));
        edit(site.path(), SITE, "reported_years", &line);
        messages.push_str(&errors_of(site.path()));
        messages.push_str("\n\n");
    }
    insta::assert_snapshot!("bad_base_urls", messages);
    let site = copy_fixture();
    edit(site.path(), SITE, "reported_years", "base_url = \"https://www.city.example.lg.jp/kyodo\"\nreported_years");
    kyodo::check(site.path()).unwrap_or_else(|d| panic!("{d}"));
}

/// `text` in UTF-16, little- or big-endian, with or without a byte-order mark.
fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units.flat_map(|u| if little_endian { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
}

#[test]
fn a_utf16_file_is_named_as_utf16_with_how_to_save_it() {
    let site = copy_fixture();
    for (file, little_endian, bom) in [(P1, true, true), (P2, false, true), (VOC, true, false)] {
        let text = fs::read_to_string(site.path().join(file)).unwrap();
        fs::write(site.path().join(file), utf16(&text, little_endian, bom)).unwrap();
    }
    let message = errors_of(site.path());
    assert!(!message.contains("Shift_JIS"), "{message}");
    insta::assert_snapshot!("utf16", message);
}

#[test]
fn control_characters_from_a_file_never_reach_the_terminal() {
    let site = copy_fixture();
    // Raw in a text (not allowed in TOML), and written as escapes in a value that the
    // message repeats.
    edit(
        site.path(),
        P1,
        "lead_note = { ja = \"サポートセンター\"",
        "lead_note = { ja = \"サポート\u{1b}[2Jセンター\0\"",
    );
    edit(site.path(), P2, "department = \"koho\"", "department = \"ko\\u001b[2Jho\\u0000\\u009b\\u202e\"");
    let message = errors_of(site.path());
    assert!(!message.contains(['\u{1b}', '\0', '\u{9b}', '\u{202e}']), "{message:?}");
    insta::assert_snapshot!("control_characters", message);
}

/// Writes `names` into the projects folder, each holding a copy of a valid record.
fn add_files(root: &Path, names: &[&str]) {
    for name in names {
        let path = root.join("content/projects").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::copy(root.join(P2), path).unwrap();
    }
}

#[test]
fn names_meant_as_records_are_errors_naming_the_name_to_use() {
    let site = copy_fixture();
    add_files(
        site.path(),
        &[
            "1-1-2.toml.txt",
            "1-1-3.TOML",
            "1-1-4.Toml",
            "1-1-5.toml ",
            "1-1-6.toml.",
            "1-1-7．ｔｏｍｌ",
            "1-2-1.toml.txt",
            "more/1-3-1.toml.txt",
            "1-1-8.toml.lnk",
        ],
    );
    insta::assert_snapshot!("names_meant_as_records", errors_of(site.path()));
}

#[test]
fn a_record_saved_by_notepad_as_toml_txt_stops_the_build() {
    let site = copy_fixture();
    fs::rename(site.path().join(P2), site.path().join("content/projects/1-2-1.toml.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_kyodo"))
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success(), "{stderr}");
    assert!(stderr.contains("error: content/projects/1-2-1.toml.txt: not read as a project record"), "{stderr}");
    assert!(stderr.contains("rename it to 1-2-1.toml"), "{stderr}");
    // 1-1-1 links to 1-2-1: the one problem is reported once.
    assert!(stderr.contains("1 error") && !stderr.contains("unknown project"), "{stderr}");
    assert!(!out.path().join("public").exists());
}

#[test]
fn other_files_in_the_projects_folder_are_warnings() {
    let site = copy_fixture();
    add_files(
        site.path(),
        &[
            "README.txt",
            "notes.xlsx",
            "1-1-1.toml.bak",
            "1-1-1.toml~",
            ".1-1-1.toml.swp",
            "1-1-9.txt",
            "1-1-9.toml.orig",
            "Thumbs.db",
            "old/.DS_Store",
        ],
    );
    let warnings = kyodo::check(site.path()).unwrap_or_else(|d| panic!("{d}"));
    let shown = warnings.to_string();
    assert!(!shown.contains("Thumbs.db") && !shown.contains(".DS_Store"), "{shown}");
    insta::assert_snapshot!("files_that_are_not_records", shown);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed_and_never_skipped_silently() {
    use std::os::unix::fs::symlink;
    let site = copy_fixture();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("1-3-1.toml"), fs::read(site.path().join(P2)).unwrap()).unwrap();
    fs::write(elsewhere.path().join("notes.txt"), "notes").unwrap();
    let projects = site.path().join("content/projects");
    symlink(elsewhere.path().join("1-3-1.toml"), projects.join("1-3-1.toml")).unwrap();
    symlink(elsewhere.path(), projects.join("shared")).unwrap();
    symlink(elsewhere.path().join("notes.txt"), projects.join("notes.txt")).unwrap();
    symlink("nowhere", projects.join(".#1-1-1.toml")).unwrap();
    let message = errors_of(site.path());
    assert!(message.ends_with("2 errors"), "{message}");
    insta::assert_snapshot!("symbolic_links", message);
    // Without the links that would leave records out, the others are warnings.
    fs::remove_file(projects.join("1-3-1.toml")).unwrap();
    fs::remove_file(projects.join("shared")).unwrap();
    let warnings = kyodo::check(site.path()).unwrap_or_else(|d| panic!("{d}")).to_string();
    assert!(
        warnings.contains("warning: content/projects/notes.txt: a symbolic link, which kyodo does not follow"),
        "{warnings}"
    );
    assert!(warnings.contains("warning: content/projects/.#1-1-1.toml: a symbolic link"), "{warnings}");
}

#[test]
fn an_empty_projects_folder_is_an_error_not_an_empty_site() {
    let site = copy_fixture();
    fs::remove_file(site.path().join(P1)).unwrap();
    fs::remove_file(site.path().join(P2)).unwrap();
    insta::assert_snapshot!("no_project_records", errors_of(site.path()));
    // The commands that add the first records still work on it.
    let kyodo = env!("CARGO_BIN_EXE_kyodo");
    let new = std::process::Command::new(kyodo)
        .args(["new", "project", "1-1-1", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(new.status.success(), "{}", String::from_utf8_lossy(&new.stderr));
    assert!(site.path().join(P1).exists());
}

#[test]
fn the_preview_reports_a_misnamed_record_and_recovers_once_it_is_renamed() {
    let site = copy_fixture();
    let mut preview = kyodo::preview::Preview::new(site.path());
    preview.rebuild(&[]).unwrap_or_else(|d| panic!("{d}"));
    let misnamed = site.path().join("content/projects/1-2-1.toml.txt");
    fs::rename(site.path().join(P2), &misnamed).unwrap();
    let failed = preview.rebuild(&[site.path().join(P2), misnamed.clone()]).expect_err("a misnamed record");
    assert!(failed.to_string().contains("rename it to 1-2-1.toml"), "{failed}");
    // Editing another record rebuilds only what changed, and the misnamed one is still
    // reported: the site is not shown without it.
    edit(site.path(), P1, "市民活動支援補助金の充実", "市民活動支援補助金の拡充");
    let failed = preview.rebuild(&[site.path().join(P1)]).expect_err("still a misnamed record");
    assert!(failed.to_string().contains("rename it to 1-2-1.toml"), "{failed}");
    fs::rename(&misnamed, site.path().join(P2)).unwrap();
    preview.rebuild(&[site.path().join(P2), misnamed]).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn a_theme_missing_a_ui_string_or_with_an_unknown_one_fails_naming_the_file_and_key() {
    let site = copy_fixture();
    let theme = site.path().join("themes/default");
    common::copy_dir(&common::repo().join("themes/default"), &theme);
    edit(site.path(), "themes/default/i18n/en.toml", "untranslated = \"Not yet translated\"\n", "");
    edit(site.path(), "themes/default/i18n/ja.toml", "trend = ", "trends = ");
    insta::assert_snapshot!("ui_strings", errors_of(site.path()));
}
