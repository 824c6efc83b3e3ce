//! The printed report's layout, one sheet per project: the Tomisato workbooks of
//! `tests/fixtures/import/` (written by `make_tomisato.py` from three projects of the
//! report, as .xlsx, .xls and .ods, and once with rows inserted, blank rows, rows in
//! another order and other merges) import to the shipped records; both shipped sites
//! export and import back byte for byte; every problem names the sheet, the cell and the
//! label (one case file each in `import_sheets/`, pinned by snapshots in English and, as
//! `…message_ja@…`, in Japanese).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::support::records::{record_files, records};
use crate::support::{TestSite, kyodo, kyodo_ok, nasushiobara, repo, shipped_sites};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

const WORKBOOKS: [&str; 4] = ["tomisato.xlsx", "tomisato.xls", "tomisato.ods", "tomisato-moved.xlsx"];
const IDS: [&str; 3] = ["1-1-1", "1-1-2", "1-2-1"];

#[test]
fn the_tomisato_workbooks_change_nothing_in_the_shipped_site() {
    for name in WORKBOOKS {
        let site = TestSite::content_of(&repo());
        let before = record_files(site.path());
        let report = kyodo_ok(&["import", fixture(name).to_str().unwrap(), "--force"], site.path());
        assert!(
            report.contains("imported 3 projects") && report.contains("0 updated, 3 unchanged"),
            "{name}: {report}"
        );
        assert!(
            report.contains("sheet 表紙: none of the labels"),
            "{name}: the cover sheet is passed over with a warning: {report}"
        );
        assert!(record_files(site.path()) == before, "{name}: every record byte for byte");
    }
}

/// Replaces the text between `start` and the next `end` after it in a record.
fn blank_between(site: &TestSite, file: &str, start: &str, end: &str, with: &str) {
    let text = site.read(file);
    let from = text.find(start).unwrap_or_else(|| panic!("{file}: no {start:?}")) + start.len();
    let to = from + text[from..].find(end).unwrap_or_else(|| panic!("{file}: no {end:?} after {start:?}"));
    site.write(file, format!("{}{with}{}", &text[..from], &text[to..]));
}

/// The three records with every field the printed page holds changed or removed; the
/// fields it does not hold (English, IDs, actual values …) left as they are.
fn strip(site: &TestSite) {
    for id in IDS {
        let file = format!("content/projects/{id}.toml");
        // The sheet 補助金 is found by its 事業名 and 課等名: 1-1-2 keeps them.
        if id != "1-1-2" {
            blank_between(site, &file, "title = { ja = \"", "\"", "x");
        }
        for key in ["audience = { ja = \"", "implementer = { ja = \"", "lead_note = { ja = \""] {
            blank_between(site, &file, key, "\"", "x");
        }
        for key in [
            "issues = { ja = \"\"\"\n",
            "direction = { ja = \"\"\"\n",
            "plan_content = { ja = \"\"\"\n",
            "achievements = { ja = \"\"\"\n",
        ] {
            blank_between(site, &file, key, "\"\"\"", "x\n");
        }
        let text = site.read(&file);
        let mut lines: Vec<String> = Vec::new();
        for line in text.lines() {
            let line = if line.starts_with("name = { ja = \"") || line.starts_with("unit = { ja = \"") {
                line.replacen(&line[15..line.find("\", en").unwrap()], "x", 1)
            } else if line.starts_with("baseline = ") || line.starts_with("target = ") {
                line.replace("year = \"R2\"", "year = \"R1\"")
                    .replace("value = ", "value = 9")
                    .replace("第1次計画実績", "x")
                    .replace("第2次計画目標", "x")
            } else if line.starts_with("years = ") {
                "years = { R4 = \"consider\" }".to_owned()
            } else if line.starts_with("label = { ja = \"") {
                line.replacen(&line[16..line.find("\", en").unwrap()], "x", 1)
            } else if line.starts_with("related = ") || line.starts_with("related_departments = ") {
                continue;
            } else {
                line.to_owned()
            };
            lines.push(line);
        }
        let text = lines.join("\n") + "\n";
        let text =
            if id == "1-1-2" { text } else { text.replace("department = \"shimin-katsudo\"", "department = \"somu\"") };
        site.write(&file, text);
    }
}

