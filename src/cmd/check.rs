//! `kyodo check`: report every problem in the records without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo check`.
#[derive(clap::Args)]
pub struct Args {
    /// The site root: the folder that holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match kyodo::check(&args.root) {
        Ok(warnings) => {
            eprintln!("{warnings}");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::FAILURE
        }
    }
}
