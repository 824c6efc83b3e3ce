//! Spreadsheet import and export, with real .xlsx files written from the Nasushiobara seed
//! table (tests/fixtures/import/nasushiobara-r4.tsv, the report's 16 rows as printed).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use kyodo::indicator::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site with the Nasushiobara configuration and vocabulary and no projects yet.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/projects")).unwrap();
    for f in ["site.toml", "vocabulary.toml"] {
        fs::copy(repo().join("examples/nasushiobara/content").join(f), dir.path().join("content").join(f)).unwrap();
    }
    dir
}

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

fn kyodo(args: &[&str], root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kyodo")).args(args).arg("--root").arg(root).output().unwrap()
}

/// (id, title, department, grade, partners, indicator values) per project, Japanese only.
type Fingerprint = BTreeSet<(String, String, String, Option<String>, Vec<String>, Vec<(String, String, i64, String)>)>;

fn fingerprint(root: &Path) -> Fingerprint {
    let (site, _) = kyodo::Site::load(root).unwrap_or_else(|d| panic!("{d}"));
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
                            Value::Number(n) => format!("{}{}", n.data(), i.unit.as_ref().map(|u| u.ja.as_str()).unwrap_or("")),
                            Value::Text(t) => t.ja,
                        };
                        (i.name.ja.clone(), kind.to_owned(), v.year.year(), shown)
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
    let site = empty_site();
    let xlsx = site.path().join("seed.xlsx");
    seed_xlsx(&xlsx);
    let run = kyodo(&["import", xlsx.to_str().unwrap()], site.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(fs::read_dir(site.path().join("content/projects")).unwrap().count(), 16);
    assert_eq!(fingerprint(site.path()), fingerprint(&repo().join("examples/nasushiobara")));
}

#[test]
fn import_export_import_round_trips() {
    let first = empty_site();
    let xlsx = first.path().join("seed.xlsx");
    seed_xlsx(&xlsx);
    assert!(kyodo(&["import", xlsx.to_str().unwrap()], first.path()).status.success());

    for ext in ["xlsx", "csv"] {
        let exported = first.path().join(format!("export.{ext}"));
        let run = kyodo(&["export", exported.to_str().unwrap()], first.path());
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let second = empty_site();
        let run = kyodo(&["import", exported.to_str().unwrap()], second.path());
        assert!(run.status.success(), "{ext}: {}", String::from_utf8_lossy(&run.stderr));
        // The same records: every data file of the two sites is identical.
        let (a, _) = kyodo::build(first.path()).unwrap_or_else(|d| panic!("{d}"));
        let (b, _) = kyodo::build(second.path()).unwrap_or_else(|d| panic!("{d}"));
        for file in ["data/projects.json", "data/indicators.csv", "data/reports.csv", "data/projects.csv"] {
            assert!(a.files[file] == b.files[file], "{ext}: {file} differs after export → import");
        }
    }
}

#[test]
fn the_shipped_site_exports_and_imports_back_with_the_same_values() {
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("nasushiobara.xlsx");
    let run = kyodo(&["export", xlsx.to_str().unwrap()], &repo().join("examples/nasushiobara"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let site = empty_site();
    let run = kyodo(&["import", xlsx.to_str().unwrap()], site.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(fingerprint(site.path()), fingerprint(&repo().join("examples/nasushiobara")));
}

#[test]
fn cells_that_cannot_be_mapped_are_reported_and_nothing_is_written() {
    let site = empty_site();
    let tsv = fs::read_to_string(repo().join("tests/fixtures/import/nasushiobara-r4.tsv")).unwrap();
    let broken = tsv.replacen("\t生活課\t", "\t生活環境課\t", 1).replacen("\t③⑦\t", "\t③⑧\t", 1).replacen("\tB\t", "\tS\t", 1);
    let csv_path = site.path().join("broken.tsv");
    fs::write(&csv_path, broken).unwrap();
    let run = kyodo(&["import", csv_path.to_str().unwrap()], site.path());
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr).replace(site.path().to_str().unwrap(), "<site>");
    insta::assert_snapshot!("import_problems", stderr);
    assert_eq!(fs::read_dir(site.path().join("content/projects")).unwrap().count(), 0, "nothing written");
}

#[test]
fn existing_records_are_not_overwritten_without_force() {
    let site = empty_site();
    let xlsx = site.path().join("seed.xlsx");
    seed_xlsx(&xlsx);
    assert!(kyodo(&["import", xlsx.to_str().unwrap()], site.path()).status.success());
    let again = kyodo(&["import", xlsx.to_str().unwrap()], site.path());
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    assert!(kyodo(&["import", xlsx.to_str().unwrap(), "--force"], site.path()).status.success());
}
