//! Charts as inline SVG: a bullet graph per numeric indicator (baseline, target and the
//! year's actual, each labelled with its value) and a trend line where several fiscal years
//! have actual values.
//!
//! Every chart carries `<title>` and `<desc>` and stands next to a table with the same
//! numbers; colour is never the only carrier of meaning (labels are written out). Text is
//! 14 units high in a 320-unit-wide drawing, so at least 12 px on a 320 px phone; labels are
//! kept inside the drawing, and a label that would overlap another moves to a row of its own
//! or is left out (the table has every value). No chart is drawn without something to compare.

use std::fmt::Write;

/// Escapes text for SVG/XML: the one HTML escaper.
use crate::escape::html as esc;

mod scale;

pub use scale::nice_ticks;
use scale::{Scale, text_width};

// Colours come from the theme's stylesheet, by class (`.chart-measure` …, defined with custom
// properties such as `--chart-measure` in style.css), so a theme can restyle the charts. Where
// that stylesheet does not apply, the charts fall back to one colour: shapes take SVG's default
// fill (black), lines and hollow points `currentColor`, and the track and the baseline-to-target
// range are told apart from the measure by their opacity.

/// The width of every chart's drawing, and its text size.
const W: f64 = 320.0;
const FONT: f64 = 14.0;

/// A number for chart labels, as on pages (commas).
fn label_number(n: f64) -> String {
    crate::indicator::format_number((n * 100.0).round() / 100.0)
}

/// A value with its unit, as labels show it: `128件`, `88.4%`, `128 cases`.
fn with_unit(n: f64, unit: &str) -> String {
    let spaced = !unit.is_empty() && unit != "%" && unit.is_ascii();
    format!("{}{}{unit}", label_number(n), if spaced { " " } else { "" })
}

/// Labels of a bullet graph in the page language.
pub struct BulletLabels<'a> {
    pub title: &'a str,
    pub baseline: &'a str,
    pub target: &'a str,
    pub actual: &'a str,
    /// A sentence saying which way the indicator should move, if known.
    pub direction: Option<&'a str>,
    pub unit: &'a str,
}

/// A value of a chart with the label of its fiscal year.
pub type YearValue = (f64, String);

/// A text placed on a row of a chart: anchored so that it stays inside the drawing.
fn place(x: f64, text: &str) -> (f64, &'static str) {
    let half = text_width(text, FONT) / 2.0;
    if x - half < 2.0 {
        (2.0, "start")
    } else if x + half > W - 2.0 {
        (W - 2.0, "end")
    } else {
        (x, "middle")
    }
}

/// The span a placed text covers.
fn span(x: f64, text: &str) -> (f64, f64) {
    let (at, anchor) = place(x, text);
    let w = text_width(text, FONT);
    match anchor {
        "start" => (at, at + w),
        "end" => (at - w, at),
        _ => (at - w / 2.0, at + w / 2.0),
    }
}

fn text_at(svg: &mut String, x: f64, y: f64, text: &str, class: &str) {
    let (at, anchor) = place(x, text);
    let _ = write!(
        svg,
        r#"<text x="{at:.1}" y="{y:.1}" font-size="{FONT}" text-anchor="{anchor}" class="{class}">{}</text>"#,
        esc(text)
    );
}

