//! Stage [`super::Stage::Pages`]: every page that is not a project page (home, lists,
//! facets, departments, about, search, the data page with the files' sizes), in every
//! language, in parallel.

use rayon::prelude::*;

use super::Progress;
use super::projects::Failures;
use crate::data::DataSet;
use crate::diagnostic::Diagnostics;
use crate::load::Site;
use crate::output::Sink;
use crate::render::Renderer;

/// Renders the pages other than project pages into `sink`; the data page describes `data`.
pub fn render(
    site: &Site,
    renderer: &Renderer,
    data: &DataSet,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<(), Diagnostics> {
    let failures = Failures::default();
    renderer.site_pages(site).par_iter().for_each(|&(ctx, kind)| {
        match renderer.site_page(site, ctx, kind, data) {
            Ok((path, bytes)) => {
                sink.put(&path, bytes).unwrap_or_else(|e| failures.add(super::write_error(&path, e)));
            }
            Err(d) => failures.add(d),
        }
        progress.tick();
    });
    failures.stop_on_errors()
}
