//! `kyodo export`: write every record to one spreadsheet: one table, the report's columns
//! first, or (`--layout sheets`) one sheet per project laid out as the printed report.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo export`.
#[derive(clap::Args)]
pub struct Args {
    /// The file to write: .xlsx, or .csv (UTF-8 with BOM, for Excel).
    file: PathBuf,
    /// table: one row per project (default); sheets: one sheet per project, laid out as
    /// the printed report (.xlsx only).
    #[arg(long, value_enum, default_value = "table")]
    layout: kyodo::import::Layout,
    /// The site root to export.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The fiscal year whose report fills 取組内容 and 現状値 (default: the newest
    /// reported year); the other years get columns of their own.
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    // The export reads every record's report texts: keep records whole.
    let (site, _) = match kyodo::Site::load_with(&args.root, Some(kyodo::load::Retention::Whole)) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let year = match super::year_option(args.year.as_deref(), site.reported_year()) {
        Ok(y) => y,
        Err(code) => return code,
    };
    let exported = match args.layout {
        kyodo::import::Layout::Table => kyodo::import::export(&site, year, &args.file),
        kyodo::import::Layout::Sheets => kyodo::import::sheets::export_sheets(&site, year, &args.file),
    };
    match exported {
        Ok(e) if args.layout == kyodo::import::Layout::Sheets => {
            eprintln!("exported {} projects (one sheet each) to {}", e.projects, args.file.display());
            ExitCode::SUCCESS
        }
        Ok(e) => {
            eprintln!("exported {} projects ({} rows) to {}", e.projects, e.rows, args.file.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
