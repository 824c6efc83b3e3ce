//! The columns of the import/export table, in one catalog for both directions: export
//! writes only headers that import reads, and import reads what export writes.
//!
//! The printed report's columns come first ([`LAYOUT`]). Every other field of a record has
//! a column of its own, named in Japanese; English companions end in `_英字`, and a column
//! that holds one fiscal year names it in parentheses, as the layout does: `基準値 (H27)`,
//! `取組内容 (R3)`, `年次計画 (R6)`. The report columns without a year (取組内容, 事業の評価 …)
//! hold the report of the sheet's year (the year of its first 現状値 column).

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;

/// The kind of an indicator value: the model's, under the name the import's columns use.
pub use crate::model::ValueKind as Kind;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Item,
    Title,
    Department,
    Achievements,
    Partners,
    Grade,
    Effect,
    IndicatorId,
    Value(Kind),
    Code,
    LeadDepartments,
    LeadNote,
    RelatedDepartments,
    Issues,
    Direction,
    PlanContent,
    Audience,
    Implementer,
    Related,
    Improvement,
    IndicatorName,
    Unit,
    IndicatorDirection,
    IndicatorLevels,
    ValueLabel(Kind),
    ValueNote(Kind),
    /// Whether an actual value met the target, as the report states (`met`): only actual
    /// values have it.
    ValueMet,
    ScheduleLabel,
    ScheduleStatus,
}

/// The printed report's columns, in its order: export writes them first.
pub const LAYOUT: [Field; 12] = [
    Field::Id,
    Field::Item,
    Field::Title,
    Field::Department,
    Field::Achievements,
    Field::Partners,
    Field::Grade,
    Field::Effect,
    Field::IndicatorId,
    Field::Value(Kind::Baseline),
    Field::Value(Kind::Target),
    Field::Value(Kind::Actual),
];

/// Whether and how a column names a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    Never,
    /// Report and value columns: without a year, the sheet's year.
    Optional,
    Required,
}

impl Field {
    /// Every field that has a column, for parsing headers.
    const ALL: [Field; 36] = [
        Field::Id,
        Field::Item,
        Field::Title,
        Field::Department,
        Field::Achievements,
        Field::Partners,
        Field::Grade,
        Field::Effect,
        Field::IndicatorId,
        Field::Value(Kind::Baseline),
        Field::Value(Kind::Target),
        Field::Value(Kind::Actual),
        Field::Code,
        Field::LeadDepartments,
        Field::LeadNote,
        Field::RelatedDepartments,
        Field::Issues,
        Field::Direction,
        Field::PlanContent,
        Field::Audience,
        Field::Implementer,
        Field::Related,
        Field::Improvement,
        Field::IndicatorName,
        Field::Unit,
        Field::IndicatorDirection,
        Field::IndicatorLevels,
        Field::ValueLabel(Kind::Baseline),
        Field::ValueLabel(Kind::Target),
        Field::ValueLabel(Kind::Actual),
        Field::ValueNote(Kind::Baseline),
        Field::ValueNote(Kind::Target),
        Field::ValueNote(Kind::Actual),
        Field::ValueMet,
        Field::ScheduleLabel,
        Field::ScheduleStatus,
    ];

