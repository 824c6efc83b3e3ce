//! `kyodo serve`: live preview on 127.0.0.1, rebuilt when content or theme changes.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::msg;

use super::say::{self, tr};

/// Options of `kyodo serve`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(ja: "サイトのルート", en: "The site root"))
    )]
    root: PathBuf,
    #[arg(
        long,
        value_name = tr(msg!(ja: "番号", en: "PORT")),
        default_value_t = 8000,
        help = tr(msg!(
            ja: "127.0.0.1 で使うポート番号。0 にすると空いている番号を選びます",
            en: "The port on 127.0.0.1; 0 picks a free one",
        ))
    )]
    port: u16,
}

pub fn run(args: Args) -> ExitCode {
    match kyodo::serve::run(&args.root, args.port, say::lang()) {
        Ok(()) => ExitCode::SUCCESS,
        Err((what, help)) => {
            say::error(&what, help.as_ref());
            ExitCode::FAILURE
        }
    }
}
