//! Rendering: a pure function from a loaded [`Site`] to the files of `public/`.
//!
//! Pages exist in every language under parallel paths (`ja/…`, `en/…`); every internal
//! link is relative and points at a file, so the output works at a domain root, in a
//! subfolder, and opened from disk.
//!
//! Pages are rendered in parallel (rayon) with templates compiled once; each finished file
//! goes straight to a [`Sink`]: memory for tests and the preview, a staging folder for a
//! build. Large files (CSV, `projects.json`) are streamed to the sink as they grow, so a
//! large site never needs its output in memory (see [`render_to`]).

// Formatted once the chart colour work lands on main, to keep that merge clean.
#[rustfmt::skip]
pub mod charts;
pub mod sitemap;
pub mod theme;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use rayon::prelude::*;
use serde::Serialize;

use crate::data::DataSet;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Site;
use crate::markdown;
use crate::text::Lang;
use theme::{Theme, template_error};
use views::{Localizer, SiteView, department_path, project_path};

/// The rendered site: path relative to the output folder → file contents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Where rendered files go. Called from several threads at once.
pub trait Sink: Sync {
    /// Stores one file; `path` is relative to the output root, with `/` separators.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), String>;

    /// Opens a file to be written piece by piece (the large data files), so that it never
    /// needs to be in memory whole. It is stored by [`SinkFile::finish`].
    fn open(&self, path: &str) -> Result<Box<dyn SinkFile + '_>, String>;
}

/// A file of a [`Sink`] being written piece by piece.
pub trait SinkFile: std::io::Write + Send {
    /// Stores the file; writing errors surface here at the latest.
    fn finish(self: Box<Self>) -> Result<(), String>;
}

/// A sink that drops every file: rendering only to find errors.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _path: &str, _bytes: Vec<u8>) -> Result<(), String> {
        Ok(())
    }

    fn open(&self, _path: &str) -> Result<Box<dyn SinkFile + '_>, String> {
        Ok(Box::new(Dropped))
    }
}

/// A file of [`Discard`].
struct Dropped;

impl std::io::Write for Dropped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SinkFile for Dropped {
    fn finish(self: Box<Self>) -> Result<(), String> {
        Ok(())
    }
}

/// A file of a [`MemorySink`] being written.
struct MemoryFile<'a> {
    sink: &'a MemorySink,
    path: String,
    bytes: Vec<u8>,
}

impl std::io::Write for MemoryFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SinkFile for MemoryFile<'_> {
    fn finish(self: Box<Self>) -> Result<(), String> {
        let MemoryFile { sink, path, bytes } = *self;
        sink.put(&path, bytes)
    }
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct MemorySink(pub Mutex<Output>);

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), String> {
        let mut out = self.0.lock().map_err(|_| "a rendering thread failed".to_owned())?;
        out.files.insert(path.to_owned(), bytes);
        Ok(())
    }

    fn open(&self, path: &str) -> Result<Box<dyn SinkFile + '_>, String> {
        Ok(Box::new(MemoryFile { sink: self, path: path.to_owned(), bytes: Vec::new() }))
    }
}

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Progress of a render, for a progress bar. Called from several threads.
pub trait Progress: Sync {
    /// The number of pages about to be rendered.
    fn start(&self, _pages: usize) {}
    /// One more page done.
    fn tick(&self) {}
    /// A stage of the build is done: "load", "prepare", "projects", "data", "search", "pages",
    /// "files", "commit".
    fn stage(&self, _name: &'static str) {}
}

/// No progress reporting.
pub struct Silent;

impl Progress for Silent {}

/// Which pages to render: all, or (for a rebuild after a change) every page except the
/// project pages not listed.
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    /// Project indexes (in `site.projects`) whose pages to render; every other kind of page
    /// and every data file is rendered too, because lists and totals may have changed.
    Projects(BTreeSet<usize>),
}

/// Renders the whole site in memory.
pub fn render(site: &Site, theme: &Theme) -> Result<Output, Diagnostics> {
    let sink = MemorySink::default();
    render_to(site, theme, &sink, &Silent, &Selection::All)?;
    Ok(sink.into_output())
}

