//! kyodo: a city's plan-progress report, one TOML record per project, built into a
//! bilingual static website.
//!
//! The pipeline is load → check → render → write:
//!
//! ```text
//! Site::load(root)        read content/, parse, check every reference   (load.rs)
//! Theme::load(root, name) templates, UI strings, assets                  (render/theme.rs)
//! render(&site, &theme)   every page, in memory                          (render/mod.rs)
//! write_atomically(out)   temporary folder, then swapped into place      (output.rs)
//! ```

pub mod data;
pub mod diagnostic;
pub mod fiscal_year;
pub mod import;
pub mod indicator;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
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
pub use render::{render, theme::Theme, Output};

/// Loads and checks the site at `root`, then renders it in memory. Nothing is written.
/// On success returns the output and any warnings.
pub fn build(root: &Path) -> Result<(Output, Diagnostics), Diagnostics> {
    let (site, mut warnings) = Site::load(root)?;
    let theme = Theme::load(root, &site.config.theme)?;
    let output = render(&site, &theme)?;
    warnings.sort();
    Ok((output, warnings))
}

/// Loads, checks and renders the site at `root` without writing: what `kyodo check` runs.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    build(root).map(|(_, warnings)| warnings)
}
