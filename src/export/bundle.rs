//! The ZIP bundle (DESIGN.md §5): the dossier PDF, every file of the exported documents byte for
//! byte under `originals/`, the machine-readable case file and a `SHA256SUMS` that `sha256sum -c`
//! accepts. Written as a stream (no seeking), so it can go straight into the age encryptor and
//! never touch the disk in plaintext. The next original is read (decrypted, its SHA-256
//! checked) on a second thread while the current one is written.

mod names;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub use names::{MAX_NAME_BYTES, original_path, safe_name};

use super::output::stream_error;
use super::{ExportError, Originals};
use crate::model::{Case, DocumentFile};

pub const CASE_FILE: &str = "case.json";
pub const SUMS_FILE: &str = "SHA256SUMS";
pub const DOSSIER_FILE: &str = "dossier.pdf";
pub const ORIGINALS_DIR: &str = "originals/";
/// The version of the bundle layout and of `CaseFile`.
pub const BUNDLE_FORMAT: u32 = 1;

/// How much is written between two progress reports (and cancel checks).
const SLICE: usize = 4 << 20;

/// The machine-readable case file's envelope (`case.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFile {
    /// `BUNDLE_FORMAT`.
    pub format: u32,
    /// RFC 3339 time of the export.
    pub exported_at: String,
    pub exported_by: String,
    /// The vault the case was exported from.
    pub vault_id: String,
    /// The case as exported (already redacted by the lawyer's choice).
    pub case: Case,
    /// Bundle path of each file, by its SHA-256.
    pub files: BTreeMap<String, String>,
}

/// Who exports, when, and from which vault.
pub struct BundleMeta<'a> {
    pub exported_at: &'a str,
    pub exported_by: &'a str,
    pub vault_id: &'a str,
}

/// What a bundle holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleManifest {
    /// (path in the bundle, sha256) for every entry except SHA256SUMS itself, in bundle order.
    pub entries: Vec<(String, String)>,
}

impl BundleManifest {
    /// The `SHA256SUMS` text: `<hex>  <path>` lines, as `sha256sum` writes and checks them.
    pub fn sha256sums(&self) -> String {
        self.entries
            .iter()
            .map(|(path, sha256)| format!("{sha256}  {path}\n"))
            .collect()
    }
}

/// Writes the bundle of `case` (already redacted) into `out` as a stream: `dossier.pdf`, then
/// each file of each document once (files with the same bytes share one entry), `case.json`,
/// `SHA256SUMS`. `progress(bytes_done, bytes_total)` is called as it goes; returning false
/// cancels (`ExportError::Cancelled`). Original bytes come from `originals`, which checks them
/// against their recorded SHA-256.
pub fn write_bundle<W: Write>(
    out: W,
    case: &Case,
    pdf: &[u8],
    originals: &dyn Originals,
    meta: &BundleMeta,
    progress: &(dyn Fn(u64, u64) -> bool + Sync),
) -> Result<BundleManifest, ExportError> {
    let files = plan(case);
    let case_file = CaseFile {
        format: BUNDLE_FORMAT,
        exported_at: meta.exported_at.to_string(),
        exported_by: meta.exported_by.to_string(),
        vault_id: meta.vault_id.to_string(),
        case: case.clone(),
        files: files
            .iter()
            .map(|planned| (planned.file.sha256.clone(), planned.path.clone()))
            .collect(),
    };
    let case_json = Zeroizing::new(
        serde_json::to_vec_pretty(&case_file)
            .map_err(|err| ExportError::Write(PathBuf::from(CASE_FILE), err.to_string()))?,
    );
    let total = pdf.len() as u64
        + files.iter().map(|planned| planned.file.size).sum::<u64>()
        + case_json.len() as u64;

    // After a failure, the zip writer's drop must not write its directory into the output.
    let blown = Cell::new(false);
    let mut bundle = BundleWriter {
        zip: ZipWriter::new_stream(Fuse {
            inner: out,
            blown: &blown,
        })
        .set_auto_large_file(),
        time: zip_time(meta.exported_at),
        manifest: Vec::new(),
        done: 0,
        total,
        progress,
    };
    let manifest = match bundle.write_entries(&files, pdf, &case_json, originals) {
        Ok(manifest) => manifest,
        Err(err) => {
            blown.set(true);
            return Err(err);
        }
    };
    let mut out = bundle.zip.finish().map_err(zip_error)?;
    out.flush().map_err(|err| stream_error(&err))?;
    Ok(manifest)
}

