//! The encrypted vault (DESIGN.md §2, format version 1): create, unlock, lock, records, blobs,
//! journal, checkpoints, verify. No UI here; every operation returns a `VaultError` a user can act on.
//!
//! ```text
//! <vault>/vault.ron                       public header (format, vault id, recipient, MAC)
//! <vault>/keys/<member>.age               the vault identity, age-scrypt encrypted per member
//! <vault>/objects/ab/<sha256>.age         immutable records and blobs, named by ciphertext hash
//! <vault>/journal/<device>/<seq>.age      authenticated, hash-chained change batches
//! <vault>/checkpoints/<device>/<n>.age    merged record map + list summaries
//! <vault>/.tmp/                           temp files (ciphertext only), emptied at open
//! ```

mod backup;
mod blobs;
mod checkpoint;
mod crypto;
pub use crypto::read_full;
mod error;
mod format;
#[doc(hidden)]
pub mod fuzzing;
mod ids;
mod index;
mod journal;
mod keys;
mod layout;
mod objects;
pub mod passphrase;
mod report;
mod state;
mod storage;
mod verify;

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use age::secrecy::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The secrecy types of passphrases (re-exported from age).
pub use age::secrecy as age_secret;
pub use backup::{BackupReport, BackupSource};
pub use blobs::BlobStore;
pub use error::VaultError;
pub use format::{FORMAT_VERSION, RecordRef};
pub use ids::{DeviceId, ObjectId, RecordId};
pub use keys::{KDF_LOG_N, MAX_KDF_LOG_N};
pub use objects::BlobReader;
pub use report::{Problem, Rejection, VerifyReport};
pub use state::{default_state_dir, project_dirs};
pub use storage::{FaultyHandle, FaultyStorage, OsStorage, Storage};

use format::{FormatProbe, JournalEntry, Op, VaultHeader};
use index::Index;
use keys::VaultKey;
use layout::Layout;
use objects::ObjectFault;
use storage::{AtomicWriteError, ensure_dir, write_atomic};

/// Own journal entries after which a checkpoint is written (keeps unlock fast).
const CHECKPOINT_EVERY: u64 = 64;

/// How a vault is stored and where this laptop keeps its local state.
#[derive(Clone)]
pub struct VaultConfig {
    pub storage: Arc<dyn Storage>,
    /// Local, never-synced state (this device's id per vault).
    pub state_dir: PathBuf,
    /// scrypt work factor for new key files. Always `KDF_LOG_N` in the app; tests may lower it.
    pub kdf_log_n: u8,
}

impl Default for VaultConfig {
    fn default() -> Self {
        Self {
            storage: Arc::new(OsStorage),
            state_dir: default_state_dir(),
            kdf_log_n: KDF_LOG_N,
        }
    }
}

impl std::fmt::Debug for VaultConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultConfig")
            .field("state_dir", &self.state_dir)
            .field("kdf_log_n", &self.kdf_log_n)
            .finish_non_exhaustive()
    }
}

/// Whether an unlocked vault may be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Takes the single-writer lock; fails with `InUse` if another process holds it.
    ReadWrite,
    /// No lock, no changes, no clean-up: for `verify` and inspection next to an open window.
    ReadOnly,
}

/// A record to store: its id, kind, value, list summary and the blobs it refers to.
pub struct RecordWrite<'a, T: Serialize> {
    pub id: RecordId,
    pub kind: &'a str,
    pub value: &'a T,
    pub summary: Option<String>,
    pub blobs: Vec<ObjectId>,
}

/// A blob stored by `put_blob`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub object: ObjectId,
    /// SHA-256 of the original bytes (hex): what goes into the document and the custody log.
    pub sha256: String,
    pub size: u64,
}

/// A vault whose key has been derived but whose records are not loaded yet (see `unlock_key`).
pub struct UnlockedKey {
    layout: Layout,
    header: VaultHeader,
    key: VaultKey,
    lock: Option<File>,
}

/// What only the writing process holds.
struct Writer {
    /// The OS lock; released when dropped.
    _lock: File,
    device: DeviceId,
    next_seq: u64,
    prev: Option<[u8; 32]>,
    last_time_ms: u64,
    since_checkpoint: u64,
}

