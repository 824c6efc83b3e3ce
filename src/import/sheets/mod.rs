//! The printed report's layout (Tomisato's): one sheet per project, the labels down the
//! left (部等名, 課等名, 事業名, 現状・課題 … 取組実績) with each value beside its label, an
//! indicator block and a yearly-plan block; below a separator row 印刷様式にない項目, the
//! fields the printed page cannot hold (English texts, codes, other years …), one row
//! each, named as the table layout names its columns.
//!
//! ```text
//! page::read_page()      a sheet's labels, values and blocks        (page.rs, labels.rs)
//! which project          the ID row, the sheet's name, or 事業名 and 課等名 matched to a record
//! project::Builder       the sheet as a small table of the table layout (project.rs, parse.rs)
//! layout::read_sheet()   what it says about the project, as for the table layout
//! ```
//!
//! Everything after reading (the in-place update, the check, the atomic commit) is the
//! table import's. Problems name the sheet, the cell and its label ([`places`]).

mod export;
mod export_values;
mod indicators;
pub mod labels;
mod page;
mod parse;
mod places;
mod project;

use std::collections::HashMap;

use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::msg;
use crate::msg::Msg;

use super::Problem;
use super::columns::{Header, parse_header};
use super::layout::{Sheet, read_sheet};
use super::names::Names;
use super::read::Table;
use super::workbook::NamedTable;
pub use export::export_sheets;
use labels::Label;
use page::Page;
use places::Place;
pub use places::Places;
use places::in_sheet;

/// What the sheets of a workbook say, with where each problem is.
#[derive(Debug, Default)]
pub struct SheetsRead {
    pub sheet: Sheet,
    pub places: Places,
    /// Sheets and rows not read, and why.
    pub warnings: Vec<Msg>,
}

/// Whether a sheet is laid out as the table: a row with a cell 事業名 and two more cells
/// that name columns of the table (a printed page's 事業名 has one value beside it).
pub fn is_table(table: &Table) -> bool {
    table.rows.iter().any(|r| {
        let columns = r.cells().filter(|(_, c)| c.trim() != "事業名");
        r.cells().any(|(_, c)| c.trim() == "事業名")
            && columns.filter(|(_, c)| matches!(parse_header(c), Header::Exact(_) | Header::Loose(_))).count() >= 2
    })
}

/// Whether a sheet has a label of the printed page in the first filled cell of a row.
pub fn has_labels(table: &Table) -> bool {
    let label = |c: &str| labels::label_of(c).is_some_and(|(l, _)| l != Label::Progress);
    table.rows.iter().any(|r| r.cells().next().is_some_and(|(_, c)| label(c)))
}

/// What the reading of every sheet shares.
pub(crate) struct Context<'a> {
    site: &'a Site,
    names: Names<'a>,
    /// Printed codes and the IDs they stand for, longest first: the site's records' and
    /// the workbook's.
    codes: Vec<(String, String)>,
}

impl Context<'_> {
    /// The department IDs of a list of department names; the error names what is not one.
    fn department_ids(&self, cell: &str) -> Result<Vec<String>, Msg> {
        let mut ids = Vec::new();
        for item in parse::department_items(&self.names, cell) {
            match self.names.department(item) {
                Some(id) => ids.push(id),
                None => {
                    let known = self.names.department_names();
                    return Err(msg!(
                        ja: "content/vocabulary.toml にある課の名前を書いてください（{known}）。\"{item}\" という課はありません。",
                        en: "\"{item}\" is not a department in content/vocabulary.toml ({known})",
                    ));
                }
            }
        }
        Ok(ids)
    }
}

/// A sheet that reads as a project, before its table is made.
struct Found {
    name: String,
    page: Page,
}

