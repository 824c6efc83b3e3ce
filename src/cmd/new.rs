//! `kyodo new project ID`: write a new, commented project record.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::load::PROJECTS_DIR;
use kyodo::msg;
use kyodo::slug::Slug;

use super::say::{self, tr};

/// What to create.
#[derive(clap::Subcommand)]
pub enum What {
    #[command(about = tr(msg!(
        ja: "事業の記録ファイル: 全項目に説明を付けた content/projects/ID.toml",
        en: "A project record: content/projects/ID.toml with every field, commented",
    )))]
    Project(ProjectArgs),
}

/// Options of `kyodo new project`.
#[derive(clap::Args)]
pub struct ProjectArgs {
    #[arg(
        value_name = "ID",
        help = tr(msg!(
            ja: "新しい事業のID（半角の小文字、数字と -）。例: 1-1-3",
            en: "The new project's id (lower-case letters, digits and -), e.g. 1-1-3",
        ))
    )]
    id: String,
    #[arg(
        long,
        value_name = tr(msg!(ja: "事業名", en: "TITLE")),
        default_value = "",
        help = tr(msg!(ja: "日本語の事業名", en: "The project title (事業名), in Japanese"))
    )]
    title: String,
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(ja: "サイトのルート", en: "The site root"))
    )]
    root: PathBuf,
}

pub fn run(what: What) -> ExitCode {
    let What::Project(args) = what;
    if let Err(e) = Slug::parse(&args.id) {
        say::error_with_help(e);
        return ExitCode::FAILURE;
    }
    let (site, _) = match kyodo::Site::load_allowing_no_records(&args.root) {
        Ok(s) => s,
        Err(d) => {
            say::diagnostics(&d);
            say::say(&msg!(
                ja: "先にサイトの問題を直してください。新しい記録ファイルは、サイトの語彙（vocabulary.toml）を使います。",
                en: "fix the site first: a new record uses its vocabulary",
            ));
            return ExitCode::FAILURE;
        }
    };
    let path = args.root.join(PROJECTS_DIR).join(format!("{}.toml", args.id));
    let shown = path.display();
    if path.exists() {
        // In Japanese the advice has a line of its own, as every error's has.
        say::error(
            &msg!(
                ja: "{shown} はすでにあります。\n  直し方: 別のIDにするか、そのファイルを編集してください。",
                en: "{shown} exists already; choose another id or edit that file",
            ),
            None,
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&path, kyodo::scaffold::project(&site, &args.id, &args.title, say::lang())) {
        say::error(&msg!(ja: "{shown} に書き込めません（{e}）。", en: "cannot write {shown}: {e}"), None);
        return ExitCode::FAILURE;
    }
    say::say(&msg!(ja: "{shown} を書き出しました。", en: "wrote {shown}"));
    if args.title.is_empty() {
        say::say(&msg!(
            ja: "事業名（title）とほかの項目を記入してから、`kyodo check` を実行してください。",
            en: "fill in the title (事業名) and the other fields, then run `kyodo check`",
        ));
    }
    ExitCode::SUCCESS
}
