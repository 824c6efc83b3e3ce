//! Every output path and every link, computed here and nowhere else (Zola's `permalink`).
//!
//! A path is relative to the output root, with `/` separators: `ja/projects/1-1-1.html`,
//! `data/projects.csv`. Pages link to each other with relative links (a page's
//! [`root_prefix`] followed by the target's path), so the site works at a domain root, in
//! a subfolder and opened from disk. Where the site has a `base_url`, [`Urls`] also gives
//! absolute addresses: canonical links, the sitemap, and the URLs in the open data.
//!
//! Paths are built from ids that the loader has checked ([`crate::slug::Slug`]: lower-case
//! letters, digits and `-`), so no path can leave the output folder.

use crate::i18n::Lang;

/// Folder of the open-data files.
pub const DATA_DIR: &str = "data";
/// `data/projects.json`: every project.
pub const PROJECTS_JSON: &str = "data/projects.json";
/// `data/datapackage.json`: the Frictionless data package.
pub const DATAPACKAGE: &str = "data/datapackage.json";
/// `data/catalog.jsonld`: the DCAT catalogue.
pub const CATALOG: &str = "data/catalog.jsonld";
/// The page that sends a visitor to the default language.
pub const REDIRECT: &str = "index.html";
/// The page web servers show for a missing page.
pub const NOT_FOUND: &str = "404.html";
pub const ROBOTS: &str = "robots.txt";
pub const SITEMAP: &str = "sitemap.xml";
/// The stylesheet of the theme.
pub const STYLESHEET: &str = "assets/style.css";

