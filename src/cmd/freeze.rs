//! `kyodo freeze FY`: keep the report of a fiscal year as it was published.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::fiscal_year::FiscalYear;
use kyodo::model::config::Date;
use kyodo::msg;

use super::say::{self, tr};

/// Options of `kyodo freeze`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        value_name = tr(msg!(ja: "年度", en: "YEAR")),
        help = tr(msg!(
            ja: "報告を公表した年度。記録ファイルと同じように書きます: R5、2023、令和5年度",
            en: "The fiscal year whose report was published, as in the records: R5, 2023, 令和5年度",
        ))
    )]
    year: String,
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        help = tr(msg!(
            ja: "確定日（YYYY-MM-DD）。省略すると今日の日付です",
            en: "The freezing date, YYYY-MM-DD; today's date by default",
        ))
    )]
    date: Option<String>,
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(ja: "サイトのルート: content/ があるフォルダー", en: "The site root: the folder that holds content/"))
    )]
    root: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    let year = match FiscalYear::parse(&args.year) {
        Ok(y) => y,
        Err(e) => {
            say::error_with_help(e.0);
            return ExitCode::FAILURE;
        }
    };
    let date = match args.date.as_deref().map(Date::parse) {
        None => kyodo::freeze::today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            let (what, help) = e.split_help();
            say::error(&msg!(ja: "--date の値: {what}", en: "--date: {what}", what = what), help.as_ref());
            return ExitCode::FAILURE;
        }
    };
    match kyodo::freeze::freeze(&args.root, year, &date) {
        Ok(dir) => {
            let (shown, number) = (dir.display(), year.year());
            say::say(&msg!(
                ja: "{year}の報告を {date} 付けで確定し、確定版を {shown} に保存しました。",
                en: "froze the report of {year} on {date} into {shown}",
                year = year.named(),
                date = date.as_str(),
            ));
            say::say(&msg!(
                ja: "このフォルダーを記録ファイルといっしょにコミットしてください。この後はサイトを作成するたびに、data/editions/{number}/ にそのまま公開します。",
                en: "commit this folder with the records; every build publishes it unchanged under data/editions/{number}/",
            ));
            ExitCode::SUCCESS
        }
        Err(diags) => {
            say::diagnostics(&diags);
            say::say(&msg!(ja: "何も確定していません。", en: "nothing was frozen"));
            ExitCode::FAILURE
        }
    }
}
