use super::*;
use crate::i18n::Lang;
use crate::model::{Project, Vocabulary};

/// The movement as plain text, its pieces joined.
fn movement(j: &Judgement, ind: &Indicator, lang: Lang) -> String {
    movement_pieces(j, ind, lang).into_iter().map(|(text, _)| text).collect()
}

fn indicator(toml_text: &str) -> Indicator {
    let text = format!("id = \"x\"\nname = \"指標\"\n{toml_text}");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn fy(year: i64) -> FiscalYear {
    FiscalYear::from_gregorian(year).expect("a fiscal year")
}

/// The cases of the rule, each an indicator, the year judged, the status and the reason.
#[test]
fn indicator_status_follows_the_published_rule() {
    use Status::*;
    let cases: &[(&str, &str, i64, Status, Option<Reason>)] = &[
        (
            "Nasushiobara 3-1-4: 93 → 88.4 against 95 is worse than the baseline, not −230 %",
            r#"unit = "%"
               direction = "increase"
               baseline = { year = "H27", value = 93 }
               target = { year = "R4", value = 95 }
               actuals = [{ year = "R4", value = 88.4 }]"#,
            2022,
            Worse,
            None,
        ),
        (
            "Nasushiobara (1)-2: 4 → 2 districts, target 2, decreasing: reached",
            r#"direction = "decrease"
               baseline = { year = "H27", value = 4 }
               target = { year = "R4", value = 2 }
               actuals = [{ year = "R4", value = 2 }]"#,
            2022,
            Reached,
            None,
        ),
        (
            "Nasushiobara (2)-3: 0 → 57 against 50: reached, never 114 %",
            r#"baseline = { year = "H27", value = 0 }
               target = { year = "R4", value = 50 }
               actuals = [{ year = "R4", value = 57 }]"#,
            2022,
            Reached,
            None,
        ),
        (
            "Tomisato 1-1-1: 114 → 128 in FY2023 of a plan to 150 in FY2026: 38.9 % where 50 % is due",
            r#"baseline = { year = "R2", value = 114 }
               target = { year = "R8", value = 150 }
               actuals = [{ year = "R5", value = 128 }]"#,
            2023,
            Behind,
            None,
        ),
        (
            "the same indicator with 132 is on track (s = e)",
            r#"baseline = { year = "R2", value = 114 }
               target = { year = "R8", value = 150 }
               actuals = [{ year = "R5", value = 132 }]"#,
            2023,
            OnTrack,
            None,
        ),
        (
            "no progress at all in the first year of the plan is on track (e = 0)",
            r#"baseline = { year = "R4", value = 10 }
               target = { year = "R8", value = 20 }
               actuals = [{ year = "R4", value = 10 }]"#,
            2022,
            OnTrack,
            None,
        ),
        (
            "a decrease that went up is worse",
            r#"direction = "decrease"
               baseline = { year = "R2", value = 30 }
               target = { year = "R8", value = 10 }
               actuals = [{ year = "R5", value = 31 }]"#,
            2023,
            Worse,
            None,
        ),
        (
            "an actual of another year is not this year's: not reported",
            r#"baseline = { year = "R2", value = 114 }
               target = { year = "R8", value = 150 }
               actuals = [{ year = "R4", value = 120 }]"#,
            2023,
            NotReported,
            None,
        ),
        (
            "texts judged by their levels: 実施 → 充実 against 充実 is reached",
            r#"levels = ["未実施", "実施", "充実"]
               baseline = { year = "H27", text = "実施" }
               target = { year = "R4", text = "充実" }
               actuals = [{ year = "R4", text = "充実" }]"#,
            2022,
            Reached,
            None,
        ),
        (
            "levels: 未実施 → 一部実施 against 実施 in the target year is behind",
            r#"levels = ["未実施", "一部実施", "実施"]
               baseline = { year = "H27", text = "未実施" }
               target = { year = "R4", text = "実施" }
               actuals = [{ year = "R4", text = "一部実施" }]"#,
            2022,
            Behind,
            None,
        ),
        (
            "texts without levels cannot be judged",
            r#"baseline = { year = "H27", text = "実施" }
               target = { year = "R4", text = "充実" }
               actuals = [{ year = "R4", text = "充実" }]"#,
            2022,
            NotJudged,
            Some(Reason::TextWithoutLevels),
        ),
        (
            "an explicit met = true is reached",
            r#"baseline = { year = "H27", text = "実施" }
               target = { year = "R4", text = "充実" }
               actuals = [{ year = "R4", text = "充実", met = true }]"#,
            2022,
            Reached,
            None,
        ),
        (
            "an explicit met = false is behind",
            r#"target = { year = "R4", text = "充実" }
               actuals = [{ year = "R4", text = "実施", met = false }]"#,
            2022,
            Behind,
            None,
        ),
        (
            "a baseline 未実施 against a numeric target cannot be judged",
            r#"baseline = { year = "R2", text = "未実施" }
               target = { year = "R8", value = 75 }
               actuals = [{ year = "R5", value = 34 }]"#,
            2023,
            NotJudged,
            Some(Reason::BaselineNotNumber),
        ),
        (
            "no target",
            r#"baseline = { year = "R2", value = 1 }
               actuals = [{ year = "R5", value = 3 }]"#,
            2023,
            NotJudged,
            Some(Reason::NoTarget),
        ),
        (
            "no baseline and below the target",
            r#"direction = "increase"
               target = { year = "R8", value = 10 }
               actuals = [{ year = "R5", value = 3 }]"#,
            2023,
            NotJudged,
            Some(Reason::NoBaseline),
        ),
        (
            "no baseline but the target is reached",
            r#"direction = "increase"
               target = { year = "R8", value = 10 }
               actuals = [{ year = "R5", value = 12 }]"#,
            2023,
            Reached,
            None,
        ),
        (
            "keeping a level without a direction cannot be judged",
            r#"baseline = { year = "R2", value = 5 }
               target = { year = "R8", value = 5 }
               actuals = [{ year = "R5", value = 4 }]"#,
            2023,
            NotJudged,
            Some(Reason::FlatWithoutDirection),
        ),
        (
            "keeping a level with a direction, and falling below it, is worse",
            r#"direction = "increase"
               baseline = { year = "R2", value = 5 }
               target = { year = "R8", value = 5 }
               actuals = [{ year = "R5", value = 4 }]"#,
            2023,
            Worse,
            None,
        ),
        (
            "an actual text against a numeric target cannot be judged",
            r#"baseline = { year = "R2", value = 1 }
               target = { year = "R8", value = 5 }
               actuals = [{ year = "R5", text = "実施" }]"#,
            2023,
            NotJudged,
            Some(Reason::Unlike),
        ),
    ];
    for (what, record, year, status, reason) in cases {
        let ind = indicator(record);
        let j = judge(&ind, fy(*year));
        assert_eq!((j.status, j.reason), (*status, *reason), "{what}");
    }
}

#[test]
fn progress_is_shown_only_between_zero_and_one_hundred_percent() {
    let behind = indicator(
        r#"unit = "件"
           baseline = { year = "R2", value = 114 }
           target = { year = "R8", value = 150 }
           actuals = [{ year = "R5", value = 128 }]"#,
    );
    let j = judge(&behind, fy(2023));
    assert_eq!(progress_text(&j, Lang::Ja).as_deref(), Some("目標までの進み具合 38.9%（この年度までの目安 50.0%）"));
    assert_eq!(movement(&j, &behind, Lang::Ja), "基準値 114件（R2） → 実績値 128件（R5）／目標値 150件（R8）");
    let worse = indicator(
        r#"unit = { ja = "%", en = "%" }
           baseline = { year = "H27", value = 93 }
           target = { year = "R4", value = 95 }
           actuals = [{ year = "R4", value = 88.4 }]"#,
    );
    let j = judge(&worse, fy(2022));
    assert_eq!(progress_text(&j, Lang::En), None, "no share for an indicator worse than its baseline");
    assert_eq!(movement(&j, &worse, Lang::En), "Baseline 93% (FY2015) → actual 88.4% (FY2022); target 95% (FY2022)");
    let beyond = indicator(
        r#"baseline = { year = "H27", value = 0 }
           target = { year = "R4", value = 50 }
           actuals = [{ year = "R4", value = 57 }]"#,
    );
    assert_eq!(progress_text(&judge(&beyond, fy(2022)), Lang::Ja), None, "no share over 100 %");
}

#[test]
fn the_worked_example_is_what_the_rule_computes() {
    let example = |actual: f64| {
        let points =
            Points { baseline: Some((114.0, fy(2020))), target: (150.0, fy(2026)), actual: (actual, fy(2023)) };
        compare(points, None).map(|(s, _)| s)
    };
    // The example's text names these thresholds.
    assert_eq!(example(128.0), Ok(Status::Behind));
    assert_eq!(example(131.0), Ok(Status::Behind));
    assert_eq!(example(132.0), Ok(Status::OnTrack));
    assert_eq!(example(113.0), Ok(Status::Worse));
    assert_eq!(example(150.0), Ok(Status::Reached));
    let ja = worked_example(Lang::Ja);
    assert!(ja.contains("= 38.9%") && ja.contains("= 50.0%") && ja.contains("「遅れ」"), "{ja}");
    let en = worked_example(Lang::En);
    assert!(en.contains("= 38.9%") && en.contains("“Behind”"), "{en}");
}

fn vocabulary(toml_text: &str) -> Vocabulary {
    toml::from_str(toml_text).expect("a vocabulary")
}

fn project(toml_text: &str) -> Project {
    let text = format!("id = \"p\"\npolicy = \"x\"\ntitle = \"事業\"\ndepartment = \"d\"\n{toml_text}");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn the_city_grade_is_the_verdict_where_the_plan_grades() {
    let graded = vocabulary("[[grades]]\nid = \"c\"\nlabel = \"C\"\n[[grades]]\nid = \"d\"\nlabel = \"D\"\n");
    // Nasushiobara (1)-2: graded D although its indicator reached its target.
    let p = project(
        r#"[[indicators]]
           id = "districts"
           name = "未設置地区"
           direction = "decrease"
           baseline = { year = "H27", value = 4 }
           target = { year = "R4", value = 2 }
           actuals = [{ year = "R4", value = 2 }]
           [[reports]]
           year = "R4"
           grade = "d""#,
    );
    let (verdict, judgements) = project_verdict(&graded, &p, fy(2022));
    assert!(matches!(verdict, Verdict::Grade(g) if g.label == "D"), "{verdict:?}");
    assert_eq!(verdict.key(), "grade-d");
    assert_eq!(judgements[0].status, Status::Reached, "the indicator's movement is still shown");
    // Without a grade that year, the indicators judge, labelled as such.
    let (verdict, _) = project_verdict(&graded, &p, fy(2023));
    assert!(matches!(verdict, Verdict::Indicators(ProjectStatus { status: Status::NotReported, .. })));
    assert_eq!(verdict.rank(&graded), 2 + 4);
}

#[test]
fn a_project_status_is_its_worst_indicator_and_missing_figures_count() {
    use Status::*;
    let of = |statuses: &[Status]| {
        let judgements: Vec<Judgement> = statuses
            .iter()
            .map(|&status| Judgement {
                status,
                reason: (status == NotJudged).then_some(Reason::NoTarget),
                basis: Basis::None,
                baseline: None,
                target: None,
                actual: None,
                progress: None,
            })
            .collect();
        ProjectStatus::of(&judgements)
    };
    assert_eq!(of(&[Reached, OnTrack]).status, OnTrack);
    assert_eq!(of(&[Reached, Behind, OnTrack]).status, Behind);
    assert_eq!(of(&[Reached, Worse, Behind]).status, Worse);
    assert_eq!(of(&[OnTrack, NotReported]).status, NotReported);
    assert_eq!(of(&[Behind, NotReported]).status, Behind);
    assert_eq!(
        of(&[NotJudged, Reached]).status,
        Reached,
        "an indicator that cannot be judged does not hide one that can"
    );
    assert_eq!(of(&[NotJudged]), ProjectStatus { status: NotJudged, reason: Some(Reason::NoTarget) });
    assert_eq!(of(&[]), ProjectStatus { status: NotJudged, reason: Some(Reason::NoIndicators) });
}

#[test]
fn every_status_and_reason_has_words_in_both_languages() {
    for s in Status::ALL {
        for lang in [Lang::Ja, Lang::En] {
            assert!(!s.label(lang).is_empty() && !s.rule(lang).is_empty(), "{s:?}");
        }
        assert!(!s.label(Lang::Ja).is_ascii() && s.label(Lang::En).is_ascii(), "{s:?}");
    }
}
