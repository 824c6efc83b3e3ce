//! Several fiscal years in one site, editions and corrections, on the fixture
//! `tests/fixtures/years`: three reported years (R4–R6), the report of R5 frozen on
//! 2024-06-28 (its edition committed in `content/editions/2023/`, made by `kyodo freeze`),
//! one correction of it, and a department renamed in R5.

use std::fs;
use std::path::{Path, PathBuf};

use kyodo::Diagnostics;
use kyodo::msg::Lang;

use crate::support::{TestSite, build, built, html, kyodo, text};

const P1: &str = "content/projects/1-1-1.toml";
const P3: &str = "content/projects/1-2-1.toml";
const EDITION: &str = "content/editions/2023";

fn years() -> PathBuf {
    crate::support::repo().join("tests/fixtures/years")
}

/// Pins the diagnostics in English (`name`) and in Japanese (`name_ja`).
fn pin(name: &str, diags: &Diagnostics) {
    insta::assert_snapshot!(name.to_owned(), diags.render(Lang::En));
    insta::assert_snapshot!(format!("{name}_ja"), diags.render(Lang::Ja));
}

/// The files of the committed edition, by name (without kyodo's own record).
fn edition_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(root.join(EDITION))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .filter(|(n, _)| n != "edition.json")
        .collect();
    files.sort();
    files
}

#[test]
fn the_years_site_output_is_as_pinned() {
    let (output, warnings) = kyodo::build(&years()).unwrap_or_else(|d| panic!("{}", d.render(Lang::En)));
    insta::assert_snapshot!("years_warnings", warnings.render(Lang::En));
    let listing: Vec<&str> = output.files.keys().map(String::as_str).filter(|p| !p.starts_with("assets/")).collect();
    insta::assert_snapshot!("years_files", listing.join("\n"));
    let pinned = [
        "ja/index.html",
        "ja/years/2022/index.html",
        "ja/years/2023/index.html",
        "ja/years/2024/index.html",
        "en/years/2022/projects.html",
        "ja/years/2023/projects.html",
        "ja/projects/1-1-1.html",
        "en/projects/1-1-1.html",
        "ja/data.html",
        "en/about.html",
        "ja/feed.xml",
        "en/feed.xml",
        "data/corrections.csv",
        "data/indicators.csv",
        "data/reports.csv",
        "data/datapackage.json",
        "data/catalog.jsonld",
        "data/projects/1-1-1.json",
    ];
    for path in pinned {
        let page = text(&output, path);
        let name = format!("years_{}", path.replace(['/', '.'], "_"));
        if html::has_layout(page) {
            insta::assert_snapshot!(name, html::region(page));
        } else {
            insta::assert_snapshot!(name, page);
        }
    }
}

#[test]
fn the_edition_is_published_byte_for_byte_as_it_was_frozen() {
    let output = built(&years());
    let files = edition_files(&years());
    assert_eq!(files.len(), 12);
    for (name, bytes) in &files {
        let published = &output.files[&format!("data/editions/2023/{name}")];
        assert_eq!(published, bytes, "{name}");
    }
    // The edition keeps the published figure; data/ carries the corrected one.
    let edition = String::from_utf8(files.iter().find(|(n, _)| n == "indicators.csv").unwrap().1.clone()).unwrap();
    assert!(edition.contains("実績値,actual,2023,令和5年度,5,"), "{edition}");
    assert!(text(output, "data/indicators.csv").contains("実績値,actual,2023,令和5年度,6,"));
    assert!(!output.files.keys().any(|p| p.ends_with("edition.json")), "kyodo's own record is not published");
}