/// An unlocked vault. Dropping it (or `lock`) forgets the key: the identity is zeroized.
pub struct Vault {
    layout: Layout,
    config: VaultConfig,
    header: VaultHeader,
    /// Shared with `BlobStore` handles.
    key: Arc<VaultKey>,
    index: Index,
    writer: Option<Writer>,
    /// Problems found while opening (rejected entries or checkpoints, stray files).
    warnings: Vec<Problem>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("vault_id", &self.header.vault_id)
            .field("records", &self.index.records.len())
            .finish_non_exhaustive()
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Maps a failed atomic write to the user-facing error: the input's fault, or the vault disk's.
fn write_error(err: AtomicWriteError, path: &Path) -> VaultError {
    match crypto::SourceReadError::kind_of(&err.error) {
        Some(kind) => VaultError::SourceUnreadable { kind },
        None => VaultError::from_write(err.error, path),
    }
}

impl Vault {
    /// Creates a new vault in `dir` (which must not exist, or be empty) and returns it unlocked.
    /// The passphrase must already have passed `passphrase::check_new`.
    pub fn create(
        dir: &Path,
        passphrase: &SecretString,
        config: &VaultConfig,
    ) -> Result<Self, VaultError> {
        if let Ok(mut entries) = fs::read_dir(dir)
            && entries.next().is_some()
        {
            return Err(VaultError::FolderNotEmpty(dir.to_path_buf()));
        }
        let existed = dir.exists();
        let layout = Layout::new(dir);
        ensure_dir(config.storage.as_ref(), dir).map_err(|err| VaultError::from_write(err, dir))?;
        let lock = take_lock(&layout)?;
        match write_new_vault(&layout, passphrase, config) {
            Ok((header, key)) => Self::open_with_key(layout, config, header, key, Some(lock)),
            Err(err) => {
                drop(lock);
                remove_unfinished_vault(&layout, existed);
                Err(err)
            }
        }
    }

    /// Unlocks an existing vault with a member's passphrase (takes ~KDF time: run it off the UI
    /// thread). The same as `unlock_key` followed by `open`.
    pub fn unlock(
        dir: &Path,
        passphrase: &SecretString,
        config: &VaultConfig,
        access: Access,
    ) -> Result<Self, VaultError> {
        Self::open(Self::unlock_key(dir, passphrase, config, access)?, config)
    }

    /// First half of `unlock`: checks the header, takes the lock, and derives the key from the
    /// passphrase (the slow, memory-hard step). Lets a UI show the two phases apart.
    pub fn unlock_key(
        dir: &Path,
        passphrase: &SecretString,
        config: &VaultConfig,
        access: Access,
    ) -> Result<UnlockedKey, VaultError> {
        let layout = Layout::new(dir);
        let header = read_header(&layout)?;
        // Take the lock before the slow KDF, so a second window fails at once.
        let lock = match access {
            Access::ReadWrite => Some(take_lock(&layout)?),
            Access::ReadOnly => None,
        };
        let (_, key) = open_member_key(&layout, config.storage.as_ref(), passphrase)?;
        let expected_mac = key.mac(header.mac_input().as_bytes());
        if header.recipient != key.recipient().to_string()
            || header.mac != hex::encode(expected_mac)
        {
            return Err(VaultError::DamagedHeader(layout.header()));
        }
        Ok(UnlockedKey {
            layout,
            header,
            key,
            lock,
        })
    }

    /// Second half of `unlock`: loads the latest checkpoint and replays the journal since.
    pub fn open(unlocked: UnlockedKey, config: &VaultConfig) -> Result<Self, VaultError> {
        let UnlockedKey {
            layout,
            header,
            key,
            lock,
        } = unlocked;
        Self::open_with_key(layout, config, header, key, lock)
    }

