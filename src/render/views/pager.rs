//! Lists split into pages of [`PAGE_SIZE`] projects, so that no list page grows with the
//! site (at 100,000 projects a list in one page would be tens of megabytes): the links
//! between the pages of a list.

use serde::Serialize;

use crate::i18n::Lang;
use crate::urls;

/// Projects per page of a list.
pub const PAGE_SIZE: usize = 100;

/// How many pages a list of `count` projects has (one, even when empty).
pub fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
}

/// The projects a page shows, as positions in its list.
pub fn page_range(page: usize, count: usize) -> std::ops::Range<usize> {
    (page * PAGE_SIZE).min(count)..((page + 1) * PAGE_SIZE).min(count)
}

/// The links between the pages of a list, for a page of it.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// This page, from 1.
    pub current: usize,
    pub total: usize,
    /// The positions (from 1) of the first and last project this page shows, and how many in all.
    pub first_item: usize,
    pub last_item: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first, the last, and the pages near this one; `None` hrefs are gaps.
    pub links: Vec<PagerLink>,
}

#[derive(Debug, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub href: Option<String>,
    pub current: bool,
}

/// The pager of page `page` (from 0) of the list at `list_in_lang` holding `count`
/// projects; `None` when the list has one page.
pub fn pager(list_in_lang: &str, lang: Lang, page: usize, count: usize) -> Option<Pager> {
    let total = page_count(count);
    if total == 1 {
        return None;
    }
    let href = |p: usize| urls::in_lang(lang, &urls::paged(list_in_lang, p));
    let range = page_range(page, count);
    let mut links = Vec::new();
    let mut last_shown = None;
    for p in 0..total {
        let near = p == 0 || p + 1 == total || p.abs_diff(page) <= 2;
        if !near {
            continue;
        }
        if last_shown.is_some_and(|l: usize| p > l + 1) {
            links.push(PagerLink { number: 0, href: None, current: false });
        }
        links.push(PagerLink { number: p + 1, href: Some(href(p)), current: p == page });
        last_shown = Some(p);
    }
    Some(Pager {
        current: page + 1,
        total,
        first_item: range.start + 1,
        last_item: range.end,
        count,
        prev: (page > 0).then(|| href(page - 1)),
        next: (page + 1 < total).then(|| href(page + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_split_into_linked_pages() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        assert!(pager("projects.html", Lang::Ja, 0, 100).is_none());
        let p = pager("projects.html", Lang::Ja, 5, 100_000).unwrap();
        assert_eq!((p.current, p.total, p.first_item, p.last_item), (6, 1000, 501, 600));
        assert_eq!(p.prev.as_deref(), Some("ja/projects/page/5.html"));
        assert_eq!(p.next.as_deref(), Some("ja/projects/page/7.html"));
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 0, 4, 5, 6, 7, 8, 0, 1000], "first, gap, near pages, gap, last");
        assert_eq!(p.links[0].href.as_deref(), Some("ja/projects.html"));
    }
}
