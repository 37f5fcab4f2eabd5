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
        f.write_str(&match self {
            Rejection::Unreadable => crate::tr!("rejection-unreadable"),
            Rejection::Undecryptable => crate::tr!("rejection-undecryptable"),
            Rejection::Unauthentic => crate::tr!("rejection-unauthentic"),
            Rejection::Malformed => crate::tr!("rejection-malformed"),
            Rejection::Misplaced => crate::tr!("rejection-misplaced"),
            Rejection::Inconsistent => crate::tr!("rejection-inconsistent"),
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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Problem::EntryRejected {
                device,
                seq,
                reason,
            } => crate::tr!(
                "problem-entry-rejected",
                seq = seq.to_string(),
                device = device.to_string(),
                reason = reason.to_string()
            ),
            Problem::ChainBroken { device, seq } => crate::tr!(
                "problem-chain-broken",
                seq = seq.to_string(),
                device = device.to_string()
            ),
            Problem::EntriesMissing { device, from, to } => crate::tr!(
                "problem-entries-missing",
                from = from.to_string(),
                to = to.to_string(),
                device = device.to_string()
            ),
            Problem::CheckpointRejected {
                device,
                seq,
                reason,
            } => crate::tr!(
                "problem-checkpoint-rejected",
                seq = seq.to_string(),
                device = device.to_string(),
                reason = reason.to_string()
            ),
            Problem::ObjectDamaged { object, records } => crate::tr!(
                "problem-object-damaged",
                object = object.to_string(),
                users = used_by(records)
            ),
            Problem::ObjectMissing { object, records } => crate::tr!(
                "problem-object-missing",
                object = object.to_string(),
                users = used_by(records)
            ),
            Problem::StrayFile { path } => {
                crate::tr!("problem-stray-file", path = path.display().to_string())
            }
        };
        f.write_str(&text)
    }
}

fn used_by(records: &[RecordId]) -> String {
    if records.is_empty() {
        crate::tr!("problem-used-by-none")
    } else {
        let ids: Vec<String> = records.iter().map(ToString::to_string).collect();
        crate::tr!("problem-used-by", records = ids.join(", "))
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
        let checked = crate::tr!(
            "report-checked",
            entries = self.entries_checked.to_string(),
            checkpoints = self.checkpoints_checked.to_string(),
            objects = self.objects_checked.to_string(),
            bytes = self.bytes_checked.to_string()
        );
        writeln!(f, "{checked}")?;
        if self.unreferenced_objects > 0 {
            let count = self.unreferenced_objects.to_string();
            writeln!(f, "{}", crate::tr!("report-unreferenced", count = count))?;
        }
        if self.problems.is_empty() {
            writeln!(f, "{}", crate::tr!("report-intact"))
        } else {
            writeln!(
                f,
                "{}",
                crate::tr!(
                    "report-problems",
                    count = crate::i18n::num(self.problems.len())
                )
            )?;
            for problem in &self.problems {
                writeln!(f, "- {problem}")?;
            }
            Ok(())
        }
    }
}
