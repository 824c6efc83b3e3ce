//! Open data: the site's content as CSV and JSON, with Frictionless and DCAT metadata.
//!
//! ```text
//! schema::tables()      the one description of every table
//! rows::project_rows()  a project's rows of each table
//! csv::written()        cells as CSV writes them (UTF-8, every text exactly as written)
//! xlsx::Book            the same tables as one workbook, typed cells, for spreadsheets
//! json::project_text()  a project as JSON: in projects.json and in its own file
//! schemas::files()      data/schemas/: Table Schemas and the JSON files' JSON Schemas
//! Writer                streams every file to the output, project by project
//! catalog::*            datapackage.json, catalog.jsonld, schema.org Dataset
//! ```
//!
//! Everything lands under `data/` of the output, at URLs documented in the README.

pub mod catalog;
pub mod csv;
pub mod edition;
pub mod json;
pub mod rows;
pub mod schema;
pub mod schemas;
pub mod xlsx;
pub mod years;

use std::io::Write;

use sha2::{Digest, Sha256};

use crate::load::Site;
use crate::msg;
use crate::msg::Msg;
use crate::output::{Sink, SinkFile};
use crate::urls;
use schema::Table;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Blank: the value is missing (declared as `missingValues: [""]`).
    Empty,
    Text(String),
    /// A number already formatted for data: no commas, decimals as written.
    Number(String),
    Integer(i64),
    List(Vec<String>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }
    }

    pub fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    pub fn list(items: Vec<String>) -> Cell {
        if items.is_empty() { Cell::Empty } else { Cell::List(items) }
    }

    /// The cell as it is written in a CSV file, before formula neutralisation.
    pub fn raw(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Number(s) => s.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::List(items) => items.join(schema::LIST_DELIMITER),
        }
    }
}

/// A table with its first rows (for the preview on the data page), in column order.
#[derive(Debug, Clone)]
pub struct TableData {
    pub table: Table,
    /// The first [`FIRST_ROWS`] rows of the file.
    pub first_rows: Vec<Vec<Cell>>,
}

/// How many rows of each table are kept for previews.
pub const FIRST_ROWS: usize = 3;

/// The formats of the published files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Json,
    /// The workbook of every table, for spreadsheets.
    Xlsx,
}

impl FileKind {
    /// The IANA media type.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Csv => "text/csv",
            FileKind::Json => "application/json",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The format's name, as the data page and the data package write it.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Csv => "CSV",
            FileKind::Json => "JSON",
            FileKind::Xlsx => "XLSX",
        }
    }
}

/// One published data file, for the data page and the catalogues.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Path relative to the output root, e.g. `data/projects.csv`.
    pub path: String,
    pub kind: FileKind,
    pub bytes: usize,
    /// The SHA-256 of the bytes written, in lower-case hex.
    pub sha256: String,
    /// Rows of data (CSV), or records (JSON), or tables (XLSX).
    pub rows: usize,
    /// Index into [`DataSet::tables`] for CSV files.
    pub table: Option<usize>,
    pub title_ja: String,
    pub title_en: String,
    pub description_ja: String,
    pub description_en: String,
}

/// What was written under `data/`: for the data page and the catalogues.
#[derive(Debug, Clone, Default)]
pub struct DataSet {
    pub tables: Vec<TableData>,
    /// The files in the order of the data page.
    pub catalogue: Vec<DataFile>,
}

/// What one project adds to the data files: its rows of each table and its JSON text.
pub struct ProjectData {
    /// Rows per table, in the order of [`schema::tables`].
    rows: Vec<Vec<Vec<Cell>>>,
    /// The project as compact JSON, an element of `projects.json` (its links are
    /// relative to that file; its own file has its own, [`json::project_text`]).
    pub json: String,
}

