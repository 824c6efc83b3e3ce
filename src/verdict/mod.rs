//! The verdict: whether a project did what it promised, defined once for every page, list,
//! search document and data file, and for the method page that publishes the rule.
//!
//! Two readings exist, and they are never confused:
//!
//! - the city's **grade** (事業の評価), where the plan grades its projects: the official
//!   verdict of the year shown ([`project::Verdict::Grade`]);
//! - kyodo's **indicator status**, computed from each indicator's baseline, target and
//!   actual value, always labelled as judged from indicators. Where a grade exists it is
//!   shown per indicator as the indicator's movement, never as the project's verdict.
//!
//! The rule, with baseline b (fiscal year y0), target t (year yT) and the actual a of the
//! year shown (year y):
//!
//! ```text
//! achieved share  s = (a − b) / (t − b)
//! expected share  e = (y − y0) / (yT − y0), clamped to [0, 1] (1 when yT ≤ y0)
//! reached         a at or beyond t in the indicator's direction
//! on track        s ≥ e
//! behind          0 ≤ s < e
//! worse           s < 0: further from the target than the baseline
//! not reported    no actual value for the year shown
//! cannot judge    nothing to compare (no target, no baseline, texts without levels …)
//! ```
//!
//! Texts are judged by their place in the indicator's `levels` (未実施 < 実施 < 充実) as
//! numbers are, or by an actual's explicit `met`. Residents see the words and the figures,
//! and a share only between 0 and 100 %; the raw achievement rate stays in the data files.

mod project;
mod words;

pub use project::{ProjectStatus, Verdict, project_verdict, shown_year};
pub use words::{computed_label, grades_undefined_note, movement_pieces, progress_text, worked_example};

use crate::fiscal_year::FiscalYear;
use crate::indicator::{Direction, Value};
use crate::model::{Indicator, IndicatorValue};

/// The status of an indicator in a fiscal year, from best to least known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The actual is at or beyond the target.
    Reached,
    /// At least as far from the baseline towards the target as the plan year expects.
    OnTrack,
    /// Towards the target, but less far than the plan year expects.
    Behind,
    /// Further from the target than the baseline (基準値より悪化).
    Worse,
    /// No actual value for the year shown.
    NotReported,
    /// Nothing to compare the actual with; see [`Reason`].
    NotJudged,
}

impl Status {
    /// Every status, in the order of the method page and the filters.
    pub const ALL: [Status; 6] =
        [Status::Reached, Status::OnTrack, Status::Behind, Status::Worse, Status::NotReported, Status::NotJudged];

    /// How bad a status is when a project's indicators are summed up in one: the worst
    /// judged status wins, and an unreported indicator keeps a project from looking on track.
    fn severity(self) -> u8 {
        match self {
            Status::NotJudged => 0,
            Status::Reached => 1,
            Status::OnTrack => 2,
            Status::NotReported => 3,
            Status::Behind => 4,
            Status::Worse => 5,
        }
    }
}

/// Why an indicator cannot be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The project has no indicators (a project-level reason).
    NoIndicators,
    /// The indicator has no target.
    NoTarget,
    /// The target is a number but there is no baseline to measure progress from.
    NoBaseline,
    /// The target is a number but the baseline is a text (e.g. 未実施).
    BaselineNotNumber,
    /// The values are texts, and the record gives neither `levels` nor `met`.
    TextWithoutLevels,
    /// The actual is a text where the target is a number, or the other way round.
    Unlike,
    /// The target equals the baseline and the record gives no direction.
    FlatWithoutDirection,
}

/// How a status was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Numbers,
    Levels,
    /// The actual's `met` says so.
    Met,
    None,
}

/// How far an indicator has come: both shares between baseline (0) and target (1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// s = (a − b) / (t − b); may be below 0 or above 1.
    pub achieved: f64,
    /// e: the share the plan year expects, in [0, 1].
    pub expected: f64,
}

/// The status of one indicator in one year, with what it was judged from.
#[derive(Debug, Clone, Copy)]
pub struct Judgement<'a> {
    pub status: Status,
    pub reason: Option<Reason>,
    pub basis: Basis,
    pub baseline: Option<&'a IndicatorValue>,
    pub target: Option<&'a IndicatorValue>,
    /// The actual of the year judged; none when not reported.
    pub actual: Option<&'a IndicatorValue>,
    pub progress: Option<Progress>,
}

/// The status of indicator `ind` in fiscal year `year`: by its actual of that year.
pub fn judge(ind: &Indicator, year: FiscalYear) -> Judgement<'_> {
    match ind.actuals.iter().map(|a| a.get_ref()).find(|a| a.year == year) {
        Some(actual) => judge_actual(ind, actual),
        None => Judgement {
            status: Status::NotReported,
            reason: None,
            basis: Basis::None,
            baseline: ind.baseline.as_ref().map(|b| b.get_ref()),
            target: ind.target.as_ref().map(|t| t.get_ref()),
            actual: None,
            progress: None,
        },
    }
}