    /// The column's Japanese name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "ID",
            Field::Item => "項目",
            Field::Title => "事業名",
            Field::Department => "担当課",
            Field::Achievements => "取組内容",
            Field::Partners => "協働の相手",
            Field::Grade => "事業の評価",
            Field::Effect => "効果又は理由(改善策)",
            Field::IndicatorId => "指標ID",
            Field::Value(Kind::Baseline) => "基準値",
            Field::Value(Kind::Target) => "目標値",
            Field::Value(Kind::Actual) => "現状値",
            Field::Code => "コード",
            Field::LeadDepartments => "主たる部署",
            Field::LeadNote => "主たる部署の注記",
            Field::RelatedDepartments => "関係部署",
            Field::Issues => "現状・課題",
            Field::Direction => "目指すべき方向性",
            Field::PlanContent => "推進内容",
            Field::Audience => "対象者",
            Field::Implementer => "実施主体",
            Field::Related => "主な関連事業",
            Field::Improvement => "改善策",
            Field::IndicatorName => "指標名",
            Field::Unit => "単位",
            Field::IndicatorDirection => "指標の方向",
            Field::IndicatorLevels => "指標の段階",
            Field::ValueLabel(Kind::Baseline) => "基準値のラベル",
            Field::ValueLabel(Kind::Target) => "目標値のラベル",
            Field::ValueLabel(Kind::Actual) => "現状値のラベル",
            Field::ValueNote(Kind::Baseline) => "基準値の注記",
            Field::ValueNote(Kind::Target) => "目標値の注記",
            Field::ValueNote(Kind::Actual) => "現状値の注記",
            Field::ValueMet => "現状値の達成",
            Field::ScheduleLabel => "年次計画の名称",
            Field::ScheduleStatus => "年次計画",
        }
    }

    /// Whether the field is a text with an English companion column.
    pub fn has_english(self) -> bool {
        matches!(
            self,
            Field::Title
                | Field::Achievements
                | Field::Effect
                | Field::Value(_)
                | Field::LeadNote
                | Field::Issues
                | Field::Direction
                | Field::PlanContent
                | Field::Audience
                | Field::Implementer
                | Field::Improvement
                | Field::IndicatorName
                | Field::Unit
                | Field::IndicatorLevels
                | Field::ValueLabel(_)
                | Field::ValueNote(_)
                | Field::ScheduleLabel
        )
    }

    /// Whether the column names a fiscal year.
    pub fn years(self) -> Years {
        match self {
            Field::Achievements | Field::Partners | Field::Grade | Field::Effect | Field::Improvement => {
                Years::Optional
            }
            Field::Value(_) | Field::ValueLabel(_) | Field::ValueNote(_) | Field::ValueMet => Years::Optional,
            Field::ScheduleStatus => Years::Required,
            _ => Years::Never,
        }
    }

    /// Whether the field belongs to the project (its first row) rather than to a row's
    /// indicator or yearly-plan row.
    pub fn is_project_field(self) -> bool {
        !matches!(
            self,
            Field::Id
                | Field::IndicatorId
                | Field::Value(_)
                | Field::IndicatorName
                | Field::Unit
                | Field::IndicatorDirection
                | Field::IndicatorLevels
                | Field::ValueLabel(_)
                | Field::ValueNote(_)
                | Field::ValueMet
                | Field::ScheduleLabel
                | Field::ScheduleStatus
        )
    }
}

/// A column: its field, language and fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Column {
    pub field: Field,
    pub lang: Lang,
    pub year: Option<FiscalYear>,
}

impl Column {
    /// A column of `field` in `lang`, for `year`.
    pub fn new(field: Field, lang: Lang, year: Option<FiscalYear>) -> Column {
        Column { field, lang, year }
    }

    /// The header: `事業名`, `事業名_英字`, `基準値 (H27)`, `取組内容_英字 (R3)`.
    pub fn header(&self) -> String {
        let mut h = self.field.name().to_owned();
        if self.lang == Lang::En {
            h.push_str("_英字");
        }
        if let Some(y) = self.year {
            h.push_str(&format!(" ({})", y.era_short()));
        }
        h
    }
}

/// How a header cell was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Header {
    /// A column of the catalog, written as export writes it (spaces and full-width
    /// parentheses aside).
    Exact(Column),
    /// A header that begins with a layout column's name (`効果又は理由`, `事業名称`), read as
    /// that column as kyodo always has; ignored if that column is already there.
    Loose(Column),
    /// Looks like a catalog column but is not one: the message says why.
    Wrong(crate::msg::Msg),
    /// Another column (a clerk's own notes): ignored.
    Other,
}

