//! Writing an export file the safe way: into `<name>.partial` beside it, synced, then renamed,
//! so a crash, a full disk or a cancel never leaves a half-written file under the real name. The
//! SHA-256 of what was written is computed on the way (for the custody log).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ExportError;

/// The buffer for small writes (headers, armor lines). The age stream hands over whole chunks of
/// 64 KiB + 16 bytes: at least this size, they go straight to the file without a copy.
const WRITE_BUFFER: usize = 64 << 10;

/// Writes what `write` writes into `path`: first into `<path>.partial` in the same folder, then
/// synced and renamed over `path`. On any error (or a cancel) the partial file is removed and
/// nothing is left under either name. A full disk gives `ExportError::DiskFull`, any other
/// failure `ExportError::Write`, both naming `path`. Returns the SHA-256 (hex) and size written.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(String, u64), ExportError> {
    let partial = partial_path(path)?;
    // Removes the partial file however this ends — an error, a cancel, or a panic in `write`.
    let _cleanup = RemoveOnDrop(&partial);
    let digest = write_partial(path, &partial, write)?;
    fs::rename(&partial, path).map_err(|err| write_error(path, &err))?;
    sync_folder(path);
    Ok(digest)
}

/// Removes its file when dropped (after a successful rename there is nothing left to remove).
struct RemoveOnDrop<'a>(&'a Path);

impl Drop for RemoveOnDrop<'_> {
    fn drop(&mut self) {
        // Nothing more can be done here if it fails; the next export of the same name
        // replaces a stale `.partial` (see `write_partial`).
        let _ = fs::remove_file(self.0);
    }
}

/// The error for a failed write of `path`: `DiskFull` when the disk (or the quota) is full.
pub fn write_error(path: &Path, err: &io::Error) -> ExportError {
    if is_disk_full(err) {
        ExportError::DiskFull(path.to_path_buf())
    } else {
        ExportError::Write(path.to_path_buf(), err.to_string())
    }
}

/// The error for a failed write into a stream whose file is not known here (the bundle and the
/// encryption layers); `write_file_atomically` replaces it by the file's own error.
pub(crate) fn stream_error(err: &io::Error) -> ExportError {
    write_error(Path::new(""), err)
}

fn is_disk_full(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

fn partial_path(path: &Path) -> Result<PathBuf, ExportError> {
    let name = path.file_name().ok_or_else(|| {
        write_error(
            path,
            &io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
        )
    })?;
    let mut partial = OsString::from(name);
    partial.push(".partial");
    Ok(path.with_file_name(partial))
}

fn write_partial(
    path: &Path,
    partial: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(String, u64), ExportError> {
    let fail = |err: &io::Error| write_error(path, err);
    // A `.partial` left by a crash is ours to replace; `create_new` then refuses anything that
    // appears in between (a symlink planted there, say).
    match fs::remove_file(partial) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(fail(&err)),
        _ => {}
    }
    let file = create_private(partial).map_err(|err| fail(&err))?;
    let mut out = HashingWriter {
        inner: BufWriter::with_capacity(WRITE_BUFFER, file),
        sha256: Sha256::new(),
        size: 0,
        failure: None,
    };
    let result = write(&mut out);
    // The file's own error says more (and names the file) than what the layers above made of it.
    if let Some(err) = out.failure.take() {
        return Err(fail(&err));
    }
    result?;
    let HashingWriter {
        inner,
        sha256,
        size,
        ..
    } = out;
    let file = inner.into_inner().map_err(|err| fail(err.error()))?;
    file.sync_all().map_err(|err| fail(&err))?;
    Ok((hex::encode(sha256.finalize()), size))
}

/// A new file only its owner can read (it may hold a plaintext bundle).
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Makes the rename durable (best effort: some file systems cannot sync a folder).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
}

/// Hashes and counts what reaches the file, and keeps the first error the file gave.
struct HashingWriter<W: Write> {
    inner: W,
    sha256: Sha256,
    size: u64,
    failure: Option<io::Error>,
}

impl<W: Write> HashingWriter<W> {
    fn keep<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(err) = &result
            && err.kind() != io::ErrorKind::Interrupted
            && self.failure.is_none()
        {
            self.failure = Some(copy_error(err));
        }
        result
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        if let Ok(n) = result {
            self.sha256.update(&buf[..n]);
            self.size += n as u64;
        }
        self.keep(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.keep(result)
    }
}

fn copy_error(err: &io::Error) -> io::Error {
    match err.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => io::Error::new(err.kind(), err.to_string()),
    }
}
