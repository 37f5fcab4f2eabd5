//! age encryption and decryption of vault files. Encryption of a stream is pipelined over three
//! threads (encrypt; hash the plaintext; hash and write the ciphertext) so that the two SHA-256
//! passes a blob needs do not double the cost of importing it, and memory stays bounded whatever
//! the size. Decryption happens in memory only.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::storage::TempFile;

/// A block of plaintext; wiped when the last thread is done with it.
type PlainBlock = Zeroizing<Vec<u8>>;

/// Size of the blocks passed between the pipeline's threads.
const BLOCK: usize = 1 << 20;
/// Size of the first plaintext block read (a whole record, usually).
const FIRST_BLOCK: usize = 64 << 10;
/// Blocks in flight per channel: bounds memory to a few MiB for any input size.
const IN_FLIGHT: usize = 4;

/// What encrypting a stream produced.
#[derive(Debug, Clone, Copy)]
pub struct StreamDigests {
    /// SHA-256 of the plaintext (the original file's hash for a scan).
    pub plain_sha256: [u8; 32],
    /// SHA-256 of the ciphertext written: the object's name.
    pub cipher_sha256: [u8; 32],
    pub plain_size: u64,
}

/// Encrypts everything `input` yields to `recipient`, writing the age file to `out`.
pub fn encrypt_stream(
    recipient: &age::x25519::Recipient,
    input: &mut dyn Read,
    out: &mut dyn TempFile,
) -> io::Result<StreamDigests> {
    thread::scope(|scope| {
        let (plain_tx, plain_rx) = sync_channel::<Arc<PlainBlock>>(IN_FLIGHT);
        let (cipher_tx, cipher_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
        let plain_hasher = thread::Builder::new()
            .name("casevault-hash".into())
            .spawn_scoped(scope, move || hash_blocks(plain_rx))?;
        let writer = thread::Builder::new()
            .name("casevault-write".into())
            .spawn_scoped(scope, move || hash_and_write(cipher_rx, out))?;

        let encrypted = encrypt_blocks(recipient, input, plain_tx, cipher_tx);
        let plain_sha256 = plain_hasher
            .join()
            .map_err(|_| io::Error::other("hashing thread failed"))?;
        let written = writer
            .join()
            .map_err(|_| io::Error::other("writing thread failed"))?;
        // A write error (disk full…) is the real cause when both sides failed.
        let cipher_sha256 = written?;
        let plain_size = encrypted?;
        Ok(StreamDigests {
            plain_sha256,
            cipher_sha256,
            plain_size,
        })
    })
}

fn encrypt_blocks(
    recipient: &age::x25519::Recipient,
    input: &mut dyn Read,
    plain_tx: SyncSender<Arc<PlainBlock>>,
    cipher_tx: SyncSender<Vec<u8>>,
) -> io::Result<u64> {
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .map_err(|_| io::Error::other("age refused the vault recipient"))?;
    let mut stream = encryptor.wrap_output(ChannelWriter::new(cipher_tx))?;
    let mut size = 0u64;
    // Start small: most objects are records of a few KiB, and every block is wiped after use.
    let mut block_size = FIRST_BLOCK;
    loop {
        let mut block = Zeroizing::new(vec![0u8; block_size]);
        block_size = BLOCK;
        let filled = read_full(input, &mut block).map_err(SourceReadError::wrap)?;
        if filled == 0 {
            break;
        }
        block.truncate(filled);
        size += filled as u64;
        stream.write_all(&block)?;
        plain_tx
            .send(Arc::new(block))
            .map_err(|_| io::Error::other("hashing thread stopped"))?;
    }
    drop(plain_tx);
    stream.finish()?.flush_block()?;
    Ok(size)
}

fn hash_blocks(blocks: Receiver<Arc<PlainBlock>>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for block in blocks {
        hasher.update(block.as_slice());
    }
    hasher.finalize().into()
}

fn hash_and_write(blocks: Receiver<Vec<u8>>, out: &mut dyn TempFile) -> io::Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    for block in blocks {
        hasher.update(&block);
        out.write_all(&block)?;
    }
    out.flush()?;
    Ok(hasher.finalize().into())
}

/// Marks an I/O error as coming from the input being encrypted (a scan that vanished or cannot
/// be read), not from the vault's disk.
#[derive(Debug)]
pub struct SourceReadError(io::ErrorKind);

impl SourceReadError {
    fn wrap(err: io::Error) -> io::Error {
        io::Error::new(err.kind(), SourceReadError(err.kind()))
    }

    /// The kind of read error, if `err` came from the input.
    pub fn kind_of(err: &io::Error) -> Option<io::ErrorKind> {
        err.get_ref()
            .and_then(|inner| inner.downcast_ref::<SourceReadError>())
            .map(|source| source.0)
    }
}

impl std::fmt::Display for SourceReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the input could not be read ({})", self.0)
    }
}

impl std::error::Error for SourceReadError {}

/// Reads until `buf` is full or the input ends; retries interrupted reads.
pub fn read_full(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Collects ciphertext into blocks and hands them to the writing thread.
struct ChannelWriter {
    block: Vec<u8>,
    tx: SyncSender<Vec<u8>>,
}

impl ChannelWriter {
    fn new(tx: SyncSender<Vec<u8>>) -> Self {
        Self {
            block: Vec::with_capacity(BLOCK),
            tx,
        }
    }

    fn flush_block(&mut self) -> io::Result<()> {
        if self.block.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.block, Vec::with_capacity(BLOCK));
        self.tx
            .send(full)
            .map_err(|_| io::Error::other("writing thread stopped"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = BLOCK - self.block.len();
        let taken = room.min(buf.len());
        self.block.extend_from_slice(&buf[..taken]);
        if self.block.len() == BLOCK {
            self.flush_block()?;
        }
        Ok(taken)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Why ciphertext could not be decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecryptFailure {
    /// Not an age file, truncated, altered, or not encrypted to this vault.
    Undecryptable,
}

/// Decrypts a whole age file held in memory; the plaintext is zeroized when dropped.
pub fn decrypt_bytes(
    identity: &age::x25519::Identity,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptFailure> {
    let mut reader = decrypt_reader(identity, ciphertext)?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| DecryptFailure::Undecryptable)?;
    Ok(plain)
}

/// A streaming decryptor over any buffered input. Each 64 KiB chunk is authenticated before it is
/// returned; a truncated or altered stream ends in an error, never in silently short data.
pub fn decrypt_reader<'i, R: io::BufRead + 'i>(
    identity: &age::x25519::Identity,
    input: R,
) -> Result<age::stream::StreamReader<R>, DecryptFailure> {
    let decryptor =
        age::Decryptor::new_buffered(input).map_err(|_| DecryptFailure::Undecryptable)?;
    if decryptor.is_scrypt() {
        return Err(DecryptFailure::Undecryptable);
    }
    decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|_| DecryptFailure::Undecryptable)
}
