//! The stages of a build, as named functions with typed inputs and outputs. `lib.rs`
//! runs them in order ([`crate::run`]); `build`, `check` and the preview differ only in
//! their [`Job`] (where the records come from, which pages, `--strict`) and their sink.
//!
//! ```text
//! Stage::Load      Job::load          content/ → Site (read, parse, check)
//! Stage::Prepare   Renderer::new      templates compiled, per-language contexts
//! Stage::Projects  projects           each project's pages, JSON, rows, search documents
//! Stage::Data      data_files         CSV, projects.json closed; editions, datapackage, DCAT written
//! Stage::Search    search_index       the search index's shards
//! Stage::Pages     site_pages         lists, departments, facets, data page, home, year views
//! Stage::Files     site_files         sitemap, robots.txt, Atom feeds, 404, redirect, schemas, assets
//! Stage::Commit    Staging::commit    (a build into a folder only) the swap into place
//! ```

mod files;
mod pages;
mod projects;
mod search_docs;

use std::collections::BTreeSet;
use std::path::Path;

pub use files::{data_files, search_index, site_files};
pub use pages::render as site_pages;
pub use projects::{Made, render as projects};
pub use search_docs::{document, documents};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{ParseCache, Retention, Site, Sources};
use crate::msg;
use crate::msg::Msg;
use crate::output::WriteError;

/// A stage of the pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Prepare,
    Projects,
    Data,
    Search,
    Pages,
    Files,
    Commit,
}

impl Stage {
    /// The name `--timings` prints, in both languages.
    pub fn label(self) -> Msg {
        let en = self.name();
        let ja = match self {
            Stage::Load => "読み込み",
            Stage::Prepare => "準備",
            Stage::Projects => "事業",
            Stage::Data => "データ",
            Stage::Search => "検索",
            Stage::Pages => "ページ",
            Stage::Files => "ファイル",
            Stage::Commit => "確定",
        };
        msg!(ja: "{ja}", en: "{en}")
    }

    /// The name `--timings` prints in English.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Prepare => "prepare",
            Stage::Projects => "projects",
            Stage::Data => "data",
            Stage::Search => "search",
            Stage::Pages => "pages",
            Stage::Files => "files",
            Stage::Commit => "commit",
        }
    }
}

/// Progress of a build, for a progress bar and `--timings`. Called from several threads.
pub trait Progress: Sync {
    /// The number of pages about to be rendered.
    fn start(&self, _pages: usize) {}
    /// One more page done.
    fn tick(&self) {}
    /// A stage of the build is done.
    fn stage(&self, _stage: Stage) {}
}

/// The layout of the progress bar of `kyodo build` (an indicatif template): pages done of
/// all, and the time so far (00:01:05 in Japanese: indicatif's "1 minute" is English).
pub fn progress_template() -> Msg {
    msg!(ja: "{{bar:40}} {{pos}}/{{len}} ページ {{elapsed_precise}}", en: "{{bar:40}} {{pos}}/{{len}} pages {{elapsed}}")
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {}

/// Runs one stage, and reports it done when it succeeded.
pub fn stage<T, E>(progress: &dyn Progress, stage: Stage, run: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let done = run()?;
    progress.stage(stage);
    Ok(done)
}

/// Which project pages to render. Every other page and every data file is always made,
/// because lists and totals may change with any record.
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    /// After an edit (the preview): the pages of these projects (by id), and of the
    /// projects that name one of them as related.
    Changed(BTreeSet<String>),
}

impl Selection {
    /// The positions in `site.projects` of the projects whose pages to render.
    pub fn projects(&self, site: &Site) -> Vec<bool> {
        match self {
            Selection::All => vec![true; site.projects.len()],
            Selection::Changed(ids) => site
                .projects
                .iter()
                .map(|p| {
                    let r = &p.record;
                    ids.contains(r.id.get_ref().as_str())
                        || r.related.iter().any(|x| ids.contains(x.get_ref().as_str()))
                })
                .collect(),
        }
    }
}

/// Where the records of a build come from.
pub enum Input<'a> {
    /// The site root on disk; records kept whole or as outlines as the size of the site
    /// says, unless `retention` is given.
    Folder { root: &'a Path, retention: Option<Retention> },
    /// Files already read (the preview), with the problems found reading them; records
    /// whose bytes have not changed come from `cache`.
    Sources { root: &'a Path, sources: &'a Sources, read_problems: Diagnostics, cache: Option<&'a ParseCache> },
}

/// What one run of the pipeline makes.
pub struct Job<'a> {
    pub input: Input<'a>,
    pub selection: Selection,
    /// Warnings stop the build (`--strict`).
    pub strict: bool,
}

impl<'a> Job<'a> {
    /// Every page of the site at `root`.
    pub fn folder(root: &'a Path) -> Job<'a> {
        Job { input: Input::Folder { root, retention: None }, selection: Selection::All, strict: false }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        match &self.input {
            Input::Folder { root, .. } | Input::Sources { root, .. } => root,
        }
    }

    /// Stage [`Stage::Load`]: reads, parses and checks the records. On success the
    /// diagnostics hold warnings only, sorted.
    pub fn load(&self) -> Result<(Site, Diagnostics), Failure> {
        let loaded = match &self.input {
            Input::Folder { root, retention } => Site::load_with(root, *retention),
            Input::Sources { root, sources, read_problems, cache } => {
                Site::from_sources_cached(root, sources, read_problems.clone(), *cache)
            }
        };
        let (site, mut warnings) = loaded.map_err(Failure::Invalid)?;
        warnings.sort();
        Ok((site, warnings))
    }

    /// Refuses warnings under `--strict`.
    pub fn accept(&self, warnings: &Diagnostics) -> Result<(), Failure> {
        if self.strict && !warnings.0.is_empty() { Err(Failure::Strict(warnings.clone())) } else { Ok(()) }
    }
}

/// Why a run of the pipeline did not finish.
#[derive(Debug)]
pub enum Failure {
    /// The records have errors.
    Invalid(Diagnostics),
    /// `--strict` and there are warnings.
    Strict(Diagnostics),
    /// The theme or rendering failed (a template error), or a file could not be written.
    Render(Diagnostics),
    /// The output folder could not be prepared or put in place.
    Write(WriteError),
    /// The destination changed during the build and may no longer be replaced.
    Refused(crate::output::destination::Refusal),
}

/// Problems found once the records are loaded (the theme, a template, writing the
/// output) stop the build as a rendering failure.
impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Failure {
        Failure::Render(d)
    }
}

impl Failure {
    /// The failure as diagnostics, for commands that only report them.
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            Failure::Invalid(d) | Failure::Strict(d) | Failure::Render(d) => d,
            Failure::Write(e) => Diagnostics(vec![Diagnostic::file_error(&e.path, e.message(), write_help())]),
            Failure::Refused(r) => Diagnostics(vec![Diagnostic::file_error(Path::new("."), r.message(), write_help())]),
        }
    }
}

/// What to do when the output cannot be written.
pub(crate) fn write_help() -> Msg {
    msg!(
        ja: "書き出し先のフォルダーに書き込めること、ディスクがいっぱいでないことを確かめてください。",
        en: "check that the output folder is writable and the disk is not full",
    )
}

/// A problem writing `path` of the output, as diagnostics.
pub(crate) fn write_error(path: &str, e: Msg) -> Diagnostics {
    Diagnostics(vec![Diagnostic::file_error(Path::new(path), e, write_help())])
}
