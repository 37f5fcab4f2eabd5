//! Helpers shared by the integration tests: vaults in temp folders with their own local state.
#![allow(dead_code)]

pub mod app;
pub mod scans;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casevault::vault::age_secret;
use casevault::vault::{
    Access, FaultyHandle, FaultyStorage, OsStorage, RecordId, RecordWrite, Storage, Vault,
    VaultConfig, VaultError, VerifyReport,
};

/// A low scrypt work factor so tests spend their time on what they test; tests of the KDF
/// itself (interop, wrong passphrase timing) use the real one.
pub const TEST_LOG_N: u8 = 10;

pub const PASSPHRASE: &str = "correct horse battery staple";

pub fn secret(text: &str) -> age_secret::SecretString {
    age_secret::SecretString::from(text.to_string())
}

/// A temp folder holding `vault/` and `state/`.
pub struct TestDir {
    pub dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub fn vault(&self) -> PathBuf {
        self.dir.path().join("vault")
    }
    pub fn config(&self) -> VaultConfig {
        self.config_with(Arc::new(OsStorage))
    }
    pub fn config_with(&self, storage: Arc<dyn Storage>) -> VaultConfig {
        VaultConfig {
            storage,
            state_dir: self.dir.path().join("state"),
            kdf_log_n: TEST_LOG_N,
        }
    }
    pub fn create(&self) -> Vault {
        Vault::create(&self.vault(), &secret(PASSPHRASE), &self.config()).expect("create vault")
    }
    /// Unlocks with the test passphrase, returning the error if any.
    pub fn try_unlock(&self, access: Access) -> Result<Vault, VaultError> {
        Vault::unlock(&self.vault(), &secret(PASSPHRASE), &self.config(), access)
    }
    /// Unlocks for writing through storage with injectable faults.
    pub fn unlock_faulty(&self) -> (Vault, Arc<FaultyStorage>) {
        let faults = FaultyStorage::new();
        let config = self.config_with(Arc::new(FaultyHandle(Arc::clone(&faults))));
        let vault = Vault::unlock(
            &self.vault(),
            &secret(PASSPHRASE),
            &config,
            Access::ReadWrite,
        )
        .expect("unlock with fault injection");
        (vault, faults)
    }
    /// Unlocks read-only and verifies the whole vault.
    pub fn verify(&self) -> VerifyReport {
        self.unlock_read_only()
            .verify(&mut |_, _| {})
            .expect("verify ran")
    }
    pub fn unlock(&self) -> Vault {
        Vault::unlock(
            &self.vault(),
            &secret(PASSPHRASE),
            &self.config(),
            Access::ReadWrite,
        )
        .expect("unlock vault")
    }
    pub fn unlock_read_only(&self) -> Vault {
        Vault::unlock(
            &self.vault(),
            &secret(PASSPHRASE),
            &self.config(),
            Access::ReadOnly,
        )
        .expect("unlock vault read-only")
    }
}

/// Stores a string record of kind "note".
pub fn put_text(
    vault: &mut Vault,
    id: RecordId,
    text: &str,
) -> Result<(), casevault::vault::VaultError> {
    vault.put_record(RecordWrite {
        id,
        kind: "note",
        value: &text.to_string(),
        summary: None,
        blobs: vec![],
    })
}

/// Every file under `root` (recursively), sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => stack.push(path),
                Ok(kind) if kind.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Every file under `root`, relative path → bytes.
pub fn snapshot_files(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    files_under(root)
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            Some((
                path.strip_prefix(root).expect("under root").to_path_buf(),
                bytes,
            ))
        })
        .collect()
}

/// Flips one bit of the byte at `offset`.
pub fn flip_byte(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).expect("read for flip");
    bytes[offset] ^= 0x01;
    std::fs::write(path, bytes).expect("write flipped");
}

/// Peak resident memory of this process, in bytes (Linux).
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM line");
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .expect("VmHWM value");
    kib * 1024
}
