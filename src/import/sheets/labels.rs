//! The labels of the printed report's page, as a clerk's sheet may write them: found by
//! their text, with spaces (half- or full-width) anywhere and full-width letters folded,
//! so that `部 等 名`, `部等名` and `部　等　名` are one label.

use crate::fiscal_year::FiscalYear;

/// A label of the page, in the order the printed report has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Division,
    Department,
    Title,
    Issues,
    Direction,
    PlanContent,
    Related,
    Audience,
    Implementer,
    Lead,
    RelatedDepartments,
    Indicators,
    Schedule,
    /// 令和5年度計画の進捗状況: the heading of the year's report, naming its fiscal year.
    Progress,
    Achievements,
}

/// The labels with one value beside them, in the printed order.
pub const SINGLE: [Label; 12] = [
    Label::Division,
    Label::Department,
    Label::Title,
    Label::Issues,
    Label::Direction,
    Label::PlanContent,
    Label::Related,
    Label::Audience,
    Label::Implementer,
    Label::Lead,
    Label::RelatedDepartments,
    Label::Achievements,
];

/// The row that starts the fields the printed page cannot hold, as `kyodo export` writes
/// it in column A.
pub const SEPARATOR: &str = "印刷様式にない項目";

impl Label {
    /// The label as the printed report writes it (export writes this).
    pub fn text(self) -> &'static str {
        match self {
            Label::Division => "部等名",
            Label::Department => "課等名",
            Label::Title => "事業名",
            Label::Issues => "現状・課題",
            Label::Direction => "目指すべき方向性",
            Label::PlanContent => "推進内容",
            Label::Related => "主な関連事業",
            Label::Audience => "対象者",
            Label::Implementer => "実施主体",
            Label::Lead => "主たる部署",
            Label::RelatedDepartments => "関係部署など",
            Label::Indicators => "成果を示す指標",
            Label::Schedule => "年次計画",
            Label::Progress => "進捗状況",
            Label::Achievements => "取組実績",
        }
    }

    /// The heading of the report of `year`: 令和5年度計画の進捗状況.
    pub fn progress(year: FiscalYear) -> String {
        format!("{}計画の進捗状況", year.era_ja())
    }
}

/// A cell's text folded for comparing labels: no spaces, compatibility forms folded
/// (full-width letters and digits, half-width katakana).
pub fn fold(cell: &str) -> String {
    crate::width::nfkc(cell).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The label a cell holds, with the fiscal year of a 進捗状況 heading.
pub fn label_of(cell: &str) -> Option<(Label, Option<FiscalYear>)> {
    if cell.starts_with('\'') {
        return None;
    }
    let f = fold(cell);
    const ALL: [Label; 14] = [
        Label::Division,
        Label::Department,
        Label::Title,
        Label::Issues,
        Label::Direction,
        Label::PlanContent,
        Label::Related,
        Label::Audience,
        Label::Implementer,
        Label::Lead,
        Label::RelatedDepartments,
        Label::Indicators,
        Label::Schedule,
        Label::Achievements,
    ];
    if let Some(l) = ALL.iter().find(|l| fold(l.text()) == f) {
        return Some((*l, None));
    }
    if f == "関係部署" {
        return Some((Label::RelatedDepartments, None));
    }
    let before = f.strip_suffix("進捗状況")?;
    if before.is_empty() {
        return Some((Label::Progress, None));
    }
    let year = before.strip_suffix("計画の").or_else(|| before.strip_suffix("の")).unwrap_or(before);
    FiscalYear::parse(year).ok().map(|y| (Label::Progress, Some(y)))
}

/// Whether a cell is the separator row's.
pub fn is_separator(cell: &str) -> bool {
    !cell.starts_with('\'') && fold(cell) == SEPARATOR
}

/// A cell of an indicator's year: `令和2年度（第1次計画実績）`, `R8`, `令和8年度(目標)`: the fiscal
/// year and the value's label, if any.
pub fn year_cell(cell: &str) -> Option<(FiscalYear, Option<String>)> {
    if cell.starts_with('\'') {
        return None;
    }
    let t = cell.trim_matches(|c: char| c.is_whitespace());
    let Some(open) = t.find(['(', '（']) else {
        return FiscalYear::parse(t).ok().map(|y| (y, None));
    };
    let year = FiscalYear::parse(t[..open].trim()).ok()?;
    let inside = &t[open + t[open..].chars().next().map_or(1, char::len_utf8)..];
    let label = inside.strip_suffix(')').or_else(|| inside.strip_suffix('）'))?;
    Some((year, Some(label.to_owned())))
}

/// The kinds of the value rows of one indicator, from their labels: the row whose label
/// says 目標 is the target, or else the last of two or more rows; the first other row is
/// the baseline; rows between are actual values.
pub fn value_kinds(labels: &[Option<&str>]) -> Vec<crate::model::ValueKind> {
    use crate::model::ValueKind as K;
    let n = labels.len();
    let said = labels.iter().position(|l| l.is_some_and(|l| l.contains("目標")));
    let target = said.or((n >= 2).then(|| n - 1));
    let mut baseline_seen = false;
    (0..n)
        .map(|i| {
            if Some(i) == target {
                K::Target
            } else if !baseline_seen {
                baseline_seen = true;
                K::Baseline
            } else {
                K::Actual
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueKind as K;

    #[test]
    fn labels_are_found_whatever_their_spacing() {
        assert_eq!(label_of("部 等 名"), Some((Label::Division, None)));
        assert_eq!(label_of("課　等　名"), Some((Label::Department, None)));
        assert_eq!(label_of(" 事業名 "), Some((Label::Title, None)));
        assert_eq!(label_of("関係部署など"), Some((Label::RelatedDepartments, None)));
        let r5 = FiscalYear::parse("R5").ok();
        assert_eq!(label_of("令和5年度計画の進捗状況"), Some((Label::Progress, r5)));
        assert_eq!(label_of("令和５年度計画の進捗状況"), Some((Label::Progress, r5)));
        assert_eq!(label_of("第2次富里市協働のまちづくり推進計画（改訂版）進捗状況"), None);
        assert_eq!(label_of("'事業名"), None);
        assert_eq!(label_of("備考"), None);
    }

    #[test]
    fn year_cells_give_the_year_and_the_label() {
        let (y, l) = year_cell("令和2年度（第1次計画実績）").unwrap();
        assert_eq!((y.era_short(), l.as_deref()), ("R2".to_owned(), Some("第1次計画実績")));
        let (y, l) = year_cell("令和8年度(第2次計画目標)").unwrap();
        assert_eq!((y.era_short(), l.as_deref()), ("R8".to_owned(), Some("第2次計画目標")));
        assert_eq!(year_cell("R5").map(|(y, l)| (y.era_short(), l)), Some(("R5".to_owned(), None)));
        assert!(year_cell("相談・問合せ件数").is_none());
        assert!(year_cell("令和2年度（未完").is_none());
    }

    #[test]
    fn value_rows_are_baseline_actuals_and_target() {
        assert_eq!(value_kinds(&[Some("第1次計画実績"), Some("第2次計画目標")]), vec![K::Baseline, K::Target]);
        assert_eq!(value_kinds(&[None, None, None]), vec![K::Baseline, K::Actual, K::Target]);
        assert_eq!(value_kinds(&[Some("目標"), None]), vec![K::Target, K::Baseline]);
        assert_eq!(value_kinds(&[None]), vec![K::Baseline]);
    }
}
