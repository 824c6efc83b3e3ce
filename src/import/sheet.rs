//! What a sheet says about each project, field by field, before it is written to a record.
//!
//! A field a sheet has no column for is [`Given::Missing`]: an existing record keeps what it
//! has. A column whose cell is empty says the field is empty ([`Given::Empty`]); a filled
//! cell gives the value ([`Given::Set`]). Indicators, yearly-plan rows and reports are
//! never removed by an import; their fields are given like any other.

use crate::fiscal_year::FiscalYear;
use crate::indicator::Direction;

use super::values::Val;

/// What a sheet says about one field.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Given<T> {
    /// The sheet has no column for the field.
    #[default]
    Missing,
    /// The column's cell is empty.
    Empty,
    Set(T),
}

impl<T> Given<T> {
    /// `Set` for `Some`, `Empty` for `None`, or `Missing` when there is no column.
    pub fn from_cell(has_column: bool, value: Option<T>) -> Given<T> {
        match (has_column, value) {
            (false, _) => Given::Missing,
            (true, None) => Given::Empty,
            (true, Some(v)) => Given::Set(v),
        }
    }

    /// The value, if the sheet gives one.
    pub fn set(&self) -> Option<&T> {
        match self {
            Given::Set(v) => Some(v),
            _ => None,
        }
    }

    /// The value for a new record: what is set, nothing otherwise.
    pub fn into_set(self) -> Option<T> {
        match self {
            Given::Set(v) => Some(v),
            _ => None,
        }
    }
}

/// A text field: its Japanese and its English, each from its own column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetText {
    pub ja: Given<String>,
    pub en: Given<String>,
}

/// One project as a sheet gives it.
#[derive(Debug, Clone, Default)]
pub struct SheetProject {
    /// The project's first row.
    pub row: usize,
    /// The sheet the project is on, in the sheets layout.
    pub sheet: Option<String>,
    pub id: String,
    /// The code; `Missing` without a コード column (a new record then gets the policy's code
    /// and the project's number, as the printed reports number them).
    pub code: Given<String>,
    pub generated_code: String,
    pub policy: String,
    pub title: SheetText,
    pub department: String,
    pub lead_departments: Given<Vec<String>>,
    pub lead_note: SheetText,
    pub related_departments: Given<Vec<String>>,
    pub issues: SheetText,
    pub direction: SheetText,
    pub plan_content: SheetText,
    pub audience: SheetText,
    pub implementer: SheetText,
    pub related: Given<Vec<String>>,
    pub schedule: Vec<SheetSchedule>,
    pub indicators: Vec<SheetIndicator>,
    pub reports: Vec<SheetReport>,
}

/// One row of the yearly plan.
#[derive(Debug, Clone, Default)]
pub struct SheetSchedule {
    pub row: usize,
    pub label: SheetText,
    /// Status id per fiscal year column of the sheet.
    pub years: Vec<(FiscalYear, Given<String>)>,
}

/// One indicator.
#[derive(Debug, Clone, Default)]
pub struct SheetIndicator {
    pub row: usize,
    /// The id from 指標ID; `None` when the sheet does not give one.
    pub id: Option<String>,
    pub name: SheetText,
    pub unit: SheetText,
    pub direction: Given<Direction>,
    /// The levels of a text-valued indicator, lowest first, joined by ` < ` in one cell.
    pub levels: SheetText,
    pub baseline: Given<SheetValue>,
    pub target: Given<SheetValue>,
    /// Actual value per fiscal year column of the sheet.
    pub actuals: Vec<(FiscalYear, Given<SheetValue>)>,
}

/// A baseline, target or actual value.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetValue {
    pub year: FiscalYear,
    pub value: Val,
    /// The English of a text value.
    pub text_en: Given<String>,
    pub label: SheetText,
    pub note: SheetText,
    /// Whether an actual value met the target (`met`): `Missing` for a baseline or target,
    /// and where the sheet has no column for it.
    pub met: Given<bool>,
}

/// The report of one fiscal year.
#[derive(Debug, Clone)]
pub struct SheetReport {
    pub year: FiscalYear,
    /// Grade id.
    pub grade: Given<String>,
    /// Partner ids.
    pub partners: Given<Vec<String>>,
    pub achievements: SheetText,
    pub effect: SheetText,
    pub improvement: SheetText,
}

impl SheetReport {
    /// Whether the sheet gives anything for this report: a report that does not exist is
    /// created only then.
    pub fn has_content(&self) -> bool {
        let texts = [&self.achievements, &self.effect, &self.improvement];
        self.grade.set().is_some()
            || self.partners.set().is_some_and(|p| !p.is_empty())
            || texts.iter().any(|t| t.ja.set().is_some())
    }
}
