//! Backups: a consistent copy of an open vault's encrypted files in another folder (a USB stick,
//! a second disk), then checked with the vault's key. The copy is a vault: restoring is opening
//! it. Backing up again to the same folder copies only what is new.
//!
//! Consistency while the app keeps saving: the header, key files, journal entries and
//! checkpoints are listed and copied first, the objects after. Every entry names objects written
//! before it, so every object a copied entry needs is in the later listing; entries written
//! during the backup are simply not part of this copy.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::VaultError;
use super::keys::VaultKey;
use super::layout::Layout;
use super::report::VerifyReport;
use super::storage::{OsStorage, Storage, ensure_dir, read_all};
use super::verify::verify;

/// What a backup did.
#[derive(Debug)]
pub struct BackupReport {
    /// Files copied this time.
    pub copied: u64,
    /// Files the destination already had (from an earlier backup).
    pub already_there: u64,
    /// Bytes copied this time.
    pub bytes: u64,
    /// The check of the copy, with the vault's key.
    pub check: VerifyReport,
}

impl BackupReport {
    /// True when the copy checked out intact.
    pub fn is_good(&self) -> bool {
        self.check.is_intact()
    }

    /// What to tell the user.
    pub fn summary(&self, dest: &Path) -> String {
        let (path, copied, already) = (
            dest.display().to_string(),
            crate::i18n::num(self.copied as usize),
            crate::i18n::num(self.already_there as usize),
        );
        let size = crate::i18n::size_text(self.bytes);
        if self.is_good() {
            crate::tr!(
                "backup-done",
                path = path,
                copied = copied,
                size = size,
                already = already
            )
        } else {
            crate::tr!(
                "backup-check-failed",
                path = path,
                problems = crate::i18n::num(self.check.problems.len())
            )
        }
    }
}

/// Makes backups of one unlocked vault; usable from another thread while the vault saves.
#[derive(Clone)]
pub struct BackupSource {
    pub(super) storage: Arc<dyn Storage>,
    pub(super) layout: Layout,
    pub(super) key: Arc<VaultKey>,
    pub(super) vault_id: uuid::Uuid,
}

impl BackupSource {
    /// Copies the vault into `dest` (a new or empty folder, or an earlier backup of this vault)
    /// and checks the copy. `progress(done, total)` is called as files are copied.
    pub fn copy_to(
        &self,
        dest: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<BackupReport, VaultError> {
        let target = Layout::new(dest);
        if target.root() == self.layout.root() {
            return Err(VaultError::BackupIntoItself);
        }
        check_destination(&target, self.vault_id)?;
        let storage = OsStorage;
        let write = |err: io::Error| VaultError::from_write(err, target.root());
        ensure_dir(&storage, target.root()).map_err(write)?;
        ensure_dir(&storage, &target.tmp_dir()).map_err(write)?;

        // First everything that names objects, then the objects.
        let mut names = files_under(
            &self.layout,
            &[
                self.layout.keys_dir(),
                self.layout.journal_dir(),
                self.layout.checkpoints_dir(),
            ],
        )?;
        names.insert(0, PathBuf::from("vault.ron"));
        let named = names.len();
        names.extend(files_under(&self.layout, &[self.layout.objects_dir()])?);
        let total = names.len() as u64;
        let mut report = BackupReport {
            copied: 0,
            already_there: 0,
            bytes: 0,
            check: VerifyReport::default(),
        };
        for (done, relative) in names.iter().enumerate() {
            progress(done as u64, total);
            // The header and key files may change (a new passphrase); the rest never does.
            let replaceable = done < named
                && !relative.starts_with("journal")
                && !relative.starts_with("checkpoints");
            match copy_file(
                self.storage.as_ref(),
                &self.layout.root().join(relative),
                &target.root().join(relative),
                &target.tmp_dir(),
                replaceable,
            ) {
                Ok(Some(bytes)) => {
                    report.copied += 1;
                    report.bytes += bytes;
                }
                Ok(None) => report.already_there += 1,
                Err(err) => return Err(write(err)),
            }
        }
        progress(total, total);
        fs::remove_dir(target.tmp_dir()).ok();
        report.check = verify(&storage, &target, &self.key, self.vault_id, &mut |_, _| {})
            .map_err(|err| VaultError::from_read(err, target.root()))?;
        Ok(report)
    }
}

/// Refuses a destination that holds anything but nothing or an earlier backup of this vault.
fn check_destination(target: &Layout, vault_id: uuid::Uuid) -> Result<(), VaultError> {
    let Ok(mut entries) = fs::read_dir(target.root()) else {
        return Ok(()); // Does not exist yet.
    };
    if entries.next().is_none() {
        return Ok(());
    }
    match super::read_header(target) {
        Ok(header) if header.vault_id == vault_id => Ok(()),
        Ok(_) => Err(VaultError::BackupOfAnotherVault(
            target.root().to_path_buf(),
        )),
        Err(_) => Err(VaultError::BackupFolderNotEmpty(
            target.root().to_path_buf(),
        )),
    }
}

/// The files below `dirs`, as paths relative to the vault's root, sorted.
fn files_under(layout: &Layout, dirs: &[PathBuf]) -> Result<Vec<PathBuf>, VaultError> {
    let mut out = Vec::new();
    let mut pending: Vec<PathBuf> = dirs.to_vec();
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => return Err(VaultError::from_read(err, &dir)),
        };
        for entry in entries {
            let entry = entry.map_err(|err| VaultError::from_read(err, &dir))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|err| VaultError::from_read(err, &path))?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file()
                && let Ok(relative) = path.strip_prefix(layout.root())
            {
                out.push(relative.to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies one file durably (temp file, `fsync`, rename). Returns the bytes copied, or `None`
/// when the destination already has it.
fn copy_file(
    source: &dyn Storage,
    from: &Path,
    to: &Path,
    tmp_dir: &Path,
    replaceable: bool,
) -> io::Result<Option<u64>> {
    let size = fs::metadata(from)?.len();
    if let Ok(existing) = fs::metadata(to) {
        let same = if replaceable {
            fs::read(to)? == read_all(source, from)?
        } else {
            existing.len() == size
        };
        if same {
            return Ok(None);
        }
    }
    let storage = OsStorage;
    let (tmp, mut file) = storage.create_temp(tmp_dir)?;
    // Streamed: an object may be a scan of hundreds of MiB.
    let written = source
        .open_read(from)
        .and_then(|source| io::copy(&mut io::BufReader::new(source), &mut file))
        .and_then(|_| file.flush())
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(err) = written {
        fs::remove_file(&tmp).ok();
        return Err(err);
    }
    let parent = to.parent().unwrap_or(Path::new("."));
    ensure_dir(&storage, parent)?;
    storage.rename_replace(&tmp, to)?;
    storage.sync_dir(parent)?;
    Ok(Some(size))
}
