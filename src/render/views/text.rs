//! Texts for one page language: picked with their fallback marked ([`LText`],
//! [`LHtml`]), and the site-wide facts every page shows ([`SiteView`]).

use serde::Serialize;

use crate::fiscal_year::FiscalYear;
use crate::i18n::{Lang, UiStrings};
use crate::indicator::Direction;
use crate::load::Site;
use crate::markdown;
use crate::model::ValueKind;
use crate::render::charts::Band;
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

/// The UI label of an achievement band.
pub fn band_label(t: &UiStrings, band: Band) -> &str {
    match band {
        Band::Achieved => &t.band_achieved,
        Band::OnTrack => &t.band_on_track,
        Band::Behind => &t.band_behind,
        Band::Regressed => &t.band_regressed,
        Band::NotMeasurable => &t.band_not_measurable,
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

/// A band is written as its key (`on-track`): in CSS classes and UI-string keys.
impl Serialize for Band {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}
