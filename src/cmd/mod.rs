//! One file per subcommand: argument parsing and reporting only, in the language chosen
//! in `main` ([`say`]); the help and usage errors of clap in that language ([`help`]).

pub mod build;
pub mod check;
pub mod export;
pub mod freeze;
pub mod help;
pub mod import;
pub mod new;
pub mod say;
pub mod schema;
pub mod serve;

use std::ffi::OsString;

use kyodo::msg;

/// The value of `--lang` on the command line (`--lang ja` or `--lang=ja`), read before the
/// command line is parsed: the help texts are in that language. Nothing after `--`.
pub fn lang_flag(args: &[OsString]) -> Option<String> {
    let args: Vec<&str> = args.iter().skip(1).map(|a| a.to_str().unwrap_or("")).take_while(|a| *a != "--").collect();
    args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).map(|v| (*v).to_owned()),
        Some(rest) => rest.strip_prefix('=').map(str::to_owned),
        None => None,
    })
}

/// The fiscal year of a `--year` option, or `default` without one; prints the error.
pub fn year_option(
    year: Option<&str>,
    default: kyodo::fiscal_year::FiscalYear,
) -> Result<kyodo::fiscal_year::FiscalYear, std::process::ExitCode> {
    match year.map(kyodo::fiscal_year::FiscalYear::parse) {
        None => Ok(default),
        Some(Ok(y)) => Ok(y),
        Some(Err(e)) => {
            year_error(e);
            Err(std::process::ExitCode::FAILURE)
        }
    }
}

/// Prints a `--year` that is not a fiscal year, with how to write one.
pub fn year_error(e: kyodo::fiscal_year::FiscalYearError) {
    let (what, help) = e.0.split_help();
    say::error(&msg!(ja: "--year の値: {what}", en: "--year: {what}", what = what), help.as_ref());
}

/// `--layout` of import and export, its values explained in the interface language (the
/// library's [`kyodo::import::Layout`] knows nothing of the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    #[value(help = say::tr(msg!(
        ja: "見出しの行が一つで、1行に1事業（export の既定）",
        en: "One header row, one row per project (the default of export)",
    )))]
    Table,
    #[value(help = say::tr(msg!(
        ja: "1事業1シートで、印刷用の報告書と同じ配置",
        en: "One sheet per project, laid out as the printed report",
    )))]
    Sheets,
}

impl From<Layout> for kyodo::import::Layout {
    fn from(layout: Layout) -> kyodo::import::Layout {
        match layout {
            Layout::Table => kyodo::import::Layout::Table,
            Layout::Sheets => kyodo::import::Layout::Sheets,
        }
    }
}
