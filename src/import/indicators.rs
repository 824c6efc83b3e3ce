//! The indicator on a row of the table: its id, name and unit, and its values in the
//! 基準値, 目標値 and 現状値 columns of every fiscal year, as printed or in the explicit
//! form (see [`super::values`]).

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::indicator::Direction;
use crate::msg;
use crate::slug::Slug;

use super::columns::{Column, Field, Kind};
use super::layout::Reader;
use super::read::Row;
use super::sheet::{Given, SheetIndicator, SheetText, SheetValue};
use super::values::{Val, read_explicit, read_printed, read_text};

/// A value cell: its kind, the fiscal year of its column, the column, and the value.
type Cell = (Kind, Option<FiscalYear>, usize, Option<Val>);

impl Reader<'_> {
    /// Reads the indicator on `row`; `None` (with the problems recorded) if it cannot be.
    pub(super) fn indicator(&mut self, row: &Row) -> Option<SheetIndicator> {
        let head = self.head;
        let n0 = self.problems_len();
        let id_col = head.col(Field::IndicatorId, Lang::Ja, None);
        let id = id_col.and_then(|c| read_text(row.get(c)));
        if let Some(id) = &id
            && let Err(e) = Slug::parse(id)
        {
            self.problem(row.number, id_col, e.one_line());
        }
        let mut name = SheetText { ja: Given::Missing, en: head.given(row, Field::IndicatorName, Lang::En, None) };
        let mut unit = SheetText { ja: Given::Missing, en: head.given(row, Field::Unit, Lang::En, None) };
        let cells: Vec<Cell> = match head.text(row, Field::IndicatorName, Lang::Ja, None).1 {
            Some(explicit) => {
                name.ja = Given::Set(explicit);
                unit.ja = head.given(row, Field::Unit, Lang::Ja, None);
                head.values.iter().map(|&(k, y, c)| (k, y, c, read_explicit(row.get(c)))).collect()
            }
            None => {
                if head.text(row, Field::Unit, Lang::Ja, None).1.is_some() {
                    let message = msg!(
                        ja: "単位を各数値の後ろに書くか（\"66.1%\"）、指標名も記入して値の欄には数値だけを書いてください。単位は記入されていますが、指標名が空です。",
                        en: "単位 is filled but 指標名 is empty: write the unit after each number (\"66.1%\"), or fill 指標名 too and write only numbers in the value cells",
                    );
                    self.problem(row.number, head.col(Field::Unit, Lang::Ja, None), message);
                }
                let texts: Vec<&str> = head.values.iter().map(|&(_, _, c)| row.get(c)).collect();
                let printed = match read_printed(&texts) {
                    Ok(p) => p,
                    Err((i, message)) => {
                        self.problem(row.number, Some(head.values[i].2), message);
                        return None;
                    }
                };
                let any_value = printed.values.iter().any(Option::is_some);
                match printed.name {
                    Some(n) => name.ja = Given::Set(n),
                    None if any_value => {
                        let first =
                            head.values.iter().zip(&printed.values).find(|(_, v)| v.is_some()).map(|(&(_, _, c), _)| c);
                        let message = msg!(
                            ja: "指標の名前を値の前に書くか（例: \"加入率 66.1%\"）、指標名の列に書いてください。値の欄に指標の名前がありません。",
                            en: "the value cells have no indicator name: write it before the value, e.g. \"加入率 66.1%\", or fill 指標名",
                        );
                        self.problem(row.number, first, message);
                        return None;
                    }
                    None => {}
                }
                unit.ja = match printed.unit {
                    None => Given::Missing,
                    Some(u) if u.is_empty() => Given::Empty,
                    Some(u) => Given::Set(u),
                };
                head.values.iter().zip(printed.values).map(|(&(k, y, c), v)| (k, y, c, v)).collect()
            }
        };
        let direction = self.direction(row);
        let baseline = self.single(row, Kind::Baseline, &cells);
        let target = self.single(row, Kind::Target, &cells);
        let mut actuals = Vec::new();
        for (kind, year, _, value) in &cells {
            if let (Kind::Actual, Some(year)) = (kind, year) {
                let value = value.as_ref().map(|v| self.value(row, Kind::Actual, *year, v.clone()));
                actuals.push((*year, Given::from_cell(true, value)));
            }
        }
        actuals.sort_by_key(|(year, _)| *year);
        self.orphan_extras(row, &cells);
        let levels = self.head.sheet_text(row, Field::IndicatorLevels, None);
        let indicator =
            SheetIndicator { row: row.number, id, name, unit, direction, levels, baseline, target, actuals };
        (self.problems_len() == n0).then_some(indicator)
    }

    fn direction(&mut self, row: &Row) -> Given<Direction> {
        let Some(c) = self.head.col(Field::IndicatorDirection, Lang::Ja, None) else { return Given::Missing };
        match read_text(row.get(c)).as_deref() {
            None => Given::Empty,
            Some("増加" | "increase") => Given::Set(Direction::Increase),
            Some("減少" | "decrease") => Given::Set(Direction::Decrease),
            Some(other) => {
                let message = msg!(
                    ja: "増加（高いほど良い）か減少（低いほど良い）と書いてください。\"{other}\" は指標の方向ではありません。",
                    en: "\"{other}\" is not a direction: write 増加 (the higher the better) or 減少 (the lower the better)",
                );
                self.problem(row.number, Some(c), message);
                Given::Missing
            }
        }
    }

    /// The baseline or the target: one value in one of the columns of its kind.
    fn single(&mut self, row: &Row, kind: Kind, cells: &[Cell]) -> Given<SheetValue> {
        let has_column = cells.iter().any(|(k, ..)| *k == kind);
        let filled: Vec<&Cell> = cells.iter().filter(|(k, _, _, v)| *k == kind && v.is_some()).collect();
        match filled.as_slice() {
            [] => Given::from_cell(has_column, None),
            [(_, Some(year), _, Some(value))] => Given::Set(self.value(row, kind, *year, value.clone())),
            [(_, None, c, _)] => {
                let name = self.head.name(*c);
                let message = msg!(
                    ja: "見出しを、値の年度を付けて \"{name} (H27)\" のように書いてください。見出し {name} に年度がありません。",
                    en: "the header {name} names no fiscal year: write it as \"{name} (H27)\" with the year of the value",
                );
                self.problem(row.number, Some(*c), message);
                Given::Missing
            }
            [first, second, ..] => {
                let (a, b) = (self.head.name(first.2), self.head.name(second.2));
                self.problem(
                    row.number,
                    Some(second.2),
                    msg!(
                        ja: "その年度のものを一つだけ残してください（指標の{kind_name}は一つです）。{a} と {b} の両方に記入されています。",
                        en: "both {a} and {b} are filled: an indicator has one {kind_name}; keep the one of its year",
                        kind_name = Field::Value(kind).name(),
                    ),
                );
                Given::Missing
            }
            _ => Given::Missing,
        }
    }

    /// A value with its English, label and note (and an actual's `met`) from the columns of
    /// its kind and year.
    fn value(&mut self, row: &Row, kind: Kind, year: FiscalYear, value: Val) -> SheetValue {
        let head = self.head;
        let column_year = Some(year);
        let text_en = head.given(row, Field::Value(kind), Lang::En, column_year);
        if let (Val::Number(_), Given::Set(_)) = (&value, &text_en) {
            let c = head.col(Field::Value(kind), Lang::En, column_year);
            let message = msg!(
                ja: "この欄は空にしてください（単位の英語は 単位_英字 に書きます）。値が数値なので、英語はありません。",
                en: "the value is a number, which has no English: leave this cell empty (the unit's English goes in 単位_英字)",
            );
            self.problem(row.number, c, message);
        }
        let met = if kind == Kind::Actual { self.met(row, year) } else { Given::Missing };
        SheetValue {
            year,
            value,
            text_en,
            label: head.sheet_text(row, Field::ValueLabel(kind), column_year),
            note: head.sheet_text(row, Field::ValueNote(kind), column_year),
            met,
        }
    }

    /// Whether the actual value of `year` met the target, from its 現状値の達成 column.
    fn met(&mut self, row: &Row, year: FiscalYear) -> Given<bool> {
        let Some(c) = self.head.col(Field::ValueMet, Lang::Ja, Some(year)) else { return Given::Missing };
        match super::met::read(row.get(c)) {
            Ok(met) => Given::from_cell(true, met),
            Err(message) => {
                self.problem(row.number, Some(c), message);
                Given::Missing
            }
        }
    }

    /// English, labels, notes and `met` of a value that is not there.
    fn orphan_extras(&mut self, row: &Row, cells: &[Cell]) {
        let head = self.head;
        for &(kind, year, c) in &head.value_extras {
            let has_value = cells.iter().any(|(k, y, _, v)| *k == kind && *y == year && v.is_some());
            if !has_value && read_text(row.get(c)).is_some() {
                let value = Column::new(Field::Value(kind), Lang::Ja, year).header();
                let message = msg!(
                    ja: "{value} を記入するか、この欄を空にしてください。この欄は {value} の値に付くものですが、この行の {value} は空です。",
                    en: "this cell belongs to the value in {value}, which is empty on this row: fill {value} or empty this cell",
                );
                self.problem(row.number, Some(c), message);
            }
        }
    }
}
