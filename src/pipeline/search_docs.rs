//! What the search index holds of a project: its page's title, a line of facts, a
//! summary, its verdict and every text, in one language. The index itself ([`crate::search`]) knows
//! nothing of projects.

use rayon::prelude::*;

use crate::load::Site;
use crate::markdown::to_plain_text;
use crate::model::Project;
use crate::render::views::{self, Localizer};
use crate::search::Document;
use crate::urls::Page;

/// The search document of one project page in one language, from its whole record.
pub fn document(site: &Site, p: &Project, l: &Localizer) -> Document {
    let lang = l.lang;
    let view = views::project_summary(site, p, l);
    let body: Vec<String> = p.texts().iter().map(|(_, t)| to_plain_text(t.get(lang).value)).collect();
    let meta = [p.code.clone().unwrap_or_default(), view.department.value.clone()];
    Document {
        href: Page::Project(p.id.get_ref().as_str()).in_lang(),
        title: view.title.value.clone(),
        meta: meta.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
        summary: views::summary_text(p, lang, 100).unwrap_or_default(),
        body: body.join(" "),
        // The verdict, as results and the lists built from the index show it.
        extra: vec![
            view.verdict.key.clone(),
            view.verdict.kind.to_owned(),
            view.verdict.source.clone(),
            view.verdict.label.clone(),
        ],
    }
}

/// The search documents of one language: every project page (records that cannot be
/// read again are left out; a build reports them).
pub fn documents(site: &Site, l: &Localizer) -> Vec<Document> {
    (0..site.projects.len())
        .into_par_iter()
        .filter_map(|i| site.record(i).ok().map(|p| document(site, &p, l)))
        .collect()
}
