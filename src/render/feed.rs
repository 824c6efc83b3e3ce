//! The Atom feed of each language (`ja/feed.xml`, `en/feed.xml`): what changed, from the
//! dates in the records only — a report per reported year (dated by its edition's freezing
//! date, else the site's `updated`), each frozen edition, each correction — so that two
//! builds of the same records write the same feed.
//!
//! Ids are `tag:` URIs made from the municipality code, whether or not the site has a
//! `base_url`: setting or changing `base_url` later must not make readers see every entry
//! as new. Links are absolute with a `base_url`, else relative to the site root with
//! `xml:base`.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::escape::url_as_text;
use crate::i18n::{Lang, UiStrings};
use crate::load::Site;
use crate::urls::{self, Page};

/// One entry of the feed.
struct Entry {
    id: String,
    title: String,
    /// YYYY-MM-DD.
    date: String,
    /// A path from the site root, with an optional `#fragment`.
    link: String,
    summary: String,
}

/// Whether the site has anything dated to put in a feed: without a date, an Atom entry
/// cannot be written, so a site with none has no feed (and its pages no link to one).
pub fn has_feed(site: &Site) -> bool {
    site.config.updated.is_some()
        || !site.editions.list.is_empty()
        || site.projects.iter().any(|p| !p.record.corrections.is_empty())
}

fn entries(site: &Site, lang: Lang, t: &UiStrings) -> Vec<Entry> {
    let tag = format!("tag:kyodo-{},2024:{lang}/", site.config.municipality.code.get_ref());
    let year_label = |y: crate::fiscal_year::FiscalYear| y.display(lang);
    let mut out = Vec::new();
    for y in site.reported_years() {
        let date = site.editions.get(y).map(|e| e.frozen.as_str()).or(site.config.updated.as_ref().map(|d| d.as_str()));
        if let Some(date) = date {
            out.push(Entry {
                id: format!("{tag}report/{}", y.year()),
                title: t.feed_new_report.replace("{year}", &year_label(y)),
                date: date.to_owned(),
                link: Page::Year(y.year()).path(lang),
                summary: t.year_report_title.replace("{year}", &year_label(y)),
            });
        }
    }
    for e in &site.editions.list {
        out.push(Entry {
            id: format!("{tag}edition/{}", e.year.year()),
            title: t.feed_new_edition.replace("{year}", &year_label(e.year)),
            date: e.frozen.as_str().to_owned(),
            link: format!("{}#edition-{}", Page::Data.path(lang), e.year.year()),
            summary: format!("{} {}", t.version, e.version),
        });
    }
    for file in &site.projects {
        let p = &file.record;
        let id = p.id.get_ref().as_str();
        for (n, c) in p.corrections.iter().enumerate() {
            let field =
                crate::edition::statement::normalize(c.field.get_ref()).unwrap_or_else(|_| c.field.get_ref().clone());
            let value = |v: &Option<toml::Spanned<crate::model::Stated>>| {
                v.as_ref().map_or_else(|| t.no_value.clone(), |v| v.get_ref().plain())
            };
            out.push(Entry {
                id: format!("{tag}correction/{id}/{}", n + 1),
                title: t.feed_correction.replace("{title}", p.title.get_ref().get(lang).value),
                date: c.date.as_str().to_owned(),
                link: format!("{}#corrections", Page::Project(id).path(lang)),
                summary: format!("{field}: {} → {} ({})", value(&c.old), value(&c.new), c.reason.get(lang).value),
            });
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The Atom feed of `lang`, if the site has anything dated (see [`has_feed`]).
pub fn feed(site: &Site, lang: Lang, t: &UiStrings) -> Option<Vec<u8>> {
    let entries = entries(site, lang, t);
    let updated = entries.iter().map(|e| e.date.as_str()).max()?.to_owned();
    let link = |path: &str| url_as_text(&site.urls.absolute(path).unwrap_or_else(|| path.to_owned())).into_owned();
    let time = |date: &str| format!("{date}T00:00:00Z");
    let feed_path = urls::feed(lang);
    let mut xml = Writer::new(Vec::new());
    let written = (|| -> std::io::Result<()> {
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Text(BytesText::new("\n")))?;
        let mut root = xml.create_element("feed").with_attribute(("xmlns", "http://www.w3.org/2005/Atom"));
        root = root.with_attribute(("xml:lang", lang.code()));
        if site.urls.base().is_none() {
            // Links are paths from the site root; the feed is one folder down.
            root = root.with_attribute(("xml:base", "../"));
        }
        root.write_inner_content(|xml| {
            let nl = |xml: &mut Writer<Vec<u8>>| xml.write_event(Event::Text(BytesText::new("\n")));
            nl(xml)?;
            xml.create_element("id").write_text_content(BytesText::new(&format!(
                "tag:kyodo-{},2024:{lang}/feed",
                site.config.municipality.code.get_ref()
            )))?;
            nl(xml)?;
            xml.create_element("title").write_text_content(BytesText::new(site.config.title.get(lang).value))?;
            nl(xml)?;
            xml.create_element("updated").write_text_content(BytesText::new(&time(&updated)))?;
            nl(xml)?;
            xml.create_element("author").write_inner_content(|xml| {
                xml.create_element("name")
                    .write_text_content(BytesText::new(site.config.publisher.name.get(lang).value))?;
                Ok(())
            })?;
            nl(xml)?;
            xml.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", "application/atom+xml"))
                .with_attribute(("href", link(&feed_path).as_str()))
                .write_empty()?;
            nl(xml)?;
            xml.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("href", link(&Page::Home.path(lang)).as_str()))
                .write_empty()?;
            nl(xml)?;
            for e in &entries {
                xml.create_element("entry").write_inner_content(|xml| {
                    xml.create_element("id").write_text_content(BytesText::new(&e.id))?;
                    xml.create_element("title").write_text_content(BytesText::new(&e.title))?;
                    xml.create_element("updated").write_text_content(BytesText::new(&time(&e.date)))?;
                    xml.create_element("link")
                        .with_attribute(("rel", "alternate"))
                        .with_attribute(("type", "text/html"))
                        .with_attribute(("href", link(&e.link).as_str()))
                        .write_empty()?;
                    xml.create_element("summary").write_text_content(BytesText::new(&e.summary))?;
                    Ok(())
                })?;
                nl(xml)?;
            }
            Ok(())
        })?;
        xml.write_event(Event::Text(BytesText::new("\n")))
    })();
    debug_assert!(written.is_ok());
    Some(xml.into_inner())
}
