//! Very large sites keep only record outlines in memory and read the long texts again
//! while building; the output must not depend on it.

use kyodo::Site;
use kyodo::load::Retention;
use kyodo::output::MemorySink;
use kyodo::pipeline::{Failure, Input, Job, Selection, Silent};

use crate::support::{TestSite, fixture, nasushiobara, repo};

fn build(root: &std::path::Path, retention: Retention) -> Result<kyodo::Output, kyodo::Diagnostics> {
    let (site, _) = Site::load_with(root, Some(retention))?;
    assert_eq!(site.retention, retention);
    let job =
        Job { input: Input::Folder { root, retention: Some(retention) }, selection: Selection::All, strict: false };
    let (sink, _) = kyodo::run(&job, || Ok(MemorySink::default()), &Silent).map_err(Failure::into_diagnostics)?;
    Ok(sink.into_output())
}

#[test]
fn outlines_build_the_same_bytes_as_whole_records() {
    for root in [fixture(), repo(), nasushiobara()] {
        let whole = build(&root, Retention::Whole).expect("whole records build");
        let outline = build(&root, Retention::Outline).expect("outlines build");
        assert!(whole.files.len() > 20, "{}: {} files", root.display(), whole.files.len());
        let differing: Vec<&String> =
            whole.files.keys().filter(|k| whole.files.get(*k) != outline.files.get(*k)).collect();
        assert!(differing.is_empty(), "{}: files differ: {differing:?}", root.display());
        assert_eq!(whole.files.len(), outline.files.len());
    }
}

#[test]
fn outlines_hold_no_long_texts_and_records_restore_them() {
    let root = repo();
    let (whole, _) = Site::load_with(&root, Some(Retention::Whole)).unwrap();
    let (outline, _) = Site::load_with(&root, Some(Retention::Outline)).unwrap();
    let with_texts = whole
        .projects
        .iter()
        .position(|p| p.record.plan_content.is_some() && p.record.reports.iter().any(|r| r.achievements.is_some()))
        .unwrap();
    let kept = &outline.projects[with_texts].record;
    assert!(
        kept.plan_content.is_none()
            && kept.issues.is_none()
            && kept.reports.iter().all(|r| r.achievements.is_none() && r.effect.is_none())
    );
    assert_eq!(
        kept.title.get_ref(),
        whole.projects[with_texts].record.title.get_ref(),
        "titles stay for lists and links"
    );
    let restored = outline.record(with_texts).unwrap();
    assert_eq!(format!("{:?}", *restored), format!("{:?}", whole.projects[with_texts].record));
}

/// Runs the pipeline on outlines, calling `between` after loading and before rendering.
fn run_with_change(root: &std::path::Path, between: impl FnOnce()) -> kyodo::Diagnostics {
    let job = Job {
        input: Input::Folder { root, retention: Some(Retention::Outline) },
        selection: Selection::All,
        strict: false,
    };
    let opened = || {
        between();
        Ok(MemorySink::default())
    };
    kyodo::run(&job, opened, &Silent).map(|_| ()).expect_err("the build must stop").into_diagnostics()
}

#[test]
fn a_file_changed_during_the_build_stops_it_with_a_clear_error() {
    let dir = TestSite::fixture();
    let (site, _) = Site::load_with(dir.path(), Some(Retention::Outline)).unwrap();
    let file = dir.path().join(&site.projects[0].path);
    let text = std::fs::read_to_string(&file).unwrap();
    let err = run_with_change(dir.path(), || {
        std::fs::write(&file, text.replacen("title", "# edited while building\ntitle", 1)).unwrap()
    });
    let message = err.render(kyodo::msg::Lang::En);
    assert!(
        message.contains("the file changed while the site was being built") && message.contains("build again"),
        "{message}"
    );
    assert!(message.contains(&site.projects[0].path.display().to_string()), "{message}");

    std::fs::write(&file, &text).unwrap();
    let err = run_with_change(dir.path(), || std::fs::remove_file(&file).unwrap());
    let message = err.render(kyodo::msg::Lang::En);
    assert!(message.contains("cannot read the file"), "{message}");
}

#[test]
fn small_sites_keep_whole_records_and_very_large_ones_outlines() {
    assert_eq!(Retention::for_size(0), Retention::Whole);
    assert_eq!(Retention::for_size(kyodo::load::WHOLE_RECORDS_UP_TO), Retention::Whole);
    assert_eq!(Retention::for_size(kyodo::load::WHOLE_RECORDS_UP_TO + 1), Retention::Outline);
    let (site, _) = Site::load(&repo()).unwrap();
    assert_eq!(site.retention, Retention::Whole, "a city's site is far below the limit");
}
