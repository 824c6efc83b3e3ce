//! References to ids (departments, policies, grades, partners, statuses, projects): each
//! must exist, with a did-you-mean suggestion; and the ids a record may refer to.

use toml::Spanned;

use crate::diagnostic::{Diagnostics, Source, did_you_mean};
use crate::edition::Editions;
use crate::fiscal_year::FiscalYear;
use crate::model::Vocabulary;
use crate::msg;
use crate::msg::Msg;
use crate::slug::{Slug, natural_cmp};

/// Checks one reference against the ids that exist, with a did-you-mean suggestion.
/// Help texts list the known ids only when there are this many or fewer.
pub(in crate::load) const LIST_IDS_UP_TO: usize = 50;

pub(in crate::load) fn check_ref(
    src: &Source,
    id: &Spanned<Slug>,
    key: &str,
    what: fn() -> Msg,
    known: &[&str],
    defined_in: &str,
    diags: &mut Diagnostics,
) {
    let wanted = id.get_ref().as_str();
    if known.contains(&wanted) {
        return;
    }
    // Made only for a message: most references are fine.
    let what = &what();
    let mut known = known.to_vec();
    known.sort_by(|a, b| natural_cmp(a, b));
    known.dedup();
    let (count, list) = (known.len(), known.join(", "));
    let help = if known.is_empty() {
        msg!(
            ja: "まず {defined_in} に{what}を書き加えてください（まだ一つもありません）。",
            en: "no {what} is defined yet: add it to {defined_in} first",
            what = what,
        )
    } else {
        match did_you_mean(wanted, known.iter().copied()) {
            Some(s) if known.len() > LIST_IDS_UP_TO => msg!(
                ja: "\"{s}\" の書き間違いではありませんか。{what}のIDは {defined_in} で確かめてください。",
                en: "did you mean \"{s}\"? see the {what} ids in {defined_in}",
                what = what,
            ),
            Some(s) => msg!(
                ja: "\"{s}\" の書き間違いではありませんか。{defined_in} にある{what}のIDは次のとおりです: {list}",
                en: "did you mean \"{s}\"? the {what} ids in {defined_in} are: {list}",
                what = what,
            ),
            None if known.len() > LIST_IDS_UP_TO => msg!(
                ja: "{defined_in} にある{what}のID（{count}件）のどれかを書いてください。",
                en: "write one of the {what} ids in {defined_in} ({count} of them)",
                what = what,
            ),
            None => msg!(
                ja: "{defined_in} にある{what}のIDのどれかを書いてください: {list}",
                en: "write one of the {what} ids in {defined_in}: {list}",
                what = what,
            ),
        }
    };
    let message = msg!(
        ja: "{what}のID \"{wanted}\" が見つかりません。\n{help}",
        en: "unknown {what} \"{wanted}\"\n{help}",
        what = what,
        help = help,
    );
    diags.push(src.error(id.span(), key, message));
}

/// The ids a project record may refer to, from the vocabulary.
pub(in crate::load) struct Known<'a> {
    pub departments: Vec<&'a str>,
    pub policies: Vec<&'a str>,
    pub grades: Vec<&'a str>,
    pub partners: Vec<&'a str>,
    pub statuses: Vec<&'a str>,
    /// The newest reported year.
    pub reported: Option<FiscalYear>,
    pub reported_years: Vec<FiscalYear>,
    pub editions: &'a Editions,
}

impl<'a> Known<'a> {
    pub(in crate::load) fn new(
        vocabulary: &'a Vocabulary,
        reported_years: &[FiscalYear],
        editions: &'a Editions,
    ) -> Known<'a> {
        let mut years = reported_years.to_vec();
        years.sort();
        years.dedup();
        Known {
            departments: vocabulary.departments.iter().map(|d| d.id.get_ref().as_str()).collect(),
            policies: vocabulary
                .goals
                .iter()
                .flat_map(|g| g.policies.iter())
                .map(|p| p.id.get_ref().as_str())
                .collect(),
            grades: vocabulary.grades.iter().map(|g| g.id.get_ref().as_str()).collect(),
            partners: vocabulary.partners.iter().map(|p| p.id.get_ref().as_str()).collect(),
            statuses: vocabulary.statuses.iter().map(|s| s.id.get_ref().as_str()).collect(),
            reported: years.last().copied(),
            reported_years: years,
            editions,
        }
    }
}

/// What an id names, for [`check_ref`]'s messages.
pub(super) mod what {
    use crate::msg;
    use crate::msg::Msg;

    pub fn project() -> Msg {
        msg!(ja: "事業", en: "project")
    }
    pub fn department() -> Msg {
        msg!(ja: "課", en: "department")
    }
    pub fn policy() -> Msg {
        msg!(ja: "施策", en: "policy")
    }
    pub fn status() -> Msg {
        msg!(ja: "年次計画の状況", en: "status")
    }
    pub fn grade() -> Msg {
        msg!(ja: "評価", en: "grade")
    }
    pub fn partner() -> Msg {
        msg!(ja: "協働の相手", en: "partner")
    }
}