/// What every page template gets besides its own content (and besides `t` and `site`,
/// which are the same for every page of a language and converted once).
#[derive(Serialize)]
struct Common {
    lang: Lang,
    /// Relative prefix from the page to the output root, e.g. `../../`.
    root: String,
    page_title: String,
    description: String,
    canonical: Option<String>,
    /// `<link rel="alternate" hreflang>` targets.
    alternates: Vec<Alternate>,
    x_default: String,
    /// The language switcher.
    switcher: Vec<SwitcherEntry>,
    og_locale: &'static str,
}

#[derive(Serialize)]
struct Alternate {
    code: &'static str,
    href: String,
}

#[derive(Serialize)]
struct SwitcherEntry {
    code: &'static str,
    name: &'static str,
    /// Site-root-relative path of the same page in that language.
    path: String,
    current: bool,
}

/// The pages of a language other than project pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind {
    Home,
    Projects,
    Facet(usize),
    About,
    Accessibility,
    Search,
    Data,
    Departments,
    Department(usize),
}

/// Everything shared by the pages of one language, computed once.
struct LangContext<'a> {
    lang: Lang,
    l: Localizer<'a>,
    site_view: SiteView,
    /// `t` and `site` for templates, converted once per language.
    t_value: Value,
    site_value: Value,
    site_description: String,
    cards: std::sync::Arc<Vec<views::ProjectCard>>,
    facets: views::Facets,
    facet_pages: Vec<views::FacetPage>,
}

impl<'a> LangContext<'a> {
    fn new(site: &Site, theme: &'a Theme, lang: Lang) -> LangContext<'a> {
        let l = Localizer { lang, strings: &theme.strings[&lang] };
        let site_view = SiteView::new(site, &l);
        let site_description = site
            .config
            .description
            .as_ref()
            .map(|d| markdown::to_plain_text(d.get(lang).value))
            .unwrap_or_else(|| site_view.title.value.clone());
        let cards: std::sync::Arc<Vec<_>> =
            std::sync::Arc::new(site.projects.par_iter().map(|p| views::project_card(site, &p.record, &l)).collect());
        let (facets, facet_pages) = views::facets(site, &cards, &l);
        let t_value = Value::from(Serde(l.strings));
        let site_value = Value::from(Serde(&site_view));
        LangContext { lang, l, site_view, t_value, site_value, site_description, cards, facets, facet_pages }
    }

    fn s(&self, key: &str) -> String {
        self.l.strings.get(key).cloned().unwrap_or_default()
    }
}

/// Project cards for a list page, converted for the template one at a time as the list is
/// rendered: a national site's list has 100,000 cards, and converting them all at once
/// would hold them twice.
#[derive(Debug)]
struct CardList {
    cards: std::sync::Arc<Vec<views::ProjectCard>>,
    /// Positions in `cards` of the cards to list; all when `None`.
    picks: Option<Vec<usize>>,
}

impl CardList {
    fn all(cards: &std::sync::Arc<Vec<views::ProjectCard>>) -> Value {
        Value::from_object(CardList { cards: cards.clone(), picks: None })
    }

    fn some(cards: &std::sync::Arc<Vec<views::ProjectCard>>, picks: &[usize]) -> Value {
        Value::from_object(CardList { cards: cards.clone(), picks: Some(picks.to_vec()) })
    }

    fn len(&self) -> usize {
        self.picks.as_ref().map_or(self.cards.len(), Vec::len)
    }
}

impl minijinja::value::Object for CardList {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &Value) -> Option<Value> {
        let i = key.as_usize()?;
        let card = match &self.picks {
            Some(picks) => self.cards.get(*picks.get(i)?)?,
            None => self.cards.get(i)?,
        };
        Some(Value::from(Serde(card)))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.len())
    }
}

/// A page ready to render: its path in the language folder, template, title, description
/// and content.
struct Page {
    path_in_lang: String,
    template: &'static str,
    title: String,
    description: String,
    content: Value,
}

