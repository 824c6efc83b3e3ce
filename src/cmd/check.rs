//! `kyodo check`: report every problem in the records without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo check`.
#[derive(clap::Args)]
pub struct Args {
    /// The site root: the folder that holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Fail on warnings too (missing English, indicators without an actual value for the
    /// reported year).
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> ExitCode {
    match kyodo::check(&args.root) {
        Ok(warnings) => {
            eprintln!("{warnings}");
            if args.strict && !warnings.0.is_empty() {
                eprintln!("--strict: warnings count as errors");
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::FAILURE
        }
    }
}