#[test]
fn the_tomisato_workbooks_restore_every_field_the_printed_page_holds() {
    let shipped = records(&repo());
    for name in WORKBOOKS {
        let site = TestSite::content_of(&repo());
        strip(&site);
        let stripped = records(site.path());
        for id in IDS {
            assert_ne!(stripped[id], shipped[id], "{id} was changed");
        }
        let report = kyodo_ok(&["import", fixture(name).to_str().unwrap(), "--force"], site.path());
        assert!(report.contains("3 updated"), "{name}: {report}");
        assert_eq!(records(site.path()), shipped, "{name}: the records are the shipped ones");
    }
}

#[test]
fn a_table_in_xls_or_ods_imports_as_the_same_table_in_text() {
    let from_tsv = TestSite::empty_like(&nasushiobara());
    kyodo_ok(&["import", fixture("nasushiobara-r4.tsv").to_str().unwrap()], from_tsv.path());
    for name in ["nasushiobara-r4.xls", "nasushiobara-r4.ods"] {
        let site = TestSite::empty_like(&nasushiobara());
        let report = kyodo_ok(&["import", fixture(name).to_str().unwrap()], site.path());
        assert!(report.contains("imported 16 projects"), "{name}: {report}");
        assert_eq!(records(site.path()), records(from_tsv.path()), "{name}");
    }
}

#[test]
fn the_layout_is_found_or_forced() {
    let site = TestSite::content_of(&repo());
    let file = fixture("tomisato.xlsx");
    // Read as a table, the first sheet (the cover) has no header row.
    let run = kyodo(&["import", file.to_str().unwrap(), "--layout", "table"], site.path());
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("no header row"), "{}", String::from_utf8_lossy(&run.stderr));
    let table = site.path().join("table.xlsx");
    kyodo_ok(&["export", table.to_str().unwrap()], site.path());
    let report = kyodo_ok(&["import", table.to_str().unwrap(), "--force"], site.path());
    assert!(report.contains("imported 27 projects"), "the table is found: {report}");
    let run = kyodo(&["import", table.to_str().unwrap(), "--layout", "sheets", "--force"], site.path());
    assert!(!run.status.success(), "a table read as sheets has no labels down the left");
}

#[test]
fn shipped_sites_export_as_sheets_and_import_back_byte_for_byte() {
    for root in shipped_sites() {
        // With records that state met, which the shipped ones do not.
        let site = TestSite::content_stating_met(&root);
        let before = record_files(site.path());
        let file = site.path().join("sheets.xlsx");
        let report = kyodo_ok(&["export", file.to_str().unwrap(), "--layout", "sheets"], site.path());
        assert!(report.contains("one sheet each"), "{report}");
        let report = kyodo_ok(&["import", file.to_str().unwrap(), "--force"], site.path());
        assert!(report.contains("0 new, 0 updated"), "{}: {report}", root.display());
        assert!(record_files(site.path()) == before, "{}: byte for byte", root.display());
        let empty = TestSite::empty_like(&root);
        kyodo_ok(&["import", file.to_str().unwrap()], empty.path());
        assert_eq!(records(empty.path()), records(site.path()), "{}: imported into an empty site", root.display());
    }
}

