//! Rendering: a pure function from a loaded [`Site`] to the files of `public/`, in memory.
//!
//! Pages exist in every language under parallel paths (`ja/…`, `en/…`); every internal
//! link is relative and points at a file, so the output works at a domain root, in a
//! subfolder, and opened from disk.

pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use minijinja::value::Serde;
use minijinja::{context, Environment, Value};
use serde::Serialize;

use crate::diagnostic::Diagnostics;
use crate::load::Site;
use crate::markdown;
use crate::text::Lang;
use theme::{template_error, Theme};
use views::{department_path, department_view, plan_tree, project_path, project_view, Localizer, SiteView};

/// The rendered site: path relative to the output folder → file contents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    fn add(&mut self, path: impl Into<String>, contents: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), contents.into());
    }
}

/// What every page template gets besides its own content.
#[derive(Serialize)]
struct Common<'a> {
    lang: Lang,
    t: &'a theme::Strings,
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
    site: &'a SiteView,
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

/// A page to render: where it goes (relative to its language folder), which template,
/// and its title and description.
struct Page {
    path_in_lang: String,
    template: &'static str,
    title: String,
    description: String,
    content: Value,
}

/// Renders every page and asset of the site.
pub fn render(site: &Site, theme: &Theme) -> Result<Output, Diagnostics> {
    let env = theme.environment()?;
    let mut out = Output::default();
    let data = crate::data::build(site);
    let mut diags = Diagnostics::default();
    let languages = &site.config.languages;

    for &lang in languages {
        let strings = &theme.strings[&lang];
        let l = Localizer { lang, strings };
        let site_view = SiteView::new(site, &l);
        let site_title = site_view.title.value.clone();
        for page in pages(site, &l, &site_view, &data) {
            let path = format!("{lang}/{}", page.path_in_lang);
            let depth = path.matches('/').count();
            let root = "../".repeat(depth);
            let page_title = if page.title == site_title { site_title.clone() } else { format!("{} | {site_title}", page.title) };
            let absolute = |p: &str| site.config.base_url.as_ref().map(|b| format!("{}{p}", with_slash(b.get_ref())));
            let common = Common {
                lang,
                t: strings,
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
                site: &site_view,
            };
            let ctx = context! { ..Value::from(Serde(&common)), ..page.content };
            match render_one(&env, page.template, ctx) {
                Ok(html) => out.add(path, html),
                Err(e) => diags.push(template_error(&theme.origin, &e)),
            }
        }
    }

    // The root index leads to the default language without any server rewrite.
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
    match render_one(&env, "redirect.html", redirect) {
        Ok(html) => out.add("index.html", html),
        Err(e) => diags.push(template_error(&theme.origin, &e)),
    }
    out.files.extend(data.files);
    for (name, bytes) in &theme.assets {
        out.add(format!("assets/{name}"), bytes.clone());
    }

    if diags.has_errors() { Err(diags) } else { Ok(out) }
}

fn render_one(env: &Environment, template: &str, ctx: Value) -> Result<String, minijinja::Error> {
    env.get_template(template)?.render(ctx)
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') { url.to_owned() } else { format!("{url}/") }
}

/// Every page of one language.
fn pages(site: &Site, l: &Localizer, site_view: &SiteView, data: &crate::data::DataSet) -> Vec<Page> {
    let lang = l.lang;
    let site_description = site
        .config
        .description
        .as_ref()
        .map(|d| markdown::to_plain_text(d.get(lang).value))
        .unwrap_or_else(|| site_view.title.value.clone());
    let mut pages = Vec::new();

    pages.push(Page {
        path_in_lang: "index.html".to_owned(),
        template: "index.html",
        title: site_view.title.value.clone(),
        description: site_description.clone(),
        content: context! {
            goals => Value::from(Serde(plan_tree(site, l))),
            project_count => site.projects.len(),
        },
    });

    for file in &site.projects {
        let p = &file.record;
        let view = project_view(site, p, l);
        let description = p
            .reports
            .iter()
            .max_by_key(|r| *r.year.get_ref())
            .and_then(|r| r.achievements.as_ref())
            .or(p.plan_content.as_ref())
            .map(|t| views::shorten(&markdown::to_plain_text(t.get(lang).value), 120))
            .unwrap_or_else(|| site_description.clone());
        pages.push(Page {
            path_in_lang: project_path(lang, p.id.get_ref().as_str()).split_once('/').map(|x| x.1.to_owned()).unwrap_or_default(),
            template: "project.html",
            title: view.title.value.clone(),
            description,
            content: context! { p => Value::from(Serde(&view)), json_href => crate::data::json::project_path(p.id.get_ref().as_str()) },
        });
    }

    let departments: Vec<_> = site.vocabulary.departments.iter().map(|d| department_view(site, d, l)).collect();
    for (d, view) in site.vocabulary.departments.iter().zip(&departments) {
        pages.push(Page {
            path_in_lang: department_path(lang, d.id.get_ref().as_str()).split_once('/').map(|x| x.1.to_owned()).unwrap_or_default(),
            template: "department.html",
            title: view.name.value.clone(),
            description: format!("{} — {}", view.name.value, site_view.title.value),
            content: context! { d => Value::from(Serde(view)) },
        });
    }
    pages.push(Page {
        path_in_lang: "data.html".to_owned(),
        template: "data.html",
        title: l.strings.get("open_data").cloned().unwrap_or_default(),
        description: format!("{} — {}", l.strings.get("open_data").cloned().unwrap_or_default(), site_view.title.value),
        content: context! { data => Value::from(Serde(views::data_page_view(site, data, l))) },
    });
    pages.push(Page {
        path_in_lang: "departments/index.html".to_owned(),
        template: "departments.html",
        title: l.strings.get("all_departments").cloned().unwrap_or_default(),
        description: site_description,
        content: context! { departments => Value::from(Serde(&departments)) },
    });
    pages
}
