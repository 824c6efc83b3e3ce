//! `content/projects/ID.toml`: one project (事業) and its yearly reports.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::fiscal_year::FiscalYear;
use crate::indicator::{Direction, Number, Value, achievement_rate};
use crate::slug::Slug;
use crate::text::Text;

/// A project record.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The project id: lower-case letters, digits and -; equals the file name.
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// The plan code printed in the report, e.g. 1-(3)-③.
    #[serde(default)]
    pub code: Option<String>,
    /// The id of the policy (施策) in vocabulary.toml the project belongs to.
    #[schemars(extend("x-kyodo-vocabulary" = "policies"))]
    #[schemars(with = "Slug")]
    pub policy: Spanned<Slug>,
    /// 事業名: the project title.
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// 課等名: the id of the reporting department in vocabulary.toml.
    #[schemars(extend("x-kyodo-vocabulary" = "departments"))]
    #[schemars(with = "Slug")]
    pub department: Spanned<Slug>,
    /// 主たる部署: department ids; defaults to the reporting department.
    #[serde(default)]
    #[schemars(extend("x-kyodo-vocabulary" = "departments"))]
    #[schemars(with = "Vec<Slug>")]
    pub lead_departments: Vec<Spanned<Slug>>,
    /// A note on the lead department, e.g. 市民活動サポートセンター.
    #[serde(default)]
    pub lead_note: Option<Text>,
    /// 関係部署など: department ids.
    #[serde(default)]
    #[schemars(extend("x-kyodo-vocabulary" = "departments"))]
    #[schemars(with = "Vec<Slug>")]
    pub related_departments: Vec<Spanned<Slug>>,
    /// 現状・課題 (Markdown).
    #[schemars(extend("x-kyodo-markdown" = true))]
    #[serde(default)]
    pub issues: Option<Text>,
    /// 目指すべき方向性 (Markdown).
    #[schemars(extend("x-kyodo-markdown" = true))]
    #[serde(default)]
    pub direction: Option<Text>,
    /// 推進内容 (Markdown).
    #[schemars(extend("x-kyodo-markdown" = true))]
    #[serde(default)]
    pub plan_content: Option<Text>,
    /// 対象者.
    #[serde(default)]
    pub audience: Option<Text>,
    /// 実施主体.
    #[serde(default)]
    pub implementer: Option<Text>,
    /// 主な関連事業: ids of related projects.
    #[serde(default)]
    #[schemars(extend("x-kyodo-vocabulary" = "projects"))]
    #[schemars(with = "Vec<Slug>")]
    pub related: Vec<Spanned<Slug>>,
    /// 年次計画: one table per row of the yearly plan.
    #[serde(default)]
    pub schedule: Vec<ScheduleRow>,
    /// 成果を示す指標.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// 進捗状況: one report per fiscal year.
    #[serde(default)]
    pub reports: Vec<Report>,
    /// 訂正: changes to what a frozen edition published, each with its date and reason.
    #[serde(default)]
    pub corrections: Vec<crate::model::Correction>,
}

impl Project {
    /// The report of fiscal year `year`, if the project has one.
    pub fn report(&self, year: FiscalYear) -> Option<&Report> {
        self.reports.iter().find(|r| *r.year.get_ref() == year)
    }
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
            for (j, level) in ind.levels.iter().enumerate() {
                out.push((format!("indicators[{i}].levels[{j}]"), level.get_ref()));
            }
            if let Some(t) = &ind.unit {
                out.push((format!("indicators[{i}].unit"), t));
            }
            for (name, _, v) in ind.values_as_written() {
                let v = v.get_ref();
                for (field, t) in [("text", &v.text), ("label", &v.label), ("note", &v.note)] {
                    if let Some(t) = t {
                        out.push((format!("indicators[{i}].{name}.{field}"), t));
                    }
                }
            }
        }
        for (i, r) in self.reports.iter().enumerate() {
            for (field, t) in
                [("achievements", &r.achievements), ("effect", &r.effect), ("improvement", &r.improvement)]
            {
                if let Some(t) = t {
                    out.push((format!("reports[{i}].{field}"), t));
                }
            }
        }
        out
    }
}

/// One row of the yearly plan (年次計画).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRow {
    /// Names the row when a project has several (e.g. クラウドファンディング).
    #[serde(default)]
    pub label: Option<Text>,
    /// Fiscal year (as written: `R4`, `2022` …) → status id.
    #[schemars(extend("x-kyodo-vocabulary" = "statuses", "propertyNames" = {"$ref": "#/definitions/FiscalYear"}))]
    #[schemars(with = "BTreeMap<String, Slug>")]
    pub years: Spanned<BTreeMap<String, Spanned<Slug>>>,
    /// `years` with the fiscal years parsed; filled in by the loader.
    #[serde(skip)]
    pub by_year: BTreeMap<FiscalYear, Slug>,
}

