//! Reading one sheet of the printed report's layout into its parts: the value beside each
//! label, the indicator and yearly-plan blocks, and the labelled rows below the separator.
//!
//! Labels are found by their text in the first filled cell of a row, wherever it is, so
//! inserted, blank and moved rows and merged cells do not matter; a value is the first
//! filled cell right of its label (a merged cell's value is where the merge starts).

use std::collections::BTreeMap;

use crate::fiscal_year::FiscalYear;
use crate::msg;
use crate::msg::Msg;

use super::super::columns::{Column, Header, parse_header};
use super::super::read::{Table, column_letters};
use super::labels::{Label, is_separator, label_of, year_cell};

/// A filled cell: where it is and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub row: usize,
    /// 0-based.
    pub col: usize,
    pub text: String,
    /// What the cell holds when it is not a text or a number (a date, an error value).
    pub invalid: Option<Msg>,
}

impl Cell {
    /// The cell's name: `B14`.
    pub fn name(&self) -> String {
        format!("{}{}", column_letters(self.col), self.row)
    }
}

/// One value row of an indicator: `令和2年度（第1次計画実績）` and its value.
#[derive(Debug, Clone)]
pub struct ValueRow {
    pub year_cell: Cell,
    pub year: FiscalYear,
    pub label: Option<String>,
    pub value: Option<Cell>,
    /// The cell after a value that is only a number: its unit (`0` `団体`).
    pub unit: Option<Cell>,
}

/// An indicator of the 成果を示す指標 block.
#[derive(Debug, Clone)]
pub struct IndicatorBlock {
    pub name: Cell,
    pub rows: Vec<ValueRow>,
}

/// A row of the 年次計画 block.
#[derive(Debug, Clone)]
pub struct ScheduleRow {
    pub label: Option<Cell>,
    pub statuses: Vec<(FiscalYear, Cell)>,
}

/// A labelled row of fields the printed page cannot hold, named as the table layout's
/// columns are; its cells from column B on are the project's first row, second row …
#[derive(Debug, Clone)]
pub struct ExtraRow {
    pub label: Cell,
    pub column: Column,
    /// (row of the project: 1 for the cell right of the label, 2 for the next …, cell).
    pub cells: Vec<(usize, Cell)>,
}

/// What one sheet holds.
#[derive(Debug, Default)]
pub struct Page {
    /// The label cell and the value beside it, if any.
    pub single: BTreeMap<Label, (Cell, Option<Cell>)>,
    /// The 進捗状況 heading and the fiscal year it names.
    pub progress: Option<(Cell, Option<FiscalYear>)>,
    pub indicators_label: Option<Cell>,
    pub indicators: Vec<IndicatorBlock>,
    pub schedule_label: Option<Cell>,
    pub schedule_years: Vec<(FiscalYear, usize)>,
    pub schedule: Vec<ScheduleRow>,
    pub extras: Vec<ExtraRow>,
    /// Problems: the cell, the label it is under, and the message.
    pub problems: Vec<(Cell, String, Msg)>,
    pub warnings: Vec<Msg>,
    /// Whether the sheet has any label of the printed page.
    pub has_labels: bool,
}

/// The label of the indicator block, for messages.
const IND: &str = "成果を示す指標";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Before,
    None,
    Indicators,
    Schedule,
    Extras,
}

