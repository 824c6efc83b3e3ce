//! Charts as inline SVG: a bullet graph per numeric indicator, a trend line where several
//! fiscal years have actual values, and bar charts for the home dashboard.
//!
//! Every chart carries `<title>` and `<desc>` and stands next to a table with the same
//! numbers; colour is never the only carrier of meaning (labels are written out).

use std::fmt::Write;

/// Escapes text for SVG/XML: the one HTML escaper.
use crate::escape::html as esc;

// Colours come from the theme's stylesheet, by class (`.chart-measure` …, defined with custom
// properties such as `--chart-measure` in style.css), so a theme can restyle the charts. Where
// that stylesheet does not apply, the charts fall back to one colour: shapes take SVG's default
// fill (black), lines and hollow points `currentColor`, and the track and the baseline-to-target
// range are told apart from the measure by their opacity.

/// A number for chart labels, as on pages (commas).
fn label_number(n: f64) -> String {
    crate::indicator::format_number((n * 100.0).round() / 100.0)
}

/// The scale of a chart: the value range mapped onto `[x0, x1]`.
struct Scale {
    min: f64,
    max: f64,
    x0: f64,
    x1: f64,
}

impl Scale {
    fn new(values: &[f64], x0: f64, x1: f64) -> Scale {
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if hi > lo { (lo, hi + (hi - lo) * 0.08) } else { (lo, lo + 1.0) };
        Scale { min, max, x0, x1 }
    }

