//! Spreadsheet import and export: every record as one table whose first columns are the
//! printed report's (ID, 項目, 事業名, 担当課, 取組内容, 協働の相手, 事業の評価, 効果又は理由(改善策),
//! 指標ID, 基準値 (H27), 目標値 (R4), 現状値 (R4)), so that a clerk can keep working in Excel,
//! followed by a column for every other field. Export then import gives back the same
//! records, byte for byte.
//!
//! A workbook may also be laid out as the printed report of other cities (Tomisato's):
//! one sheet per project, labels down the left ([`sheets`]); [`layouts`] tells which.
//!
//! ```text
//! workbook::read_workbook() the file's filled cells, within Limits  (workbook.rs, read.rs,
//!                                                                    archive.rs, xls.rs, ods.rs)
//! layouts::read()         which layout, then for each:
//! layout::read_sheet()    what the table says about each project     (layout.rs, indicators.rs)
//! sheets::read_sheets()   each sheet as a small table, read the same  (sheets/)
//! plan()                  each record's new text: updated in place    (update.rs, crate::record_edit)
//!                         or written new                              (fresh.rs)
//! commit::commit()        all records written, or none               (commit.rs)
//! export::export()        the records as the same table              (export.rs, writer.rs)
//! sheets::export_sheets() the records as one sheet each               (sheets/export.rs)
//! ```
//!
//! Import maps every cell it can and reports every cell it cannot, with its row and column,
//! instead of guessing; with any problem nothing is written.

pub mod archive;
mod cells;
pub mod columns;
pub mod commit;
pub mod export;
mod fresh;
mod indicators;
pub mod layout;
pub mod layouts;
mod levels;
mod met;
mod names;
mod ods;
pub mod read;
pub mod sheet;
pub mod sheets;
mod update;
pub mod values;
pub mod workbook;
pub mod writer;
mod xls;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::load::{PROJECTS_DIR, Site, Sources};
use crate::msg;
use crate::msg::Msg;
use sheet::SheetProject;

pub use export::{Exported, export, export_to};
pub use layout::{Sheet, read_sheet};
pub use layouts::{Imported, Layout};
pub use read::{LIMITS, Limits, Row, Table, read_table, read_table_with};

/// A cell or row that could not be mapped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: Option<String>,
    pub message: Msg,
}

impl Problem {
    /// The problem with its row and column: `row 5, column 担当課: …`.
    pub fn located(&self) -> Msg {
        let row = self.row;
        match &self.column {
            Some(c) => msg!(
                ja: "{row}行目の「{c}」列: {message}",
                en: "row {row}, column {c}: {message}",
                message = &self.message,
            ),
            None => msg!(ja: "{row}行目: {message}", en: "row {row}: {message}", message = &self.message),
        }
    }
}

/// What an import does to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    /// The record's file, relative to the site root.
    pub path: PathBuf,
    /// Whether the record exists already.
    pub exists: bool,
    /// The record's new text; `None` when the sheet changes nothing in it.
    pub toml: Option<String>,
}

/// What an import would do to every record the sheet names.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub problems: Vec<Problem>,
}

/// Works out each record's new text: an existing record (in `site`, with its text in
/// `sources`) is updated in place, a new one written whole.
pub fn plan(sheet: &Sheet, site: &Site, sources: &Sources) -> Plan {
    use rayon::prelude::*;
    let texts: HashMap<&Path, &[u8]> =
        sources.projects.iter().map(|f| (f.path.as_path(), f.bytes.as_slice())).collect();
    let one = |p: &SheetProject| -> Result<Change, Vec<Problem>> {
        match site.by_id.get(&p.id).map(|&i| &site.projects[i]) {
            Some(file) => {
                let text = texts.get(file.path.as_path()).map(|b| String::from_utf8_lossy(b)).unwrap_or_default();
                let toml = update::update(&text, &file.record, p)?;
                Ok(Change { id: p.id.clone(), path: file.path.clone(), exists: true, toml })
            }
            None => {
                let toml = fresh::record(p)?;
                Ok(Change {
                    id: p.id.clone(),
                    path: Path::new(PROJECTS_DIR).join(format!("{}.toml", p.id)),
                    exists: false,
                    toml: Some(toml),
                })
            }
        }
    };
    // Records are independent: worked out in parallel, reported in the sheet's order.
    let results: Vec<Result<Change, Vec<Problem>>> = sheet.projects.par_iter().map(one).collect();
    let mut plan = Plan::default();
    for r in results {
        match r {
            Ok(change) => plan.changes.push(change),
            Err(problems) => plan.problems.extend(problems),
        }
    }
    plan
}
