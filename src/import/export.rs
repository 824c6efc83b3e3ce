//! Export: every record as one wide table, the printed report's columns first (see
//! [`super::columns`]), in .xlsx or .csv, so that `kyodo import` of the file gives back the
//! same records.
//!
//! A project takes one row per indicator and per yearly-plan row (the more of the two);
//! the rows after its first repeat only its ID. Columns for a fiscal year, and for labels,
//! notes, English and `met` of values, are written only when some record has something for
//! them.

use crate::msg;
use crate::msg::Msg;
use std::collections::BTreeSet;
use std::path::Path;

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::load::Site;
use crate::model::{Indicator, IndicatorValue, Project, Report};
use crate::text::Text;

use super::columns::{Column, Field, Kind, LAYOUT};
use super::names::{Names, list_cell};
use super::read::LIMITS;
use super::values::{Val, explicit_cell, printed_cell, read_printed, text_cell};
use super::writer::{Sink, TableWriter};

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub projects: usize,
    /// Rows below the header.
    pub rows: usize,
}

/// Writes every record of `site` (which must hold whole records) to `path` (.xlsx or
/// .csv), the report columns for `year`. The file is written whole or not at all.
pub fn export(site: &Site, year: FiscalYear, path: &Path) -> Result<Exported, Msg> {
    let mut writer = TableWriter::create(path)?;
    let exported = export_to(site, year, &mut writer)?;
    writer.finish()?;
    Ok(exported)
}

/// Writes the table to `sink`: the header, then the rows.
pub fn export_to(site: &Site, year: FiscalYear, sink: &mut dyn Sink) -> Result<Exported, Msg> {
    let records: Vec<std::borrow::Cow<'_, Project>> =
        (0..site.projects.len()).map(|i| site.record(i).map_err(|d| d.rendered())).collect::<Result<_, _>>()?;
    let columns = columns(&records, year);
    sink.row(&columns.iter().map(Column::header).collect::<Vec<_>>())?;
    let names = Names::new(&site.vocabulary);
    let mut rows = 0;
    let mut last_policy = "";
    for p in &records {
        let policy = p.policy.get_ref().as_str();
        let first = Cells { names: &names, columns: &columns, year, show_policy: policy != last_policy };
        last_policy = policy;
        for row in first.project(p)? {
            sink.row(&row)?;
            rows += 1;
        }
    }
    Ok(Exported { projects: records.len(), rows })
}

