//! Where each file of a vault lives (DESIGN.md §2). The one place that knows the folder layout.

use std::path::{Path, PathBuf};

use super::ids::{DeviceId, ObjectId};

pub const HEADER_FILE: &str = "vault.ron";
pub const KEYS_DIR: &str = "keys";
pub const OBJECTS_DIR: &str = "objects";
pub const JOURNAL_DIR: &str = "journal";
pub const CHECKPOINTS_DIR: &str = "checkpoints";
pub const TMP_DIR: &str = ".tmp";
/// The single-writer lock (an OS lock on an empty file; the lock itself never travels by sync).
pub const LOCK_FILE: &str = ".lock";
/// Suffix of a key file being replaced by a passphrase change.
pub const NEW_KEY_SUFFIX: &str = ".age.new";

/// Paths inside one vault folder.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of the vault in `root`, made absolute: a relative folder such as `vault` has
    /// the empty path as its parent, which cannot be opened to make a rename durable.
    pub fn new(root: &Path) -> Self {
        Self {
            root: std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }
    pub fn root(&self) -> &Path {
        &self.root
    }
    pub fn header(&self) -> PathBuf {
        self.root.join(HEADER_FILE)
    }
    pub fn keys_dir(&self) -> PathBuf {
        self.root.join(KEYS_DIR)
    }
    pub fn key_file(&self, member: &str) -> PathBuf {
        self.keys_dir().join(format!("{member}.age"))
    }
    pub fn new_key_file(&self, member: &str) -> PathBuf {
        self.keys_dir().join(format!("{member}{NEW_KEY_SUFFIX}"))
    }
    pub fn objects_dir(&self) -> PathBuf {
        self.root.join(OBJECTS_DIR)
    }
    pub fn object(&self, id: &ObjectId) -> PathBuf {
        let hex = id.as_str();
        self.objects_dir()
            .join(&hex[..2])
            .join(format!("{hex}.age"))
    }
    pub fn journal_dir(&self) -> PathBuf {
        self.root.join(JOURNAL_DIR)
    }
    pub fn device_journal(&self, device: &DeviceId) -> PathBuf {
        self.journal_dir().join(device.as_str())
    }
    pub fn journal_entry(&self, device: &DeviceId, seq: u64) -> PathBuf {
        self.device_journal(device).join(seq_file_name(seq))
    }
    pub fn checkpoints_dir(&self) -> PathBuf {
        self.root.join(CHECKPOINTS_DIR)
    }
    pub fn device_checkpoints(&self, device: &DeviceId) -> PathBuf {
        self.checkpoints_dir().join(device.as_str())
    }
    pub fn checkpoint(&self, device: &DeviceId, seq: u64) -> PathBuf {
        self.device_checkpoints(device).join(seq_file_name(seq))
    }
    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join(TMP_DIR)
    }
    /// The folders every vault has, created with it.
    pub fn folders(&self) -> [PathBuf; 5] {
        [
            self.tmp_dir(),
            self.keys_dir(),
            self.objects_dir(),
            self.journal_dir(),
            self.checkpoints_dir(),
        ]
    }
    pub fn lock_file(&self) -> PathBuf {
        self.root.join(LOCK_FILE)
    }
}

/// `42` → `000000000042.age`: zero-padded so that names sort in sequence order.
pub fn seq_file_name(seq: u64) -> String {
    format!("{seq:012}.age")
}

/// The inverse of `seq_file_name`; `None` for anything else (temp files, sync-conflict copies).
pub fn parse_seq_file_name(name: &str) -> Option<u64> {
    let digits = name.strip_suffix(".age")?;
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_names_round_trip_and_reject_strays() {
        assert_eq!(seq_file_name(42), "000000000042.age");
        assert_eq!(parse_seq_file_name("000000000042.age"), Some(42));
        assert_eq!(parse_seq_file_name("42.age"), None);
        assert_eq!(
            parse_seq_file_name("000000000042.sync-conflict-x.age"),
            None
        );
        assert_eq!(parse_seq_file_name("00000000004a.age"), None);
    }
}
