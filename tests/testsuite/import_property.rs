//! Export then import is the identity on the records `kyodo-bench generate` makes, for any
//! seed and number of projects, in every format and layout (a table in .xlsx or .csv, one
//! sheet per project in .xlsx): imported over the same site the records stay byte for byte
//! as they were; imported into an empty site they are the same records.

use proptest::prelude::*;

use crate::support::records::{record_files, records};
use crate::support::{TestSite, generate, kyodo_ok};

proptest! {
    // Each case runs kyodo four times; a few cases cover seeds and sizes well.
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 16, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_the_identity(seed in 1u64..u64::MAX, projects in 1usize..30, format in 0u8..3) {
        let site = tempfile::tempdir().unwrap();
        generate(site.path(), projects, Some(seed));
        let before = record_files(site.path());
        let sheet = tempfile::tempdir().unwrap();
        let (name, layout) = [("all.xlsx", "table"), ("all.csv", "table"), ("sheets.xlsx", "sheets")][usize::from(format)];
        let file = sheet.path().join(name);
        kyodo_ok(&["export", file.to_str().unwrap(), "--layout", layout], site.path());

        kyodo_ok(&["import", file.to_str().unwrap(), "--force"], site.path());
        prop_assert!(record_files(site.path()) == before, "imported over itself, every record stays byte for byte");

        let empty = TestSite::empty_like(site.path());
        kyodo_ok(&["import", file.to_str().unwrap()], empty.path());
        prop_assert_eq!(records(empty.path()), records(site.path()));
    }
}
