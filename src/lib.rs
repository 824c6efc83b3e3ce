//! kyodo: a city's plan-progress report, one TOML record per project, built into a
//! bilingual static website.
//!
//! The pipeline is load → check → render → write:
//!
//! ```text
//! Site::load(root)           read content/, parse, check every reference   (load.rs)
//! Theme::load(root, name)    templates, UI strings, assets                  (render/theme.rs)
//! render_to(site, theme, …)  pages, data files and search index, streamed   (render/mod.rs)
//!                            into a sink: memory, or a staging folder
//! Staging::commit()          the staging folder swapped into place          (output.rs)
//! ```
//!
//! Where a build may write is decided before anything is loaded, by
//! `Destination::check` (destination.rs): never over the site's own folders, and over
//! an existing folder only if kyodo wrote it, unless the clerk passes `--force`.

pub mod data;
pub mod destination;
pub mod diagnostic;
pub mod escape;
pub mod fiscal_year;
pub mod import;
pub mod indicator;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod preview;
pub mod project_folder;
pub mod record_writer;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod text;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::Site;
pub use render::{Output, render, theme::Theme};

/// Loads and checks the site at `root`, then renders it in memory. Nothing is written.
/// On success returns the output and any warnings.
pub fn build(root: &Path) -> Result<(Output, Diagnostics), Diagnostics> {
    let (site, mut warnings) = Site::load(root)?;
    let theme = Theme::load(root, &site.config.theme)?;
    let output = render(&site, &theme)?;
    warnings.sort();
    Ok((output, warnings))
}

/// Why a build into a folder did not happen.
#[derive(Debug)]
pub enum BuildFailure {
    /// The records have errors.
    Invalid(Diagnostics),
    /// `--strict` and there are warnings.
    Strict(Diagnostics),
    /// Rendering or writing failed (template error, disk full …).
    Render(Diagnostics),
    Write(output::WriteError),
    /// The destination changed during the build and may no longer be replaced.
    Refused(destination::Refusal),
}

/// A finished build: its warnings and the number of files written.
#[derive(Debug)]
pub struct Built {
    pub warnings: Diagnostics,
    pub files: usize,
}

/// Loads, checks and renders the site at `root` straight into a staging folder next to
/// `dest`, then swaps it into place. Pages are written as they are rendered, so memory does
/// not grow with the size of the output. On any failure `dest` is left as it was.
/// `dest` is checked by [`destination::Destination::check`] for the same `root`.
pub fn build_to_folder(
    root: &Path,
    dest: &destination::Destination,
    strict: bool,
    progress: &dyn render::Progress,
) -> Result<Built, BuildFailure> {
    let (site, mut warnings) = Site::load(root).map_err(BuildFailure::Invalid)?;
    progress.stage("load");
    warnings.sort();
    if strict && !warnings.0.is_empty() {
        return Err(BuildFailure::Strict(warnings));
    }
    let theme = Theme::load(root, &site.config.theme).map_err(BuildFailure::Render)?;
    let staging = output::Staging::new(dest).map_err(BuildFailure::Write)?;
    render::render_to(&site, &theme, &staging, progress, &render::Selection::All).map_err(BuildFailure::Render)?;
    let files = staging.files();
    staging.commit().map_err(|e| match e {
        output::CommitError::Refused(r) => BuildFailure::Refused(r),
        output::CommitError::Write(w) => BuildFailure::Write(w),
    })?;
    progress.stage("commit");
    Ok(Built { warnings, files })
}

/// Loads, checks and renders the site at `root` without keeping or writing anything: what
/// `kyodo check` runs. Rendering finds template errors; its output is dropped as it comes,
/// so checking a site of any size takes no more memory than building it.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    let (site, mut warnings) = Site::load(root)?;
    let theme = Theme::load(root, &site.config.theme)?;
    render::render_to(&site, &theme, &render::Discard, &render::Silent, &render::Selection::All)?;
    warnings.sort();
    Ok(warnings)
}
