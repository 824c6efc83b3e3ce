//! kyodo: a city's plan-progress report, one TOML record per project, built into a
//! bilingual static website with open data.
//!
//! Every command that builds runs the one pipeline, [`run`]: `kyodo build` into a staging
//! folder that is swapped into place, `kyodo check` into nothing, the preview into memory
//! and only for the projects an edit touched. The stages are in [`pipeline`]; the map of
//! the modules and the rules between them are in ARCHITECTURE.md.

pub mod data;
pub mod diagnostic;
pub mod edition;
pub mod editor;
pub mod escape;
pub mod field_names;
pub mod files;
pub mod fiscal_year;
pub mod freeze;
pub mod i18n;
pub mod import;
pub mod indicator;
pub mod load;
pub mod markdown;
pub mod model;
pub mod msg;
pub mod output;
pub mod pipeline;
pub mod preview;
pub mod record_edit;
pub mod record_writer;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod text;
pub mod urls;
pub mod verdict;
pub mod width;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::Site;
pub use output::{Output, destination};
pub use pipeline::{Failure, Job, Progress, Silent, Stage};
pub use render::theme::Theme;

use output::{Discard, MemorySink, Sink, Staging};
use pipeline::{Made, stage};
use render::Renderer;

/// The pipeline: load → check → render → write, each stage timed. The sink is opened
/// only once the records have passed their checks, so a site with errors touches nothing.
pub fn run<S: Sink>(
    job: &Job,
    open: impl FnOnce() -> Result<S, Failure>,
    progress: &dyn Progress,
) -> Result<(S, Diagnostics), Failure> {
    let (site, warnings) = stage(progress, Stage::Load, || job.load())?;
    job.accept(&warnings)?;
    let theme = Theme::load(job.root(), &site.config.theme)?;
    let sink = open()?;
    let renderer = stage(progress, Stage::Prepare, || Renderer::new(&site, &theme))?;
    let made = || pipeline::projects(&site, &renderer, &sink, &job.selection, progress);
    let Made { data, search } = stage(progress, Stage::Projects, made)?;
    let data = stage(progress, Stage::Data, || pipeline::data_files(data))?;
    stage(progress, Stage::Search, || pipeline::search_index(&site, search, &sink))?;
    stage(progress, Stage::Pages, || pipeline::site_pages(&site, &renderer, &data, &sink, progress))?;
    stage(progress, Stage::Files, || pipeline::site_files(&site, &theme, &renderer, &sink))?;
    Ok((sink, warnings))
}

/// Loads, checks and renders the site at `root` in memory; writes nothing. On success
/// returns the output and any warnings.
pub fn build(root: &Path) -> Result<(Output, Diagnostics), Diagnostics> {
    let (sink, warnings) =
        run(&Job::folder(root), || Ok(MemorySink::default()), &Silent).map_err(Failure::into_diagnostics)?;
    Ok((sink.into_output(), warnings))
}

/// A finished build: its warnings and the number of files written.
#[derive(Debug)]
pub struct Built {
    pub warnings: Diagnostics,
    pub files: usize,
}

/// Builds the site at `root` straight into a staging folder next to `dest`, then swaps it
/// into place. Pages are written as they are rendered, so memory does not grow with the
/// size of the output. On any failure `dest` is left as it was. `dest` is checked by
/// [`destination::Destination::check`] for the same `root`.
pub fn build_to_folder(
    root: &Path,
    dest: &destination::Destination,
    strict: bool,
    progress: &dyn Progress,
) -> Result<Built, Failure> {
    let job = Job { strict, ..Job::folder(root) };
    let (staging, warnings) = run(&job, || Staging::new(dest).map_err(Failure::Write), progress)?;
    let files = staging.files();
    stage(progress, Stage::Commit, || staging.commit()).map_err(|e| match e {
        output::CommitError::Refused(r) => Failure::Refused(r),
        output::CommitError::Write(w) => Failure::Write(w),
    })?;
    Ok(Built { warnings, files })
}

/// Loads, checks and renders the site at `root` without keeping or writing anything: what
/// `kyodo check` runs. Rendering finds template errors; its output is dropped as it comes,
/// so checking a site of any size takes no more memory than building it.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    let (_, warnings) = run(&Job::folder(root), || Ok(Discard), &Silent).map_err(Failure::into_diagnostics)?;
    Ok(warnings)
}
