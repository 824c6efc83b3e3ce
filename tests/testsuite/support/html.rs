//! The parts of a page worth pinning. Pages that share the layout of `base.html` are
//! compared by what differs from page to page ([`region`]); the layout itself, the same on
//! every page of a language, is pinned once ([`chrome`]), so that a change to it changes
//! one snapshot per language, not every page's.

/// Whether `page` is laid out by `base.html`: it has the site header and a `<main>`.
pub fn has_layout(page: &str) -> bool {
    page.contains("<header class=\"site-header\">") && page.contains("<main id=\"main\">")
}

/// The byte range of the page's `<main>` element.
fn main_range(page: &str) -> (usize, usize) {
    let start = page.find("<main").unwrap_or_else(|| panic!("no <main> in:\n{page}"));
    let close = page.rfind("</main>").unwrap_or_else(|| panic!("no </main> in:\n{page}"));
    (start, close + "</main>".len())
}

/// The line of the page's `<head>` that starts with `prefix` (indentation aside).
fn head_line<'a>(page: &'a str, prefix: &str) -> &'a str {
    let head = &page[..page.find("</head>").unwrap_or_else(|| panic!("no </head> in:\n{page}"))];
    head.lines()
        .map(str::trim)
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} line in the head of:\n{page}"))
}

/// What a page laid out by `base.html` holds of its own: its `<title>` and description,
/// what its template adds to the head (after the stylesheet: the JSON-LD of the data
/// page), and its `<main>` element.
pub fn region(page: &str) -> String {
    let mut out = vec![head_line(page, "<title>"), head_line(page, "<meta name=\"description\"")];
    let stylesheet = page.find("<link rel=\"stylesheet\"").unwrap_or_else(|| panic!("no stylesheet in:\n{page}"));
    let after = stylesheet + page[stylesheet..].find('\n').expect("a line break after the stylesheet") + 1;
    let added = page[after..page.find("</head>").expect("a head")].trim();
    if !added.is_empty() {
        out.push(added);
    }
    let (start, end) = main_range(page);
    out.push(&page[start..end]);
    out.join("\n")
}

/// The page with its `<main>` element emptied: the head, header, navigation and footer
/// that every page of its language shares.
pub fn chrome(page: &str) -> String {
    let (start, end) = main_range(page);
    format!("{}<main id=\"main\">…</main>{}", &page[..start], &page[end..])
}

#[test]
fn region_and_chrome_split_a_page_between_them() {
    let page = "<!DOCTYPE html>\n<html>\n  <head>\n    <title>T</title>\n    \
        <meta name=\"description\" content=\"D\">\n    <link rel=\"stylesheet\" href=\"s.css\">\n\
        <script type=\"application/ld+json\">{}</script>\n  </head>\n  <body>\n    \
        <header class=\"site-header\">H</header>\n    <main id=\"main\">\n      <h1>M</h1>\n    </main>\n    \
        <footer>F</footer>\n  </body>\n</html>\n";
    assert!(has_layout(page));
    assert_eq!(
        region(page),
        "<title>T</title>\n<meta name=\"description\" content=\"D\">\n<script type=\"application/ld+json\">{}</script>\n\
         <main id=\"main\">\n      <h1>M</h1>\n    </main>"
    );
    let chrome = chrome(page);
    assert!(chrome.contains("<header class=\"site-header\">H</header>\n    <main id=\"main\">…</main>\n    <footer>"));
    assert!(!chrome.contains("<h1>M</h1>"));
}