/// A bullet graph: the year's actual against the target, and the baseline where there is
/// one. The stretch from baseline to target is shaded, the movement from baseline to the
/// actual is a bar, the target a tall mark; each is labelled with its value. Nothing is drawn
/// without both a target and an actual.
pub fn bullet(
    id: &str,
    baseline: Option<YearValue>,
    target: Option<YearValue>,
    actual: Option<YearValue>,
    labels: &BulletLabels,
) -> String {
    let (Some(target), Some(actual)) = (target, actual) else {
        return String::new();
    };
    let mut values = vec![target.0, actual.0];
    values.extend(baseline.as_ref().map(|b| b.0));
    let integer = values.iter().all(|v| v.fract() == 0.0);
    let ticks = nice_ticks(&values, 5, integer);
    let s = Scale::new(&ticks, 8.0, W - 8.0);
    let unit = labels.unit;
    let mut desc = Vec::new();
    if let Some((b, year)) = &baseline {
        desc.push(format!("{} ({year}) {}", labels.baseline, with_unit(*b, unit)));
    }
    desc.push(format!("{} ({}) {}", labels.actual, actual.1, with_unit(actual.0, unit)));
    desc.push(format!("{} ({}) {}", labels.target, target.1, with_unit(target.0, unit)));
    desc.extend(labels.direction.map(str::to_owned));
    let (track_top, track_h) = (24.0, 20.0);
    // Labels below the track: the target's, then the baseline's on the same row or the next.
    let target_text = format!("{} {}", labels.target, with_unit(target.0, unit));
    let baseline_text = baseline.as_ref().map(|(b, _)| format!("{} {}", labels.baseline, with_unit(*b, unit)));
    let (t_lo, t_hi) = span(s.x(target.0), &target_text);
    let baseline_row = baseline_text.as_ref().map(|text| {
        let (lo, hi) = span(s.x(baseline.as_ref().map_or(0.0, |b| b.0)), text);
        if hi + 8.0 < t_lo || lo > t_hi + 8.0 { 0 } else { 1 }
    });
    let rows = 1 + baseline_row.unwrap_or(0);
    let label_y = |row: usize| track_top + track_h + 18.0 + row as f64 * 18.0;
    let axis_y = label_y(rows - 1) + 8.0;
    let h = axis_y + 24.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart bullet" viewBox="0 0 {W} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(labels.title),
        esc(&desc.join("; "))
    );
    let _ = write!(
        svg,
        r#"<rect x="{}" y="{track_top}" width="{}" height="{track_h}" class="chart-track" fill-opacity="0.15"/>"#,
        s.x0,
        s.x1 - s.x0
    );
    let from = baseline.as_ref().map_or(s.min, |b| b.0);
    if baseline.is_some() {
        let (a, z) = (s.x(from.min(target.0)), s.x(from.max(target.0)));
        let _ = write!(
            svg,
            r#"<rect x="{a:.1}" y="{track_top}" width="{:.1}" height="{track_h}" class="chart-range" fill-opacity="0.35"/>"#,
            (z - a).max(0.5)
        );
    }
    let (a, z) = (s.x(from.min(actual.0)), s.x(from.max(actual.0)));
    let _ = write!(
        svg,
        r#"<rect x="{a:.1}" y="{}" width="{:.1}" height="8" class="chart-measure"/>"#,
        track_top + 6.0,
        (z - a).max(2.0)
    );
    if let Some((b, _)) = &baseline {
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{}" width="2" height="{}" class="chart-baseline"/>"#,
            s.x(*b) - 1.0,
            track_top - 4.0,
            track_h + 8.0
        );
    }
    let _ = write!(
        svg,
        r#"<rect x="{:.1}" y="{}" width="4" height="{}" class="chart-target"/>"#,
        s.x(target.0) - 2.0,
        track_top - 6.0,
        track_h + 12.0
    );
    let actual_text = if labels.actual.is_ascii() {
        format!("{} {} ({})", labels.actual, with_unit(actual.0, unit), actual.1)
    } else {
        format!("{} {}（{}）", labels.actual, with_unit(actual.0, unit), actual.1)
    };
    text_at(&mut svg, s.x(actual.0), track_top - 10.0, &actual_text, "chart-text chart-label-actual");
    text_at(&mut svg, s.x(target.0), label_y(0), &target_text, "chart-text chart-label-target");
    if let (Some(text), Some(row), Some((b, _))) = (&baseline_text, baseline_row, &baseline) {
        text_at(&mut svg, s.x(*b), label_y(row), text, "chart-text chart-label-baseline");
    }
    axis(&mut svg, &s, &ticks, axis_y);
    svg.push_str("</svg>");
    svg
}

/// A horizontal scale: a line with its ticks and their values, thinned where they would touch.
fn axis(svg: &mut String, s: &Scale, ticks: &[f64], y: f64) {
    let _ = write!(
        svg,
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" class="chart-axis" stroke="currentColor"/>"#,
        s.x0, s.x1
    );
    let mut last_end = f64::NEG_INFINITY;
    for &t in ticks {
        let x = s.x(t);
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{y}" x2="{x:.1}" y2="{}" class="chart-axis" stroke="currentColor"/>"#,
            y + 4.0
        );
        let text = label_number(t);
        let (lo, hi) = span(x, &text);
        if lo > last_end + 6.0 {
            text_at(svg, x, y + 19.0, &text, "chart-text chart-tick");
            last_end = hi;
        }
    }
}

