//! A handle for storing and reading blobs (scans) from another thread: the import and the viewer
//! run beside the UI, which keeps the `Vault` itself. The handle shares the vault's key; it is
//! zeroized when the last of the vault and its handles is dropped, so the UI cancels imports
//! and page loads when it locks.

use std::io::Read;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::error::VaultError;
use super::ids::ObjectId;
use super::keys::VaultKey;
use super::layout::Layout;
use super::objects::{self, BlobReader, ObjectFault};
use super::storage::Storage;
use super::{StoredBlob, write_error};

/// Stores and reads blobs of one unlocked vault. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct BlobStore {
    pub(super) storage: Arc<dyn Storage>,
    pub(super) layout: Layout,
    pub(super) key: Arc<VaultKey>,
    pub(super) writable: bool,
}

impl std::fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobStore").finish_non_exhaustive()
    }
}

impl BlobStore {
    /// Streams a blob into the vault; durable when this returns. A record must then refer to it.
    pub fn put(&self, input: &mut dyn Read) -> Result<StoredBlob, VaultError> {
        if !self.writable {
            return Err(VaultError::ReadOnly);
        }
        let (object, digests) =
            objects::write_object(self.storage.as_ref(), &self.layout, &self.key, input)
                .map_err(|e| write_error(e, self.layout.root()))?;
        Ok(StoredBlob {
            object,
            sha256: hex::encode(digests.plain_sha256),
            size: digests.plain_size,
        })
    }

    /// Opens a blob for streaming decryption (into memory only, never to disk).
    pub fn open(&self, object: &ObjectId) -> Result<BlobReader, VaultError> {
        objects::open_stream(self.storage.as_ref(), &self.layout, &self.key, object)
            .map_err(|fault| object_error(&self.layout, fault, object))
    }

    /// Decrypts a whole blob into (zeroized-on-drop) memory; refuses blobs over `max_size` bytes.
    pub fn read_to_memory(
        &self,
        object: &ObjectId,
        max_size: u64,
    ) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        self.read_sized(object, 0, max_size)
    }

    /// The same, for a blob whose size is known (a file entry's `size`): the buffer is allocated
    /// once, so no half-filled copy is freed unwiped while it grows.
    pub fn read_sized(
        &self,
        object: &ObjectId,
        size: u64,
        max_size: u64,
    ) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        let reader = self.open(object)?;
        let capacity = size.min(max_size).saturating_add(1);
        let mut bytes = Zeroizing::new(Vec::with_capacity(capacity as usize));
        reader
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| VaultError::DamagedObject(object.to_string()))?;
        if bytes.len() as u64 > max_size {
            return Err(VaultError::BlobTooLarge {
                limit_mib: max_size >> 20,
            });
        }
        Ok(bytes)
    }
}

/// The user-facing error for an object that could not be read.
pub(super) fn object_error(layout: &Layout, fault: ObjectFault, object: &ObjectId) -> VaultError {
    match fault {
        ObjectFault::Missing => VaultError::MissingObject(object.to_string()),
        ObjectFault::Damaged => VaultError::DamagedObject(object.to_string()),
        ObjectFault::Io(err) => VaultError::from_read(err, &layout.object(object)),
    }
}