/// Reads every sheet of a workbook laid out as the printed report. `year` is --year: the
/// year of 取組実績 on sheets without a 進捗状況 heading that names it (default: the site's
/// reported year).
pub fn read_sheets(sheets: &[NamedTable], site: &Site, year: Option<FiscalYear>) -> SheetsRead {
    let mut out = SheetsRead::default();
    let mut found = Vec::new();
    for s in sheets {
        let page = page::read_page(&s.table);
        if !page.has_labels && page.extras.is_empty() {
            let m = msg!(
                ja: "左の列に印刷用の報告書の見出し（事業名、現状・課題 …）が一つもないため、このシートは読み込んでいません。",
                en: "none of the labels of the printed report (事業名, 現状・課題 …) is in its left column: sheet not read",
            );
            out.warnings.push(in_sheet(&s.name, &m));
            continue;
        }
        found.push(Found { name: s.name.clone(), page });
    }
    let names = Names::new(&site.vocabulary);
    let mut codes: HashMap<String, String> = HashMap::new();
    for f in &site.projects {
        if let Some(code) = &f.record.code {
            codes.insert(code.clone(), f.record.id.get_ref().to_string());
        }
    }
    let mut base = 1;
    let mut located = Vec::new();
    for f in found {
        let sheet = out.places.sheet(&f.name);
        let at = Where { sheet, base };
        // The sheet's table has a row per indicator, yearly-plan row and cell right of a
        // label below the separator, at most: the next sheet's rows come after them.
        let extra_rows = f.page.extras.iter().flat_map(|r| r.cells.iter().map(|(k, _)| *k)).max().unwrap_or(0);
        base += (f.page.indicators.len() + f.page.schedule.len()).max(extra_rows) + 2;
        out.places.row(at.base, sheet);
        let id = which_project(&mut out, at, &f, site, &names);
        for w in &f.page.warnings {
            out.warnings.push(in_sheet(&f.name, w));
        }
        if let (Some(id), Some(code)) = (&id, given(&f.page, super::columns::Field::Code)) {
            codes.insert(code, id.clone());
        }
        located.push((f, at, id));
    }
    let mut by_length: Vec<(String, String)> = codes.into_iter().collect();
    by_length.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let ctx = Context { site, names, codes: by_length };
    let mut first_sheet: HashMap<String, String> = HashMap::new();
    for (f, at, id) in located {
        let mut b = project::Builder::new(&ctx, at.sheet, at.base);
        for (cell, label, message) in &f.page.problems {
            b.problem(&mut out.places, Place::of(cell, label.as_str()), message.clone());
        }
        b.extras(&mut out.places, &f.page);
        read_one(&mut out, f, b, id, &ctx, year, &mut first_sheet);
    }
    out.sheet.problems.sort_by_key(|p| p.row);
    out
}

/// Which sheet a table is, and the number of its header row.
#[derive(Debug, Clone, Copy)]
struct Where {
    sheet: usize,
    base: usize,
}

/// The text of the cell right of a row below the separator naming `field`.
fn given(page: &Page, field: super::columns::Field) -> Option<String> {
    let row = page.extras.iter().find(|r| r.column.field == field)?;
    row.cells.iter().find(|(k, _)| *k == 1).and_then(|(_, c)| super::values::read_text(&c.text))
}

/// Makes a sheet's table and reads the project from it.
fn read_one(
    out: &mut SheetsRead,
    f: Found,
    mut b: project::Builder<'_>,
    id: Option<String>,
    ctx: &Context<'_>,
    year: Option<FiscalYear>,
    first_sheet: &mut HashMap<String, String>,
) {
    let places = &mut out.places;
    let Some(id) = id else {
        out.sheet.problems.append(&mut b.problems);
        return;
    };
    if let Some(earlier) = first_sheet.get(&id) {
        let place = anchor(&f.page);
        let message = msg!(
            ja: "一つの事業につき、シートは一つにしてください。このシートは事業 {id} で、シート「{earlier}」も同じ事業です。",
            en: "this sheet is the project {id}, as is the sheet {earlier}: keep one sheet per project",
        );
        b.problem(places, place, message);
        out.sheet.problems.append(&mut b.problems);
        return;
    }
    first_sheet.insert(id.clone(), f.name.clone());
    let record = ctx.site.by_id.get(&id).map(|&i| &ctx.site.projects[i].record);
    let report_year =
        f.page.progress.as_ref().and_then(|(_, y)| *y).or(year).unwrap_or_else(|| ctx.site.reported_year());
    b.printed(places, &f.page, &id, record, report_year);
    let complete = b.has_section_and_department();
    let (table, mut problems) = b.table(places);
    if !complete {
        // Said already: the project cannot be read without its section and department.
        out.sheet.problems.append(&mut problems);
        return;
    }
    let sheet = read_sheet(&table, &ctx.site.vocabulary, Some(report_year), report_year);
    out.sheet.problems.append(&mut problems);
    out.sheet.problems.extend(sheet.problems);
    for mut p in sheet.projects {
        p.sheet = Some(f.name.clone());
        p.generated_code = String::new();
        out.sheet.projects.push(p);
    }
    out.sheet.year = out.sheet.year.or(sheet.year);
}

/// Where a problem about the whole sheet goes: its 事業名 label.
fn anchor(page: &Page) -> Place {
    match page.single.get(&Label::Title) {
        Some((l, _)) => Place::of(l, Label::Title.text()),
        None => Place { cell: String::new(), label: String::new() },
    }
}

