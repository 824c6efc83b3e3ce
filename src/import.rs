//! Spreadsheet import and export in the layout of the printed reports: one row per project,
//! Japanese headers (項目, 事業名, 担当課, 取組内容, 協働の相手, 事業の評価, 効果又は理由,
//! 基準値 (H27), 目標値 (R4), 現状値 (R4)), so that a clerk can keep working in Excel.
//!
//! Import maps every cell it can and reports every cell it cannot, with the row and column,
//! instead of guessing. Export writes the records back in the same layout, so that
//! import → export → import gives the same records.
//!
//! Indicator cells hold a label and a value, as printed: "加入率 66.1%", "未設置地区 4地区",
//! "情報の集約・提供 充実". The label is the words the three cells of a row share; what
//! follows is the value: a number with its unit ("66.1%" → 66.1 and "%"), or a text
//! ("充実"). A number is read only when the value is a number followed by a unit that does
//! not start with a digit.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::fiscal_year::FiscalYear;
use crate::indicator::{parse_number_text, Value};
use crate::load::Site;
use crate::model::Vocabulary;
use crate::record_writer;
use crate::slug::Slug;
use crate::text::Text;

/// The columns kyodo reads and writes, in export order.
pub const COLUMNS: [&str; 12] = ["ID", "項目", "事業名", "担当課", "取組内容", "協働の相手", "事業の評価", "効果又は理由(改善策)", "指標ID", "基準値", "目標値", "現状値"];

/// A table read from a spreadsheet or CSV file: rows of text cells with their row numbers
/// as the spreadsheet shows them (1-based).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A cell or row that could not be mapped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column {c}: {}", self.row, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// Reads the first sheet of an .xlsx/.xlsm/.xls/.ods file, or a .csv/.tsv file. CSV files
/// saved by Japanese Excel are often Shift_JIS; they are decoded as such when they are not
/// UTF-8.
pub fn read_table(path: &Path) -> Result<Table, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
            let range = book
                .worksheet_range_at(0)
                .ok_or_else(|| format!("{} has no sheet", path.display()))?
                .map_err(|e| format!("cannot read the first sheet of {}: {e}", path.display()))?;
            let first_row = range.start().map_or(0, |(r, _)| r as usize);
            Ok(Table {
                rows: range
                    .rows()
                    .enumerate()
                    .map(|(i, r)| (first_row + i + 1, r.iter().map(|c| c.to_string().trim().to_owned()).collect()))
                    .collect(),
            })
        }
        "csv" | "tsv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t.to_owned(),
                Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
            };
            let delimiter = if ext == "csv" { b',' } else { b'\t' };
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for (i, record) in reader.records().enumerate() {
                let record = record.map_err(|e| format!("{}: row {}: {e}", path.display(), i + 1))?;
                rows.push((i + 1, record.iter().map(|c| c.trim().to_owned()).collect()));
            }
            Ok(Table { rows })
        }
        other => Err(format!("cannot import .{other} files: save the sheet as .xlsx or .csv")),
    }
}

/// One imported project: its id and the TOML text of its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRecord {
    pub id: String,
    pub toml: String,
}

/// The result of an import: the records, and the problems that stopped cells being mapped.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub records: Vec<ImportedRecord>,
    pub problems: Vec<Problem>,
}

/// Where each known column is in the header row.
struct Header {
    row: usize,
    index: BTreeMap<&'static str, usize>,
    /// Fiscal years named in the 基準値/目標値/現状値 headers, e.g. "基準値 (H27)".
    years: BTreeMap<&'static str, FiscalYear>,
}

