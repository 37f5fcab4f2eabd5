//! The way back in: a colleague's bundle (a plain ZIP) or hand-off (the ZIP age-encrypted to
//! this vault's key, another key, or a passphrase) opened in memory and checked through
//! (`open`, `unzip`, `check`), then stored into the vault as a new case, merged into the case we
//! have by the lawyer's choices, or kept beside it as a separate case (`store`). Nothing is
//! written to the vault before every check has passed, and the case record is written last,
//! in one save.

mod check;
mod open;
mod store;
mod unzip;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use age::secrecy::SecretString;
use zeroize::Zeroizing;

pub use store::{
    Arrival, Decision, existing_case, plan, receipt_details, separate_number, store, store_files,
    target_case,
};
pub use unzip::{MAX_ENTRIES, MAX_TOTAL_SIZE};

use super::ExportError;
use super::bundle::CaseFile;
use crate::vault::BlobStore;

/// The highest scrypt work factor a passphrase hand-off may ask for (2^22: about 4 GiB and
/// many seconds); above it the file is refused before any work, as a hostile one.
pub const MAX_SCRYPT_LOG_N: u8 = crate::vault::MAX_KDF_LOG_N;

/// What opens a hand-off.
pub enum BundleKey {
    /// This vault's own key (the colleague encrypted to this vault's `age1…` public key).
    ThisVault,
    /// An age identity file (`AGE-SECRET-KEY-1…` lines), e.g. a personal key.
    IdentityFile(PathBuf),
    /// The passphrase the colleague encrypted it to.
    Passphrase(SecretString),
}

/// A bundle that opened and passed every check, held in memory only.
pub struct ReceivedBundle {
    pub case_file: CaseFile,
    /// The original files, by SHA-256 (each checked against it); wiped when dropped.
    pub files: BTreeMap<String, Zeroizing<Vec<u8>>>,
    /// SHA-256 of the dossier PDF in the bundle.
    pub dossier_sha256: String,
    /// SHA-256 of the file as received (the hand-off or the ZIP): what the custody log names.
    pub bundle_sha256: String,
}

impl std::fmt::Debug for ReceivedBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the case itself: Debug output may end up in logs.
        f.debug_struct("ReceivedBundle")
            .field("files", &self.files.len())
            .field("bundle_sha256", &self.bundle_sha256)
            .finish_non_exhaustive()
    }
}

impl ReceivedBundle {
    /// The case as the colleague sent it.
    pub fn case(&self) -> &crate::model::Case {
        &self.case_file.case
    }
}

/// Opens and checks a bundle or hand-off read from `input` (at most `MAX_TOTAL_SIZE` plus the
/// ZIP's own overhead). `store` gives the vault's key for `BundleKey::ThisVault`.
pub fn open_bundle(
    input: &mut dyn Read,
    key: &BundleKey,
    store: &BlobStore,
) -> Result<ReceivedBundle, ExportError> {
    let (zip, bundle_sha256) = open::plaintext(input, key, store)?;
    let entries = unzip::read_entries(zip)?;
    let checked = check::check(entries)?;
    Ok(ReceivedBundle {
        case_file: checked.case_file,
        files: checked.files,
        dossier_sha256: checked.dossier_sha256,
        bundle_sha256,
    })
}

/// `open_bundle` on a file.
pub fn open_bundle_file(
    path: &std::path::Path,
    key: &BundleKey,
    store: &BlobStore,
) -> Result<ReceivedBundle, ExportError> {
    let mut file = std::fs::File::open(path).map_err(|err| {
        ExportError::BundleUnreadable(crate::tr!(
            "bundle-reason-cannot-read",
            path = path.display().to_string(),
            cause = err.kind().to_string()
        ))
    })?;
    open_bundle(&mut file, key, store)
}

/// For fuzzing (`vault::fuzzing::bundle`): a plain ZIP bundle through the same unpacking and
/// checks as a received one; must return on any input, never panic.
#[doc(hidden)]
pub fn check_plain_bundle(mut bytes: &[u8]) -> Result<(), ExportError> {
    let zip = open::Chunked::read_from(&mut bytes)
        .map_err(|err| ExportError::BundleUnreadable(err.kind().to_string()))?;
    check::check(unzip::read_entries(zip)?).map(|_| ())
}
