//! The serialized shapes of format version 1 (DESIGN.md §2): the public header `vault.ron`, journal
//! entries, checkpoints, and the signed framing (MAC line + RON body) that authenticates the last two.
//! Changing anything here changes the on-disk format: bump `FORMAT_VERSION` and keep reading v1.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ids::{DeviceId, ObjectId, RecordId};
use super::keys::VaultKey;

/// The vault format this version writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// `vault.ron`: public, written once at creation. Its fields are authenticated by `mac`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VaultHeader {
    pub format: u32,
    pub vault_id: uuid::Uuid,
    /// RFC 3339, UTC.
    pub created: String,
    /// scrypt work factor of the key files at creation.
    pub kdf_log_n: u8,
    /// The vault's public key (`age1…`): every object and entry is encrypted to it.
    pub recipient: String,
    /// HMAC-SHA256 (journal MAC key) of `mac_input()`; detects a swapped recipient or vault id.
    pub mac: String,
}

/// Read first, to refuse newer formats before trying to understand the rest.
#[derive(Deserialize)]
pub struct FormatProbe {
    pub format: u32,
}

impl VaultHeader {
    pub fn mac_input(&self) -> String {
        format!(
            "casevault/v1/header\n{}\n{}\n{}\n{}\n{}\n",
            self.format, self.vault_id, self.created, self.kdf_log_n, self.recipient
        )
    }
}

/// One change in a journal entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Op {
    Put { record: RecordId, entry: RecordRef },
    Delete { record: RecordId },
}

/// Where the current version of a record is, and what the case list needs to know without
/// decrypting it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RecordRef {
    /// What the record is ("case", "settings", …); chosen by the caller.
    pub kind: String,
    pub object: ObjectId,
    /// Plaintext size in bytes.
    pub size: u64,
    /// A small caller-defined summary (RON) kept in the journal and checkpoints, so that a list
    /// is searchable right after unlock.
    #[serde(default)]
    pub summary: Option<String>,
    /// Blob objects this record refers to (scans, thumbnails): checked by `verify`.
    #[serde(default)]
    pub blobs: Vec<ObjectId>,
}

/// `journal/<device>/<seq>.age`: one atomic batch of changes by one device.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalEntry {
    pub format: u32,
    pub vault_id: uuid::Uuid,
    pub device: DeviceId,
    pub seq: u64,
    /// Milliseconds since 1970 (UTC), strictly increasing per device.
    pub time_ms: u64,
    /// Hex SHA-256 of the previous entry's signed plaintext; `None` for seq 1.
    pub prev: Option<String>,
    pub ops: Vec<Op>,
}

/// The last entry of one device covered by a checkpoint.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    #[serde(with = "hex_digest")]
    pub hash: [u8; 32],
}

/// Which write wins: later time, then device id, then sequence (last writer wins, deterministic).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub time_ms: u64,
    pub device: DeviceId,
    pub seq: u64,
}

/// The state of one record in the merged view. `entry: None` is a deletion (kept so that an
/// older put replayed later cannot resurrect it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexEntry {
    pub stamp: Stamp,
    pub entry: Option<RecordRef>,
}

/// `checkpoints/<device>/<seq>.age`: the merged state after the listed heads.
#[derive(Debug, Serialize, Deserialize)]
pub struct Checkpoint<'a> {
    pub format: u32,
    pub vault_id: uuid::Uuid,
    pub device: DeviceId,
    pub time_ms: u64,
    pub heads: Cow<'a, BTreeMap<DeviceId, Head>>,
    pub records: Cow<'a, BTreeMap<RecordId, IndexEntry>>,
}

const SIGNED_MAGIC: &str = "casevault-signed-v1 ";

/// Frames a RON body with its MAC: `casevault-signed-v1 <hex mac>\n<body>`.
pub fn sign(key: &VaultKey, body: &str) -> String {
    let mac = hex::encode(key.mac(body.as_bytes()));
    format!("{SIGNED_MAGIC}{mac}\n{body}")
}

/// Why a signed file was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedError {
    Malformed,
    BadMac,
}

/// Checks the MAC of a signed plaintext and returns the body.
pub fn open_signed<'t>(key: &VaultKey, text: &'t str) -> Result<&'t str, SignedError> {
    let rest = text
        .strip_prefix(SIGNED_MAGIC)
        .ok_or(SignedError::Malformed)?;
    let (mac_hex, body) = rest.split_once('\n').ok_or(SignedError::Malformed)?;
    let mac = hex::decode(mac_hex).map_err(|_| SignedError::Malformed)?;
    if key.verify_mac(body.as_bytes(), &mac) {
        Ok(body)
    } else {
        Err(SignedError::BadMac)
    }
}

/// The chaining hash of a signed plaintext.
pub fn chain_hash(signed: &str) -> [u8; 32] {
    Sha256::digest(signed.as_bytes()).into()
}

/// RON options used for every file this module writes.
pub fn to_ron<T: Serialize>(value: &T) -> String {
    ron::to_string(value).expect("vault structures always serialize")
}

mod hex_digest {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(digest: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(digest))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(d)?;
        let mut out = [0u8; 32];
        hex::decode_to_slice(text, &mut out).map_err(serde::de::Error::custom)?;
        Ok(out)
    }
}
