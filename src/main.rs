//! The `kyodo` command: parses arguments and hands over to the library.

mod cmd;

/// mimalloc: rendering allocates many small strings; it is markedly faster than the
/// system allocator for that, on every platform kyodo runs on.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build a city's plan-progress report (one TOML record per project) into a bilingual
/// static website with open-data downloads.
#[derive(Parser)]
#[command(name = "kyodo", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder ready to upload to any web server.
    Build(cmd::build::Args),
    /// Check every record and report all problems, without writing anything.
    Check(cmd::check::Args),
    /// Preview the site on 127.0.0.1, rebuilt and reloaded as you edit.
    Serve(cmd::serve::Args),
    /// Write the JSON Schemas of the record files (for editor autocomplete and checks).
    Schema(cmd::schema::Args),
    /// Create a new record from the site's vocabulary.
    #[command(subcommand)]
    New(cmd::new::What),
    /// Import projects from a spreadsheet laid out like the printed report.
    Import(cmd::import::Args),
    /// Export the projects to a spreadsheet in the same layout as `import` reads.
    Export(cmd::export::Args),
    /// Record that the report of a fiscal year was published: keep its data unchanged.
    Freeze(cmd::freeze::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
