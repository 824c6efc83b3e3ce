//! `kyodo import`: turn a spreadsheet laid out like the printed report into records.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kyodo::load::{SourceFile, Sources, PROJECTS_DIR};

/// Options of `kyodo import`.
#[derive(clap::Args)]
pub struct Args {
    /// The spreadsheet: .xlsx (first sheet), .xls, .ods, or .csv (UTF-8 or Shift_JIS).
    file: PathBuf,
    /// The site root to import into.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The fiscal year the 取組内容 and 現状値 columns report on (default: the site's
    /// newest reported year), e.g. R4 or 2022.
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,
    /// Replace records that already exist.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> ExitCode {
    let mut diags = kyodo::Diagnostics::default();
    let sources = Sources::read(&args.root, &mut diags);
    let (site, _) = match kyodo::Site::from_sources_allowing_no_records(&args.root, &sources, diags) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("{d}\nfix the site first: import adds to a site that checks without errors");
            return ExitCode::FAILURE;
        }
    };
    let year = match super::year_option(args.year.as_deref(), site.reported_year()) {
        Ok(y) => y,
        Err(code) => return code,
    };
    let table = match kyodo::import::read_table(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let imported = kyodo::import::import(&table, &site.vocabulary, year);
    let file = args.file.display();
    for p in &imported.problems {
        eprintln!("{file}: {p}");
    }
    // The site with the imported records must check, or nothing is written.
    let mut combined = sources.clone();
    for r in &imported.records {
        let path = Path::new(PROJECTS_DIR).join(format!("{}.toml", r.id));
        if let Some(existing) = combined.projects.iter_mut().find(|s| s.path == path) {
            if !args.force {
                eprintln!("{file}: project {} exists already ({}); use --force to replace it", r.id, path.display());
                return ExitCode::FAILURE;
            }
            existing.bytes = r.toml.clone().into_bytes();
        } else {
            combined.projects.push(SourceFile { path, bytes: r.toml.clone().into_bytes() });
        }
    }
    if let Err(d) = kyodo::Site::from_sources(&args.root, &combined, kyodo::Diagnostics::default()) {
        eprintln!("{d}\nthe imported records would not check; nothing was written");
        return ExitCode::FAILURE;
    }
    if !imported.problems.is_empty() {
        eprintln!("{} cell(s) or row(s) could not be imported; nothing was written. Fix them in the spreadsheet and import again.", imported.problems.len());
        return ExitCode::FAILURE;
    }
    for r in &imported.records {
        let path = args.root.join(PROJECTS_DIR).join(format!("{}.toml", r.id));
        if let Err(e) = std::fs::write(&path, &r.toml) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    eprintln!("imported {} projects into {}", imported.records.len(), args.root.join(PROJECTS_DIR).display());
    ExitCode::SUCCESS
}
