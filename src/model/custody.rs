//! The custody log of a case: an append-only, hash-chained list of what happened to its files
//! (imported, derived, exported, verified, deleted), so that a later reader can check that no
//! line was removed or changed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CustodyAction {
    Imported,
    Derived,
    Exported,
    Verified,
    Deleted,
}

/// One line of the custody log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyEntry {
    /// RFC 3339 time.
    pub at: String,
    pub actor: String,
    pub action: CustodyAction,
    /// SHA-256 (hex) of the file concerned.
    pub sha256: String,
    #[serde(default)]
    pub details: String,
    /// Hex SHA-256 of the previous entry (empty for the first).
    pub prev: String,
}

impl CustodyEntry {
    /// The hash the next entry must name.
    pub fn hash(&self) -> String {
        let mut hasher = Sha256::new();
        for field in [
            self.at.as_str(),
            self.actor.as_str(),
            &format!("{:?}", self.action),
            self.sha256.as_str(),
            self.details.as_str(),
            self.prev.as_str(),
        ] {
            hasher.update((field.len() as u64).to_be_bytes());
            hasher.update(field.as_bytes());
        }
        hex::encode(hasher.finalize())
    }
}

/// The log itself; entries can only be appended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CustodyLog {
    entries: Vec<CustodyEntry>,
}

impl CustodyLog {
    pub fn entries(&self) -> &[CustodyEntry] {
        &self.entries
    }

    /// A log made of given entries (an export's copy with some lines left out, a received
    /// bundle); `first_break` tells whether they still chain.
    pub fn from_entries(entries: Vec<CustodyEntry>) -> Self {
        Self { entries }
    }

    /// Appends an entry chained to the last one.
    pub fn append(
        &mut self,
        at: &str,
        actor: &str,
        action: CustodyAction,
        sha256: &str,
        details: &str,
    ) {
        let prev = self
            .entries
            .last()
            .map(CustodyEntry::hash)
            .unwrap_or_default();
        self.entries.push(CustodyEntry {
            at: at.to_string(),
            actor: actor.to_string(),
            action,
            sha256: sha256.to_string(),
            details: details.to_string(),
            prev,
        });
    }

    /// The index of the first entry that does not follow the one before it, if any.
    pub fn first_break(&self) -> Option<usize> {
        let mut prev = String::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.prev != prev {
                return Some(index);
            }
            prev = entry.hash();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_detects_a_changed_or_removed_line() {
        let mut log = CustodyLog::default();
        for n in 0..4 {
            log.append(
                "2026-11-27T10:00:00Z",
                "Lawyer A",
                CustodyAction::Imported,
                &format!("{n:064}"),
                "scan",
            );
        }
        assert_eq!(log.first_break(), None);
        let mut changed = log.clone();
        changed.entries[1].actor = "Someone else".into();
        assert_eq!(changed.first_break(), Some(2));
        let mut removed = log.clone();
        removed.entries.remove(1);
        assert_eq!(removed.first_break(), Some(1));
    }
}
