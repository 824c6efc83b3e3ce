//! The `kyodo` command: chooses the language, parses arguments and hands over to the
//! library.

mod cmd;

/// mimalloc: rendering allocates many small strings; it is markedly faster than the
/// system allocator for that, on every platform kyodo runs on.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use kyodo::msg;

use cmd::say::tr;

// The help texts are attributes, in both languages, evaluated when the command is built:
// after `main` has chosen the language.
#[derive(Parser)]
#[command(
    name = "kyodo",
    version,
    about = tr(msg!(
        ja: "市の計画の進捗状況の報告（事業ごとに一つの TOML 記録ファイル）を、オープンデータ付きの日英2か国語の静的ウェブサイトにします",
        en: "Build a city's plan-progress report (one TOML record per project) into a bilingual static website with open-data downloads",
    )),
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    // Read before the command line is parsed (see `main`); declared here for the help and
    // so that every command takes it.
    #[arg(
        long,
        global = true,
        value_name = tr(msg!(ja: "言語", en: "LANG")),
        value_parser = ["ja", "en"],
        hide_possible_values = true,
        help = tr(msg!(
            ja: "メッセージとヘルプの言語: ja（日本語）か en（英語）。省略時は環境変数 KYODO_LANG、それもなければ OS の言語設定に従います",
            en: "Language of messages and help: ja or en (default: KYODO_LANG, else the system's language)",
        ))
    )]
    lang: Option<String>,
    #[arg(short, long, global = true, action = ArgAction::Help, help = tr(msg!(ja: "ヘルプを表示します", en: "Print help")))]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version, help = tr(msg!(ja: "バージョンを表示します", en: "Print version")))]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    #[command(about = tr(msg!(
        ja: "サイトを作成し、そのままウェブサーバーに置けるフォルダーに書き出します",
        en: "Build the site into a folder ready to upload to any web server",
    )))]
    Build(cmd::build::Args),
    #[command(about = tr(msg!(
        ja: "すべての記録ファイルを確かめ、問題をすべて報告します。何も書き出しません",
        en: "Check every record and report all problems, without writing anything",
    )))]
    Check(cmd::check::Args),
    #[command(about = tr(msg!(
        ja: "サイトを 127.0.0.1 でプレビューします。編集するたびに作り直して表示し直します",
        en: "Preview the site on 127.0.0.1, rebuilt and reloaded as you edit",
    )))]
    Serve(cmd::serve::Args),
    #[command(about = tr(msg!(
        ja: "記録ファイルの JSON スキーマを書き出します（エディターでの入力補完と確認のため）",
        en: "Write the JSON Schemas of the record files (for editor autocomplete and checks)",
    )))]
    Schema(cmd::schema::Args),
    #[command(
        subcommand,
        about = tr(msg!(
            ja: "サイトの語彙（vocabulary.toml）を使って、新しい記録ファイルを作ります",
            en: "Create a new record from the site's vocabulary",
        ))
    )]
    New(cmd::new::What),
    #[command(about = tr(msg!(
        ja: "印刷用の報告書と同じ形の表（Excel など）から事業を読み込みます",
        en: "Import projects from a spreadsheet laid out like the printed report",
    )))]
    Import(cmd::import::Args),
    #[command(about = tr(msg!(
        ja: "事業を、import で読み込める形の表に書き出します",
        en: "Export the projects to a spreadsheet in the same layout as `import` reads",
    )))]
    Export(cmd::export::Args),
    #[command(about = tr(msg!(
        ja: "ある年度の報告を公表したことを記録し、そのデータを確定版としてそのまま残します",
        en: "Record that the report of a fiscal year was published: keep its data unchanged",
    )))]
    Freeze(cmd::freeze::Args),
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let choice = kyodo::msg::from_environment(cmd::lang_flag(&args).as_deref());
    cmd::say::set_lang(choice.lang);
    if let Some(note) = choice.note {
        cmd::say::warning(&note);
    }
    let mut command = Cli::command();
    command.build();
    let matches = match cmd::help::localize(command).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return cmd::help::clap_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return cmd::help::clap_error(e),
    };
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::New(what) => cmd::new::run(what),
        Command::Import(args) => cmd::import::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Freeze(args) => cmd::freeze::run(args),
    }
}