/// The filled cells of a table, row by row, with date and error cells among them.
pub fn rows(table: &Table) -> Vec<Vec<Cell>> {
    let mut rows: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
    for r in &table.rows {
        let cells = r.cells().map(|(col, text)| Cell { row: r.number, col, text: text.to_owned(), invalid: None });
        rows.entry(r.number).or_default().extend(cells);
    }
    for i in &table.invalid {
        let cell = Cell { row: i.row, col: i.column, text: String::new(), invalid: Some(i.what.clone()) };
        rows.entry(i.row).or_default().push(cell);
    }
    rows.into_values()
        .map(|mut cells| {
            cells.sort_by_key(|c| c.col);
            cells.retain(|c| c.invalid.is_some() || !c.text.trim().is_empty());
            cells
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// Reads a sheet.
pub fn read_page(table: &Table) -> Page {
    let mut page = Page::default();
    let mut block = Block::Before;
    for cells in rows(table) {
        let first = &cells[0];
        if block != Block::Extras && first.invalid.is_none() {
            if is_separator(&first.text) {
                block = Block::Extras;
                continue;
            }
            if let Some((label, year)) = label_of(&first.text) {
                // A heading alone (a cover sheet's 進捗状況) does not make a project's page.
                page.has_labels |= label != Label::Progress;
                block = page.label_row(label, year, &cells);
                continue;
            }
        }
        match block {
            Block::Indicators => page.indicator_row(&cells),
            Block::Schedule => page.schedule_row(&cells),
            Block::Extras => page.extra_row(&cells, true),
            Block::None => page.extra_row(&cells, false),
            Block::Before => {}
        }
    }
    page
}

impl Page {
    fn problem(&mut self, cell: &Cell, label: &str, message: Msg) {
        self.problems.push((cell.clone(), label.to_owned(), message));
    }

    /// A cell used as a value: a date or error cell is a problem.
    fn usable(&mut self, cell: &Cell, label: &str) -> bool {
        if let Some(what) = &cell.invalid {
            let message = msg!(
                ja: "セルの書式を「文字列」にして、表示したいとおりに値を入力してください。このセルは文字でも数値でもなく、{what}です。",
                en: "the cell holds {what}, not a text or a number: format the cell as text (文字列) and type the value as it should read",
                what = what,
            );
            self.problem(cell, label, message);
            return false;
        }
        true
    }

    fn label_row(&mut self, label: Label, year: Option<FiscalYear>, cells: &[Cell]) -> Block {
        let first = cells[0].clone();
        let rest = &cells[1..];
        match label {
            Label::Progress => {
                self.progress = Some((first, year));
                Block::None
            }
            Label::Indicators => {
                self.indicators_label = Some(first);
                if !rest.is_empty() {
                    self.indicator_row(rest);
                }
                Block::Indicators
            }
            Label::Schedule => {
                self.schedule_label = Some(first);
                for c in rest {
                    match super::super::values::read_text(&c.text).and_then(|t| FiscalYear::parse(&t).ok()) {
                        Some(y) if c.invalid.is_none() => self.schedule_years.push((y, c.col)),
                        _ => self.problem(
                            c,
                            "年次計画",
                            msg!(
                                ja: "このセルに年度を書くか、空にしてください。「年次計画」の右には年度（R4、R5 …）が並びます。",
                                en: "年次計画 is followed by its fiscal years (R4, R5 …): write a fiscal year in this cell, or empty it",
                            ),
                        ),
                    }
                }
                Block::Schedule
            }
            Label::Lead => {
                // 主たる部署 … 関係部署など …: two labels on one row.
                let inline = rest.iter().position(|c| {
                    c.invalid.is_none() && label_of(&c.text).is_some_and(|(l, _)| l == Label::RelatedDepartments)
                });
                let (lead, related) = match inline {
                    Some(i) => (&rest[..i], Some((&rest[i], &rest[i + 1..]))),
                    None => (rest, None),
                };
                self.single_value(Label::Lead, first, lead);
                if let Some((label, values)) = related {
                    self.single_value(Label::RelatedDepartments, label.clone(), values);
                }
                Block::None
            }
            other => {
                self.single_value(other, first, rest);
                Block::None
            }
        }
    }

    fn single_value(&mut self, label: Label, label_cell: Cell, rest: &[Cell]) {
        if let Some((earlier, _)) = self.single.get(&label) {
            let (label_text, earlier) = (label.text(), earlier.name());
            let message = msg!(
                ja: "どちらか一つを残してください。「{label_text}」が二か所にあります（{earlier} とここ）。",
                en: "{label_text} appears twice (in {earlier} and here): keep one",
            );
            self.problem(&label_cell, label.text(), message);
            return;
        }
        let value = rest.first().filter(|c| self.usable(c, label.text())).cloned();
        for extra in rest.iter().skip(1) {
            if extra.invalid.is_none() {
                let (cell, label) = (extra.name(), label.text());
                self.warnings.push(msg!(
                    ja: "{cell} は「{label}」の値の右にあるため、読み込んでいません。",
                    en: "{cell} is right of the value of {label}: not read",
                ));
            }
        }
        self.single.insert(label, (label_cell, value));
    }

    fn indicator_row(&mut self, cells: &[Cell]) {
        let mut i = 0;
        let is_year = |c: &Cell| c.invalid.is_none() && year_cell(&c.text).is_some();
        if !is_year(&cells[0]) {
            if self.usable(&cells[0], IND) {
                self.indicators.push(IndicatorBlock { name: cells[0].clone(), rows: Vec::new() });
            } else {
                return;
            }
            i = 1;
        } else if self.indicators.is_empty() {
            let message = msg!(
                ja: "「成果を示す指標」の右に指標の名前を書いてください。この値の上に、指標の名前がありません。",
                en: "this value of 成果を示す指標 has no indicator name above it: write the indicator's name right of 成果を示す指標",
            );
            self.problem(&cells[0], IND, message);
            return;
        }
        while i < cells.len() {
            let c = &cells[i];
            i += 1;
            let Some((year, label)) = (c.invalid.is_none()).then(|| year_cell(&c.text)).flatten() else {
                if self.usable(c, IND) {
                    let message = msg!(
                        ja: "このセルを移すか、空にしてください。「成果を示す指標」の中のこのセルは、指標の名前（見出しの右）でも、令和2年度（第1次計画実績）のような年度と値のラベルでも、その右の値でもありません。",
                        en: "this cell of 成果を示す指標 is neither an indicator's name (right of the label), a fiscal year with the value's label such as 令和2年度（第1次計画実績）, nor the value beside one: move or empty it",
                    );
                    self.problem(c, IND, message);
                }
                continue;
            };
            let value = cells.get(i).filter(|v| !is_year(v)).cloned();
            if value.is_some() {
                i += 1;
            }
            let bare_number = value
                .as_ref()
                .is_some_and(|v| v.invalid.is_none() && crate::indicator::parse_number_text(v.text.trim()).is_some());
            let unit = cells
                .get(i)
                .filter(|u| bare_number && !is_year(u) && u.invalid.is_none())
                .filter(|u| crate::indicator::parse_number_text(u.text.trim()).is_none())
                .cloned();
            if unit.is_some() {
                i += 1;
            }
            let value = value.filter(|v| self.usable(v, IND));
            if let Some(ind) = self.indicators.last_mut() {
                ind.rows.push(ValueRow { year_cell: c.clone(), year, label, value, unit });
            }
        }
    }

    fn schedule_row(&mut self, cells: &[Cell]) {
        let first_year = self.schedule_years.first().map(|(_, c)| *c);
        let mut row = ScheduleRow { label: None, statuses: Vec::new() };
        for c in cells {
            if let Some(year) = self.schedule_years.iter().find(|(_, col)| *col == c.col).map(|(y, _)| *y) {
                if self.usable(c, "年次計画") {
                    row.statuses.push((year, c.clone()));
                }
            } else if first_year.is_some_and(|f| c.col < f) && row.label.is_none() && row.statuses.is_empty() {
                if self.usable(c, "年次計画") {
                    row.label = Some(c.clone());
                }
            } else if c.invalid.is_none() {
                let message = msg!(
                    ja: "このセルを年度の下に移すか、空にしてください。このセルは、「年次計画」の最初の行にあるどの年度の下にもありません。",
                    en: "this cell of 年次計画 is under no fiscal year of its first row: move it under its year, or empty it",
                );
                self.problem(c, "年次計画", message);
            }
        }
        if row.statuses.is_empty() {
            if let Some(label) = &row.label {
                let cell = label.name();
                self.warnings.push(msg!(
                    ja: "{cell} は「年次計画」の欄にありますが、どの年度の下にも状況がないため、読み込んでいません。",
                    en: "{cell} is in the 年次計画 block but has no status under any year: not read",
                ));
            }
            return;
        }
        self.schedule.push(row);
    }

    /// A row labelled with a column of the table layout (`事業名_英字`, `基準値 (R2)` …): below
    /// the separator every row must be one; above it, other rows are a clerk's notes.
    fn extra_row(&mut self, cells: &[Cell], below_separator: bool) {
        let first = &cells[0];
        let header = if first.invalid.is_none() { parse_header(&first.text) } else { Header::Other };
        let column = match header {
            Header::Exact(c) => c,
            Header::Loose(c) if below_separator => c,
            Header::Wrong(message) if below_separator => {
                self.problem(first, &first.text.clone(), message);
                return;
            }
            _ => {
                let what = match first.invalid {
                    Some(_) => msg!(ja: "日付かエラー値", en: "a date or error cell"),
                    None => {
                        let text = first.text.trim();
                        msg!(ja: "\"{text}\"", en: "\"{text}\"")
                    }
                };
                let known = match below_separator {
                    true => msg!(ja: "表の形の列の名前", en: "a field of the table layout"),
                    false => msg!(ja: "印刷用の報告書の見出し", en: "a label of the printed report"),
                };
                let row = first.row;
                self.warnings.push(msg!(
                    ja: "{row}行目: 最初のセル（{what}）が{known}ではないため、この行は読み込んでいません。",
                    en: "row {row}: {what} is not {known}: row not read",
                    what = what,
                    known = known,
                ));
                return;
            }
        };
        let mut row = ExtraRow { label: first.clone(), column, cells: Vec::new() };
        let label = column.header();
        for c in &cells[1..] {
            if self.usable(c, &label) {
                row.cells.push((c.col - first.col, c.clone()));
            }
        }
        self.extras.push(row);
    }
}
