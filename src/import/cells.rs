//! The cells of a project's first row that name other things: departments and related
//! projects in list cells, the reports of each fiscal year (grade, partners, texts), and
//! the statuses of a yearly-plan row.

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::msg;
use crate::slug::Slug;

use super::columns::Field;
use super::layout::Reader;
use super::names::split_list;
use super::read::Row;
use super::sheet::{Given, SheetReport, SheetSchedule};
use super::values::read_text;

impl Reader<'_> {
    /// A list of departments (主たる部署, 関係部署), by name or id.
    pub(super) fn departments(&mut self, row: &Row, field: Field) -> Given<Vec<String>> {
        let Some(c) = self.head.col(field, Lang::Ja, None) else { return Given::Missing };
        let Some(cell) = read_text(row.get(c)) else { return Given::Empty };
        let mut ids = Vec::new();
        for name in split_list(&cell) {
            match self.names.department(name) {
                Some(id) => ids.push(id),
                None => {
                    let known = self.names.department_names();
                    self.problem(
                        row.number,
                        Some(c),
                        msg!(
                            ja: "content/vocabulary.toml にある課の名前を書いてください（{known}）。\"{name}\" という課はありません。",
                            en: "\"{name}\" is not a department in content/vocabulary.toml ({known})",
                        ),
                    );
                }
            }
        }
        Given::Set(ids)
    }

    /// 主な関連事業: project ids.
    pub(super) fn related(&mut self, row: &Row) -> Given<Vec<String>> {
        let Some(c) = self.head.col(Field::Related, Lang::Ja, None) else { return Given::Missing };
        let Some(cell) = read_text(row.get(c)) else { return Given::Empty };
        let mut ids = Vec::new();
        for id in split_list(&cell) {
            match Slug::parse(id) {
                Ok(_) => ids.push(id.to_owned()),
                Err(e) => self.problem(
                    row.number,
                    Some(c),
                    msg!(
                        ja: "関連する事業のIDを「、」で区切って書いてください。{e}",
                        en: "{e}: write the IDs of related projects separated by 、",
                        e = e.one_line(),
                    ),
                ),
            }
        }
        Given::Set(ids)
    }

    /// The report of one fiscal year from the report columns of that year.
    pub(super) fn report(&mut self, row: &Row, year: FiscalYear) -> SheetReport {
        let head = self.head;
        let partners = match head.col(Field::Partners, Lang::Ja, Some(year)) {
            None => Given::Missing,
            Some(c) => match read_text(row.get(c)) {
                None => Given::Empty,
                Some(cell) => match self.names.partners(&cell) {
                    Ok(ids) => Given::Set(ids),
                    Err(unknown) => {
                        for u in unknown {
                            self.problem(
                                row.number,
                                Some(c),
                                msg!(
                                    ja: "content/vocabulary.toml にある協働の相手の記号を書いてください。「{u}」という記号はありません。",
                                    en: "「{u}」 is not a partner code in content/vocabulary.toml",
                                ),
                            );
                        }
                        Given::Missing
                    }
                },
            },
        };
        let grade = match head.col(Field::Grade, Lang::Ja, Some(year)) {
            None => Given::Missing,
            Some(c) => match read_text(row.get(c)) {
                None => Given::Empty,
                Some(label) => match self.names.grade(&label) {
                    Some(id) => Given::Set(id),
                    None => {
                        self.problem(
                            row.number,
                            Some(c),
                            msg!(
                                ja: "content/vocabulary.toml にある評価を書いてください。\"{label}\" という評価はありません。",
                                en: "\"{label}\" is not a grade in content/vocabulary.toml",
                            ),
                        );
                        Given::Missing
                    }
                },
            },
        };
        SheetReport {
            year,
            grade,
            partners,
            achievements: head.sheet_text(row, Field::Achievements, Some(year)),
            effect: head.sheet_text(row, Field::Effect, Some(year)),
            improvement: head.sheet_text(row, Field::Improvement, Some(year)),
        }
    }

    /// A row of the yearly plan.
    pub(super) fn schedule(&mut self, row: &Row) {
        let head = self.head;
        let label = head.sheet_text(row, Field::ScheduleLabel, None);
        let mut years = Vec::new();
        for &(year, c) in &head.schedule {
            let status = match read_text(row.get(c)) {
                None => Given::Empty,
                Some(cell) => match self.names.status(&cell) {
                    Some(id) => Given::Set(id),
                    None => {
                        self.problem(
                            row.number,
                            Some(c),
                            msg!(
                                ja: "content/vocabulary.toml にある年次計画の状況を書いてください。\"{cell}\" という状況はありません。",
                                en: "\"{cell}\" is not a yearly-plan status in content/vocabulary.toml",
                            ),
                        );
                        continue;
                    }
                },
            };
            years.push((year, status));
        }
        if let Some(p) = self.projects.last_mut() {
            p.schedule.push(SheetSchedule { row: row.number, label, years });
        }
    }
}
