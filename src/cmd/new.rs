//! `kyodo new project ID`: write a new, commented project record.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::load::PROJECTS_DIR;
use kyodo::slug::Slug;

/// What to create.
#[derive(clap::Subcommand)]
pub enum What {
    /// A project record: content/projects/ID.toml with every field, commented.
    Project(ProjectArgs),
}

/// Options of `kyodo new project`.
#[derive(clap::Args)]
pub struct ProjectArgs {
    /// The new project's id (lower-case letters, digits and -), e.g. 1-1-3.
    id: String,
    /// The project title (事業名), in Japanese.
    #[arg(long, default_value = "")]
    title: String,
    /// The site root.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

pub fn run(what: What) -> ExitCode {
    let What::Project(args) = what;
    if let Err(e) = Slug::parse(&args.id) {
        eprintln!("error: {}", e.replace('\n', "\n  = help: "));
        return ExitCode::FAILURE;
    }
    let (site, _) = match kyodo::Site::load_allowing_no_records(&args.root) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("{d}\nfix the site first: a new record uses its vocabulary");
            return ExitCode::FAILURE;
        }
    };
    let path = args.root.join(PROJECTS_DIR).join(format!("{}.toml", args.id));
    if path.exists() {
        eprintln!("error: {} exists already; choose another id or edit that file", path.display());
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&path, kyodo::scaffold::project(&site, &args.id, &args.title)) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {}", path.display());
    if args.title.is_empty() {
        eprintln!("fill in the title (事業名) and the other fields, then run `kyodo check`");
    }
    ExitCode::SUCCESS
}
