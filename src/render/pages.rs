//! The pages of a language and what each shows: its path, template, title, description
//! and content (the view its template gets).

use minijinja::value::Serde;
use minijinja::{Value, context};

use super::context::{CardList, LangContext};
use super::views;
use crate::data::DataSet;
use crate::load::Site;
use crate::model::Project;
use crate::urls::{self, Page as UrlPage};

/// The pages of a language other than project pages. A list has a page for every
/// [`views::PAGE_SIZE`] projects; the last number of a list's kind is its page (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Projects(usize),
    Facet(usize, usize),
    About,
    Accessibility,
    Search,
    Data,
    Departments,
    Department(usize, usize),
    /// The home of the view of a reported year (an index into the language's `years`).
    Year(usize),
    /// The project list of the view of a reported year.
    YearProjects(usize, usize),
}

/// A page ready to render: its path in the language folder, template, title, description
/// and content.
pub struct Page {
    pub path_in_lang: String,
    pub template: &'static str,
    pub title: String,
    pub description: String,
    pub content: Value,
}

/// The pages of a site in one language other than project pages, in a fixed order.
pub fn page_kinds(site: &Site, ctx: &LangContext, groups: &views::DepartmentGroups) -> Vec<PageKind> {
    let pages = views::page_count;
    let mut kinds = vec![PageKind::Home];
    kinds.extend((0..pages(ctx.cards.len())).map(PageKind::Projects));
    for (i, f) in ctx.facet_pages.iter().enumerate() {
        kinds.extend((0..pages(f.projects.len())).map(|p| PageKind::Facet(i, p)));
    }
    kinds.extend([PageKind::About, PageKind::Accessibility, PageKind::Search, PageKind::Data, PageKind::Departments]);
    for (i, d) in site.vocabulary.departments.iter().enumerate() {
        let count = views::department_list_len(groups, d.id.get_ref().as_str());
        kinds.extend((0..pages(count)).map(|p| PageKind::Department(i, p)));
    }
    for (i, y) in ctx.years.iter().enumerate() {
        kinds.push(PageKind::Year(i));
        kinds.extend((0..pages(y.cards.len())).map(|p| PageKind::YearProjects(i, p)));
    }
    kinds
}

/// The path of a page inside its language folder.
pub fn page_path(site: &Site, ctx: &LangContext, kind: PageKind) -> String {
    let (url, page) = match kind {
        PageKind::Home => (UrlPage::Home, 0),
        PageKind::Projects(page) => (UrlPage::Projects, page),
        PageKind::Facet(i, page) => return urls::paged(&ctx.facet_pages[i].path, page),
        PageKind::About => (UrlPage::About, 0),
        PageKind::Accessibility => (UrlPage::Accessibility, 0),
        PageKind::Search => (UrlPage::Search, 0),
        PageKind::Data => (UrlPage::Data, 0),
        PageKind::Departments => (UrlPage::Departments, 0),
        PageKind::Department(i, page) => {
            (UrlPage::Department(site.vocabulary.departments[i].id.get_ref().as_str()), page)
        }
        PageKind::Year(i) => (UrlPage::Year(ctx.years[i].year.year()), 0),
        PageKind::YearProjects(i, page) => (UrlPage::YearProjects(ctx.years[i].year.year()), page),
    };
    urls::paged(&url.in_lang(), page)
}

/// A page whose description is its title followed by the site's title.
fn titled(ctx: &LangContext, path_in_lang: String, template: &'static str, title: &str, content: Value) -> Page {
    let description = format!("{title} — {}", ctx.site_view.title.value);
    Page { path_in_lang, template, title: title.to_owned(), description, content }
}

/// A page of a list: its title with the page number after the first page.
fn list_title(ctx: &LangContext, title: &str, page: usize) -> String {
    if page == 0 {
        title.to_owned()
    } else {
        ctx.l.strings.page_title.replace("{title}", title).replace("{n}", &(page + 1).to_string())
    }
}

/// The content of a page of a card list.
fn card_list(ctx: &LangContext, cards: Value, list_in_lang: &str, page: usize, count: usize) -> Value {
    let pager = views::pager(list_in_lang, ctx.lang, page, count);
    context! { cards => cards, pager => Value::from(Serde(&pager)), total => count }
}

