//! Rendering: a pure function from a loaded [`Site`] to the files of `public/`, in memory.
//!
//! Pages exist in every language under parallel paths (`ja/…`, `en/…`); every internal
//! link is relative and points at a file, so the output works at a domain root, in a
//! subfolder, and opened from disk.

pub mod charts;
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
                og_locale: match lang {
                    Lang::Ja => "ja_JP",
                    Lang::En => "en_US",
                },
            };
            let ctx = context! { ..Value::from(Serde(&common)), ..page.content };
            match render_one(&env, page.template, ctx) {
                Ok(html) => out.add(path, html),
                Err(e) => diags.push(template_error(&theme.origin, &e)),
            }
        }
    }

    for &lang in languages {
        let l = Localizer { lang, strings: &theme.strings[&lang] };
        out.add(format!("assets/search-{lang}.js"), crate::search::to_script(&crate::search::build(&search_documents(site, &l))));
    }
    let page_paths: Vec<String> = out.files.keys().filter(|p| p.starts_with(&format!("{default}/", default = site.config.default_language)) && p.ends_with(".html")).map(|p| p.split_once('/').map(|x| x.1.to_owned()).unwrap_or_default()).collect();
    if let Some(base) = &site.config.base_url {
        out.add("sitemap.xml", sitemap(&with_slash(base.get_ref()), languages, site.config.default_language, &page_paths));
    }
    out.add("robots.txt", robots(site.config.base_url.as_ref().map(|b| with_slash(b.get_ref()))));
    let not_found = context! {
        languages => languages.iter().map(|&l| {
            let strings = &theme.strings[&l];
            let home = format!("{l}/index.html");
            context! {
                code => l.code(),
                heading => strings.get("not_found").cloned().unwrap_or_default(),
                text => strings.get("not_found_text").cloned().unwrap_or_default(),
                home_label => strings.get("home").cloned().unwrap_or_default(),
                search_label => strings.get("search").cloned().unwrap_or_default(),
                home => site.config.base_url.as_ref().map(|b| format!("{}{home}", with_slash(b.get_ref()))).unwrap_or(home),
                search => site.config.base_url.as_ref().map(|b| format!("{}{l}/search.html", with_slash(b.get_ref()))).unwrap_or(format!("{l}/search.html")),
            }
        }).collect::<Vec<_>>(),
        lang => site.config.default_language.code(),
        title => site.config.title.get(site.config.default_language).value,
        stylesheet => site.config.base_url.as_ref().map(|b| format!("{}assets/style.css", with_slash(b.get_ref()))).unwrap_or("assets/style.css".to_owned()),
    };
    match render_one(&env, "404.html", not_found) {
        Ok(html) => out.add("404.html", html),
        Err(e) => diags.push(template_error(&theme.origin, &e)),
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
    for (name, text) in crate::schema::schemas() {
        out.add(format!("schemas/{name}"), text);
    }
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
            dashboard => Value::from(Serde(views::dashboard(site, l))),
        },
    });

    let s = |k: &str| l.strings.get(k).cloned().unwrap_or_default();
    let (facets, facet_pages) = views::facets(site, l);
    let cards: Vec<_> = site.projects.iter().map(|p| views::project_card(site, &p.record, l)).collect();
    pages.push(Page {
        path_in_lang: "projects.html".to_owned(),
        template: "projects.html",
        title: s("all_projects"),
        description: format!("{} — {}", s("all_projects"), site_view.title.value),
        content: context! { cards => Value::from(Serde(&cards)), facets => Value::from(Serde(&facets)) },
    });
    for page in facet_pages {
        pages.push(Page {
            path_in_lang: page.path,
            template: "facet.html",
            description: format!("{} — {}", page.title, site_view.title.value),
            content: context! { heading => page.title.clone(), cards => Value::from(Serde(&page.cards)) },
            title: page.title,
        });
    }
    pages.push(Page {
        path_in_lang: "about.html".to_owned(),
        template: "about.html",
        title: s("about_data"),
        description: format!("{} — {}", s("about_data"), site_view.title.value),
        content: context! { about => Value::from(Serde(views::about_view(site, l))) },
    });
    pages.push(Page {
        path_in_lang: "accessibility.html".to_owned(),
        template: "accessibility.html",
        title: s("accessibility"),
        description: format!("{} — {}", s("accessibility"), site_view.title.value),
        content: context! {},
    });
    pages.push(Page {
        path_in_lang: "search.html".to_owned(),
        template: "search.html",
        title: s("search"),
        description: format!("{} — {}", s("search"), site_view.title.value),
        content: context! {},
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

/// The search documents of one language: every project page.
fn search_documents(site: &Site, l: &Localizer) -> Vec<crate::search::Document> {
    let lang = l.lang;
    site.projects
        .iter()
        .map(|f| {
            let p = &f.record;
            let id = p.id.get_ref().as_str();
            let view = views::project_summary(site, p, l);
            let body: Vec<String> = p.texts().iter().map(|(_, t)| markdown::to_plain_text(t.get(lang).value)).collect();
            let summary = p
                .reports
                .iter()
                .max_by_key(|r| *r.year.get_ref())
                .and_then(|r| r.achievements.as_ref())
                .or(p.plan_content.as_ref())
                .map(|t| views::shorten(&markdown::to_plain_text(t.get(lang).value), 100))
                .unwrap_or_default();
            crate::search::Document {
                href: format!("projects/{id}.html"),
                title: view.title.value.clone(),
                meta: [p.code.clone().unwrap_or_default(), view.department.value.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
                summary,
                body: body.join(" "),
            }
        })
        .collect()
}

/// `sitemap.xml` with an alternate link per language, for when the site has a base URL.
fn sitemap(base: &str, languages: &[Lang], default: Lang, paths: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for path in paths {
        for lang in languages {
            xml.push_str(&format!("<url><loc>{base}{lang}/{path}</loc>"));
            for other in languages {
                xml.push_str(&format!("<xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{base}{other}/{path}\"/>"));
            }
            xml.push_str(&format!("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}{default}/{path}\"/></url>\n"));
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled; the sitemap is named when there is one.
fn robots(base: Option<String>) -> String {
    match base {
        Some(b) => format!("User-agent: *\nAllow: /\n\nSitemap: {b}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".to_owned(),
    }
}
