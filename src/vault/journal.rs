//! Per-device journals: reading and authenticating entries, and replaying them (with their hash
//! chains) onto an index. Shared by unlock (from the latest checkpoint) and verify (from nothing).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use super::crypto::decrypt_bytes;
use super::format::Op;
use super::format::{self, Head, JournalEntry, SignedError};
use super::ids::{DeviceId, ObjectId};
use super::index::Index;
use super::keys::VaultKey;
use super::layout::{Layout, parse_seq_file_name};
use super::report::{Problem, Rejection};
use super::storage::{Storage, read_all};

/// A decrypted, authenticated entry with the hash the next entry must name.
pub struct ReadEntry {
    pub entry: JournalEntry,
    pub hash: [u8; 32],
}

/// Decrypts and authenticates a signed file (entry or checkpoint) and returns its body's text
/// plus the chaining hash of the signed plaintext.
pub fn read_signed(
    storage: &dyn Storage,
    path: &Path,
    key: &VaultKey,
) -> Result<(String, [u8; 32]), Rejection> {
    let ciphertext = read_all(storage, path).map_err(|_| Rejection::Unreadable)?;
    let plain = decrypt_bytes(key.identity(), &ciphertext).map_err(|_| Rejection::Undecryptable)?;
    let text = std::str::from_utf8(&plain).map_err(|_| Rejection::Malformed)?;
    let body = format::open_signed(key, text).map_err(|err| match err {
        SignedError::Malformed => Rejection::Malformed,
        SignedError::BadMac => Rejection::Unauthentic,
    })?;
    Ok((body.to_string(), format::chain_hash(text)))
}

/// Reads an authenticated file and parses its RON body; the chaining hash comes with it.
pub fn read_signed_ron<T: serde::de::DeserializeOwned>(
    storage: &dyn Storage,
    path: &Path,
    key: &VaultKey,
) -> Result<(T, [u8; 32]), Rejection> {
    let (body, hash) = read_signed(storage, path, key)?;
    let value = ron::from_str(&body).map_err(|_| Rejection::Malformed)?;
    Ok((value, hash))
}

/// Reads `journal/<device>/<seq>.age` and checks that it is authentic and belongs there.
pub fn read_entry(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    vault_id: uuid::Uuid,
    device: &DeviceId,
    seq: u64,
) -> Result<ReadEntry, Rejection> {
    let (entry, hash): (JournalEntry, _) =
        read_signed_ron(storage, &layout.journal_entry(device, seq), key)?;
    if entry.format != format::FORMAT_VERSION {
        return Err(Rejection::Malformed);
    }
    if entry.vault_id != vault_id || entry.device != *device || entry.seq != seq {
        return Err(Rejection::Misplaced);
    }
    Ok(ReadEntry { entry, hash })
}

/// The entries of a folder; none if the folder does not exist (yet).
pub fn read_dir_if_present(dir: &Path) -> io::Result<Vec<io::Result<fs::DirEntry>>> {
    match fs::read_dir(dir) {
        Ok(entries) => Ok(entries.collect()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(err),
    }
}

/// Lists the devices that have a journal (or checkpoint) folder; other names are reported as strays.
pub fn list_devices(dir: &Path, strays: &mut Vec<Problem>) -> io::Result<Vec<DeviceId>> {
    let mut devices = Vec::new();
    for item in read_dir_if_present(dir)? {
        let item = item?;
        let name = item.file_name();
        match name.to_str().and_then(DeviceId::parse) {
            Some(device) if item.path().is_dir() => devices.push(device),
            _ => strays.push(Problem::StrayFile { path: item.path() }),
        }
    }
    devices.sort();
    Ok(devices)
}

/// Lists the sequence numbers present in one device's folder, sorted; other names are strays.
pub fn list_seqs(dir: &Path, strays: &mut Vec<Problem>) -> io::Result<Vec<u64>> {
    let mut seqs = Vec::new();
    for item in read_dir_if_present(dir)? {
        let item = item?;
        match item.file_name().to_str().and_then(parse_seq_file_name) {
            Some(seq) => seqs.push(seq),
            None => strays.push(Problem::StrayFile { path: item.path() }),
        }
    }
    seqs.sort_unstable();
    Ok(seqs)
}

/// The outcome of replaying journals onto an index.
pub struct Replay {
    pub index: Index,
    pub problems: Vec<Problem>,
    pub entries_read: u64,
    /// Hash of every entry read, by device and seq (verify compares checkpoints against them).
    pub hashes: BTreeMap<(DeviceId, u64), [u8; 32]>,
    /// The highest sequence number present per device, valid or not (the next own seq follows it).
    pub highest_seq: BTreeMap<DeviceId, u64>,
    /// Every object any replayed entry referred to (current or superseded versions, blobs).
    pub referenced: BTreeSet<ObjectId>,
}

/// Replays every entry not yet covered by `start.heads`, device by device, checking the chains.
/// Entries that fail are reported and skipped; nothing is ever deleted or rewritten.
pub fn replay(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    vault_id: uuid::Uuid,
    start: Index,
) -> io::Result<Replay> {
    let mut problems = Vec::new();
    let devices = list_devices(&layout.journal_dir(), &mut problems)?;
    let mut out = Replay {
        index: start,
        problems: Vec::new(),
        entries_read: 0,
        hashes: BTreeMap::new(),
        highest_seq: BTreeMap::new(),
        referenced: BTreeSet::new(),
    };
    for device in devices {
        let seqs = list_seqs(&layout.device_journal(&device), &mut problems)?;
        if let Some(&last) = seqs.last() {
            out.highest_seq.insert(device.clone(), last);
        }
        let start_head = out.index.heads.get(&device).copied();
        let first_seq = start_head.map_or(1, |h| h.seq + 1);
        let mut expected_seq = first_seq;
        let mut expected_prev = start_head.map(|h| h.hash);
        // After a reported problem, the next chain mismatch is its consequence, not news.
        let mut chain_explained = false;
        for seq in seqs.into_iter().filter(|&s| s >= first_seq) {
            if seq != expected_seq {
                problems.push(Problem::EntriesMissing {
                    device: device.clone(),
                    from: expected_seq,
                    to: seq - 1,
                });
                chain_explained = true;
            }
            expected_seq = seq + 1;
            match read_entry(storage, layout, key, vault_id, &device, seq) {
                Ok(read) => {
                    out.entries_read += 1;
                    let prev = read.entry.prev.as_deref().and_then(decode_hash);
                    if prev != expected_prev && !chain_explained {
                        problems.push(Problem::ChainBroken {
                            device: device.clone(),
                            seq,
                        });
                    }
                    chain_explained = false;
                    out.hashes.insert((device.clone(), seq), read.hash);
                    for op in &read.entry.ops {
                        if let Op::Put { entry, .. } = op {
                            out.referenced.insert(entry.object.clone());
                            out.referenced.extend(entry.blobs.iter().cloned());
                        }
                    }
                    out.index.apply(&read.entry, read.hash);
                    expected_prev = Some(read.hash);
                }
                Err(reason) => {
                    problems.push(Problem::EntryRejected {
                        device: device.clone(),
                        seq,
                        reason,
                    });
                    chain_explained = true;
                }
            }
        }
    }
    out.problems = problems;
    Ok(out)
}

/// Decodes a hex SHA-256; `None` if malformed (which then fails the chain check).
pub fn decode_hash(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok().map(|()| out)
}

/// The head to continue a device's chain from.
pub fn head_of(index: &Index, device: &DeviceId) -> Option<Head> {
    index.heads.get(device).copied()
}
