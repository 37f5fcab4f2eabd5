//! From the received file to the ZIP's bytes, in memory: tells a plain ZIP from a binary or
//! ASCII-armored age file, decrypts with the key given (refusing scrypt work factors a hostile
//! file could use to stall the machine), and hashes the file as received. Plaintext is kept in
//! fixed-size chunks that are wiped when dropped (a growing buffer would leave unwiped copies
//! behind as it moves), and never written to disk.

use std::io::{self, Read, Seek, SeekFrom};

use age::armor::ArmoredReader;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::unzip::MAX_TOTAL_SIZE;
use super::{BundleKey, MAX_SCRYPT_LOG_N};
use crate::export::ExportError;
use crate::tr;
use crate::vault::BlobStore;
use crate::vault::read_full;

/// The most bytes read from the received file: the largest bundle plus room for the ZIP's and
/// the encryption's own overhead.
pub const MAX_INPUT: u64 = MAX_TOTAL_SIZE + (256 << 20);
/// Identity files are a few lines; anything bigger is not one.
const MAX_IDENTITY_FILE: u64 = 1 << 20;
const CHUNK: usize = 1 << 20;

const ZIP_MAGIC: &[&[u8]] = &[b"PK\x03\x04", b"PK\x05\x06"];
const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const ARMOR_MAGIC: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// What the received file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Age,
}

fn kind(head: &[u8]) -> Option<Kind> {
    let text = head.trim_ascii_start();
    if ZIP_MAGIC.iter().any(|magic| head.starts_with(magic)) {
        Some(Kind::Zip)
    } else if head.starts_with(AGE_MAGIC) || text.starts_with(ARMOR_MAGIC) {
        Some(Kind::Age)
    } else {
        None
    }
}

/// True when `bytes` start like a ZIP archive.
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    kind(bytes) == Some(Kind::Zip)
}

/// Why reading the ZIP out of the received file failed.
enum Failure {
    Read(io::Error),
    Decrypted(io::Error),
    NotZip,
    Key(ExportError),
}

/// The ZIP inside the received file, and the SHA-256 (hex) of the file as received.
pub fn plaintext(
    input: &mut dyn Read,
    key: &BundleKey,
    store: &BlobStore,
) -> Result<(Chunked, String), ExportError> {
    let mut hashing = Hashing::new(input);
    let mut head = [0u8; 64];
    let filled = read_full(&mut hashing, &mut head).map_err(|err| io_error(&hashing, &err))?;
    let head = &head[..filled];
    let Some(kind) = kind(head) else {
        return Err(ExportError::BundleUnreadable(tr!(
            "bundle-reason-not-zip-or-age"
        )));
    };
    let zip = {
        let mut source = head.chain(&mut hashing);
        match kind {
            Kind::Zip => Chunked::read_from(&mut source).map_err(Failure::Read),
            Kind::Age => match decrypt(&mut source, key, store) {
                Err(err) => Err(Failure::Key(err)),
                Ok(Err(err)) => Err(Failure::Decrypted(err)),
                Ok(Ok(zip)) if looks_like_zip(zip.head()) => Ok(zip),
                Ok(Ok(_)) => Err(Failure::NotZip),
            },
        }
    };
    let zip = match zip {
        Ok(zip) => zip,
        Err(Failure::Key(err)) => return Err(err),
        Err(Failure::Read(err)) => return Err(io_error(&hashing, &err)),
        Err(Failure::Decrypted(_) | Failure::NotZip) if hashing.over => return Err(too_large()),
        Err(Failure::Decrypted(err)) if err.kind() == io::ErrorKind::FileTooLarge => {
            return Err(too_large());
        }
        Err(Failure::Decrypted(_)) => {
            return Err(ExportError::BundleDamaged(tr!("bundle-reason-cut-short")));
        }
        Err(Failure::NotZip) => {
            return Err(ExportError::BundleUnreadable(tr!(
                "bundle-reason-not-a-bundle"
            )));
        }
    };
    // Whatever follows the encrypted data is part of the file as received.
    io::copy(&mut hashing, &mut io::sink()).map_err(|err| io_error(&hashing, &err))?;
    Ok((zip, hex::encode(hashing.hasher.finalize())))
}

fn too_large() -> ExportError {
    ExportError::BundleUnreadable(tr!(
        "bundle-reason-too-large",
        limit = crate::i18n::num((MAX_TOTAL_SIZE >> 30) as usize)
    ))
}

fn io_error(hashing: &Hashing<'_>, err: &io::Error) -> ExportError {
    if hashing.over || err.kind() == io::ErrorKind::FileTooLarge {
        too_large()
    } else {
        ExportError::BundleUnreadable(tr!("bundle-reason-io", cause = err.kind().to_string()))
    }
}

/// Decrypts the age file in `source` with `key`: `Err` for a key that does not open it, else
/// the result of reading the plaintext.
fn decrypt(
    source: &mut dyn Read,
    key: &BundleKey,
    store: &BlobStore,
) -> Result<io::Result<Chunked>, ExportError> {
    let file = age::Decryptor::new(ArmoredReader::new(source))
        .map_err(|err| decrypt_error(err, false, key))?;
    let scrypt = file.is_scrypt();
    let mut reader = match key {
        BundleKey::ThisVault => store.decrypt_handoff(file),
        BundleKey::IdentityFile(path) => {
            let identities = identities_in(path)?;
            file.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        }
        BundleKey::Passphrase(passphrase) => {
            let mut identity = age::scrypt::Identity::new(passphrase.clone());
            identity.set_max_work_factor(MAX_SCRYPT_LOG_N);
            file.decrypt(std::iter::once(&identity as &dyn age::Identity))
        }
    }
    .map_err(|err| decrypt_error(err, scrypt, key))?;
    Ok(Chunked::read_from(&mut reader))
}