/// One file of the bundle and its path.
struct Planned<'a> {
    path: String,
    file: &'a DocumentFile,
}

/// Every file of every document, once per content, with its numbered bundle path.
fn plan(case: &Case) -> Vec<Planned<'_>> {
    let mut seen = std::collections::BTreeSet::new();
    let unique: Vec<&DocumentFile> = case
        .documents
        .iter()
        .flat_map(|document| &document.files)
        .filter(|file| seen.insert(file.sha256.as_str()))
        .collect();
    let count = unique.len();
    unique
        .into_iter()
        .enumerate()
        .map(|(index, file)| Planned {
            path: original_path(index, count, &file.original_name),
            file,
        })
        .collect()
}

/// Already-compressed formats are stored as they are (deflating them costs time and gains
/// nothing); only formats that usually shrink are deflated.
fn compression_for(media_type: &str) -> CompressionMethod {
    const SHRINKS: &[&str] = &[
        "image/tiff",
        "image/bmp",
        "application/json",
        "application/xml",
    ];
    if SHRINKS.contains(&media_type) || media_type.starts_with("text/") {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    }
}

/// The entries' time: the export's (`YYYY-MM-DDTHH:MM:SS…`), so a bundle's bytes depend only on
/// what is in it; 1980-01-01 if the time cannot be read.
fn zip_time(rfc3339: &str) -> DateTime {
    let number =
        |range: std::ops::Range<usize>| -> Option<u16> { rfc3339.get(range)?.parse().ok() };
    let parts = (|| {
        Some((
            number(0..4)?,
            u8::try_from(number(5..7)?).ok()?,
            u8::try_from(number(8..10)?).ok()?,
            u8::try_from(number(11..13)?).ok()?,
            u8::try_from(number(14..16)?).ok()?,
            u8::try_from(number(17..19)?).ok()?,
        ))
    })();
    parts
        .and_then(|(y, mo, d, h, mi, s)| DateTime::from_date_and_time(y, mo, d, h, mi, s).ok())
        .unwrap_or_default()
}

struct BundleWriter<'a, W: Write> {
    zip: ZipWriter<zip::write::StreamWriter<Fuse<'a, W>>>,
    time: DateTime,
    manifest: Vec<(String, String)>,
    done: u64,
    total: u64,
    progress: &'a (dyn Fn(u64, u64) -> bool + Sync),
}

