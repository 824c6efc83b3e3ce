//! Texts for one page language: picked with their fallback marked ([`LText`],
//! [`LHtml`]), and the site-wide facts every page shows ([`SiteView`]).

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::i18n::{Lang, UiStrings};
use crate::indicator::Direction;
use crate::load::Site;
use crate::markdown;
use crate::model::ValueKind;
use crate::text::Text;

/// A short text in the page language, or in Japanese with a note when untranslated.
#[derive(Debug, Clone, Serialize)]
pub struct LText {
    pub value: String,
    /// Set only when the text is in another language than the page.
    pub lang: Option<&'static str>,
    pub note: Option<String>,
}

/// A Markdown field rendered to HTML, with the same fallback marking as [`LText`].
#[derive(Debug, Clone, Serialize)]
pub struct LHtml {
    pub html: String,
    pub lang: Option<&'static str>,
    pub note: Option<String>,
}

/// Picks texts for one page language.
pub struct Localizer<'a> {
    pub lang: Lang,
    pub strings: &'a UiStrings,
}

impl Localizer<'_> {
    pub fn text(&self, t: &Text) -> LText {
        let l = t.get(self.lang);
        let fallback = l.lang != self.lang;
        LText {
            value: l.value.to_owned(),
            lang: fallback.then(|| l.lang.code()),
            note: fallback.then(|| self.untranslated()),
        }
    }

    pub fn plain(&self, s: impl Into<String>) -> LText {
        LText { value: s.into(), lang: None, note: None }
    }

    pub fn html(&self, t: &Text) -> LHtml {
        let l = t.get(self.lang);
        let fallback = l.lang != self.lang;
        LHtml {
            html: markdown::to_html(l.value),
            lang: fallback.then(|| l.lang.code()),
            note: fallback.then(|| self.untranslated()),
        }
    }

    pub fn opt_text(&self, t: &Option<Text>) -> Option<LText> {
        t.as_ref().filter(|t| !t.ja.trim().is_empty()).map(|t| self.text(t))
    }

    pub fn opt_html(&self, t: &Option<Text>) -> Option<LHtml> {
        t.as_ref().filter(|t| !t.ja.trim().is_empty()).map(|t| self.html(t))
    }

    pub fn year(&self, y: FiscalYear) -> String {
        y.display(self.lang)
    }

    fn untranslated(&self) -> String {
        self.strings.untranslated.clone()
    }
}

/// Site-wide facts shown on every page.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: LText,
    pub description: Option<LHtml>,
    pub municipality: LText,
    pub plan_name: LText,
    pub reported_year: String,
    pub publisher: LText,
    pub licence_name: &'static str,
    pub licence_url: &'static str,
    pub attribution: LText,
    /// Whether the site has an Atom feed (it needs a date, see `render::feed`).
    pub feed: bool,
    /// The city's own website.
    pub city_url: Option<String>,
    /// The logo's path from the output root, where the site has one.
    pub logo: Option<String>,
    /// Where the printed report is published.
    pub source_url: Option<String>,
    /// First published and last updated (YYYY-MM-DD), where `site.toml` gives them.
    pub issued: Option<String>,
    pub updated: Option<String>,
    /// How to reach the publisher.
    pub publisher_email: Option<String>,
    pub publisher_phone: Option<String>,
    pub publisher_url: Option<String>,
    pub publisher_address: Option<LText>,
    /// The site's address (`base_url`), for printed pages.
    pub base_url: Option<String>,
}

impl SiteView {
    pub fn new(site: &Site, l: &Localizer) -> SiteView {
        let c = &site.config;
        SiteView {
            title: l.text(&c.title),
            description: l.opt_html(&c.description),
            municipality: l.text(&c.municipality.name),
            plan_name: l.text(&c.plan.name),
            reported_year: l.year(site.reported_year()),
            publisher: l.text(&c.publisher.name),
            licence_name: c.licence.id.name(l.lang),
            licence_url: c.licence.id.url(),
            attribution: l.text(&c.licence.attribution),
            feed: crate::render::feed::has_feed(site),
            city_url: c.municipality.url.as_ref().map(|u| u.get_ref().clone()),
            logo: c.logo.as_ref().map(|name| crate::urls::logo(name.get_ref())),
            source_url: c.source_url.as_ref().map(|u| u.get_ref().clone()),
            issued: c.issued.as_ref().map(|d| d.as_str().to_owned()),
            updated: c.updated.as_ref().map(|d| d.as_str().to_owned()),
            publisher_email: c.publisher.email.clone(),
            publisher_phone: c.publisher.phone.clone(),
            publisher_url: c.publisher.url.clone(),
            publisher_address: l.opt_text(&c.publisher.address),
            base_url: site.urls.base().map(str::to_owned),
        }
    }
}

/// Shortens a text to at most `max` characters, ending with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The UI label of a kind of indicator value.
pub fn kind_label(t: &UiStrings, kind: ValueKind) -> &str {
    match kind {
        ValueKind::Baseline => &t.kind_baseline,
        ValueKind::Actual => &t.kind_actual,
        ValueKind::Target => &t.kind_target,
    }
}

/// The UI label of the direction an indicator should move in.
pub fn direction_label(t: &UiStrings, direction: Direction) -> &str {
    match direction {
        Direction::Increase => &t.direction_increase,
        Direction::Decrease => &t.direction_decrease,
    }
}