fn find_header(table: &Table, problems: &mut Vec<Problem>) -> Option<Header> {
    let (row, cells) = table.rows.iter().find(|(_, cells)| cells.iter().any(|c| c == "事業名"))?;
    let mut index = BTreeMap::new();
    let mut years = BTreeMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let name = cell.replace([' ', '\u{3000}'], "");
        for column in COLUMNS {
            let key = column.split('(').next().unwrap_or(column);
            if name.starts_with(key) && !index.contains_key(column) {
                index.insert(column, i);
                if ["基準値", "目標値", "現状値"].contains(&column) {
                    let inside = name.trim_start_matches(key).trim_matches(|c| c == '(' || c == ')' || c == '（' || c == '）');
                    if !inside.is_empty() {
                        match FiscalYear::parse(inside) {
                            Ok(y) => {
                                years.insert(column, y);
                            }
                            Err(e) => problems.push(Problem { row: *row, column: Some(cell.clone()), message: e.to_string().replace('\n', "; ") }),
                        }
                    }
                }
                break;
            }
        }
    }
    Some(Header { row: *row, index, years })
}

/// A row of the table being built into a project.
#[derive(Default)]
struct Draft {
    row: usize,
    id: String,
    code: String,
    policy: String,
    title: String,
    department: String,
    achievements: String,
    partners: Vec<String>,
    grade: Option<String>,
    effect: String,
    indicators: Vec<DraftIndicator>,
}

struct DraftIndicator {
    id: String,
    name: String,
    unit: String,
    values: Vec<(&'static str, FiscalYear, Value)>,
}

/// A value cell split into label and value.
struct CellValue {
    label: String,
    value: Value,
    unit: String,
}

/// Splits "加入率 66.1%" into the label shared with the other cells and the value.
fn split_values(cells: &[&str]) -> Vec<Option<(String, String)>> {
    let words: Vec<Vec<&str>> = cells.iter().map(|c| c.split([' ', '\u{3000}']).filter(|w| !w.is_empty()).collect()).collect();
    let labelled: Vec<&Vec<&str>> = words.iter().filter(|w| w.len() >= 2).collect();
    let mut common = match labelled.first() {
        Some(first) => first.len() - 1,
        None => 0,
    };
    for w in &labelled {
        let shared = labelled[0].iter().zip(w.iter()).take_while(|(a, b)| a == b).count();
        common = common.min(shared).min(w.len() - 1);
    }
    let label = labelled.first().map(|w| w[..common].join(" ")).unwrap_or_default();
    words
        .iter()
        .map(|w| {
            if w.is_empty() || (w.len() == 1 && w[0] == "-") {
                None
            } else if common > 0 && w.len() > common && w[..common].join(" ") == label {
                Some((label.clone(), w[common..].join(" ")))
            } else {
                Some((String::new(), w.join(" ")))
            }
        })
        .collect()
}

/// Reads a value: a number followed by a unit, or a text.
fn parse_value(label: String, raw: &str) -> CellValue {
    let split = raw
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c) || matches!(c, '.' | ',' | '-' | '．' | '，' | '－')))
        .map_or(raw.len(), |(i, _)| i);
    let (number, unit) = raw.split_at(split);
    match parse_number_text(number) {
        Some(n) if !unit.starts_with(|c: char| c.is_ascii_digit()) => CellValue { label, value: Value::Number(n), unit: unit.trim().to_owned() },
        _ => CellValue { label, value: Value::Text(Text::ja(raw)), unit: String::new() },
    }
}

fn matches_policy<'a>(cell: &str, vocabulary: &'a Vocabulary) -> Option<&'a crate::model::Policy> {
    let cell = cell.replace([' ', '\u{3000}'], "");
    vocabulary.goals.iter().flat_map(|g| g.policies.iter()).find(|p| {
        let title = p.title.as_ref().map(|t| t.ja.replace([' ', '\u{3000}'], "")).unwrap_or_default();
        cell == p.code || cell == *p.id.get_ref().as_str() || (!title.is_empty() && (cell == title || cell == format!("{}{title}", p.code)))
    })
}

