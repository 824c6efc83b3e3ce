//! Stages [`super::Stage::Search`] and [`super::Stage::Files`]: the search index's files,
//! and the files of the site that are not pages of a language.

use super::write_error;
use crate::data::{self, DataSet};
use crate::diagnostic::Diagnostics;
use crate::load::Site;
use crate::output::Sink;
use crate::render::theme::Theme;
use crate::render::{Renderer, sitemap};
use crate::search;
use crate::urls;

fn put(sink: &dyn Sink, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostics> {
    sink.put(path, bytes).map_err(|e| write_error(path, e))
}

/// Closes the open-data files and writes the catalogues, which need their sizes.
pub fn data_files(writer: data::Writer) -> Result<DataSet, Diagnostics> {
    writer.finish().map_err(|e| write_error(urls::DATA_DIR, e))
}

/// Writes the search index of each language (`builders` in the order of the site's
/// languages), shard by shard.
pub fn search_index(site: &Site, builders: Vec<search::Builder>, sink: &dyn Sink) -> Result<(), Diagnostics> {
    for (&lang, builder) in site.config.languages.iter().zip(builders) {
        let index = builder.finish();
        search::write_files(&index, &|name, bytes| put(sink, &urls::search_file(lang, &name), bytes))?;
    }
    Ok(())
}

/// Writes `sitemap.xml` (with a `base_url`), `robots.txt`, the Atom feeds, `404.html`, the root
/// `index.html`, the JSON Schemas and the theme's assets.
pub fn site_files(site: &Site, theme: &Theme, renderer: &Renderer, sink: &dyn Sink) -> Result<(), Diagnostics> {
    let default = renderer.languages().iter().find(|c| c.lang == site.config.default_language);
    if let (Some(base), Some(ctx)) = (site.urls.base(), default) {
        let paths = renderer.page_paths(site, ctx);
        let xml = sitemap::sitemap(base, &site.config.languages, site.config.default_language, &paths);
        put(sink, urls::SITEMAP, xml)?;
    }
    put(sink, urls::ROBOTS, sitemap::robots(site.urls.base()).into_bytes())?;
    for (path, bytes) in renderer.feeds(site) {
        put(sink, &path, bytes)?;
    }
    for (path, bytes) in renderer.root_pages(site)? {
        put(sink, &path, bytes)?;
    }
    for (name, text) in crate::schema::schemas() {
        put(sink, &urls::schema(name), text.into_bytes())?;
    }
    for (name, bytes) in &theme.assets {
        put(sink, &urls::asset(name), bytes.clone())?;
    }
    Ok(())
}
