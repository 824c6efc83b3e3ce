//! Markdown from records to safe HTML.
//!
//! Records are written by people, pasted from other documents, and sometimes hostile. So:
//! raw HTML in a record is shown as text, never passed through as markup; links keep only
//! web, mail and telephone addresses and page-relative targets (a `javascript:` link
//! becomes plain text); images become links, because a published page makes no external
//! requests. Headings are shifted down two levels so a record's `#` never competes with
//! the page's own `<h1>` and `<h2>`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders Markdown to HTML that is safe to embed in a page.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);

    // Links with an unsafe target are dropped but their text kept; remember which
    // ends of links to drop as well.
    let mut dropped_links: Vec<bool> = Vec::new();
    // The words of each table's header row, which name the scrolling region it is put in.
    let mut table_heads: Vec<String> = Vec::new();
    let mut in_head = false;
    let events = parser.inspect(|event| match event {
        Event::Start(Tag::TableHead) => {
            in_head = true;
            table_heads.push(String::new());
        }
        Event::End(TagEnd::TableHead) => in_head = false,
        Event::Start(Tag::TableCell) if in_head => {
            if let Some(head) = table_heads.last_mut().filter(|h| !h.is_empty()) {
                head.push_str(" / ");
            }
        }
        Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) if in_head => {
            if let Some(head) = table_heads.last_mut() {
                head.push_str(t);
            }
        }
        _ => {}
    });
    let events = events.filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let safe = is_safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => {
            let dropped = dropped_links.pop().unwrap_or(false);
            (!dropped).then_some(Event::End(TagEnd::Link))
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let safe = is_safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Image) => {
            let dropped = dropped_links.pop().unwrap_or(false);
            (!dropped).then_some(Event::End(TagEnd::Link))
        }
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading { level: shift(level), id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    // Header cells of record tables are column headers; say so for screen readers. Raw
    // HTML from records was turned into text above, so every `<th` and `<table>` here is
    // our own. A table wider than a phone scrolls in a region of its own, named by its
    // header row, that the keyboard can reach.
    let html = html.replace("<th>", "<th scope=\"col\">").replace("<th style=", "<th scope=\"col\" style=");
    let mut heads = table_heads.iter();
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<table>") {
        let label = heads.next().map_or(String::new(), |h| attribute(h));
        out.push_str(&rest[..at]);
        out.push_str(&format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\">"));
        let end = rest[at..].find("</table>").map_or(rest.len(), |e| at + e + "</table>".len());
        out.push_str(&rest[at..end]);
        out.push_str("</div>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Text for an attribute value in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Whether a link target is safe: http(s), mailto and tel addresses, fragments, and
/// relative paths. Anything else with a scheme (`javascript:`, `data:`, `vbscript:` …)
/// is refused. Control characters and spaces are removed before looking for the scheme,
/// as browsers do.
fn is_safe_url(url: &CowStr) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a path, query or fragment separator is not a scheme.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..colon], "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Whether a text has no Markdown syntax at all, so that flattening it needs no parser.
fn is_plain(text: &str) -> bool {
    !text.contains(['*', '_', '[', ']', '`', '#', '|', '<', '>', '!', '\\', '&', '~'])
        && text.lines().all(|line| {
            let l = line.trim_start();
            let numbered = l.chars().take_while(char::is_ascii_digit).count();
            !(l.starts_with("- ")
                || l.starts_with("+ ")
                || l.starts_with("    ")
                || l.starts_with('=')
                || (numbered > 0 && l[numbered..].starts_with(['.', ')'])))
        })
}

/// Markdown flattened to plain text on one line: for meta descriptions and data files.
pub fn to_plain_text(markdown: &str) -> String {
    if is_plain(markdown) {
        return markdown.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_lists_and_tables() {
        let html = to_html("■相談 128件\n\n- ①相談対応力\n- ②調査\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<p>■相談 128件</p>"));
        assert!(html.contains("<li>①相談対応力</li>"));
        assert!(html.contains("<table>"));
        assert!(html.contains("<td>1</td>"));
        assert!(html.contains("<th scope=\"col\">a</th>"), "{html}");
        // A table scrolls in a region of its own on a phone, named by its header row.
        assert!(
            html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"a / b\"><table>"),
            "{html}"
        );
        assert!(html.trim_end().ends_with("</table></div>"), "{html}");
        let hostile = to_html("| \"><script> | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(hostile.contains("aria-label=\"&quot;&gt;&lt;script&gt; / b\""), "{hostile}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("<script>alert(1)</script>\n\nok <b onclick=x>b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_lose_their_target_but_keep_their_text() {
        for url in
            ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x"]
        {
            let html = to_html(&format!("[click]({url})"));
            assert!(!html.contains("href"), "{url}: {html}");
            assert!(html.contains("click"), "{url}: {html}");
        }
        let html = to_html("![x](javascript:alert(1))");
        assert!(!html.contains("href") && !html.contains("<img"), "{html}");
        for url in ["https://example.jp/", "mailto:a@example.jp", "#top", "../ja/index.html", "a/b:c"] {
            let html = to_html(&format!("[ok]({url})"));
            assert!(html.contains("href"), "{url}: {html}");
        }
    }

    #[test]
    fn images_become_links() {
        let html = to_html("![地図](https://example.jp/map.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<a href=\"https://example.jp/map.png\">地図</a>"), "{html}");
    }

    #[test]
    fn headings_are_shifted_below_the_page_headings() {
        assert_eq!(to_html("# a"), "<h3>a</h3>\n");
    }

    #[test]
    fn the_fast_path_agrees_with_the_parser() {
        for text in ["■相談 128件\n\n■研修を実施", "a\nb\n\nc", "○ We will do it.", "令和5年度 4件", "x - y", "1-(1)-①"]
        {
            assert!(is_plain(text), "{text}");
            let mut options = Options::empty();
            options.insert(Options::ENABLE_TABLES);
            let mut parsed = String::new();
            for event in Parser::new_ext(text, options) {
                match event {
                    Event::Text(t) => parsed.push_str(&t),
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => parsed.push(' '),
                    _ => {}
                }
            }
            assert_eq!(to_plain_text(text), parsed.split_whitespace().collect::<Vec<_>>().join(" "), "{text}");
        }
        for text in ["- a", "*b*", "| x |", "1. a", "a\n2) b", "# h", "<b>"] {
            assert!(!is_plain(text), "{text}");
        }
    }

    #[test]
    fn plain_text_is_one_line() {
        assert_eq!(to_plain_text("■a\n\n- b\n- c\n\n| x | y |\n|---|---|\n| 1 | 2 |"), "■a b c x y 1 2");
    }
}