/// An indicator (成果を示す指標).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator id, unique within the project (a slug).
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// The indicator's name.
    pub name: Text,
    /// The unit of numeric values, e.g. 件 or %.
    #[serde(default)]
    pub unit: Option<Text>,
    /// Which way is better: "increase" or "decrease".
    #[serde(default)]
    pub direction: Option<Direction>,
    /// 基準値: the starting value.
    #[serde(default)]
    #[schemars(with = "Option<IndicatorValue>")]
    pub baseline: Option<Spanned<IndicatorValue>>,
    /// 目標値: the value to reach.
    #[serde(default)]
    #[schemars(with = "Option<IndicatorValue>")]
    pub target: Option<Spanned<IndicatorValue>>,
    /// 実績値: one value per fiscal year.
    #[serde(default)]
    #[schemars(with = "Vec<IndicatorValue>")]
    pub actuals: Vec<Spanned<IndicatorValue>>,
    /// For an indicator whose values are texts: its levels in order, from the lowest to
    /// the highest, e.g. ["未実施", "実施", "充実"]; every text value must be one of them.
    /// Its status is then judged by level, as numbers are.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub levels: Vec<Spanned<Text>>,
}

/// Which of an indicator's values a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// 基準値: the starting point.
    Baseline,
    /// 目標値: the value to reach.
    Target,
    /// 実績値: a value reached in a fiscal year.
    Actual,
}

impl ValueKind {
    /// In the order of the printed report's columns.
    pub const ALL: [ValueKind; 3] = [ValueKind::Baseline, ValueKind::Target, ValueKind::Actual];

    /// The English code, in data files and as the key of UI strings (`kind_baseline`).
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Baseline => "baseline",
            ValueKind::Actual => "actual",
            ValueKind::Target => "target",
        }
    }

    /// The Japanese name, in data files.
    pub fn ja(self) -> &'static str {
        match self {
            ValueKind::Baseline => "基準値",
            ValueKind::Actual => "実績値",
            ValueKind::Target => "目標値",
        }
    }

    /// The key of a value in a record: `baseline`, `target`, or `actuals[i]`.
    fn key(self, i: usize) -> String {
        match self {
            ValueKind::Actual => format!("actuals[{i}]"),
            other => other.as_str().to_owned(),
        }
    }
}

impl Indicator {
    /// Every value in the order pages and data files show them: baseline, actuals by
    /// fiscal year, target; each with its kind.
    pub fn values_in_order(&self) -> Vec<(ValueKind, &IndicatorValue)> {
        let mut actuals: Vec<&IndicatorValue> = self.actuals.iter().map(|a| a.get_ref()).collect();
        actuals.sort_by_key(|a| a.year);
        self.baseline
            .iter()
            .map(|b| (ValueKind::Baseline, b.get_ref()))
            .chain(actuals.into_iter().map(|a| (ValueKind::Actual, a)))
            .chain(self.target.iter().map(|t| (ValueKind::Target, t.get_ref())))
            .collect()
    }

    /// Every value in the order of the record (baseline, target, actuals as written), with
    /// its key in the record (`baseline`, `target`, `actuals[0]` …) and kind.
    pub fn values_as_written(&self) -> Vec<(String, ValueKind, &Spanned<IndicatorValue>)> {
        let fixed = [(ValueKind::Baseline, &self.baseline), (ValueKind::Target, &self.target)];
        let fixed = fixed.into_iter().filter_map(|(k, v)| v.as_ref().map(|v| (k.key(0), k, v)));
        fixed
            .chain(self.actuals.iter().enumerate().map(|(j, v)| (ValueKind::Actual.key(j), ValueKind::Actual, v)))
            .collect()
    }

    /// Like [`Indicator::values_as_written`], to change the values.
    pub fn values_as_written_mut(&mut self) -> Vec<(String, &mut Spanned<IndicatorValue>)> {
        let fixed = [(ValueKind::Baseline, &mut self.baseline), (ValueKind::Target, &mut self.target)];
        let fixed = fixed.into_iter().filter_map(|(k, v)| v.as_mut().map(|v| (k.key(0), v)));
        fixed.chain(self.actuals.iter_mut().enumerate().map(|(j, v)| (ValueKind::Actual.key(j), v))).collect()
    }

