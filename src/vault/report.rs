//! What `verify` (and unlock) found wrong, each problem a sentence that names the place.

use std::fmt;
use std::path::PathBuf;

use super::ids::{DeviceId, ObjectId, RecordId};

/// Why a journal entry or checkpoint was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// The file could not be read from the disk.
    Unreadable,
    /// Not decryptable with the vault key: damaged, truncated, or not written by a member.
    Undecryptable,
    /// Decrypts, but its MAC is wrong: forged by someone who knows only the public key, or altered.
    Unauthentic,
    /// Authentic but not understood (a bug, or a newer format).
    Malformed,
    /// Authentic, but its device, sequence number or vault id does not match where it lies.
    Misplaced,
    /// A checkpoint whose journal heads do not match the journal entries on disk.
    Inconsistent,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rejection::Unreadable => "it could not be read from the disk",
            Rejection::Undecryptable => {
                "it cannot be decrypted with this vault's key (damaged, truncated, or not written by a member)"
            }
            Rejection::Unauthentic => "its authentication code is wrong (altered or forged)",
            Rejection::Malformed => "its contents are not understood by this version",
            Rejection::Misplaced => "it belongs to another place, device or vault (moved or copied)",
            Rejection::Inconsistent => "it does not match the journal entries it claims to summarise",
        })
    }
}

/// One thing wrong in a vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    EntryRejected {
        device: DeviceId,
        seq: u64,
        reason: Rejection,
    },
    /// The entry does not follow the previous one: an entry before it was removed, replaced or reordered.
    ChainBroken { device: DeviceId, seq: u64 },
    /// Sequence numbers `from..=to` are missing from a device's journal.
    EntriesMissing {
        device: DeviceId,
        from: u64,
        to: u64,
    },
    CheckpointRejected {
        device: DeviceId,
        seq: u64,
        reason: Rejection,
    },
    /// A stored object no longer matches its name, or does not decrypt.
    ObjectDamaged {
        object: ObjectId,
        records: Vec<RecordId>,
    },
    /// A record refers to an object that is not there.
    ObjectMissing {
        object: ObjectId,
        records: Vec<RecordId>,
    },
    /// A file Casevault did not write where only its files belong.
    StrayFile { path: PathBuf },
    /// vault.ron does not match the key (altered header).
    HeaderAltered,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::EntryRejected {
                device,
                seq,
                reason,
            } => write!(
                f,
                "Journal entry {seq} of device {device} was not accepted: {reason}."
            ),
            Problem::ChainBroken { device, seq } => write!(
                f,
                "Journal entry {seq} of device {device} does not follow the entry before it: an earlier entry was removed, replaced or reordered."
            ),
            Problem::EntriesMissing { device, from, to } => write!(
                f,
                "Journal entries {from} to {to} of device {device} are missing (deleted, or not yet synced)."
            ),
            Problem::CheckpointRejected {
                device,
                seq,
                reason,
            } => write!(
                f,
                "Checkpoint {seq} of device {device} was not used: {reason}. (The journal still holds everything.)"
            ),
            Problem::ObjectDamaged { object, records } => write!(
                f,
                "Stored object {object} is damaged (contents do not match its name or do not decrypt){}.",
                used_by(records)
            ),
            Problem::ObjectMissing { object, records } => write!(
                f,
                "Stored object {object} is missing (not yet synced, or deleted outside Casevault){}.",
                used_by(records)
            ),
            Problem::StrayFile { path } => write!(
                f,
                "A file that Casevault did not write lies among the vault's files; it is ignored: {}",
                path.display()
            ),
            Problem::HeaderAltered => f.write_str(
                "vault.ron was altered: it does not match the vault key. Restore it from a backup.",
            ),
        }
    }
}

fn used_by(records: &[RecordId]) -> String {
    if records.is_empty() {
        " — no current record uses it".to_string()
    } else {
        let ids: Vec<String> = records.iter().map(ToString::to_string).collect();
        format!(" — used by record {}", ids.join(", "))
    }
}

/// The result of `Vault::verify`.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    pub problems: Vec<Problem>,
    pub entries_checked: u64,
    pub checkpoints_checked: u64,
    pub objects_checked: u64,
    /// Bytes of stored objects read and checked.
    pub bytes_checked: u64,
    /// Objects no authenticated entry ever referred to (left by an interrupted save, or dropped in
    /// from outside): harmless, never read.
    pub unreferenced_objects: u64,
}

impl VerifyReport {
    /// True when nothing is wrong.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Checked {} journal entries, {} checkpoints and {} stored objects ({} bytes).",
            self.entries_checked,
            self.checkpoints_checked,
            self.objects_checked,
            self.bytes_checked
        )?;
        if self.unreferenced_objects > 0 {
            writeln!(
                f,
                "{} stored objects are not used by any entry (left by an interrupted save, or placed from outside); they are never read.",
                self.unreferenced_objects
            )?;
        }
        if self.problems.is_empty() {
            writeln!(f, "The vault is intact.")
        } else {
            writeln!(f, "{} problems found:", self.problems.len())?;
            for problem in &self.problems {
                writeln!(f, "- {problem}")?;
            }
            Ok(())
        }
    }
}
