//! Spreadsheet import and export: real .xlsx and .csv files, written from the Nasushiobara
//! seed table (tests/fixtures/import/nasushiobara-r4.tsv, the report's 16 rows as printed)
//! and exported from both shipped sites (with records that state `met`, which the shipped
//! ones do not).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use kyodo::indicator::Value;

use crate::support::records::{read_csv, record_files, records, write_csv};
use crate::support::{TestSite, kyodo, kyodo_ok, nasushiobara, repo, shipped_sites};

/// Writes the seed table to an .xlsx file, with the printed report's second header line
/// (the hint ①～⑦ under 協働の相手).
fn seed_xlsx(path: &Path) {
    let tsv = fs::read_to_string(repo().join("tests/fixtures/import/nasushiobara-r4.tsv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut r = 0u32;
    for (i, line) in tsv.lines().enumerate() {
        for (c, cell) in line.split('\t').enumerate() {
            sheet.write_string(r, c as u16, cell).unwrap();
        }
        r += 1;
        if i == 0 {
            sheet.write_string(r, 4, "①～⑦").unwrap();
            r += 1;
        }
    }
    book.save(path).unwrap();
}

/// (id, title, department, grade, partners, indicator values) per project, Japanese only.
type Fingerprint = BTreeSet<(String, String, String, Option<String>, Vec<String>, Vec<(String, String, i64, String)>)>;

fn fingerprint(root: &Path) -> Fingerprint {
    let (site, _) = kyodo::Site::load(root).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    site.projects
        .iter()
        .map(|f| {
            let p = &f.record;
            let report = p.reports.iter().max_by_key(|r| *r.year.get_ref());
            let values = p
                .indicators
                .iter()
                .flat_map(|i| {
                    i.values_in_order().into_iter().map(move |(kind, v)| {
                        let shown = match v.value() {
                            Value::Number(n) => {
                                format!("{}{}", n.data(), i.unit.as_ref().map(|u| u.ja.as_str()).unwrap_or(""))
                            }
                            Value::Text(t) => t.ja,
                        };
                        (i.name.ja.clone(), kind.as_str().to_owned(), v.year.year(), shown)
                    })
                })
                .collect();
            (
                p.id.get_ref().to_string(),
                p.title.get_ref().ja.clone(),
                p.department.get_ref().to_string(),
                report.and_then(|r| r.grade.as_ref()).map(|g| g.get_ref().to_string()),
                report.map(|r| r.partners.iter().map(|x| x.get_ref().to_string()).collect()).unwrap_or_default(),
                values,
            )
        })
        .collect()
}

#[test]
fn the_seed_table_imports_to_the_shipped_records() {
    let site = TestSite::empty_like(&nasushiobara());
    let xlsx = site.path().join("seed.xlsx");
    seed_xlsx(&xlsx);
    kyodo_ok(&["import", xlsx.to_str().unwrap()], site.path());
    assert_eq!(fs::read_dir(site.path().join("content/projects")).unwrap().count(), 16);
    assert_eq!(fingerprint(site.path()), fingerprint(&nasushiobara()));
}

#[test]
fn import_export_import_round_trips() {
    let first = TestSite::empty_like(&nasushiobara());
    let xlsx = first.path().join("seed.xlsx");
    seed_xlsx(&xlsx);
    kyodo_ok(&["import", xlsx.to_str().unwrap()], first.path());
    for ext in ["xlsx", "csv"] {
        let exported = first.path().join(format!("export.{ext}"));
        kyodo_ok(&["export", exported.to_str().unwrap()], first.path());
        let second = TestSite::empty_like(&nasushiobara());
        kyodo_ok(&["import", exported.to_str().unwrap()], second.path());
        assert_eq!(records(first.path()), records(second.path()), "{ext}");
    }
}

#[test]
fn shipped_sites_export_and_import_leave_every_record_byte_for_byte() {
    for root in shipped_sites() {
        for ext in ["xlsx", "csv"] {
            // With records that state met, which the shipped ones do not.
            let site = TestSite::content_stating_met(&root);
            let before = record_files(site.path());
            let file = site.path().join(format!("all.{ext}"));
            kyodo_ok(&["export", file.to_str().unwrap()], site.path());
            let report = kyodo_ok(&["import", file.to_str().unwrap(), "--force"], site.path());
            assert!(report.contains("0 new, 0 updated"), "{report}");
            let after = record_files(site.path());
            assert_eq!(
                before.keys().collect::<Vec<_>>(),
                after.keys().collect::<Vec<_>>(),
                "{}: no file added or left behind",
                root.display()
            );
            for (path, bytes) in &before {
                assert!(
                    after[path] == *bytes,
                    "{} ({ext}): {} changed:\n{}",
                    root.display(),
                    path.display(),
                    String::from_utf8_lossy(&after[path])
                );
            }
        }
    }
}

#[test]
fn shipped_sites_import_into_an_empty_site_as_the_same_records() {
    for root in shipped_sites() {
        let shipped = TestSite::content_stating_met(&root);
        for ext in ["xlsx", "csv"] {
            let file = tempfile::tempdir().unwrap();
            let path = file.path().join(format!("all.{ext}"));
            kyodo_ok(&["export", path.to_str().unwrap()], shipped.path());
            let site = TestSite::empty_like(&root);
            kyodo_ok(&["import", path.to_str().unwrap()], site.path());
            let (want, got) = (records(shipped.path()), records(site.path()));
            assert_eq!(want.keys().collect::<Vec<_>>(), got.keys().collect::<Vec<_>>());
            for (id, record) in &want {
                assert_eq!(&got[id], record, "{} ({ext}): {id}", root.display());
            }
        }
    }
}

#[test]
fn the_exported_table_has_the_printed_layout_first_and_each_field_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv");
    kyodo_ok(&["export", path.to_str().unwrap()], &nasushiobara());
    let rows = read_csv(&path);
    let layout = [
        "ID",
        "項目",
        "事業名",
        "担当課",
        "取組内容",
        "協働の相手",
        "事業の評価",
        "効果又は理由(改善策)",
        "指標ID",
        "基準値 (H27)",
        "目標値 (R4)",
        "現状値 (R4)",
    ];
    assert_eq!(rows[0][..12], layout);
    let unique: BTreeSet<&String> = rows[0].iter().collect();
    assert_eq!(unique.len(), rows[0].len(), "no column twice: {:?}", rows[0]);
    // As printed: the indicator's name and value in one cell, partners as ③⑦.
    assert_eq!(
        rows[1][..12],
        [
            "3-1-1",
            "(1)市民の組織機能を強化するための支援",
            "各種助成制度の情報提供",
            "市民協働推進課",
            "県や財団法人からの「助成金」の情報を、市民活動センターに掲示したほか、市ホームページやみんなのメールで情報提供を行った。",
            "③⑦",
            "B",
            "効果的な情報提供を行うことができた。",
            "information-provision",
            "情報の集約・提供 実施",
            "情報の集約・提供 充実",
            "情報の集約・提供 充実"
        ]
    );
}

#[test]
fn the_printed_layout_updates_records_and_keeps_what_it_lacks() {
    let site = TestSite::content_of(&nasushiobara());
    let before = records(site.path());
    let files_before = record_files(site.path());
    let tsv = repo().join("tests/fixtures/import/nasushiobara-r4.tsv");
    kyodo_ok(&["import", tsv.to_str().unwrap(), "--force"], site.path());
    let after = records(site.path());
    let files_after = record_files(site.path());
    let unchanged = files_before.iter().filter(|(p, b)| files_after[*p] == **b).count();
    assert_eq!(unchanged, 11, "the seed's single-line texts differ in 5 records only");
    for (id, old) in &before {
        // The seed has no line breaks in its cells: the Japanese of the report's texts is
        // all the sheet may change. English, codes, ids, notes: all kept.
        let strip = |v: &toml::Value| {
            let mut v = v.clone();
            for r in v.get_mut("reports").and_then(|r| r.as_array_mut()).unwrap() {
                for key in ["achievements", "effect"] {
                    if let Some(t) = r.get_mut(key).and_then(|a| a.as_table_mut()) {
                        t.remove("ja");
                    }
                }
            }
            v
        };
        assert_eq!(strip(&after[id]), strip(old), "{id}");
    }
}

#[test]
fn an_edited_sheet_changes_only_what_it_edits() {
    let site = TestSite::content_of(&repo());
    let record = site.path().join("content/projects/1-1-2.toml");
    let original = fs::read_to_string(&record).unwrap();
    let csv = site.path().join("all.csv");
    kyodo_ok(&["export", csv.to_str().unwrap()], site.path());
    let mut rows = read_csv(&csv);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (title_en, actual, audience, audience_en, improvement) =
        (col("事業名_英字"), col("現状値 (R5)"), col("対象者"), col("対象者_英字"), col("改善策"));
    let row = rows.iter().position(|r| r[0] == "1-1-2").unwrap();
    rows[row][title_en] = "Enlarging the civic activity support subsidy".into();
    assert_eq!(rows[row][actual], "補助金申請件数 4件");
    rows[row][actual] = "補助金申請件数 5件".into();
    rows[row][audience] = String::new();
    rows[row][audience_en] = String::new();
    rows[row][improvement] = "申請書の書き方講座を増やす。".into();
    write_csv(&csv, &rows);
    let report = kyodo_ok(&["import", csv.to_str().unwrap(), "--force"], site.path());
    assert!(report.contains("0 new, 1 updated, 26 unchanged"), "{report}");
    let expected = original
        .replace("en = \"Expanding the civic activity support subsidy\"", "en = \"Enlarging the civic activity support subsidy\"")
        .replace("  { year = \"R5\", value = 4 },", "  { year = \"R5\", value = 5 },")
        .replace("audience = { ja = \"市民・地縁による団体・市民活動団体・事業者\", en = \"Residents, neighborhood-based organizations, civic groups, businesses\" }\n", "")
        .replace("Participants: 4 people from 3 groups\n\"\"\" }\n", "Participants: 4 people from 3 groups\n\"\"\" }\nimprovement = \"申請書の書き方講座を増やす。\"\n");
    assert_ne!(expected, original);
    assert_eq!(fs::read_to_string(&record).unwrap(), expected, "comments, key order and every other value kept");
}

#[test]
fn cells_that_cannot_be_mapped_are_reported_and_nothing_is_written() {
    let site = TestSite::empty_like(&nasushiobara());
    let tsv = fs::read_to_string(repo().join("tests/fixtures/import/nasushiobara-r4.tsv")).unwrap();
    let broken =
        tsv.replacen("\t生活課\t", "\t生活環境課\t", 1).replacen("\t③⑦\t", "\t③⑧\t", 1).replacen("\tB\t", "\tS\t", 1);
    let csv_path = site.path().join("broken.tsv");
    fs::write(&csv_path, broken).unwrap();
    let run = kyodo(&["import", csv_path.to_str().unwrap()], site.path());
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
    insta::assert_snapshot!("import_problems", stderr);
    let run = kyodo(&["import", csv_path.to_str().unwrap(), "--lang", "ja"], site.path());
    let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
    insta::assert_snapshot!("import_problems_ja", stderr);
    assert_eq!(fs::read_dir(site.path().join("content/projects")).unwrap().count(), 0, "nothing written");
}

#[test]
fn two_projects_with_one_id_are_reported_with_both_rows() {
    let site = TestSite::empty_like(&nasushiobara());
    let tsv = fs::read_to_string(repo().join("tests/fixtures/import/nasushiobara-r4.tsv")).unwrap();
    let mut lines: Vec<String> = tsv.lines().map(str::to_owned).collect();
    lines[0] = format!("ID\t{}", lines[0]);
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        // Rows 3 and 6 (the 2nd and 5th project) are given the same ID.
        let id = if i == 2 || i == 5 { "3-1-2".to_owned() } else { String::new() };
        *line = format!("{id}\t{line}");
    }
    let path = site.path().join("ids.tsv");
    fs::write(&path, lines.join("\n")).unwrap();
    let run = kyodo(&["import", path.to_str().unwrap()], site.path());
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
    insta::assert_snapshot!("import_duplicate_ids", stderr);
    let run = kyodo(&["import", path.to_str().unwrap(), "--lang", "ja"], site.path());
    let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
    insta::assert_snapshot!("import_duplicate_ids_ja", stderr);
    assert_eq!(fs::read_dir(site.path().join("content/projects")).unwrap().count(), 0, "nothing written");
}

