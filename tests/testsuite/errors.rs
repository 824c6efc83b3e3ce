//! Snapshot tests of error messages: one case per class of bad input.
//!
//! Each case copies the valid fixture site, breaks one thing the way a clerk might, and
//! pins the full message `kyodo check` prints, in English and in Japanese (`…_ja`
//! snapshots). A worse message shows up in review.
//!
//! Most cases are a file in `errors/`: text to find in a file of the site and what to
//! replace it with (`[[edit]]`, in order), files to copy (`[[copy]]`), and
//! `copy_default_theme = true` to break a theme; the snapshots are
//! `snapshots/testsuite__errors__message@<case>.toml.snap` and `…message_ja@…` for the
//! Japanese. To add one, write the file and run `cargo insta review`. Bad input that is not a text edit (encodings, file names,
//! symbolic links) has a test of its own below.

use std::fs;
use std::path::Path;

use kyodo::Diagnostics;
use kyodo::msg::Lang;
use serde::Deserialize;

use crate::support::{TestSite, fixture, kyodo};

/// A case file of `errors/`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Copies kyodo's default theme into the site first, so that edits can break it.
    #[serde(default)]
    copy_default_theme: bool,
    #[serde(default)]
    copy: Vec<Copy>,
    #[serde(default)]
    edit: Vec<Edit>,
}

/// Copies a file of the site to another path in it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Copy {
    from: String,
    to: String,
}

/// Replaces the first `find` in `file` by `replace`; `find` must be there.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
}

