//! `kyodo export --layout sheets`: every record as a sheet of the printed report, named by
//! its ID: the printed labels in column A and the values beside them in the printed order,
//! then, below the separator row 印刷様式にない項目, every field the printed page cannot
//! hold (English texts, codes, other years …), one row each, named as the table layout
//! names its columns. Each printed cell is read back as import reads it before it is
//! used; a value that would not read back the same goes below the separator instead, so
//! that export then import gives back the same records.

use std::collections::BTreeMap;
use std::path::Path;

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::load::Site;
use crate::model::{Indicator, Project};
use crate::msg;
use crate::msg::Msg;
use crate::text::Text;

use super::super::Exported;
use super::super::columns::{Column, Field, Kind};
use super::super::read::LIMITS;
use super::super::values::{explicit_cell, read_text, text_cell};
use super::super::writer::cannot_write;
use super::Context;
use super::export_values::{printed_values, val, values_in_order};
use super::labels::{Label, SEPARATOR, is_separator, label_of, year_cell};
use super::parse::{circled, lead_cell, leading_number, related_cell};

/// The explanation beside the separator row.
const SEPARATOR_NOTE: &str = "kyodo: 印刷様式にない項目です。B列は事業と1つ目の指標・年次計画の行、C列は2つ目 …";

/// Writes every record of `site` (whole records) to the .xlsx file `path`, one sheet per
/// project, the 取組実績 of `year`. The file is written whole or not at all.
pub fn export_sheets(site: &Site, year: FiscalYear, path: &Path) -> Result<Exported, Msg> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if ext != "xlsx" {
        return Err(msg!(
            ja: "名前が .xlsx で終わるファイルを指定してください。1事業1シートの形は .xlsx で書き出すため、.{ext} には書き出せません。",
            en: "the sheets layout is written as .xlsx, not .{ext}: use a file name ending in .xlsx",
        ));
    }
    let mut ctx = Context { site, names: super::super::names::Names::new(&site.vocabulary), codes: Vec::new() };
    ctx.codes = site
        .projects
        .iter()
        .filter_map(|f| f.record.code.clone().map(|c| (c, f.record.id.get_ref().to_string())))
        .collect();
    ctx.codes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut names: Vec<String> = Vec::new();
    let mut rows = 0;
    for i in 0..site.projects.len() {
        let p = site.record(i).map_err(|d| d.rendered())?;
        let id = p.id.get_ref().to_string();
        let name = sheet_name(&id, &names);
        let page = Page::new(&ctx, &p, year, name != id).rows();
        let cannot = |e: &dyn std::fmt::Display| cannot_write(path, e);
        let sheet = book.add_worksheet_with_constant_memory().map_err(|e| cannot(&e))?;
        sheet.set_name(&name).map_err(|e| msg!(ja: "{id}: シートの名前を付けられません（{e}）。", en: "{id}: {e}"))?;
        sheet.set_column_width(0, 20).map_err(|e| cannot(&e))?;
        sheet.set_column_width(1, 40).map_err(|e| cannot(&e))?;
        for (r, cells) in page.iter().enumerate() {
            for (c, value) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                if value.chars().count() > LIMITS.cell_chars {
                    let (chars, most) = (value.chars().count(), LIMITS.cell_chars);
                    return Err(msg!(
                        ja: "{id}: セルが {chars} 文字になります。一つのセルに入るのは {most} 文字までです（Excel 自体の上限）。",
                        en: "{id}: a cell would hold {chars} characters; a cell holds at most {most} (Excel's own limit)",
                    ));
                }
                let (r, c) = (u32::try_from(r).map_err(|e| cannot(&e))?, u16::try_from(c).map_err(|e| cannot(&e))?);
                sheet
                    .write_string(r, c, value)
                    .map_err(|e| msg!(ja: "{id}: セルに書き込めません（{e}）。", en: "{id}: {e}"))?;
            }
        }
        rows += page.len();
        names.push(name);
    }
    save(book, path)?;
    Ok(Exported { projects: names.len(), rows })
}

