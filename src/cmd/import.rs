//! `kyodo import`: turn a spreadsheet laid out like the printed report, as a table or one
//! sheet per project (or written by `kyodo export`), into records: new ones written whole,
//! existing ones updated in place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyodo::import::Change;
use kyodo::import::commit::NewFile;
use kyodo::load::{PROJECTS_DIR, SourceFile, Sources};
use kyodo::msg;

use super::say::{self, tr};

/// Options of `kyodo import`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        value_name = tr(msg!(ja: "ファイル", en: "FILE")),
        help = tr(msg!(
            ja: "読み込む表: .xlsx、.xls、.ods か .csv（UTF-8 か Shift_JIS）",
            en: "The spreadsheet: .xlsx, .xls or .ods, or .csv (UTF-8 or Shift_JIS)",
        ))
    )]
    file: PathBuf,
    #[arg(
        long,
        value_enum,
        value_name = tr(msg!(ja: "形", en: "LAYOUT")),
        help = tr(msg!(
            ja: "ファイルを読む形: table は表の形（1行に1事業、最初のシート）、sheets は1事業1シートの形（印刷用の報告書と同じ配置）。省略時は、ファイルの形から判断します",
            en: "Read the file as a table (one row per project, first sheet) or as sheets (one sheet per project, laid out as the printed report); default: the layout the file has",
        ))
    )]
    layout: Option<super::Layout>,
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(ja: "読み込み先のサイトのルート", en: "The site root to import into"))
    )]
    root: PathBuf,
    #[arg(
        long,
        value_name = tr(msg!(ja: "年度", en: "YEAR")),
        help = tr(msg!(
            ja: "取組内容と現状値の列が報告する年度（例: R4、2022）。省略時は現状値の見出しの年度、それもなければサイトの報告する年度のうち最新のもの。1事業1シートの形では、「令和5年度計画の進捗状況」のような見出しがないシートの取組実績の年度",
            en: "The fiscal year the 取組内容 and 現状値 columns report on (default: the year in the header of 現状値, else the site's newest reported year), e.g. R4 or 2022; in the sheets layout, the year of 取組実績 on sheets without a heading such as 令和5年度計画の進捗状況",
        ))
    )]
    year: Option<String>,
    #[arg(long, help = tr(msg!(ja: "すでにある記録ファイルも更新します", en: "Update records that already exist")))]
    force: bool,
}

pub fn run(args: Args) -> ExitCode {
    let mut diags = kyodo::Diagnostics::default();
    let sources = Sources::read(&args.root, &mut diags);
    let (site, _) = match kyodo::Site::from_sources_allowing_no_records(&args.root, &sources, diags) {
        Ok(s) => s,
        Err(d) => {
            say::diagnostics(&d);
            say::say(&msg!(
                ja: "先にサイトの問題を直してください。import で読み込めるのは、エラーのないサイトだけです。",
                en: "fix the site first: import adds to a site that checks without errors",
            ));
            return ExitCode::FAILURE;
        }
    };
    let year = match args.year.as_deref().map(kyodo::fiscal_year::FiscalYear::parse).transpose() {
        Ok(y) => y,
        Err(e) => {
            super::year_error(e);
            return ExitCode::FAILURE;
        }
    };
    let read = match kyodo::import::layouts::read(&args.file, args.layout.map(Into::into), &site, year) {
        Ok(r) => r,
        Err(e) => {
            say::error(&e, None);
            return ExitCode::FAILURE;
        }
    };
    let plan = kyodo::import::plan(&read.sheet, &site, &sources);
    let file = args.file.display();
    for w in &read.warnings {
        say::warning(&msg!(ja: "{file}: {w}", en: "{file}: {w}", w = w));
    }
    let problem_count = read.sheet.problems.len() + plan.problems.len();
    for p in read.sheet.problems.iter().chain(&plan.problems) {
        say::say(&msg!(ja: "{file}: {p}", en: "{file}: {p}", p = read.describe(p)));
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
        say::diagnostics(&d);
        say::say(&msg!(
            ja: "読み込んだ記録ファイルではサイトの確認が通らないため、何も書き込んでいません。",
            en: "the imported records would not check; nothing was written",
        ));
        return ExitCode::FAILURE;
    }
    if problem_count > 0 {
        say::say(&msg!(
            ja: "表の中の問題を直して、もう一度読み込んでください。読み込めないセルか行が {problem_count} か所あるため、何も書き込んでいません。",
            en: "{problem_count} cell(s) or row(s) could not be imported; nothing was written. Fix them in the spreadsheet and import again.",
        ));
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
        say::error(&e, None);
        return ExitCode::FAILURE;
    }
    let into = Path::new(&args.root).join(PROJECTS_DIR);
    let into = into.display();
    say::say(&msg!(
        ja: "{into} に {imported} 件の事業を読み込みました（新規 {new} 件、更新 {updated} 件、変更なし {unchanged} 件）。",
        en: "imported {imported} projects into {into} ({new} new, {updated} updated, {unchanged} unchanged)",
    ));
    ExitCode::SUCCESS
}

/// Reports the records the sheet would change that exist already; whether there are any.
fn refuse_existing(file: &str, changes: &[Change]) -> bool {
    let existing: Vec<&Change> = changes.iter().filter(|c| c.exists).collect();
    for c in existing.iter().take(10) {
        let (id, path) = (&c.id, c.path.display());
        say::say(&msg!(
            ja: "{file}: 事業 {id} はすでにあります（{path}）。更新するには --force を付けてください。",
            en: "{file}: project {id} exists already ({path}); use --force to update it",
        ));
    }
    if existing.len() > 10 {
        let more = existing.len() - 10;
        say::say(&msg!(
            ja: "{file}: ほかにも、すでにある事業が {more} 件あります。",
            en: "{file}: and {more} more projects that exist already",
        ));
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
