//! Where each problem of a sheets-layout import is: the sheet, the cell and its label.
//!
//! Each sheet is read as a small table of the table layout (one header row, then the
//! project's rows), so that every rule of the table import applies to it unchanged. The
//! rows of these tables are numbered on from sheet to sheet, so a row number names one
//! sheet; a problem's row and column (the table layout's column name, or for problems
//! found while reading the sheet, the cell's name) lead back to the cell it is about.

use std::collections::{BTreeMap, HashMap};

use super::super::Problem;
use super::page::Cell;
use crate::msg;
use crate::msg::Msg;

/// A cell of a sheet and the label it is under.
#[derive(Debug, Clone)]
pub struct Place {
    pub cell: String,
    pub label: String,
}

impl Place {
    pub fn of(cell: &Cell, label: impl Into<String>) -> Place {
        Place { cell: cell.name(), label: label.into() }
    }
}

/// The places of one row of a sheet's table.
#[derive(Debug, Default)]
struct RowPlaces {
    sheet: usize,
    /// Where a problem about the row as a whole is.
    anchor: Option<Place>,
    by_column: HashMap<String, Place>,
}

/// The places of every sheet's table, by row number.
#[derive(Debug, Default)]
pub struct Places {
    sheets: Vec<String>,
    rows: BTreeMap<usize, RowPlaces>,
}

impl Places {
    /// Adds a sheet; its index.
    pub fn sheet(&mut self, name: &str) -> usize {
        self.sheets.push(name.to_owned());
        self.sheets.len() - 1
    }

    /// Row `row` of the tables belongs to `sheet`.
    pub fn row(&mut self, row: usize, sheet: usize) {
        self.rows.entry(row).or_default().sheet = sheet;
    }

    /// A problem about `row` as a whole is at `place`.
    pub fn anchor(&mut self, row: usize, sheet: usize, place: Place) {
        let r = self.rows.entry(row).or_default();
        r.sheet = sheet;
        r.anchor = Some(place);
    }

    /// The column `column` of `row` came from `place`.
    pub fn at(&mut self, row: usize, sheet: usize, column: &str, place: Place) {
        let r = self.rows.entry(row).or_default();
        r.sheet = sheet;
        r.by_column.insert(column.to_owned(), place);
    }

    /// A problem at a cell of the sheet whose table starts at `row`.
    pub fn problem(&mut self, row: usize, sheet: usize, place: Place, message: Msg) -> Problem {
        let key = place.cell.clone();
        self.at(row, sheet, &key, place);
        Problem { row, column: Some(key), message }
    }

    /// The problem as a clerk reads it: `1-1-2!B14 (主たる部署): …`, in Japanese
    /// `シート「1-1-2」のセル B14（主たる部署）: …`.
    pub fn describe(&self, p: &Problem) -> Msg {
        let Some(r) = self.rows.get(&p.row) else { return p.located() };
        let sheet = self.sheets.get(r.sheet).map(String::as_str).unwrap_or("");
        let place = p.column.as_ref().and_then(|c| r.by_column.get(c)).or(r.anchor.as_ref());
        let m = &p.message;
        match (place, &p.column) {
            (Some(place), _) if place.cell.is_empty() => in_sheet(sheet, m),
            (Some(Place { cell, label }), _) if label.is_empty() => {
                msg!(ja: "シート「{sheet}」のセル {cell}: {m}", en: "{sheet}!{cell}: {m}", m = m)
            }
            (Some(Place { cell, label }), _) => {
                msg!(ja: "シート「{sheet}」のセル {cell}（{label}）: {m}", en: "{sheet}!{cell} ({label}): {m}", m = m)
            }
            (None, Some(column)) if !column.is_empty() => {
                msg!(ja: "シート「{sheet}」の「{column}」: {m}", en: "sheet {sheet}, {column}: {m}", m = m)
            }
            (None, _) => in_sheet(sheet, m),
        }
    }
}

/// `m`, said of the sheet `sheet`: `sheet 1-1-2: …`.
pub fn in_sheet(sheet: &str, m: &Msg) -> Msg {
    msg!(ja: "シート「{sheet}」: {m}", en: "sheet {sheet}: {m}", m = m)
}
