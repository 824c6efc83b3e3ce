//! Export in the printed report's layout (written in the next step).

/// Placeholder until the sheets export is written.
pub fn export_sheets() {}