/// Builds a page's content: the view for its template.
pub fn page(site: &Site, ctx: &LangContext, groups: &views::DepartmentGroups, data: &DataSet, kind: PageKind) -> Page {
    let (l, t) = (&ctx.l, ctx.l.strings);
    let path = page_path(site, ctx, kind);
    match kind {
        PageKind::Home => Page {
            path_in_lang: path,
            template: "index.html",
            title: ctx.site_view.title.value.clone(),
            description: ctx.site_description.clone(),
            content: context! {
                goals => Value::from(Serde(views::plan_tree(site, &ctx.cards, l))),
                project_count => ctx.cards.len(),
                dashboard => Value::from(Serde(views::dashboard(site, &ctx.cards, l))),
                years => Value::from(Serde(views::year_links(site, l, None))),
                year_view => Value::from(()),
            },
        },
        PageKind::Year(i) => {
            let y = &ctx.years[i];
            let view = views::year_view(l, y.year, false);
            let content = context! {
                goals => Value::from(Serde(views::plan_tree(site, &y.cards, l))),
                project_count => y.cards.len(),
                dashboard => Value::from(Serde(views::dashboard(site, &y.cards, l))),
                years => Value::from(Serde(views::year_links(site, l, Some(y.year)))),
                year_view => Value::from(Serde(&view)),
            };
            titled(ctx, path, "index.html", &view.title, content)
        }
        PageKind::Projects(page) => {
            let range = views::page_range(page, ctx.cards.len());
            let list =
                card_list(ctx, CardList::range(&ctx.cards, range), &UrlPage::Projects.in_lang(), page, ctx.cards.len());
            let content = context! {
                facets => Value::from(Serde(&ctx.facets)),
                years => Value::from(Serde(views::year_links(site, l, None))),
                year_view => Value::from(()),
                ..list
            };
            titled(ctx, path, "projects.html", &list_title(ctx, &t.all_projects, page), content)
        }
        PageKind::YearProjects(i, page) => {
            let y = &ctx.years[i];
            let view = views::year_view(l, y.year, true);
            let range = views::page_range(page, y.cards.len());
            let base = UrlPage::YearProjects(y.year.year()).in_lang();
            let list = card_list(ctx, CardList::range(&y.cards, range), &base, page, y.cards.len());
            let content = context! {
                facets => Value::from(Serde(&y.facets)),
                years => Value::from(Serde(views::year_links(site, l, Some(y.year)))),
                year_view => Value::from(Serde(&view)),
                ..list
            };
            titled(ctx, path, "projects.html", &list_title(ctx, &view.title, page), content)
        }
        PageKind::Facet(i, page) => {
            let f = &ctx.facet_pages[i];
            let picks = &f.projects[views::page_range(page, f.projects.len())];
            let list = card_list(ctx, CardList::some(&ctx.cards, picks), &f.path, page, f.projects.len());
            let content = context! {
                heading => f.title.clone(),
                heading_lang => f.title_lang,
                facet_kind => f.kind,
                facet_id => f.id.clone(),
                ..list
            };
            titled(ctx, path, "facet.html", &list_title(ctx, &f.title, page), content)
        }
        PageKind::About => {
            let content = context! { about => Value::from(Serde(views::about_view(site, l))) };
            titled(ctx, path, "about.html", &t.about_data, content)
        }
        PageKind::Accessibility => titled(ctx, path, "accessibility.html", &t.accessibility, context! {}),
        PageKind::Search => titled(ctx, path, "search.html", &t.search, context! {}),
        PageKind::Data => {
            let content = context! { data => Value::from(Serde(views::data_page_view(site, data, l))) };
            titled(ctx, path, "data.html", &t.open_data, content)
        }
        PageKind::Departments => departments_page(site, ctx, groups, path),
        PageKind::Department(i, page) => {
            let view = views::department_view(&site.vocabulary.departments[i], groups, &ctx.cards, page, l);
            let title = list_title(ctx, &view.department.name.value, page);
            let content = context! { d => Value::from(Serde(&view)) };
            titled(ctx, path, "department.html", &title, content)
        }
    }
}

/// The list of departments, with how many projects each is involved in.
fn departments_page(site: &Site, ctx: &LangContext, groups: &views::DepartmentGroups, path_in_lang: String) -> Page {
    let empty: [Vec<usize>; 3] = Default::default();
    let departments: Vec<_> = site
        .vocabulary
        .departments
        .iter()
        .map(|d| {
            let counts = groups.get(d.id.get_ref().as_str()).unwrap_or(&empty);
            let r = views::department_ref(d, &ctx.l);
            context! {
                href => r.href,
                name => Value::from(Serde(&r.name)),
                division => Value::from(Serde(&r.division)),
                project_count => counts.iter().map(Vec::len).sum::<usize>(),
            }
        })
        .collect();
    Page {
        path_in_lang,
        template: "departments.html",
        title: ctx.l.strings.all_departments.clone(),
        description: ctx.site_description.clone(),
        content: context! { departments => departments },
    }
}

/// A project page, from the project's whole record.
pub fn project_page(ctx: &LangContext, site: &Site, p: &Project) -> Page {
    let view = views::project_view(site, p, &ctx.l);
    let description = views::summary_text(p, ctx.lang, 120).unwrap_or_else(|| ctx.site_description.clone());
    Page {
        path_in_lang: UrlPage::Project(p.id.get_ref().as_str()).in_lang(),
        template: "project.html",
        title: view.title.value.clone(),
        description,
        content: context! { p => Value::from(Serde(&view)), json_href => urls::project_json(p.id.get_ref().as_str()) },
    }
}
