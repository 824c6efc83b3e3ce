//! Warnings for texts without English.

use crate::diagnostic::{Diagnostics, Severity, Source};
use crate::i18n::Lang;
use crate::model::{SiteConfig, Vocabulary};
use crate::text::Text;

use super::*;

/// A warning listing the texts of a file that have no English.
pub(super) fn warn_untranslated(file: &LoadedText, texts: Vec<(String, &Text)>, diags: &mut Diagnostics) {
    let missing: Vec<String> = texts.into_iter().filter(|(_, t)| !t.has(Lang::En)).map(|(k, _)| k).collect();
    if missing.is_empty() {
        return;
    }
    let src = Source { path: &file.path, text: &file.text };
    let n = missing.len();
    let (plural, keys) = (if n == 1 { "" } else { "s" }, missing.join(", "));
    let message = crate::msg!(
        ja: "英訳のない項目が{n}件あります: {keys}\n{{ ja = \"…\", en = \"…\" }} の形で英訳を書き加えてください。それまでは、英語のページには日本語が「Not yet translated」（未翻訳）の印付きで表示されます。",
        en: "{n} text{plural} without English: {keys}\nadd the translation as {{ ja = \"…\", en = \"…\" }}; until then English pages show the Japanese, marked \"Not yet translated\"",
    );
    diags.push(src.at(Severity::Warning, None, None, message));
}

pub(super) fn site_texts(c: &SiteConfig) -> Vec<(String, &Text)> {
    let mut out = vec![
        ("title".to_owned(), &c.title),
        ("municipality.name".to_owned(), &c.municipality.name),
        ("plan.name".to_owned(), &c.plan.name),
        ("licence.attribution".to_owned(), &c.licence.attribution),
        ("publisher.name".to_owned(), &c.publisher.name),
    ];
    for (k, t) in [
        ("description", &c.description),
        ("municipality.prefecture", &c.municipality.prefecture),
        ("publisher.address", &c.publisher.address),
    ] {
        if let Some(t) = t {
            out.push((k.to_owned(), t));
        }
    }
    out
}

pub(super) fn vocabulary_texts(v: &Vocabulary) -> Vec<(String, &Text)> {
    let mut out = Vec::new();
    for d in &v.departments {
        let id = d.id.get_ref();
        out.push((format!("departments.{id}.name"), &d.name));
        if let Some(t) = &d.division_of {
            out.push((format!("departments.{id}.division_of"), t));
        }
    }
    for g in &v.goals {
        out.push((format!("goals.{}.code", g.id.get_ref()), &g.code));
        for p in &g.policies {
            out.push((format!("policies.{}.code", p.id.get_ref()), &p.code));
        }
        if let Some(t) = &g.title {
            out.push((format!("goals.{}.title", g.id.get_ref()), t));
        }
        for p in &g.policies {
            if let Some(t) = &p.title {
                out.push((format!("policies.{}.title", p.id.get_ref()), t));
            }
        }
    }
    for g in &v.grades {
        if let Some(t) = &g.definition {
            out.push((format!("grades.{}.definition", g.id.get_ref()), t));
        }
    }
    for p in &v.partners {
        if let Some(t) = &p.name {
            out.push((format!("partners.{}.name", p.id.get_ref()), t));
        }
    }
    for st in &v.statuses {
        out.push((format!("statuses.{}.label", st.id.get_ref()), &st.label));
        if let Some(t) = &st.description {
            out.push((format!("statuses.{}.description", st.id.get_ref()), t));
        }
    }
    out
}
