//! Scans (DESIGN.md §4): sniffing the real format of a file, importing files into the vault,
//! and the decode worker process that makes thumbnails, viewer pages and working copies from
//! untrusted images. The app itself never decodes an untrusted image.

pub mod decode;
pub mod import;
pub mod sniff;
pub mod worker;

pub use decode::{DecodeError, Limits};
pub use import::{
    Destination, FileOutcome, ImportError, ImportOptions, Imported, Stamp, attach, import_batch,
    import_file,
};
pub use sniff::Format;
pub use worker::{Decoder, Output, PagePixels, PreviewError, Task, WORKER_SUBCOMMAND};
