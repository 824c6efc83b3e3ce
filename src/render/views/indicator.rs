//! An indicator on a project page: its status in the year shown with its movement in words
//! and figures, its charts, and its values.

use serde::Serialize;

use crate::data::years::{Scope, reported_in};
use crate::fiscal_year::FiscalYear;
use crate::indicator::format_number;
use crate::indicator::{Direction, Value};
use crate::load::Site;
use crate::model::{Indicator, IndicatorValue, Project, ValueKind};
use crate::render::charts;

use super::*;

/// An indicator with its status, charts and values.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// Bullet graph of the year's actual against baseline and target (inline SVG; empty
    /// where there is nothing to compare).
    pub bullet: String,
    /// Trend line where two or more fiscal years have actual values (inline SVG).
    pub trend: String,
    /// The status in the year shown, with the movement in words and figures.
    pub status: IndicatorStatusView,
    pub id: String,
    pub name: LText,
    pub unit: Option<LText>,
    pub direction: Option<Direction>,
    /// The ordered levels of a text-valued indicator.
    pub levels: Vec<LText>,
    pub values: Vec<ValueView>,
}

/// One value of an indicator, as a row of its table.
#[derive(Debug, Serialize)]
pub struct ValueView {
    pub kind: ValueKind,
    pub year: String,
    pub numeric: bool,
    pub value: LText,
    pub label: Option<LText>,
    pub note: Option<LText>,
    /// The status of an actual value in its year.
    pub status: Option<VerdictView>,
    /// The fiscal year of the report that stated the value (none: not yet reported).
    pub stated_in: Option<String>,
}

/// The view of one indicator of project `p`, judged in fiscal year `shown`.
pub(super) fn indicator_view(
    site: &Site,
    p: &Project,
    i: &Indicator,
    shown: FiscalYear,
    l: &Localizer,
) -> IndicatorView {
    let project_id = p.id.get_ref().as_str();
    let t = l.strings;
    let judgement = crate::verdict::judge(i, shown);
    let ordered = i.values_in_order();
    let number = |v: Option<&IndicatorValue>| v.and_then(|v| v.value().number().map(|n| (n, v.year.short(l.lang))));
    let chart_id = format!("chart-{project_id}-{}", i.id.get_ref());
    let name = i.name.get(l.lang).value;
    let unit = i.unit.as_ref().map(|u| u.get(l.lang).value.to_owned()).unwrap_or_default();
    let bullet = charts::bullet(
        &chart_id,
        number(judgement.baseline),
        number(judgement.target),
        number(judgement.actual),
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
    let trend =
        charts::trend(&format!("{chart_id}-trend"), &title, &trend_desc.join("; "), &points, &t.kind_target, &unit);
    IndicatorView {
        bullet,
        trend,
        status: indicator_status_view(i, &judgement, l),
        id: i.id.get_ref().to_string(),
        name: l.text(&i.name),
        unit: l.opt_text(&i.unit),
        direction: i.direction,
        levels: i.levels.iter().map(|level| l.text(level.get_ref())).collect(),
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
        label: l.opt_text(&v.label),
        note: l.opt_text(&v.note),
        status: (kind == ValueKind::Actual).then(|| {
            let j = crate::verdict::judge_actual(i, v);
            status_view(j.status, j.reason, l)
        }),
        stated_in: None,
    }
}
