//! One sheet of the printed layout as a small table of the table layout: each printed
//! field becomes the cell of its column (`主たる部署 市民活動推進課 (市民活動サポートセンター)`
//! becomes 主たる部署 and 主たる部署の注記; an indicator's `令和2年度（第1次計画実績） 114件`
//! becomes 基準値 (R2), 基準値のラベル (R2) and 単位), and each row below the separator the
//! cells of its column, so that the table import reads the sheet with all its rules.
//!
//! A field the sheet does not have is left out of the table, so the record keeps it. Where
//! the printed part and a row below the separator both give a cell, the filled one counts;
//! two filled cells that differ are a problem.

use std::collections::{BTreeMap, BTreeSet};

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::model::Project;
use crate::msg;
use crate::msg::Msg;

use super::super::Problem;
use super::super::columns::{Column, Field};
use super::super::read::{Row, Table};
use super::super::values::{read_text, text_cell};
use super::Context;
use super::labels::Label;
use super::page::{Cell, Page};
use super::parse::{lead_cell, leading_number, related_cell};
use super::places::{Place, Places};

/// A cell of the sheet's table, and where it came from.
pub(super) struct Entry {
    pub text: String,
    pub place: Place,
}

/// The table being made from one sheet.
pub(super) struct Builder<'a> {
    ctx: &'a Context<'a>,
    pub sheet: usize,
    /// The number of the table's header row; its rows follow.
    pub base: usize,
    pub(super) entries: BTreeMap<(usize, Column), Entry>,
    pub problems: Vec<Problem>,
}

pub(super) fn col(field: Field, lang: Lang, year: Option<FiscalYear>) -> Column {
    Column::new(field, lang, year)
}

