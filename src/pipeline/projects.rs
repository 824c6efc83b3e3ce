//! Stage [`super::Stage::Projects`]: everything that comes from one project, made from its
//! whole record at once.
//!
//! Projects are taken in batches in site order: each project's whole record is made once
//! ([`Site::record`]) and yields its pages, its JSON file, its rows of the CSV files and its
//! search documents, in parallel; then the rows and documents are appended to the data
//! files and the search index, which are streamed to the sink. Memory holds one batch.

use std::sync::Mutex;

use rayon::prelude::*;

use super::{Progress, Selection, write_error};
use crate::data::{self, ProjectData};
use crate::diagnostic::Diagnostics;
use crate::load::Site;
use crate::output::Sink;
use crate::render::Renderer;
use crate::search;
use crate::urls;

/// Projects whose outputs are made together: enough to keep both cores busy, few enough
/// that their pages, rows and search documents take little memory.
const BATCH: usize = 256;

/// What a project adds to the site-wide outputs, made in parallel and then appended in
/// site order.
struct ProjectWork {
    data: ProjectData,
    /// Its search document in each language.
    search: Vec<search::Prepared>,
}

/// The site-wide outputs the projects were added to: the open-data files (still open) and
/// the search index of each language (in the order of the site's languages).
pub struct Made<'s> {
    pub data: data::Writer<'s>,
    pub search: Vec<search::Builder>,
}

/// Renders the selected project pages and each project's JSON file into `sink`, and adds
/// every project to the data files and search indexes.
pub fn render<'s>(
    site: &'s Site,
    renderer: &Renderer,
    sink: &'s dyn Sink,
    selection: &Selection,
    progress: &dyn Progress,
) -> Result<Made<'s>, Diagnostics> {
    let selected = selection.projects(site);
    let pages = renderer.site_pages(site).len() + selected.iter().filter(|s| **s).count() * renderer.languages().len();
    progress.start(pages);
    let failures = Failures::default();
    let put = |path: &str, bytes: Vec<u8>| sink.put(path, bytes).map_err(|e| write_error(path, e));
    let data = data::Writer::new(site, sink).map_err(|e| write_error(urls::DATA_DIR, e))?;
    let (tables, json_header) = (data.tables.clone(), data::json::header_open(site));
    let search: Vec<search::Builder> = renderer.languages().iter().map(|_| search::Builder::default()).collect();
    let work = |i: usize| -> Option<ProjectWork> {
        let p = site.record(i).map_err(|d| failures.add(Diagnostics(vec![*d]))).ok()?;
        let project_data = data::project_data(site, &tables, &p);
        if selected[i] {
            for page in renderer.project_pages(site, &p) {
                match page {
                    Ok((path, bytes)) => put(&path, bytes).unwrap_or_else(|d| failures.add(d)),
                    Err(d) => failures.add(d),
                }
                progress.tick();
            }
            let path = urls::project_json(p.id.get_ref().as_str());
            let own = data::json::project_text(site, &p, &path);
            let file = data::json::project_file(&json_header, &own);
            put(&path, file).unwrap_or_else(|d| failures.add(d));
        }
        let search =
            renderer.languages().iter().map(|ctx| search::prepare(&super::document(site, &p, &ctx.l))).collect();
        Some(ProjectWork { data: project_data, search })
    };
    let indexes: Vec<usize> = (0..site.projects.len()).collect();
    // Rows and search documents must be appended in site order, which is sequential work:
    // it runs on a thread of its own, one batch behind, while the next batch renders.
    let appended = std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<ProjectWork>>(2);
        let appender = scope.spawn(move || -> Result<_, crate::msg::Msg> {
            let (mut data, mut search) = (data, search);
            for w in received.into_iter().flatten() {
                data.add(w.data)?;
                for (builder, doc) in search.iter_mut().zip(w.search) {
                    builder.add(doc);
                }
            }
            Ok(Made { data, search })
        });
        for batch in indexes.chunks(BATCH) {
            let done: Vec<ProjectWork> = batch.par_iter().filter_map(|&i| work(i)).collect();
            // A send fails only when the appender stopped on a write error, reported below.
            if batches.send(done).is_err() || failures.has_errors() {
                break;
            }
        }
        drop(batches);
        appender.join()
    });
    let made = match appended {
        Ok(Ok(made)) => made,
        Ok(Err(e)) => return Err(write_error(urls::DATA_DIR, e)),
        Err(_) => {
            let stopped = crate::msg!(
                ja: "データファイルの書き出しが途中で止まりました。",
                en: "writing the data files stopped unexpectedly",
            );
            return Err(write_error(urls::DATA_DIR, stopped));
        }
    };
    failures.stop_on_errors()?;
    Ok(made)
}

/// Problems collected while rendering in parallel.
#[derive(Default)]
pub(super) struct Failures(Mutex<Diagnostics>);

impl Failures {
    pub(super) fn add(&self, d: Diagnostics) {
        if let Ok(mut f) = self.0.lock() {
            f.extend(d);
        }
    }

    fn has_errors(&self) -> bool {
        self.0.lock().map(|f| f.has_errors()).unwrap_or(true)
    }

    /// The problems collected, if any is an error: each reported once per file (a broken
    /// template fails every page that uses it the same way).
    pub(super) fn stop_on_errors(self) -> Result<(), Diagnostics> {
        let mut diags = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        if !diags.has_errors() {
            return Ok(());
        }
        diags.0.sort_by(|a, b| a.file.cmp(&b.file));
        diags.0.dedup_by(|a, b| a.file == b.file && a.message == b.message);
        Err(diags)
    }
}
