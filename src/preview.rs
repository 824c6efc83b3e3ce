//! Incremental rebuilds for the live preview: after a change to some records, only the
//! files that depend on them are rendered again.
//!
//! A change to a project record re-parses that file (the others come from a parse cache),
//! re-checks the whole site (references may have broken), and renders the pages of the
//! changed projects, of the projects that link to them, every list, total and data file,
//! and the search index. A change to anything else (site.toml, vocabulary.toml, the theme,
//! a deleted or new record) rebuilds everything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostic::Diagnostics;
use crate::load::{PROJECTS_DIR, ParseCache, SourceFile, Sources};
use crate::output::MemorySink;
use crate::pipeline::{Failure, Input, Job, Selection, Silent};

/// The files of a rendered site, shared cheaply between the rebuilder and the server.
pub type Files = BTreeMap<String, Arc<[u8]>>;

/// The preview's memory of the site between rebuilds.
pub struct Preview {
    root: PathBuf,
    /// The site's files as last read, with the problems found reading them (a misnamed
    /// record, say), which stay reported until the folder is read again.
    sources: Option<(Sources, Diagnostics)>,
    cache: ParseCache,
    files: Files,
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub warnings: Diagnostics,
    /// Files rendered by this rebuild.
    pub rendered: usize,
    pub millis: u128,
    /// Whether only the files depending on the changed records were rendered.
    pub incremental: bool,
}

impl Preview {
    pub fn new(root: &Path) -> Preview {
        Preview { root: root.to_path_buf(), sources: None, cache: ParseCache::default(), files: Files::new() }
    }

    /// The files of the last good build.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Rebuilds after changes to the files `changed` (paths as the watcher reports them);
    /// no paths means everything. On failure the last good files stay.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Diagnostics> {
        let started = Instant::now();
        let root = self.root.clone();
        let relative: Vec<PathBuf> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .map(|p| p.strip_prefix(".").unwrap_or(&p).to_path_buf())
            .collect();
        let mut diags = Diagnostics::default();
        // A link named like a record is not read but reported (see `project_folder`): a
        // change to one rebuilds everything, so that it is reported as a build reports it.
        let is_link = |p: &Path| std::fs::symlink_metadata(root.join(p)).is_ok_and(|m| m.file_type().is_symlink());
        let projects_only = !relative.is_empty()
            && relative
                .iter()
                .all(|p| p.starts_with(PROJECTS_DIR) && p.extension().is_some_and(|e| e == "toml") && !is_link(p));
        let mut incremental = false;
        let mut changed_ids = BTreeSet::new();
        match (&mut self.sources, projects_only) {
            (Some((sources, read_problems)), true) => {
                diags = read_problems.clone();
                incremental = true;
                for rel in &relative {
                    match crate::files::read(&root.join(rel)) {
                        Ok(bytes) => match sources.projects.iter_mut().find(|s| s.path == *rel) {
                            Some(existing) => existing.bytes = bytes,
                            None => {
                                sources.projects.push(SourceFile { path: rel.clone(), bytes });
                                sources.projects.sort_by(|a, b| a.path.cmp(&b.path));
                                incremental = false;
                            }
                        },
                        Err(_) => {
                            sources.projects.retain(|s| s.path != *rel);
                            incremental = false;
                        }
                    }
                    changed_ids.extend(rel.file_stem().map(|s| s.to_string_lossy().into_owned()));
                }
            }
            _ => {
                let sources = Sources::read(&root, &mut diags);
                self.sources = Some((sources, diags.clone()));
            }
        }
        let (sources, _) = self.sources.as_ref().ok_or_else(Diagnostics::default)?;
        let selection = if incremental && !self.files.is_empty() {
            Selection::Changed(changed_ids)
        } else {
            incremental = false;
            Selection::All
        };
        let input = Input::Sources { root: &root, sources, read_problems: diags, cache: Some(&self.cache) };
        let job = Job { input, selection, strict: false };
        let (sink, warnings) =
            crate::run(&job, || Ok(MemorySink::default()), &Silent).map_err(Failure::into_diagnostics)?;
        let output = sink.into_output();
        let rendered = output.files.len();
        let fresh = output.files.into_iter().map(|(k, v)| (k, Arc::from(v)));
        if incremental {
            self.files.extend(fresh);
        } else {
            self.files = fresh.collect();
        }
        Ok(Rebuilt { warnings, rendered, millis: started.elapsed().as_millis(), incremental })
    }
}