#[test]
fn sheets_export_only_to_xlsx() {
    let site = TestSite::content_of(&repo());
    let file = site.path().join("sheets.csv");
    let run = kyodo(&["export", file.to_str().unwrap(), "--layout", "sheets"], site.path());
    assert!(!run.status.success() && !file.exists());
    insta::assert_snapshot!("sheets_export_to_csv", String::from_utf8_lossy(&run.stderr));
    let run = kyodo(&["export", file.to_str().unwrap(), "--layout", "sheets", "--lang", "ja"], site.path());
    assert!(!run.status.success() && !file.exists());
    insta::assert_snapshot!("sheets_export_to_csv_ja", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn the_sheets_layout_speaks_japanese() {
    let site = TestSite::content_of(&repo());
    let file = site.path().join("sheets.xlsx");
    let report = kyodo_ok(&["export", file.to_str().unwrap(), "--layout", "sheets", "--lang", "ja"], site.path());
    assert_eq!(report.trim(), format!("{} に 27 件の事業を書き出しました（1事業1シート）。", file.display()));
    let tomisato = fixture("tomisato.xlsx");
    let report = kyodo_ok(&["import", tomisato.to_str().unwrap(), "--force", "--lang", "ja"], site.path());
    let cover = format!(
        "警告: {}: シート「表紙」: 左の列に印刷用の報告書の見出し（事業名、現状・課題 …）が一つもないため、このシートは読み込んでいません。",
        tomisato.display()
    );
    assert!(report.lines().any(|l| l == cover), "{report}");
    for command in ["import", "export"] {
        let help =
            String::from_utf8_lossy(&kyodo(&[command, "--help", "--lang", "ja"], site.path()).stdout).into_owned();
        assert!(
            help.contains("指定できる値:\n") && help.contains("- sheets: 1事業1シートで、印刷用の報告書と同じ配置"),
            "{help}"
        );
    }
}

/// A case of `import_sheets/`: cells of the Tomisato workbook changed as a clerk might.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(default)]
    set: Vec<Set>,
    #[serde(default)]
    rename: Vec<Rename>,
}

/// Writes `value` into `cell` of `sheet` (an empty value empties the cell); `date = true`
/// writes a date cell.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    sheet: String,
    cell: String,
    value: String,
    #[serde(default)]
    date: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    from: String,
    to: String,
}

/// `B14` as (row, column), 0-based.
fn cell_position(cell: &str) -> (u32, u16) {
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = cell[letters.len()..].parse().unwrap();
    (row - 1, col as u16)
}

impl Case {
    /// The Tomisato workbook with the case's changes, written to `path`.
    fn write(&self, path: &Path) {
        self.write_from(&fixture("tomisato.xlsx"), path);
    }

