//! Output: everything that receives the rendered site, and the rules of where it may go.
//!
//! ```text
//! sink.rs         Sink and SinkFile, the one interface rendering writes to;
//!                 MemorySink (tests, preview) and Discard (check)
//! staging.rs      Staging: a sink that fills a folder next to the destination and swaps
//!                 it into place only when everything was written (atomic output)
//! destination.rs  where a build may write at all (never the site's own folders; only
//!                 over a folder kyodo wrote, unless --force)
//! ```
//!
//! Nothing here knows what a page or a record is: this module depends on no other
//! module of kyodo.

pub mod destination;
mod sink;
mod staging;

pub use sink::{Discard, MemorySink, Output, Sink, SinkFile};
pub use staging::{CommitError, Staging, WriteError, write_atomically};
