//! One file per subcommand: argument parsing and reporting only.

pub mod build;
pub mod check;
pub mod export;
pub mod freeze;
pub mod import;
pub mod new;
pub mod schema;
pub mod serve;

/// The fiscal year of a `--year` option, or `default` without one; prints the error.
pub fn year_option(
    year: Option<&str>,
    default: kyodo::fiscal_year::FiscalYear,
) -> Result<kyodo::fiscal_year::FiscalYear, std::process::ExitCode> {
    match year.map(kyodo::fiscal_year::FiscalYear::parse) {
        None => Ok(default),
        Some(Ok(y)) => Ok(y),
        Some(Err(e)) => {
            eprintln!("error: --year: {}", e.to_string().replace('\n', "\n  = help: "));
            Err(std::process::ExitCode::FAILURE)
        }
    }
}
