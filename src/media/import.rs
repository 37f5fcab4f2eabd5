//! Importing files into the vault: for each file a size cap, the real format from its bytes, the
//! original stored byte for byte (hashed and encrypted), a thumbnail made by the decode worker
//! and stored encrypted too. A batch runs files two at a time, reports each file as it finishes,
//! and can be cancelled; one bad file never stops the others.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use zeroize::Zeroizing;

use super::decode::DecodeError;
use super::sniff::{Format, SNIFF_LEN};
use super::worker::{Decoder, Output, PreviewError, Task};
use crate::model::{Case, DocumentFile, DocumentId, FileRole};
use crate::tr;
use crate::vault::{BlobStore, VaultError};

/// What an import may take.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// Files larger than this are refused (bytes).
    pub max_size: u64,
    /// Thumbnails fit in a square of this many pixels.
    pub thumbnail_side: u32,
    /// Files imported at the same time.
    pub parallel: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            max_size: 200 << 20,
            thumbnail_side: 256,
            parallel: 2,
        }
    }
}

/// Who imports, and when (recorded in the file entry and the custody log).
#[derive(Debug, Clone)]
pub struct Stamp {
    pub by: String,
    /// RFC 3339 time.
    pub at: String,
}

/// A file now in the vault.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: DocumentFile,
    /// Why it has no preview, if it has none.
    pub no_preview: Option<PreviewError>,
}

/// Why a file was not imported (nothing of it was stored).
#[derive(Debug)]
pub enum ImportError {
    Missing,
    IsFolder,
    Empty,
    TooLarge { size: u64, limit: u64 },
    Unreadable(io::ErrorKind),
    Vault(VaultError),
    Cancelled,
}

/// One file's result, named by its file name only (never its full path).
#[derive(Debug)]
pub struct FileOutcome {
    pub name: String,
    pub result: Result<Imported, ImportError>,
}

impl FileOutcome {
    /// The message for the user: why it was refused, or why it has no preview; `None` when it
    /// was imported with a preview.
    pub fn message(&self) -> Option<String> {
        let name = self.name.clone();
        match &self.result {
            Ok(Imported {
                no_preview: None, ..
            }) => None,
            Ok(Imported {
                no_preview: Some(PreviewError::Decode(DecodeError::NoPreview)),
                file,
            }) if file.media_type == Format::Other.media_type() && named_like_an_image(&name) => {
                Some(tr!("import-not-what-name-says", name = name))
            }
            Ok(Imported {
                no_preview: Some(PreviewError::Decode(DecodeError::NoPreview)),
                file,
            }) => Some(tr!(
                "import-kept-without-preview",
                name = name,
                kind = file.media_type.clone()
            )),
            Ok(Imported {
                no_preview: Some(why),
                ..
            }) => Some(tr!(
                "import-stored-preview-failed",
                name = name,
                reason = preview_error_text(why)
            )),
            Err(err) => Some(import_error_text(&name, err)),
        }
    }
}

