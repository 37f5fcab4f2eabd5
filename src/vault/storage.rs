//! The file-system layer under the vault, and the one write protocol every file goes through.
//!
//! `Storage` is a small trait over the few operations the vault needs, so that tests can inject
//! disk-full, fsync and crash failures into real I/O (`FaultyStorage`); `OsStorage` is the real thing.
//! `write_atomic` is DESIGN.md §2's protocol: temp file in `.tmp/`, `sync_all`, rename without
//! overwriting, fsync of the directory. Only ciphertext ever passes through here.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A file being written in `.tmp/`: plain `Write` plus durable flush.
pub trait TempFile: Write + Send {
    /// Flushes the file's data and metadata to the disk (`fsync`).
    fn sync_all(&mut self) -> io::Result<()>;
}

/// The file operations the vault performs. Every write goes through `write_atomic`.
pub trait Storage: Send + Sync {
    /// Creates a new, uniquely named file in `dir` (which must exist).
    fn create_temp(&self, dir: &Path) -> io::Result<(PathBuf, Box<dyn TempFile>)>;
    /// Renames `from` to `to`, failing with `AlreadyExists` if `to` exists.
    fn rename_noreplace(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames `from` to `to`, replacing `to` atomically.
    fn rename_replace(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Makes the directory's entries (renames, new files) durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn create_dir_all(&self, dir: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    fn open_read(&self, path: &Path) -> io::Result<File>;
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsStorage;

/// A temp file that asks the kernel to start writing its data out every few MiB, so that the
/// final `fsync` of a large scan waits only for the last part (the hashing and encryption of the
/// rest overlap with the disk).
struct OsTempFile {
    file: File,
    written: u64,
    writeback_started: u64,
}

/// Bytes between two early-writeback hints.
const WRITEBACK_STEP: u64 = 8 << 20;

impl Write for OsTempFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.writeback_started >= WRITEBACK_STEP {
            start_writeback(
                &self.file,
                self.writeback_started,
                self.written - self.writeback_started,
            );
            self.writeback_started = self.written;
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl TempFile for OsTempFile {
    fn sync_all(&mut self) -> io::Result<()> {
        self.file.sync_all()
    }
}

/// Starts asynchronous writeback of a byte range (Linux `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`). Only a hint: durability comes from the `sync_all` that always
/// follows, so a refused hint changes nothing and its result is not needed.
#[allow(unsafe_code)]
fn start_writeback(file: &File, offset: u64, len: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
            return;
        };
        // SAFETY: the descriptor is open for the lifetime of `file`; the call reads no memory.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, offset, len);
}

/// A random name for a temp file: 128 bits of hex, so it says nothing about its contents.
pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source is unavailable");
    hex::encode(buf)
}

impl Storage for OsStorage {
    fn create_temp(&self, dir: &Path) -> io::Result<(PathBuf, Box<dyn TempFile>)> {
        let path = dir.join(format!("{}.tmp", random_hex(16)));
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok((
            path,
            Box::new(OsTempFile {
                file,
                written: 0,
                writeback_started: 0,
            }),
        ))
    }

    fn rename_noreplace(&self, from: &Path, to: &Path) -> io::Result<()> {
        rename_noreplace_os(from, to)
    }

    fn rename_replace(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            // Windows has no directory fsync; NTFS journals renames itself.
            let _ = dir;
            Ok(())
        }
    }

    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn open_read(&self, path: &Path) -> io::Result<File> {
        File::open(path)
    }
}

/// Rename that never replaces an existing file. A hard link fails with `AlreadyExists` atomically
/// on every POSIX file system; file systems without hard links (FAT on USB sticks) fall back to
/// check-then-rename, which is safe here because one process writes each vault (the vault lock).
fn rename_noreplace_os(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(err),
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "destination exists",
                ));
            }
            fs::rename(from, to)
        }
    }
}

/// Why an atomic write failed, and whether the file had already reached its final name.
#[derive(Debug)]
pub(crate) struct AtomicWriteError {
    pub error: io::Error,
    /// True when the rename happened (only the directory fsync failed): the file exists under its
    /// final name, but may not survive a power cut.
    pub placed: bool,
}

/// Writes a file by DESIGN.md §2's protocol. `fill` writes the contents and returns the final path
/// (known only afterwards for content-addressed objects). On any error the temp file is removed.
pub(crate) fn write_atomic(
    storage: &dyn Storage,
    tmp_dir: &Path,
    fill: impl FnOnce(&mut dyn TempFile) -> io::Result<PathBuf>,
) -> Result<PathBuf, AtomicWriteError> {
    let not_placed = |error| AtomicWriteError {
        error,
        placed: false,
    };
    let (tmp_path, mut file) = storage.create_temp(tmp_dir).map_err(not_placed)?;
    let before_rename = (|| {
        let final_path = fill(file.as_mut())?;
        file.sync_all()?;
        drop(file);
        let parent = parent_of(&final_path);
        ensure_dir(storage, parent)?;
        storage.rename_noreplace(&tmp_path, &final_path)?;
        Ok(final_path)
    })();
    let final_path = match before_rename {
        Ok(path) => path,
        Err(error) => {
            storage.remove_file(&tmp_path).ok();
            return Err(not_placed(error));
        }
    };
    let parent = parent_of(&final_path);
    storage.sync_dir(parent).map_err(|error| AtomicWriteError {
        error,
        placed: true,
    })?;
    Ok(final_path)
}

