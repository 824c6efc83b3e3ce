//! `kyodo new project ID`: write a new, commented project record.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyodo::load::Sources;
use kyodo::msg;
use kyodo::scaffold::{self, NewProject};
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
        value_name = "ID",
        help = tr(msg!(
            ja: "担当課のID（vocabulary.toml の departments から）。省略すると最初の課",
            en: "The department's id (from vocabulary.toml's departments); the first if left out",
        ))
    )]
    department: Option<String>,
    #[arg(
        long,
        value_name = "ID",
        help = tr(msg!(
            ja: "施策のID（vocabulary.toml の goals.policies から）。省略すると最初の施策",
            en: "The policy's id (from vocabulary.toml's goals.policies); the first if left out",
        ))
    )]
    policy: Option<String>,
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
    // Only site.toml and vocabulary.toml: a new record must not wait for other records
    // to be fixed.
    let mut read_problems = kyodo::Diagnostics::default();
    let sources = Sources::read_config(&args.root, &mut read_problems);
    let site = match kyodo::Site::from_sources_allowing_no_records(&args.root, &sources, read_problems) {
        Ok((site, _)) => site,
        Err(d) => {
            say::diagnostics(&d);
            say::say(&msg!(
                ja: "先に site.toml と vocabulary.toml の問題を直してください。新しい記録ファイルは、サイトの語彙（vocabulary.toml）を使います。",
                en: "fix site.toml and vocabulary.toml first: a new record uses the site's vocabulary",
            ));
            return ExitCode::FAILURE;
        }
    };
    let new = NewProject {
        id: &args.id,
        title: &args.title,
        title_en: "",
        department: args.department.as_deref(),
        policy: args.policy.as_deref(),
    };
    let scaffold = match scaffold::project(&site, &new, say::lang()) {
        Ok(s) => s,
        Err(e) => {
            say::error_with_help(e);
            return ExitCode::FAILURE;
        }
    };
    let written = scaffold::new_record_path(&args.root, &args.id)
        .and_then(|path| scaffold::create(&args.root, &path, &scaffold.text).map(|()| path));
    let path = match written {
        // Shown as the clerk would type it: relative to the site root when that is here.
        Ok(path) if args.root == Path::new(".") => path,
        Ok(path) => args.root.join(path),
        Err(e) => {
            say::error_with_help(e.message());
            return ExitCode::FAILURE;
        }
    };
    let shown = path.display();
    say::say(&msg!(ja: "{shown} を書き出しました。", en: "wrote {shown}"));
    say::warning(&scaffold.warning(&path));
    ExitCode::SUCCESS
}
