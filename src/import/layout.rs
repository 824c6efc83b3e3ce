//! Mapping a table to what it says about each project ([`SheetProject`]), reporting every
//! cell that cannot be mapped with its row and column instead of guessing.
//!
//! A row with a 事業名 starts a project; the rows below it with an empty 事業名 (and the same
//! ID, or none) continue it, one indicator and one yearly-plan row per row. 項目 may be left
//! empty to mean "the same as the row above", as in the printed report.

use std::collections::{BTreeSet, HashMap};

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::model::Vocabulary;
use crate::msg;
use crate::msg::Msg;
use crate::slug::Slug;

use super::Problem;
use super::columns::{Column, Field, Header, Kind, parse_header};
use super::names::Names;
use super::read::{Row, Table, column_letters};
use super::sheet::{Given, SheetProject, SheetText};
use super::values::read_text;

/// What a table says about its projects, and what could not be read.
#[derive(Debug, Default)]
pub struct Sheet {
    /// The fiscal year of the report columns without a year.
    pub year: Option<FiscalYear>,
    pub projects: Vec<SheetProject>,
    pub problems: Vec<Problem>,
}

/// The header row: where each column is.
pub(super) struct Head {
    pub row: usize,
    pub year: FiscalYear,
    index: HashMap<Column, usize>,
    /// The header of each column as the sheet writes it, for messages.
    names: HashMap<usize, String>,
    /// Japanese value columns (基準値, 目標値, 現状値 of any year), in sheet order.
    pub values: Vec<(Kind, Option<FiscalYear>, usize)>,
    /// The other columns of values: English, label, note, met.
    pub value_extras: Vec<(Kind, Option<FiscalYear>, usize)>,
    report_years: BTreeSet<FiscalYear>,
    pub schedule: Vec<(FiscalYear, usize)>,
    /// Columns of an indicator, of a yearly-plan row, and of the project's first row.
    indicator_columns: Vec<usize>,
    schedule_columns: Vec<usize>,
    project_columns: Vec<usize>,
}

impl Head {
    /// Where the column of `field` in `lang` for `year` is.
    pub fn col(&self, field: Field, lang: Lang, year: Option<FiscalYear>) -> Option<usize> {
        self.index.get(&Column::new(field, lang, year)).copied()
    }

    /// A column's header as the sheet writes it, for messages.
    pub fn name(&self, column: usize) -> String {
        self.names.get(&column).cloned().unwrap_or_else(|| column_letters(column))
    }

    /// The text of a cell, and whether the sheet has the column.
    pub fn text(&self, row: &Row, field: Field, lang: Lang, year: Option<FiscalYear>) -> (bool, Option<String>) {
        match self.col(field, lang, year) {
            Some(c) => (true, read_text(row.get(c))),
            None => (false, None),
        }
    }

    /// What a cell gives for a field.
    pub fn given(&self, row: &Row, field: Field, lang: Lang, year: Option<FiscalYear>) -> Given<String> {
        let (has, value) = self.text(row, field, lang, year);
        Given::from_cell(has, value)
    }

    /// A text field from its Japanese and English columns.
    pub fn sheet_text(&self, row: &Row, field: Field, year: Option<FiscalYear>) -> SheetText {
        SheetText { ja: self.given(row, field, Lang::Ja, year), en: self.given(row, field, Lang::En, year) }
    }
}

/// Finds the header row (the first row with a cell 事業名) and reads its columns.
fn read_head(
    table: &Table,
    year: Option<FiscalYear>,
    default_year: FiscalYear,
    problems: &mut Vec<Problem>,
) -> Option<Head> {
    let header = table.rows.iter().find(|r| r.cells().any(|(_, c)| c.trim() == "事業名"))?;
    let mut parsed: Vec<(usize, Column, bool)> = Vec::new();
    let mut names = HashMap::new();
    for (c, cell) in header.cells() {
        names.insert(c, cell.split_whitespace().collect::<Vec<_>>().join(" "));
        match parse_header(cell) {
            Header::Exact(col) => parsed.push((c, col, true)),
            Header::Loose(col) => parsed.push((c, col, false)),
            Header::Wrong(message) => {
                problems.push(Problem { row: header.number, column: Some(names[&c].clone()), message })
            }
            Header::Other => {}
        }
    }
    // The sheet's year: --year, else the year of its first 現状値 column.
    let first_actual =
        parsed.iter().find_map(|(_, col, _)| (col.field == Field::Value(Kind::Actual)).then_some(col.year).flatten());
    let year = year.or(first_actual).unwrap_or(default_year);
    let mut head = Head {
        row: header.number,
        year,
        index: HashMap::new(),
        names,
        values: Vec::new(),
        value_extras: Vec::new(),
        report_years: BTreeSet::new(),
        schedule: Vec::new(),
        indicator_columns: Vec::new(),
        schedule_columns: Vec::new(),
        project_columns: Vec::new(),
    };
    let mut exact: HashMap<Column, bool> = HashMap::new();
    for (c, col, is_exact) in parsed {
        head.add_column(c, col, is_exact, &mut exact, problems);
    }
    head.values.sort_by_key(|(_, _, c)| *c);
    head.schedule.sort_by_key(|(y, _)| *y);
    Some(head)
}