/// Creates `dir` if missing and makes its new entry durable in the parent directory.
pub(crate) fn ensure_dir(storage: &dyn Storage, dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    storage.create_dir_all(dir)?;
    storage.sync_dir(parent_of(dir))
}

/// The folder holding `path`; "." for a bare name such as `vault` (whose parent is "").
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Reads a whole (small) file.
pub(crate) fn read_all(storage: &dyn Storage, path: &Path) -> io::Result<Vec<u8>> {
    let mut file = storage.open_read(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Real storage with injected failures, for tests: disk full after a byte budget, failing fsync,
/// and "crash at operation N" (that operation and every later one fail, as if the process died
/// there: nothing after it reaches the disk, not even clean-up).
#[derive(Debug, Default)]
pub struct FaultyStorage {
    /// Bytes that may still be written before writes fail with `StorageFull`; `u64::MAX` = no limit.
    write_budget: AtomicU64,
    fail_sync: AtomicBool,
    /// Operations (create, write, sync, rename, remove) performed so far.
    ops: AtomicU64,
    /// Operation index at which the simulated crash happens; `u64::MAX` = never.
    crash_at: AtomicU64,
}

impl FaultyStorage {
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            write_budget: AtomicU64::new(u64::MAX),
            fail_sync: AtomicBool::new(false),
            ops: AtomicU64::new(0),
            crash_at: AtomicU64::new(u64::MAX),
        })
    }
    /// Writes fail with "disk full" once `bytes` more bytes have been written.
    pub fn set_disk_space(&self, bytes: u64) {
        self.write_budget.store(bytes, Ordering::SeqCst);
    }
    /// Lifts the disk-full limit ("the user freed some space").
    pub fn free_disk_space(&self) {
        self.write_budget.store(u64::MAX, Ordering::SeqCst);
    }
    /// Makes every `fsync` (file or directory) fail with an I/O error, or succeed again.
    pub fn set_fail_sync(&self, fail: bool) {
        self.fail_sync.store(fail, Ordering::SeqCst);
    }
    /// Simulates a crash: operation number `op` (counted from now) and all later ones fail.
    pub fn crash_after(&self, op: u64) {
        let now = self.ops.load(Ordering::SeqCst);
        self.crash_at
            .store(now.saturating_add(op), Ordering::SeqCst);
    }
    /// Number of operations performed so far (to enumerate every crash point).
    pub fn op_count(&self) -> u64 {
        self.ops.load(Ordering::SeqCst)
    }
    fn step(&self) -> io::Result<()> {
        let op = self.ops.fetch_add(1, Ordering::SeqCst);
        if op >= self.crash_at.load(Ordering::SeqCst) {
            return Err(io::Error::other("simulated crash"));
        }
        Ok(())
    }
    fn sync_step(&self) -> io::Result<()> {
        self.step()?;
        if self.fail_sync.load(Ordering::SeqCst) {
            return Err(io::Error::other("simulated fsync failure"));
        }
        Ok(())
    }
}

struct FaultyTempFile {
    inner: Box<dyn TempFile>,
    faults: Arc<FaultyStorage>,
}

impl Write for FaultyTempFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.faults.step()?;
        let len = buf.len() as u64;
        let budget = &self.faults.write_budget;
        let left = budget.load(Ordering::SeqCst);
        if left < len {
            budget.store(0, Ordering::SeqCst);
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "simulated disk full",
            ));
        }
        if left != u64::MAX {
            budget.store(left - len, Ordering::SeqCst);
        }
        self.inner.write_all(buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TempFile for FaultyTempFile {
    fn sync_all(&mut self) -> io::Result<()> {
        self.faults.sync_step()?;
        self.inner.sync_all()
    }
}

/// `Storage` for an `Arc<FaultyStorage>`, so the test keeps a handle to change faults mid-run.
#[derive(Debug, Clone)]
pub struct FaultyHandle(pub Arc<FaultyStorage>);

impl Storage for FaultyHandle {
    fn create_temp(&self, dir: &Path) -> io::Result<(PathBuf, Box<dyn TempFile>)> {
        self.0.step()?;
        let (path, inner) = OsStorage.create_temp(dir)?;
        let file = FaultyTempFile {
            inner,
            faults: Arc::clone(&self.0),
        };
        Ok((path, Box::new(file)))
    }
    fn rename_noreplace(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.step()?;
        OsStorage.rename_noreplace(from, to)
    }
    fn rename_replace(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.step()?;
        OsStorage.rename_replace(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.0.sync_step()?;
        OsStorage.sync_dir(dir)
    }
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        self.0.step()?;
        OsStorage.create_dir_all(dir)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.0.step()?;
        OsStorage.remove_file(path)
    }
    fn open_read(&self, path: &Path) -> io::Result<File> {
        OsStorage.open_read(path)
    }
}
