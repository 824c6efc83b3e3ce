//! Where `kyodo build` may write, through the real binary: it replaces only a new, empty or
//! kyodo-written folder (or another folder with `--force`), never the site's own folders or
//! a file; it follows a symbolic link; and a build killed mid-way loses nothing, the next
//! build removing what it left behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use kyodo::output::destination::{STAMP_NAME, STAMP_TEXT};

use crate::support::{copy_dir, fixture, generate};

fn kyodo(cwd: &Path, args: &[&str]) -> Output {
    crate::support::kyodo_command().args(args).current_dir(cwd).output().unwrap()
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Every file, folder and link under `dir`, with file contents and link targets.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let content = if e.path_is_symlink() {
                fs::read_link(e.path()).unwrap().into_os_string().into_encoded_bytes()
            } else if e.file_type().is_file() {
                fs::read(e.path()).unwrap()
            } else {
                b"<folder>".to_vec()
            };
            (rel, content)
        })
        .collect()
}

/// A temporary folder holding a copy of the basic fixture site in `site/`; the site root
/// is returned canonicalized.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(tmp.path()).unwrap().join("site");
    copy_dir(&fixture(), &root);
    (tmp, root)
}

#[test]
fn the_sites_own_folders_files_and_foreign_folders_are_refused() {
    let (tmp, root) = site();
    fs::create_dir_all(root.join("mine")).unwrap();
    fs::write(root.join("mine/notes.txt"), "notes").unwrap();
    fs::create_dir_all(root.join("themes/default/static")).unwrap();
    fs::write(root.join("themes/default/static/extra.css"), "b{}").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("content"), root.join("records")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("gone")).unwrap();
    }
    // (snapshot name, --out, refused with --force too)
    let mut cases = vec![
        ("not_written_by_kyodo", "mine", false),
        ("site_root", ".", true),
        ("parent_of_the_site_root", "..", true),
        ("content", "content", true),
        ("inside_content", "content/projects/x", true),
        ("inside_themes", "themes/default/static", true),
        ("a_file", "mine/notes.txt", true),
    ];
    if cfg!(unix) {
        cases.push(("link_to_content", "records", true));
        cases.push(("dangling_link", "gone", true));
    }
    let before = tree(tmp.path());
    for (name, out, always) in cases {
        let run = kyodo(&root, &["build", "--out", out]);
        assert!(!run.status.success(), "{out}: {}", stderr(&run));
        let message = stderr(&run).replace(&root.display().to_string(), "[SITE]");
        insta::assert_snapshot!(format!("refused_{name}"), message);
        let japanese = kyodo(&root, &["build", "--lang", "ja", "--out", out]);
        assert!(!japanese.status.success(), "{out}: {}", stderr(&japanese));
        let message = stderr(&japanese).replace(&root.display().to_string(), "[SITE]");
        insta::assert_snapshot!(format!("refused_{name}_ja"), message);
        if always {
            let forced = kyodo(&root, &["build", "--force", "--out", out]);
            assert!(!forced.status.success(), "{out} --force: {}", stderr(&forced));
            assert_eq!(stderr(&forced), stderr(&run), "{out}: --force changes nothing");
        }
        assert!(tree(tmp.path()) == before, "{out}: something was touched");
    }
}

