//! One file per subcommand: argument parsing and reporting only.

pub mod build;
pub mod check;
pub mod export;
pub mod import;
pub mod new;
pub mod schema;
pub mod serve;
