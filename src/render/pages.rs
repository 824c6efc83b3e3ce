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

/// The pages of a language other than project pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Projects,
    Facet(usize),
    About,
    Accessibility,
    Search,
    Data,
    Departments,
    Department(usize),
    /// The home of the view of a reported year (an index into the language's `years`).
    Year(usize),
    /// The project list of the view of a reported year.
    YearProjects(usize),
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
pub fn page_kinds(site: &Site, ctx: &LangContext) -> Vec<PageKind> {
    let mut kinds = vec![PageKind::Home, PageKind::Projects];
    kinds.extend((0..ctx.facet_pages.len()).map(PageKind::Facet));
    kinds.extend([PageKind::About, PageKind::Accessibility, PageKind::Search, PageKind::Data, PageKind::Departments]);
    kinds.extend((0..site.vocabulary.departments.len()).map(PageKind::Department));
    kinds.extend((0..ctx.years.len()).flat_map(|i| [PageKind::Year(i), PageKind::YearProjects(i)]));
    kinds
}

/// The path of a page inside its language folder.
pub fn page_path(site: &Site, ctx: &LangContext, kind: PageKind) -> String {
    let url = match kind {
        PageKind::Home => UrlPage::Home,
        PageKind::Projects => UrlPage::Projects,
        PageKind::Facet(i) => return ctx.facet_pages[i].path.clone(),
        PageKind::About => UrlPage::About,
        PageKind::Accessibility => UrlPage::Accessibility,
        PageKind::Search => UrlPage::Search,
        PageKind::Data => UrlPage::Data,
        PageKind::Departments => UrlPage::Departments,
        PageKind::Department(i) => UrlPage::Department(site.vocabulary.departments[i].id.get_ref().as_str()),
        PageKind::Year(i) => UrlPage::Year(ctx.years[i].year.year()),
        PageKind::YearProjects(i) => UrlPage::YearProjects(ctx.years[i].year.year()),
    };
    url.in_lang()
}

/// A page whose description is its title followed by the site's title.
fn titled(ctx: &LangContext, path_in_lang: String, template: &'static str, title: &str, content: Value) -> Page {
    let description = format!("{title} — {}", ctx.site_view.title.value);
    Page { path_in_lang, template, title: title.to_owned(), description, content }
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
                goals => Value::from(Serde(views::plan_tree(site, l, None))),
                project_count => site.projects.len(),
                dashboard => Value::from(Serde(views::dashboard(site, l, None))),
                years => Value::from(Serde(views::year_links(site, l, None))),
                year_view => Value::from(()),
            },
        },
        PageKind::Year(i) => {
            let y = &ctx.years[i];
            let view = views::year_view(l, y.year, false);
            let content = context! {
                goals => Value::from(Serde(views::plan_tree(site, l, Some(y.year)))),
                project_count => y.cards.len(),
                dashboard => Value::from(Serde(views::dashboard(site, l, Some(y.year)))),
                years => Value::from(Serde(views::year_links(site, l, Some(y.year)))),
                year_view => Value::from(Serde(&view)),
            };
            titled(ctx, path, "index.html", &view.title, content)
        }
        PageKind::Projects => {
            let content = context! {
                cards => CardList::all(&ctx.cards),
                facets => Value::from(Serde(&ctx.facets)),
                years => Value::from(Serde(views::year_links(site, l, None))),
                year_view => Value::from(()),
            };
            titled(ctx, path, "projects.html", &t.all_projects, content)
        }
        PageKind::YearProjects(i) => {
            let y = &ctx.years[i];
            let view = views::year_view(l, y.year, true);
            let content = context! {
                cards => CardList::all(&y.cards),
                facets => Value::from(Serde(&y.facets)),
                years => Value::from(Serde(views::year_links(site, l, Some(y.year)))),
                year_view => Value::from(Serde(&view)),
            };
            titled(ctx, path, "projects.html", &view.title, content)
        }
        PageKind::Facet(i) => {
            let f = &ctx.facet_pages[i];
            let content = context! { heading => f.title.clone(), cards => CardList::some(&ctx.cards, &f.projects) };
            titled(ctx, path, "facet.html", &f.title, content)
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
        PageKind::Department(i) => {
            let view = views::department_view(site, &site.vocabulary.departments[i], groups, l);
            let content = context! { d => Value::from(Serde(&view)) };
            titled(ctx, path, "department.html", &view.name.value, content)
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
