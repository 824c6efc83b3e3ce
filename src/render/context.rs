//! What the pages of one language share, computed once per build: the localizer, the
//! site's texts, the project cards with their filters, and the UI strings and site facts
//! converted for templates.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::Serde;
use rayon::prelude::*;

use super::theme::Theme;
use super::views::{self, Localizer, SiteView};
use crate::i18n::Lang;
use crate::load::Site;
use crate::markdown;

/// Everything shared by the pages of one language, computed once.
pub struct LangContext<'a> {
    pub lang: Lang,
    pub l: Localizer<'a>,
    pub site_view: SiteView,
    /// `t` and `site` for templates, converted once per language.
    pub t_value: Value,
    pub site_value: Value,
    pub site_description: String,
    pub cards: Arc<Vec<views::ProjectCard>>,
    pub facets: views::Facets,
    pub facet_pages: Vec<views::FacetPage>,
    /// The cards and filters of each reported year's view, oldest first.
    pub years: Vec<YearCards>,
}

/// The project list of one fiscal year's view: the projects reported in it, as of it.
pub struct YearCards {
    pub year: crate::fiscal_year::FiscalYear,
    pub cards: Arc<Vec<views::ProjectCard>>,
    pub facets: views::Facets,
}

impl<'a> LangContext<'a> {
    /// Computes what the pages of `lang` share: cards, facets, the site's texts.
    pub fn new(site: &Site, theme: &'a Theme, lang: Lang) -> LangContext<'a> {
        let l = Localizer { lang, strings: &theme.strings[&lang] };
        let site_view = SiteView::new(site, &l);
        let site_description = site
            .config
            .description
            .as_ref()
            .map(|d| markdown::to_plain_text(d.get(lang).value))
            .unwrap_or_else(|| site_view.title.value.clone());
        let cards: Arc<Vec<_>> =
            Arc::new(site.projects.par_iter().map(|p| views::project_card(site, &p.record, &l, None)).collect());
        let (facets, facet_pages) = views::facets(site, &cards, &l, None);
        let years = site
            .reported_years()
            .into_iter()
            .map(|year| {
                let cards: Vec<_> = site
                    .projects
                    .iter()
                    .filter(|p| p.record.report(year).is_some())
                    .map(|p| views::project_card(site, &p.record, &l, Some(year)))
                    .collect();
                let (facets, _) = views::facets(site, &cards, &l, Some(year));
                YearCards { year, cards: Arc::new(cards), facets }
            })
            .collect();
        let t_value = Value::from(Serde(l.strings));
        let site_value = Value::from(Serde(&site_view));
        LangContext { lang, l, site_view, t_value, site_value, site_description, cards, facets, facet_pages, years }
    }
}

/// Project cards for a list page, converted for the template one at a time as the list is
/// rendered: a national site's list has 100,000 cards, and converting them all at once
/// would hold them twice.
#[derive(Debug)]
pub struct CardList {
    cards: Arc<Vec<views::ProjectCard>>,
    /// Positions in `cards` of the cards to list; all when `None`.
    picks: Option<Vec<usize>>,
}

impl CardList {
    pub fn all(cards: &Arc<Vec<views::ProjectCard>>) -> Value {
        Value::from_object(CardList { cards: cards.clone(), picks: None })
    }

    pub fn some(cards: &Arc<Vec<views::ProjectCard>>, picks: &[usize]) -> Value {
        Value::from_object(CardList { cards: cards.clone(), picks: Some(picks.to_vec()) })
    }

    fn len(&self) -> usize {
        self.picks.as_ref().map_or(self.cards.len(), Vec::len)
    }
}

impl minijinja::value::Object for CardList {
    fn repr(self: &Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let i = key.as_usize()?;
        let card = match &self.picks {
            Some(picks) => self.cards.get(*picks.get(i)?)?,
            None => self.cards.get(i)?,
        };
        Some(Value::from(Serde(card)))
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.len())
    }
}