/// Maps a table to project records.
pub fn import(table: &Table, vocabulary: &Vocabulary, report_year: FiscalYear) -> Imported {
    let mut problems = Vec::new();
    let Some(header) = find_header(table, &mut problems) else {
        problems.push(Problem { row: 1, column: None, message: "no header row: the first row must name the columns, with a column 事業名".to_owned() });
        return Imported { records: Vec::new(), problems };
    };
    for needed in ["事業名", "担当課"] {
        if !header.index.contains_key(needed) {
            problems.push(Problem { row: header.row, column: None, message: format!("no column {needed}: add it to the header row") });
        }
    }
    let cell = |cells: &[String], column: &str| -> String { header.index.get(column).and_then(|&i| cells.get(i)).cloned().unwrap_or_default() };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut policy = String::new();
    let mut per_policy: BTreeMap<String, usize> = BTreeMap::new();
    // Rows between the header and the first project continue the header (the printed
    // reports have a second header line with the hint ①～⑦).
    let mut in_header = true;

    for (row, cells) in table.rows.iter().filter(|(r, _)| *r > header.row) {
        let row = *row;
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let title = cell(cells, "事業名");
        let id_cell = cell(cells, "ID");
        let continuation = title.is_empty() && !drafts.is_empty() && (id_cell.is_empty() || drafts.last().is_some_and(|d| d.id == id_cell));
        let value_cells: Vec<String> = ["基準値", "目標値", "現状値"].iter().map(|c| cell(cells, c)).collect();
        let has_values = value_cells.iter().any(|c| !c.is_empty() && c != "-");
        if title.is_empty() && in_header && id_cell.is_empty() && !has_values {
            continue;
        }
        in_header = false;
        if title.is_empty() && !(continuation && has_values) {
            problems.push(Problem { row, column: Some("事業名".into()), message: "no 事業名 and no indicator values: row skipped".into() });
            continue;
        }
        if !continuation {
            let item = cell(cells, "項目");
            if !item.is_empty() {
                match matches_policy(&item, vocabulary) {
                    Some(p) => policy = p.id.get_ref().to_string(),
                    None => {
                        let known: Vec<String> = vocabulary.goals.iter().flat_map(|g| g.policies.iter()).map(|p| format!("{}{}", p.code, p.title.as_ref().map(|t| t.ja.as_str()).unwrap_or(""))).collect();
                        problems.push(Problem { row, column: Some("項目".into()), message: format!("\"{item}\" is not a policy in content/vocabulary.toml ({})", known.join(", ")) });
                        continue;
                    }
                }
            }
            if policy.is_empty() {
                problems.push(Problem { row, column: Some("項目".into()), message: "no 項目 (plan section) on this row or any row above".into() });
                continue;
            }
            let department_name = cell(cells, "担当課");
            let department = vocabulary.departments.iter().find(|d| d.name.ja == department_name || d.id.get_ref().as_str() == department_name);
            let Some(department) = department else {
                let known: Vec<&str> = vocabulary.departments.iter().map(|d| d.name.ja.as_str()).collect();
                problems.push(Problem { row, column: Some("担当課".into()), message: format!("\"{department_name}\" is not a department in content/vocabulary.toml ({})", known.join(", ")) });
                continue;
            };
            let n = per_policy.entry(policy.clone()).or_default();
            *n += 1;
            let id = if id_cell.is_empty() { format!("{policy}-{n}") } else { id_cell.clone() };
            if let Err(e) = Slug::parse(&id) {
                problems.push(Problem { row, column: Some("ID".into()), message: e.replace('\n', "; ") });
                continue;
            }
            let code = vocabulary.policy(&policy).map(|(_, p)| format!("{}-{n}", p.code)).unwrap_or_default();
            let mut partners = Vec::new();
            let partner_cell = cell(cells, "協働の相手");
            for c in partner_cell.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '、' | ',' | '・')) {
                match vocabulary.partners.iter().find(|p| p.label == c.to_string()) {
                    Some(p) => partners.push(p.id.get_ref().to_string()),
                    None => problems.push(Problem { row, column: Some("協働の相手".into()), message: format!("「{c}」 is not a partner code in content/vocabulary.toml") }),
                }
            }
            let grade_cell = cell(cells, "事業の評価");
            let grade = match grade_cell.as_str() {
                "" | "-" | "－" => None,
                label => match vocabulary.grades.iter().find(|g| g.label == label) {
                    Some(g) => Some(g.id.get_ref().to_string()),
                    None => {
                        problems.push(Problem { row, column: Some("事業の評価".into()), message: format!("\"{label}\" is not a grade in content/vocabulary.toml") });
                        None
                    }
                },
            };
            let effect = cell(cells, "効果又は理由(改善策)");
            drafts.push(Draft {
                row,
                id,
                code,
                policy: policy.clone(),
                title,
                department: department.id.get_ref().to_string(),
                achievements: cell(cells, "取組内容"),
                partners,
                grade,
                effect: if effect == "-" { String::new() } else { effect },
                indicators: Vec::new(),
            });
        }
        if has_values {
            let refs: Vec<&str> = value_cells.iter().map(String::as_str).collect();
            let split = split_values(&refs);
            let mut name = String::new();
            let mut unit = String::new();
            let mut values = Vec::new();
            for ((column, kind), part) in [("基準値", "baseline"), ("目標値", "target"), ("現状値", "actual")].iter().zip(split) {
                let Some((label, raw)) = part else { continue };
                let year = header.years.get(column).copied().or(if *kind == "actual" { Some(report_year) } else { None });
                let Some(year) = year else {
                    problems.push(Problem { row, column: Some((*column).into()), message: format!("the header of {column} names no fiscal year: write it as \"{column} (H27)\"") });
                    continue;
                };
                let v = parse_value(label, &raw);
                if name.is_empty() {
                    name = v.label.clone();
                }
                if !v.unit.is_empty() {
                    if unit.is_empty() {
                        unit = v.unit.clone();
                    } else if unit != v.unit {
                        problems.push(Problem { row, column: Some((*column).into()), message: format!("unit \"{}\" differs from \"{unit}\" in the other cells of this row", v.unit) });
                    }
                }
                values.push((*kind, year, v.value));
            }
            if name.is_empty() {
                problems.push(Problem { row, column: Some("基準値".into()), message: "the value cells have no indicator name: write it before the value, e.g. \"加入率 66.1%\"".into() });
            } else if let Some(d) = drafts.last_mut() {
                let given = cell(cells, "指標ID");
                let id = if given.is_empty() { if d.indicators.is_empty() { "indicator".to_owned() } else { format!("indicator-{}", d.indicators.len() + 1) } } else { given };
                d.indicators.push(DraftIndicator { id, name, unit, values });
            }
        }
    }
    let records = drafts.iter().map(|d| ImportedRecord { id: d.id.clone(), toml: draft_toml(d, report_year) }).collect();
    Imported { records, problems }
}

