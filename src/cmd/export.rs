//! `kyodo export`: write every record to one spreadsheet: one table, the report's columns
//! first, or (`--layout sheets`) one sheet per project laid out as the printed report.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::msg;

use super::say::{self, tr};

/// Options of `kyodo export`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        value_name = tr(msg!(ja: "ファイル", en: "FILE")),
        help = tr(msg!(
            ja: "書き出すファイル: .xlsx か .csv（Excel 向けに BOM 付きの UTF-8）",
            en: "The file to write: .xlsx, or .csv (UTF-8 with BOM, for Excel)",
        ))
    )]
    file: PathBuf,
    #[arg(
        long,
        value_enum,
        default_value = "table",
        value_name = tr(msg!(ja: "形", en: "LAYOUT")),
        help = tr(msg!(
            ja: "書き出す形: table は表の形（1行に1事業）、sheets は1事業1シートの形（印刷用の報告書と同じ配置、.xlsx のみ）",
            en: "table: one row per project (default); sheets: one sheet per project, laid out as the printed report (.xlsx only)",
        ))
    )]
    layout: super::Layout,
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(ja: "書き出すサイトのルート", en: "The site root to export"))
    )]
    root: PathBuf,
    #[arg(
        long,
        value_name = tr(msg!(ja: "年度", en: "YEAR")),
        help = tr(msg!(
            ja: "取組内容と現状値の列に入れる報告の年度（省略時は報告する年度のうち最新のもの）。ほかの年度には、それぞれ列ができます",
            en: "The fiscal year whose report fills 取組内容 and 現状値 (default: the newest reported year); the other years get columns of their own",
        ))
    )]
    year: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    // The export reads every record's report texts: keep records whole.
    let (site, _) = match kyodo::Site::load_with(&args.root, Some(kyodo::load::Retention::Whole)) {
        Ok(s) => s,
        Err(d) => {
            say::diagnostics(&d);
            return ExitCode::FAILURE;
        }
    };
    let year = match super::year_option(args.year.as_deref(), site.reported_year()) {
        Ok(y) => y,
        Err(code) => return code,
    };
    let exported = match args.layout {
        super::Layout::Table => kyodo::import::export(&site, year, &args.file),
        super::Layout::Sheets => kyodo::import::sheets::export_sheets(&site, year, &args.file),
    };
    match exported {
        Ok(e) if args.layout == super::Layout::Sheets => {
            let (projects, file) = (e.projects, args.file.display());
            say::say(&msg!(
                ja: "{file} に {projects} 件の事業を書き出しました（1事業1シート）。",
                en: "exported {projects} projects (one sheet each) to {file}",
            ));
            ExitCode::SUCCESS
        }
        Ok(e) => {
            let (projects, rows, file) = (e.projects, e.rows, args.file.display());
            say::say(&msg!(
                ja: "{file} に {projects} 件の事業（{rows} 行）を書き出しました。",
                en: "exported {projects} projects ({rows} rows) to {file}",
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            say::error(&e, None);
            ExitCode::FAILURE
        }
    }
}
