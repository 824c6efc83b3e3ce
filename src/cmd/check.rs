//! `kyodo check`: report every problem in the records without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::msg;

use super::say::{self, tr};

/// Options of `kyodo check`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(ja: "サイトのルート: content/ があるフォルダー", en: "The site root: the folder that holds content/"))
    )]
    root: PathBuf,
    #[arg(
        long,
        help = tr(msg!(
            ja: "警告（英訳がない、報告する年度の実績値がない指標など）があっても失敗とします",
            en: "Fail on warnings too (missing English, indicators without an actual value for the reported year)",
        ))
    )]
    strict: bool,
}

pub fn run(args: Args) -> ExitCode {
    match kyodo::check(&args.root) {
        Ok(warnings) => {
            say::diagnostics(&warnings);
            if args.strict && !warnings.0.is_empty() {
                say::say(&msg!(
                    ja: "--strict を付けているため、警告もエラーとして扱いました。",
                    en: "--strict: warnings count as errors",
                ));
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(diags) => {
            say::diagnostics(&diags);
            ExitCode::FAILURE
        }
    }
}
