//! Every command runs the one pipeline of `kyodo::run`: its stages report in order, and
//! `build`, `check` and the preview fail the same way on the same problem.

use kyodo::Stage;

use crate::support::{TestSite, kyodo_ok};

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
    let site = TestSite::fixture();
    let stderr = kyodo_ok(&["build", "--timings"], site.path());
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
fn break_a_template(site: &TestSite) {
    site.with_default_theme();
    let template = "themes/default/templates/about.html";
    site.write(template, format!("{{{{ t.no_such_string }}}}{}", site.read(template)));
}

#[test]
fn build_check_and_preview_report_a_template_error_alike() {
    let site = TestSite::fixture();
    break_a_template(&site);
    let from_check = kyodo::check(site.path()).expect_err("check renders every page").render(kyodo::msg::Lang::En);
    let from_build = kyodo::build(site.path()).expect_err("build renders every page").render(kyodo::msg::Lang::En);
    let from_preview = kyodo::preview::Preview::new(site.path())
        .rebuild(&[])
        .expect_err("the preview too")
        .render(kyodo::msg::Lang::En);
    assert!(from_check.contains("templates/about.html") && from_check.contains("no_such_string"), "{from_check}");
    assert_eq!(from_check, from_build);
    assert_eq!(from_check, from_preview);
}

#[test]
fn an_edit_renders_the_pages_of_the_project_and_of_those_that_name_it() {
    let site = TestSite::fixture();
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