    fn open_with_key(
        layout: Layout,
        config: &VaultConfig,
        header: VaultHeader,
        key: VaultKey,
        lock: Option<File>,
    ) -> Result<Self, VaultError> {
        let storage = config.storage.as_ref();
        if lock.is_some() {
            clean_leftovers(&layout);
        }
        let read_err = |err: std::io::Error| VaultError::from_read(err, layout.root());
        let mut warnings = Vec::new();
        let start = checkpoint::load_best(storage, &layout, &key, header.vault_id, &mut warnings)
            .map_err(read_err)?;
        let replay =
            journal::replay(storage, &layout, &key, header.vault_id, start).map_err(read_err)?;
        warnings.extend(replay.problems);
        let writer = match lock {
            None => None,
            Some(lock) => {
                let device = state::device_id(&config.state_dir, header.vault_id)
                    .map_err(|err| VaultError::from_write(err, &config.state_dir))?;
                let head = journal::head_of(&replay.index, &device);
                let highest = replay.highest_seq.get(&device).copied().unwrap_or(0);
                Some(Writer {
                    _lock: lock,
                    next_seq: highest.max(head.map_or(0, |h| h.seq)) + 1,
                    prev: head.map(|h| h.hash),
                    last_time_ms: 0,
                    since_checkpoint: replay.entries_read,
                    device,
                })
            }
        };
        let mut vault = Self {
            layout,
            config: config.clone(),
            header,
            key: Arc::new(key),
            index: replay.index,
            writer,
            warnings,
        };
        if vault
            .writer
            .as_ref()
            .is_some_and(|w| w.since_checkpoint >= CHECKPOINT_EVERY)
        {
            // Many entries since the last checkpoint: write one now so the next unlock is fast.
            // A failure here loses nothing (the journal has it all) and is retried after a save.
            vault.checkpoint().ok();
        }
        Ok(vault)
    }

    /// Locks the vault: the key and every decrypted summary are dropped and zeroized.
    pub fn lock(self) {
        drop(self);
    }

    /// The vault's id (public, from vault.ron).
    pub fn vault_id(&self) -> uuid::Uuid {
        self.header.vault_id
    }

    /// The folder this vault lives in.
    pub fn path(&self) -> &Path {
        self.layout.root()
    }

    /// The vault's public key (`age1…`).
    pub fn recipient(&self) -> String {
        self.key.recipient().to_string()
    }

    /// Problems found while unlocking; show them, they do not stop work.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// This laptop's device id, when opened for writing.
    pub fn device(&self) -> Option<&DeviceId> {
        self.writer.as_ref().map(|w| &w.device)
    }

    /// The live records in id order, with kind and summary; no decryption needed.
    pub fn records(&self) -> impl Iterator<Item = (&RecordId, &RecordRef)> {
        self.index.live()
    }

    /// The current version of one record, if it exists.
    pub fn record_ref(&self, id: &RecordId) -> Option<&RecordRef> {
        self.index.get(id)
    }

    /// Decrypts and parses a record.
    pub fn get_record<T: DeserializeOwned>(&self, id: &RecordId) -> Result<T, VaultError> {
        let entry = self
            .index
            .get(id)
            .ok_or_else(|| VaultError::NoSuchRecord(id.to_string()))?;
        let plain = objects::read_object(self.storage(), &self.layout, &self.key, &entry.object)
            .map_err(|fault| self.object_error(fault, &entry.object))?;
        let text = std::str::from_utf8(&plain)
            .map_err(|_| VaultError::UnreadableRecord(id.to_string()))?;
        ron::from_str(text).map_err(|_| VaultError::UnreadableRecord(id.to_string()))
    }

    /// Stores one record; returns once it is durable ("Saved").
    pub fn put_record<T: Serialize>(
        &mut self,
        write: RecordWrite<'_, T>,
    ) -> Result<(), VaultError> {
        self.put_records(std::iter::once(write))
    }

    /// Stores several records in one journal entry: after a crash, all or none of them are there.
    pub fn put_records<'a, T: Serialize + 'a>(
        &mut self,
        writes: impl IntoIterator<Item = RecordWrite<'a, T>>,
    ) -> Result<(), VaultError> {
        self.writer()?;
        let mut ops = Vec::new();
        for write in writes {
            let text = zeroize::Zeroizing::new(format::to_ron(write.value));
            let (object, digests) = objects::write_object(
                self.storage(),
                &self.layout,
                &self.key,
                &mut text.as_bytes(),
            )
            .map_err(|e| write_error(e, self.layout.root()))?;
            ops.push(Op::Put {
                record: write.id,
                entry: RecordRef {
                    kind: write.kind.to_string(),
                    object,
                    size: digests.plain_size,
                    summary: write.summary,
                    blobs: write.blobs,
                },
            });
        }
        self.commit(ops)
    }

