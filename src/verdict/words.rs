//! The words of the verdict in each language: the names of the statuses and reasons, the
//! rule as the method page states it, an indicator's movement in words and figures, and a
//! worked example computed by the rule itself (so the page cannot disagree with the code).

use super::{Basis, Judgement, Points, Progress, Reason, Status, compare};
use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::indicator::{Direction, Value, format_rate};
use crate::model::{Indicator, IndicatorValue};

impl Status {
    /// The key in data files (`判定_英字`), CSS classes, filters and search documents.
    pub fn key(self) -> &'static str {
        match self {
            Status::Reached => "reached",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::Worse => "worse",
            Status::NotReported => "not-reported",
            Status::NotJudged => "not-judged",
        }
    }

    /// The status's name in a language: the same word on pages and in the data files.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Reached, Lang::Ja) => "目標達成",
            (Status::Reached, Lang::En) => "Target reached",
            (Status::OnTrack, Lang::Ja) => "順調",
            (Status::OnTrack, Lang::En) => "On track",
            (Status::Behind, Lang::Ja) => "遅れ",
            (Status::Behind, Lang::En) => "Behind",
            (Status::Worse, Lang::Ja) => "基準値より悪化",
            (Status::Worse, Lang::En) => "Worse than baseline",
            (Status::NotReported, Lang::Ja) => "未報告",
            (Status::NotReported, Lang::En) => "Not reported",
            (Status::NotJudged, Lang::Ja) => "判定できない",
            (Status::NotJudged, Lang::En) => "Cannot be judged",
        }
    }

    /// When an indicator has the status: the rule, as the method page states it.
    pub fn rule(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Reached, Lang::Ja) => "実績値が目標値に届いた（減少を目指す指標では目標値以下になった）。",
            (Status::Reached, Lang::En) => {
                "The actual is at or beyond the target (at or below it for an indicator that should decrease)."
            }
            (Status::OnTrack, Lang::Ja) => "進み具合 s が、その年度までの目安 e 以上。",
            (Status::OnTrack, Lang::En) => "The share achieved, s, is at least the share expected by that year, e.",
            (Status::Behind, Lang::Ja) => "進み具合 s が 0 以上で、目安 e に届かない。",
            (Status::Behind, Lang::En) => "s is 0 or more but below e.",
            (Status::Worse, Lang::Ja) => "s が 0 未満：基準値より目標から遠ざかった。",
            (Status::Worse, Lang::En) => "s is below 0: further from the target than the baseline.",
            (Status::NotReported, Lang::Ja) => "表示している年度の実績値がない。",
            (Status::NotReported, Lang::En) => "There is no actual value for the year shown.",
            (Status::NotJudged, Lang::Ja) => {
                "比べるものがない（目標値がない、基準値が数値でない、文字の値で段階も達成の有無も記録にない など）。理由を添えて示します。"
            }
            (Status::NotJudged, Lang::En) => {
                "There is nothing to compare with (no target, a baseline that is not a number, text values with neither levels nor met in the record …); the reason is shown."
            }
        }
    }
}

impl Reason {
    /// Why an indicator cannot be judged, in a language.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Reason::NoIndicators, Lang::Ja) => "指標がありません",
            (Reason::NoIndicators, Lang::En) => "the project has no indicators",
            (Reason::NoTarget, Lang::Ja) => "目標値がありません",
            (Reason::NoTarget, Lang::En) => "there is no target",
            (Reason::NoBaseline, Lang::Ja) => "基準値がありません",
            (Reason::NoBaseline, Lang::En) => "there is no baseline",
            (Reason::BaselineNotNumber, Lang::Ja) => "基準値が数値ではありません",
            (Reason::BaselineNotNumber, Lang::En) => "the baseline is not a number",
            (Reason::TextWithoutLevels, Lang::Ja) => "文字の値で、段階の順序（levels）が記録にありません",
            (Reason::TextWithoutLevels, Lang::En) => "the values are texts and the record gives no levels",
            (Reason::Unlike, Lang::Ja) => "実績値と目標値の一方が数値、他方が文字です",
            (Reason::Unlike, Lang::En) => "one of the actual and the target is a number, the other a text",
            (Reason::FlatWithoutDirection, Lang::Ja) => "目標値が基準値と同じで、目指す方向が記録にありません",
            (Reason::FlatWithoutDirection, Lang::En) => {
                "the target equals the baseline and the record gives no direction"
            }
        }
    }
}

/// How a status judged from indicators is always labelled.
pub fn computed_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "指標からの判定",
        Lang::En => "Judged from indicators",
    }
}

/// What the method page says, once, when the plan grades its projects but the report does
/// not define the grades.
pub fn grades_undefined_note(labels: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "報告書には評価（{labels}）の定義が記載されていません。このサイトでも定義を補っていません。評価は市が付けたものをそのまま示しています。"
        ),
        Lang::En => format!(
            "The report does not define its grades ({labels}), and this site does not supply definitions of its own. The grades are shown as the city gave them."
        ),
    }
}

/// A value with its unit as residents read it (`93%`, `128件`, `128 cases`, a text as
/// written), with the language it is written in: a text the record
/// gives only in Japanese stays Japanese on an English page, and the page marks it so.
fn shown(v: &IndicatorValue, ind: &Indicator, lang: Lang) -> (String, Lang) {
    match v.value() {
        Value::Number(n) => {
            let unit = ind.unit.as_ref().map(|u| u.get(lang).value).unwrap_or("");
            let space = lang == Lang::En && !unit.is_empty() && unit != "%";
            (format!("{}{}{unit}", n.page(), if space { " " } else { "" }), lang)
        }
        Value::Text(t) => {
            let l = t.get(lang);
            (l.value.to_owned(), l.lang)
        }
    }
}