impl<W: Write> BundleWriter<'_, W> {
    /// Every entry in bundle order; the next original is read on a second thread while the
    /// current one is written (and the PDF hashed there while it is written here).
    fn write_entries(
        &mut self,
        files: &[Planned],
        pdf: &[u8],
        case_json: &[u8],
        originals: &dyn Originals,
    ) -> Result<BundleManifest, ExportError> {
        std::thread::scope(|scope| {
            // A rendezvous channel: at most one original waits while another is written.
            let (send, receive) = mpsc::sync_channel(0);
            let reader = scope.spawn(move || {
                let pdf_sha256 = hex::encode(Sha256::digest(pdf));
                for planned in files {
                    let read = originals.read(planned.file);
                    let failed = read.is_err();
                    if send.send((planned, read)).is_err() || failed {
                        break;
                    }
                }
                pdf_sha256
            });
            self.report()?;
            self.add(DOSSIER_FILE, pdf, CompressionMethod::Stored)?;
            for (planned, read) in receive.iter() {
                let bytes = read?;
                self.add(
                    &planned.path,
                    &bytes,
                    compression_for(&planned.file.media_type),
                )?;
                self.manifest
                    .push((planned.path.clone(), planned.file.sha256.clone()));
            }
            let pdf_sha256 = reader.join().map_err(|_| {
                stream_error(&io::Error::other(
                    "the thread reading the originals stopped",
                ))
            })?;
            self.manifest
                .insert(0, (DOSSIER_FILE.to_string(), pdf_sha256));
            Ok::<_, ExportError>(())
        })?;
        if self.manifest.len() != files.len() + 1 {
            // The reader stopped early without saying why (it cannot, but never ship a gap).
            return Err(stream_error(&io::Error::other("originals missing")));
        }
        self.add(CASE_FILE, case_json, CompressionMethod::Deflated)?;
        self.manifest.push((
            CASE_FILE.to_string(),
            hex::encode(Sha256::digest(case_json)),
        ));
        let manifest = BundleManifest {
            entries: std::mem::take(&mut self.manifest),
        };
        self.add(
            SUMS_FILE,
            manifest.sha256sums().as_bytes(),
            CompressionMethod::Deflated,
        )?;
        Ok(manifest)
    }

    /// Adds one entry, reporting progress (and honouring a cancel) every few MiB.
    fn add(
        &mut self,
        path: &str,
        bytes: &[u8],
        method: CompressionMethod,
    ) -> Result<(), ExportError> {
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(self.time)
            .unix_permissions(0o644);
        self.zip.start_file(path, options).map_err(zip_error)?;
        for slice in bytes.chunks(SLICE) {
            self.zip
                .write_all(slice)
                .map_err(|err| stream_error(&err))?;
            self.done += slice.len() as u64;
            self.report()?;
        }
        Ok(())
    }

    fn report(&self) -> Result<(), ExportError> {
        if (self.progress)(self.done.min(self.total), self.total) {
            Ok(())
        } else {
            Err(ExportError::Cancelled)
        }
    }
}

fn zip_error(err: zip::result::ZipError) -> ExportError {
    match err {
        zip::result::ZipError::Io(err) => stream_error(&err),
        other => stream_error(&io::Error::other(other.to_string())),
    }
}

/// Passes writes through until blown, then swallows them: a failed bundle's zip writer tries to
/// finish the archive when dropped, and that must not reach the output.
struct Fuse<'a, W: Write> {
    inner: W,
    blown: &'a Cell<bool>,
}

impl<W: Write> Write for Fuse<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.blown.get() {
            Ok(buf.len())
        } else {
            self.inner.write(buf)
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.blown.get() {
            Ok(())
        } else {
            self.inner.write_all(buf)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.blown.get() {
            Ok(())
        } else {
            self.inner.flush()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_times_come_from_the_export_time() {
        let time = zip_time("2026-03-01T10:20:30Z");
        assert_eq!((time.year(), time.month(), time.day()), (2026, 3, 1));
        assert_eq!((time.hour(), time.minute(), time.second()), (10, 20, 30));
        assert_eq!(zip_time("yesterday"), DateTime::default());
    }

    #[test]
    fn only_formats_that_shrink_are_deflated() {
        assert_eq!(compression_for("image/jpeg"), CompressionMethod::Stored);
        assert_eq!(
            compression_for("application/pdf"),
            CompressionMethod::Stored
        );
        assert_eq!(
            compression_for("application/octet-stream"),
            CompressionMethod::Stored
        );
        assert_eq!(compression_for("image/tiff"), CompressionMethod::Deflated);
        assert_eq!(compression_for("text/plain"), CompressionMethod::Deflated);
    }

    #[test]
    fn sums_are_in_sha256sum_format() {
        let manifest = BundleManifest {
            entries: vec![
                ("dossier.pdf".into(), "ab".repeat(32)),
                ("originals/01-户口本.jpg".into(), "cd".repeat(32)),
            ],
        };
        assert_eq!(
            manifest.sha256sums(),
            format!(
                "{}  dossier.pdf\n{}  originals/01-户口本.jpg\n",
                "ab".repeat(32),
                "cd".repeat(32)
            )
        );
    }
}
