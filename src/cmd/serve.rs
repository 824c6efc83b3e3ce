//! `kyodo serve`: live preview on 127.0.0.1, rebuilt when content or theme changes.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The site root.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

pub fn run(args: Args) -> ExitCode {
    match kyodo::serve::run(&args.root, args.port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