/// The columns of the table for these records.
fn columns(records: &[std::borrow::Cow<'_, Project>], year: FiscalYear) -> Vec<Column> {
    let values: Vec<(Kind, &IndicatorValue)> =
        records.iter().flat_map(|p| p.indicators.iter()).flat_map(indicator_values).collect();
    let first_year = |kind: Kind| values.iter().find(|(k, _)| *k == kind).map(|(_, v)| v.year);
    let layout_year = |kind: Kind| if kind == Kind::Actual { Some(year) } else { first_year(kind) };
    let mut cols: Vec<Column> = LAYOUT
        .iter()
        .map(|&f| match f {
            Field::Value(kind) => Column::new(f, Lang::Ja, layout_year(kind)),
            f => Column::new(f, Lang::Ja, None),
        })
        .collect();
    let ja_en = |f: Field| [Column::new(f, Lang::Ja, None), Column::new(f, Lang::En, None)];
    cols.push(Column::new(Field::Code, Lang::Ja, None));
    cols.push(Column::new(Field::Title, Lang::En, None));
    cols.push(Column::new(Field::LeadDepartments, Lang::Ja, None));
    cols.extend(ja_en(Field::LeadNote));
    cols.push(Column::new(Field::RelatedDepartments, Lang::Ja, None));
    for f in [Field::Issues, Field::Direction, Field::PlanContent, Field::Audience, Field::Implementer] {
        cols.extend(ja_en(f));
    }
    cols.push(Column::new(Field::Related, Lang::Ja, None));
    cols.extend([Column::new(Field::Achievements, Lang::En, None), Column::new(Field::Effect, Lang::En, None)]);
    cols.extend(ja_en(Field::Improvement));
    let report_years: BTreeSet<FiscalYear> =
        records.iter().flat_map(|p| p.reports.iter()).map(|r| *r.year.get_ref()).filter(|y| *y != year).collect();
    for y in report_years {
        cols.extend([Column::new(Field::Grade, Lang::Ja, Some(y)), Column::new(Field::Partners, Lang::Ja, Some(y))]);
        for f in [Field::Achievements, Field::Effect, Field::Improvement] {
            cols.extend([Column::new(f, Lang::Ja, Some(y)), Column::new(f, Lang::En, Some(y))]);
        }
    }
    cols.extend(ja_en(Field::IndicatorName));
    cols.extend(ja_en(Field::Unit));
    cols.push(Column::new(Field::IndicatorDirection, Lang::Ja, None));
    cols.push(Column::new(Field::IndicatorLevels, Lang::Ja, None));
    cols.push(Column::new(Field::IndicatorLevels, Lang::En, None));
    // Value columns for the years the layout's columns do not hold, then the value's
    // English, label and note (and an actual's met) wherever some value has them.
    let value_columns: BTreeSet<(Kind, FiscalYear)> =
        values.iter().map(|(k, v)| (*k, v.year)).filter(|(k, y)| layout_year(*k) != Some(*y)).collect();
    cols.extend(value_columns.iter().map(|&(k, y)| Column::new(Field::Value(k), Lang::Ja, Some(y))));
    let all_value_columns: Vec<(Kind, Option<FiscalYear>)> = Kind::ALL
        .iter()
        .map(|&k| (k, layout_year(k)))
        .chain(value_columns.iter().map(|&(k, y)| (k, Some(y))))
        .collect();
    for (kind, y) in all_value_columns {
        let here: Vec<&IndicatorValue> =
            values.iter().filter(|(k, v)| *k == kind && Some(v.year) == y).map(|(_, v)| *v).collect();
        if here.iter().any(|v| v.text.as_ref().is_some_and(|t| t.en.is_some())) {
            cols.push(Column::new(Field::Value(kind), Lang::En, y));
        }
        for (field, get) in [
            (Field::ValueLabel(kind), (|v: &IndicatorValue| v.label.clone()) as fn(&IndicatorValue) -> Option<Text>),
            (Field::ValueNote(kind), |v| v.note.clone()),
        ] {
            let texts: Vec<Text> = here.iter().filter_map(|v| get(v)).collect();
            if !texts.is_empty() {
                cols.push(Column::new(field, Lang::Ja, y));
            }
            if texts.iter().any(|t| t.en.is_some()) {
                cols.push(Column::new(field, Lang::En, y));
            }
        }
        if kind == Kind::Actual && here.iter().any(|v| v.met.is_some()) {
            cols.push(Column::new(Field::ValueMet, Lang::Ja, y));
        }
    }
    let schedule = records.iter().flat_map(|p| p.schedule.iter());
    if schedule.clone().any(|r| r.label.is_some()) {
        cols.extend(ja_en(Field::ScheduleLabel));
    }
    let schedule_years: BTreeSet<FiscalYear> = schedule.flat_map(|r| r.by_year.keys().copied()).collect();
    cols.extend(schedule_years.into_iter().map(|y| Column::new(Field::ScheduleStatus, Lang::Ja, Some(y))));
    cols
}

/// Every value of an indicator with its kind.
fn indicator_values(ind: &Indicator) -> impl Iterator<Item = (Kind, &IndicatorValue)> {
    let baseline = ind.baseline.iter().map(|v| (Kind::Baseline, v.get_ref()));
    let target = ind.target.iter().map(|v| (Kind::Target, v.get_ref()));
    baseline.chain(target).chain(ind.actuals.iter().map(|v| (Kind::Actual, v.get_ref())))
}

/// Makes the rows of one project.
struct Cells<'a> {
    names: &'a Names<'a>,
    columns: &'a [Column],
    year: FiscalYear,
    /// Whether 項目 is written (it is left empty when it is the row above's).
    show_policy: bool,
}

