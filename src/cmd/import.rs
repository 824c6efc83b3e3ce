//! `kyodo import`: turn a spreadsheet laid out like the printed report, as a table or one
//! sheet per project (or written by `kyodo export`), into records: new ones written whole,
//! existing ones updated in place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyodo::import::Change;
use kyodo::import::commit::NewFile;
use kyodo::load::{PROJECTS_DIR, SourceFile, Sources};

/// Options of `kyodo import`.
#[derive(clap::Args)]
pub struct Args {
    /// The spreadsheet: .xlsx, .xls or .ods, or .csv (UTF-8 or Shift_JIS).
    file: PathBuf,
    /// Read the file as a table (one row per project, first sheet) or as sheets (one sheet
    /// per project, laid out as the printed report); default: the layout the file has.
    #[arg(long, value_enum)]
    layout: Option<kyodo::import::Layout>,
    /// The site root to import into.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The fiscal year the 取組内容 and 現状値 columns report on (default: the year in the
    /// header of 現状値, else the site's newest reported year), e.g. R4 or 2022; in the
    /// sheets layout, the year of 取組実績 on sheets without a heading such as
    /// 令和5年度計画の進捗状況.
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,
    /// Update records that already exist.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> ExitCode {
    let mut diags = kyodo::Diagnostics::default();
    let sources = Sources::read(&args.root, &mut diags);
    let (site, _) = match kyodo::Site::from_sources_allowing_no_records(&args.root, &sources, diags) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("{d}\nfix the site first: import adds to a site that checks without errors");
            return ExitCode::FAILURE;
        }
    };
    let year = match args.year.as_deref().map(kyodo::fiscal_year::FiscalYear::parse).transpose() {
        Ok(y) => y,
        Err(e) => {
            eprintln!("error: --year: {}", e.to_string().replace('\n', "\n  = help: "));
            return ExitCode::FAILURE;
        }
    };
    let read = match kyodo::import::layouts::read(&args.file, args.layout, &site, year) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let plan = kyodo::import::plan(&read.sheet, &site, &sources);
    let file = args.file.display();
    for w in &read.warnings {
        eprintln!("warning: {file}: {w}");
    }
    let problem_count = read.sheet.problems.len() + plan.problems.len();
    for p in read.sheet.problems.iter().chain(&plan.problems) {
        eprintln!("{file}: {}", read.describe(p));
    }
    drop(read);
    if !args.force && refuse_existing(&file.to_string(), &plan.changes) {
        return ExitCode::FAILURE;
    }
    let (new, updated) = (
        plan.changes.iter().filter(|c| !c.exists).count(),
        plan.changes.iter().filter(|c| c.exists && c.toml.is_some()).count(),
    );
    let unchanged = plan.changes.len() - new - updated;
    let imported = plan.changes.len();
    drop(site);
    // The site with the imported records must check, or nothing is written. The records'
    // texts move from the plan to the check to the files: a large site is held once.
    let (mut combined, changed) = combine(sources, plan.changes);
    if let Err(d) = kyodo::Site::from_sources(&args.root, &combined, kyodo::Diagnostics::default()) {
        eprintln!("{d}\nthe imported records would not check; nothing was written");
        return ExitCode::FAILURE;
    }
    if problem_count > 0 {
        eprintln!(
            "{problem_count} cell(s) or row(s) could not be imported; nothing was written. Fix them in the spreadsheet and import again."
        );
        return ExitCode::FAILURE;
    }
    let files: Vec<NewFile> = changed
        .into_iter()
        .map(|i| NewFile {
            path: args.root.join(&combined.projects[i].path),
            bytes: std::mem::take(&mut combined.projects[i].bytes),
        })
        .collect();
    drop(combined);
    if let Err(e) = kyodo::import::commit::commit(&files) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "imported {imported} projects into {} ({new} new, {updated} updated, {unchanged} unchanged)",
        Path::new(&args.root).join(PROJECTS_DIR).display()
    );
    ExitCode::SUCCESS
}

/// Reports the records the sheet would change that exist already; whether there are any.
fn refuse_existing(file: &str, changes: &[Change]) -> bool {
    let existing: Vec<&Change> = changes.iter().filter(|c| c.exists).collect();
    for c in existing.iter().take(10) {
        eprintln!("{file}: project {} exists already ({}); use --force to update it", c.id, c.path.display());
    }
    if existing.len() > 10 {
        eprintln!("{file}: and {} more projects that exist already", existing.len() - 10);
    }
    !existing.is_empty()
}

/// The site's files with the imported records in place of (or beside) the old ones, and
/// the positions of the records that changed. Each record's text moves, never copied.
fn combine(mut sources: Sources, changes: Vec<Change>) -> (Sources, Vec<usize>) {
    let index: HashMap<PathBuf, usize> =
        sources.projects.iter().enumerate().map(|(i, f)| (f.path.clone(), i)).collect();
    let mut changed = Vec::new();
    for c in changes {
        let Some(toml) = c.toml else { continue };
        let i = match index.get(&c.path) {
            Some(&i) => i,
            None => {
                sources.projects.push(SourceFile { path: c.path, bytes: Vec::new() });
                sources.projects.len() - 1
            }
        };
        sources.projects[i].bytes = toml.into_bytes();
        changed.push(i);
    }
    (sources, changed)
}