impl Head {
    /// Adds column `c` of the header: its year (the sheet's, where the header names
    /// none and the column is of the reported year), and the lists it belongs to. A column
    /// given twice is a problem when either is named exactly.
    fn add_column(
        &mut self,
        c: usize,
        mut col: Column,
        is_exact: bool,
        exact: &mut HashMap<Column, bool>,
        problems: &mut Vec<Problem>,
    ) {
        let report_field = matches!(
            col.field,
            Field::Achievements | Field::Partners | Field::Grade | Field::Effect | Field::Improvement
        );
        if col.year.is_none()
            && (report_field
                || matches!(
                    col.field,
                    Field::Value(Kind::Actual)
                        | Field::ValueLabel(Kind::Actual)
                        | Field::ValueNote(Kind::Actual)
                        | Field::ValueMet
                ))
        {
            col.year = Some(self.year);
        }
        if let Some(&first) = self.index.get(&col) {
            if is_exact || exact[&col] {
                let (header, a, b) = (col.header(), column_letters(first), column_letters(c));
                let message = msg!(
                    ja: "どちらか一つを残してください。列 {header} が二つあります（{a}列と{b}列）。",
                    en: "the column {header} appears twice (columns {a} and {b}): keep one",
                );
                problems.push(Problem { row: self.row, column: Some(self.name(c)), message });
            }
            return;
        }
        exact.insert(col, is_exact);
        self.index.insert(col, c);
        if report_field {
            self.report_years.extend(col.year);
        }
        match (col.field, col.lang) {
            (Field::Value(kind), Lang::Ja) => self.values.push((kind, col.year, c)),
            (Field::Value(kind) | Field::ValueLabel(kind) | Field::ValueNote(kind), _) => {
                self.value_extras.push((kind, col.year, c))
            }
            (Field::ValueMet, _) => self.value_extras.push((Kind::Actual, col.year, c)),
            (Field::ScheduleStatus, _) => self.schedule.extend(col.year.map(|y| (y, c))),
            _ => {}
        }
        match col.field {
            Field::Id => {}
            Field::ScheduleLabel | Field::ScheduleStatus => self.schedule_columns.push(c),
            f if f.is_project_field() => self.project_columns.push(c),
            _ => self.indicator_columns.push(c),
        }
    }
}

/// Maps a table to projects. `year` is the --year option; without it the report columns
/// are for the year of the first 現状値 column, else `default_year`.
pub fn read_sheet(table: &Table, vocabulary: &Vocabulary, year: Option<FiscalYear>, default_year: FiscalYear) -> Sheet {
    let mut problems = Vec::new();
    let Some(head) = read_head(table, year, default_year, &mut problems) else {
        problems.push(Problem {
            row: 1,
            column: None,
            message: msg!(
                ja: "最初の行に列の見出しを書き、その中に「事業名」の列を入れてください。見出しの行がありません。",
                en: "no header row: the first row must name the columns, with a column 事業名",
            ),
        });
        return Sheet { year: None, projects: Vec::new(), problems };
    };
    for needed in [Field::Title, Field::Department] {
        if head.col(needed, Lang::Ja, None).is_none() {
            problems.push(Problem {
                row: head.row,
                column: None,
                message: msg!(
                    ja: "見出しの行に {name} の列を加えてください。{name} の列がありません。",
                    en: "no column {name}: add it to the header row",
                    name = needed.name(),
                ),
            });
        }
    }
    for cell in &table.invalid {
        let imported = head.index.values().any(|&c| c == cell.column);
        if cell.row > head.row && imported {
            let message = msg!(
                ja: "セルの書式を「文字列」にして、表示したいとおりに値を入力してください。このセルは文字でも数値でもなく、{what}です。",
                en: "the cell holds {what}, not a text or a number: format the cell as text (文字列) and type the value as it should read",
                what = &cell.what,
            );
            problems.push(Problem { row: cell.row, column: Some(head.name(cell.column)), message });
        }
    }
    let names = Names::new(vocabulary);
    let mut reader = Reader {
        head: &head,
        names: &names,
        vocabulary,
        problems,
        projects: Vec::new(),
        first_rows: HashMap::new(),
        per_policy: HashMap::new(),
        policy: String::new(),
    };
    reader.rows(table);
    let Reader { mut problems, projects, .. } = reader;
    problems.sort_by_key(|p| p.row);
    Sheet { year: Some(head.year), projects, problems }
}

