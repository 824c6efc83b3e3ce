//! `kyodo schema`: write the JSON Schemas of the record files, for editors.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo schema`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder to write site.schema.json, vocabulary.schema.json and project.schema.json to.
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    out: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    if let Err(e) = fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in kyodo::schema::schemas() {
        let path = args.out.join(name);
        if let Err(e) = fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
