//! `kyodo schema`: write the JSON Schemas of the record files, for editors.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::msg;

use super::say::{self, tr};

/// Options of `kyodo schema`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = "schemas",
        help = tr(msg!(
            ja: "site.schema.json、vocabulary.schema.json、project.schema.json を書き出すフォルダー",
            en: "Folder to write site.schema.json, vocabulary.schema.json and project.schema.json to",
        ))
    )]
    out: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    if let Err(e) = fs::create_dir_all(&args.out) {
        let out = args.out.display();
        say::error(&msg!(ja: "{out} を作れません（{e}）。", en: "cannot create {out}: {e}"), None);
        return ExitCode::FAILURE;
    }
    for (name, text) in kyodo::schema::schemas() {
        let path = args.out.join(name);
        let shown = path.display();
        if let Err(e) = fs::write(&path, text) {
            say::error(&msg!(ja: "{shown} に書き込めません（{e}）。", en: "cannot write {shown}: {e}"), None);
            return ExitCode::FAILURE;
        }
        say::say(&msg!(ja: "{shown} を書き出しました。", en: "wrote {shown}"));
    }
    ExitCode::SUCCESS
}