    fn x(&self, v: f64) -> f64 {
        self.x0 + (v - self.min) / (self.max - self.min) * (self.x1 - self.x0)
    }
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

/// A bullet graph: the latest actual as a bar, the target as a red tick, the baseline as a
/// grey tick, the stretch from baseline to target shaded.
pub fn bullet(
    id: &str,
    baseline: Option<f64>,
    target: Option<f64>,
    actual: Option<(f64, String)>,
    labels: &BulletLabels,
) -> String {
    let mut values: Vec<f64> = Vec::new();
    values.extend(baseline);
    values.extend(target);
    values.extend(actual.as_ref().map(|a| a.0));
    if values.is_empty() {
        return String::new();
    }
    let (w, h) = (320.0, 64.0);
    let s = Scale::new(&values, 8.0, w - 8.0);
    let unit = if labels.unit.is_empty() { String::new() } else { format!(" {}", labels.unit) };
    let mut desc = Vec::new();
    if let Some(b) = baseline {
        desc.push(format!("{} {}{unit}", labels.baseline, label_number(b)));
    }
    if let Some((a, year)) = &actual {
        desc.push(format!("{} ({year}) {}{unit}", labels.actual, label_number(*a)));
    }
    if let Some(t) = target {
        desc.push(format!("{} {}{unit}", labels.target, label_number(t)));
    }
    if let Some(d) = labels.direction {
        desc.push(d.to_owned());
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart bullet" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(labels.title),
        esc(&desc.join("; "))
    );
    let _ = write!(
        svg,
        r#"<rect x="{}" y="10" width="{}" height="20" class="chart-track" fill-opacity="0.15"/>"#,
        s.x0,
        s.x1 - s.x0
    );
    if let (Some(b), Some(t)) = (baseline, target) {
        let (a, z) = (s.x(b.min(t)), s.x(b.max(t)));
        let _ = write!(
            svg,
            r#"<rect x="{a:.1}" y="10" width="{:.1}" height="20" class="chart-range" fill-opacity="0.35"/>"#,
            (z - a).max(0.5)
        );
    }
    if let Some((a, _)) = &actual {
        let (from, to) = (s.x(0.0_f64.max(s.min)), s.x(*a));
        let (x, width) = if to >= from { (from, to - from) } else { (to, from - to) };
        let _ =
            write!(svg, r#"<rect x="{x:.1}" y="15" width="{:.1}" height="10" class="chart-measure"/>"#, width.max(1.0));
    }
    if let Some(b) = baseline {
        let _ = write!(svg, r#"<rect x="{:.1}" y="6" width="2" height="28" class="chart-baseline"/>"#, s.x(b) - 1.0);
    }
    if let Some(t) = target {
        let _ = write!(svg, r#"<rect x="{:.1}" y="4" width="3" height="32" class="chart-target"/>"#, s.x(t) - 1.5);
    }
    // A legend in words, so colour is never needed to read the graph.
    let mut legend = Vec::new();
    if baseline.is_some() {
        legend.push(("chart-baseline", labels.baseline));
    }
    if actual.is_some() {
        legend.push(("chart-measure", labels.actual));
    }
    if target.is_some() {
        legend.push(("chart-target", labels.target));
    }
    let mut x = 8.0;
    for (class, text) in legend {
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="46" width="10" height="10" class="{class}"/><text x="{}" y="55" font-size="11" class="chart-text">{}</text>"#,
            x + 14.0,
            esc(text)
        );
        x += 22.0 + text.chars().map(|c| if c.is_ascii() { 6.5 } else { 11.0 }).sum::<f64>();
    }
    svg.push_str("</svg>");
    svg
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
/// separate marker. Drawn only where at least two actual values exist.
pub fn trend(id: &str, title: &str, description: &str, points: &[TrendPoint]) -> String {
    if points.iter().filter(|p| p.kind == "actual").count() < 2 {
        return String::new();
    }
    let (w, h) = (320.0, 150.0);
    let (left, right, top, bottom) = (44.0, w - 12.0, 12.0, h - 28.0);
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let vy = Scale::new(&values, 0.0, 1.0);
    let y = |v: f64| bottom - vy.x(v) * (bottom - top);
    let (y0, y1) = (points.iter().map(|p| p.year).min().unwrap_or(0), points.iter().map(|p| p.year).max().unwrap_or(1));
    let x = |year: i64| {
        if y1 > y0 { left + (year - y0) as f64 / (y1 - y0) as f64 * (right - left) } else { (left + right) / 2.0 }
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart trend" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(description)
    );
    let _ = write!(
        svg,
        r#"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" class="chart-axis" stroke="currentColor"/><line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" class="chart-axis" stroke="currentColor"/>"#
    );
    for v in [vy.min, (vy.min + vy.max) / 2.0, vy.max] {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" font-size="10" text-anchor="end" class="chart-text">{}</text>"#,
            left - 4.0,
            y(v) + 3.0,
            esc(&label_number(v))
        );
    }
    let line: Vec<String> =
        points.iter().filter(|p| p.kind != "target").map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value))).collect();
    let _ = write!(
        svg,
        r#"<polyline points="{}" fill="none" class="chart-line" stroke="currentColor" stroke-width="2"/>"#,
        line.join(" ")
    );
    for p in points {
        let (px, py) = (x(p.year), y(p.value));
        match p.kind {
            "target" => {
                let _ = write!(svg, r#"<path d="M{px:.1} {:.1} l5 5 l-5 5 l-5 -5 z" class="chart-target"/>"#, py - 5.0);
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
        let _ = write!(
            svg,
            r#"<text x="{px:.1}" y="{}" font-size="10" text-anchor="middle" class="chart-text">{}</text>"#,
            h - 10.0,
            esc(&p.year_label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A horizontal bar chart of counts per category, for the dashboard: each row is a label, a
/// count and the CSS class of its bar (`chart-measure`, or a band's [`Band::chart_class`]).
pub fn bars(id: &str, title: &str, rows: &[(String, usize, &'static str)]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let row_h = 26.0;
    let (w, h) = (320.0, rows.len() as f64 * row_h + 8.0);
    let label_w = 110.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let desc: Vec<String> = rows.iter().map(|(l, n, _)| format!("{l}: {n}")).collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart bars" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(&desc.join("; "))
    );
    for (i, (label, n, class)) in rows.iter().enumerate() {
        let top = 4.0 + i as f64 * row_h;
        let width = (*n as f64 / max) * (w - label_w - 40.0);
        let _ =
            write!(svg, r#"<text x="0" y="{:.1}" font-size="12" class="chart-text">{}</text>"#, top + 15.0, esc(label));
        let _ = write!(
            svg,
            r#"<rect x="{label_w}" y="{:.1}" width="{:.1}" height="16" class="{class}"/>"#,
            top + 3.0,
            width.max(if *n > 0 { 2.0 } else { 0.0 })
        );
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" class="chart-text">{n}</text>"#,
            label_w + width + 6.0,
            top + 15.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Achievement bands, by the achievement rate of an indicator's latest actual value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Achieved,
    OnTrack,
    Behind,
    Regressed,
    NotMeasurable,
}

impl Band {
    pub const ALL: [Band; 5] = [Band::Achieved, Band::OnTrack, Band::Behind, Band::Regressed, Band::NotMeasurable];

    /// The band of a rate in percent: ≥ 100 achieved, 50–100 on track, 0–50 behind,
    /// below 0 regressed; no rate: not measurable.
    pub fn of(rate: Option<f64>) -> Band {
        match rate {
            Some(r) if r >= 100.0 => Band::Achieved,
            Some(r) if r >= 50.0 => Band::OnTrack,
            Some(r) if r >= 0.0 => Band::Behind,
            Some(_) => Band::Regressed,
            None => Band::NotMeasurable,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Band::Achieved => "achieved",
            Band::OnTrack => "on-track",
            Band::Behind => "behind",
            Band::Regressed => "regressed",
            Band::NotMeasurable => "not-measurable",
        }
    }

    /// The CSS class of the band's bars in charts (its colour is `--band-…` in the theme's
    /// stylesheet); always shown with the band's name.
    pub fn chart_class(self) -> &'static str {
        match self {
            Band::Achieved => "chart-band-achieved",
            Band::OnTrack => "chart-band-on-track",
            Band::Behind => "chart-band-behind",
            Band::Regressed => "chart-band-regressed",
            Band::NotMeasurable => "chart-band-not-measurable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_published_thresholds() {
        let cases = [
            (Some(150.0), Band::Achieved),
            (Some(100.0), Band::Achieved),
            (Some(99.9), Band::OnTrack),
            (Some(50.0), Band::OnTrack),
            (Some(49.9), Band::Behind),
            (Some(0.0), Band::Behind),
            (Some(-0.1), Band::Regressed),
            (None, Band::NotMeasurable),
        ];
        for (rate, band) in cases {
            assert_eq!(Band::of(rate), band, "{rate:?}");
        }
    }

    #[test]
    fn charts_carry_title_and_description_and_escape_text() {
        let labels = BulletLabels {
            title: "件数 <b>",
            baseline: "基準値",
            target: "目標値",
            actual: "実績値",
            direction: Some("増加を目指す"),
            unit: "件",
        };
        let svg = bullet("i1", Some(114.0), Some(150.0), Some((128.0, "R5".into())), &labels);
        assert!(svg.contains("<title id=\"i1-t\">件数 &lt;b&gt;</title>"), "{svg}");
        assert!(
            svg.contains("<desc id=\"i1-d\">基準値 114 件; 実績値 (R5) 128 件; 目標値 150 件; 増加を目指す</desc>"),
            "{svg}"
        );
        assert!(svg.contains("aria-labelledby=\"i1-t i1-d\""));
        assert_eq!(bullet("x", None, None, None, &labels), "");
        let points = [TrendPoint { year: 2022, year_label: "R4".into(), value: 1.0, kind: "actual" }];
        assert_eq!(trend("t", "t", "d", &points), "", "one actual is not a trend");
    }

    #[test]
    fn chart_colours_are_classes_the_default_stylesheet_colours() {
        let css = include_str!("../../themes/default/static/style.css");
        let labels = BulletLabels {
            title: "件数",
            baseline: "基準値",
            target: "目標値",
            actual: "実績値",
            direction: None,
            unit: "件",
        };
        let mut svg = bullet("i1", Some(114.0), Some(150.0), Some((128.0, "R5".into())), &labels);
        let point = |year, kind| TrendPoint { year, year_label: format!("{year}"), value: (year - 2000) as f64, kind };
        svg += &trend(
            "t",
            "t",
            "d",
            &[point(2020, "baseline"), point(2022, "actual"), point(2023, "actual"), point(2026, "target")],
        );
        let rows: Vec<(String, usize, &'static str)> = Band::ALL
            .iter()
            .map(|b| (b.key().to_owned(), 1, b.chart_class()))
            .chain([("A".to_owned(), 2, "chart-measure")])
            .collect();
        svg += &bars("b", "t", &rows);
        for colour in ["fill=\"#", "stroke=\"#", "=\"white\""] {
            assert!(!svg.contains(colour), "a colour is written into the chart: {colour}\n{svg}");
        }
        let classes: std::collections::BTreeSet<&str> = svg
            .split("class=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .flat_map(str::split_whitespace)
            .filter(|c| c.starts_with("chart-"))
            .collect();
        assert_eq!(classes.len(), 14, "{classes:?}");
        for class in classes {
            let rule = css.split(&format!("\n.{class} {{")).nth(1).and_then(|r| r.split('}').next());
            let rule = rule.unwrap_or_else(|| panic!("style.css has no rule for .{class}"));
            let property = rule.split("var(--").nth(1).and_then(|v| v.split(')').next());
            let property =
                property.unwrap_or_else(|| panic!(".{class} takes no colour from a custom property: {rule}"));
            assert!(rule.contains("fill: var(--") || rule.contains("stroke: var(--"), ".{class}: {rule}");
            assert!(css.contains(&format!("\n  --{property}: ")), "--{property} is not defined in :root");
        }
    }
}
