//! `sitemap.xml` and `robots.txt`, the files for search engines. The sitemap exists only
//! when `site.toml` has a `base_url`, since it must list absolute addresses.
//!
//! The base URL is the clerk's text and may hold any character: the sitemap is written
//! with quick-xml, which escapes text and attribute values, and characters no URL can
//! hold as they are become `%XX` ([`crate::escape::url_as_text`]), so that robots.txt
//! keeps one directive per line and the sitemap stays well-formed XML.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::escape::url_as_text;
use crate::i18n::Lang;

/// `sitemap.xml` with an alternate link per language; `base` ends with `/`, `paths` are
/// relative to a language folder.
pub fn sitemap(base: &str, languages: &[Lang], default: Lang, paths: &[String]) -> Vec<u8> {
    let base = url_as_text(base);
    let url = |lang: Lang, path: &str| format!("{base}{lang}/{}", url_as_text(path));
    let mut xml = Writer::new(Vec::new());
    // Writing to memory cannot fail; the results are checked all the same.
    let written = (|| -> std::io::Result<()> {
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Text(BytesText::new("\n")))?;
        xml.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .with_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"))
            .write_inner_content(|xml| {
                xml.write_event(Event::Text(BytesText::new("\n")))?;
                for path in paths {
                    for &lang in languages {
                        xml.create_element("url").write_inner_content(|xml| {
                            xml.create_element("loc").write_text_content(BytesText::new(&url(lang, path)))?;
                            let alternates = languages.iter().map(|&l| (l.code(), l)).chain([("x-default", default)]);
                            for (hreflang, l) in alternates {
                                xml.create_element("xhtml:link")
                                    .with_attribute(("rel", "alternate"))
                                    .with_attribute(("hreflang", hreflang))
                                    .with_attribute(("href", url(l, path).as_str()))
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        xml.write_event(Event::Text(BytesText::new("\n")))?;
                    }
                }
                Ok(())
            })?;
        xml.write_event(Event::Text(BytesText::new("\n")))
    })();
    debug_assert!(written.is_ok());
    xml.into_inner()
}

/// `robots.txt`: everything may be crawled; the sitemap is named when there is one.
/// `base` ends with `/`.
pub fn robots(base: Option<&str>) -> String {
    match base {
        Some(b) => format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", url_as_text(b)),
        None => "User-agent: *\nAllow: /\n".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::Event;
    use quick_xml::{Reader, XmlVersion};

    /// Every `<loc>` text and every `href`, unescaped by a real XML parser.
    fn urls(xml: &[u8]) -> (Vec<String>, Vec<String>) {
        let mut reader = Reader::from_reader(xml);
        let (mut locs, mut hrefs, mut in_loc) = (Vec::<String>::new(), Vec::new(), false);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => {
                    in_loc = e.name().as_ref() == "loc";
                    if in_loc {
                        locs.push(String::new());
                    }
                }
                Ok(Event::End(_)) => in_loc = false,
                Ok(Event::Text(t)) if in_loc => {
                    locs.last_mut().expect("in a loc").push_str(&t.xml_content(XmlVersion::Implicit1_0))
                }
                Ok(Event::GeneralRef(r)) if in_loc => {
                    let c = r.resolve_char_ref().expect("valid reference").map(String::from);
                    let text = c.or_else(|| resolve_predefined_entity(&r).map(str::to_owned)).expect("a known entity");
                    locs.last_mut().expect("in a loc").push_str(&text);
                }
                Ok(Event::Empty(e)) => {
                    for a in e.attributes() {
                        let a = a.expect("well-formed attribute");
                        if a.key.as_ref() == "href" {
                            hrefs
                                .push(a.normalized_value(XmlVersion::Implicit1_0).expect("valid escapes").into_owned());
                        }
                    }
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed XML: {e}"),
            }
            buf.clear();
        }
        (locs, hrefs)
    }

    #[test]
    fn the_sitemap_is_well_formed_for_any_base_url() {
        let langs = [Lang::Ja, Lang::En];
        let plain = sitemap("https://x.jp/kyodo/", &langs, Lang::Ja, &["index.html".to_owned()]);
        assert_eq!(
            String::from_utf8_lossy(&plain),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n\
             <url><loc>https://x.jp/kyodo/ja/index.html</loc><xhtml:link rel=\"alternate\" hreflang=\"ja\" href=\"https://x.jp/kyodo/ja/index.html\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.jp/kyodo/en/index.html\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://x.jp/kyodo/ja/index.html\"/></url>\n\
             <url><loc>https://x.jp/kyodo/en/index.html</loc><xhtml:link rel=\"alternate\" hreflang=\"ja\" href=\"https://x.jp/kyodo/ja/index.html\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.jp/kyodo/en/index.html\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://x.jp/kyodo/ja/index.html\"/></url>\n\
             </urlset>\n"
        );
        let base = "https://x.jp/a&b'c\"<d>]]>/";
        let hostile = sitemap(base, &langs, Lang::Ja, &["projects/1-1-1.html".to_owned()]);
        let (locs, hrefs) = urls(&hostile);
        assert_eq!(locs, [format!("{base}ja/projects/1-1-1.html"), format!("{base}en/projects/1-1-1.html")]);
        assert_eq!(hrefs.len(), 6);
        assert!(hrefs.iter().all(|h| h.starts_with(base)), "{hrefs:?}");
        // Characters no URL or XML document can hold are percent-encoded.
        let (locs, _) = urls(&sitemap("https://x.jp/\u{1}\n/", &langs, Lang::Ja, &["index.html".to_owned()]));
        assert_eq!(locs[0], "https://x.jp/%01%0A/ja/index.html");
    }

    #[test]
    fn robots_txt_keeps_one_directive_per_line() {
        assert_eq!(robots(None), "User-agent: *\nAllow: /\n");
        assert_eq!(
            robots(Some("https://x.jp/a&b/")),
            "User-agent: *\nAllow: /\n\nSitemap: https://x.jp/a&b/sitemap.xml\n"
        );
        let injected = robots(Some("https://x.jp/\nDisallow: /\n"));
        assert_eq!(injected.lines().count(), 4, "{injected}");
        assert!(injected.ends_with("Sitemap: https://x.jp/%0ADisallow:%20/%0Asitemap.xml\n"));
    }
}
