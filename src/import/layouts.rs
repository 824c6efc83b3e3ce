//! The two layouts a workbook may have, and which one it is: the table (a header row, one
//! row per project: Nasushiobara's, and what `kyodo export` writes) or the printed
//! report's sheets (one sheet per project, labels down the left: Tomisato's, and what
//! `kyodo export --layout sheets` writes).
//!
//! A workbook whose first sheet has the table's header row is a table; otherwise one whose
//! sheets carry the labels of the printed page is the sheets layout. `--layout` forces
//! either.

use std::path::Path;

use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::msg;
use crate::msg::Msg;

use super::Problem;
use super::layout::{Sheet, read_sheet};
use super::read::LIMITS;
use super::sheets::{Places, SheetsRead, has_labels, is_table, read_sheets};
use super::workbook::{Sheets, read_workbook};

/// A layout of the spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One header row, one row per project (the default of export).
    Table,
    /// One sheet per project, laid out as the printed report.
    Sheets,
}

/// What a spreadsheet says about its projects, in either layout.
#[derive(Debug)]
pub struct Imported {
    pub layout: Layout,
    pub sheet: Sheet,
    /// Sheets and rows not read.
    pub warnings: Vec<Msg>,
    places: Option<Places>,
}

impl Imported {
    /// A problem as a clerk reads it: with row and column in the table layout, with the
    /// sheet, cell and label in the sheets layout (`1-1-2!B14 (主たる部署): …`).
    pub fn describe(&self, p: &Problem) -> Msg {
        match &self.places {
            Some(places) => places.describe(p),
            None => p.located(),
        }
    }
}

/// Reads the spreadsheet at `path` in `layout`, or in the layout it has. `year` is --year.
pub fn read(path: &Path, layout: Option<Layout>, site: &Site, year: Option<FiscalYear>) -> Result<Imported, Msg> {
    let table = |t: &super::read::Table| {
        let sheet = read_sheet(t, &site.vocabulary, year, site.reported_year());
        Ok(Imported { layout: Layout::Table, sheet, warnings: Vec::new(), places: None })
    };
    let sheets = |all: &[super::workbook::NamedTable]| {
        let SheetsRead { sheet, places, warnings } = read_sheets(all, site, year);
        if sheet.projects.is_empty() && sheet.problems.is_empty() {
            let shown = path.display();
            return Err(msg!(
                ja: "{shown}: 表として読むのであれば、最初のシートに「事業名」の列を含む見出しの行を書いてください。左の列に印刷用の報告書の見出し（事業名、現状・課題 …）があるシートがありません。",
                en: "{shown}: no sheet has the labels of the printed report (事業名, 現状・課題 … down the left); a table needs its header row, with a column 事業名, on the first sheet",
            ));
        }
        Ok(Imported { layout: Layout::Sheets, sheet, warnings, places: Some(places) })
    };
    match layout {
        Some(Layout::Table) => {
            let first = read_workbook(path, &LIMITS, Sheets::First)?;
            table(&first.into_iter().next().map(|s| s.table).unwrap_or_default())
        }
        Some(Layout::Sheets) => sheets(&read_workbook(path, &LIMITS, Sheets::All)?),
        None => {
            let first = read_workbook(path, &LIMITS, Sheets::First)?;
            if first.first().is_some_and(|s| is_table(&s.table)) {
                return table(&first[0].table);
            }
            let is_csv = path
                .extension()
                .is_some_and(|e| matches!(e.to_string_lossy().to_lowercase().as_str(), "csv" | "tsv" | "txt"));
            let all = if is_csv { first } else { read_workbook(path, &LIMITS, Sheets::All)? };
            if all.iter().any(|s| has_labels(&s.table)) {
                return sheets(&all);
            }
            // Neither: the table import says what its header row lacks.
            table(&all.into_iter().next().map(|s| s.table).unwrap_or_default())
        }
    }
}
