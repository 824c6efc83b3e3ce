//! `kyodo freeze FY`: keep the report of a fiscal year as it was published.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::fiscal_year::FiscalYear;
use kyodo::model::config::Date;

/// Options of `kyodo freeze`.
#[derive(clap::Args)]
pub struct Args {
    /// The fiscal year whose report was published, as in the records: R5, 2023, 令和5年度.
    year: String,
    /// The freezing date, YYYY-MM-DD; today's date by default.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// The site root: the folder that holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    let year = match FiscalYear::parse(&args.year) {
        Ok(y) => y,
        Err(e) => {
            eprintln!("error: {}", e.to_string().replace('\n', "\n  = help: "));
            return ExitCode::FAILURE;
        }
    };
    let date = match args.date.as_deref().map(Date::parse) {
        None => kyodo::freeze::today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            eprintln!("error: --date: {}", e.replace('\n', "\n  = help: "));
            return ExitCode::FAILURE;
        }
    };
    match kyodo::freeze::freeze(&args.root, year, &date) {
        Ok(dir) => {
            eprintln!("froze the report of {year} on {} into {}", date.as_str(), dir.display());
            eprintln!(
                "commit this folder with the records; every build publishes it unchanged under data/editions/{}/",
                year.year()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            eprintln!("nothing was frozen");
            ExitCode::FAILURE
        }
    }
}
