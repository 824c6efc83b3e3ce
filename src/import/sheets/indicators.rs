//! The 成果を示す指標 block of a sheet as cells of the table layout: each indicator's name,
//! and each value row (`令和2年度（第1次計画実績）` `114件`) as the value, its label and the
//! indicator's unit. What a printed indicator does not say is kept from the record.

use std::collections::BTreeSet;

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::model::{Indicator, Project};
use crate::msg;

use super::super::columns::{Field, Kind};
use super::super::values::{Val, explicit_cell, read_text, split_number, text_cell};
use super::labels::value_kinds;
use super::page::{Cell, Page};
use super::places::{Place, Places};
use super::project::{Builder, col};

impl Builder<'_> {
    pub(super) fn indicators(&mut self, places: &mut Places, page: &Page, record: Option<&Project>) {
        const IND: &str = "成果を示す指標";
        for (i, ind) in page.indicators.iter().enumerate() {
            let k = i + 1;
            places.anchor(self.base + k, self.sheet, Place::of(&ind.name, IND));
            self.put(
                places,
                k,
                col(Field::IndicatorName, Lang::Ja, None),
                ind.name.text.clone(),
                Place::of(&ind.name, IND),
            );
            let labels: Vec<Option<&str>> = ind.rows.iter().map(|r| r.label.as_deref()).collect();
            let mut unit: Option<(String, Cell)> = None;
            let mut numbers = false;
            for (row, kind) in ind.rows.iter().zip(value_kinds(&labels)) {
                let Some(cell) = &row.value else { continue };
                let Some((value, cell_unit)) = read_value(cell, row.unit.as_ref()) else { continue };
                let year_place = Place::of(&row.year_cell, IND);
                if let Val::Number(_) = value {
                    numbers = true;
                    let u = cell_unit.unwrap_or_default();
                    match &unit {
                        Some((have, _)) if !have.is_empty() && !u.is_empty() && *have != u => {
                            let message = msg!(
                                ja: "どの数値の後ろにも同じ単位を書いてください。単位 \"{u}\" が、この指標のほかの値の \"{have}\" と違います。",
                                en: "the unit \"{u}\" differs from \"{have}\" of the other values of this indicator: write the same unit after each number",
                            );
                            self.problem(places, Place::of(cell, IND), message);
                        }
                        Some((have, _)) if !have.is_empty() => {}
                        _ => unit = Some((u, cell.clone())),
                    }
                }
                let value_column = col(Field::Value(kind), Lang::Ja, Some(row.year));
                self.put(places, k, value_column, explicit_cell(&value), Place::of(cell, IND));
                let label = row.label.as_deref().map(text_cell).unwrap_or_default();
                self.put(places, k, col(Field::ValueLabel(kind), Lang::Ja, Some(row.year)), label, year_place);
            }
            if numbers && let Some((u, cell)) = unit {
                self.put(places, k, col(Field::Unit, Lang::Ja, None), text_cell(&u), Place::of(&cell, IND));
            }
            let kept = self.record_indicator(k, i, record);
            self.keep_unprinted(places, k, !numbers && !ind.rows.is_empty(), kept, Place::of(&ind.name, IND));
        }
    }

    /// The record's indicator that row `k` updates: by 指標ID, or by position.
    fn record_indicator<'r>(&self, k: usize, i: usize, record: Option<&'r Project>) -> Option<&'r Indicator> {
        let record = record?;
        let id = self.entries.get(&(k, col(Field::IndicatorId, Lang::Ja, None))).and_then(|e| read_text(&e.text));
        match id {
            Some(id) => record.indicators.iter().find(|ind| ind.id.get_ref().as_str() == id),
            None => record.indicators.get(i),
        }
    }

    /// What the printed indicator does not say, where the table has a column for it that
    /// another indicator fills: the record's unit (all values texts) and actual values (with
    /// their label and `met`).
    fn keep_unprinted(
        &mut self,
        places: &mut Places,
        k: usize,
        texts_only: bool,
        old: Option<&Indicator>,
        place: Place,
    ) {
        let Some(old) = old else { return };
        let unit = col(Field::Unit, Lang::Ja, None);
        if texts_only
            && !self.has(k, unit)
            && self.has_column(unit)
            && let Some(u) = &old.unit
        {
            self.put(places, k, unit, text_cell(&u.ja), place.clone());
        }
        let years: BTreeSet<FiscalYear> = self
            .entries
            .keys()
            .filter_map(|(_, c)| {
                (c.field == Field::Value(Kind::Actual) && c.lang == Lang::Ja).then_some(c.year).flatten()
            })
            .collect();
        for year in years {
            let column = col(Field::Value(Kind::Actual), Lang::Ja, Some(year));
            let Some(actual) = old.actuals.iter().map(|a| a.get_ref()).find(|a| a.year == year) else { continue };
            if self.has(k, column) {
                continue;
            }
            let value = match (&actual.value, &actual.text) {
                (Some(n), _) => Val::Number(*n.get_ref()),
                (None, Some(t)) => Val::Text(t.ja.clone()),
                (None, None) => continue,
            };
            self.put(places, k, column, explicit_cell(&value), place.clone());
            let label = col(Field::ValueLabel(Kind::Actual), Lang::Ja, Some(year));
            if self.has_column(label)
                && !self.has(k, label)
                && let Some(l) = &actual.label
            {
                self.put(places, k, label, text_cell(&l.ja), place.clone());
            }
            let met = col(Field::ValueMet, Lang::Ja, Some(year));
            if self.has_column(met)
                && !self.has(k, met)
                && let Some(m) = actual.met
            {
                self.put(places, k, met, super::super::met::cell(m).to_owned(), place.clone());
            }
        }
    }
}

/// A value as printed: `114件`, `0` with `団体` in the next cell, `未実施`, or `'` and a text;
/// `None` for an empty cell or `-`.
fn read_value(cell: &Cell, unit_cell: Option<&Cell>) -> Option<(Val, Option<String>)> {
    if let Some(literal) = cell.text.strip_prefix('\'') {
        return Some((Val::Text(literal.to_owned()), None));
    }
    let t = read_text(&cell.text)?;
    let (value, unit) = split_number(&t);
    let unit = match (&value, unit) {
        (Val::Number(_), Some(u)) if u.is_empty() => unit_cell.map(|c| c.text.trim().to_owned()).or(Some(u)),
        (_, u) => u,
    };
    Some((value, unit))
}