/// A page of the site. Every page exists in every language, at the same path inside the
/// language's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    Home,
    /// The list of all projects.
    Projects,
    /// The projects of one policy (a facet page).
    Policy(&'a str),
    /// The projects of one grade (a facet page).
    Grade(&'a str),
    /// The projects of one partner (a facet page).
    Partner(&'a str),
    About,
    Accessibility,
    Search,
    Data,
    Departments,
    Department(&'a str),
    Project(&'a str),
    /// The home of a fiscal year's report (by its Gregorian year), as of that year.
    Year(i64),
    /// The projects of a fiscal year's report.
    YearProjects(i64),
}

impl Page<'_> {
    /// The path inside the language folder, e.g. `projects/1-1-1.html`.
    pub fn in_lang(self) -> String {
        match self {
            Page::Home => "index.html".to_owned(),
            Page::Projects => "projects.html".to_owned(),
            Page::Policy(id) => format!("policies/{id}.html"),
            Page::Grade(id) => format!("grades/{id}.html"),
            Page::Partner(id) => format!("partners/{id}.html"),
            Page::About => "about.html".to_owned(),
            Page::Accessibility => "accessibility.html".to_owned(),
            Page::Search => "search.html".to_owned(),
            Page::Data => "data.html".to_owned(),
            Page::Departments => "departments/index.html".to_owned(),
            Page::Department(id) => format!("departments/{id}.html"),
            Page::Project(id) => format!("projects/{id}.html"),
            Page::Year(year) => format!("years/{year}/index.html"),
            Page::YearProjects(year) => format!("years/{year}/projects.html"),
        }
    }

    /// The path from the output root, e.g. `ja/projects/1-1-1.html`.
    pub fn path(self, lang: Lang) -> String {
        in_lang(lang, &self.in_lang())
    }
}

/// Page `page` (from 0) of a list whose first page is at `path_in_lang`: the first page
/// is the list's own path, the others `<list>/page/<n>.html` (n from 2), e.g.
/// `projects/page/2.html`, `policies/1-1/page/3.html`.
pub fn paged(path_in_lang: &str, page: usize) -> String {
    if page == 0 {
        return path_in_lang.to_owned();
    }
    let stem = path_in_lang.strip_suffix(".html").unwrap_or(path_in_lang);
    format!("{stem}/page/{}.html", page + 1)
}

/// A path inside a language folder, from the output root.
pub fn in_lang(lang: Lang, path_in_lang: &str) -> String {
    format!("{lang}/{path_in_lang}")
}

/// `data/projects/<id>.json`: one project's JSON.
pub fn project_json(id: &str) -> String {
    format!("{DATA_DIR}/projects/{id}.json")
}

/// `data/<file>`: a CSV file of the open data.
pub fn data_file(file_name: &str) -> String {
    format!("{DATA_DIR}/{file_name}")
}

/// `data/editions/<year>/<file>`: a file of the frozen edition of a fiscal year.
pub fn edition_file(year: i64, file_name: &str) -> String {
    format!("{DATA_DIR}/editions/{year}/{file_name}")
}

/// `<lang>/feed.xml`: the Atom feed of what changed, in a language.
pub fn feed(lang: Lang) -> String {
    in_lang(lang, "feed.xml")
}

/// `data/kyodo-<code>.xlsx`: every table in one workbook, for spreadsheets (named by the
/// municipality code, so that downloads of several cities keep apart).
pub fn workbook(municipality_code: &str) -> String {
    format!("{DATA_DIR}/kyodo-{municipality_code}.xlsx")
}

/// `data/schemas/<name>`: the JSON Schema of a JSON data file.
pub fn data_schema(name: &str) -> String {
    format!("{DATA_DIR}/schemas/{name}")
}

/// `data/schemas/<table>.tableschema.json`: the Table Schema of a CSV file on its own.
pub fn table_schema(table: &str) -> String {
    format!("{DATA_DIR}/schemas/{table}.tableschema.json")
}

/// `assets/search/<lang>/<file>`: a file of the search index of a language.
pub fn search_file(lang: Lang, file_name: &str) -> String {
    format!("assets/search/{lang}/{file_name}")
}

/// `assets/search/facets/<scope>/<name>.js`: the projects (as positions in plan order) of
/// one value of a filter, in one list (`latest`, or a reported year's Gregorian number).
pub fn facet_file(scope: &str, name: &str) -> String {
    format!("assets/search/facets/{scope}/{name}.js")
}

/// `assets/<name>`: a static file of the theme.
pub fn asset(name: &str) -> String {
    format!("assets/{name}")
}

/// `assets/logo.<ext>`: the site's logo, named in `site.toml` as a file of the site root
/// (its extension kept, in lower case).
pub fn logo(file_in_root: &str) -> String {
    let extension = std::path::Path::new(file_in_root)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    format!("assets/logo.{extension}")
}

/// `schemas/<name>`: a JSON Schema of the record files.
pub fn schema(name: &str) -> String {
    format!("schemas/{name}")
}

/// The relative prefix from a file to the output root: `../../` for `ja/projects/x.html`.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// A relative link from the file at `from` to the file at `to` (both from the output root).
pub fn relative(from: &str, to: &str) -> String {
    format!("{}{to}", root_prefix(from))
}

/// The path from the folder of the file at `from` to `to` (both from the output root; `to`
/// may end in a `#fragment`): `projects/1-1-1.json` from `data/projects.csv`,
/// `../ja/data.html` from `data/catalog.jsonld`. A reader resolves it against the address
/// of the file it sits in (RFC 3986), which is what JSON-LD, RDF parsers, CKAN and
/// spreadsheets do; a path from the site root would resolve to `data/data/…` there.
pub fn from_file(from: &str, to: &str) -> String {
    let dir: Vec<&str> = from.split('/').collect();
    let dir = &dir[..dir.len() - 1];
    let target: Vec<&str> = to.split('/').collect();
    // The last part of `to` is a file name, never a folder to share.
    let shared = dir.iter().zip(&target[..target.len() - 1]).take_while(|(a, b)| a == b).count();
    let mut path = "../".repeat(dir.len() - shared);
    path.push_str(&target[shared..].join("/"));
    path
}

/// Absolute addresses, where the site says where it is published (`base_url`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Urls {
    /// `base_url` with a final `/`.
    base: Option<String>,
}

impl Urls {
    /// The addresses of a site published at `base_url` (none: links stay relative).
    pub fn new(base_url: Option<&str>) -> Urls {
        Urls { base: base_url.map(|b| if b.ends_with('/') { b.to_owned() } else { format!("{b}/") }) }
    }

    /// `base_url` with a final `/`, if the site has one.
    pub fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }

    /// The absolute URL of a path, if the site has a `base_url`.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.base.as_ref().map(|b| format!("{b}{path}"))
    }

    /// The address to publish for a path in a file at the site root (`404.html`):
    /// absolute where the site has a `base_url`, else the path from the site root.
    pub fn public(&self, path: &str) -> String {
        self.absolute(path).unwrap_or_else(|| path.to_owned())
    }

    /// The address of `to` written inside the file at `from` (a data file, a catalogue,
    /// a page's JSON-LD): absolute where the site has a `base_url`, else relative to the
    /// file it sits in ([`from_file`]), so that it resolves wherever the site is hosted.
    pub fn in_file(&self, from: &str, to: &str) -> String {
        self.absolute(to).unwrap_or_else(|| from_file(from, to))
    }

    /// A link from the page at `from` to `to`: absolute where the site has a `base_url`,
    /// else relative.
    pub fn link(&self, from: &str, to: &str) -> String {
        self.absolute(to).unwrap_or_else(|| relative(from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_parallel_paths_in_every_language() {
        assert_eq!(Page::Project("1-1-1").path(Lang::Ja), "ja/projects/1-1-1.html");
        assert_eq!(Page::Project("1-1-1").path(Lang::En), "en/projects/1-1-1.html");
        assert_eq!(Page::Departments.path(Lang::En), "en/departments/index.html");
        assert_eq!(Page::Grade("a").in_lang(), "grades/a.html");
        assert_eq!(Page::Year(2023).path(Lang::En), "en/years/2023/index.html");
        assert_eq!(Page::YearProjects(2023).path(Lang::Ja), "ja/years/2023/projects.html");
        assert_eq!(edition_file(2023, "reports.csv"), "data/editions/2023/reports.csv");
        assert_eq!(feed(Lang::Ja), "ja/feed.xml");
        assert_eq!(project_json("1-1-1"), "data/projects/1-1-1.json");
        assert_eq!(workbook("122360"), "data/kyodo-122360.xlsx");
        assert_eq!(table_schema("projects"), "data/schemas/projects.tableschema.json");
        assert_eq!(search_file(Lang::Ja, "meta.js"), "assets/search/ja/meta.js");
        assert_eq!(paged(&Page::Projects.in_lang(), 0), "projects.html");
        assert_eq!(paged(&Page::Projects.in_lang(), 1), "projects/page/2.html");
        assert_eq!(paged(&Page::Policy("1-1").in_lang(), 2), "policies/1-1/page/3.html");
        assert_eq!(paged(&Page::YearProjects(2023).in_lang(), 1), "years/2023/projects/page/2.html");
        assert_eq!(logo("Emblem.SVG"), "assets/logo.svg");
    }

    #[test]
    fn links_are_relative_without_a_base_url_and_absolute_with_one() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(relative("ja/projects/x.html", "ja/index.html"), "../../ja/index.html");
        let none = Urls::new(None);
        assert_eq!(none.public("data/projects.csv"), "data/projects.csv");
        assert_eq!(none.link("ja/data.html", "en/data.html"), "../en/data.html");
        assert_eq!(none.in_file("data/catalog.jsonld", "ja/data.html"), "../ja/data.html");
        for base in ["https://x.jp/kyodo", "https://x.jp/kyodo/"] {
            let urls = Urls::new(Some(base));
            assert_eq!(urls.public("data/projects.csv"), "https://x.jp/kyodo/data/projects.csv");
            assert_eq!(urls.link("ja/data.html", "en/data.html"), "https://x.jp/kyodo/en/data.html");
            assert_eq!(urls.in_file("data/projects.csv", "data/x.json"), "https://x.jp/kyodo/data/x.json");
        }
    }

    #[test]
    fn paths_from_a_file_climb_only_out_of_the_folders_they_do_not_share() {
        assert_eq!(from_file("data/projects.csv", "data/projects/1-1-1.json"), "projects/1-1-1.json");
        assert_eq!(from_file("data/projects.csv", "ja/projects/1-1-1.html"), "../ja/projects/1-1-1.html");
        assert_eq!(from_file("data/projects/1-1-1.json", "en/projects/1-1-1.html"), "../../en/projects/1-1-1.html");
        assert_eq!(from_file("data/catalog.jsonld", "data/catalog.jsonld"), "catalog.jsonld");
        assert_eq!(
            from_file("data/editions/2023/indicators.csv", "data/editions/2023/datapackage.json"),
            "datapackage.json"
        );
        assert_eq!(
            from_file("data/indicators.csv", "data/editions/2023/datapackage.json"),
            "editions/2023/datapackage.json"
        );
        assert_eq!(from_file("ja/data.html", "data/projects.csv"), "../data/projects.csv");
        assert_eq!(from_file("index.html", "data/x.csv"), "data/x.csv");
        assert_eq!(from_file("data/x.csv", "x.html#a"), "../x.html#a");
        assert_eq!(from_file("data/a/b.json", "data/a"), "../a", "a file named like the folder is a file");
    }
}
