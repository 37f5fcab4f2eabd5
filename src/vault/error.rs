//! The vault's errors: one enum, each variant a sentence a lawyer (or a bureau's IT person) can act on.
//! Sensitive values (paths, record ids) come last in a message or not at all; no case data ever does.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong while creating, opening, reading or writing a vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    #[error("{}", crate::tr!("vault-wrong-passphrase"))]
    WrongPassphrase,
    #[error("{}", crate::tr!("vault-not-a-vault", path = .0.display().to_string()))]
    NotAVault(PathBuf),
    #[error("{}", crate::tr!("vault-newer-format", found = .found.to_string(), supported = .supported.to_string()))]
    NewerFormat { found: u32, supported: u32 },
    #[error("{}", crate::tr!("vault-damaged-header", path = .0.display().to_string()))]
    DamagedHeader(PathBuf),
    #[error("{}", crate::tr!("vault-damaged-key-file", path = .0.display().to_string()))]
    DamagedKeyFile(PathBuf),
    #[error("{}", crate::tr!("vault-excessive-work", log_n = .0.to_string()))]
    ExcessiveWork(u8),
    #[error("{}", crate::tr!("vault-no-key-file"))]
    NoKeyFile,
    #[error("{}", crate::tr!("vault-damaged-object", object = .0.clone()))]
    DamagedObject(String),
    #[error("{}", crate::tr!("vault-missing-object", object = .0.clone()))]
    MissingObject(String),
    #[error("{}", crate::tr!("vault-no-such-record", record = .0.clone()))]
    NoSuchRecord(String),
    #[error("{}", crate::tr!("vault-unreadable-record", record = .0.clone()))]
    UnreadableRecord(String),
    #[error("{}", crate::tr!("vault-disk-full"))]
    DiskFull,
    #[error("{}", crate::tr!("vault-permission-denied", path = .0.display().to_string()))]
    PermissionDenied(PathBuf),
    #[error("{}", crate::tr!("vault-in-use"))]
    InUse,
    #[error("{}", crate::tr!("vault-folder-not-empty", path = .0.display().to_string()))]
    FolderNotEmpty(PathBuf),
    #[error("{}", crate::tr!("vault-weak-passphrase", reason = .0.to_string()))]
    WeakPassphrase(super::passphrase::Weakness),
    #[error("{}", crate::tr!("vault-passphrase-mismatch"))]
    PassphraseMismatch,
    #[error("{}", crate::tr!("vault-read-only"))]
    ReadOnly,
    #[error("{}", crate::tr!("vault-backup-folder-not-empty", path = .0.display().to_string()))]
    BackupFolderNotEmpty(PathBuf),
    #[error("{}", crate::tr!("vault-backup-into-itself"))]
    BackupIntoItself,
    #[error("{}", crate::tr!("vault-backup-of-another-vault", path = .0.display().to_string()))]
    BackupOfAnotherVault(PathBuf),
    #[error("{}", crate::tr!("vault-blob-too-large", limit = crate::i18n::num(*.limit_mib as usize)))]
    BlobTooLarge { limit_mib: u64 },
    #[error("{}", crate::tr!("vault-write-failed", cause = .kind.to_string()))]
    WriteFailed { kind: io::ErrorKind },
    #[error("{}", crate::tr!("vault-source-unreadable", cause = .kind.to_string()))]
    SourceUnreadable { kind: io::ErrorKind },
    #[error("{}", crate::tr!("vault-read-failed", cause = .kind.to_string(), path = .path.display().to_string()))]
    ReadFailed { kind: io::ErrorKind, path: PathBuf },
    #[error("{}", crate::tr!("vault-encryption"))]
    Encryption,
    #[error("{}", crate::tr!("vault-passphrase-change-unconfirmed"))]
    PassphraseChangeUnconfirmed,
    #[error("{}", crate::tr!("vault-interrupted"))]
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