    /// The achievement rate of an actual value in percent, rounded to one decimal as it
    /// is published; `None` for other kinds and where the rate is not defined.
    pub fn rate(&self, kind: ValueKind, v: &IndicatorValue) -> Option<f64> {
        if kind != ValueKind::Actual {
            return None;
        }
        let b = self.baseline.as_ref()?.get_ref().value().number()?;
        let t = self.target.as_ref()?.get_ref().value().number()?;
        let a = v.value().number()?;
        achievement_rate(b, t, a).map(|r| (r * 10.0).round() / 10.0)
    }
}

/// A baseline, target or actual value with its fiscal year.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    /// The fiscal year.
    pub year: FiscalYear,
    /// A number (no unit, no commas). Give either value or text.
    #[serde(default)]
    #[schemars(with = "Option<Number>")]
    pub value: Option<Spanned<Number>>,
    /// A value that is not a number, e.g. 充実. Give either value or text.
    #[serde(default)]
    pub text: Option<Text>,
    /// What the value is, e.g. 第1次計画実績.
    #[serde(default)]
    pub label: Option<Text>,
    /// A note, e.g. the date the value was taken.
    #[serde(default)]
    pub note: Option<Text>,
    /// The fiscal year of the report that stated the value, where the usual rule
    /// (docs/records.md, "Which report stated a value") does not give it.
    #[serde(default)]
    #[schemars(extend("x-kyodo-years" = "reported"))]
    pub reported_in: Option<FiscalYear>,
    /// On an actual value that neither numbers nor `levels` can judge: whether it met the
    /// target (`true`) or not (`false`), as the report states.
    #[serde(default)]
    pub met: Option<bool>,
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The fiscal year.
    #[schemars(with = "FiscalYear")]
    pub year: Spanned<FiscalYear>,
    /// 事業の評価: a grade id from vocabulary.toml.
    #[serde(default)]
    #[schemars(extend("x-kyodo-vocabulary" = "grades"))]
    #[schemars(with = "Option<Slug>")]
    pub grade: Option<Spanned<Slug>>,
    /// 協働の相手: partner ids from vocabulary.toml.
    #[serde(default)]
    #[schemars(extend("x-kyodo-vocabulary" = "partners"))]
    #[schemars(with = "Vec<Slug>")]
    pub partners: Vec<Spanned<Slug>>,
    /// 取組実績 / 取組内容 (Markdown).
    #[schemars(extend("x-kyodo-markdown" = true))]
    #[serde(default)]
    pub achievements: Option<Text>,
    /// 効果又は理由 (Markdown).
    #[schemars(extend("x-kyodo-markdown" = true))]
    #[serde(default)]
    pub effect: Option<Text>,
    /// 改善策 (Markdown).
    #[schemars(extend("x-kyodo-markdown" = true))]
    #[serde(default)]
    pub improvement: Option<Text>,
}

/// The long texts of a record: the Markdown and free-text fields of the project and its
/// reports. Only the project's own pages and data use them, so a very large site keeps
/// records without them in memory and reads them again from the file when needed
/// (the loader's outline retention).
#[derive(Debug, Clone, Default)]
pub struct LongTexts {
    lead_note: Option<Text>,
    issues: Option<Text>,
    direction: Option<Text>,
    plan_content: Option<Text>,
    audience: Option<Text>,
    implementer: Option<Text>,
    /// Achievements, effect and improvement of each report, in file order.
    reports: Vec<[Option<Text>; 3]>,
}

impl Project {
    /// Moves the long texts out of the record, leaving `None` in their place.
    pub fn take_long_texts(&mut self) -> LongTexts {
        LongTexts {
            lead_note: self.lead_note.take(),
            issues: self.issues.take(),
            direction: self.direction.take(),
            plan_content: self.plan_content.take(),
            audience: self.audience.take(),
            implementer: self.implementer.take(),
            reports: self
                .reports
                .iter_mut()
                .map(|r| [r.achievements.take(), r.effect.take(), r.improvement.take()])
                .collect(),
        }
    }

    /// Puts back long texts taken from a record of the same file.
    pub fn restore_long_texts(&mut self, texts: LongTexts) {
        self.lead_note = texts.lead_note;
        self.issues = texts.issues;
        self.direction = texts.direction;
        self.plan_content = texts.plan_content;
        self.audience = texts.audience;
        self.implementer = texts.implementer;
        for (r, [achievements, effect, improvement]) in self.reports.iter_mut().zip(texts.reports) {
            r.achievements = achievements;
            r.effect = effect;
            r.improvement = improvement;
        }
    }
}
