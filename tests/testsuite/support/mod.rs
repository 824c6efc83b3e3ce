//! Helpers shared by the test modules: where the sites are, a site copied into a temporary
//! folder to change and build ([`TestSite`]), running the `kyodo` and `kyodo-bench`
//! binaries, and reading built files.

pub mod form;
pub mod html;
pub mod records;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The repository root, which is also the shipped Tomisato site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The small fixture site every page and error test starts from.
pub fn fixture() -> PathBuf {
    repo().join("tests/fixtures/basic")
}

/// The shipped Nasushiobara site.
pub fn nasushiobara() -> PathBuf {
    repo().join("examples/nasushiobara")
}

/// The two shipped site roots.
pub fn shipped_sites() -> [PathBuf; 2] {
    [repo(), nasushiobara()]
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable");
        let dest = to.join(entry.path().strip_prefix(from).expect("inside the tree"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Builds the site at `root` in memory; a site that does not build fails the test with
/// its diagnostics.
pub fn build(root: &Path) -> kyodo::Output {
    kyodo::build(root).unwrap_or_else(|d| panic!("{}: {}", root.display(), d.render(kyodo::msg::Lang::En))).0
}

/// The build of the site at `root`, made once for the whole test run and shared by the
/// tests that read it: for the fixture and the shipped sites, which no test changes in place.
pub fn built(root: &Path) -> &'static kyodo::Output {
    type Cell = &'static OnceLock<kyodo::Output>;
    static BUILT: Mutex<BTreeMap<PathBuf, Cell>> = Mutex::new(BTreeMap::new());
    let cell: Cell = *BUILT
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(root.to_path_buf())
        .or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(|| build(root))
}

/// A built file as text.
pub fn text<'a>(output: &'a kyodo::Output, path: &str) -> &'a str {
    let bytes = output.files.get(path).unwrap_or_else(|| panic!("{path} was not built"));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

/// The `kyodo` binary, speaking English whatever the locale of the machine the tests run
/// on (`KYODO_LANG`; tests of Japanese output pass `--lang ja`).
pub fn kyodo_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kyodo"));
    command.env("KYODO_LANG", "en");
    command
}

/// Runs the `kyodo` binary with `args` and `--root root`.
pub fn kyodo(args: &[&str], root: &Path) -> Output {
    kyodo_command().args(args).arg("--root").arg(root).output().expect("kyodo runs")
}

/// Runs the `kyodo` binary and fails the test with its messages if it fails; returns
/// what it printed on stderr.
pub fn kyodo_ok(args: &[&str], root: &Path) -> String {
    let out = kyodo(args, root);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "kyodo {args:?} failed:\n{stderr}");
    stderr
}

/// Runs `kyodo-bench generate` into `out`: a synthetic site of `projects` projects.
pub fn generate(out: &Path, projects: usize, seed: Option<u64>) {
    let projects = projects.to_string();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kyodo-bench"));
    command.args(["generate", "--projects", &projects]);
    if let Some(seed) = seed {
        command.args(["--seed", &seed.to_string()]);
    }
    let run = command.arg("--out").arg(out).output().expect("kyodo-bench runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

/// A copy of a site in a temporary folder, removed at the end of the test.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of the fixture site.
    pub fn fixture() -> TestSite {
        TestSite::copy_of(&fixture())
    }

    /// A copy of the whole folder `root`.
    pub fn copy_of(root: &Path) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(root, dir.path());
        TestSite { dir }
    }

    /// A copy of the `content/` folder of the site at `root` (not its output or themes).
    pub fn content_of(root: &Path) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&root.join("content"), &dir.path().join("content"));
        TestSite { dir }
    }

    /// A copy of the `content/` folder of a shipped site in which records state `met` on
    /// an actual value, as no shipped record does: in Tomisato, the R5 actuals of 1-3-4
    /// (met) and 1-3-6 (not met), which their numbers cannot judge (the baselines are
    /// texts); in Nasushiobara, the R4 actuals of 3-1-9 (met) and 3-1-7 (not met), their
    /// levels removed.
    pub fn content_stating_met(root: &Path) -> TestSite {
        let site = TestSite::content_of(root);
        if root == nasushiobara() {
            let levels = "# The values in order, lowest first, as the report reads them from baseline to target.\nlevels = [{ ja = \"実施\", en = \"Implemented\" }, { ja = \"充実\", en = \"Enhanced\" }]\n";
            let actual = "  { year = \"R4\", text = { ja = \"充実\", en = \"Enhanced\" } },";
            for (file, met) in [("3-1-9", true), ("3-1-7", false)] {
                let file = format!("content/projects/{file}.toml");
                let stated = actual.replace(" } },", &format!(" }}, met = {met} }},"));
                site.edit(&file, levels, "").edit(&file, actual, &stated);
            }
        } else {
            site.edit(
                "content/projects/1-3-4.toml",
                "{ year = \"R5\", value = 34, note",
                "{ year = \"R5\", value = 34, met = true, note",
            )
            .edit(
                "content/projects/1-3-6.toml",
                "{ year = \"R5\", value = 4, note",
                "{ year = \"R5\", value = 4, met = false, note",
            );
        }
        // The records still check (this panics otherwise).
        site.warnings();
        site
    }

    /// A site with the configuration and vocabulary of the site at `root` and no projects.
    pub fn empty_like(root: &Path) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("content/projects")).expect("mkdir");
        for f in ["site.toml", "vocabulary.toml"] {
            fs::copy(root.join("content").join(f), dir.path().join("content").join(f)).expect("copy");
        }
        TestSite { dir }
    }

    /// The site root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the site as text.
    pub fn read(&self, file: &str) -> String {
        fs::read_to_string(self.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    /// Writes a file of the site, making its folder.
    pub fn write(&self, file: &str, bytes: impl AsRef<[u8]>) -> &TestSite {
        let path = self.path().join(file);
        fs::create_dir_all(path.parent().expect("a file in a folder")).expect("mkdir");
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        self
    }

    /// Replaces the first `from` by `to` in a file of the site; the text must be there.
    pub fn edit(&self, file: &str, from: &str, to: &str) -> &TestSite {
        let text = self.read(file);
        assert!(text.contains(from), "{file} does not contain {from:?}");
        self.write(file, text.replacen(from, to, 1))
    }

    /// Copies kyodo's default theme into the site as its own `themes/default`, to be changed.
    pub fn with_default_theme(&self) -> &TestSite {
        copy_dir(&repo().join("themes/default"), &self.path().join("themes/default"));
        self
    }

    /// Builds the site in memory; it must build.
    pub fn build(&self) -> kyodo::Output {
        build(self.path())
    }

    /// The problems `kyodo check` finds in the site, which must fail.
    pub fn diagnostics(&self) -> kyodo::Diagnostics {
        match kyodo::check(self.path()) {
            Ok(w) => panic!("expected errors, the site checked fine ({})", w.render(kyodo::msg::Lang::En)),
            Err(diags) => diags,
        }
    }

    /// The warnings `kyodo check` reports for the site, which must pass.
    pub fn warnings(&self) -> String {
        kyodo::check(self.path())
            .unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)))
            .render(kyodo::msg::Lang::En)
    }
}