/// The ID of the project a sheet is: the ID row's, else the sheet's name if it is an ID,
/// else the record whose 事業名 (and number) and department the sheet has.
fn which_project(out: &mut SheetsRead, at: Where, f: &Found, site: &Site, names: &Names<'_>) -> Option<String> {
    let place = anchor(&f.page);
    let mut problem = |place: Place, message: Msg| {
        let p = out.places.problem(at.base, at.sheet, place, message);
        out.sheet.problems.push(p);
    };
    let Some((_, title)) = f.page.single.get(&Label::Title) else {
        let message = msg!(
            ja: "「事業名」の行を加え、その右に事業の名前を書いてください。このシートには印刷用の報告書の見出しがありますが、「事業名」がありません。",
            en: "the sheet has labels of the printed report but no 事業名: add a row 事業名 with the project's name beside it",
        );
        problem(place, message);
        return None;
    };
    let name: String = f.name.trim().chars().map(crate::width::narrow).collect();
    let by_name = crate::slug::Slug::parse(&name).ok().map(|_| name.clone());
    let id_row = f.page.extras.iter().find(|r| r.column.field == super::columns::Field::Id);
    let id_cell = id_row.and_then(|r| r.cells.iter().find(|(k, _)| *k == 1)).map(|(_, c)| c);
    if let Some(cell) = id_cell.filter(|c| super::values::read_text(&c.text).is_some()) {
        let given = super::values::read_text(&cell.text).unwrap_or_default();
        let given_place = Place::of(cell, "ID");
        if let Err(e) = crate::slug::Slug::parse(&given) {
            problem(given_place, e.one_line());
            return None;
        }
        if let Some(n) = by_name.filter(|n| *n != given) {
            let message = msg!(
                ja: "シートの名前を {given} に変えるか、IDを直してください。シートの名前は「{n}」ですが、ID の行には {given} と書かれています。",
                en: "the sheet is named {n}, but its ID row says {given}: rename the sheet to {given}, or correct the ID",
            );
            problem(given_place, message);
            return None;
        }
        return Some(given);
    }
    if by_name.is_some() {
        return by_name;
    }
    let Some(title) = title else {
        let message = msg!(
            ja: "「事業名」の右に事業の名前を書いてください。事業名が空です。",
            en: "事業名 is empty: write the project's name beside it",
        );
        problem(place, message);
        return None;
    };
    let matches = matching_records(&title.text, &f.page, site, names);
    match matches.as_slice() {
        [id] => Some(id.clone()),
        [] => {
            let (name, written) = (&f.name, title.text.trim());
            let message = msg!(
                ja: "シートの名前を事業のID（例: 1-1-2）に変えてください。新しい事業であれば、新しいIDにしてください。シートの名前「{name}」は事業のIDではなく、この課には「{written}」という事業もありません。",
                en: "the sheet's name {name} is not a project ID, and no project is named {written} in this department: rename the sheet to the project's ID (e.g. 1-1-2), or to a new ID for a new project",
            );
            problem(Place::of(title, Label::Title.text()), message);
            None
        }
        several => {
            let (name, ids) = (&f.name, several.join(", "));
            let message = msg!(
                ja: "シートの名前を事業のIDに変えてください。シートの名前「{name}」は事業のIDではなく、この事業名の事業が複数あります（{ids}）。",
                en: "the sheet's name {name} is not a project ID, and the projects {ids} have this 事業名: rename the sheet to the project's ID",
            );
            problem(Place::of(title, Label::Title.text()), message);
            None
        }
    }
}

/// The records with the sheet's 事業名 (spaces and widths aside), its number (if the
/// record's code ends with one) and its 課等名.
fn matching_records(title: &str, page: &Page, site: &Site, names: &Names<'_>) -> Vec<String> {
    let fold = labels::fold;
    let (number, name) = match parse::leading_number(title) {
        Some((n, rest)) => (Some(n), fold(rest)),
        None => (None, fold(title)),
    };
    let department =
        page.single.get(&Label::Department).and_then(|(_, v)| v.as_ref()).and_then(|v| names.department(v.text.trim()));
    let mut ids: Vec<String> = site
        .projects
        .iter()
        .map(|f| &f.record)
        .filter(|r| fold(&r.title.get_ref().ja) == name)
        .filter(|r| department.as_ref().is_none_or(|d| r.department.get_ref().as_str() == d))
        .filter(|r| {
            let last = r.code.as_deref().and_then(|c| c.rsplit('-').next()).unwrap_or("");
            number.is_none_or(|n| last.chars().next().and_then(parse::circled).is_none() || last.starts_with(n))
        })
        .map(|r| r.id.get_ref().to_string())
        .collect();
    ids.sort();
    ids
}

/// The problems of an import as a clerk reads them.
pub fn describe(places: &Places, p: &Problem) -> Msg {
    places.describe(p)
}