#[test]
fn existing_records_are_not_overwritten_without_force() {
    let site = TestSite::empty_like(&nasushiobara());
    let xlsx = site.path().join("seed.xlsx");
    seed_xlsx(&xlsx);
    kyodo_ok(&["import", xlsx.to_str().unwrap()], site.path());
    let again = kyodo(&["import", xlsx.to_str().unwrap()], site.path());
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    kyodo_ok(&["import", xlsx.to_str().unwrap(), "--force"], site.path());
}

#[test]
fn formula_like_texts_are_guarded_in_csv_and_come_back_exactly() {
    let site = TestSite::content_of(&nasushiobara());
    let record = site.path().join("content/projects/3-1-1.toml");
    let text = fs::read_to_string(&record)
        .unwrap()
        .replace("en = \"Providing information on grant programs\"", "en = \"=HYPERLINK(\\\"http://example.com\\\")\"")
        .replace(
            "effect = { ja = \"\"\"効果的な情報提供を行うことができた。\"\"\"",
            "effect = { ja = \"\"\"＋81 効果的\"\"\"",
        )
        .replace("en = \"\"\"Information was provided effectively.\"\"\"", "en = \"\"\"'=1+1\"\"\"");
    fs::write(&record, &text).unwrap();
    let before = record_files(site.path());
    let csv = site.path().join("all.csv");
    kyodo_ok(&["export", csv.to_str().unwrap()], site.path());
    let raw = fs::read_to_string(&csv).unwrap();
    for guarded in ["\"'=HYPERLINK(\"\"http://example.com\"\")\"", "'＋81 効果的", "'''=1+1"] {
        assert!(raw.contains(guarded), "{guarded} in\n{raw}");
    }
    let xlsx = site.path().join("all.xlsx");
    kyodo_ok(&["export", xlsx.to_str().unwrap()], site.path());
    let mut zip = zip::ZipArchive::new(fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(!sheet.contains("<f>") && sheet.contains("=HYPERLINK"), "every cell a string, none a formula");
    for file in [&csv, &xlsx] {
        kyodo_ok(&["import", file.to_str().unwrap(), "--force"], site.path());
        assert!(record_files(site.path()) == before, "{}", file.display());
    }
}

/// A record in forms kyodo reads but does not write itself: sub-tables, arrays of tables,
/// years as numbers and in Japanese, an empty English, comments everywhere.
const UNUSUAL: &str = r#"# A record written by hand.
id = "1-1-9"
code = ""
policy = "1-1"   # 施策
title = "試験事業"
department = "shimin-katsudo"
related_departments = []
issues = { ja = "課題", en = "" }

[[schedule]]
years = { "令和4年度" = "implement", 2023 = "continue" }

[[indicators]]
id = "count"
name = "件数"
unit = "件"

[indicators.baseline]
year = 2020 # 基準
value = 3
label = "基準"

[indicators.target]
year = "令和8年度"
value = 5.0

[[indicators.actuals]]
year = "R5"
value = 4

[[reports]]
year = 2023
achievements = """
実績
"""
"#;

#[test]
fn records_in_any_form_stay_as_they_are_and_take_edits_in_place() {
    for (bom, newline) in [("", "\n"), ("\u{feff}", "\r\n")] {
        let site = TestSite::content_of(&repo());
        let record = site.path().join("content/projects/1-1-9.toml");
        let original = format!("{bom}{}", UNUSUAL.replace('\n', newline));
        fs::write(&record, &original).unwrap();
        let csv = site.path().join("all.csv");
        kyodo_ok(&["export", csv.to_str().unwrap()], site.path());
        kyodo_ok(&["import", csv.to_str().unwrap(), "--force"], site.path());
        assert_eq!(fs::read_to_string(&record).unwrap(), original, "unchanged, byte for byte");

        let mut rows = read_csv(&csv);
        let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
        let (baseline, actual, earlier, plan) =
            (col("基準値 (R2)"), col("現状値 (R5)"), col("現状値 (R4)"), col("年次計画 (R5)"));
        let row = rows.iter().position(|r| r[0] == "1-1-9").unwrap();
        assert_eq!(
            (rows[row][baseline].as_str(), rows[row][actual].as_str(), rows[row][plan].as_str()),
            ("件数 3件", "件数 4件", "→")
        );
        rows[row][baseline] = "件数 2件".into();
        rows[row][actual] = "件数 6件".into();
        rows[row][earlier] = "件数 1件".into();
        rows[row][plan] = "実施".into();
        write_csv(&csv, &rows);
        kyodo_ok(&["import", csv.to_str().unwrap(), "--force"], site.path());
        let expected = original
            .replace("value = 3", "value = 2")
            .replace(
                &format!("value = 4{newline}"),
                &format!(
                    "value = 4{newline}{newline}[[indicators.actuals]]{newline}year = \"R4\"{newline}value = 1{newline}"
                )
                .replace("value = 4", "value = 6"),
            )
            .replace("2023 = \"continue\"", "2023 = \"implement\"");
        assert_eq!(fs::read_to_string(&record).unwrap(), expected);
    }
}

#[test]
fn a_sheet_adds_indicators_and_reports_to_existing_records() {
    let site = TestSite::content_of(&nasushiobara());
    let before = record_files(site.path());
    let csv = site.path().join("all.csv");
    kyodo_ok(&["export", csv.to_str().unwrap()], site.path());
    let mut rows = read_csv(&csv);
    rows[0].push("取組内容 (R5)".into());
    rows[0].push("事業の評価 (R5)".into());
    let width = rows[0].len();
    for row in rows.iter_mut() {
        row.resize(width, String::new());
    }
    let col = |rows: &[Vec<String>], name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (id, ind, baseline, actual) =
        (col(&rows, "ID"), col(&rows, "指標ID"), col(&rows, "基準値 (H27)"), col(&rows, "現状値 (R4)"));
    let first = rows.iter().position(|r| r[id] == "3-1-2").unwrap();
    rows[first][width - 2] = "新たな取組".into();
    rows[first][width - 1] = "A".into();
    let mut added = vec![String::new(); width];
    added[id] = "3-1-2".into();
    added[ind] = "meetings".into();
    added[baseline] = "説明会 2回".into();
    added[actual] = "説明会 5回".into();
    rows.insert(first + 1, added);
    write_csv(&csv, &rows);
    let report = kyodo_ok(&["import", csv.to_str().unwrap(), "--force"], site.path());
    assert!(report.contains("0 new, 1 updated, 15 unchanged"), "{report}");
    let after = record_files(site.path());
    let changed: Vec<_> = before.keys().filter(|p| after[*p] != before[*p]).collect();
    assert_eq!(changed, [&std::path::PathBuf::from("content/projects/3-1-2.toml")]);
    let (loaded, _) = kyodo::Site::load(site.path()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let p = loaded.project("3-1-2").unwrap();
    let meetings = p.indicators.iter().find(|i| i.id.get_ref().as_str() == "meetings").expect("the new indicator");
    assert_eq!((meetings.name.ja.as_str(), meetings.unit.as_ref().map(|u| u.ja.as_str())), ("説明会", Some("回")));
    assert_eq!(meetings.actuals.iter().map(|a| a.get_ref().value().number()).collect::<Vec<_>>(), [Some(5.0)]);
    let r5 = p.reports.iter().find(|r| r.year.get_ref().year() == 2023).expect("the new report");
    assert_eq!(
        (r5.achievements.as_ref().map(|t| t.ja.as_str()), r5.grade.as_ref().map(|g| g.get_ref().as_str())),
        (Some("新たな取組"), Some("a"))
    );
    // The old record's text is all still there, before what was added.
    let old = String::from_utf8(before[&std::path::PathBuf::from("content/projects/3-1-2.toml")].clone()).unwrap();
    let new = String::from_utf8(after[&std::path::PathBuf::from("content/projects/3-1-2.toml")].clone()).unwrap();
    let old_reports = old.find("[[reports]]").unwrap();
    assert!(new.starts_with(&old[..old_reports]), "indicators added after the others:\n{new}");
}

#[test]
fn met_cells_update_records_in_place_and_a_wrong_one_is_reported() {
    let site = TestSite::content_stating_met(&repo());
    let files = ["1-3-4", "1-3-6", "1-4-3"].map(|id| format!("content/projects/{id}.toml"));
    let originals = files.clone().map(|f| site.read(&f));
    let csv = site.path().join("all.csv");
    kyodo_ok(&["export", csv.to_str().unwrap()], site.path());
    let mut rows = read_csv(&csv);
    let met = rows[0].iter().position(|h| h == "現状値の達成 (R5)").expect("a column for met of R5");
    let row = |rows: &[Vec<String>], id: &str| rows.iter().position(|r| r[0] == id).unwrap();
    let (a, b, c) = (row(&rows, "1-3-4"), row(&rows, "1-3-6"), row(&rows, "1-4-3"));
    assert_eq!([&rows[a][met], &rows[b][met], &rows[c][met]], ["達成", "未達成", ""]);
    assert_eq!(rows.iter().filter(|r| !r[met].is_empty()).count(), 3, "the header and the two that state it");
    // Changed, emptied, and stated anew (as a spreadsheet shows a boolean cell).
    rows[a][met] = "×".into();
    rows[b][met] = String::new();
    rows[c][met] = "TRUE".into();
    write_csv(&csv, &rows);
    let report = kyodo_ok(&["import", csv.to_str().unwrap(), "--force"], site.path());
    assert!(report.contains("0 new, 3 updated, 24 unchanged"), "{report}");
    let expected = [
        originals[0].replacen("value = 34, met = true,", "value = 34, met = false,", 1),
        originals[1].replacen("value = 4, met = false,", "value = 4,", 1),
        originals[2].replacen("{ year = \"R5\", value = 2 }", "{ year = \"R5\", value = 2, met = true }", 1),
    ];
    for ((file, expected), original) in files.iter().zip(&expected).zip(&originals) {
        assert_ne!(expected, original);
        assert_eq!(&site.read(file), expected, "{file}: met changed in place, nothing else");
    }

    let before = record_files(site.path());
    rows[a][met] = "たぶん".into();
    write_csv(&csv, &rows);
    for (name, lang) in [("import_met_cell", "en"), ("import_met_cell_ja", "ja")] {
        let run = kyodo(&["import", csv.to_str().unwrap(), "--force", "--lang", lang], site.path());
        assert!(!run.status.success());
        let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
        insta::assert_snapshot!(name, stderr);
        assert!(record_files(site.path()) == before, "nothing written");
    }
}