/// The pages of a site in one language other than project pages, in a fixed order.
fn page_kinds(site: &Site, ctx: &LangContext) -> Vec<PageKind> {
    let mut kinds = vec![PageKind::Home, PageKind::Projects];
    kinds.extend((0..ctx.facet_pages.len()).map(PageKind::Facet));
    kinds.extend([PageKind::About, PageKind::Accessibility, PageKind::Search, PageKind::Data, PageKind::Departments]);
    kinds.extend((0..site.vocabulary.departments.len()).map(PageKind::Department));
    kinds
}

impl Selection {
    fn contains(&self, project: usize) -> bool {
        match self {
            Selection::All => true,
            Selection::Projects(set) => set.contains(&project),
        }
    }
}

/// The path of a page inside its language folder.
fn page_path(site: &Site, ctx: &LangContext, kind: PageKind) -> String {
    match kind {
        PageKind::Home => "index.html".to_owned(),
        PageKind::Projects => "projects.html".to_owned(),
        PageKind::Facet(i) => ctx.facet_pages[i].path.clone(),
        PageKind::About => "about.html".to_owned(),
        PageKind::Accessibility => "accessibility.html".to_owned(),
        PageKind::Search => "search.html".to_owned(),
        PageKind::Data => "data.html".to_owned(),
        PageKind::Departments => "departments/index.html".to_owned(),
        PageKind::Department(i) => {
            in_lang(&department_path(ctx.lang, site.vocabulary.departments[i].id.get_ref().as_str()))
        }
    }
}

/// `ja/projects/x.html` → `projects/x.html`.
fn in_lang(path: &str) -> String {
    path.split_once('/').map(|x| x.1.to_owned()).unwrap_or_default()
}

/// Builds a page's content: the view for its template.
fn page(site: &Site, ctx: &LangContext, groups: &views::DepartmentGroups, data: &DataSet, kind: PageKind) -> Page {
    let l = &ctx.l;
    let title = &ctx.site_view.title.value;
    let described = |what: &str| format!("{what} — {title}");
    let path_in_lang = page_path(site, ctx, kind);
    match kind {
        PageKind::Home => Page {
            path_in_lang,
            template: "index.html",
            title: title.clone(),
            description: ctx.site_description.clone(),
            content: context! {
                goals => Value::from(Serde(views::plan_tree(site, l))),
                project_count => site.projects.len(),
                dashboard => Value::from(Serde(views::dashboard(site, l))),
            },
        },
        PageKind::Projects => Page {
            path_in_lang,
            template: "projects.html",
            title: ctx.s("all_projects"),
            description: described(&ctx.s("all_projects")),
            content: context! { cards => CardList::all(&ctx.cards), facets => Value::from(Serde(&ctx.facets)) },
        },
        PageKind::Facet(i) => {
            let f = &ctx.facet_pages[i];
            Page {
                path_in_lang,
                template: "facet.html",
                title: f.title.clone(),
                description: described(&f.title),
                content: context! { heading => f.title.clone(), cards => CardList::some(&ctx.cards, &f.projects) },
            }
        }
        PageKind::About => Page {
            path_in_lang,
            template: "about.html",
            title: ctx.s("about_data"),
            description: described(&ctx.s("about_data")),
            content: context! { about => Value::from(Serde(views::about_view(site, l))) },
        },
        PageKind::Accessibility => Page {
            path_in_lang,
            template: "accessibility.html",
            title: ctx.s("accessibility"),
            description: described(&ctx.s("accessibility")),
            content: context! {},
        },
        PageKind::Search => Page {
            path_in_lang,
            template: "search.html",
            title: ctx.s("search"),
            description: described(&ctx.s("search")),
            content: context! {},
        },
        PageKind::Data => Page {
            path_in_lang,
            template: "data.html",
            title: ctx.s("open_data"),
            description: described(&ctx.s("open_data")),
            content: context! { data => Value::from(Serde(views::data_page_view(site, data, l))) },
        },
        PageKind::Departments => {
            let empty: [Vec<usize>; 3] = Default::default();
            let departments: Vec<_> = site
                .vocabulary
                .departments
                .iter()
                .map(|d| {
                    let counts = groups.get(d.id.get_ref().as_str()).unwrap_or(&empty);
                    let r = views::department_ref(d, l);
                    context! { href => r.href, name => Value::from(Serde(&r.name)), division => Value::from(Serde(&r.division)), project_count => counts.iter().map(Vec::len).sum::<usize>() }
                })
                .collect();
            Page {
                path_in_lang,
                template: "departments.html",
                title: ctx.s("all_departments"),
                description: ctx.site_description.clone(),
                content: context! { departments => departments },
            }
        }
        PageKind::Department(i) => {
            let view = views::department_view(site, &site.vocabulary.departments[i], groups, l);
            Page {
                path_in_lang,
                template: "department.html",
                title: view.name.value.clone(),
                description: format!("{} — {title}", view.name.value),
                content: context! { d => Value::from(Serde(&view)) },
            }
        }
    }
}

