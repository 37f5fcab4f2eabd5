//! The vault's errors: one enum, each variant a sentence a lawyer (or a bureau's IT person) can act on.
//! Sensitive values (paths, record ids) come last in a message or not at all; no case data ever does.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while creating, opening, reading or writing a vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    #[error("Wrong passphrase. Check the keyboard layout and Caps Lock, then try again.")]
    WrongPassphrase,
    #[error("This folder is not a Casevault vault (no readable vault.ron): {0}")]
    NotAVault(PathBuf),
    #[error(
        "This vault was made by a newer version of Casevault (format {found}; this version reads format {supported}). Update Casevault to open it."
    )]
    NewerFormat { found: u32, supported: u32 },
    #[error(
        "The vault header vault.ron is damaged and cannot be read. Nothing was changed; restore it from a backup or a synced copy: {0}"
    )]
    DamagedHeader(PathBuf),
    #[error(
        "The key file is damaged or is not a Casevault key. Nothing was changed; restore it from a backup: {0}"
    )]
    DamagedKeyFile(PathBuf),
    #[error(
        "The key file demands too much work to open (scrypt log_n {0}); it was not made by Casevault. Refusing to open it."
    )]
    ExcessiveWork(u8),
    #[error(
        "This vault has no key file in keys/, so it cannot be unlocked. Restore keys/ from a backup."
    )]
    NoKeyFile,
    #[error(
        "A stored object is damaged (its contents no longer match its name). Restore it from a backup or a synced copy: {0}"
    )]
    DamagedObject(String),
    #[error("A stored object is missing (not yet synced, or deleted outside Casevault): {0}")]
    MissingObject(String),
    #[error("No record with this id exists in the vault: {0}")]
    NoSuchRecord(String),
    #[error(
        "A record could not be read in this version of Casevault (its contents do not fit the expected shape): {0}"
    )]
    UnreadableRecord(String),
    #[error(
        "The disk is full. Nothing was lost: your last change is kept in memory. Free some space and press Retry."
    )]
    DiskFull,
    #[error(
        "Permission denied: Casevault may not write here. Nothing was lost; choose another folder or ask your IT person: {0}"
    )]
    PermissionDenied(PathBuf),
    #[error(
        "This vault is already open in another Casevault window or program. Close it there first."
    )]
    InUse,
    #[error("This folder already contains files; a new vault needs an empty or new folder: {0}")]
    FolderNotEmpty(PathBuf),
    #[error("The passphrase is too weak: {0}")]
    WeakPassphrase(super::passphrase::Weakness),
    #[error("The two passphrases do not match.")]
    PassphraseMismatch,
    #[error("The vault is opened read-only; close it and open it normally to make changes.")]
    ReadOnly,
    #[error(
        "Saving failed and nothing was lost; your change is kept in memory. Press Retry. (Cause: {kind})"
    )]
    WriteFailed { kind: io::ErrorKind },
    #[error(
        "The file being added could not be read to the end ({kind}); nothing was stored. Check that it is still there and readable, then try again."
    )]
    SourceUnreadable { kind: io::ErrorKind },
    #[error("Could not read from the disk. Nothing was changed. (Cause: {kind}): {path}")]
    ReadFailed { kind: io::ErrorKind, path: PathBuf },
    #[error("Encryption failed unexpectedly; nothing was saved. Please report this.")]
    Encryption,
    #[error(
        "The passphrase was changed, but the disk did not confirm the change. Use the new passphrase; if this computer loses power before the next successful save, the old one may be needed once more."
    )]
    PassphraseChangeUnconfirmed,
    #[error(
        "Casevault stopped unexpectedly while working on the vault. Nothing was changed; please try again."
    )]
    Interrupted,
}

impl VaultError {
    /// Classifies an I/O error that happened while writing, so the message says what to do.
    pub(crate) fn from_write(err: io::Error, path: &std::path::Path) -> Self {
        match err.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => VaultError::DiskFull,
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                VaultError::PermissionDenied(path.to_path_buf())
            }
            kind => VaultError::WriteFailed { kind },
        }
    }

    /// Classifies an I/O error that happened while reading.
    pub(crate) fn from_read(err: io::Error, path: &std::path::Path) -> Self {
        match err.kind() {
            io::ErrorKind::PermissionDenied => VaultError::PermissionDenied(path.to_path_buf()),
            kind => VaultError::ReadFailed {
                kind,
                path: path.to_path_buf(),
            },
        }
    }

    /// True for errors after which pressing Retry can succeed (the edit is still in memory).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            VaultError::DiskFull | VaultError::WriteFailed { .. } | VaultError::PermissionDenied(_)
        )
    }
}
