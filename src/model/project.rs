//! `content/projects/ID.toml`: one project (事業) and its yearly reports.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::fiscal_year::FiscalYear;
use crate::indicator::{achievement_rate, Direction, Number, Value};
use crate::slug::Slug;
use crate::text::Text;

/// A project record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: Spanned<Slug>,
    #[serde(default)]
    pub code: Option<String>,
    pub policy: Spanned<Slug>,
    pub title: Spanned<Text>,
    pub department: Spanned<Slug>,
    #[serde(default)]
    pub lead_departments: Vec<Spanned<Slug>>,
    #[serde(default)]
    pub lead_note: Option<Text>,
    #[serde(default)]
    pub related_departments: Vec<Spanned<Slug>>,
    #[serde(default)]
    pub issues: Option<Text>,
    #[serde(default)]
    pub direction: Option<Text>,
    #[serde(default)]
    pub plan_content: Option<Text>,
    #[serde(default)]
    pub audience: Option<Text>,
    #[serde(default)]
    pub implementer: Option<Text>,
    #[serde(default)]
    pub related: Vec<Spanned<Slug>>,
    #[serde(default)]
    pub schedule: Vec<ScheduleRow>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub reports: Vec<Report>,
}

impl Project {
    /// Every text of the record with its TOML key, in file order: for translation
    /// coverage and for checks that apply to all texts.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = vec![("title".into(), self.title.get_ref())];
        for (key, t) in [
            ("lead_note", &self.lead_note),
            ("issues", &self.issues),
            ("direction", &self.direction),
            ("plan_content", &self.plan_content),
            ("audience", &self.audience),
            ("implementer", &self.implementer),
        ] {
            if let Some(t) = t {
                out.push((key.to_owned(), t));
            }
        }
        for (i, row) in self.schedule.iter().enumerate() {
            if let Some(t) = &row.label {
                out.push((format!("schedule[{i}].label"), t));
            }
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            out.push((format!("indicators[{i}].name"), &ind.name));
            if let Some(t) = &ind.unit {
                out.push((format!("indicators[{i}].unit"), t));
            }
            let values = ind.baseline.iter().map(|v| ("baseline".to_owned(), v))
                .chain(ind.target.iter().map(|v| ("target".to_owned(), v)))
                .chain(ind.actuals.iter().enumerate().map(|(j, v)| (format!("actuals[{j}]"), v)));
            for (name, v) in values {
                let v = v.get_ref();
                for (field, t) in [("text", &v.text), ("label", &v.label), ("note", &v.note)] {
                    if let Some(t) = t {
                        out.push((format!("indicators[{i}].{name}.{field}"), t));
                    }
                }
            }
        }
        for (i, r) in self.reports.iter().enumerate() {
            for (field, t) in [("achievements", &r.achievements), ("effect", &r.effect), ("improvement", &r.improvement)] {
                if let Some(t) = t {
                    out.push((format!("reports[{i}].{field}"), t));
                }
            }
        }
        out
    }
}

/// One row of the yearly plan (年次計画).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRow {
    #[serde(default)]
    pub label: Option<Text>,
    /// Fiscal year (as written: `R4`, `2022` …) → status id.
    pub years: Spanned<BTreeMap<String, Spanned<Slug>>>,
    /// `years` with the fiscal years parsed; filled in by the loader.
    #[serde(skip)]
    pub by_year: BTreeMap<FiscalYear, Slug>,
}

/// An indicator (成果を示す指標).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Spanned<Slug>,
    pub name: Text,
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub baseline: Option<Spanned<IndicatorValue>>,
    #[serde(default)]
    pub target: Option<Spanned<IndicatorValue>>,
    #[serde(default)]
    pub actuals: Vec<Spanned<IndicatorValue>>,
}

impl Indicator {
    /// Every value in the order pages and data files show them: baseline, actuals by
    /// fiscal year, target; each with its kind ("baseline", "actual", "target").
    pub fn values_in_order(&self) -> Vec<(&'static str, &IndicatorValue)> {
        let mut actuals: Vec<&IndicatorValue> = self.actuals.iter().map(|a| a.get_ref()).collect();
        actuals.sort_by_key(|a| a.year);
        self.baseline
            .iter()
            .map(|b| ("baseline", b.get_ref()))
            .chain(actuals.into_iter().map(|a| ("actual", a)))
            .chain(self.target.iter().map(|t| ("target", t.get_ref())))
            .collect()
    }

    /// The achievement rate of an actual value in percent, rounded to one decimal as it
    /// is published; `None` for other kinds and where the rate is not defined.
    pub fn rate(&self, kind: &str, v: &IndicatorValue) -> Option<f64> {
        if kind != "actual" {
            return None;
        }
        let b = self.baseline.as_ref()?.get_ref().value().number()?;
        let t = self.target.as_ref()?.get_ref().value().number()?;
        let a = v.value().number()?;
        achievement_rate(b, t, a).map(|r| (r * 10.0).round() / 10.0)
    }
}

/// A baseline, target or actual value with its fiscal year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub year: FiscalYear,
    #[serde(default)]
    pub value: Option<Spanned<Number>>,
    #[serde(default)]
    pub text: Option<Text>,
    #[serde(default)]
    pub label: Option<Text>,
    #[serde(default)]
    pub note: Option<Text>,
}

impl IndicatorValue {
    /// The value, once the loader has checked that exactly one of `value`/`text` is set.
    pub fn value(&self) -> Value {
        match (&self.value, &self.text) {
            (Some(n), _) => Value::Number(*n.get_ref()),
            (None, Some(t)) => Value::Text(t.clone()),
            (None, None) => Value::Text(Text::default()),
        }
    }
}

/// The report of one fiscal year (進捗状況 / 実施状況).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub year: Spanned<FiscalYear>,
    #[serde(default)]
    pub grade: Option<Spanned<Slug>>,
    #[serde(default)]
    pub partners: Vec<Spanned<Slug>>,
    #[serde(default)]
    pub achievements: Option<Text>,
    #[serde(default)]
    pub effect: Option<Text>,
    #[serde(default)]
    pub improvement: Option<Text>,
}