    /// The workbook `from` with the case's changes, written to `path`.
    fn write_from(&self, from: &Path, path: &Path) {
        let limits = kyodo::import::LIMITS;
        let sheets =
            kyodo::import::workbook::read_workbook(from, &limits, kyodo::import::workbook::Sheets::All).unwrap();
        let mut book = rust_xlsxwriter::Workbook::new();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for s in sheets {
            let name = self.rename.iter().find(|r| r.from == s.name).map_or(s.name.clone(), |r| r.to.clone());
            let ws = book.add_worksheet();
            ws.set_name(&name).unwrap();
            let sets: Vec<&Set> = self.set.iter().filter(|c| c.sheet == name).collect();
            for row in &s.table.rows {
                for (c, text) in row.cells() {
                    let at = (row.number as u32 - 1, c as u16);
                    if !sets.iter().any(|s| cell_position(&s.cell) == at) {
                        ws.write_string(at.0, at.1, text).unwrap();
                    }
                }
            }
            for s in sets.iter().filter(|s| !s.value.is_empty()) {
                let (r, c) = cell_position(&s.cell);
                if s.date {
                    let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(&s.value).unwrap();
                    ws.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else {
                    ws.write_string(r, c, &s.value).unwrap();
                }
            }
        }
        book.save(path).unwrap();
    }
}

#[test]
fn every_problem_names_the_sheet_the_cell_and_the_label() {
    insta::glob!("import_sheets/*.toml", |path| {
        let case: Case = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let site = TestSite::content_of(&repo());
        let before = record_files(site.path());
        let file = site.path().join("case.xlsx");
        case.write(&file);
        for (name, lang) in [("message", "en"), ("message_ja", "ja")] {
            let run = kyodo(&["import", file.to_str().unwrap(), "--force", "--lang", lang], site.path());
            let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
            assert!(!run.status.success(), "{stderr}");
            assert!(record_files(site.path()) == before, "nothing written");
            insta::assert_snapshot!(name, stderr);
        }
    });
}

/// The cell of `sheet` in `path` whose text is `text`, as `B14`.
fn cell_of(path: &Path, sheet: &str, text: &str) -> String {
    let sheets =
        kyodo::import::workbook::read_workbook(path, &kyodo::import::LIMITS, kyodo::import::workbook::Sheets::All)
            .unwrap();
    let table = &sheets.iter().find(|s| s.name == sheet).unwrap_or_else(|| panic!("no sheet {sheet}")).table;
    let (row, col) = table
        .rows
        .iter()
        .find_map(|r| r.cells().find(|(_, t)| *t == text).map(|(c, _)| (r.number, c)))
        .unwrap_or_else(|| panic!("{sheet}: no cell {text:?}"));
    format!("{}{row}", kyodo::import::read::column_letters(col))
}

/// The cell `right` columns right of `cell`.
fn right_of(cell: &str, right: u8) -> String {
    let letter = cell.as_bytes()[0] + right;
    format!("{}{}", char::from(letter), &cell[1..])
}

#[test]
fn met_is_a_row_below_the_separator_and_updates_in_place() {
    let site = TestSite::content_of(&repo());
    // Two indicators of one project that the numbers cannot judge (their baselines are
    // texts): their R5 actuals state met.
    let file = "content/projects/2-1-4.toml";
    site.edit(file, "baseline = { year = \"R2\", value = 561,", "baseline = { year = \"R2\", text = \"未実施\",")
        .edit(file, "baseline = { year = \"R2\", value = 203,", "baseline = { year = \"R2\", text = \"未実施\",")
        .edit(file, "{ year = \"R5\", value = 731, note", "{ year = \"R5\", value = 731, met = true, note")
        .edit(file, "{ year = \"R5\", value = 376, note", "{ year = \"R5\", value = 376, met = false, note");
    let before = site.read(file);
    let exported = site.path().join("sheets.xlsx");
    kyodo_ok(&["export", exported.to_str().unwrap(), "--layout", "sheets"], site.path());
    let met = cell_of(&exported, "2-1-4", "現状値の達成 (R5)");
    assert_eq!(
        [cell_of(&exported, "2-1-4", "達成"), cell_of(&exported, "2-1-4", "未達成")],
        [right_of(&met, 1), right_of(&met, 2)],
        "one cell per indicator, right of the label"
    );
    // The clerk marks the first as not met (×), and deletes the second indicator's printed
    // R5 value with its met: what the page does not say is kept.
    let instagram_r5 = right_of(&cell_of(&exported, "2-1-4", "376件"), 0);
    let year_cell = format!("{}{}", char::from(instagram_r5.as_bytes()[0] - 1), &instagram_r5[1..]);
    let set =
        |cell: &str, value: &str| Set { sheet: "2-1-4".into(), cell: cell.into(), value: value.into(), date: false };
    let case = Case {
        set: vec![
            set(&right_of(&met, 1), "×"),
            set(&right_of(&met, 2), ""),
            set(&instagram_r5, ""),
            set(&year_cell, ""),
        ],
        rename: Vec::new(),
    };
    let edited = site.path().join("edited.xlsx");
    case.write_from(&exported, &edited);
    let report = kyodo_ok(&["import", edited.to_str().unwrap(), "--force"], site.path());
    assert!(report.contains("1 updated"), "{report}");
    assert_eq!(site.read(file), before.replacen("value = 731, met = true", "value = 731, met = false", 1));
    // An emptied cell beside a printed value removes met.
    let case = Case { set: vec![set(&right_of(&met, 1), "")], rename: Vec::new() };
    case.write_from(&exported, &edited);
    kyodo_ok(&["import", edited.to_str().unwrap(), "--force"], site.path());
    assert_eq!(site.read(file), before.replacen("value = 731, met = true, ", "value = 731, ", 1));
}