/// Spaces removed and full-width parentheses made half-width, for comparing headers.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\t' | '\n' | '\r'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// Reads a header cell.
pub fn parse_header(cell: &str) -> Header {
    let norm = normalise(cell);
    if norm.is_empty() {
        return Header::Other;
    }
    // A trailing "(year)" names the fiscal year: 基準値(H27), 取組内容(令和4年度).
    let (stem, year) = match norm.strip_suffix(')').and_then(|s| s.rfind('(').map(|i| (&norm[..i], &s[i + 1..]))) {
        Some((stem, inside)) => match crate::fiscal_year::FiscalYear::parse(inside) {
            Ok(y) => (stem.to_owned(), Some(y)),
            Err(_) => (norm.clone(), None),
        },
        None => (norm.clone(), None),
    };
    let (base, lang) = match stem.strip_suffix("_英字") {
        Some(base) => (base, Lang::En),
        None => (stem.as_str(), Lang::Ja),
    };
    if let Some(field) = Field::ALL.iter().copied().find(|f| normalise(f.name()) == base) {
        if lang == Lang::En && !field.has_english() {
            let f = field.name();
            return Header::Wrong(crate::msg!(
                ja: "この列を削除してください。{f} には英語の列はありません。",
                en: "{f} has no English companion: remove this column",
            ));
        }
        let f = field.name();
        return match (field.years(), year) {
            (Years::Never, Some(_)) => Header::Wrong(crate::msg!(
                ja: "見出しは {f} と書いてください。{f} には年度を付けません。",
                en: "{f} takes no fiscal year: write the header as {f}",
            )),
            (Years::Required, None) => Header::Wrong(crate::msg!(
                ja: "見出しに年度を付けてください（例: {f} (R5)）。{f} には年度が必要です。",
                en: "{f} needs its fiscal year in the header, e.g. {f} (R5)",
            )),
            _ => Header::Exact(Column::new(field, lang, year)),
        };
    }
    if lang == Lang::En {
        return Header::Wrong(crate::msg!(
            ja: "英語の列は 事業名_英字 のように名付けてください。\"{cell}\" は kyodo の知らない列です。",
            en: "\"{cell}\" is not a column kyodo knows: English companions are named like 事業名_英字",
        ));
    }
    // Headers as clerks write them: the layout's names as a prefix, as kyodo always read them.
    let loose = LAYOUT.iter().copied().find(|f| norm.starts_with(f.name().split('(').next().unwrap_or(f.name())));
    match loose {
        Some(f @ Field::Value(_)) => {
            let rest = norm[normalise(f.name()).len()..].trim_matches(|c| c == '(' || c == ')');
            match (rest.is_empty(), crate::fiscal_year::FiscalYear::parse(rest)) {
                (true, _) => Header::Loose(Column::new(f, Lang::Ja, None)),
                (false, Ok(y)) => Header::Loose(Column::new(f, Lang::Ja, Some(y))),
                (false, Err(e)) => Header::Wrong(e.0.one_line()),
            }
        }
        Some(f) => Header::Loose(Column::new(f, Lang::Ja, if f.years() == Years::Never { None } else { year })),
        None => Header::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(s: &str) -> Option<FiscalYear> {
        FiscalYear::parse(s).ok()
    }

    #[test]
    fn headers_read_back_as_written() {
        let columns = [
            Column::new(Field::Title, Lang::En, None),
            Column::new(Field::Value(Kind::Baseline), Lang::Ja, year("H27")),
            Column::new(Field::Achievements, Lang::En, year("R3")),
            Column::new(Field::Effect, Lang::Ja, year("R3")),
            Column::new(Field::Effect, Lang::Ja, None),
            Column::new(Field::ScheduleStatus, Lang::Ja, year("R8")),
            Column::new(Field::ValueNote(Kind::Actual), Lang::En, year("R5")),
            Column::new(Field::ValueMet, Lang::Ja, year("R5")),
        ];
        for c in columns {
            assert_eq!(parse_header(&c.header()), Header::Exact(c), "{}", c.header());
        }
    }

    #[test]
    fn headers_as_clerks_write_them() {
        assert_eq!(
            parse_header("基準値（H27）"),
            Header::Exact(Column::new(Field::Value(Kind::Baseline), Lang::Ja, year("H27")))
        );
        assert_eq!(parse_header("効果又は理由"), Header::Loose(Column::new(Field::Effect, Lang::Ja, None)));
        assert_eq!(
            parse_header("取組内容(令和4年度)"),
            Header::Exact(Column::new(Field::Achievements, Lang::Ja, year("R4")))
        );
        assert_eq!(parse_header("備考"), Header::Other);
        assert!(matches!(parse_header("事業名_英語"), Header::Loose(_)), "a prefix of 事業名, as before");
        assert!(matches!(parse_header("備考_英字"), Header::Wrong(_)));
        assert!(matches!(parse_header("コード (R4)"), Header::Wrong(_)));
        assert!(matches!(parse_header("年次計画"), Header::Wrong(_)));
        assert_eq!(
            parse_header("現状値の達成（R5）"),
            Header::Exact(Column::new(Field::ValueMet, Lang::Ja, year("R5")))
        );
        assert!(matches!(parse_header("現状値の達成_英字 (R5)"), Header::Wrong(_)), "met has no English");
    }
}