/// The status of one actual value of `ind`, judged in its own year (for the data files,
/// which give a status on every actual row).
pub fn judge_actual<'a>(ind: &'a Indicator, actual: &'a IndicatorValue) -> Judgement<'a> {
    let baseline = ind.baseline.as_ref().map(|b| b.get_ref());
    let target = ind.target.as_ref().map(|t| t.get_ref());
    let judged = |status, reason, basis, progress| Judgement {
        status,
        reason,
        basis,
        baseline,
        target,
        actual: Some(actual),
        progress,
    };
    if let Some(met) = actual.met {
        return judged(if met { Status::Reached } else { Status::Behind }, None, Basis::Met, None);
    }
    let Some(t) = target else {
        return judged(Status::NotJudged, Some(Reason::NoTarget), Basis::None, None);
    };
    let (basis, points) = if ind.levels.is_empty() {
        (Basis::Numbers, numbers(baseline, t, actual))
    } else {
        (Basis::Levels, levels(ind, baseline, t, actual))
    };
    let points = match points {
        Ok(points) => points,
        Err(reason) => return judged(Status::NotJudged, Some(reason), Basis::None, None),
    };
    let direction = if ind.levels.is_empty() { ind.direction } else { Some(Direction::Increase) };
    match compare(points, direction) {
        Ok((status, progress)) => judged(status, None, basis, progress),
        Err(reason) => judged(Status::NotJudged, Some(reason), Basis::None, None),
    }
}

/// Baseline (if any), target and actual as positions on one scale, with their years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Points {
    pub baseline: Option<(f64, FiscalYear)>,
    pub target: (f64, FiscalYear),
    pub actual: (f64, FiscalYear),
}

fn numbers(baseline: Option<&IndicatorValue>, t: &IndicatorValue, a: &IndicatorValue) -> Result<Points, Reason> {
    let target = t.value().number().ok_or(Reason::TextWithoutLevels)?;
    let actual = a.value().number().ok_or(Reason::Unlike)?;
    let baseline = match baseline {
        Some(b) => Some((b.value().number().ok_or(Reason::BaselineNotNumber)?, b.year)),
        None => None,
    };
    Ok(Points { baseline, target: (target, t.year), actual: (actual, a.year) })
}

fn levels(
    ind: &Indicator,
    baseline: Option<&IndicatorValue>,
    t: &IndicatorValue,
    a: &IndicatorValue,
) -> Result<Points, Reason> {
    let rank = |v: &IndicatorValue| match v.value() {
        Value::Text(text) => level_of(ind, &text.ja).map(|i| i as f64).ok_or(Reason::TextWithoutLevels),
        Value::Number(_) => Err(Reason::Unlike),
    };
    let baseline = match baseline {
        Some(b) => Some((rank(b)?, b.year)),
        None => None,
    };
    Ok(Points { baseline, target: (rank(t)?, t.year), actual: (rank(a)?, a.year) })
}

/// The position of a text among an indicator's levels (by its Japanese).
pub fn level_of(ind: &Indicator, ja: &str) -> Option<usize> {
    ind.levels.iter().position(|l| l.get_ref().ja.trim() == ja.trim())
}

/// The status of an actual between a baseline and a target: the rule of this module.
/// `direction` is needed only where the target equals the baseline or there is no baseline.
pub fn compare(p: Points, direction: Option<Direction>) -> Result<(Status, Option<Progress>), Reason> {
    let (t, a) = (p.target.0, p.actual.0);
    let increase = match (p.baseline, direction) {
        (Some((b, _)), _) if t != b => t > b,
        (_, Some(d)) => d == Direction::Increase,
        (Some(_), None) => return Err(Reason::FlatWithoutDirection),
        (None, None) => return Err(Reason::NoBaseline),
    };
    let reached = if increase { a >= t } else { a <= t };
    let Some((b, y0)) = p.baseline else {
        return if reached { Ok((Status::Reached, None)) } else { Err(Reason::NoBaseline) };
    };
    if t == b {
        // Keeping a level: reached, or worse than the baseline it was to keep.
        return Ok((if reached { Status::Reached } else { Status::Worse }, None));
    }
    let progress = Progress { achieved: (a - b) / (t - b), expected: expected_share(y0, p.target.1, p.actual.1) };
    let status = if reached {
        Status::Reached
    } else if progress.achieved < 0.0 {
        Status::Worse
    } else if progress.achieved + 1e-9 >= progress.expected {
        Status::OnTrack
    } else {
        Status::Behind
    };
    Ok((status, Some(progress)))
}

/// e = (y − y0) / (yT − y0), clamped to [0, 1]: the share of the way from baseline to
/// target the plan expects by year y, if progress were even; 1 once the target year is due.
pub fn expected_share(y0: FiscalYear, y_target: FiscalYear, y: FiscalYear) -> f64 {
    let span = y_target.year() - y0.year();
    if span <= 0 {
        return 1.0;
    }
    ((y.year() - y0.year()) as f64 / span as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests;
