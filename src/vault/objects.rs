//! Immutable, content-addressed objects (`objects/ab/<sha256 of ciphertext>.age`): writing one from
//! any stream, and reading one back only after checking that its bytes still match its name.

use std::fs::File;
use std::io::{self, BufReader, Read};

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::crypto::{StreamDigests, decrypt_bytes, decrypt_reader, encrypt_stream};
use super::ids::ObjectId;
use super::keys::VaultKey;
use super::layout::Layout;
use super::storage::{AtomicWriteError, Storage, read_all, write_atomic};

/// Why an object could not be read.
#[derive(Debug)]
pub enum ObjectFault {
    Missing,
    /// Bytes do not match the name, or do not decrypt.
    Damaged,
    Io(io::Error),
}

/// Encrypts `input` into a new object and makes it durable; returns its id and digests.
pub fn write_object(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    input: &mut dyn Read,
) -> Result<(ObjectId, StreamDigests), AtomicWriteError> {
    let mut digests = None;
    write_atomic(storage, &layout.tmp_dir(), |file| {
        let d = encrypt_stream(key.recipient(), input, file)?;
        digests = Some(d);
        Ok(layout.object(&ObjectId::from_digest(d.cipher_sha256)))
    })?;
    let digests = digests.expect("write_atomic succeeded, so the object was filled");
    Ok((ObjectId::from_digest(digests.cipher_sha256), digests))
}

/// Reads a (small) object fully into memory, checks its name, and decrypts it.
pub fn read_object(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    id: &ObjectId,
) -> Result<Zeroizing<Vec<u8>>, ObjectFault> {
    let bytes = read_all(storage, &layout.object(id)).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => ObjectFault::Missing,
        _ => ObjectFault::Io(err),
    })?;
    if ObjectId::of_bytes(&bytes) != *id {
        return Err(ObjectFault::Damaged);
    }
    decrypt_bytes(key.identity(), &bytes).map_err(|_| ObjectFault::Damaged)
}

/// Hashes an object file by streaming it; returns the hash and the size.
pub fn hash_file(file: &mut File) -> io::Result<([u8; 32], u64)> {
    let mut hasher = Sha256::new();
    let size = io::copy(file, &mut hasher)?;
    Ok((hasher.finalize().into(), size))
}

/// A decrypting reader over a large object (a scan). Its name was checked against the whole file
/// before the first byte is returned; every 64 KiB chunk is authenticated as it is read.
pub type BlobReader = age::stream::StreamReader<BufReader<File>>;

/// Opens an object for streaming: checks the hash in one pass, then decrypts on demand.
pub fn open_stream(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    id: &ObjectId,
) -> Result<BlobReader, ObjectFault> {
    use std::io::Seek;
    let mut file = storage
        .open_read(&layout.object(id))
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => ObjectFault::Missing,
            _ => ObjectFault::Io(err),
        })?;
    let (digest, _) = hash_file(&mut file).map_err(ObjectFault::Io)?;
    if ObjectId::from_digest(digest) != *id {
        return Err(ObjectFault::Damaged);
    }
    file.rewind().map_err(ObjectFault::Io)?;
    decrypt_reader(key.identity(), BufReader::with_capacity(1 << 16, file))
        .map_err(|_| ObjectFault::Damaged)
}

/// Decrypts a whole object stream into nothing, to prove it is intact. Returns the bytes read.
pub fn check_decrypts(reader: &mut dyn Read) -> io::Result<u64> {
    io::copy(reader, &mut io::sink())
}