/// The data of one project, from its whole record. Projects are independent, so this
/// runs in parallel; [`Writer::add`] then appends the results in site order.
pub fn project_data(site: &Site, tables: &[Table], p: &crate::model::Project) -> ProjectData {
    ProjectData {
        rows: tables.iter().map(|t| rows::project_rows(site, t, p, years::Scope::All)).collect(),
        json: json::project_text(site, p, urls::PROJECTS_JSON),
    }
}

/// A writer that counts and hashes the bytes that pass through it: the size and SHA-256
/// of a streamed file, for the catalogues.
struct Counting<W> {
    inner: W,
    bytes: usize,
    hash: Sha256,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

type Out<'s> = Counting<Box<dyn SinkFile + 's>>;

/// A CSV file being written, and the sheet of its table in the workbook.
struct TableOut<'s> {
    table: Table,
    csv: ::csv::Writer<Out<'s>>,
    rows: usize,
    first_rows: Vec<Vec<Cell>>,
}

impl TableOut<'_> {
    fn push(&mut self, index: usize, book: &mut xlsx::Book, row: Vec<Cell>) -> Result<(), Msg> {
        let cells: Vec<std::borrow::Cow<'_, str>> = row.iter().map(csv::written).collect();
        self.csv
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(|e| cannot_write(&urls::data_file(&self.table.file_name()), e))?;
        book.push(index, &self.table, &row)?;
        self.rows += 1;
        if self.first_rows.len() < FIRST_ROWS {
            self.first_rows.push(row);
        }
        Ok(())
    }
}

/// Writes the data files as projects come, so that a site of any size is streamed to the
/// output rather than held in memory: CSV files row by row (and the sheets of the
/// workbook, each streamed to a temporary file), `projects.json` project by project.
/// Per-project JSON files are written by the caller (they are independent of each other).
pub struct Writer<'s> {
    site: &'s Site,
    sink: &'s dyn Sink,
    /// The tables, in the order of [`schema::tables`].
    pub tables: Vec<Table>,
    outs: Vec<TableOut<'s>>,
    book: xlsx::Book,
    projects_json: Out<'s>,
    projects: usize,
}

/// "cannot write …" for a data file, with the reason.
fn cannot_write(path: &str, error: impl std::fmt::Display) -> Msg {
    msg!(ja: "{path} に書き込めません（{error}）。", en: "cannot write {path}: {error}")
}

fn open<'s>(sink: &'s dyn Sink, path: &str) -> Result<Out<'s>, Msg> {
    Ok(Counting { inner: sink.open(path)?, bytes: 0, hash: Sha256::new() })
}

/// Stores a streamed file; its size and SHA-256.
fn finish(out: Out<'_>) -> Result<(usize, String), Msg> {
    let (bytes, hash) = (out.bytes, out.hash.finalize());
    out.inner.finish()?;
    Ok((bytes, hash.iter().map(|b| format!("{b:02x}")).collect()))
}

fn csv_writer(out: Out<'_>) -> ::csv::Writer<Out<'_>> {
    ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).buffer_capacity(1 << 16).from_writer(out)
}