impl Cells<'_> {
    fn project(&self, p: &Project) -> Result<Vec<Vec<String>>, Msg> {
        let n = p.indicators.len().max(p.schedule.len()).max(1);
        let id = p.id.get_ref().to_string();
        let mut rows = Vec::with_capacity(n);
        for k in 0..n {
            let mut row = Vec::with_capacity(self.columns.len());
            let indicator = p.indicators.get(k).map(|ind| self.indicator(ind));
            for col in self.columns {
                let cell = match col.field {
                    Field::Id => id.clone(),
                    f if f.is_project_field() => {
                        if k == 0 {
                            self.project_cell(p, col)
                        } else {
                            String::new()
                        }
                    }
                    Field::ScheduleLabel | Field::ScheduleStatus => {
                        p.schedule.get(k).map(|r| self.schedule_cell(r, col)).unwrap_or_default()
                    }
                    _ => indicator
                        .as_ref()
                        .and_then(|cells| cells.iter().find(|(c, _)| c == col))
                        .map(|(_, s)| s.clone())
                        .unwrap_or_default(),
                };
                if cell.chars().count() > LIMITS.cell_chars {
                    let (header, chars, most) = (col.header(), cell.chars().count(), LIMITS.cell_chars);
                    return Err(msg!(
                        ja: "{id}: {header} のセルが {chars} 文字になります。一つのセルに入るのは {most} 文字までです（Excel 自体の上限）。",
                        en: "{id}: the {header} cell would hold {chars} characters; a cell holds at most {most} (Excel's own limit)",
                    ));
                }
                row.push(cell);
            }
            rows.push(row);
        }
        Ok(rows)
    }

    fn project_cell(&self, p: &Project, col: &Column) -> String {
        let text = |t: Option<&Text>| t.map(|t| lang_cell(t, col.lang)).unwrap_or_default();
        let ids = |ids: &[toml::Spanned<crate::slug::Slug>], name: &dyn Fn(&str) -> String| {
            list_cell(&ids.iter().map(|d| name(d.get_ref().as_str())).collect::<Vec<_>>())
        };
        match col.field {
            Field::Item if self.show_policy => self.names.policy_cell(p.policy.get_ref().as_str()),
            Field::Item => String::new(),
            Field::Code => p.code.as_deref().map(text_cell).unwrap_or_default(),
            Field::Title => text(Some(p.title.get_ref())),
            Field::Department => self.names.department_cell(p.department.get_ref().as_str()),
            Field::LeadDepartments => ids(&p.lead_departments, &|d| self.names.department_cell(d)),
            Field::RelatedDepartments => ids(&p.related_departments, &|d| self.names.department_cell(d)),
            Field::Related => ids(&p.related, &|d| d.to_owned()),
            Field::LeadNote => text(p.lead_note.as_ref()),
            Field::Issues => text(p.issues.as_ref()),
            Field::Direction => text(p.direction.as_ref()),
            Field::PlanContent => text(p.plan_content.as_ref()),
            Field::Audience => text(p.audience.as_ref()),
            Field::Implementer => text(p.implementer.as_ref()),
            _ => {
                let year = col.year.unwrap_or(self.year);
                self.report_cell(p.reports.iter().find(|r| *r.year.get_ref() == year), col)
            }
        }
    }

    /// A report cell; the layout's columns show `-` for nothing, as printed.
    fn report_cell(&self, r: Option<&Report>, col: &Column) -> String {
        let layout = col.year.is_none() && col.lang == Lang::Ja;
        let none = if layout && col.field != Field::Achievements && col.field != Field::Improvement { "-" } else { "" };
        let text = |t: Option<&Text>| t.map(|t| lang_cell(t, col.lang)).filter(|c| !c.is_empty());
        let cell = match col.field {
            Field::Grade => r.and_then(|r| r.grade.as_ref()).map(|g| self.names.grade_cell(g.get_ref().as_str())),
            Field::Partners => r
                .map(|r| self.names.partners_cell(&r.partners.iter().map(|p| p.get_ref().as_str()).collect::<Vec<_>>()))
                .filter(|c| !c.is_empty()),
            Field::Achievements => text(r.and_then(|r| r.achievements.as_ref())),
            Field::Effect => text(r.and_then(|r| r.effect.as_ref())),
            Field::Improvement => text(r.and_then(|r| r.improvement.as_ref())),
            _ => None,
        };
        cell.unwrap_or_else(|| none.to_owned())
    }

    fn schedule_cell(&self, r: &crate::model::ScheduleRow, col: &Column) -> String {
        match (col.field, col.year) {
            (Field::ScheduleLabel, _) => r.label.as_ref().map(|t| lang_cell(t, col.lang)).unwrap_or_default(),
            (_, Some(y)) => r.by_year.get(&y).map(|s| self.names.status_cell(s.as_str())).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The cells of an indicator: as printed where that reads back exactly, else explicit.
    fn indicator(&self, ind: &Indicator) -> Vec<(Column, String)> {
        let value_columns: Vec<&Column> =
            self.columns.iter().filter(|c| matches!(c.field, Field::Value(_)) && c.lang == Lang::Ja).collect();
        let values: Vec<Option<(&IndicatorValue, Val)>> =
            value_columns.iter().map(|c| value_at(ind, c).map(|v| (v, val(v)))).collect();
        let unit = ind.unit.as_ref().map(|u| u.ja.as_str()).unwrap_or("");
        let printed: Vec<String> = values
            .iter()
            .map(|v| v.as_ref().map(|(_, v)| printed_cell(&ind.name.ja, unit, v)).unwrap_or_default())
            .collect();
        let as_printed = values.iter().any(Option::is_some) && {
            let refs: Vec<&str> = printed.iter().map(String::as_str).collect();
            let has_numbers = values.iter().flatten().any(|(_, v)| matches!(v, Val::Number(_)));
            read_printed(&refs).is_ok_and(|p| {
                p.name.as_deref() == Some(ind.name.ja.as_str())
                    && p.values.iter().zip(&values).all(|(a, b)| a.as_ref() == b.as_ref().map(|(_, v)| v))
                    && if has_numbers { p.unit.as_deref() == Some(unit) } else { unit.is_empty() }
            })
        };
        let mut cells = vec![(Column::new(Field::IndicatorId, Lang::Ja, None), ind.id.get_ref().to_string())];
        let text = |t: &Text, lang| lang_cell(t, lang);
        if !as_printed {
            cells.push((Column::new(Field::IndicatorName, Lang::Ja, None), text_cell(&ind.name.ja)));
            cells.push((Column::new(Field::Unit, Lang::Ja, None), text_cell(unit)));
        }
        cells.push((Column::new(Field::IndicatorName, Lang::En, None), text(&ind.name, Lang::En)));
        cells.push((
            Column::new(Field::Unit, Lang::En, None),
            ind.unit.as_ref().map(|u| text(u, Lang::En)).unwrap_or_default(),
        ));
        let direction = ind.direction.map(crate::indicator::Direction::ja);
        cells.push((Column::new(Field::IndicatorDirection, Lang::Ja, None), direction.unwrap_or_default().to_owned()));
        let (levels_ja, levels_en) = super::levels::cells(&ind.levels);
        cells.push((Column::new(Field::IndicatorLevels, Lang::Ja, None), text_cell(&levels_ja)));
        cells.push((Column::new(Field::IndicatorLevels, Lang::En, None), text_cell(&levels_en)));
        for ((col, value), printed) in value_columns.iter().zip(&values).zip(printed) {
            let Field::Value(kind) = col.field else { continue };
            let Some((v, parsed)) = value else {
                let none = if kind == Kind::Actual && col.year == Some(self.year) { "-" } else { "" };
                cells.push((**col, none.to_owned()));
                continue;
            };
            cells.push((**col, if as_printed { printed } else { explicit_cell(parsed) }));
            if let Some(t) = &v.text {
                cells.push((Column::new(Field::Value(kind), Lang::En, col.year), text(t, Lang::En)));
            }
            for (field, t) in [(Field::ValueLabel(kind), &v.label), (Field::ValueNote(kind), &v.note)] {
                if let Some(t) = t {
                    cells.push((Column::new(field, Lang::Ja, col.year), text(t, Lang::Ja)));
                    cells.push((Column::new(field, Lang::En, col.year), text(t, Lang::En)));
                }
            }
            if let Some(met) = v.met.filter(|_| kind == Kind::Actual) {
                cells.push((Column::new(Field::ValueMet, Lang::Ja, col.year), super::met::cell(met).to_owned()));
            }
        }
        cells
    }
}

/// The value of an indicator that a value column holds.
fn value_at<'a>(ind: &'a Indicator, col: &Column) -> Option<&'a IndicatorValue> {
    let Field::Value(kind) = col.field else { return None };
    indicator_values(ind).find(|(k, v)| *k == kind && Some(v.year) == col.year).map(|(_, v)| v)
}

fn val(v: &IndicatorValue) -> Val {
    match (&v.value, &v.text) {
        (Some(n), _) => Val::Number(*n.get_ref()),
        (None, Some(t)) => Val::Text(t.ja.clone()),
        (None, None) => Val::Text(String::new()),
    }
}

/// The cell of a text in one language.
fn lang_cell(t: &Text, lang: Lang) -> String {
    match lang {
        Lang::Ja => text_cell(&t.ja),
        Lang::En => t.en.as_deref().map(text_cell).unwrap_or_default(),
    }
}
