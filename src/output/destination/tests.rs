//! The rule table of output folders, and the path resolution on a real file system.

use super::*;

/// A short name for a decision, so the table reads at a glance.
fn code(decision: Result<(), Reason>) -> String {
    match decision {
        Ok(()) => "ok".into(),
        Err(Reason::SiteFolder { relation, folder, .. }) => format!("{relation:?} {folder:?}"),
        Err(Reason::NotKyodoOutput { .. }) => "not kyodo's".into(),
        Err(other) => format!("{other:?}").split([' ', '{']).next().unwrap_or_default().to_owned(),
    }
}

fn other() -> Found {
    Found::OtherFolder { count: 1, first: vec!["notes.txt".into()] }
}

#[test]
fn the_rule_table() {
    let site = vec![
        (SiteFolder::Root, PathBuf::from("/home/c/site")),
        (SiteFolder::Content, PathBuf::from("/home/c/site/content")),
        (SiteFolder::Themes, PathBuf::from("/home/c/site/themes")),
    ];
    let dangling = Found::DanglingLink { link: "/home/c/site/public".into(), target: "/gone".into() };
    // (output, what is there, --force, decision)
    let cases: &[(&str, Found, bool, &str)] = &[
        ("/home/c/site/public", Found::Nothing, false, "ok"),
        ("/home/c/site/public", Found::EmptyFolder, false, "ok"),
        ("/home/c/site/public", Found::KyodoOutput, false, "ok"),
        ("/home/c/site/public", other(), false, "not kyodo's"),
        ("/home/c/site/public", other(), true, "ok"),
        ("/home/c/elsewhere", other(), false, "not kyodo's"),
        ("/home/c/elsewhere", other(), true, "ok"),
        ("/home/c/site/content-old", Found::Nothing, false, "ok"),
        ("/home/c/site2", Found::KyodoOutput, false, "ok"),
        // The site's own folders, whatever is in them and even with --force.
        ("/home/c/site", Found::KyodoOutput, true, "Is Root"),
        ("/home/c/site/content", Found::KyodoOutput, true, "Is Content"),
        ("/home/c/site/themes", Found::EmptyFolder, true, "Is Themes"),
        ("/home/c/site/themes", Found::Nothing, true, "Is Themes"),
        ("/home/c", other(), true, "Contains Root"),
        ("/home", Found::KyodoOutput, true, "Contains Root"),
        ("/home/c/site/content/projects", other(), true, "Inside Content"),
        ("/home/c/site/content/projects/x", Found::Nothing, true, "Inside Content"),
        ("/home/c/site/themes/default/static", Found::KyodoOutput, true, "Inside Themes"),
        ("/", Found::KyodoOutput, true, "FileSystemRoot"),
        // What is there decides the rest.
        ("/home/c/site/public", Found::File, true, "File"),
        ("/home/c/site/public", Found::PathThroughFile, true, "PathThroughFile"),
        ("/home/c/site/public", dangling, true, "DanglingLink"),
    ];
    for (out, found, force, expected) in cases {
        let got = code(decide(Path::new(out), found, &site, *force));
        assert_eq!(&got, expected, "{out} with {found:?}, force {force}");
    }
}

#[test]
fn a_content_folder_elsewhere_is_protected_where_it_is() {
    let site = vec![
        (SiteFolder::Root, PathBuf::from("/home/c/site")),
        (SiteFolder::Content, PathBuf::from("/data/records")),
        (SiteFolder::Themes, PathBuf::from("/home/c/site/themes")),
    ];
    assert_eq!(code(decide(Path::new("/data"), &Found::KyodoOutput, &site, true)), "Contains Content");
    assert_eq!(code(decide(Path::new("/data/records/x"), &Found::Nothing, &site, true)), "Inside Content");
}

#[test]
fn staging_folder_names() {
    let cases = [
        (".public.new-a1B2c3", true),
        (".public.old-Zz9yX8", true),
        (".public.old-x", true),
        (".public.old-", false),
        (".public.old-my backup", false),
        (".public.older-a1b2c3", false),
        ("public.new-a1b2c3", false),
        (".public2.new-a1b2c3", false),
        (".site.new-a1b2c3", false),
        (".public.new-a1b2c3.tmp", false),
    ];
    for (name, expected) in cases {
        assert_eq!(is_staging_name(OsStr::new(name), OsStr::new("public")), expected, "{name}");
    }
}

