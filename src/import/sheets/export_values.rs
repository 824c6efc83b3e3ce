//! An indicator's values as the printed page shows them (`令和2年度（第1次計画実績）`
//! `114件`), made only where import reads them back as the same value, label, kind and unit.

use crate::model::{Indicator, IndicatorValue, ValueKind as Kind};

use super::super::values::{Val, read_text, text_cell};
use super::labels::{value_kinds, year_cell};

/// Baseline, actual values by year, target: the printed order.
pub(super) fn values_in_order(ind: &Indicator) -> Vec<(Kind, &IndicatorValue)> {
    let mut actuals: Vec<&IndicatorValue> = ind.actuals.iter().map(|a| a.get_ref()).collect();
    actuals.sort_by_key(|a| a.year);
    let mut out: Vec<(Kind, &IndicatorValue)> = ind.baseline.iter().map(|b| (Kind::Baseline, b.get_ref())).collect();
    out.extend(actuals.into_iter().map(|a| (Kind::Actual, a)));
    out.extend(ind.target.iter().map(|t| (Kind::Target, t.get_ref())));
    out
}

pub(super) fn val(v: &IndicatorValue) -> Val {
    match (&v.value, &v.text) {
        (Some(n), _) => Val::Number(*n.get_ref()),
        (None, Some(t)) => Val::Text(t.ja.clone()),
        (None, None) => Val::Text(String::new()),
    }
}

/// The value rows of an indicator as printed (`令和2年度（第1次計画実績）`, `114件`), if each
/// reads back as the same value, label, kind and unit; `None` otherwise.
pub(super) fn printed_values(ind: &Indicator) -> Option<Vec<(String, String)>> {
    let unit = ind.unit.as_ref().map(|u| u.ja.as_str()).unwrap_or("");
    let values = values_in_order(ind);
    let labels: Vec<Option<&str>> = values.iter().map(|(_, v)| v.label.as_ref().map(|l| l.ja.as_str())).collect();
    if value_kinds(&labels) != values.iter().map(|(k, _)| *k).collect::<Vec<_>>() {
        return None;
    }
    let mut rows = Vec::new();
    for (_, v) in &values {
        let year_text = match &v.label {
            Some(l) => format!("{}（{}）", v.year.era_ja(), l.ja),
            None => v.year.era_ja(),
        };
        if year_cell(&year_text) != Some((v.year, v.label.as_ref().map(|l| l.ja.clone()))) {
            return None;
        }
        if v.label.as_ref().is_some_and(|l| read_text(&text_cell(&l.ja)).as_deref() != Some(l.ja.as_str())) {
            return None;
        }
        let value = val(v);
        let cell = match &value {
            Val::Number(n) => format!("{}{unit}", super::super::values::number_cell(n)),
            Val::Text(t) => {
                let (as_read, _) = super::super::values::split_number(t.trim());
                let plain = matches!(as_read, Val::Text(_))
                    && read_text(t).as_deref() == Some(t.as_str())
                    && year_cell(t).is_none();
                if plain { t.clone() } else { format!("'{t}") }
            }
        };
        if year_cell(&cell).is_some() {
            return None;
        }
        let back = super::super::values::split_number(read_text(&cell).unwrap_or_default().as_str());
        let same = match (&value, cell.strip_prefix('\'')) {
            (Val::Text(t), Some(rest)) => rest == t,
            (Val::Number(_), _) => back.0 == value && back.1.as_deref().unwrap_or("") == unit,
            (Val::Text(_), None) => back.0 == value,
        };
        if !same {
            return None;
        }
        rows.push((year_text, cell));
    }
    Some(rows)
}
