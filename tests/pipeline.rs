//! Every command runs the one pipeline of `kyodo::run`: its stages report in order, and
//! `build`, `check` and the preview fail the same way on the same problem.

mod common;

use std::fs;
use std::process::Command;

use kyodo::Stage;

const STAGES: [Stage; 8] = [
    Stage::Load,
    Stage::Prepare,
    Stage::Projects,
    Stage::Data,
    Stage::Search,
    Stage::Pages,
    Stage::Files,
    Stage::Commit,
];

#[test]
fn timings_name_every_stage_in_order() {
    let site = common::fixture_copy();
    let out = site.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_kyodo"))
        .args(["build", "--timings", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let printed: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(name, _)| name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let expected: Vec<&str> = STAGES.iter().map(|s| s.name()).collect();
    assert_eq!(&printed[..expected.len()], expected, "{stderr}");
}

/// A template that names a UI string that does not exist.
fn break_a_template(root: &std::path::Path) {
    let theme = root.join("themes/default");
    common::copy_dir(&common::repo().join("themes/default"), &theme);
    let template = theme.join("templates/about.html");
    let text = fs::read_to_string(&template).unwrap();
    fs::write(&template, format!("{{{{ t.no_such_string }}}}{text}")).unwrap();
}

#[test]
fn build_check_and_preview_report_a_template_error_alike() {
    let site = common::fixture_copy();
    break_a_template(site.path());
    let from_check = kyodo::check(site.path()).expect_err("check renders every page").to_string();
    let from_build = kyodo::build(site.path()).expect_err("build renders every page").to_string();
    let from_preview = kyodo::preview::Preview::new(site.path()).rebuild(&[]).expect_err("the preview too").to_string();
    assert!(from_check.contains("templates/about.html") && from_check.contains("no_such_string"), "{from_check}");
    assert_eq!(from_check, from_build);
    assert_eq!(from_check, from_preview);
}

#[test]
fn an_edit_renders_the_pages_of_the_project_and_of_those_that_name_it() {
    let site = common::fixture_copy();
    let (loaded, _) = kyodo::Site::load(site.path()).unwrap();
    let named = loaded.projects.iter().find(|p| !p.record.related.is_empty()).expect("a project with a related one");
    let related = named.record.related[0].get_ref().to_string();
    let changed = kyodo::pipeline::Selection::Changed([related.clone()].into());
    let chosen = changed.projects(&loaded);
    for (p, chosen) in loaded.projects.iter().zip(chosen) {
        let id = p.record.id.get_ref().as_str();
        let names_it = p.record.related.iter().any(|r| r.get_ref().as_str() == related);
        assert_eq!(chosen, id == related || names_it, "{id}");
    }
}