/// A temporary site root with content/ and a record, canonicalized.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(tmp.path()).unwrap().join("site");
    fs::create_dir_all(root.join("content/projects")).unwrap();
    fs::write(root.join("content/site.toml"), "title = \"x\"").unwrap();
    (tmp, root)
}

fn reason(root: &Path, out: &Path, force: bool) -> String {
    code(Destination::check(root, out, force).map(|_| ()).map_err(|r| r.reason))
}

#[test]
fn paths_are_resolved_before_the_rules_apply() {
    let (_tmp, root) = site();
    assert_eq!(reason(&root, &root.join("public"), false), "ok");
    // `..` after a folder that does not exist yet still lands on content/.
    assert_eq!(reason(&root, &root.join("new/../content"), true), "Is Content");
    assert_eq!(reason(&root, &root.join("public/../.."), true), "Contains Root");
    assert_eq!(reason(&root, &root.join("content/projects/x/y"), true), "Inside Content");
    fs::write(root.join("notes.txt"), "mine").unwrap();
    assert_eq!(reason(&root, &root.join("notes.txt"), true), "File");
    assert_eq!(reason(&root, &root.join("notes.txt/site"), true), "PathThroughFile");
    let checked = Destination::check(&root, &root.join("a/./b/../public"), false).unwrap();
    assert_eq!(checked.path(), root.join("a/public"));
    assert_eq!(checked.name(), "public");
    assert_eq!(checked.parent(), root.join("a"));
}

#[test]
fn what_is_in_a_folder_decides_whether_it_may_be_replaced() {
    let (_tmp, root) = site();
    let out = root.join("out");
    fs::create_dir(&out).unwrap();
    assert_eq!(reason(&root, &out, false), "ok", "empty");
    fs::write(out.join("b.txt"), "").unwrap();
    fs::write(out.join("a.txt"), "").unwrap();
    fs::create_dir(out.join("c")).unwrap();
    fs::create_dir(out.join("d")).unwrap();
    match Destination::check(&root, &out, false).map_err(|r| r.reason) {
        Err(Reason::NotKyodoOutput { count, first }) => {
            assert_eq!((count, first), (4, vec!["a.txt".to_owned(), "b.txt".to_owned(), "c".to_owned()]))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(reason(&root, &out, true), "ok");
    // A folder or a link named like the stamp is not the stamp.
    fs::create_dir(out.join(STAMP_NAME)).unwrap();
    assert_eq!(reason(&root, &out, false), "not kyodo's");
    fs::remove_dir(out.join(STAMP_NAME)).unwrap();
    fs::write(out.join(STAMP_NAME), STAMP_TEXT).unwrap();
    assert_eq!(reason(&root, &out, false), "ok");
}

#[test]
fn a_recheck_sees_a_folder_that_appeared_during_the_build() {
    let (_tmp, root) = site();
    let out = root.join("public");
    let checked = Destination::check(&root, &out, false).unwrap();
    assert!(checked.recheck().is_ok());
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    assert_eq!(code(checked.recheck().map_err(|r| r.reason)), "not kyodo's");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_followed_and_the_rules_apply_to_its_target() {
    use std::os::unix::fs::symlink;
    let (_tmp, root) = site();
    let target = root.parent().unwrap().join("www/site");
    fs::create_dir_all(&target).unwrap();
    symlink(&target, root.join("public")).unwrap();
    let checked = Destination::check(&root, &root.join("public"), false).unwrap();
    assert_eq!(checked.path(), target);
    assert_eq!(checked.shown(), root.join("public"));
    symlink(root.join("content"), root.join("records")).unwrap();
    assert_eq!(reason(&root, &root.join("records"), true), "Is Content");
    symlink(root.join("nowhere"), root.join("gone")).unwrap();
    assert_eq!(reason(&root, &root.join("gone"), true), "DanglingLink");
    assert_eq!(reason(&root, &root.join("gone/sub"), true), "DanglingLink");
    fs::write(target.join("notes.txt"), "mine").unwrap();
    assert_eq!(reason(&root, &root.join("public"), false), "not kyodo's");
}