fn year(y: FiscalYear, lang: Lang) -> String {
    y.short(lang)
}

/// An indicator's movement in words and figures, `基準値 93%（H27） → 実績値 88.4%（R4）／目標値
/// 95%（R4）`, never a percentage of progress (see [`progress_text`]); in pieces, each with
/// the language it is written in (the page's, except a text value without a translation),
/// so that a page can mark what is not in its language.
pub fn movement_pieces(j: &Judgement, ind: &Indicator, lang: Lang) -> Vec<(String, Lang)> {
    fn push(pieces: &mut Vec<(String, Lang)>, text: &str, lang: Lang) {
        match pieces.last_mut() {
            Some((last, l)) if *l == lang => last.push_str(text),
            _ => pieces.push((text.to_owned(), lang)),
        }
    }
    let (baseline, actual, target) = match lang {
        Lang::Ja => ("基準値", "実績値", "目標値"),
        Lang::En => ("baseline", "actual", "target"),
    };
    let parts = [(baseline, j.baseline), (actual, j.actual), (target, j.target)];
    let mut pieces = Vec::new();
    for (word, v) in parts.into_iter().filter_map(|(w, v)| v.map(|v| (w, v))) {
        let sep = match (lang, pieces.is_empty(), word == target) {
            (_, true, _) => "",
            (Lang::Ja, false, true) => "／",
            (Lang::En, false, true) => "; ",
            (_, false, false) => " → ",
        };
        let word = if pieces.is_empty() { upper_first(word.to_owned(), lang) } else { word.to_owned() };
        push(&mut pieces, &format!("{sep}{word} "), lang);
        let (value, value_lang) = shown(v, ind, lang);
        push(&mut pieces, &value, value_lang);
        let year = match lang {
            Lang::Ja => format!("（{}）", year(v.year, lang)),
            Lang::En => format!(" ({})", year(v.year, lang)),
        };
        push(&mut pieces, &year, lang);
    }
    if j.basis == Basis::Met {
        let said = match (lang, j.status) {
            (Lang::Ja, Status::Reached) => "（報告では目標を達成）",
            (Lang::Ja, _) => "（報告では目標に届いていない）",
            (Lang::En, Status::Reached) => " (met, as the report states)",
            (Lang::En, _) => " (not met, as the report states)",
        };
        push(&mut pieces, said, lang);
    }
    pieces
}

fn upper_first(text: String, lang: Lang) -> String {
    if lang == Lang::Ja {
        return text;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// How far the indicator has come, for the statuses where a share says something (on
/// track, behind): the share is shown only between 0 and 100 %.
pub fn progress_text(j: &Judgement, lang: Lang) -> Option<String> {
    let p = j.progress?;
    if !matches!(j.status, Status::OnTrack | Status::Behind) {
        return None;
    }
    let achieved = format_rate(p.achieved.clamp(0.0, 1.0) * 100.0, lang);
    let expected = format_rate(p.expected * 100.0, lang);
    Some(match lang {
        Lang::Ja => format!("目標までの進み具合 {achieved}（この年度までの目安 {expected}）"),
        Lang::En => format!("{achieved} of the way to the target ({expected} expected by this year)"),
    })
}

/// The worked example of the method page, computed by the rule: baseline 114 in FY2020,
/// target 150 in FY2026, actual 128 in FY2023.
pub fn worked_example(lang: Lang) -> String {
    let fy = FiscalYear::from_gregorian;
    let (Ok(y0), Ok(yt), Ok(y)) = (fy(2020), fy(2026), fy(2023)) else {
        return String::new();
    };
    let points = Points { baseline: Some((114.0, y0)), target: (150.0, yt), actual: (128.0, y) };
    let Ok((status, Some(Progress { achieved, expected }))) = compare(points, Some(Direction::Increase)) else {
        return String::new();
    };
    let (s, e) = (format_rate(achieved * 100.0, lang), format_rate(expected * 100.0, lang));
    let word = status.label(lang);
    match lang {
        Lang::Ja => format!(
            "例：基準値 114件（{b}）、目標値 150件（{t}）、{a}の実績値 128件。進み具合 s =（128 − 114）÷（150 − 114）= {s}、目安 e =（2023 − 2020）÷（2026 − 2020）= {e}。s が 0 以上で e に届かないので「{word}」です。実績値が 132件以上なら s ≥ e で「{on_track}」、114件未満なら「{worse}」、150件以上なら「{reached}」になります。",
            b = y0.era_ja(),
            t = yt.era_ja(),
            a = y.era_ja(),
            on_track = Status::OnTrack.label(lang),
            worse = Status::Worse.label(lang),
            reached = Status::Reached.label(lang),
        ),
        Lang::En => format!(
            "Example: baseline 114 cases (FY2020), target 150 (FY2026), actual 128 in FY2023. Share achieved s = (128 − 114) ÷ (150 − 114) = {s}; share expected e = (2023 − 2020) ÷ (2026 − 2020) = {e}. s is 0 or more but below e, so the status is “{word}”. With 132 or more it would be “{on_track}” (s ≥ e), below 114 “{worse}”, and 150 or more “{reached}”.",
            on_track = Status::OnTrack.label(lang),
            worse = Status::Worse.label(lang),
            reached = Status::Reached.label(lang),
        ),
    }
}
