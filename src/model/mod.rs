//! The case-file data model: pure data and pure functions, no I/O and no egui.
//! For now the list summary the vault keeps per case; the full model (DESIGN.md §3) builds on it.

mod summary;

pub use summary::{CASE_KIND, CaseSummary};
