//! kyodo's integration tests: one test binary, one module per area, helpers in `support`.
//!
//! - Most tests work on a copy of a site: [`support::TestSite`] copies the fixture site
//!   (`tests/fixtures/basic`) or a shipped one into a temporary folder, edits its files,
//!   and builds or checks it in memory; `support::kyodo` runs the real binary.
//! - Pages are pinned by what each holds of its own (`support::html`), data files whole
//!   (`pages`); error messages by one case file each in `errors/` (`errors`), in English
//!   and Japanese. The command line in both languages, and how the language is chosen, is
//!   in `languages`. Snapshots are in `snapshots/`: review a change with
//!   `cargo insta review`.
//! - Static assets, JSON Schemas and the search index are tested for what they do
//!   (`assets`, `schema`, `search`), not pinned byte for byte.
//!
//! Run one area with `cargo test --test testsuite errors::`, one test by (part of) its name.

mod support;

mod assets;
mod bench_generator;
mod editor;
mod editor_years;
mod errors;
mod escaping;
mod guide;
mod import_export;
mod import_property;
mod import_safety;
mod import_sheets;
mod languages;
mod layering;
mod new_record;
mod open_data;
mod output_folder;
mod pages;
mod pipeline;
mod portals;
mod preview;
mod residents;
mod retention;
mod robustness;
mod schema;
mod search;
mod serve;
mod shipped_sites;
mod years;
