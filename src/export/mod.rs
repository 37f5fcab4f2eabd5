//! Export: what leaves the laptop (DESIGN.md §5). The lawyer's choice of what goes in
//! (`choice`), applied once to the case; the numbered exhibits and the page list (`exhibits`);
//! the dossier PDF (`dossier`), the ZIP bundle (`bundle`), its age hand-off (`handoff`), the
//! way back in (`receive`), and statistics (`stats`).

pub mod bundle;
pub mod choice;
pub mod dossier;
pub mod exhibits;
pub mod handoff;
pub mod originals;
pub mod output;
pub mod parallel;
pub mod receive;
pub mod run;
pub mod stats;

pub use choice::ExportChoice;
pub use exhibits::{Exhibit, ExhibitFile, Placement, exhibits};
pub use originals::{ExportError, Originals};
