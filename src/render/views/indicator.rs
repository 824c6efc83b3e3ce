//! An indicator on a project page: its values, achievement rate, band and charts.

use serde::Serialize;

use crate::data::years::{Scope, reported_in};
use crate::indicator::format_number;
use crate::indicator::{Direction, Value, format_rate};
use crate::load::Site;
use crate::model::{Indicator, IndicatorValue, Project, ValueKind};
use crate::render::charts::{self, Band};

use super::*;

/// An indicator with its charts and values.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// Bullet graph of the latest actual against baseline and target (inline SVG).
    pub bullet: String,
    /// Trend line where two or more fiscal years have actual values (inline SVG).
    pub trend: String,
    /// The achievement band of the latest actual.
    pub band: Band,
    pub id: String,
    pub name: LText,
    pub unit: Option<LText>,
    pub direction: Option<Direction>,
    pub values: Vec<ValueView>,
}

/// One value of an indicator, as a row of its table.
#[derive(Debug, Serialize)]
pub struct ValueView {
    pub kind: ValueKind,
    pub year: String,
    pub numeric: bool,
    pub value: LText,
    pub rate: Option<String>,
    pub label: Option<LText>,
    pub note: Option<LText>,
    /// The fiscal year of the report that stated the value (none: not yet reported).
    pub stated_in: Option<String>,
}

/// The view of one indicator of project `p`.
pub(super) fn indicator_view(site: &Site, p: &Project, i: &Indicator, l: &Localizer) -> IndicatorView {
    let project_id = p.id.get_ref().as_str();
    let t = l.strings;
    let ordered = i.values_in_order();
    let number = |kind: ValueKind| ordered.iter().rfind(|(k, v)| *k == kind && v.value().number().is_some());
    let number = |kind| number(kind).and_then(|(_, v)| v.value().number());
    let latest = ordered.iter().rfind(|(k, v)| *k == ValueKind::Actual && v.value().number().is_some());
    let chart_id = format!("chart-{project_id}-{}", i.id.get_ref());
    let name = i.name.get(l.lang).value;
    let unit = i.unit.as_ref().map(|u| u.get(l.lang).value.to_owned()).unwrap_or_default();
    let bullet = charts::bullet(
        &chart_id,
        number(ValueKind::Baseline),
        number(ValueKind::Target),
        latest.and_then(|(_, v)| v.value().number().map(|n| (n, v.year.short(l.lang)))),
        &charts::BulletLabels {
            title: name,
            baseline: &t.kind_baseline,
            target: &t.kind_target,
            actual: &t.kind_actual,
            direction: i.direction.map(|d| direction_label(t, d)),
            unit: &unit,
        },
    );
    let points: Vec<(ValueKind, charts::TrendPoint)> = ordered
        .iter()
        .filter_map(|&(kind, v)| {
            let value = v.value().number()?;
            let year_label = v.year.short(l.lang);
            Some((kind, charts::TrendPoint { year: v.year.year(), year_label, value, kind: kind.as_str() }))
        })
        .collect();
    let trend_desc: Vec<String> = points
        .iter()
        .map(|(kind, p)| format!("{} {} {}", kind_label(t, *kind), p.year_label, format_number(p.value)))
        .collect();
    let points: Vec<charts::TrendPoint> = points.into_iter().map(|(_, p)| p).collect();
    let title = format!("{name} ({})", t.trend);
    let trend = charts::trend(&format!("{chart_id}-trend"), &title, &trend_desc.join("; "), &points);
    IndicatorView {
        bullet,
        trend,
        band: Band::of(latest.and_then(|(k, v)| i.rate(*k, v))),
        id: i.id.get_ref().to_string(),
        name: l.text(&i.name),
        unit: l.opt_text(&i.unit),
        direction: i.direction,
        values: ordered
            .iter()
            .map(|&(kind, v)| {
                let stated = reported_in(site, p, i, kind, v, Scope::All).map(|y| y.short(l.lang));
                ValueView { stated_in: stated, ..value_view(i, kind, v, l) }
            })
            .collect(),
    }
}

/// One value of an indicator.
fn value_view(i: &Indicator, kind: ValueKind, v: &IndicatorValue, l: &Localizer) -> ValueView {
    let value = v.value();
    ValueView {
        kind,
        year: l.year(v.year),
        numeric: matches!(value, Value::Number(_)),
        value: match &value {
            Value::Number(n) => l.plain(n.page()),
            Value::Text(t) => l.text(t),
        },
        rate: i.rate(kind, v).map(|r| format_rate(r, l.lang)),
        label: l.opt_text(&v.label),
        note: l.opt_text(&v.note),
        stated_in: None,
    }
}