#[test]
fn a_folder_kyodo_did_not_write_is_replaced_only_with_force() {
    let (_tmp, root) = site();
    let mine = root.join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "notes").unwrap();
    let refused = kyodo(&root, &["build", "--out", "mine"]);
    assert!(!refused.status.success());
    assert_eq!(fs::read_to_string(mine.join("notes.txt")).unwrap(), "notes");

    let forced = kyodo(&root, &["build", "--out", "mine", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!mine.join("notes.txt").exists());
    assert_eq!(fs::read_to_string(mine.join(STAMP_NAME)).unwrap(), STAMP_TEXT);
    assert!(mine.join("ja/index.html").is_file());
    // Now it is kyodo's: the next build needs no --force.
    let again = kyodo(&root, &["build", "--out", "mine"]);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn new_empty_and_kyodo_written_folders_are_built_into_byte_identically() {
    let (_tmp, root) = site();
    fs::create_dir(root.join("empty")).unwrap();
    let first = kyodo(&root, &["build", "--out", "empty"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let built = tree(&root.join("empty"));
    assert_eq!(built.get(Path::new(STAMP_NAME)).map(Vec::as_slice), Some(STAMP_TEXT.as_bytes()));
    for _ in 0..2 {
        let run = kyodo(&root, &["build"]);
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(tree(&root.join("public")) == built, "every build writes the same bytes, stamp included");
    }
}

/// A symbolic link as output is followed: the folder it points to is replaced, with the
/// staging folders next to that folder, and the link stays.
#[cfg(unix)]
#[test]
fn a_symbolic_link_as_output_is_followed_and_kept() {
    let (tmp, root) = site();
    let www = tmp.path().join("www");
    let target = www.join("kyodo");
    fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, root.join("public")).unwrap();
    for _ in 0..2 {
        let run = kyodo(&root, &["build"]);
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(fs::symlink_metadata(root.join("public")).unwrap().file_type().is_symlink(), "the link is kept");
        assert_eq!(fs::read_link(root.join("public")).unwrap(), target);
        assert!(target.join("ja/index.html").is_file());
        assert!(target.join(STAMP_NAME).is_file());
    }
    let names = |dir: &Path| {
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect::<Vec<_>>()
    };
    assert_eq!(names(&www), ["kyodo"], "no staging folders left next to the target");
    assert!(!names(&root).iter().any(|n| n.starts_with(".public")), "none next to the link either");
}

/// Names in `dir` of staging folders of the output `public`.
fn staging_folders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".public.new-") || name.starts_with(".public.old-")
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Starts a build of `root` and kills it with SIGKILL once its staging folder holds pages.
/// Returns false if the build finished before it could be killed.
#[cfg(unix)]
fn kill_mid_build(root: &Path) -> bool {
    let mut child = crate::support::kyodo_command()
        .args(["build"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let writing = staging_folders(root).iter().any(|s| fs::read_dir(s).map(|d| d.count() >= 2).unwrap_or(false));
        if writing {
            child.kill().unwrap(); // SIGKILL on Unix: no destructor, no cleanup runs.
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_way_loses_nothing_and_the_next_build_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let mut projects = 150;
    for attempt in 0.. {
        assert!(attempt < 4, "the build always finished before it could be killed");
        let root = tmp.path().join(format!("site-{projects}"));
        generate(&root, projects, None);
        let first = kyodo(&root, &["build"]);
        assert!(first.status.success(), "{}", stderr(&first));
        let previous = tree(&root.join("public"));
        // The next build writes different pages, so the old and new output can be told apart.
        let site_toml = root.join("content/site.toml");
        let text = fs::read_to_string(&site_toml).unwrap();
        assert!(text.contains("updated = \"2024-06-30\""));
        fs::write(&site_toml, text.replace("updated = \"2024-06-30\"", "updated = \"2024-07-01\"")).unwrap();

        if !kill_mid_build(&root) {
            projects *= 3;
            continue;
        }
        let leftovers = staging_folders(&root);
        // A staging folder left behind, and no old output moved aside, shows the kill came
        // before the swap; otherwise the build got to its last step first: try again with a
        // bigger site.
        let swapping = leftovers.iter().any(|l| l.to_string_lossy().contains(".public.old-"));
        if leftovers.is_empty() || swapping {
            projects *= 3;
            continue;
        }
        eprintln!("killed a build of {projects} projects mid-way");
        assert!(tree(&root.join("public")) == previous, "the previous output changed after a killed build");
        for leftover in &leftovers {
            assert_eq!(fs::read_to_string(leftover.join(STAMP_NAME)).unwrap(), STAMP_TEXT, "{}", leftover.display());
        }

        // A folder of the clerk's with a staging folder's name but no stamp is kept.
        let users = root.join(".public.old-x");
        fs::create_dir(&users).unwrap();
        fs::write(users.join("notes.txt"), "mine").unwrap();
        let next = kyodo(&root, &["build"]);
        assert!(next.status.success(), "{}", stderr(&next));
        assert_eq!(
            staging_folders(&root),
            vec![users.clone()],
            "the killed build's folders are removed, the clerk's kept"
        );
        assert_eq!(fs::read_to_string(users.join("notes.txt")).unwrap(), "mine");
        let (expected, _) = kyodo::build(&root).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
        let mut built: BTreeMap<String, Vec<u8>> = tree(&root.join("public"))
            .into_iter()
            .filter(|(_, content)| content != b"<folder>")
            .map(|(path, content)| (path.to_string_lossy().into_owned(), content))
            .collect();
        assert_eq!(built.remove(STAMP_NAME).as_deref(), Some(STAMP_TEXT.as_bytes()));
        assert!(built == expected.files, "the next build writes the whole new site");
        return;
    }
}
