//! The atomic write: replacement, failure, the stamp and the leftovers of killed builds.

use super::*;
use std::ffi::OsString;

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf(), fs::read(e.path()).unwrap_or_default()))
        .collect();
    v.sort();
    v
}

fn output(entries: &[(&str, &str)]) -> Output {
    Output { files: entries.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect() }
}

/// `public/` in a temporary site root, checked by the rules.
fn public(tmp: &tempfile::TempDir) -> Destination {
    Destination::check(tmp.path(), &tmp.path().join("public"), false).unwrap()
}

fn names(dir: &Path) -> Vec<OsString> {
    let mut v: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    v.sort();
    v
}

fn stamp() -> (PathBuf, Vec<u8>) {
    (PathBuf::from(STAMP_NAME), STAMP_TEXT.as_bytes().to_vec())
}

#[test]
fn replaces_the_folder_and_drops_files_of_the_old_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = public(&tmp);
    write_atomically(&output(&[("index.html", "old"), ("old.html", "gone soon")]), &dest).unwrap();
    write_atomically(&output(&[("index.html", "new"), ("ja/index.html", "ja")]), &dest).unwrap();
    let expected =
        vec![stamp(), (PathBuf::from("index.html"), b"new".to_vec()), (PathBuf::from("ja/index.html"), b"ja".to_vec())];
    assert_eq!(files(dest.path()), expected);
    assert_eq!(names(tmp.path()), vec![OsString::from("public")], "no staging folders left");
}

#[test]
fn a_failure_while_writing_leaves_the_previous_output_and_no_leftovers() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = public(&tmp);
    write_atomically(&output(&[("index.html", "previous"), ("ja/index.html", "前回")]), &dest).unwrap();
    let before = files(dest.path());
    // "a" is written as a file, then "a/b" needs it to be a folder: the write fails
    // half-way, as it would on a full disk.
    let err = write_atomically(&output(&[("a", "file"), ("a/b", "cannot"), ("index.html", "new")]), &dest).unwrap_err();
    assert!(err.message().get(crate::msg::Lang::En).contains("cannot write"), "{err:?}");
    assert_eq!(files(dest.path()), before);
    assert_eq!(names(tmp.path()), vec![OsString::from("public")], "no staging folders left");
}

#[cfg(unix)]
#[test]
fn the_published_folder_is_readable_by_a_web_server() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dest = public(&tmp);
    write_atomically(&output(&[("index.html", "x")]), &dest).unwrap();
    assert_eq!(fs::metadata(dest.path()).unwrap().permissions().mode() & 0o777, 0o755);
}

#[test]
fn the_staging_folder_carries_the_stamp_before_any_page() {
    let tmp = tempfile::tempdir().unwrap();
    let staging = Staging::new(&public(&tmp)).unwrap();
    assert_eq!(files(staging.dir.path()), vec![stamp()]);
    assert_eq!(staging.files(), 0, "the stamp is not a file of the site");
}

#[test]
fn leftovers_of_killed_builds_are_removed_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = public(&tmp);
    let make = |name: &str, with: &[(&str, &str)]| {
        let dir = tmp.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        for (rel, text) in with {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    };
    make(".public.new-a1b2c3", &[(STAMP_NAME, STAMP_TEXT), ("ja/index.html", "half")]);
    make(".public.old-d4e5f6", &[(STAMP_NAME, STAMP_TEXT), ("index.html", "previous")]);
    make(".public.new-g7h8i9", &[]);
    // The clerk's folders: no stamp, another name, or another output's staging folder.
    make(".public.old-x", &[("notes.txt", "mine")]);
    make(".public.old-mine", &[("deep/notes.txt", "mine")]);
    make(".public.old-keep me", &[(STAMP_NAME, STAMP_TEXT)]);
    make(".site.new-j1k2l3", &[(STAMP_NAME, STAMP_TEXT)]);
    write_atomically(&output(&[("index.html", "new")]), &dest).unwrap();
    let kept: Vec<OsString> =
        [".public.old-keep me", ".public.old-mine", ".public.old-x", ".site.new-j1k2l3", "public"]
            .map(OsString::from)
            .into();
    assert_eq!(names(tmp.path()), kept);
    assert_eq!(fs::read_to_string(tmp.path().join(".public.old-x/notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_to_string(tmp.path().join(".public.old-mine/deep/notes.txt")).unwrap(), "mine");
}

#[test]
fn a_folder_the_clerk_filled_during_the_build_is_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dest = public(&tmp);
    let staging = Staging::new(&dest).unwrap();
    staging.write_file("index.html", b"new").unwrap();
    fs::create_dir(dest.path()).unwrap();
    fs::write(dest.path().join("notes.txt"), "mine").unwrap();
    match staging.commit() {
        Err(CommitError::Refused(r)) => assert!(r.message().get(crate::msg::Lang::Ja).contains("notes.txt"), "{r:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(files(dest.path()), vec![(PathBuf::from("notes.txt"), b"mine".to_vec())]);
    assert_eq!(names(tmp.path()), vec![OsString::from("public")], "the staging folder is removed");
}

#[test]
fn force_replaces_a_folder_kyodo_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    assert!(Destination::check(tmp.path(), &out, false).is_err());
    let dest = Destination::check(tmp.path(), &out, true).unwrap();
    write_atomically(&output(&[("index.html", "new")]), &dest).unwrap();
    assert_eq!(files(&out), vec![stamp(), (PathBuf::from("index.html"), b"new".to_vec())]);
    assert_eq!(names(tmp.path()), vec![OsString::from("mine")]);
}