/// A project page, from the project's whole record.
fn project_page(ctx: &LangContext, site: &Site, p: &crate::model::Project) -> Page {
    let view = views::project_view(site, p, &ctx.l);
    let description = views::summary_text(p, ctx.lang, 120).unwrap_or_else(|| ctx.site_description.clone());
    Page {
        path_in_lang: in_lang(&project_path(ctx.lang, p.id.get_ref().as_str())),
        template: "project.html",
        title: view.title.value.clone(),
        description,
        content: context! { p => Value::from(Serde(&view)), json_href => crate::data::json::project_path(p.id.get_ref().as_str()) },
    }
}

/// Renders one page to HTML.
fn render_page(
    site: &Site,
    env: &Environment,
    ctx: &LangContext,
    page: Page,
) -> Result<(String, Vec<u8>), minijinja::Error> {
    let lang = ctx.lang;
    let languages = &site.config.languages;
    let path = format!("{lang}/{}", page.path_in_lang);
    let root = "../".repeat(path.matches('/').count());
    let site_title = &ctx.site_view.title.value;
    let page_title =
        if page.title == *site_title { site_title.clone() } else { format!("{} | {site_title}", page.title) };
    let absolute = |p: &str| site.config.base_url.as_ref().map(|b| format!("{}{p}", with_slash(b.get_ref())));
    let common = Common {
        lang,
        root: root.clone(),
        page_title,
        description: page.description,
        canonical: absolute(&path),
        alternates: languages
            .iter()
            .map(|&other| {
                let p = format!("{other}/{}", page.path_in_lang);
                Alternate { code: other.code(), href: absolute(&p).unwrap_or_else(|| format!("{root}{p}")) }
            })
            .collect(),
        x_default: {
            let p = format!("{}/{}", site.config.default_language, page.path_in_lang);
            absolute(&p).unwrap_or_else(|| format!("{root}{p}"))
        },
        switcher: languages
            .iter()
            .map(|&other| SwitcherEntry {
                code: other.code(),
                name: other.native_name(),
                path: format!("{other}/{}", page.path_in_lang),
                current: other == lang,
            })
            .collect(),
        og_locale: match lang {
            Lang::Ja => "ja_JP",
            Lang::En => "en_US",
        },
    };
    let shared = context! { t => ctx.t_value.clone(), site => ctx.site_value.clone() };
    let ctx_value = context! { ..shared, ..Value::from(Serde(&common)), ..page.content };
    let html = env.get_template(page.template)?.render(ctx_value)?;
    Ok((path, html.into_bytes()))
}

/// Projects whose outputs are made together: enough to keep both cores busy, few enough
/// that their pages, rows and search documents take little memory.
const BATCH: usize = 256;

/// What a project adds to the site-wide outputs, made in parallel and then appended in
/// site order.
struct ProjectWork {
    data: crate::data::ProjectData,
    /// Its search document in each language.
    search: Vec<crate::search::Prepared>,
}

