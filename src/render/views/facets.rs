//! The filters of the project list and the facet pages (by policy, grade, partner), with
//! names rather than codes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Site;
use crate::urls::Page;
use crate::verdict::Status;

use super::*;

/// A value of a filter: an id, its label, and the page listing its projects.
#[derive(Debug, Serialize)]
pub struct FacetValue {
    pub id: String,
    pub label: LText,
    /// The page listing its projects (none for statuses, which have no page).
    pub href: Option<String>,
    pub count: usize,
}

/// The filters of the project list.
#[derive(Debug, Serialize)]
pub struct Facets {
    pub policies: Vec<FacetValue>,
    pub departments: Vec<FacetValue>,
    pub grades: Vec<FacetValue>,
    pub partners: Vec<FacetValue>,
    /// The statuses judged from indicators.
    pub statuses: Vec<FacetValue>,
}

/// A facet page: the projects of one plan section, grade or partner.
pub struct FacetPage {
    /// Path in the language folder, e.g. `policies/1-1.html`.
    pub path: String,
    pub title: String,
    /// The language of the title where it is not the page's.
    pub title_lang: Option<&'static str>,
    /// What kind of facet: `policy`, `grade` or `partner`.
    pub kind: &'static str,
    /// The facet's id (for the filters of the page).
    pub id: String,
    /// Indexes into the site's projects (and the cards, which are in the same order).
    pub projects: Vec<usize>,
}

/// A partner as pages name it: its mark, and its name where the vocabulary gives one.
pub fn partner_label(p: &crate::model::Partner, l: &Localizer) -> LText {
    match &p.name {
        Some(n) => {
            let t = l.text(n);
            LText { value: format!("{} {}", p.label, t.value), lang: t.lang, note: t.note }
        }
        None => l.plain(p.label.clone()),
    }
}

/// The filters and facet pages of one language, from the cards of all projects (in site
/// order).
/// `year`: a year's view, whose departments go by their names in that year.
pub fn facets(
    site: &Site,
    cards: &[ProjectCard],
    l: &Localizer,
    year: Option<crate::fiscal_year::FiscalYear>,
) -> (Facets, Vec<FacetPage>) {
    let voc = &site.vocabulary;
    let matching = |f: &dyn Fn(&ProjectCard) -> bool| -> Vec<usize> {
        cards.iter().enumerate().filter(|(_, c)| f(c)).map(|(i, _)| i).collect()
    };
    let mut pages = Vec::new();
    let mut policies = Vec::new();
    for p in voc.goals.iter().flat_map(|g| &g.policies) {
        let name = policy_name(p, l);
        let list = matching(&|c| c.policy == name.id);
        let href = Page::Policy(&name.id);
        policies.push(FacetValue {
            id: name.id.clone(),
            label: LText { value: name.label.clone(), lang: name.lang, note: None },
            href: Some(href.path(l.lang)),
            count: list.len(),
        });
        pages.push(FacetPage {
            path: href.in_lang(),
            title: name.label,
            title_lang: name.lang,
            kind: "policy",
            id: name.id,
            projects: list,
        });
    }
    let mut department_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cards {
        *department_counts.entry(c.department_id.as_str()).or_default() += 1;
    }
    let departments = voc
        .departments
        .iter()
        .filter_map(|d| {
            let id = d.id.get_ref().to_string();
            let count = department_counts.get(id.as_str()).copied().unwrap_or(0);
            (count > 0).then(|| FacetValue {
                count,
                label: l.text(year.map_or(&d.name, |y| d.name_in(y))),
                href: Some(Page::Department(&id).path(l.lang)),
                id,
            })
        })
        .collect();
    let mut grades = Vec::new();
    for g in &voc.grades {
        let id = g.id.get_ref().to_string();
        let list = matching(&|c| c.grade.as_deref() == Some(id.as_str()));
        let title = format!("{} {}", grade_source(l), g.label);
        grades.push(FacetValue {
            id: id.clone(),
            label: l.plain(g.label.clone()),
            href: Some(Page::Grade(&id).path(l.lang)),
            count: list.len(),
        });
        pages.push(FacetPage {
            path: Page::Grade(&id).in_lang(),
            title,
            title_lang: None,
            kind: "grade",
            id,
            projects: list,
        });
    }
    let mut partners = Vec::new();
    for p in &voc.partners {
        let id = p.id.get_ref().to_string();
        let list = matching(&|c| c.partners.split(' ').any(|x| x == id));
        let label = partner_label(p, l);
        let title = format!("{} {}", l.strings.partners, label.value);
        let title_lang = label.lang;
        partners.push(FacetValue {
            id: id.clone(),
            label,
            href: Some(Page::Partner(&id).path(l.lang)),
            count: list.len(),
        });
        pages.push(FacetPage {
            path: Page::Partner(&id).in_lang(),
            title,
            title_lang,
            kind: "partner",
            id,
            projects: list,
        });
    }
    let statuses = Status::ALL
        .into_iter()
        .map(|s| FacetValue {
            id: s.key().to_owned(),
            label: l.plain(s.label(l.lang)),
            href: None,
            count: cards.iter().filter(|c| c.status == s.key()).count(),
        })
        .filter(|f| f.count > 0)
        .collect();
    (Facets { policies, departments, grades, partners, statuses }, pages)
}
