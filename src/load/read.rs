//! Reading a site's files: which files, their bytes, and a cache of parsed records
//! for the preview.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Project;
use crate::msg;

use super::*;

/// The text of a file, read as UTF-8 with a byte-order mark removed.
pub(super) struct LoadedText {
    pub path: PathBuf,
    pub text: String,
}

/// The raw files of a site, read but not yet parsed: what the loader works from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `content/site.toml`, if it could be read.
    pub site: Option<SourceFile>,
    /// `content/vocabulary.toml`; a site without one has an empty vocabulary.
    pub vocabulary: Option<SourceFile>,
    /// Every `content/projects/**/*.toml`, sorted by path.
    pub projects: Vec<SourceFile>,
    /// Whether the records were read: not by [`Sources::read_config`], so that no record
    /// is then said to be missing (from a frozen edition).
    pub records_read: bool,
}

/// Parsed project records by file, kept between rebuilds of the live preview so that only
/// changed files are parsed again.
#[derive(Debug, Default)]
pub struct ParseCache(std::sync::Mutex<std::collections::HashMap<PathBuf, (u64, Project)>>);

impl ParseCache {
    pub(super) fn get(&self, path: &Path, hash: u64) -> Option<Project> {
        let map = self.0.lock().ok()?;
        map.get(path).filter(|(h, _)| *h == hash).map(|(_, p)| p.clone())
    }

    pub(super) fn put(&self, path: &Path, hash: u64, project: &Project) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(path.to_path_buf(), (hash, project.clone()));
        }
    }
}

pub(super) fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// One file's path (relative to the site root) and bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Sources {
    /// Reads the files of the site at `root`; problems reading them are diagnostics.
    pub fn read(root: &Path, diags: &mut Diagnostics) -> Sources {
        let read_one = |rel: &Path, diags: &mut Diagnostics| read_one(root, rel, diags);
        let site = read_one(Path::new(SITE_FILE), diags);
        let vocabulary =
            if root.join(VOCABULARY_FILE).exists() { read_one(Path::new(VOCABULARY_FILE), diags) } else { None };
        let paths = record_paths(root, diags);
        let read: Vec<(Option<SourceFile>, Diagnostics)> = {
            use rayon::prelude::*;
            paths
                .par_iter()
                .map(|p| {
                    let mut d = Diagnostics::default();
                    (read_one(p, &mut d), d)
                })
                .collect()
        };
        let mut projects = Vec::with_capacity(read.len());
        for (file, d) in read {
            diags.extend(d);
            projects.extend(file);
        }
        Sources { site, vocabulary, projects, records_read: true }
    }

    /// Reads only `site.toml` and `vocabulary.toml`, for what needs the site's vocabulary
    /// but none of its records (`kyodo new`, which must work however broken the records
    /// are).
    pub fn read_config(root: &Path, diags: &mut Diagnostics) -> Sources {
        let site = read_one(root, Path::new(SITE_FILE), diags);
        let vocabulary =
            if root.join(VOCABULARY_FILE).exists() { read_one(root, Path::new(VOCABULARY_FILE), diags) } else { None };
        Sources { site, vocabulary, projects: Vec::new(), records_read: false }
    }
}

/// Reads one file of the site; a problem reading it is a diagnostic.
pub(super) fn read_one(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    match crate::files::read(&root.join(rel)) {
        Ok(bytes) => Some(SourceFile { path: rel.to_path_buf(), bytes }),
        Err(e) if e.not_found() => {
            let path = rel.display();
            diags.push(Diagnostic::file_error(
                rel,
                msg!(ja: "ファイルがありません。", en: "file not found"),
                msg!(
                    ja: "{path} を作ってください（書く項目は docs/records.md にあります）。",
                    en: "create {path} (see docs/records.md for its fields)",
                ),
            ));
            None
        }
        Err(e) => {
            diags.push(Diagnostic::file_error(rel, cannot_read(&e.error), check_readable()));
            None
        }
    }
}

/// Where the loader finds the project files: already read, or to read from disk.
pub(super) enum Inputs<'a> {
    Held(&'a [SourceFile]),
    OnDisk { root: &'a Path, paths: &'a [PathBuf] },
}

impl Inputs<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            Inputs::Held(files) => files.len(),
            Inputs::OnDisk { paths, .. } => paths.len(),
        }
    }

    pub(super) fn path(&self, i: usize) -> &Path {
        match self {
            Inputs::Held(files) => &files[i].path,
            Inputs::OnDisk { paths, .. } => &paths[i],
        }
    }

    /// The bytes of file `i`, read now if they are on disk.
    pub(super) fn get(&self, i: usize, diags: &mut Diagnostics) -> Option<std::borrow::Cow<'_, SourceFile>> {
        match self {
            Inputs::Held(files) => Some(std::borrow::Cow::Borrowed(&files[i])),
            Inputs::OnDisk { root, paths } => read_one(root, &paths[i], diags).map(std::borrow::Cow::Owned),
        }
    }

    /// The text of a file, for a diagnostic found after its text was dropped.
    pub(super) fn text_of(&self, path: &Path) -> LoadedText {
        let mut ignored = Diagnostics::default();
        let file = match self {
            Inputs::Held(files) => files.iter().find(|f| f.path == path).cloned(),
            Inputs::OnDisk { root, .. } => read_one(root, path, &mut ignored),
        };
        file.and_then(|f| decode(&f, &mut ignored))
            .unwrap_or_else(|| LoadedText { path: path.to_path_buf(), text: String::new() })
    }
}