    /// Deletes a record (its old versions stay until garbage collection).
    pub fn delete_record(&mut self, id: &RecordId) -> Result<(), VaultError> {
        self.commit(vec![Op::Delete { record: *id }])
    }

    /// Streams a blob (a scan) into the vault; memory use does not depend on its size.
    /// The blob is durable when this returns; a record must then refer to it.
    pub fn put_blob(&mut self, input: &mut dyn Read) -> Result<StoredBlob, VaultError> {
        self.blob_store().put(input)
    }

    /// Opens a blob for streaming decryption (into memory only, never to disk).
    pub fn open_blob(&self, object: &ObjectId) -> Result<BlobReader, VaultError> {
        self.blob_store().open(object)
    }

    /// A handle to back the vault up from another thread while it stays open (see `backup`).
    pub fn backup_source(&self) -> BackupSource {
        BackupSource {
            storage: self.config.storage.clone(),
            layout: self.layout.clone(),
            key: self.key.clone(),
            vault_id: self.header.vault_id,
        }
    }

    /// A handle to store and read blobs from other threads (see `BlobStore`).
    pub fn blob_store(&self) -> BlobStore {
        BlobStore {
            storage: self.config.storage.clone(),
            layout: self.layout.clone(),
            key: self.key.clone(),
            writable: self.writer.is_some(),
        }
    }

    /// Writes a checkpoint now (also done automatically every `CHECKPOINT_EVERY` saves).
    pub fn checkpoint(&mut self) -> Result<(), VaultError> {
        let device = self.writer()?.device.clone();
        if self.index.heads.is_empty() {
            return Ok(());
        }
        checkpoint::write(
            self.storage(),
            &self.layout,
            &self.key,
            self.header.vault_id,
            &device,
            &self.index,
            now_ms(),
        )
        .map_err(|e| write_error(e, self.layout.root()))?;
        if let Some(writer) = self.writer.as_mut() {
            writer.since_checkpoint = 0;
        }
        Ok(())
    }