fn draft_toml(d: &Draft, year: FiscalYear) -> String {
    use record_writer::{list, string};
    let mut t = String::new();
    t.push_str(&format!("# Imported from row {} of a spreadsheet by `kyodo import`.\n", d.row));
    t.push_str(&format!("id = {}\n", string(&d.id)));
    if !d.code.is_empty() {
        t.push_str(&format!("code = {}\n", string(&d.code)));
    }
    t.push_str(&format!("policy = {}\n", string(&d.policy)));
    t.push_str(&format!("title = {}\n", string(&d.title)));
    t.push_str(&format!("department = {}\n", string(&d.department)));
    for ind in &d.indicators {
        t.push_str("\n[[indicators]]\n");
        t.push_str(&format!("id = {}\n", string(&ind.id)));
        t.push_str(&format!("name = {}\n", string(&ind.name)));
        if !ind.unit.is_empty() {
            t.push_str(&format!("unit = {}\n", string(&ind.unit)));
        }
        let mut actuals = Vec::new();
        for (kind, year, value) in &ind.values {
            let v = match value {
                Value::Number(n) => format!("value = {}", n.data()),
                Value::Text(text) => format!("text = {}", string(&text.ja)),
            };
            let line = format!("{{ year = {}, {v} }}", string(&year.era_short()));
            match *kind {
                "actual" => actuals.push(line),
                k => t.push_str(&format!("{k} = {line}\n")),
            }
        }
        if !actuals.is_empty() {
            t.push_str(&format!("actuals = [{}]\n", actuals.join(", ")));
        }
    }
    t.push_str("\n[[reports]]\n");
    t.push_str(&format!("year = {}\n", string(&year.era_short())));
    if let Some(g) = &d.grade {
        t.push_str(&format!("grade = {}\n", string(g)));
    }
    if !d.partners.is_empty() {
        t.push_str(&format!("partners = {}\n", list(&d.partners)));
    }
    if !d.achievements.is_empty() {
        t.push_str(&format!("achievements = {}\n", string(&d.achievements)));
    }
    if !d.effect.is_empty() {
        t.push_str(&format!("effect = {}\n", string(&d.effect)));
    }
    t
}

