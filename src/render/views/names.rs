//! Goals and policies by name: the vocabulary's titles in headings, breadcrumbs and filters,
//! their codes beside them, and the language of each part marked where it is not the page's.

use serde::Serialize;

use crate::model::{Goal, Policy, Vocabulary};

use super::*;

/// A goal or policy as pages name it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionName {
    pub id: String,
    /// The word and number: 施策 1-(3), Basic goal プロセス3 (marked Japanese).
    pub code: LText,
    /// The title from the vocabulary, where it has one.
    pub title: Option<LText>,
    /// The whole name as one text, for `<option>`s and page titles: the title where there
    /// is one (with its number), else the word and number.
    pub label: String,
    /// The language of `label` where it is not the page's (any part of it in Japanese).
    pub lang: Option<&'static str>,
}

fn section(
    id: &str,
    word: &str,
    code: &crate::text::Text,
    title: &Option<crate::text::Text>,
    l: &Localizer,
) -> SectionName {
    let code = l.text(code);
    let title = l.opt_text(title);
    let label = match &title {
        Some(t) => format!("{} {}", code.value, t.value),
        None => format!("{word} {}", code.value),
    };
    let lang = code.lang.or_else(|| title.as_ref().and_then(|t| t.lang));
    SectionName {
        id: id.to_owned(),
        code: LText { value: format!("{word} {}", code.value), lang: code.lang, note: None },
        title,
        label,
        lang,
    }
}

pub fn goal_name(g: &Goal, l: &Localizer) -> SectionName {
    section(g.id.get_ref().as_str(), &l.strings.goal, &g.code, &g.title, l)
}

pub fn policy_name(p: &Policy, l: &Localizer) -> SectionName {
    section(p.id.get_ref().as_str(), &l.strings.policy, &p.code, &p.title, l)
}

/// The goal and policy of a policy id (which the loader has checked).
pub fn section_names(voc: &Vocabulary, policy: &str, l: &Localizer) -> (SectionName, SectionName) {
    match voc.policy(policy) {
        Some((g, p)) => (goal_name(g, l), policy_name(p, l)),
        None => {
            let unknown = |s: &str| SectionName {
                id: s.to_owned(),
                code: l.plain(s),
                title: None,
                label: s.to_owned(),
                lang: None,
            };
            (unknown(""), unknown(policy))
        }
    }
}