    /// Checks everything: every entry's MAC and chain, every checkpoint, every object's name and
    /// decryption, and that every referenced object exists. `progress(done, total)` is called as
    /// objects are checked.
    pub fn verify(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<VerifyReport, VaultError> {
        verify::verify(
            self.storage(),
            &self.layout,
            &self.key,
            self.header.vault_id,
            progress,
        )
        .map_err(|err| VaultError::from_read(err, self.layout.root()))
    }

    /// Changes the passphrase of the member whose key file opens with `old`. Crash-safe: the new
    /// key file is written beside the old one, checked, then renamed over it.
    pub fn change_passphrase(
        &mut self,
        old: &SecretString,
        new: &SecretString,
    ) -> Result<(), VaultError> {
        self.writer()?;
        let storage = self.storage();
        let layout = &self.layout;
        let (member, _) = open_member_key(layout, storage, old)?;
        let new_bytes = self.key.wrap(new, self.config.kdf_log_n)?;
        let staged = layout.new_key_file(&member);
        storage.remove_file(&staged).ok();
        write_atomic(storage, &layout.tmp_dir(), |file| {
            file.write_all(&new_bytes)?;
            Ok(staged.clone())
        })
        .map_err(|e| write_error(e, layout.root()))?;
        let reread = storage::read_all(storage, &staged)
            .map_err(|err| VaultError::from_read(err, &staged))?;
        let check = VaultKey::unwrap(&reread, new, &staged)?;
        if check.recipient().to_string() != self.key.recipient().to_string() {
            storage.remove_file(&staged).ok();
            return Err(VaultError::Encryption);
        }
        let final_path = layout.key_file(&member);
        storage
            .rename_replace(&staged, &final_path)
            .map_err(|err| VaultError::from_write(err, &final_path))?;
        // The new key file is in place: from here on only the new passphrase opens the vault.
        storage
            .sync_dir(&layout.keys_dir())
            .map_err(|_| VaultError::PassphraseChangeUnconfirmed)
    }

    fn storage(&self) -> &dyn Storage {
        self.config.storage.as_ref()
    }

    fn writer(&self) -> Result<&Writer, VaultError> {
        self.writer.as_ref().ok_or(VaultError::ReadOnly)
    }

    fn object_error(&self, fault: ObjectFault, object: &ObjectId) -> VaultError {
        blobs::object_error(&self.layout, fault, object)
    }

    /// Appends one journal entry with `ops`; the changes count as saved only when this returns Ok.
    fn commit(&mut self, ops: Vec<Op>) -> Result<(), VaultError> {
        let writer = self.writer.as_mut().ok_or(VaultError::ReadOnly)?;
        let storage = self.config.storage.as_ref();
        let time_ms = now_ms().max(writer.last_time_ms + 1);
        let entry = JournalEntry {
            format: FORMAT_VERSION,
            vault_id: self.header.vault_id,
            device: writer.device.clone(),
            seq: writer.next_seq,
            time_ms,
            prev: writer.prev.map(hex::encode),
            ops,
        };
        let signed = zeroize::Zeroizing::new(format::sign(&self.key, &format::to_ron(&entry)));
        let target = self.layout.journal_entry(&writer.device, entry.seq);
        let result = write_atomic(storage, &self.layout.tmp_dir(), |file| {
            crypto::encrypt_stream(self.key.recipient(), &mut signed.as_bytes(), file)?;
            Ok(target.clone())
        });
        let placed = match &result {
            Ok(_) => true,
            Err(err) => err.placed,
        };
        if placed {
            // The entry is in place (maybe not yet durable): the chain continues after it.
            let hash = format::chain_hash(&signed);
            writer.next_seq += 1;
            writer.prev = Some(hash);
            writer.last_time_ms = time_ms;
            writer.since_checkpoint += 1;
            self.index.apply(&entry, hash);
        }
        result.map_err(|e| write_error(e, &target))?;
        if writer.since_checkpoint >= CHECKPOINT_EVERY {
            // The save is durable already; a failed checkpoint is retried after the next save.
            self.checkpoint().ok();
        }
        Ok(())
    }
}

impl BlobStore {
    /// Decrypts an age file encrypted to this vault's public key (a colleague's hand-off) as a
    /// stream, in memory; the vault's identity itself never leaves this module.
    pub fn decrypt_handoff<R: Read>(
        &self,
        file: age::Decryptor<R>,
    ) -> Result<age::stream::StreamReader<R>, age::DecryptError> {
        file.decrypt(std::iter::once(self.key.identity() as &dyn age::Identity))
    }
}

/// Writes the folders, the first member's key file and, last, `vault.ron` of a new vault.
fn write_new_vault(
    layout: &Layout,
    passphrase: &SecretString,
    config: &VaultConfig,
) -> Result<(VaultHeader, VaultKey), VaultError> {
    let storage = config.storage.as_ref();
    let dir = layout.root();
    for sub in layout.folders() {
        ensure_dir(storage, &sub).map_err(|err| VaultError::from_write(err, dir))?;
    }
    let key = VaultKey::generate();
    let member = storage::random_hex(8);
    let key_file = key.wrap(passphrase, config.kdf_log_n)?;
    let key_path = layout.key_file(&member);
    write_atomic(storage, &layout.tmp_dir(), |file| {
        file.write_all(&key_file)?;
        Ok(key_path.clone())
    })
    .map_err(|e| write_error(e, dir))?;

    let mut header = VaultHeader {
        format: FORMAT_VERSION,
        vault_id: uuid::Uuid::new_v4(),
        created: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
        kdf_log_n: config.kdf_log_n,
        recipient: key.recipient().to_string(),
        mac: String::new(),
    };
    header.mac = hex::encode(key.mac(header.mac_input().as_bytes()));
    let header_text = ron::ser::to_string_pretty(&header, ron::ser::PrettyConfig::default())
        .map_err(|_| VaultError::Encryption)?;
    // vault.ron is written last: a folder without it was never a finished vault.
    write_atomic(storage, &layout.tmp_dir(), |file| {
        file.write_all(header_text.as_bytes())?;
        file.write_all(b"\n")?;
        Ok(layout.header())
    })
    .map_err(|e| write_error(e, dir))?;
    Ok((header, key))
}

/// Removes what a failed `create` wrote (folders, a key file: no vault.ron, so never a vault),
/// so that the user can simply try again. A folder that existed before is kept.
fn remove_unfinished_vault(layout: &Layout, existed: bool) {
    if !existed {
        fs::remove_dir_all(layout.root()).ok();
        return;
    }
    for sub in layout.folders() {
        fs::remove_dir_all(sub).ok();
    }
    fs::remove_file(layout.lock_file()).ok();
}

/// Reads and checks `vault.ron`.
fn read_header(layout: &Layout) -> Result<VaultHeader, VaultError> {
    let path = layout.header();
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(VaultError::NotAVault(layout.root().to_path_buf()));
        }
        Err(err) if err.kind() == std::io::ErrorKind::InvalidData => {
            return Err(VaultError::DamagedHeader(path));
        }
        Err(err) => return Err(VaultError::from_read(err, &path)),
    };
    parse_header(&text, &path)
}

