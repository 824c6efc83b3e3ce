//! View structs: what templates see, shaped for pages rather than for records.
//!
//! Everything a template prints is decided here, in one language: texts are picked with
//! their fallback marked, fiscal years and numbers are formatted, Markdown is rendered to
//! safe HTML. Templates only lay it out. One file per page (or part of a page).

mod about;
mod data_page;
mod departments;
mod facets;
mod home;
mod indicator;
mod lists;
mod project;
mod refs;
mod text;
mod years;

pub use about::*;
pub use data_page::*;
pub use departments::*;
pub use facets::*;
pub use home::*;
pub use indicator::*;
pub use lists::*;
pub use project::*;
pub use refs::*;
pub use text::*;
pub use years::*;
