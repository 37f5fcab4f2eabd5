//! Reading a case's original files for an export, and the export's errors. Every file read is
//! checked against the SHA-256 recorded at import, so an export never ships altered bytes.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::model::DocumentFile;
use crate::vault::{BlobStore, ObjectId, VaultError};

/// Everything that can stop an export or a bundle import.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("{0}")]
    Vault(#[from] VaultError),
    #[error("{}", crate::tr!("export-file-changed", name = .0.clone()))]
    FileChanged(String),
    #[error("{}", crate::tr!("export-pdf-failed", reason = .0.clone()))]
    Pdf(String),
    #[error("{}", crate::tr!("export-write-failed", path = .0.display().to_string(), reason = .1.clone()))]
    Write(PathBuf, String),
    #[error("{}", crate::tr!("export-disk-full", path = .0.display().to_string()))]
    DiskFull(PathBuf),
    #[error("{}", crate::tr!("export-bad-recipient", recipient = .0.clone()))]
    BadRecipient(String),
    #[error("{}", crate::tr!("export-no-recipient"))]
    NoRecipient,
    #[error("{}", crate::tr!("export-weak-passphrase", reason = .0.to_string()))]
    WeakPassphrase(crate::vault::passphrase::Weakness),
    #[error("{}", crate::tr!("export-cancelled"))]
    Cancelled,
    #[error("{}", crate::tr!("export-stopped"))]
    Stopped,
    #[error("{}", crate::tr!("export-restricted"))]
    Restricted,
    #[error("{}", crate::tr!("bundle-not-readable", reason = .0.clone()))]
    BundleUnreadable(String),
    #[error("{}", crate::tr!("bundle-wrong-key"))]
    BundleWrongKey,
    #[error("{}", crate::tr!("bundle-damaged", reason = .0.clone()))]
    BundleDamaged(String),
    #[error("{}", crate::tr!("bundle-needs-passphrase"))]
    BundleNeedsPassphrase,
    #[error("{}", crate::tr!("bundle-case-exists"))]
    BundleCaseExists,
    #[error("{}", crate::tr!("bundle-other-case-same-number"))]
    BundleOtherCaseSameNumber,
    #[error("{}", crate::tr!("bundle-identity-unreadable", path = .0.display().to_string(), reason = .1.clone()))]
    IdentityFileUnreadable(PathBuf, String),
}

/// Where an export reads the original bytes of a file from.
pub trait Originals: Sync {
    /// The file's bytes, exactly as imported (checked against its SHA-256).
    fn read(&self, file: &DocumentFile) -> Result<Zeroizing<Vec<u8>>, ExportError>;
}

impl Originals for BlobStore {
    fn read(&self, file: &DocumentFile) -> Result<Zeroizing<Vec<u8>>, ExportError> {
        let object = ObjectId::parse(&file.blob)
            .ok_or_else(|| VaultError::MissingObject(file.blob.clone()))?;
        // Never more than the size recorded at import: a longer blob is not this file.
        let bytes = self.read_sized(&object, file.size, file.size)?;
        check_hash(&bytes, file)?;
        Ok(bytes)
    }
}

/// Refuses bytes that are not the ones recorded for `file`.
pub fn check_hash(bytes: &[u8], file: &DocumentFile) -> Result<(), ExportError> {
    if hex::encode(Sha256::digest(bytes)) == file.sha256 {
        Ok(())
    } else {
        Err(ExportError::FileChanged(file.original_name.clone()))
    }
}