/// The sheet's name: the project's ID, cut to Excel's 31 characters (with the ID written
/// below the separator) and made unique.
fn sheet_name(id: &str, taken: &[String]) -> String {
    if id.len() <= 31 {
        return id.to_owned();
    }
    (1..).map(|n| format!("{}~{n}", &id[..27])).find(|n| !taken.contains(n)).unwrap_or_default()
}

fn save(mut book: rust_xlsxwriter::Workbook, path: &Path) -> Result<(), Msg> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let err = |e: &dyn std::fmt::Display| cannot_write(path, e);
    let temp =
        tempfile::Builder::new().prefix(".kyodo-export-").suffix(".tmp").tempfile_in(dir).map_err(|e| err(&e))?;
    book.save(temp.path()).map_err(|e| err(&e))?;
    super::super::commit::keep_permissions(path, temp.as_file()).map_err(|e| err(&e))?;
    temp.persist(path).map_err(|e| err(&e.error))?;
    Ok(())
}

/// One project's sheet being made.
struct Page<'a> {
    ctx: &'a Context<'a>,
    p: &'a Project,
    year: FiscalYear,
    rows: Vec<Vec<String>>,
    /// The rows below the separator: column, then its cells by row of the project (1 = B).
    extras: Vec<(Column, BTreeMap<usize, String>)>,
}

fn text_ja(t: Option<&Text>) -> String {
    t.map(|t| text_cell(&t.ja)).unwrap_or_default()
}

fn text_en(t: Option<&Text>) -> String {
    t.and_then(|t| t.en.as_deref()).map(text_cell).unwrap_or_default()
}

fn col(field: Field, lang: Lang, year: Option<FiscalYear>) -> Column {
    Column::new(field, lang, year)
}

