//! `kyodo build`: load, check, render, and write the site atomically.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo build`.
#[derive(clap::Args)]
pub struct Args {
    /// The site root: the folder that holds content/ (and optionally themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site. Defaults to public/ inside the site root. The folder is
    /// replaced only when the whole build succeeded.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Treat warnings (missing English, indicators without an actual value for the
    /// reported year) as errors: build nothing if there are any.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> ExitCode {
    let out = args.out.unwrap_or_else(|| args.root.join("public"));
    match kyodo::build(&args.root) {
        Ok((output, warnings)) => {
            if !warnings.0.is_empty() {
                eprintln!("{warnings}");
            }
            if args.strict && !warnings.0.is_empty() {
                eprintln!("--strict: warnings count as errors; nothing was written; {} is unchanged", out.display());
                return ExitCode::FAILURE;
            }
            match kyodo::output::write_atomically(&output, &out) {
                Ok(()) => {
                    eprintln!("built {} files into {}", output.files.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}\n  = help: check that the folder is writable and the disk is not full; the previous {} is unchanged", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Err(diags) => {
            eprintln!("{diags}");
            eprintln!("nothing was written; {} is unchanged", out.display());
            ExitCode::FAILURE
        }
    }
}