/// One point of a trend line.
pub struct TrendPoint {
    pub year: i64,
    pub year_label: String,
    pub value: f64,
    /// "baseline", "actual" or "target".
    pub kind: &'static str,
}

/// A line through the baseline and the actual values by fiscal year, with the target as a
/// labelled marker. Drawn only where at least two actual values exist.
pub fn trend(
    id: &str,
    title: &str,
    description: &str,
    points: &[TrendPoint],
    target_label: &str,
    unit: &str,
) -> String {
    if points.iter().filter(|p| p.kind == "actual").count() < 2 {
        return String::new();
    }
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let integer = values.iter().all(|v| v.fract() == 0.0);
    let ticks = nice_ticks(&values, 4, integer);
    let widest = ticks.iter().map(|t| text_width(&label_number(*t), FONT)).fold(0.0, f64::max);
    let h = 200.0;
    // The top margin holds the target's label, the bottom one the years.
    let (left, right, top, bottom) = (widest + 10.0, W - 24.0, 44.0, h - 30.0);
    let vy = Scale::new(&ticks, 0.0, 1.0);
    let y = |v: f64| bottom - vy.x(v) * (bottom - top);
    let (y0, y1) = (points.iter().map(|p| p.year).min().unwrap_or(0), points.iter().map(|p| p.year).max().unwrap_or(1));
    let x = |year: i64| {
        if y1 > y0 { left + (year - y0) as f64 / (y1 - y0) as f64 * (right - left) } else { (left + right) / 2.0 }
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart trend" viewBox="0 0 {W} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(description)
    );
    let _ = write!(
        svg,
        r#"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" class="chart-axis" stroke="currentColor"/><line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" class="chart-axis" stroke="currentColor"/>"#
    );
    for &t in &ticks {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="end" class="chart-text chart-tick">{}</text>"#,
            left - 4.0,
            y(t) + 5.0,
            esc(&label_number(t))
        );
    }
    let line: Vec<String> =
        points.iter().filter(|p| p.kind != "target").map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value))).collect();
    let _ = write!(
        svg,
        r#"<polyline points="{}" fill="none" class="chart-line" stroke="currentColor" stroke-width="2"/>"#,
        line.join(" ")
    );
    let mut year_end = f64::NEG_INFINITY;
    let mut value_end = f64::NEG_INFINITY;
    for p in points {
        let (px, py) = (x(p.year), y(p.value));
        match p.kind {
            "target" => {
                let _ = write!(svg, r#"<path d="M{px:.1} {:.1} l6 6 l-6 6 l-6 -6 z" class="chart-target"/>"#, py - 6.0);
            }
            "baseline" => {
                let _ = write!(
                    svg,
                    r#"<circle cx="{px:.1}" cy="{py:.1}" r="4" class="chart-baseline-point" fill-opacity="0" stroke="currentColor" stroke-width="2"/>"#
                );
            }
            _ => {
                let _ = write!(svg, r#"<circle cx="{px:.1}" cy="{py:.1}" r="4" class="chart-measure"/>"#);
            }
        }
        if p.kind == "target" {
            // The target is always labelled, in the margin above the plot, clear of the values.
            let text = format!("{target_label} {}", with_unit(p.value, unit));
            text_at(&mut svg, px, 16.0, &text, "chart-text chart-label-target");
        } else {
            let value = label_number(p.value);
            let (lo, hi) = span(px, &value);
            if lo > value_end + 4.0 {
                text_at(&mut svg, px, py - 10.0, &value, "chart-text chart-value");
                value_end = hi;
            }
        }
        let (lo, hi) = span(px, &p.year_label);
        if lo > year_end + 6.0 {
            text_at(&mut svg, px, h - 8.0, &p.year_label, "chart-text chart-year");
            year_end = hi;
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests;
