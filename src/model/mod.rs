//! The records a site is made of, as written in `content/`: typed, with serde.
//!
//! These types mirror the TOML files one to one (`deny_unknown_fields` everywhere, so a
//! misspelt key is an error, not a silent omission). Values that refer to other records keep
//! their position in the file (`Spanned`) so that a dangling reference can be reported at the
//! line and column where it was written.

pub mod config;
pub mod correction;
pub mod project;
pub mod vocabulary;

pub use config::{Licence, SiteConfig};
pub use correction::{Correction, FormerName, Stated};
pub use project::{Indicator, IndicatorValue, Project, Report, ScheduleRow, ValueKind};
pub use vocabulary::{Department, Goal, Grade, Partner, Policy, Status, Vocabulary};
