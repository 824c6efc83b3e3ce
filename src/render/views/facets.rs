//! The filters of the project list and the facet pages (by policy, grade, partner).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Site;
use crate::urls::Page;

use super::*;

/// A value of a filter: an id, its label, and the page listing its projects.
#[derive(Debug, Serialize)]
pub struct FacetValue {
    pub id: String,
    pub label: LText,
    pub href: String,
    pub count: usize,
}

/// The filters of the project list.
#[derive(Debug, Serialize)]
pub struct Facets {
    pub policies: Vec<FacetValue>,
    pub departments: Vec<FacetValue>,
    pub grades: Vec<FacetValue>,
    pub partners: Vec<FacetValue>,
}

/// A facet page: the projects of one plan section, grade or partner.
pub struct FacetPage {
    /// Path in the language folder, e.g. `policies/1-1.html`.
    pub path: String,
    pub title: String,
    /// Indexes into the site's projects (and the cards, which are in the same order).
    pub projects: Vec<usize>,
}

fn policy_label(g: &crate::model::Goal, p: &crate::model::Policy, l: &Localizer) -> LText {
    let policy = &l.strings.policy;
    match p.title.as_ref().map(|t| l.text(t)) {
        Some(t) => LText { value: format!("{policy} {} {}", p.code, t.value), lang: t.lang, note: t.note },
        None => l.plain(format!("{policy} {} ({} {})", p.code, l.strings.goal, g.code)),
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
    for g in &voc.goals {
        for p in &g.policies {
            let id = p.id.get_ref().to_string();
            let list = matching(&|c| c.policy == id);
            let label = policy_label(g, p, l);
            policies.push(FacetValue {
                id: id.clone(),
                label: label.clone(),
                href: Page::Policy(&id).path(l.lang),
                count: list.len(),
            });
            pages.push(FacetPage { path: Page::Policy(&id).in_lang(), title: label.value, projects: list });
        }
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
                href: Page::Department(&id).path(l.lang),
                id,
            })
        })
        .collect();
    let mut grades = Vec::new();
    for g in &voc.grades {
        let id = g.id.get_ref().to_string();
        let list = matching(&|c| c.grade.as_ref().is_some_and(|x| x.id == id));
        let title = format!("{} {}", l.strings.grade, g.label);
        grades.push(FacetValue {
            id: id.clone(),
            label: l.plain(g.label.clone()),
            href: Page::Grade(&id).path(l.lang),
            count: list.len(),
        });
        pages.push(FacetPage { path: Page::Grade(&id).in_lang(), title, projects: list });
    }
    let mut partners = Vec::new();
    for p in &voc.partners {
        let id = p.id.get_ref().to_string();
        let list = matching(&|c| c.partners.split(' ').any(|x| x == id));
        let label = match &p.name {
            Some(n) => {
                let t = l.text(n);
                LText { value: format!("{} {}", p.label, t.value), lang: t.lang, note: t.note }
            }
            None => l.plain(p.label.clone()),
        };
        let title = format!("{} {}", l.strings.partners, label.value);
        partners.push(FacetValue { id: id.clone(), label, href: Page::Partner(&id).path(l.lang), count: list.len() });
        pages.push(FacetPage { path: Page::Partner(&id).in_lang(), title, projects: list });
    }
    (Facets { policies, departments, grades, partners }, pages)
}