/// Renders the selected pages and every data file into `sink`.
///
/// Projects are taken in batches in site order: each project's whole record is made once
/// ([`Site::record`]) and yields its pages, its JSON file, its rows of the CSV files and its
/// search documents; then the rows and documents are appended to the data files and the
/// search index, which are streamed to the sink. The other pages (lists, totals, the data
/// page with the files' sizes) follow.
pub fn render_to(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    progress: &dyn Progress,
    selection: &Selection,
) -> Result<(), Diagnostics> {
    let env = theme.environment()?;
    let languages = &site.config.languages;
    let file_error = |path: &str, e: String| {
        Diagnostics(vec![Diagnostic::file_error(
            std::path::Path::new(path),
            e,
            "check that the output folder is writable and the disk is not full",
        )])
    };
    let put = |path: &str, bytes: Vec<u8>| sink.put(path, bytes).map_err(|e| file_error(path, e));
    let write_error = |e: String| {
        Diagnostics(vec![Diagnostic::file_error(
            std::path::Path::new(crate::data::DATA_DIR),
            e,
            "check that the output folder is writable and the disk is not full",
        )])
    };

    let groups = views::department_groups(site);
    let contexts: Vec<LangContext> = languages.iter().map(|&lang| LangContext::new(site, theme, lang)).collect();
    let site_pages: Vec<(&LangContext, PageKind)> =
        contexts.iter().flat_map(|c| page_kinds(site, c).into_iter().map(move |k| (c, k))).collect();
    let selected = (0..site.projects.len()).filter(|&i| selection.contains(i)).count();
    progress.start(site_pages.len() + selected * contexts.len());
    progress.stage("prepare");

    let failures = Mutex::new(Diagnostics::default());
    let fail = |d: Diagnostics| {
        if let Ok(mut f) = failures.lock() {
            f.extend(d);
        }
    };
    let data = crate::data::Writer::new(site, sink).map_err(write_error)?;
    let (tables, json_header) = (data.tables.clone(), crate::data::json::header_open(site));
    let search: Vec<crate::search::Builder> = contexts.iter().map(|_| crate::search::Builder::default()).collect();
    let indexes: Vec<usize> = (0..site.projects.len()).collect();
    // Rows and search documents must be appended in site order, which is sequential work:
    // it runs on a thread of its own, one batch behind, while the next batch renders.
    let appended = std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<ProjectWork>>(2);
        let appender = scope.spawn(move || -> Result<_, String> {
            let (mut data, mut search) = (data, search);
            for work in received {
                for w in work {
                    data.add(w.data)?;
                    for (builder, doc) in search.iter_mut().zip(w.search) {
                        builder.add(doc);
                    }
                }
            }
            Ok((data, search))
        });
        for batch in indexes.chunks(BATCH) {
            let work: Vec<ProjectWork> = batch
                .par_iter()
                .filter_map(|&i| {
                    let p = match site.record(i) {
                        Ok(p) => p,
                        Err(d) => {
                            fail(Diagnostics(vec![*d]));
                            return None;
                        }
                    };
                    let project_data = crate::data::project_data(site, &tables, &p);
                    if selection.contains(i) {
                        for ctx in &contexts {
                            match render_page(site, &env, ctx, project_page(ctx, site, &p)) {
                                Ok((path, bytes)) => put(&path, bytes).unwrap_or_else(fail),
                                Err(e) => fail(Diagnostics(vec![template_error(&theme.origin, &e)])),
                            }
                            progress.tick();
                        }
                        let path = crate::data::json::project_path(p.id.get_ref().as_str());
                        put(&path, crate::data::json::project_file(&json_header, &project_data.json))
                            .unwrap_or_else(fail);
                    }
                    let search = contexts
                        .iter()
                        .map(|ctx| crate::search::prepare(&crate::search::document(site, &p, &ctx.l)))
                        .collect();
                    Some(ProjectWork { data: project_data, search })
                })
                .collect();
            // A send fails only when the appender stopped on a write error, reported below.
            if batches.send(work).is_err() || failures.lock().map(|f| f.has_errors()).unwrap_or(true) {
                break;
            }
        }
        drop(batches);
        appender.join()
    });
    let (data, search) = match appended {
        Ok(Ok(done)) => done,
        Ok(Err(e)) => return Err(write_error(e)),
        Err(_) => return Err(write_error("writing the data files stopped unexpectedly".to_owned())),
    };
    stop_on_errors(&failures)?;
    progress.stage("projects");
    let data = data.finish().map_err(write_error)?;
    progress.stage("data");
    for (ctx, builder) in contexts.iter().zip(search) {
        let lang = ctx.lang;
        let index = builder.finish();
        crate::search::write_files(&index, &|name, bytes| put(&format!("assets/search/{lang}/{name}"), bytes))?;
    }
    progress.stage("search");

    site_pages.par_iter().for_each(|&(ctx, kind)| {
        match render_page(site, &env, ctx, page(site, ctx, &groups, &data, kind)) {
            Ok((path, bytes)) => put(&path, bytes).unwrap_or_else(fail),
            Err(e) => fail(Diagnostics(vec![template_error(&theme.origin, &e)])),
        }
        progress.tick();
    });
    stop_on_errors(&failures)?;
    progress.stage("pages");
    if let (Some(base), Some(ctx)) =
        (&site.config.base_url, contexts.iter().find(|c| c.lang == site.config.default_language))
    {
        let mut paths: Vec<String> = page_kinds(site, ctx).into_iter().map(|k| page_path(site, ctx, k)).collect();
        paths.extend(site.projects.iter().map(|p| in_lang(&project_path(ctx.lang, p.record.id.get_ref().as_str()))));
        put(
            "sitemap.xml",
            sitemap::sitemap(&with_slash(base.get_ref()), languages, site.config.default_language, &paths),
        )?;
    }
    let base = site.config.base_url.as_ref().map(|b| with_slash(b.get_ref()));
    put("robots.txt", sitemap::robots(base.as_deref()).into_bytes())?;
    let at_root = |p: String| base.as_ref().map(|b| format!("{b}{p}")).unwrap_or(p);
    let not_found = context! {
        languages => languages.iter().map(|&l| {
            let strings = &theme.strings[&l];
            let s = |k: &str| strings.get(k).cloned().unwrap_or_default();
            context! {
                code => l.code(),
                heading => s("not_found"),
                text => s("not_found_text"),
                home_label => s("home"),
                search_label => s("search"),
                home => at_root(format!("{l}/index.html")),
                search => at_root(format!("{l}/search.html")),
            }
        }).collect::<Vec<_>>(),
        lang => site.config.default_language.code(),
        title => site.config.title.get(site.config.default_language).value,
        stylesheet => at_root("assets/style.css".to_owned()),
    };
    let default = site.config.default_language;
    let redirect = context! {
        lang => default.code(),
        title => site.config.title.get(default).value,
        target => format!("{default}/index.html"),
        languages => languages.iter().map(|&l| context! {
            code => l.code(),
            path => format!("{l}/index.html"),
            label => format!("{} ({})", site.config.title.get(l).value, l.native_name()),
        }).collect::<Vec<_>>(),
    };
    for (template, path, ctx) in [("404.html", "404.html", not_found), ("redirect.html", "index.html", redirect)] {
        let html = env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|e| Diagnostics(vec![template_error(&theme.origin, &e)]))?;
        put(path, html.into_bytes())?;
    }
    for (name, text) in crate::schema::schemas() {
        put(&format!("schemas/{name}"), text.into_bytes())?;
    }
    for (name, bytes) in &theme.assets {
        put(&format!("assets/{name}"), bytes.clone())?;
    }
    progress.stage("files");
    Ok(())
}

/// The problems collected while rendering in parallel, if any is an error: each reported
/// once per file (a broken template fails every page that uses it the same way).
fn stop_on_errors(failures: &Mutex<Diagnostics>) -> Result<(), Diagnostics> {
    let mut diags = std::mem::take(&mut *failures.lock().unwrap_or_else(|e| e.into_inner()));
    if !diags.has_errors() {
        return Ok(());
    }
    diags.0.sort_by(|a, b| a.file.cmp(&b.file));
    diags.0.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    Err(diags)
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') { url.to_owned() } else { format!("{url}/") }
}