/// The rows of the export table (header first) for the report of `year`. Projects with
/// several indicators take one row per indicator; later rows repeat only the ID. The site
/// must hold whole records ([`crate::load::Retention::Whole`]): the report texts are
/// exported.
pub fn export_rows(site: &Site, year: FiscalYear) -> (Vec<Vec<String>>, Vec<Problem>) {
    let voc = &site.vocabulary;
    let mut problems = Vec::new();
    // Years of the value columns: those of the first indicator that has them.
    let first_year = |kind: &str| {
        site.projects.iter().flat_map(|p| p.record.indicators.iter()).flat_map(|i| i.values_in_order()).find(|(k, _)| *k == kind).map(|(_, v)| v.year)
    };
    let (base_year, target_year) = (first_year("baseline"), first_year("target"));
    let header_of = |name: &str, y: Option<FiscalYear>| match y {
        Some(y) => format!("{name} ({})", y.era_short()),
        None => name.to_owned(),
    };
    let mut rows = vec![
        COLUMNS
            .iter()
            .map(|c| match *c {
                "基準値" => header_of(c, base_year),
                "目標値" => header_of(c, target_year),
                "現状値" => header_of(c, Some(year)),
                c => c.to_owned(),
            })
            .collect::<Vec<_>>(),
    ];
    let mut last_policy = String::new();
    for (n, file) in site.projects.iter().enumerate() {
        let p = &file.record;
        let report = p.reports.iter().find(|r| *r.year.get_ref() == year);
        let policy_cell = match voc.policy(p.policy.get_ref().as_str()) {
            Some((_, po)) if po.id.get_ref().as_str() != last_policy => format!("{}{}", po.code, po.title.as_ref().map(|t| t.ja.as_str()).unwrap_or("")),
            _ => String::new(),
        };
        last_policy = p.policy.get_ref().to_string();
        let partners: String = report.map(|r| r.partners.iter().filter_map(|x| voc.partner(x.get_ref().as_str())).map(|x| x.label.clone()).collect()).unwrap_or_default();
        let first = vec![
            p.id.get_ref().to_string(),
            policy_cell,
            p.title.get_ref().ja.clone(),
            voc.department(p.department.get_ref().as_str()).map(|d| d.name.ja.clone()).unwrap_or_default(),
            report.and_then(|r| r.achievements.as_ref()).map(|t| t.ja.clone()).unwrap_or_default(),
            if partners.is_empty() { "-".to_owned() } else { partners },
            report.and_then(|r| r.grade.as_ref()).and_then(|g| voc.grade(g.get_ref().as_str())).map(|g| g.label.clone()).unwrap_or_else(|| "-".to_owned()),
            report.and_then(|r| r.effect.as_ref()).map(|t| t.ja.clone()).unwrap_or_else(|| "-".to_owned()),
        ];
        let indicators: Vec<_> = p.indicators.iter().collect();
        if indicators.is_empty() {
            let mut row = first.clone();
            row.extend([String::new(), String::new(), String::new(), String::new()]);
            rows.push(row);
            continue;
        }
        for (i, ind) in indicators.iter().enumerate() {
            let unit = ind.unit.as_ref().map(|u| u.ja.clone()).unwrap_or_default();
            let show = |v: &crate::model::IndicatorValue| {
                let value = match v.value() {
                    Value::Number(num) => format!("{}{unit}", num.data()),
                    Value::Text(t) => t.ja,
                };
                format!("{} {value}", ind.name.ja)
            };
            let mut cells = vec![String::new(); 4];
            cells[0] = ind.id.get_ref().to_string();
            for (kind, col, want) in [("baseline", 1, base_year), ("target", 2, target_year)] {
                if let Some((_, v)) = ind.values_in_order().into_iter().find(|(k, _)| *k == kind) {
                    if Some(v.year) != want {
                        problems.push(Problem { row: rows.len() + 1, column: Some(COLUMNS[8 + col].into()), message: format!("{}: the {kind} of {} is for {}, but the column is for {}; it is written with the column's year", p.id.get_ref(), ind.id.get_ref(), v.year, want.map_or("no year".into(), |y| y.to_string())) });
                    }
                    cells[col] = show(v);
                }
            }
            cells[3] = ind.actuals.iter().map(|a| a.get_ref()).find(|a| a.year == year).map(show).unwrap_or_else(|| "-".to_owned());
            let mut row = if i == 0 { first.clone() } else { vec![p.id.get_ref().to_string(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new()] };
            row.extend(cells);
            rows.push(row);
        }
        let _ = n;
    }
    (rows, problems)
}

/// Writes the export table as .xlsx or .csv (UTF-8 with BOM, so Excel opens it).
pub fn write_table(rows: &[Vec<String>], path: &Path) -> Result<(), String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for (r, row) in rows.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    sheet.write_string(r as u32, c as u16, value).map_err(|e| e.to_string())?;
                }
            }
            book.save(path).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        "csv" => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            {
                let mut w = csv::Writer::from_writer(&mut bytes);
                for row in rows {
                    w.write_record(row).map_err(|e| e.to_string())?;
                }
                w.flush().map_err(|e| e.to_string())?;
            }
            std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        other => Err(format!("cannot export to .{other}: use a file name ending in .xlsx or .csv")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_cells_split_into_label_and_value() {
        let split = split_values(&["加入率 66.1%", "加入率 70.0%", "加入率 58.2%"]);
        assert_eq!(split[0], Some(("加入率".into(), "66.1%".into())));
        let split = split_values(&["世帯カバー率 73%", "世帯カバー率 95%", "82%"]);
        assert_eq!(split[2], Some((String::new(), "82%".into())));
        let split = split_values(&["Facebook 登録件数 561件", "Facebook 登録件数 700件", "-"]);
        assert_eq!(split[0], Some(("Facebook 登録件数".into(), "561件".into())));
        assert_eq!(split[2], None);
        let split = split_values(&["情報の集約・提供 実施", "情報の集約・提供 充実", ""]);
        assert_eq!(split[1], Some(("情報の集約・提供".into(), "充実".into())));
    }

    #[test]
    fn values_are_numbers_only_when_they_are_a_number_and_a_unit() {
        let v = parse_value(String::new(), "66.1%");
        assert_eq!((v.value.number(), v.unit.as_str()), (Some(66.1), "%"));
        let v = parse_value(String::new(), "4地区");
        assert_eq!((v.value.number(), v.unit.as_str()), (Some(4.0), "地区"));
        let v = parse_value(String::new(), "15,000人");
        assert_eq!(v.value.number(), Some(15000.0));
        for text in ["充実", "一部実施", "未実施", "第2期"] {
            assert_eq!(parse_value(String::new(), text).value.number(), None, "{text}");
        }
    }
}