/// Parses the text of `vault.ron` (`path` only names it in errors).
fn parse_header(text: &str, path: &Path) -> Result<VaultHeader, VaultError> {
    let damaged = || VaultError::DamagedHeader(path.to_path_buf());
    let probe: FormatProbe = ron::from_str(text).map_err(|_| damaged())?;
    if probe.format > FORMAT_VERSION {
        return Err(VaultError::NewerFormat {
            found: probe.format,
            supported: FORMAT_VERSION,
        });
    }
    let header: VaultHeader = ron::from_str(text).map_err(|_| damaged())?;
    if header.format != FORMAT_VERSION {
        return Err(damaged());
    }
    Ok(header)
}

/// Takes the single-writer lock.
fn take_lock(layout: &Layout) -> Result<File, VaultError> {
    let path = layout.lock_file();
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|err| VaultError::from_write(err, &path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(VaultError::InUse),
        Err(fs::TryLockError::Error(err)) => Err(VaultError::from_write(err, &path)),
    }
}

/// Deletes what an interrupted write left behind: temp files (ciphertext only) and staged key
/// files of a passphrase change that never reached its rename (the old key file is still valid).
fn clean_leftovers(layout: &Layout) {
    if let Ok(entries) = fs::read_dir(layout.tmp_dir()) {
        for entry in entries.flatten() {
            fs::remove_file(entry.path()).ok();
        }
    }
    if let Ok(entries) = fs::read_dir(layout.keys_dir()) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().ends_with(layout::NEW_KEY_SUFFIX) {
                fs::remove_file(entry.path()).ok();
            }
        }
    }
}

/// Member key files, sorted by name.
fn key_files(layout: &Layout) -> Vec<(String, PathBuf)> {
    let mut members: Vec<(String, PathBuf)> = fs::read_dir(layout.keys_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let member = name.strip_suffix(".age")?.to_string();
            Some((member, entry.path()))
        })
        .collect();
    members.sort();
    members
}

/// The member whose key file the passphrase opens, and the key.
fn open_member_key(
    layout: &Layout,
    storage: &dyn Storage,
    passphrase: &SecretString,
) -> Result<(String, VaultKey), VaultError> {
    let members = key_files(layout);
    if members.is_empty() {
        return Err(VaultError::NoKeyFile);
    }
    let mut first_error = None;
    for (member, path) in members {
        let bytes =
            storage::read_all(storage, &path).map_err(|err| VaultError::from_read(err, &path))?;
        match VaultKey::unwrap(&bytes, passphrase, &path) {
            Ok(key) => return Ok((member, key)),
            Err(err) => {
                // A wrong passphrase for one member says more than a damaged file of another.
                if first_error.is_none() || matches!(err, VaultError::WrongPassphrase) {
                    first_error = Some(err);
                }
            }
        }
    }
    Err(first_error.unwrap_or(VaultError::WrongPassphrase))
}