impl<'a> Page<'a> {
    fn new(ctx: &'a Context<'a>, p: &'a Project, year: FiscalYear, write_id: bool) -> Page<'a> {
        let mut page = Page { ctx, p, year, rows: Vec::new(), extras: Vec::new() };
        if write_id {
            page.extra(col(Field::Id, Lang::Ja, None), 1, p.id.get_ref().to_string());
        }
        page.extra(col(Field::Item, Lang::Ja, None), 1, ctx.names.policy_cell(p.policy.get_ref().as_str()));
        if let Some(code) = &p.code {
            page.extra(col(Field::Code, Lang::Ja, None), 1, text_cell(code));
        }
        page
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn extra(&mut self, column: Column, k: usize, text: String) {
        match self.extras.iter_mut().find(|(c, _)| *c == column) {
            Some((_, cells)) => {
                cells.insert(k, text);
            }
            None => self.extras.push((column, BTreeMap::from([(k, text)]))),
        }
    }

    fn rows(mut self) -> Vec<Vec<String>> {
        let p = self.p;
        let ctx = self.ctx;
        let plan = &ctx.site.config.plan.name.ja;
        self.row(vec![format!("{plan}進捗状況")]);
        let dept = p.department.get_ref().as_str();
        let division = ctx
            .site
            .vocabulary
            .departments
            .iter()
            .find(|d| d.id.get_ref().as_str() == dept)
            .and_then(|d| d.division_of.as_ref());
        self.row(vec![Label::Division.text().into(), division.map(|d| text_cell(&d.ja)).unwrap_or_default()]);
        self.row(vec![Label::Department.text().into(), ctx.names.department_cell(dept)]);
        let title = self.title_cell();
        self.row(vec![Label::Title.text().into(), title]);
        for (label, t) in
            [(Label::Issues, &p.issues), (Label::Direction, &p.direction), (Label::PlanContent, &p.plan_content)]
        {
            self.row(vec![label.text().into(), text_ja(t.as_ref())]);
        }
        let related = self.related_cell();
        self.row(vec![Label::Related.text().into(), related]);
        self.row(vec![Label::Audience.text().into(), text_ja(p.audience.as_ref())]);
        self.row(vec![Label::Implementer.text().into(), text_ja(p.implementer.as_ref())]);
        let lead = self.lead_cell();
        let related_departments: Vec<String> =
            p.related_departments.iter().map(|d| ctx.names.department_cell(d.get_ref().as_str())).collect();
        self.row(vec![
            Label::Lead.text().into(),
            lead,
            Label::RelatedDepartments.text().into(),
            related_departments.join("、"),
        ]);
        self.texts_in_english();
        self.indicators();
        self.schedule();
        let report = p.reports.iter().find(|r| *r.year.get_ref() == self.year);
        self.row(vec![Label::progress(self.year)]);
        self.row(vec![Label::Achievements.text().into(), text_ja(report.and_then(|r| r.achievements.as_ref()))]);
        self.reports();
        self.row(Vec::new());
        self.row(vec![SEPARATOR.into(), SEPARATOR_NOTE.into()]);
        let extras = std::mem::take(&mut self.extras);
        for (column, cells) in extras {
            let last = cells.keys().max().copied().unwrap_or(1);
            let mut row = vec![column.header()];
            row.extend((1..=last).map(|k| cells.get(&k).cloned().unwrap_or_default()));
            self.row(row);
        }
        self.rows
    }

    /// 事業名 as printed: `① 市民活動…`, the number from the code.
    fn title_cell(&self) -> String {
        let title = &self.p.title.get_ref().ja;
        let number = self.p.code.as_deref().and_then(|c| c.rsplit('-').next()).filter(|n| {
            let mut chars = n.chars();
            chars.next().and_then(circled).is_some() && chars.next().is_none()
        });
        let plain = if leading_number(title).is_some() || label_of(title).is_some() {
            format!("'{title}")
        } else {
            text_cell(title)
        };
        let cell = match number {
            Some(n) => format!("{n} {plain}"),
            None => plain,
        };
        let back = match leading_number(&cell) {
            Some((_, rest)) => read_text(rest),
            None => read_text(&cell),
        };
        if back.as_deref() == Some(title.as_str()) { cell } else { format!("'{title}") }
    }

    fn related_cell(&mut self) -> String {
        let ids: Vec<String> = self.p.related.iter().map(|r| r.get_ref().to_string()).collect();
        let site = self.ctx.site;
        let printed: Vec<String> = ids
            .iter()
            .map(|id| match site.by_id.get(id).map(|&i| &site.projects[i].record) {
                Some(r) if r.code.is_some() && !r.title.get_ref().ja.contains('\n') => {
                    format!("{}{}", r.code.as_deref().unwrap_or(""), r.title.get_ref().ja)
                }
                _ => id.clone(),
            })
            .collect();
        for cell in [printed.join("\n"), ids.join("\n")] {
            if related_cell(&cell, &self.ctx.codes).is_ok_and(|back| back == ids) {
                return cell;
            }
        }
        self.extra(col(Field::Related, Lang::Ja, None), 1, ids.join("、"));
        String::new()
    }

    /// 主たる部署 as printed: the lead departments and the note in brackets.
    fn lead_cell(&mut self) -> String {
        let p = self.p;
        let names = &self.ctx.names;
        let explicit: Vec<String> = p.lead_departments.iter().map(|d| d.get_ref().to_string()).collect();
        let effective = if explicit.is_empty() { vec![p.department.get_ref().to_string()] } else { explicit.clone() };
        if explicit == [p.department.get_ref().to_string()] {
            self.extra(col(Field::LeadDepartments, Lang::Ja, None), 1, explicit.join("、"));
        }
        let list = effective.iter().map(|d| names.department_cell(d)).collect::<Vec<_>>().join("、");
        let note = p.lead_note.as_ref().map(|n| n.ja.clone());
        let cell = match &note {
            Some(n) => format!("{list} ({n})"),
            None => list.clone(),
        };
        let (back_list, back_note) = lead_cell(&cell);
        let list_ok = self.ctx.department_ids(&back_list).is_ok_and(|ids| ids == effective);
        if list_ok
            && back_note == note
            && note.as_deref().is_none_or(|n| read_text(&text_cell(n)).as_deref() == Some(n))
        {
            return cell;
        }
        if let Some(n) = note {
            self.extra(col(Field::LeadNote, Lang::Ja, None), 1, text_cell(&n));
        }
        if list_ok && lead_cell(&list).1.is_none() {
            return list;
        }
        self.extra(col(Field::LeadDepartments, Lang::Ja, None), 1, effective.join("、"));
        String::new()
    }

    fn texts_in_english(&mut self) {
        let p = self.p;
        self.extra(col(Field::Title, Lang::En, None), 1, text_en(Some(p.title.get_ref())));
        for (field, t) in [
            (Field::LeadNote, &p.lead_note),
            (Field::Issues, &p.issues),
            (Field::Direction, &p.direction),
            (Field::PlanContent, &p.plan_content),
            (Field::Audience, &p.audience),
            (Field::Implementer, &p.implementer),
        ] {
            self.extra(col(field, Lang::En, None), 1, text_en(t.as_ref()));
        }
    }

    /// The reports: 取組実績 of the year is printed; the rest of it and the other years'
    /// reports go below the separator.
    fn reports(&mut self) {
        let p = self.p;
        let voc = &self.ctx.site.vocabulary;
        for r in &p.reports {
            let y = *r.year.get_ref();
            let here = y == self.year;
            if !here {
                self.extra(col(Field::Achievements, Lang::Ja, Some(y)), 1, text_ja(r.achievements.as_ref()));
            }
            self.extra(col(Field::Achievements, Lang::En, Some(y)), 1, text_en(r.achievements.as_ref()));
            if r.grade.is_some() || (here && !voc.grades.is_empty()) {
                let grade =
                    r.grade.as_ref().map(|g| self.ctx.names.grade_cell(g.get_ref().as_str())).unwrap_or_default();
                self.extra(col(Field::Grade, Lang::Ja, Some(y)), 1, grade);
            }
            if !r.partners.is_empty() || (here && !voc.partners.is_empty()) {
                let ids: Vec<&str> = r.partners.iter().map(|x| x.get_ref().as_str()).collect();
                self.extra(col(Field::Partners, Lang::Ja, Some(y)), 1, self.ctx.names.partners_cell(&ids));
            }
            for (field, t) in [(Field::Effect, &r.effect), (Field::Improvement, &r.improvement)] {
                if t.is_some() {
                    self.extra(col(field, Lang::Ja, Some(y)), 1, text_ja(t.as_ref()));
                    self.extra(col(field, Lang::En, Some(y)), 1, text_en(t.as_ref()));
                }
            }
        }
    }

    fn schedule(&mut self) {
        let p = self.p;
        let plan = &self.ctx.site.config.plan;
        let mut years: std::collections::BTreeSet<FiscalYear> =
            p.schedule.iter().flat_map(|r| r.by_year.keys().copied()).collect();
        if let (Some(start), Some(end)) = (plan.start, plan.end.as_ref().map(|e| *e.get_ref())) {
            years.extend(
                (start.year()..=end.year().min(start.year() + 50)).filter_map(|y| FiscalYear::from_gregorian(y).ok()),
            );
        }
        let mut head = vec![Label::Schedule.text().to_owned()];
        head.extend(years.iter().map(|y| y.era_short()));
        self.row(head);
        for (j, r) in p.schedule.iter().enumerate() {
            let label = r.label.as_ref().map(|l| {
                let t = &l.ja;
                if label_of(t).is_some() || is_separator(t) || year_cell(t).is_some() {
                    format!("'{t}")
                } else {
                    text_cell(t)
                }
            });
            let mut cells = vec![label.unwrap_or_default()];
            cells.extend(
                years
                    .iter()
                    .map(|y| r.by_year.get(y).map(|s| self.ctx.names.status_cell(s.as_str())).unwrap_or_default()),
            );
            self.row(cells);
            if let Some(en) = r.label.as_ref().and_then(|l| l.en.as_deref()) {
                self.extra(col(Field::ScheduleLabel, Lang::En, None), j + 1, text_cell(en));
            }
        }
    }

    fn indicators(&mut self) {
        let p = self.p;
        if p.indicators.is_empty() {
            self.row(vec![Label::Indicators.text().into()]);
        }
        for (i, ind) in p.indicators.iter().enumerate() {
            let k = i + 1;
            let name = &ind.name.ja;
            let name_cell = if label_of(name).is_some()
                || is_separator(name)
                || year_cell(name).is_some()
                || name.trim().is_empty()
            {
                format!("'{name}")
            } else {
                text_cell(name)
            };
            let first = if i == 0 { Label::Indicators.text().to_owned() } else { String::new() };
            let values = printed_values(ind);
            match &values {
                Some(rows) if !rows.is_empty() => {
                    for (r, (year_text, value_text)) in rows.iter().enumerate() {
                        let (a, b) =
                            if r == 0 { (first.clone(), name_cell.clone()) } else { (String::new(), String::new()) };
                        self.row(vec![a, b, year_text.clone(), value_text.clone()]);
                    }
                }
                _ => self.row(vec![first, name_cell]),
            }
            let numbers = values_in_order(ind).iter().any(|(_, v)| v.value.is_some());
            if values.is_none() {
                self.explicit_values(k, ind);
            } else if !numbers && ind.unit.is_some() {
                // Printed values without a number show no unit: it goes below the separator.
                self.extra(col(Field::Unit, Lang::Ja, None), k, text_ja(ind.unit.as_ref()));
            }
            self.extra(col(Field::IndicatorId, Lang::Ja, None), k, ind.id.get_ref().to_string());
            self.extra(col(Field::IndicatorName, Lang::En, None), k, text_en(Some(&ind.name)));
            self.extra(col(Field::Unit, Lang::En, None), k, text_en(ind.unit.as_ref()));
            self.extra(
                col(Field::IndicatorDirection, Lang::Ja, None),
                k,
                ind.direction.map(|d| d.ja().to_owned()).unwrap_or_default(),
            );
            let (levels_ja, levels_en) = crate::import::levels::cells(&ind.levels);
            self.extra(col(Field::IndicatorLevels, Lang::Ja, None), k, text_cell(&levels_ja));
            self.extra(col(Field::IndicatorLevels, Lang::En, None), k, text_cell(&levels_en));
            for (kind, v) in values_in_order(ind) {
                let y = Some(v.year);
                if let Some(t) = &v.text.as_ref().and_then(|t| t.en.as_deref()) {
                    self.extra(col(Field::Value(kind), Lang::En, y), k, text_cell(t));
                }
                if let Some(en) = v.label.as_ref().and_then(|l| l.en.as_deref()) {
                    self.extra(col(Field::ValueLabel(kind), Lang::En, y), k, text_cell(en));
                }
                if let Some(n) = &v.note {
                    self.extra(col(Field::ValueNote(kind), Lang::Ja, y), k, text_cell(&n.ja));
                    self.extra(col(Field::ValueNote(kind), Lang::En, y), k, text_en(Some(n)));
                }
                if let Some(met) = v.met.filter(|_| kind == Kind::Actual) {
                    self.extra(col(Field::ValueMet, Lang::Ja, y), k, super::super::met::cell(met).to_owned());
                }
            }
        }
    }

    /// An indicator whose values do not read back as printed: its unit and values in the
    /// table layout's columns, below the separator.
    fn explicit_values(&mut self, k: usize, ind: &Indicator) {
        self.extra(col(Field::Unit, Lang::Ja, None), k, text_ja(ind.unit.as_ref()));
        for (kind, v) in values_in_order(ind) {
            self.extra(col(Field::Value(kind), Lang::Ja, Some(v.year)), k, explicit_cell(&val(v)));
            self.extra(col(Field::ValueLabel(kind), Lang::Ja, Some(v.year)), k, text_ja(v.label.as_ref()));
        }
    }
}