/// The state of reading the rows.
pub(super) struct Reader<'a> {
    pub head: &'a Head,
    pub names: &'a Names<'a>,
    vocabulary: &'a Vocabulary,
    problems: Vec<Problem>,
    pub projects: Vec<SheetProject>,
    /// The first row of each project id, to report an id given to two projects.
    first_rows: HashMap<String, usize>,
    per_policy: HashMap<String, usize>,
    /// The 項目 of the row above.
    policy: String,
}

/// The project the rows below a project row belong to.
enum Current {
    None,
    Project,
    /// A project whose first row could not be read: its other rows are skipped.
    Skipped(String),
}

impl Reader<'_> {
    /// How many problems have been found so far.
    pub fn problems_len(&self) -> usize {
        self.problems.len()
    }

    /// Records a problem at a row and column.
    pub fn problem(&mut self, row: usize, column: Option<usize>, message: Msg) {
        let column = column.map(|c| self.head.name(c));
        self.problems.push(Problem { row, column, message });
    }

    fn rows(&mut self, table: &Table) {
        let head = self.head;
        let id_col = head.col(Field::Id, Lang::Ja, None);
        let title_col = head.col(Field::Title, Lang::Ja, None);
        let mut current = Current::None;
        // Rows between the header and the first project continue the header (the printed
        // reports have a second header line with the hint ①～⑦).
        let mut in_header = true;
        for row in table.rows.iter().filter(|r| r.number > head.row) {
            let title = title_col.and_then(|c| read_text(row.get(c)));
            let id = id_col.and_then(|c| read_text(row.get(c)));
            let filled = |columns: &[usize]| columns.iter().any(|&c| read_text(row.get(c)).is_some());
            let (has_indicator, has_schedule) = (filled(&head.indicator_columns), filled(&head.schedule_columns));
            let has_row_content = has_indicator || has_schedule;
            let current_id = match &current {
                Current::Project => self.projects.last().map(|p| p.id.clone()),
                Current::Skipped(id) => Some(id.clone()),
                Current::None => None,
            };
            let continuation = title.is_none() && current_id.is_some() && (id.is_none() || id == current_id);
            if title.is_none() && in_header && id.is_none() && !has_row_content {
                continue;
            }
            in_header = false;
            if title.is_none() && !(continuation && has_row_content) {
                if read_text_any(row) {
                    let message = msg!(
                        ja: "事業名も指標の値もないため、この行は読み込んでいません。",
                        en: "no 事業名 and no indicator values: row skipped",
                    );
                    self.problem(row.number, title_col, message);
                }
                continue;
            }
            match (&current, title) {
                (Current::Skipped(_), None) => continue,
                (_, Some(title)) => {
                    current = match self.project(row, title, id) {
                        Ok(()) => Current::Project,
                        Err(id) => Current::Skipped(id),
                    };
                    if matches!(current, Current::Skipped(_)) {
                        continue;
                    }
                }
                (_, None) => {
                    for &c in &head.project_columns {
                        if read_text(row.get(c)).is_some() {
                            let message = msg!(
                                ja: "このセルを、上の事業の最初の行へ移してください。この行は事業名が空なので上の事業の続きとして読みますが、この列は事業の最初の行からしか読みません。",
                                en: "this row continues the project above (its 事業名 is empty), which takes this column from its first row only: move the cell to that row",
                            );
                            self.problem(row.number, Some(c), message);
                        }
                    }
                }
            }
            if has_indicator
                && let Some(indicator) = self.indicator(row)
                && let Some(p) = self.projects.last_mut()
            {
                p.indicators.push(indicator);
            }
            if has_schedule {
                self.schedule(row);
            }
        }
    }

    /// Reads a project's first row; on failure returns the id its other rows go by.
    fn project(&mut self, row: &Row, title: String, id: Option<String>) -> Result<(), String> {
        let head = self.head;
        let n0 = self.problems.len();
        let Some(department) = self.section_and_department(row) else {
            return Err(id.unwrap_or_default());
        };
        let (id, n) = self.project_id(row, id)?;
        let generated_code =
            self.vocabulary.policy(&self.policy).map(|(_, p)| format!("{}-{n}", p.code.ja)).unwrap_or_default();
        let mut project = SheetProject {
            row: row.number,
            id: id.clone(),
            code: head.given(row, Field::Code, Lang::Ja, None),
            generated_code,
            policy: self.policy.clone(),
            title: SheetText { ja: Given::Set(title), en: head.given(row, Field::Title, Lang::En, None) },
            department,
            lead_departments: self.departments(row, Field::LeadDepartments),
            lead_note: head.sheet_text(row, Field::LeadNote, None),
            related_departments: self.departments(row, Field::RelatedDepartments),
            issues: head.sheet_text(row, Field::Issues, None),
            direction: head.sheet_text(row, Field::Direction, None),
            plan_content: head.sheet_text(row, Field::PlanContent, None),
            audience: head.sheet_text(row, Field::Audience, None),
            implementer: head.sheet_text(row, Field::Implementer, None),
            related: self.related(row),
            ..SheetProject::default()
        };
        for &year in &head.report_years {
            let report = self.report(row, year);
            project.reports.push(report);
        }
        self.projects.push(project);
        if self.problems.len() > n0 { Err(id) } else { Ok(()) }
    }

    /// The plan section of a row (its 項目, or the row above's) and its department; a
    /// problem and `None` where either is not in the vocabulary.
    fn section_and_department(&mut self, row: &Row) -> Option<String> {
        let head = self.head;
        let item_col = head.col(Field::Item, Lang::Ja, None);
        if let Some(item) = item_col.and_then(|c| read_text(row.get(c))) {
            match self.names.policy(&item) {
                Some(p) => self.policy = p,
                None => {
                    let known = self.names.policy_names();
                    self.problem(
                        row.number,
                        item_col,
                        msg!(
                            ja: "content/vocabulary.toml にある施策を書いてください（{known}）。\"{item}\" という施策はありません。",
                            en: "\"{item}\" is not a policy in content/vocabulary.toml ({known})",
                        ),
                    );
                    return None;
                }
            }
        }
        if self.policy.is_empty() {
            let message = msg!(
                ja: "項目（計画の施策）を書いてください。この行にも、上の行にも項目がありません。",
                en: "no 項目 (plan section) on this row or any row above",
            );
            self.problem(row.number, item_col, message);
            return None;
        }
        let dept_col = head.col(Field::Department, Lang::Ja, None);
        let dept_cell = dept_col.and_then(|c| read_text(row.get(c))).unwrap_or_default();
        let department = self.names.department(&dept_cell);
        if department.is_none() {
            let known = self.names.department_names();
            self.problem(
                row.number,
                dept_col,
                msg!(
                    ja: "content/vocabulary.toml にある課の名前を書いてください（{known}）。\"{dept_cell}\" という課はありません。",
                    en: "\"{dept_cell}\" is not a department in content/vocabulary.toml ({known})",
                ),
            );
            return None;
        }
        department
    }

    /// The project's ID (given, or its section and number) and its number in the section;
    /// a problem and `Err` where the ID is not one or is taken.
    fn project_id(&mut self, row: &Row, id: Option<String>) -> Result<(String, usize), String> {
        let head = self.head;
        let n = {
            let n = self.per_policy.entry(self.policy.clone()).or_default();
            *n += 1;
            *n
        };
        let given_id = id.is_some();
        let id = id.unwrap_or_else(|| format!("{}-{n}", self.policy));
        let id_col = head.col(Field::Id, Lang::Ja, None);
        if let Err(e) = Slug::parse(&id) {
            self.problem(row.number, id_col, e.one_line());
            return Err(id);
        }
        if let Some(first) = self.first_rows.get(&id).copied() {
            let message = if given_id {
                msg!(
                    ja: "事業ごとに別のIDを付けてください（事業名が空の行は、上の事業の続きとして読みます）。ID {id} は{first}行目の事業のIDと同じです。",
                    en: "the ID {id} is also the ID of the project on row {first}: give each project its own ID (the rows below a project, with an empty 事業名, continue it)",
                )
            } else {
                msg!(
                    ja: "ID の列にIDを書いてください。この行の事業には項目と番号から ID {id} が付きますが、これは{first}行目の事業のIDと同じです。",
                    en: "this row's project would get the ID {id} (its 項目 and number), which is the ID of the project on row {first}: write an ID in the ID column",
                )
            };
            self.problem(row.number, id_col.or(head.col(Field::Title, Lang::Ja, None)), message);
            return Err(id);
        }
        self.first_rows.insert(id.clone(), row.number);
        Ok((id, n))
    }
}

/// Whether a row has any filled cell at all.
fn read_text_any(row: &Row) -> bool {
    row.cells().any(|(_, c)| read_text(c).is_some())
}
