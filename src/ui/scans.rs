//! The scans side of an open vault: the import running in the background (progress, cancel,
//! per-file messages), the native file dialog behind a trait, and the thumbnail textures of what
//! is on screen. Everything here is dropped on lock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use super::background::Background;
use crate::media::{
    Decoder, Destination, FileOutcome, ImportError, ImportOptions, Imported, Stamp, import_batch,
};
use crate::tr;
use crate::vault::{BlobStore, ObjectId};

/// Asks the user for files. The real one is the native dialog; tests supply paths.
pub trait FilePicker: Send + Sync {
    /// The chosen files; `None` when cancelled or when no dialog could be shown.
    fn pick_files(&self) -> Option<Vec<PathBuf>>;
    /// A chosen folder (for backups); `None` when cancelled or no dialog could be shown.
    fn pick_folder(&self) -> Option<PathBuf> {
        None
    }
    /// A chosen bundle or hand-off to import; `None` when cancelled or no dialog could be shown.
    fn pick_bundle(&self) -> Option<PathBuf> {
        None
    }
    /// Where to save an export (offering `name`); `None` when cancelled or no dialog.
    fn save_file(&self, name: &str) -> Option<PathBuf> {
        let _ = name;
        None
    }
}

/// The native dialog (the XDG desktop portal on Linux, which some desktops lack: the typed
/// path field is there for them).
pub struct NativeFilePicker;

impl FilePicker for NativeFilePicker {
    fn pick_files(&self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title(tr!("scans-dialog-title"))
            .pick_files()
    }

    fn pick_folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(tr!("backup-folder"))
            .pick_folder()
    }

    fn pick_bundle(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(tr!("receive-heading"))
            .add_filter(tr!("receive-file-filter"), &["age", "zip"])
            .pick_file()
    }

    fn save_file(&self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(tr!("export-save-to"))
            .set_file_name(name)
            .save_file()
    }
}

/// An import in progress.
pub struct ImportJob {
    pub destination: Destination,
    pub total: usize,
    pub done: usize,
    cancelled_files: usize,
    /// Outcomes that finished before an earlier file; files are attached in the order given.
    waiting: std::collections::BTreeMap<usize, FileOutcome>,
    cancel: Arc<AtomicBool>,
    receiver: Receiver<(usize, FileOutcome)>,
}

impl ImportJob {
    /// Asks the import to stop after the files in progress.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

/// Thumbnail textures by object, for the files on screen; bounded, dropped on lock.
#[derive(Default)]
pub struct Thumbnails {
    textures: HashMap<String, Option<egui::TextureHandle>>,
}

/// At most this many thumbnails are kept as textures.
const MAX_THUMBNAILS: usize = 96;

impl Thumbnails {
    /// The texture of a stored thumbnail (decrypted and decoded on first use; `None` if it does
    /// not read). Thumbnails are JPEGs the decode worker made, so decoding them here is safe.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        store: &BlobStore,
        object: &str,
    ) -> Option<egui::TextureHandle> {
        if !self.textures.contains_key(object) {
            if self.textures.len() >= MAX_THUMBNAILS {
                self.textures.clear();
            }
            let texture = load_thumbnail(ctx, store, object);
            self.textures.insert(object.to_string(), texture);
        }
        self.textures.get(object).cloned().flatten()
    }
}

fn load_thumbnail(
    ctx: &egui::Context,
    store: &BlobStore,
    object: &str,
) -> Option<egui::TextureHandle> {
    let id = ObjectId::parse(object)?;
    let bytes = store.read_to_memory(&id, 4 << 20).ok()?;
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).ok()?;
    let rgba = image.into_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    let pixels = zeroize::Zeroizing::new(rgba.into_raw());
    let color = egui::ColorImage::from_rgba_unmultiplied(size, &pixels);
    Some(ctx.load_texture("thumbnail", color, egui::TextureOptions::LINEAR))
}

/// The scans state of an open vault.
pub struct Scans {
    pub store: BlobStore,
    pub decoder: Decoder,
    picker: Arc<dyn FilePicker>,
    picking: Option<(Destination, Background<Option<Vec<PathBuf>>>)>,
    pub import: Option<ImportJob>,
    /// Messages from the last imports (refused files, files without preview).
    pub messages: Vec<String>,
    /// The typed-path field.
    pub typed_path: String,
    pub thumbnails: Thumbnails,
    pub options: ImportOptions,
}

