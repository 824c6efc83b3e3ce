//! The "about the data" page: how rates and bands are computed, and the vocabulary.

use serde::Serialize;

use crate::load::Site;
use crate::render::charts::Band;

use super::*;

/// The "about the data" page: how rates and bands are computed, and the vocabulary.
#[derive(Debug, Serialize)]
pub struct AboutView {
    pub bands: Vec<CountRow>,
    pub grades: Vec<GradeView>,
    pub partners: Vec<PartnerView>,
    pub statuses: Vec<StatusView>,
}

pub fn about_view(site: &Site, l: &Localizer) -> AboutView {
    let voc = &site.vocabulary;
    AboutView {
        bands: Band::ALL
            .into_iter()
            .map(|b| CountRow {
                key: b.key().to_owned(),
                label: band_label(l.strings, b).to_owned(),
                count: 0,
                href: None,
            })
            .collect(),
        grades: voc
            .grades
            .iter()
            .map(|g| GradeView {
                id: g.id.get_ref().to_string(),
                label: g.label.clone(),
                definition: l.opt_text(&g.definition),
            })
            .collect(),
        partners: voc
            .partners
            .iter()
            .map(|p| PartnerView { label: p.label.clone(), name: l.opt_text(&p.name) })
            .collect(),
        statuses: voc
            .statuses
            .iter()
            .map(|s| StatusView { label: l.text(&s.label), description: l.opt_text(&s.description) })
            .collect(),
    }
}
