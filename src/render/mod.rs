//! Rendering: the pages of a loaded [`Site`] as HTML, through the theme's templates.
//!
//! Pages exist in every language under parallel paths (`ja/…`, `en/…`); every internal
//! link is relative and points at a file, so the output works at a domain root, in a
//! subfolder, and opened from disk.
//!
//! ```text
//! theme.rs     the theme: templates, UI strings, assets; the minijinja Environment
//! views/       view structs: what each page's template sees, one file per page
//! context.rs   what the pages of one language share, computed once
//! pages.rs     which pages a language has, and each page's template and content
//! sitemap.rs   sitemap.xml and robots.txt
//! charts.rs    inline SVG charts
//! ```
//!
//! A [`Renderer`] is made once per build (templates compiled, per-language contexts
//! computed) and renders any page on any thread; the pipeline
//! decides which pages to render and where they go.

mod context;
pub mod feed;
mod pages;
pub mod sitemap;
pub mod theme;
pub mod views;

pub mod charts;

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::data::DataSet;
use crate::diagnostic::Diagnostics;
use crate::i18n::Lang;
use crate::load::Site;
use crate::model::Project;
use crate::urls::{self, Page as UrlPage};
pub use context::LangContext;
pub use pages::PageKind;
use pages::{Page, page, page_kinds, page_path, project_page};
use theme::{Theme, template_error};

/// A rendered file: its path from the output root, and its bytes.
pub type File = (String, Vec<u8>);

/// Renders pages: the compiled templates and what the pages of each language share.
pub struct Renderer<'t> {
    theme: &'t Theme,
    env: Environment<'t>,
    /// One per language of the site, in the site's order.
    languages: Vec<LangContext<'t>>,
    groups: views::DepartmentGroups,
}

impl<'t> Renderer<'t> {
    /// Compiles the templates and computes what the pages of each language share.
    pub fn new(site: &Site, theme: &'t Theme) -> Result<Renderer<'t>, Diagnostics> {
        let env = theme.environment()?;
        let languages = site.config.languages.iter().map(|&lang| LangContext::new(site, theme, lang)).collect();
        Ok(Renderer { theme, env, languages, groups: views::department_groups(site) })
    }

    /// What the pages of each language share, in the site's order of languages.
    pub fn languages(&self) -> &[LangContext<'t>] {
        &self.languages
    }

    /// Every page other than project pages, in every language, in a fixed order.
    pub fn site_pages(&self, site: &Site) -> Vec<(&LangContext<'t>, PageKind)> {
        self.languages.iter().flat_map(|c| page_kinds(site, c).into_iter().map(move |k| (c, k))).collect()
    }

    /// The page of project `p` in every language.
    pub fn project_pages(&self, site: &Site, p: &Project) -> Vec<Result<File, Diagnostics>> {
        self.languages.iter().map(|ctx| self.render(site, ctx, project_page(ctx, site, p))).collect()
    }

    /// One page other than a project page; the data page shows the files in `data`.
    pub fn site_page(
        &self,
        site: &Site,
        ctx: &LangContext,
        kind: PageKind,
        data: &DataSet,
    ) -> Result<File, Diagnostics> {
        self.render(site, ctx, page(site, ctx, &self.groups, data, kind))
    }

    /// The paths (inside a language folder) of every page, for the sitemap.
    pub fn page_paths(&self, site: &Site, ctx: &LangContext) -> Vec<String> {
        let mut paths: Vec<String> = page_kinds(site, ctx).into_iter().map(|k| page_path(site, ctx, k)).collect();
        paths.extend(site.projects.iter().map(|p| UrlPage::Project(p.record.id.get_ref().as_str()).in_lang()));
        paths
    }

    /// The pages outside the language folders: `404.html`, and `index.html`, which leads
    /// to the default language.
    pub fn root_pages(&self, site: &Site) -> Result<Vec<File>, Diagnostics> {
        let languages = &site.config.languages;
        let default = site.config.default_language;
        let not_found = context! {
            languages => languages.iter().map(|&l| {
                let t = &self.theme.strings[&l];
                context! {
                    code => l.code(),
                    heading => t.not_found.clone(),
                    text => t.not_found_text.clone(),
                    home_label => t.home.clone(),
                    search_label => t.search.clone(),
                    home => site.urls.public(&UrlPage::Home.path(l)),
                    search => site.urls.public(&UrlPage::Search.path(l)),
                }
            }).collect::<Vec<_>>(),
            lang => default.code(),
            title => site.config.title.get(default).value,
            stylesheet => site.urls.public(urls::STYLESHEET),
        };
        let redirect = context! {
            lang => default.code(),
            title => site.config.title.get(default).value,
            target => UrlPage::Home.path(default),
            languages => languages.iter().map(|&l| context! {
                code => l.code(),
                path => UrlPage::Home.path(l),
                label => format!("{} ({})", site.config.title.get(l).value, l.native_name()),
            }).collect::<Vec<_>>(),
        };
        [("404.html", urls::NOT_FOUND, not_found), ("redirect.html", urls::REDIRECT, redirect)]
            .into_iter()
            .map(|(template, path, ctx)| {
                let html = self.env.get_template(template).and_then(|t| t.render(ctx));
                html.map(|h| (path.to_owned(), h.into_bytes()))
                    .map_err(|e| Diagnostics(vec![template_error(&self.theme.origin, &e)]))
            })
            .collect()
    }

    /// The Atom feed of each language that has one, with its path.
    pub fn feeds(&self, site: &Site) -> Vec<File> {
        self.languages
            .iter()
            .filter_map(|ctx| feed::feed(site, ctx.lang, ctx.l.strings).map(|bytes| (urls::feed(ctx.lang), bytes)))
            .collect()
    }

    /// Renders one page of a language to HTML.
    fn render(&self, site: &Site, ctx: &LangContext, page: Page) -> Result<File, Diagnostics> {
        let common = Common::new(site, ctx, &page);
        let path = urls::in_lang(ctx.lang, &page.path_in_lang);
        let shared = context! { t => ctx.t_value.clone(), site => ctx.site_value.clone() };
        let value = context! { ..shared, ..Value::from(Serde(&common)), ..page.content };
        let html = self.env.get_template(page.template).and_then(|t| t.render(value));
        html.map(|h| (path, h.into_bytes())).map_err(|e| Diagnostics(vec![template_error(&self.theme.origin, &e)]))
    }
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

impl Common {
    fn new(site: &Site, ctx: &LangContext, page: &Page) -> Common {
        let lang = ctx.lang;
        let languages = &site.config.languages;
        let path = urls::in_lang(lang, &page.path_in_lang);
        let site_title = &ctx.site_view.title.value;
        let page_title =
            if page.title == *site_title { site_title.clone() } else { format!("{} | {site_title}", page.title) };
        let link = |other: Lang| site.urls.link(&path, &urls::in_lang(other, &page.path_in_lang));
        Common {
            lang,
            root: urls::root_prefix(&path),
            page_title,
            description: page.description.clone(),
            canonical: site.urls.absolute(&path),
            alternates: languages.iter().map(|&other| Alternate { code: other.code(), href: link(other) }).collect(),
            x_default: link(site.config.default_language),
            switcher: languages
                .iter()
                .map(|&other| SwitcherEntry {
                    code: other.code(),
                    name: other.native_name(),
                    path: urls::in_lang(other, &page.path_in_lang),
                    current: other == lang,
                })
                .collect(),
            og_locale: match lang {
                Lang::Ja => "ja_JP",
                Lang::En => "en_US",
            },
        }
    }
}