/// What `poll` found.
#[derive(Default)]
pub struct Arrived {
    pub imported: Vec<(Destination, Imported)>,
    /// The import finished (or was cancelled and drained).
    pub finished: bool,
}

impl Scans {
    pub fn new(store: BlobStore, decoder: Decoder, picker: Arc<dyn FilePicker>) -> Self {
        Self {
            store,
            decoder,
            picker,
            picking: None,
            import: None,
            messages: Vec::new(),
            typed_path: String::new(),
            thumbnails: Thumbnails::default(),
            options: ImportOptions::default(),
        }
    }

    /// True while files are being imported or chosen.
    pub fn busy(&self) -> bool {
        self.import.is_some() || self.picking.is_some()
    }

    /// Opens the file dialog on its own thread; the chosen files are imported when it closes.
    pub fn pick_files(&mut self, destination: Destination, ctx: &egui::Context) {
        let picker = self.picker.clone();
        match Background::spawn("casevault-file-dialog", ctx, move || picker.pick_files()) {
            Ok(job) => self.picking = Some((destination, job)),
            Err(_) => self.messages.push(tr!("scans-thread-failed")),
        }
    }

    /// Starts importing `paths` into `destination`.
    pub fn start_import(
        &mut self,
        paths: Vec<PathBuf>,
        destination: Destination,
        stamp: Stamp,
        ctx: &egui::Context,
    ) {
        if paths.is_empty() || self.import.is_some() {
            return;
        }
        self.messages.clear();
        self.typed_path.clear();
        let (sender, receiver) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let total = paths.len();
        let (store, decoder, options) = (self.store.clone(), self.decoder.clone(), self.options);
        let (flag, wake) = (cancel.clone(), ctx.clone());
        let started = std::thread::Builder::new()
            .name("casevault-import".into())
            .spawn(move || {
                let sender = std::sync::Mutex::new(sender);
                import_batch(
                    &store,
                    &decoder,
                    &paths,
                    &options,
                    &stamp,
                    &flag,
                    &|i, outcome| {
                        if let Ok(sender) = sender.lock() {
                            sender.send((i, outcome)).ok();
                        }
                        wake.request_repaint();
                    },
                );
            });
        match started {
            Ok(_) => {
                self.import = Some(ImportJob {
                    destination,
                    total,
                    done: 0,
                    cancelled_files: 0,
                    waiting: std::collections::BTreeMap::new(),
                    cancel,
                    receiver,
                })
            }
            Err(_) => self.messages.push(tr!("scans-thread-failed")),
        }
    }

    /// Collects finished files (and files chosen in the dialog, returned as paths to import).
    pub fn poll(&mut self) -> (Arrived, Option<(Destination, Vec<PathBuf>)>) {
        let mut arrived = Arrived::default();
        if let Some(job) = self.import.as_mut() {
            while let Ok((index, outcome)) = job.receiver.try_recv() {
                job.waiting.insert(index, outcome);
            }
            while let Some(outcome) = job.waiting.remove(&job.done) {
                job.done += 1;
                if matches!(outcome.result, Err(ImportError::Cancelled)) {
                    job.cancelled_files += 1;
                } else if let Some(message) = outcome.message() {
                    self.messages.push(message);
                }
                if let Ok(imported) = outcome.result {
                    arrived.imported.push((job.destination, imported));
                }
            }
            if job.done >= job.total {
                if job.cancelled_files > 0 {
                    self.messages.push(tr!(
                        "scans-import-cancelled",
                        count = crate::i18n::num(job.cancelled_files)
                    ));
                }
                arrived.finished = true;
                self.import = None;
            }
        }
        let mut picked = None;
        if let Some((destination, job)) = &self.picking
            && let Some(result) = job.poll()
        {
            match result.flatten() {
                Some(paths) if !paths.is_empty() => picked = Some((*destination, paths)),
                _ => self.messages.push(tr!("scans-dialog-nothing")),
            }
            self.picking = None;
        }
        (arrived, picked)
    }
}
