//! The "about the data" page: the verdict and how indicator statuses are judged (the rule,
//! with a worked example), the grades, partners and yearly-plan statuses.

use serde::Serialize;

use crate::load::Site;

use super::*;

/// The "about the data" page.
#[derive(Debug, Serialize)]
pub struct AboutView {
    pub method: MethodView,
    pub grades: Vec<VerdictView>,
    pub partners: Vec<PartnerView>,
    /// Whether any partner has a name (else the page says once that the report gives none).
    pub partners_named: bool,
    pub statuses: Vec<StatusView>,
}

pub fn about_view(site: &Site, l: &Localizer) -> AboutView {
    let voc = &site.vocabulary;
    AboutView {
        method: method_view(site, l),
        grades: voc.grades.iter().map(|g| verdict_view(site, &crate::verdict::Verdict::Grade(g), l)).collect(),
        partners: voc
            .partners
            .iter()
            .map(|p| PartnerView { label: p.label.clone(), name: l.opt_text(&p.name) })
            .collect(),
        partners_named: voc.partners.iter().any(|p| p.name.is_some()),
        statuses: voc
            .statuses
            .iter()
            .map(|s| StatusView { label: l.text(&s.label), description: l.opt_text(&s.description) })
            .collect(),
    }
}