#[test]
fn freezing_again_makes_the_committed_edition_byte_for_byte() {
    let site = TestSite::copy_of(&years());
    fs::remove_dir_all(site.path().join(EDITION)).unwrap();
    // The records as they were when R5 was frozen: before the correction.
    let record = site.read(P1);
    let before = &record[..record.find("\n# The edition of 令和5年度 published").unwrap()];
    site.write(P1, format!("{}\n", before.replace("{ year = \"R5\", value = 6 }", "{ year = \"R5\", value = 5 }")));
    let out = kyodo(&["freeze", "令和5年度", "--date", "2024-06-28"], site.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(edition_files(site.path()), edition_files(&years()));
    assert_eq!(
        site.read(&format!("{EDITION}/edition.json")),
        fs::read_to_string(years().join(EDITION).join("edition.json")).unwrap()
    );
    let names: Vec<String> = fs::read_dir(site.path().join("content/editions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2023"], "no staging folder is left behind");
}

/// What `kyodo freeze` prints when it refuses, with the site left as it was.
fn refused_freeze(site: &TestSite, args: &[&str]) -> String {
    let before = crate::support::records::record_files(site.path());
    let editions: Vec<_> =
        fs::read_dir(site.path().join("content/editions")).unwrap().map(|e| e.unwrap().file_name()).collect();
    let out = kyodo(args, site.path());
    assert!(!out.status.success(), "{args:?} succeeded");
    assert_eq!(crate::support::records::record_files(site.path()), before);
    let after: Vec<_> =
        fs::read_dir(site.path().join("content/editions")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(after, editions, "{args:?} wrote into content/editions");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Pins what `kyodo freeze` prints when it refuses, in English (`name`) and in Japanese
/// (`name_ja`).
fn pin_refusal(site: &TestSite, name: &str, args: &[&str]) {
    insta::assert_snapshot!(name.to_owned(), refused_freeze(site, args));
    insta::assert_snapshot!(format!("{name}_ja"), refused_freeze(site, &[&["--lang", "ja"], args].concat()));
}

#[test]
fn freeze_refuses_a_year_not_reported_one_frozen_and_a_site_that_does_not_check() {
    let site = TestSite::copy_of(&years());
    pin_refusal(&site, "freeze_not_reported", &["freeze", "R3", "--date", "2025-07-01"]);
    pin_refusal(&site, "freeze_frozen_already", &["freeze", "2023", "--date", "2025-07-01"]);
    pin_refusal(&site, "freeze_bad_year", &["freeze", "R5x", "--date", "2025-07-01"]);
    pin_refusal(&site, "freeze_bad_date", &["freeze", "R6", "--date", "2025-13-01"]);
    site.edit(P3, "grade = \"a\"", "grade = \"z\"");
    pin_refusal(&site, "freeze_site_with_errors", &["freeze", "R6", "--date", "2025-07-01"]);
}

#[test]
fn freezing_a_year_publishes_it_and_lists_it() {
    let site = TestSite::copy_of(&years());
    let out = kyodo(&["freeze", "R6", "--date", "2025-07-01"], site.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("freeze_done", String::from_utf8_lossy(&out.stderr));
    let japanese = TestSite::copy_of(&years());
    let out = kyodo(&["--lang", "ja", "freeze", "R6", "--date", "2025-07-01"], japanese.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("freeze_done_ja", String::from_utf8_lossy(&out.stderr));
    for name in ["edition.json", "datapackage.json", "indicators.csv", "reports.csv"] {
        let file = format!("content/editions/2024/{name}");
        assert_eq!(japanese.read(&file), site.read(&file), "the language changes no edition: {name}");
    }
    let output = site.build();
    let package = text(&output, "data/editions/2024/datapackage.json");
    assert!(
        package.contains("\"version\": \"2024.0.0\"") && package.contains("\"created\": \"2025-07-01T00:00:00Z\""),
        "{package}"
    );
    assert!(text(&output, "ja/data.html").contains("令和6年度（2024年度）版"));
    assert!(text(&output, "data/catalog.jsonld").contains("\"editions/2024/datapackage.json\""));
    // R6 values are now stated by the R6 edition.
    assert!(text(&output, "data/indicators.csv").contains(
        "実績値,actual,2024,令和6年度,8,,,71.4,順調,on-track,,,,,2024,令和6年度,editions/2024/datapackage.json"
    ));
}

#[test]
fn a_changed_frozen_value_is_refused_with_the_correction_to_add() {
    let site = TestSite::copy_of(&years());
    site.edit(P3, "{ year = \"R5\", value = 31 }", "{ year = \"R5\", value = 32 }");
    site.edit(P3, "year = \"R5\"\ngrade = \"b\"", "year = \"R5\"\ngrade = \"a\"");
    pin("changed_frozen_value", &site.diagnostics());
}

#[test]
fn a_changed_frozen_text_is_refused_but_english_is_not_compared() {
    let site = TestSite::copy_of(&years());
    site.edit(
        P3,
        "achievements = { ja = \"広報紙に31件掲載しました。\" }",
        "achievements = { ja = \"広報紙に31件掲載しました。\", en = \"31 articles in the newsletter.\" }",
    );
    site.edit(P1, "en = \"Applications rose.\"", "en = \"Applications increased.\"");
    site.edit(
        "content/site.toml",
        "reported_years",
        "base_url = \"https://www.city.example.lg.jp/kyodo/\"\nreported_years",
    );
    assert_eq!(site.warnings(), "no problems found", "adding or improving English changes no published value");
    let output = site.build();
    assert!(text(&output, "data/reports.csv").contains("31 articles in the newsletter."));
    let edition = String::from_utf8(output.files["data/editions/2023/reports.csv"].clone()).unwrap();
    assert!(!edition.contains("31 articles"), "the edition keeps the English it was published with");
    site.edit(P3, "ja = \"広報紙に31件掲載しました。\"", "ja = \"広報紙に三十一件掲載しました。\"");
    pin("changed_frozen_text", &site.diagnostics());
}

#[test]
fn the_correction_is_shown_and_published() {
    let output = built(&years());
    let page = text(output, "ja/projects/1-1-1.html");
    assert!(page.contains("<h2 id=\"corrections\">訂正</h2>"), "{page}");
    assert!(page.contains("<code>indicators.applications.actuals.R5</code>"));
    assert!(page.contains("集計漏れが1件あったため"));
    let csv = text(output, "data/corrections.csv");
    assert!(csv.contains("122360,1-1-1,テスト市,1,2024-09-01,2023,令和5年度,indicators.applications.actuals.R5,5,6,集計漏れが1件あったため"), "{csv}");
    let package = text(output, "data/datapackage.json");
    assert!(package.contains("\"version\": \"2024.1.0\""), "one correction bumps the minor version");
    assert!(
        package.contains("\"created\": \"2023-06-30T00:00:00Z\"")
            && package.contains("\"modified\": \"2025-06-30T00:00:00Z\"")
    );
}

#[test]
fn a_correction_that_matches_no_change_is_refused() {
    let site = TestSite::copy_of(&years());
    let stale = "\n[[corrections]]\ndate = \"2024-10-01\"\nedition = \"R5\"\nfield = \"reports.R5.grade\"\nold = \"b\"\nnew = \"a\"\nreason = \"評価の誤り\"\n";
    site.write(P3, format!("{}{stale}", site.read(P3)));
    let wrong_old = "\n[[corrections]]\ndate = \"2024-10-01\"\nedition = \"R5\"\nfield = \"indicators.applications.actuals.2023\"\nold = 4\nnew = 6\nreason = \"集計誤り\"\n";
    site.edit(
        P1,
        "\n# The edition of 令和5年度 published",
        &format!("{wrong_old}\n# The edition of 令和5年度 published"),
    );
    let bad =
        "\n[[corrections]]\ndate = \"2024-10-01\"\nedition = \"R4\"\nfield = \"reports.R4.title\"\nreason = \"\"\n";
    site.write(P1, format!("{}{bad}", site.read(P1)));
    pin("stale_and_wrong_corrections", &site.diagnostics());
}

#[test]
fn a_removed_report_or_record_of_a_frozen_year_is_refused() {
    let site = TestSite::copy_of(&years());
    let record = site.read(P3);
    let start = record.find("[[reports]]\nyear = \"R5\"").unwrap();
    let end = start + record[start..].find("[[reports]]\nyear = \"R6\"").unwrap();
    site.write(P3, format!("{}{}", &record[..start], &record[end..]));
    fs::remove_file(site.path().join("content/projects/1-1-2.toml")).unwrap();
    pin("removed_report_and_record", &site.diagnostics());
}

#[test]
fn a_damaged_or_hand_edited_edition_is_reported() {
    let site = TestSite::copy_of(&years());
    site.edit(&format!("{EDITION}/reports.csv"), "31件", "32件");
    site.write(&format!("{EDITION}/notes.txt"), "my notes");
    site.write("content/editions/2021.txt", "?");
    pin("damaged_edition", &site.diagnostics());
    let site = TestSite::copy_of(&years());
    site.edit(&format!("{EDITION}/edition.json"), "\"fiscal_year\": 2023,", "\"fiscal_year\": 2023");
    pin("damaged_edition_record", &site.diagnostics());
    let site = TestSite::copy_of(&years());
    site.edit("content/site.toml", "reported_years = [\"R4\", \"R5\", \"R6\"]", "reported_years = [\"R4\", \"R6\"]");
    pin("edition_of_a_year_not_reported", &site.diagnostics());
}

#[test]
fn a_renamed_department_keeps_its_old_name_in_its_years() {
    let output = built(&years());
    let r4 = html::region(text(output, "ja/years/2022/index.html"));
    let r5 = html::region(text(output, "ja/years/2023/index.html"));
    assert!(r4.contains("市民活動推進課") && !r4.contains("市民協働課"), "{r4}");
    assert!(r5.contains("市民協働課") && !r5.contains("市民活動推進課"));
    let reports = text(output, "data/reports.csv");
    assert!(reports.contains("1-1-1,テスト市,2022,令和4年度,市民活動推進課,Civic Activity Division,"), "{reports}");
    assert!(reports.contains("1-1-1,テスト市,2023,令和5年度,市民協働課,Civic Collaboration Division,"));
    let page = text(output, "ja/projects/1-1-1.html");
    assert!(page.contains("<dt>担当課（当時）</dt>\n    <dd>市民活動推進課</dd>"), "{page}");
    // A rename after a frozen year without keeping the published name is refused.
    let site = TestSite::copy_of(&years());
    site.edit("content/vocabulary.toml", "name = { ja = \"広報課\"", "name = { ja = \"広報戦略課\"");
    pin("renamed_without_former_name", &site.diagnostics());
    let site = TestSite::copy_of(&years());
    site.edit("content/vocabulary.toml", "until = \"R4\"", "until = \"R6\"");
    site.edit("content/vocabulary.toml", "[[departments]]\nid = \"koho\"", "[[departments]]\nid = \"koho\"\nformer_names = [{ until = \"R5\", name = \"広報係\" }, { until = \"R4\", name = \"広報班\" }, { until = \"R2\", name = \"x\" }]");
    pin("former_names_out_of_order_or_range", &site.diagnostics());
}

#[test]
fn a_changed_label_or_a_removed_entry_of_a_frozen_vocabulary_is_refused() {
    let site = TestSite::copy_of(&years());
    site.edit("content/vocabulary.toml", "label = \"B\"", "label = \"Ｂ\"");
    site.edit(
        "content/vocabulary.toml",
        "[[grades]]\nid = \"c\"\nlabel = \"C\"\ndefinition = { ja = \"遅れている\", en = \"Behind\" }\n",
        "",
    );
    pin("vocabulary_changed_after_freezing", &site.diagnostics());
}

#[test]
fn every_value_says_which_report_stated_it() {
    let output = built(&years());
    let csv = text(output, "data/indicators.csv");
    let rows: Vec<&str> = csv.lines().filter(|l| l.contains(",1-1-2,")).collect();
    // The baseline is in the frozen R5 edition; R6 is stated by the R6 report, not frozen.
    // Links are relative to the file they sit in: data/indicators.csv.
    assert!(rows[0].ends_with(",2023,令和5年度,editions/2023/datapackage.json"), "{}", rows[0]);
    assert!(rows[2].contains(",2024,令和6年度,") && rows[2].ends_with(",2024,令和6年度,"), "{}", rows[2]);
    let site = TestSite::copy_of(&years());
    site.edit(P3, "{ year = \"R6\", value = 35 }", "{ year = \"R6\", value = 35, reported_in = \"R6\" }");
    site.edit(
        P3,
        "target = { year = \"R8\", value = 40 }",
        "target = { year = \"R8\", value = 40, reported_in = \"R4\" }",
    );
    let output = site.build();
    assert!(text(&output, "data/indicators.csv").contains("目標値,target,2026,令和8年度,40,,,,,,,,,,2022,令和4年度,"));
    site.edit(P3, "reported_in = \"R6\"", "reported_in = \"R3\"");
    site.edit(P3, "{ year = \"R4\", value = 28 }", "{ year = \"R4\", value = 28, reported_in = \"R4\" }");
    site.edit(P3, "{ year = \"R5\", value = 31 }", "{ year = \"R5\", value = 31, reported_in = \"R4\" }");
    pin("reported_in_not_a_reported_year", &site.diagnostics());
}

#[test]
fn the_feed_is_atom_and_every_page_links_to_it() {
    let output = built(&years());
    for lang in ["ja", "en"] {
        let feed = text(output, &format!("{lang}/feed.xml"));
        let mut reader = quick_xml::Reader::from_str(feed);
        let (mut entries, mut ids) = (0, Vec::new());
        let mut in_id = false;
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("{lang}/feed.xml: {e}")) {
                quick_xml::events::Event::Start(e) if e.name().as_ref() == "entry" => entries += 1,
                quick_xml::events::Event::Start(e) => in_id = e.name().as_ref() == "id",
                quick_xml::events::Event::Text(t) if in_id => {
                    ids.push(t.xml_content(quick_xml::XmlVersion::Implicit1_0).into_owned())
                }
                quick_xml::events::Event::End(_) => in_id = false,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(entries, 5, "three reports, one edition, one correction");
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
        assert!(ids.iter().all(|i| i.starts_with(&format!("tag:kyodo-122360,2024:{lang}/"))));
        for (path, page) in
            output.files.iter().filter(|(p, _)| p.starts_with(&format!("{lang}/")) && p.ends_with(".html"))
        {
            let page = String::from_utf8_lossy(page);
            assert!(page.contains("type=\"application/atom+xml\""), "{path} has no link to the feed");
        }
    }
    // The same ids with a base_url, and absolute links.
    let site = TestSite::copy_of(&years());
    site.edit(
        "content/site.toml",
        "reported_years",
        "base_url = \"https://www.city.example.lg.jp/kyodo/\"\nreported_years",
    );
    let feed = text(&site.build(), "ja/feed.xml").to_owned();
    assert!(!feed.contains("xml:base"));
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://www.city.example.lg.jp/kyodo/ja/projects/1-1-1.html#corrections\"/>"));
    assert!(feed.contains("<id>tag:kyodo-122360,2024:ja/correction/1-1-1/1</id>"));
    // A site without any date has no feed, and its pages no link to one.
    let basic = built(&crate::support::fixture());
    assert!(!basic.files.contains_key("ja/feed.xml"));
    assert!(!text(basic, "ja/index.html").contains("application/atom+xml"));
}

#[test]
fn two_builds_of_the_years_site_are_byte_identical() {
    assert_eq!(build(&years()), build(&years()));
}