impl<'a> Builder<'a> {
    pub fn new(ctx: &'a Context<'a>, sheet: usize, base: usize) -> Builder<'a> {
        Builder { ctx, sheet, base, entries: BTreeMap::new(), problems: Vec::new() }
    }

    /// A problem at a cell of the sheet.
    pub fn problem(&mut self, places: &mut Places, place: Place, message: Msg) {
        let p = places.problem(self.base, self.sheet, place, message);
        self.problems.push(p);
    }

    /// Gives the cell of `column` on row `k` (1: the project's first row).
    pub(super) fn put(&mut self, places: &mut Places, k: usize, column: Column, text: String, place: Place) {
        match self.entries.get(&(k, column)) {
            Some(old) if read_text(&old.text).is_some() && read_text(&text).is_some() => {
                if read_text(&old.text) != read_text(&text) {
                    let (header, cell, label) = (column.header(), &old.place.cell, &old.place.label);
                    let message = msg!(
                        ja: "どちらか一つを残してください。「{header}」が、{cell}（{label}）にも別の値で書かれています。",
                        en: "{header} is also given in {cell} ({label}), with another value: keep one of them",
                    );
                    self.problem(places, place, message);
                }
            }
            Some(old) if read_text(&old.text).is_some() => {}
            _ => {
                self.entries.insert((k, column), Entry { text, place });
            }
        }
    }

    /// Whether the table has the project's 項目 and 担当課, without which it is not read.
    pub fn has_section_and_department(&self) -> bool {
        self.has(1, col(Field::Item, Lang::Ja, None)) && self.has(1, col(Field::Department, Lang::Ja, None))
    }

    pub(super) fn has(&self, k: usize, column: Column) -> bool {
        self.entries.contains_key(&(k, column))
    }

    pub(super) fn has_column(&self, column: Column) -> bool {
        self.entries.keys().any(|(_, c)| *c == column)
    }

    /// The rows below the separator (and labelled rows above it).
    pub fn extras(&mut self, places: &mut Places, page: &Page) {
        for row in &page.extras {
            let label = row.column.header();
            let project_field = row.column.field.is_project_field() || row.column.field == Field::Id;
            for (k, cell) in &row.cells {
                if project_field && *k != 1 {
                    let message = msg!(
                        ja: "このセルを見出しのすぐ右に移すか、空にしてください。「{label}」の値は一つだけで、見出しのすぐ右に書きます。",
                        en: "{label} holds one value, right of its label: move this cell there or empty it",
                    );
                    self.problem(places, Place::of(cell, &label), message);
                    continue;
                }
                self.put(places, *k, row.column, cell.text.clone(), Place::of(cell, &label));
            }
            if !row.cells.iter().any(|(k, _)| *k == 1) {
                self.put(places, 1, row.column, String::new(), Place::of(&row.label, &label));
            }
        }
    }

    /// The code given below the separator, if any.
    pub fn given_code(&self) -> Option<String> {
        self.entries.get(&(1, col(Field::Code, Lang::Ja, None))).and_then(|e| read_text(&e.text))
    }

    /// The printed fields of the project, `record` being the record it updates (if any).
    pub fn printed(&mut self, places: &mut Places, page: &Page, id: &str, record: Option<&Project>, year: FiscalYear) {
        let title_place = page.single.get(&Label::Title).map(|(l, _)| Place::of(l, Label::Title.text()));
        let anchor = title_place.clone().unwrap_or(Place { cell: String::new(), label: String::new() });
        self.put(places, 1, col(Field::Id, Lang::Ja, None), id.to_owned(), anchor.clone());
        self.title_and_code(places, page, record, &anchor);
        self.section_and_department(places, page, record, &anchor);
        for (label, field) in [
            (Label::Issues, Field::Issues),
            (Label::Direction, Field::Direction),
            (Label::PlanContent, Field::PlanContent),
            (Label::Audience, Field::Audience),
            (Label::Implementer, Field::Implementer),
        ] {
            if let Some((l, v)) = page.single.get(&label) {
                let (text, place) = value_of(l, v.as_ref(), label.text());
                self.put(places, 1, col(field, Lang::Ja, None), text, place);
            }
        }
        if let Some((l, v)) = page.single.get(&Label::Achievements) {
            let (text, place) = value_of(l, v.as_ref(), Label::Achievements.text());
            self.put(places, 1, col(Field::Achievements, Lang::Ja, Some(year)), text, place);
        }
        self.related(places, page);
        self.departments(places, page, record);
        self.indicators(places, page, record);
        self.schedule(places, page);
    }

    fn title_and_code(&mut self, places: &mut Places, page: &Page, record: Option<&Project>, anchor: &Place) {
        let Some((_, Some(cell))) = page.single.get(&Label::Title) else { return };
        let place = Place::of(cell, Label::Title.text());
        let (number, rest) = match leading_number(&cell.text) {
            Some((n, rest)) => (Some(n), rest.to_owned()),
            None => (None, cell.text.clone()),
        };
        self.put(places, 1, col(Field::Title, Lang::Ja, None), rest, place.clone());
        let Some(number) = number else { return };
        let code = self.given_code().or_else(|| record.and_then(|r| r.code.clone()));
        match code {
            Some(code) => {
                let last = code.rsplit('-').next().unwrap_or("");
                let circled =
                    last.chars().count() == 1 && last.chars().next().and_then(super::parse::circled).is_some();
                if circled && last != number.to_string() {
                    let message = msg!(
                        ja: "事業名の前に {last} と書くか、コード（区切りの行より下の「コード」の行）を変えてください。事業名は {number} で始まっていますが、事業のコードは {code} です。",
                        en: "事業名 starts with {number}, but the project's code is {code}: write {last} before the name, or change the code (コード below the separator)",
                    );
                    self.problem(places, place, message);
                }
            }
            None => {
                let policy = self.policy_of(record);
                if let Some((_, p)) = policy.as_deref().and_then(|p| self.ctx.site.vocabulary.policy(p)) {
                    let code = format!("{}-{number}", p.code);
                    self.put(places, 1, col(Field::Code, Lang::Ja, None), code, anchor.clone());
                }
            }
        }
    }

    /// The project's policy: given below the separator, or the record's.
    fn policy_of(&self, record: Option<&Project>) -> Option<String> {
        let given = self.entries.get(&(1, col(Field::Item, Lang::Ja, None))).and_then(|e| read_text(&e.text));
        match given {
            Some(cell) => super::super::names::Names::new(&self.ctx.site.vocabulary).policy(&cell),
            None => record.map(|r| r.policy.get_ref().to_string()),
        }
    }

    fn section_and_department(&mut self, places: &mut Places, page: &Page, record: Option<&Project>, anchor: &Place) {
        let names = &self.ctx.names;
        let item = col(Field::Item, Lang::Ja, None);
        if !self.has(1, item) {
            match record {
                Some(r) => {
                    let cell = names.policy_cell(r.policy.get_ref().as_str());
                    self.put(places, 1, item, cell, anchor.clone());
                }
                None => {
                    let message = msg!(
                        ja: "区切りの行「印刷様式にない項目」より下に「項目」の行を加え、その右に施策（例: 1-(3)）を書いてください。新しい事業ですが、計画の施策がシートに書かれていません。",
                        en: "the project is new, and the sheet does not say its plan section: add a row 項目 with the policy (e.g. 1-(3)) below the separator row 印刷様式にない項目",
                    );
                    self.problem(places, anchor.clone(), message);
                }
            }
        }
        let department = col(Field::Department, Lang::Ja, None);
        match (page.single.get(&Label::Department), record) {
            (Some((l, v)), _) => {
                let (text, place) = value_of(l, v.as_ref(), Label::Department.text());
                self.check_division(places, page, &text);
                self.put(places, 1, department, text, place);
            }
            (None, Some(r)) => {
                let cell = names.department_cell(r.department.get_ref().as_str());
                self.put(places, 1, department, cell, anchor.clone());
            }
            (None, None) => {
                let message = msg!(
                    ja: "「課等名」の行を加え、その右に課の名前を書いてください。新しい事業ですが、シートに課等名がありません。",
                    en: "the project is new, and the sheet has no 課等名: add the row 課等名 with the department's name beside it",
                );
                self.problem(places, anchor.clone(), message);
            }
        }
    }

    /// 部等名 must be the division vocabulary.toml gives the department, where it gives one.
    fn check_division(&mut self, places: &mut Places, page: &Page, department: &str) {
        let Some((_, Some(cell))) = page.single.get(&Label::Division) else { return };
        let Some(id) = read_text(department).and_then(|d| self.ctx.names.department(&d)) else { return };
        let voc = &self.ctx.site.vocabulary;
        let Some(division) =
            voc.departments.iter().find(|d| d.id.get_ref().as_str() == id).and_then(|d| d.division_of.as_ref())
        else {
            return;
        };
        let fold = super::labels::fold;
        if fold(&cell.text) != fold(&division.ja) {
            let (department, division, written) = (department.trim(), &division.ja, cell.text.trim());
            let message = msg!(
                ja: "「{division}」と書くか、content/vocabulary.toml の division_of を直してください。content/vocabulary.toml では、「{department}」は「{written}」ではなく「{division}」に属しています。",
                en: "{department} belongs to {division} in content/vocabulary.toml, not to {written}: write {division}, or correct division_of in content/vocabulary.toml",
            );
            self.problem(places, Place::of(cell, Label::Division.text()), message);
        }
    }

    fn related(&mut self, places: &mut Places, page: &Page) {
        let Some((l, v)) = page.single.get(&Label::Related) else { return };
        let (text, place) = value_of(l, v.as_ref(), Label::Related.text());
        match related_cell(&text, &self.ctx.codes) {
            Ok(ids) => self.put(places, 1, col(Field::Related, Lang::Ja, None), ids.join("、"), place),
            Err(message) => self.problem(places, place, message),
        }
    }

    fn departments(&mut self, places: &mut Places, page: &Page, record: Option<&Project>) {
        if let Some((l, v)) = page.single.get(&Label::Lead) {
            let (text, place) = value_of(l, v.as_ref(), Label::Lead.text());
            let (names, note) = lead_cell(&text);
            match self.ctx.department_ids(&names) {
                Err(message) => self.problem(places, place.clone(), message),
                Ok(ids) => {
                    let department = self.department_id(record);
                    let effective: Option<Vec<String>> = record.map(|r| {
                        let lead: Vec<String> = r.lead_departments.iter().map(|d| d.get_ref().to_string()).collect();
                        if lead.is_empty() { vec![r.department.get_ref().to_string()] } else { lead }
                    });
                    let column = col(Field::LeadDepartments, Lang::Ja, None);
                    if effective.as_ref() != Some(&ids) {
                        let cell = if department.is_some_and(|d| ids == [d]) { String::new() } else { ids.join("、") };
                        self.put(places, 1, column, cell, place.clone());
                    }
                }
            }
            self.put(
                places,
                1,
                col(Field::LeadNote, Lang::Ja, None),
                note.map(|n| text_cell(&n)).unwrap_or_default(),
                place,
            );
        }
        if let Some((l, v)) = page.single.get(&Label::RelatedDepartments) {
            let (text, place) = value_of(l, v.as_ref(), Label::RelatedDepartments.text());
            match self.ctx.department_ids(&read_text(&text).unwrap_or_default()) {
                Ok(ids) => self.put(places, 1, col(Field::RelatedDepartments, Lang::Ja, None), ids.join("、"), place),
                Err(message) => self.problem(places, place, message),
            }
        }
    }

    /// The department the project will have: 課等名's, or the record's.
    fn department_id(&self, record: Option<&Project>) -> Option<String> {
        let given = self.entries.get(&(1, col(Field::Department, Lang::Ja, None))).and_then(|e| read_text(&e.text));
        given.and_then(|d| self.ctx.names.department(&d)).or_else(|| record.map(|r| r.department.get_ref().to_string()))
    }

    fn schedule(&mut self, places: &mut Places, page: &Page) {
        const SCH: &str = "年次計画";
        for (j, row) in page.schedule.iter().enumerate() {
            let k = j + 1;
            let first = row.label.as_ref().or(row.statuses.first().map(|(_, c)| c));
            let Some(first) = first else { continue };
            let row_place = Place::of(first, SCH);
            if k > page.indicators.len() {
                places.anchor(self.base + k, self.sheet, row_place.clone());
            }
            let label = row.label.as_ref().map(|c| c.text.clone()).unwrap_or_default();
            let label_place = row.label.as_ref().map(|c| Place::of(c, SCH)).unwrap_or(row_place.clone());
            self.put(places, k, col(Field::ScheduleLabel, Lang::Ja, None), label, label_place);
            for (year, _) in &page.schedule_years {
                let status = row.statuses.iter().find(|(y, _)| y == year);
                let (text, place) = match status {
                    Some((_, c)) => (c.text.clone(), Place::of(c, SCH)),
                    None => (String::new(), row_place.clone()),
                };
                self.put(places, k, col(Field::ScheduleStatus, Lang::Ja, Some(*year)), text, place);
            }
        }
    }

    /// The table: a header row of every column given, then the project's rows; the places
    /// of its cells are recorded in `places`.
    pub fn table(self, places: &mut Places) -> (Table, Vec<Problem>) {
        let columns: Vec<Column> = self.entries.keys().map(|(_, c)| *c).collect::<BTreeSet<_>>().into_iter().collect();
        let index: BTreeMap<Column, usize> = columns.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        let header = Row::new(self.base, columns.iter().map(Column::header).collect());
        let last = self.entries.keys().map(|(k, _)| *k).max().unwrap_or(1);
        let mut rows = vec![header];
        let mut cells: Vec<Vec<String>> = vec![vec![String::new(); columns.len()]; last];
        places.row(self.base, self.sheet);
        for ((k, column), e) in self.entries {
            let i = index[&column];
            cells[k - 1][i] = e.text;
            places.at(self.base + k, self.sheet, &column.header(), e.place);
        }
        for (k, row) in cells.into_iter().enumerate() {
            rows.push(Row::new(self.base + k + 1, row));
        }
        (Table { rows, invalid: Vec::new() }, self.problems)
    }
}

/// The text of a single value and where it is: the value's cell, or the label's when the
/// value is empty (an empty value empties the field).
fn value_of(label: &Cell, value: Option<&Cell>, name: &str) -> (String, Place) {
    match value {
        Some(v) => (v.text.clone(), Place::of(v, name)),
        None => (String::new(), Place::of(label, name)),
    }
}