impl<'s> Writer<'s> {
    /// Opens every data file and writes its header.
    pub fn new(site: &'s Site, sink: &'s dyn Sink) -> Result<Writer<'s>, Msg> {
        let tables = schema::tables();
        let mut outs = Vec::with_capacity(tables.len());
        let book = xlsx::Book::new(&tables, catalog::modified(site).as_deref())?;
        for table in &tables {
            let name = table.file_name();
            let mut csv = csv_writer(open(sink, &urls::data_file(&name))?);
            let header: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
            csv.write_record(&header).map_err(|e| cannot_write(&urls::data_file(&name), e))?;
            outs.push(TableOut { table: table.clone(), csv, rows: 0, first_rows: Vec::new() });
        }
        let header = json::header_open(site);
        let mut projects_json = open(sink, urls::PROJECTS_JSON)?;
        write!(projects_json, "{header},\"projects\":[").map_err(|e| cannot_write(urls::PROJECTS_JSON, e))?;
        Ok(Writer { site, sink, tables, outs, book, projects_json, projects: 0 })
    }

    /// Appends one project's rows and JSON; projects must come in site order.
    pub fn add(&mut self, data: ProjectData) -> Result<(), Msg> {
        for (i, (out, rows)) in self.outs.iter_mut().zip(data.rows).enumerate() {
            for row in rows {
                out.push(i, &mut self.book, row)?;
            }
        }
        let separator: &[u8] = if self.projects == 0 { b"" } else { b"," };
        self.projects_json
            .write_all(separator)
            .and_then(|()| self.projects_json.write_all(data.json.as_bytes()))
            .map_err(|e| cannot_write(urls::PROJECTS_JSON, e))?;
        self.projects += 1;
        Ok(())
    }

    /// Writes the tables that do not come from projects, closes every file, and writes
    /// the workbook and the catalogues (`datapackage.json`, `catalog.jsonld`), which need
    /// the sizes and hashes.
    pub fn finish(mut self) -> Result<DataSet, Msg> {
        let site = self.site;
        for (i, out) in self.outs.iter_mut().enumerate() {
            for row in rows::site_rows(site, &out.table, years::Scope::All) {
                out.push(i, &mut self.book, row)?;
            }
        }
        let mut set = DataSet::default();
        for (i, out) in self.outs.into_iter().enumerate() {
            let path = urls::data_file(&out.table.file_name());
            let plain = out.csv.into_inner().map_err(|e| cannot_write(&path, e.error()))?;
            let (bytes, sha256) = finish(plain)?;
            let t = &out.table;
            set.catalogue.push(DataFile {
                path,
                kind: FileKind::Csv,
                bytes,
                sha256,
                rows: out.rows,
                table: Some(i),
                title_ja: t.title_ja.to_owned(),
                title_en: t.title_en.to_owned(),
                description_ja: t.description_ja.to_owned(),
                description_en: t.description_en.to_owned(),
            });
            set.tables.push(TableData { table: out.table, first_rows: out.first_rows });
        }
        self.projects_json.write_all(b"]}\n").map_err(|e| cannot_write(urls::PROJECTS_JSON, e))?;
        let (bytes, sha256) = finish(self.projects_json)?;
        set.catalogue.push(DataFile {
            path: urls::PROJECTS_JSON.to_owned(),
            kind: FileKind::Json,
            bytes,
            sha256,
            rows: self.projects,
            table: None,
            title_ja: "全事業（JSON）".to_owned(),
            title_en: "All projects (JSON)".to_owned(),
            description_ja: "すべての事業の全項目（入れ子構造、Markdownの原文を含む）。".to_owned(),
            description_en: "Every field of every project, nested, with the Markdown source of long texts.".to_owned(),
        });
        let workbook = self.book.finish()?;
        let path = urls::workbook(site.config.municipality.code.get_ref());
        set.catalogue.push(DataFile {
            path: path.clone(),
            kind: FileKind::Xlsx,
            bytes: workbook.len(),
            sha256: crate::edition::sha256(&workbook),
            rows: set.tables.len(),
            table: None,
            title_ja: "全表（Excel ブック）".to_owned(),
            title_en: "All tables (Excel workbook)".to_owned(),
            description_ja: "表計算ソフト用。CSV と同じ表を1表1シートで収め、ID・コードは文字列のセル、数値は数値のセルです。最初のシートは列の説明です。".to_owned(),
            description_en: "For spreadsheets: the tables of the CSV files, one sheet each, with ids and codes as text cells and numbers as number cells; the first sheet documents the columns.".to_owned(),
        });
        self.sink.put(&path, workbook)?;
        edition::publish(site, self.sink)?;
        for (path, bytes) in schemas::files(&set) {
            self.sink.put(&path, bytes)?;
        }
        self.sink.put(urls::DATAPACKAGE, catalog::datapackage(site, &set))?;
        self.sink.put(urls::CATALOG, catalog::dcat(site, &set))?;
        Ok(set)
    }
}

/// Serialises JSON for publishing: pretty, with a final newline.
pub(crate) fn to_json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
