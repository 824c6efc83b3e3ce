//! `kyodo export`: write every record to one spreadsheet, the report's layout first.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo export`.
#[derive(clap::Args)]
pub struct Args {
    /// The file to write: .xlsx, or .csv (UTF-8 with BOM, for Excel).
    file: PathBuf,
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
    match kyodo::import::export(&site, year, &args.file) {
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
