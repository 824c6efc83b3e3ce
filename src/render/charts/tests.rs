use super::*;

fn labels() -> BulletLabels<'static> {
    BulletLabels {
        title: "件数 <b>",
        baseline: "基準値",
        target: "目標値",
        actual: "実績値",
        direction: Some("増加を目指す"),
        unit: "件",
    }
}

#[test]
fn ticks_are_nice_and_whole_for_counts() {
    assert_eq!(nice_ticks(&[114.0, 150.0, 128.0], 5, true), vec![110.0, 120.0, 130.0, 140.0, 150.0]);
    assert_eq!(
        nice_ticks(&[3.0, 150.0, 128.0], 5, true),
        vec![0.0, 50.0, 100.0, 150.0],
        "from 0 when the smallest is small"
    );
    assert_eq!(nice_ticks(&[93.0, 95.0, 88.4], 5, false), vec![88.0, 90.0, 92.0, 94.0, 96.0]);
    // The 394.74 / 789.48: whole counts get whole ticks.
    for t in nice_ticks(&[1.0, 2.0, 3.0], 5, true) {
        assert_eq!(t.fract(), 0.0, "{t}");
    }
    assert_eq!(nice_ticks(&[0.0, 1500.0, 1200.0, 3.0], 4, true), vec![0.0, 500.0, 1000.0, 1500.0]);
    assert_eq!(nice_ticks(&[5.0, 5.0], 4, true).len(), 3, "a flat line still has a scale");
}

#[test]
fn charts_carry_title_description_and_labelled_values() {
    let svg =
        bullet("i1", Some((114.0, "R2".into())), Some((150.0, "R8".into())), Some((128.0, "R5".into())), &labels());
    assert!(svg.contains("<title id=\"i1-t\">件数 &lt;b&gt;</title>"), "{svg}");
    assert!(
        svg.contains("<desc id=\"i1-d\">基準値 (R2) 114件; 実績値 (R5) 128件; 目標値 (R8) 150件; 増加を目指す</desc>"),
        "{svg}"
    );
    assert!(svg.contains(">実績値 128件（R5）</text>"), "the actual is labelled with its value: {svg}");
    assert!(svg.contains(">目標値 150件</text>"), "the target is labelled: {svg}");
    assert!(svg.contains(">基準値 114件</text>"), "the baseline is labelled: {svg}");
    assert!(svg.contains(">130</text>") && svg.contains(">110</text>"), "a scale: {svg}");
    assert!(!svg.contains("font-size=\"1") || svg.contains("font-size=\"14\""), "{svg}");
    assert!(!svg.contains("font-size=\"9\"") && !svg.contains("font-size=\"10\"") && !svg.contains("font-size=\"11\""));
}

#[test]
fn nothing_is_drawn_without_something_to_compare() {
    assert_eq!(bullet("x", None, None, None, &labels()), "");
    assert_eq!(bullet("x", Some((1.0, "R2".into())), Some((5.0, "R8".into())), None, &labels()), "", "no actual");
    assert_eq!(bullet("x", Some((1.0, "R2".into())), None, Some((3.0, "R5".into())), &labels()), "", "no target");
    let points = [TrendPoint { year: 2022, year_label: "R4".into(), value: 1.0, kind: "actual" }];
    assert_eq!(trend("t", "t", "d", &points, "目標値", "件"), "", "one actual is not a trend");
}

/// Every label lies inside the drawing, whatever the values: measured with the width the
/// layout assumes for each character.
#[test]
fn labels_stay_inside_the_drawing() {
    let en = BulletLabels {
        title: "t",
        baseline: "Baseline",
        target: "Target",
        actual: "Actual",
        direction: None,
        unit: "applications",
    };
    let cases = [(0.0, 50.0, 57.0), (93.0, 95.0, 88.4), (1.0, 1_000_000.0, 999_999.0), (4.0, 2.0, 2.0)];
    for (b, t, a) in cases {
        let svg = bullet("c", Some((b, "FY2015".into())), Some((t, "FY2026".into())), Some((a, "FY2023".into())), &en);
        for text in svg.split("<text ").skip(1) {
            let attr =
                |name: &str| text.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).unwrap_or("");
            let x: f64 = attr("x").parse().unwrap();
            let content = text.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap_or("");
            let w = text_width(&crate::escape::html(content), FONT);
            let (lo, hi) = match attr("text-anchor") {
                "start" => (x, x + w),
                "end" => (x - w, x),
                _ => (x - w / 2.0, x + w / 2.0),
            };
            assert!(lo >= 0.0 && hi <= W, "{content:?} at {x} ({lo}–{hi}) in {svg}");
        }
    }
}

#[test]
fn chart_colours_are_classes_the_default_stylesheet_colours() {
    let css = include_str!("../../../themes/default/static/style.css");
    let mut svg =
        bullet("i1", Some((114.0, "R2".into())), Some((150.0, "R8".into())), Some((128.0, "R5".into())), &labels());
    let point = |year, kind| TrendPoint { year, year_label: format!("{year}"), value: (year - 2000) as f64, kind };
    svg += &trend(
        "t",
        "t",
        "d",
        &[point(2020, "baseline"), point(2022, "actual"), point(2023, "actual"), point(2026, "target")],
        "目標値",
        "件",
    );
    for colour in ["fill=\"#", "stroke=\"#", "=\"white\""] {
        assert!(!svg.contains(colour), "a colour is written into the chart: {colour}\n{svg}");
    }
    let classes: std::collections::BTreeSet<&str> = svg
        .split("class=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .flat_map(str::split_whitespace)
        .filter(|c| c.starts_with("chart-"))
        .filter(|c| !c.starts_with("chart-label-") && !matches!(*c, "chart-tick" | "chart-value" | "chart-year"))
        .collect();
    assert!(classes.len() >= 8, "{classes:?}");
    for class in classes {
        let rule = css.split(&format!("\n.{class} {{")).nth(1).and_then(|r| r.split('}').next());
        let rule = rule.unwrap_or_else(|| panic!("style.css has no rule for .{class}"));
        let property = rule.split("var(--").nth(1).and_then(|v| v.split(')').next());
        let property = property.unwrap_or_else(|| panic!(".{class} takes no colour from a custom property: {rule}"));
        assert!(rule.contains("fill: var(--") || rule.contains("stroke: var(--"), ".{class}: {rule}");
        assert!(css.contains(&format!("\n  --{property}: ")), "--{property} is not defined in :root");
    }
}
