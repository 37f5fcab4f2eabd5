//! Export fixtures shared by the bundle tests and the hand-off bench: generated files stored in a
//! real vault as a case's documents, an in-memory `Originals`, a tee keeping a copy of a stream,
//! and a reader of a ZIP's central directory. Self-contained (no `super::`), so that a bench can
//! include it with `#[path]`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{self, Write};

use casevault::export::originals::check_hash;
use casevault::export::{ExportError, Originals};
use casevault::model::{Case, Document, DocumentFile, FileRole};
use casevault::vault::BlobStore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Who and when, in the file entries and the bundle.
pub const EXPORTED_AT: &str = "2026-03-02T09:30:00Z";
pub const EXPORTED_BY: &str = "Aigerim Test-Lawyer";

/// `len` random-looking bytes (xorshift), the same for the same seed.
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    // Spread the seed first: xorshift needs a non-zero state, and near seeds must not collide.
    let mut state = (seed.wrapping_add(1)).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Random bytes framed as a JPEG (start and end markers), as a scanner's file is to a ZIP tool.
pub fn jpeg_like(seed: u64, len: usize) -> Vec<u8> {
    let mut bytes = noise(seed, len);
    bytes[..4].copy_from_slice(&[0xFF, 0xD8, 0xFF, 0xE0]);
    let end = bytes.len() - 2;
    bytes[end..].copy_from_slice(&[0xFF, 0xD9]);
    bytes
}

/// A file entry for `bytes`, described as the import would.
pub fn file_entry(blob: String, name: &str, bytes: &[u8], media_type: &str) -> DocumentFile {
    DocumentFile {
        blob,
        sha256: hex::encode(Sha256::digest(bytes)),
        size: bytes.len() as u64,
        media_type: media_type.to_string(),
        original_name: name.to_string(),
        role: FileRole::Original,
        parent: None,
        pages: 1,
        thumbnail: None,
        imported_on: "2026-03-01T10:00:00Z".to_string(),
        imported_by: EXPORTED_BY.to_string(),
    }
}

/// Stores `bytes` in the vault and returns its file entry.
pub fn stored_file(store: &BlobStore, name: &str, bytes: &[u8], media_type: &str) -> DocumentFile {
    let stored = store.put(&mut &bytes[..]).expect("store blob");
    let file = file_entry(stored.object.to_string(), name, bytes, media_type);
    assert_eq!(file.sha256, stored.sha256);
    file
}

pub fn document(title: &str, files: Vec<DocumentFile>) -> Document {
    Document {
        title: title.to_string(),
        files,
        ..Document::default()
    }
}

pub fn case_of(number: &str, documents: Vec<Document>) -> Case {
    Case {
        number: number.to_string(),
        documents,
        opened_at: "2026-01-15T08:00:00Z".to_string(),
        ..Case::default()
    }
}

/// Originals held in memory (by SHA-256), checked like the vault's.
#[derive(Default)]
pub struct MemoryOriginals(pub BTreeMap<String, Vec<u8>>);

impl MemoryOriginals {
    /// Keeps `bytes` and returns their file entry.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>, media_type: &str) -> DocumentFile {
        let file = file_entry(String::new(), name, &bytes, media_type);
        self.0.insert(file.sha256.clone(), bytes);
        file
    }
}

impl Originals for MemoryOriginals {
    fn read(&self, file: &DocumentFile) -> Result<Zeroizing<Vec<u8>>, ExportError> {
        let bytes = self
            .0
            .get(&file.sha256)
            .ok_or_else(|| ExportError::FileChanged(file.original_name.clone()))?;
        check_hash(bytes, file)?;
        Ok(Zeroizing::new(bytes.clone()))
    }
}

/// Writes into `out` and keeps a copy of everything written.
pub struct Tee<'a> {
    pub out: &'a mut dyn Write,
    pub copy: &'a mut Vec<u8>,
}

impl Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.copy.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One entry of a ZIP's central directory, as written (not as an extractor makes of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentralEntry {
    pub name: Vec<u8>,
    pub flags: u16,
    pub method: u16,
}

/// The central directory of a (small, non-ZIP64) ZIP, found from its end record.
pub fn central_directory(zip: &[u8]) -> Vec<CentralEntry> {
    let u16_at = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]);
    let u32_at =
        |at: usize| u32::from_le_bytes([zip[at], zip[at + 1], zip[at + 2], zip[at + 3]]) as usize;
    let end = (0..=zip.len() - 22)
        .rev()
        .find(|&at| zip[at..at + 4] == *b"PK\x05\x06")
        .expect("end of central directory record");
    let count = u16_at(end + 10) as usize;
    let mut at = u32_at(end + 16);
    let mut entries = Vec::new();
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02", "central directory entry");
        let name_len = u16_at(at + 28) as usize;
        let extra_len = u16_at(at + 30) as usize;
        let comment_len = u16_at(at + 32) as usize;
        entries.push(CentralEntry {
            name: zip[at + 46..at + 46 + name_len].to_vec(),
            flags: u16_at(at + 8),
            method: u16_at(at + 10),
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    entries
}