/// The identities in an age identity file.
fn identities_in(
    path: &std::path::Path,
) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>, ExportError> {
    let unreadable =
        |reason: String| ExportError::IdentityFileUnreadable(path.to_path_buf(), reason);
    let file = std::fs::File::open(path).map_err(|err| unreadable(err.kind().to_string()))?;
    // Allocated once: a growing buffer would leave unwiped copies of the key behind.
    let mut text = Zeroizing::new(Vec::with_capacity(MAX_IDENTITY_FILE as usize + 1));
    file.take(MAX_IDENTITY_FILE)
        .read_to_end(&mut text)
        .map_err(|err| unreadable(err.kind().to_string()))?;
    let identities = age::IdentityFile::from_buffer(&text[..])
        .and_then(|file| file.into_identities().map_err(io::Error::other))
        .map_err(|_| unreadable(tr!("bundle-reason-no-identities")))?;
    if identities.is_empty() {
        return Err(unreadable(tr!("bundle-reason-no-identities")));
    }
    Ok(identities)
}

/// The user's error for an age file that did not open.
fn decrypt_error(err: age::DecryptError, scrypt: bool, key: &BundleKey) -> ExportError {
    use age::DecryptError as E;
    match err {
        E::NoMatchingKeys if scrypt && !matches!(key, BundleKey::Passphrase(_)) => {
            ExportError::BundleNeedsPassphrase
        }
        E::NoMatchingKeys | E::DecryptionFailed | E::KeyDecryptionFailed => {
            ExportError::BundleWrongKey
        }
        E::ExcessiveWork { required, .. } => ExportError::BundleUnreadable(tr!(
            "bundle-reason-excessive-work",
            log_n = crate::i18n::num(usize::from(required)),
            max = crate::i18n::num(usize::from(MAX_SCRYPT_LOG_N))
        )),
        E::UnknownFormat => ExportError::BundleUnreadable(tr!("bundle-reason-unknown-age")),
        _ => ExportError::BundleDamaged(tr!("bundle-reason-header")),
    }
}

/// Passes bytes through while hashing them, and fails once more than `MAX_INPUT` went by.
struct Hashing<'a> {
    inner: &'a mut dyn Read,
    hasher: Sha256,
    read: u64,
    over: bool,
}

impl<'a> Hashing<'a> {
    fn new(inner: &'a mut dyn Read) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            read: 0,
            over: false,
        }
    }
}

impl Read for Hashing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        if self.read > MAX_INPUT {
            self.over = true;
            return Err(io::ErrorKind::FileTooLarge.into());
        }
        Ok(n)
    }
}

/// Bytes in memory as fixed-size chunks, each wiped when dropped; readable and seekable (the
/// ZIP reader needs both).
#[derive(Default)]
pub struct Chunked {
    chunks: Vec<Zeroizing<Vec<u8>>>,
    len: u64,
    pos: u64,
}

impl Chunked {
    /// Everything `input` yields (at most `MAX_INPUT` bytes).
    pub fn read_from(input: &mut dyn Read) -> io::Result<Self> {
        let mut out = Self::default();
        loop {
            let mut chunk = Zeroizing::new(vec![0u8; CHUNK]);
            let filled = read_full(input, &mut chunk)?;
            if filled == 0 {
                break;
            }
            chunk.truncate(filled);
            out.len += filled as u64;
            if out.len > MAX_INPUT {
                return Err(io::ErrorKind::FileTooLarge.into());
            }
            out.chunks.push(chunk);
            if filled < CHUNK {
                break;
            }
        }
        Ok(out)
    }

    /// The first bytes (up to one chunk).
    pub fn head(&self) -> &[u8] {
        self.chunks.first().map_or(&[], |c| &c[..])
    }
}

impl Read for Chunked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.len || buf.is_empty() {
            return Ok(0);
        }
        let index = (self.pos / CHUNK as u64) as usize;
        let offset = (self.pos % CHUNK as u64) as usize;
        let Some(chunk) = self.chunks.get(index) else {
            return Ok(0);
        };
        let available = &chunk[offset.min(chunk.len())..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Chunked {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match target {
            Some(pos) => {
                self.pos = pos;
                Ok(pos)
            }
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_reads_and_seeks_across_chunk_borders() {
        let data: Vec<u8> = (0..(CHUNK * 2 + 17)).map(|i| (i % 251) as u8).collect();
        let mut chunked = Chunked::read_from(&mut &data[..]).expect("reads");
        let mut all = Vec::new();
        chunked.read_to_end(&mut all).expect("reads back");
        assert_eq!(all, data);
        chunked
            .seek(SeekFrom::End(-20))
            .expect("seeks from the end");
        let mut tail = Vec::new();
        chunked.read_to_end(&mut tail).expect("tail");
        assert_eq!(tail, data[data.len() - 20..]);
        chunked
            .seek(SeekFrom::Start(CHUNK as u64 - 3))
            .expect("seeks");
        let mut six = [0u8; 6];
        chunked.read_exact(&mut six).expect("across the border");
        assert_eq!(six, data[CHUNK - 3..CHUNK + 3]);
        assert!(
            chunked
                .seek(SeekFrom::Current(-(CHUNK as i64) * 4))
                .is_err()
        );
    }

    #[test]
    fn kinds_are_told_apart_by_their_first_bytes() {
        assert_eq!(kind(b"PK\x03\x04rest"), Some(Kind::Zip));
        assert_eq!(kind(b"age-encryption.org/v1\n-> X25519"), Some(Kind::Age));
        assert_eq!(
            kind(b"\n-----BEGIN AGE ENCRYPTED FILE-----\nYWdl"),
            Some(Kind::Age)
        );
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(kind(b""), None);
    }
}
