//! The shipped sites: the Tomisato report at the repository root and the Nasushiobara
//! report in examples/nasushiobara. Both build; every project has its page in both
//! languages with its real title and indicator values; a failed build loses nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use kyodo::i18n::Lang;

use crate::support::{TestSite, built, kyodo, kyodo_ok, nasushiobara, repo};

/// Decodes the few entities the templates produce, so page text can be compared with
/// record text.
fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"").replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn check_site(root: &Path, expected_projects: usize) {
    let (site, warnings) = kyodo::Site::load(root).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert!(!warnings.has_errors());
    assert_eq!(site.projects.len(), expected_projects, "{}", root.display());
    let output = built(root);

    for file in &site.projects {
        let p = &file.record;
        let id = p.id.get_ref().as_str();
        for lang in Lang::ALL {
            let path = format!("{lang}/projects/{id}.html");
            let html = unescape(
                std::str::from_utf8(output.files.get(&path).unwrap_or_else(|| panic!("{path} missing"))).unwrap(),
            );
            let title = p.title.get_ref().get(lang).value;
            assert!(html.contains(&format!("<title>{title} | ")), "{path}: title {title:?} not in <title>");
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}: lang");
            for indicator in &p.indicators {
                let name = indicator.name.get(lang).value;
                assert!(html.contains(name), "{path}: indicator {name:?} missing");
                let values = indicator.baseline.iter().chain(indicator.target.iter()).chain(indicator.actuals.iter());
                for v in values {
                    let shown = match v.get_ref().value() {
                        kyodo::indicator::Value::Number(n) => n.page(),
                        kyodo::indicator::Value::Text(t) => t.get(lang).value.to_owned(),
                    };
                    let cell = format!(">{shown}<");
                    assert!(html.contains(&cell), "{path}: value {shown:?} of {name:?} not shown");
                }
            }
        }
    }
}

#[test]
fn tomisato_builds_with_all_27_projects() {
    check_site(&repo(), 27);
}

#[test]
fn nasushiobara_builds_with_all_16_projects() {
    check_site(&nasushiobara(), 16);
}

#[test]
fn the_committed_public_folder_is_what_the_build_produces() {
    let output = built(&repo());
    let public = repo().join("public");
    let mut on_disk = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/");
            on_disk.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    // The stamp that marks public/ as kyodo's is written by the build, not rendered.
    assert_eq!(
        on_disk.remove(kyodo::output::destination::STAMP_NAME).as_deref(),
        Some(kyodo::output::destination::STAMP_TEXT.as_bytes()),
        "public/ carries the stamp"
    );
    let stale: Vec<&String> = output.files.keys().filter(|k| on_disk.get(*k) != output.files.get(*k)).collect();
    let extra: Vec<&String> = on_disk.keys().filter(|k| !output.files.contains_key(*k)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "public/ is out of date; run `cargo run --release -- build`.\nchanged or missing: {stale:?}\nnot built any more: {extra:?}"
    );
}

/// Every file under `dir` with its contents.
fn snapshot_dir(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_failed_build_leaves_public_untouched() {
    let site = TestSite::content_of(&nasushiobara());
    kyodo_ok(&["build"], site.path());
    let public = site.path().join("public");
    let before = snapshot_dir(&public);
    assert!(before.len() > 30);

    // A record error, and separately a template error: neither may touch public/.
    let record = "content/projects/3-1-1.toml";
    let good = site.read(record);
    site.edit(record, "department = \"shimin-kyodo\"", "department = \"nope\"");
    let failed = kyodo(&["build"], site.path());
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("unknown department \"nope\""), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(snapshot_dir(&public), before, "public/ changed after a failed build");

    site.write(record, &good);
    site.with_default_theme();
    site.edit("themes/default/templates/project.html", "{{ t.indicators }}", "{{ t.no_such_string }}");
    let failed = kyodo(&["build"], site.path());
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("templates/project.html"), "{stderr}");
    assert_eq!(snapshot_dir(&public), before, "public/ changed after a template error");

    // No staging folders are left behind either way.
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn out_writes_elsewhere_and_replaces_old_files() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let build = || kyodo_ok(&["build", "--out", dest.to_str().unwrap()], &nasushiobara());
    build();
    // A file left in kyodo's output (which the stamp file warns against) goes with the
    // next build.
    fs::write(dest.join("stale.html"), "old").unwrap();
    build();
    assert!(dest.join("index.html").is_file());
    assert!(dest.join("en/projects/3-1-1.html").is_file());
    assert!(!dest.join("stale.html").exists(), "files of an earlier build must not linger");
}
