//! The benchmark generator writes a site that builds, and writes the same bytes every time.

use std::process::Command;

use crate::support::{build, generate};

#[test]
fn generated_sites_build_and_are_reproducible() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        generate(dir.path(), 40, None);
    }
    let (site, warnings) = kyodo::Site::load(a.path()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert_eq!(site.projects.len(), 40);
    assert!(warnings.0.is_empty(), "{}", warnings.render(kyodo::msg::Lang::En));
    // Some text actuals state met, either way, for the import and export tests.
    let stated: Vec<Option<bool>> = site
        .projects
        .iter()
        .flat_map(|f| f.record.indicators.iter())
        .flat_map(|i| i.actuals.iter().map(|a| a.get_ref().met))
        .collect();
    assert!(stated.contains(&Some(true)) && stated.contains(&Some(false)), "{stated:?}");
    assert_eq!(build(a.path()), build(b.path()));
    let hugo = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_kyodo-bench"))
        .args(["hugo", "--projects", "40", "--out"])
        .arg(hugo.path())
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(
        hugo.path().join("content/ja/projects/p000040.md").is_file()
            && hugo.path().join("content/en/projects/p000001.md").is_file()
    );
}