impl Case {
    fn read(path: &Path) -> Case {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The fixture site with the case's changes.
    fn site(&self) -> TestSite {
        let site = TestSite::fixture();
        if self.copy_default_theme {
            site.with_default_theme();
        }
        for c in &self.copy {
            site.write(&c.to, site.read(&c.from));
        }
        for e in &self.edit {
            site.edit(&e.file, &e.find, &e.replace);
        }
        site
    }
}

/// Text from a file may hold anything; what reaches the terminal holds no control
/// character but line breaks, and no character that reorders the text around it.
fn unsafe_for_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Pins the diagnostics in English (`name`) and in Japanese (`name_ja`).
fn pin(name: &str, diags: &Diagnostics) {
    insta::assert_snapshot!(name.to_owned(), diags.render(Lang::En));
    insta::assert_snapshot!(format!("{name}_ja"), diags.render(Lang::Ja));
}

#[test]
fn every_case_has_its_pinned_message() {
    insta::glob!("errors/*.toml", |path| {
        let diags = Case::read(path).site().diagnostics();
        for (name, lang) in [("message", Lang::En), ("message_ja", Lang::Ja)] {
            let message = diags.render(lang);
            assert!(!message.contains(unsafe_for_a_terminal), "{message:?}");
            insta::assert_snapshot!(name, message);
        }
    });
}

const P1: &str = "content/projects/1-1-1.toml";
const P2: &str = "content/projects/1-2-1.toml";
const VOC: &str = "content/vocabulary.toml";
const SITE: &str = "content/site.toml";

#[test]
fn a_shift_jis_file_is_refused_with_how_to_save_it() {
    let site = TestSite::fixture();
    // The record saved by Notepad as "ANSI" on a Japanese Windows: Shift_JIS.
    let text = site.read(P2);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    site.write(P2, &sjis);
    pin("shift_jis", &site.diagnostics());
}

#[test]
fn a_binary_file_is_refused_as_not_text() {
    let site = TestSite::fixture();
    site.write(P2, b"id = \"1-2-1\"\ntitle = \"\xff\xfe\x00\x81\"\n");
    pin("not_utf8", &site.diagnostics());
}

/// `text` in UTF-16, little- or big-endian, with or without a byte-order mark.
fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units.flat_map(|u| if little_endian { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
}

#[test]
fn a_utf16_file_is_named_as_utf16_with_how_to_save_it() {
    let site = TestSite::fixture();
    for (file, little_endian, bom) in [(P1, true, true), (P2, false, true), (VOC, true, false)] {
        site.write(file, utf16(&site.read(file), little_endian, bom));
    }
    let diags = site.diagnostics();
    for lang in Lang::ALL {
        assert!(!diags.render(lang).contains("Shift_JIS"), "{}", diags.render(lang));
    }
    pin("utf16", &diags);
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let site = TestSite::fixture();
    let text = site.read(P1).replace('\n', "\r\n");
    site.write(P1, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
    let plain = crate::support::built(&fixture());
    assert_eq!(site.build().files["ja/projects/1-1-1.html"], plain.files["ja/projects/1-1-1.html"]);
}

#[test]
fn full_width_digits_and_spaces_in_numbers_and_years_mean_what_was_meant() {
    let site = TestSite::fixture();
    site.edit(
        P1,
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"令和８年度\", value = \"　１，５００　\" }",
    );
    site.edit(P1, "baseline = { year = \"R2\", value = 3,", "baseline = { year = \" R2 \", value = \"３\",");
    let (edited, plain) = (site.build(), crate::support::built(&fixture()));
    assert_eq!(edited.files["ja/projects/1-1-1.html"], plain.files["ja/projects/1-1-1.html"]);
    assert_eq!(edited.files["data/indicators.csv"], plain.files["data/indicators.csv"]);
}

#[test]
fn numbers_that_cannot_be_kept_exactly_are_refused_and_the_rest_kept_as_written() {
    // 2^53 itself and numbers with 15 significant digits are kept exactly.
    let site = TestSite::fixture();
    site.edit(P1, "target = { year = \"R8\", value = 1500 }", "target = { year = \"R8\", value = 9007199254740992 }");
    site.edit(
        P1,
        "actuals = [{ year = \"R5\", value = 60.5 }]",
        "actuals = [{ year = \"R5\", value = 0.123456789012 }]",
    );
    let built = site.build();
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
    let (mut messages, mut messages_ja) = (String::new(), String::new());
    for url in bad {
        let site = TestSite::fixture();
        site.edit(SITE, "reported_years", &format!("base_url = {}\nreported_years", toml::Value::from(url)));
        let diags = site.diagnostics();
        messages.push_str(&diags.render(Lang::En));
        messages.push_str("\n\n");
        messages_ja.push_str(&diags.render(Lang::Ja));
        messages_ja.push_str("\n\n");
    }
    insta::assert_snapshot!("bad_base_urls", messages);
    insta::assert_snapshot!("bad_base_urls_ja", messages_ja);
    let site = TestSite::fixture();
    site.edit(SITE, "reported_years", "base_url = \"https://www.city.example.lg.jp/kyodo\"\nreported_years");
    site.warnings();
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    let check = kyodo(&["check"], &fixture());
    assert!(check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("warning: content/projects/1-2-1.toml: 6 texts without English"), "{stderr}");
    assert!(!kyodo(&["check", "--strict"], &fixture()).status.success());
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build = kyodo(&["build", "--strict", "--out", public.to_str().unwrap()], &fixture());
    assert!(!build.status.success());
    assert!(!public.exists(), "--strict must not write anything");
}

/// Writes `names` into the projects folder, each holding a copy of a valid record.
fn add_files(site: &TestSite, names: &[&str]) {
    let record = site.read(P2);
    for name in names {
        site.write(&format!("content/projects/{name}"), &record);
    }
}

#[test]
fn names_meant_as_records_are_errors_naming_the_name_to_use() {
    let site = TestSite::fixture();
    add_files(
        &site,
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
    pin("names_meant_as_records", &site.diagnostics());
}

#[test]
fn a_record_saved_by_notepad_as_toml_txt_stops_the_build() {
    let site = TestSite::fixture();
    fs::rename(site.path().join(P2), site.path().join("content/projects/1-2-1.toml.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let build = kyodo(&["build", "--out", public.to_str().unwrap()], site.path());
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!build.status.success(), "{stderr}");
    assert!(stderr.contains("error: content/projects/1-2-1.toml.txt: not read as a project record"), "{stderr}");
    assert!(stderr.contains("rename it to 1-2-1.toml"), "{stderr}");
    // 1-1-1 links to 1-2-1: the one problem is reported once.
    assert!(stderr.contains("1 error") && !stderr.contains("unknown project"), "{stderr}");
    assert!(!public.exists());
}

#[test]
fn other_files_in_the_projects_folder_are_warnings() {
    let site = TestSite::fixture();
    add_files(
        &site,
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
    let warnings = kyodo::check(site.path()).unwrap_or_else(|d| panic!("{}", d.render(Lang::En)));
    let shown = warnings.render(Lang::En);
    assert!(!shown.contains("Thumbs.db") && !shown.contains(".DS_Store"), "{shown}");
    pin("files_that_are_not_records", &warnings);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed_and_never_skipped_silently() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("1-3-1.toml"), site.read(P2)).unwrap();
    fs::write(elsewhere.path().join("notes.txt"), "notes").unwrap();
    let projects = site.path().join("content/projects");
    symlink(elsewhere.path().join("1-3-1.toml"), projects.join("1-3-1.toml")).unwrap();
    symlink(elsewhere.path(), projects.join("shared")).unwrap();
    symlink(elsewhere.path().join("notes.txt"), projects.join("notes.txt")).unwrap();
    symlink("nowhere", projects.join(".#1-1-1.toml")).unwrap();
    let diags = site.diagnostics();
    let message = diags.render(Lang::En);
    assert!(message.ends_with("2 errors"), "{message}");
    assert!(diags.render(Lang::Ja).ends_with("エラーが2件あります。"), "{}", diags.render(Lang::Ja));
    pin("symbolic_links", &diags);
    // Without the links that would leave records out, the others are warnings.
    fs::remove_file(projects.join("1-3-1.toml")).unwrap();
    fs::remove_file(projects.join("shared")).unwrap();
    let warnings = site.warnings();
    assert!(
        warnings.contains("warning: content/projects/notes.txt: a symbolic link, which kyodo does not follow"),
        "{warnings}"
    );
    assert!(warnings.contains("warning: content/projects/.#1-1-1.toml: a symbolic link"), "{warnings}");
}

#[test]
fn an_empty_projects_folder_is_an_error_not_an_empty_site() {
    let site = TestSite::fixture();
    fs::remove_file(site.path().join(P1)).unwrap();
    fs::remove_file(site.path().join(P2)).unwrap();
    pin("no_project_records", &site.diagnostics());
    // The commands that add the first records still work on it.
    let new = kyodo(&["new", "project", "1-1-1"], site.path());
    assert!(new.status.success(), "{}", String::from_utf8_lossy(&new.stderr));
    assert!(site.path().join(P1).exists());
}

#[test]
fn the_preview_reports_a_misnamed_record_and_recovers_once_it_is_renamed() {
    let site = TestSite::fixture();
    let mut preview = kyodo::preview::Preview::new(site.path());
    preview.rebuild(&[]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let misnamed = site.path().join("content/projects/1-2-1.toml.txt");
    fs::rename(site.path().join(P2), &misnamed).unwrap();
    let failed = preview.rebuild(&[site.path().join(P2), misnamed.clone()]).expect_err("a misnamed record");
    assert!(
        failed.render(kyodo::msg::Lang::En).contains("rename it to 1-2-1.toml"),
        "{}",
        failed.render(kyodo::msg::Lang::En)
    );
    // Editing another record rebuilds only what changed, and the misnamed one is still
    // reported: the site is not shown without it.
    site.edit(P1, "市民活動支援補助金の充実", "市民活動支援補助金の拡充");
    let failed = preview.rebuild(&[site.path().join(P1)]).expect_err("still a misnamed record");
    assert!(
        failed.render(kyodo::msg::Lang::En).contains("rename it to 1-2-1.toml"),
        "{}",
        failed.render(kyodo::msg::Lang::En)
    );
    fs::rename(&misnamed, site.path().join(P2)).unwrap();
    preview.rebuild(&[site.path().join(P2), misnamed]).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
}