/// True when the file name ends like an image the app previews.
fn named_like_an_image(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The user's words for why there is no preview.
pub fn preview_error_text(err: &PreviewError) -> String {
    match err {
        PreviewError::Decode(DecodeError::TooLarge {
            width,
            height,
            max_side,
        }) => tr!(
            "preview-too-large",
            width = crate::i18n::num(*width as usize),
            height = crate::i18n::num(*height as usize),
            limit = crate::i18n::num(*max_side as usize)
        ),
        PreviewError::Decode(DecodeError::OverMemoryLimit { .. }) => tr!("preview-over-memory"),
        PreviewError::Decode(DecodeError::Damaged) => tr!("preview-damaged"),
        PreviewError::Decode(DecodeError::Unsupported) => tr!("preview-unsupported"),
        PreviewError::Decode(DecodeError::NoSuchPage { page }) => {
            tr!(
                "preview-no-such-page",
                page = crate::i18n::num(*page as usize + 1)
            )
        }
        PreviewError::Decode(DecodeError::NoPreview) => tr!("preview-none"),
        PreviewError::TimedOut { seconds } => {
            tr!(
                "preview-timed-out",
                seconds = crate::i18n::num(*seconds as usize)
            )
        }
        PreviewError::Crashed => tr!("preview-crashed"),
        PreviewError::NotStored(reason) => tr!("preview-not-stored", reason = reason.clone()),
        PreviewError::CouldNotStart(kind) => {
            tr!("preview-could-not-start", cause = kind.to_string())
        }
    }
}

/// The user's words for why a file was not imported.
pub fn import_error_text(name: &str, err: &ImportError) -> String {
    let name = name.to_string();
    match err {
        ImportError::Missing => tr!("import-missing", name = name),
        ImportError::IsFolder => tr!("import-is-folder", name = name),
        ImportError::Empty => tr!("import-empty", name = name),
        ImportError::TooLarge { size, limit } => tr!(
            "import-too-large",
            name = name,
            size = crate::i18n::num(size.div_ceil(1 << 20) as usize),
            limit = crate::i18n::num(limit.div_ceil(1 << 20) as usize)
        ),
        ImportError::Unreadable(kind) => {
            tr!("import-unreadable", name = name, cause = kind.to_string())
        }
        ImportError::Vault(err) => tr!("import-vault", name = name, reason = err.to_string()),
        ImportError::Cancelled => tr!("import-cancelled", name = name),
    }
}

/// The name to show for a path: its file name only.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Imports one file.
pub fn import_file(
    store: &BlobStore,
    decoder: &Decoder,
    path: &Path,
    options: &ImportOptions,
    stamp: &Stamp,
) -> Result<Imported, ImportError> {
    let bytes = read_capped(path, options.max_size)?;
    store_original(
        store,
        decoder,
        &bytes,
        display_name(path),
        FileRole::Original,
        None,
        options,
        stamp,
    )
}

/// Stores `bytes` as a file of a document, with a thumbnail if the worker can make one.
#[allow(clippy::too_many_arguments)]
pub fn store_original(
    store: &BlobStore,
    decoder: &Decoder,
    bytes: &[u8],
    name: String,
    role: FileRole,
    parent: Option<String>,
    options: &ImportOptions,
    stamp: &Stamp,
) -> Result<Imported, ImportError> {
    let format = Format::sniff(&bytes[..bytes.len().min(SNIFF_LEN)]);
    let stored = store.put(&mut &bytes[..]).map_err(ImportError::Vault)?;
    let (pages, thumbnail, no_preview) = match decoder.run(
        format,
        Task::Thumbnail {
            side: options.thumbnail_side,
        },
        bytes,
    ) {
        Ok(Output::Thumbnail { pages, jpeg }) => match store.put(&mut &jpeg[..]) {
            Ok(thumb) => (pages, Some(thumb.object.to_string()), None),
            // The original is stored: keep it, without a preview, and say why.
            Err(err) => (pages, None, Some(PreviewError::NotStored(err.to_string()))),
        },
        Ok(_) => (0, None, Some(PreviewError::Crashed)),
        Err(err) => (0, None, Some(err)),
    };
    Ok(Imported {
        file: DocumentFile {
            blob: stored.object.to_string(),
            sha256: stored.sha256,
            size: stored.size,
            media_type: format.media_type().to_string(),
            original_name: name,
            role,
            parent,
            pages,
            thumbnail,
            imported_on: stamp.at.clone(),
            imported_by: stamp.by.clone(),
        },
        no_preview,
    })
}

/// Reads a whole file into (zeroized) memory, refusing folders, empty files and files over the
/// cap, also when the file grows while being read.
fn read_capped(path: &Path, max_size: u64) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let unreadable = |err: io::Error| match err.kind() {
        io::ErrorKind::NotFound => ImportError::Missing,
        io::ErrorKind::IsADirectory => ImportError::IsFolder,
        kind => ImportError::Unreadable(kind),
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(ImportError::IsFolder);
    }
    if metadata.len() > max_size {
        return Err(ImportError::TooLarge {
            size: metadata.len(),
            limit: max_size,
        });
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Zeroizing::new(Vec::with_capacity(metadata.len() as usize));
    file.take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_size {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(bytes)
}

/// Imports `paths`, `options.parallel` at a time. `on_done(index, outcome)` is called as each
/// file finishes (from worker threads); once `cancel` is set, files not yet started are reported
/// as cancelled.
pub fn import_batch(
    store: &BlobStore,
    decoder: &Decoder,
    paths: &[PathBuf],
    options: &ImportOptions,
    stamp: &Stamp,
    cancel: &AtomicBool,
    on_done: &(dyn Fn(usize, FileOutcome) + Sync),
) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..options.parallel.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = paths.get(index) else {
                        break;
                    };
                    let result = if cancel.load(Ordering::SeqCst) {
                        Err(ImportError::Cancelled)
                    } else {
                        import_file(store, decoder, path, options, stamp)
                    };
                    on_done(
                        index,
                        FileOutcome {
                            name: display_name(path),
                            result,
                        },
                    );
                }
            });
        }
    });
}

/// Where imported files go in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// All into one document (pages of the same paper).
    Document(DocumentId),
    /// Each into a new document titled after the file.
    NewDocuments,
}

/// Adds an imported file to the case (and its custody log). A destination document removed in
/// the meantime gets a new document instead, so that no stored file is left out. Returns the
/// document the file went to.
pub fn attach(case: &mut Case, destination: Destination, imported: Imported) -> DocumentId {
    let file = imported.file;
    let details = format!(
        "{} ({}, {} bytes)",
        file.original_name, file.media_type, file.size
    );
    if let Destination::Document(id) = destination
        && case.document(id).is_some()
    {
        case.attach_file(id, file, &details);
        return id;
    }
    let id = case.add_document_titled(&file.original_name);
    case.attach_file(id, file, &details);
    id
}
