//! Checkpoints: the merged record map (with list summaries) at known journal heads, so that
//! unlock decrypts one file plus the entries written since, not the whole history.

use std::borrow::Cow;
use std::path::PathBuf;

use super::crypto::encrypt_stream;
use super::format::{self, Checkpoint};
use super::ids::DeviceId;
use super::index::Index;
use super::journal::{list_devices, list_seqs, read_signed_ron};
use super::keys::VaultKey;
use super::layout::Layout;
use super::report::{Problem, Rejection};
use super::storage::{AtomicWriteError, Storage, write_atomic};

/// Checkpoints kept per device; older ones are deleted once a newer one is durable.
const KEEP: usize = 2;

/// Reads and authenticates one checkpoint.
pub fn read(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    vault_id: uuid::Uuid,
    device: &DeviceId,
    seq: u64,
) -> Result<Index, Rejection> {
    let (checkpoint, _): (Checkpoint<'static>, _) =
        read_signed_ron(storage, &layout.checkpoint(device, seq), key)?;
    if checkpoint.format != format::FORMAT_VERSION {
        return Err(Rejection::Malformed);
    }
    if checkpoint.vault_id != vault_id || checkpoint.device != *device {
        return Err(Rejection::Misplaced);
    }
    Ok(Index {
        records: checkpoint.records.into_owned(),
        heads: checkpoint.heads.into_owned(),
    })
}

/// Every checkpoint present, newest first within each device.
pub fn list(layout: &Layout, problems: &mut Vec<Problem>) -> std::io::Result<Vec<(DeviceId, u64)>> {
    let mut all = Vec::new();
    for device in list_devices(&layout.checkpoints_dir(), problems)? {
        let seqs = list_seqs(&layout.device_checkpoints(&device), problems)?;
        all.extend(seqs.into_iter().rev().map(|seq| (device.clone(), seq)));
    }
    Ok(all)
}

/// The authentic checkpoint covering the most entries, or an empty index if there is none.
/// Rejected checkpoints are reported (the journal still has everything they summarise).
pub fn load_best(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    vault_id: uuid::Uuid,
    problems: &mut Vec<Problem>,
) -> std::io::Result<Index> {
    let mut best: Option<Index> = None;
    let mut tried_per_device = std::collections::BTreeMap::<DeviceId, bool>::new();
    for (device, seq) in list(layout, problems)? {
        // Only the newest readable checkpoint of each device is a candidate.
        if tried_per_device.get(&device) == Some(&true) {
            continue;
        }
        match read(storage, layout, key, vault_id, &device, seq) {
            Ok(index) => {
                tried_per_device.insert(device, true);
                let covered = |i: &Index| i.heads.values().map(|h| h.seq).sum::<u64>();
                if best.as_ref().is_none_or(|b| covered(&index) > covered(b)) {
                    best = Some(index);
                }
            }
            Err(reason) => problems.push(Problem::CheckpointRejected {
                device,
                seq,
                reason,
            }),
        }
    }
    Ok(best.unwrap_or_default())
}

/// Writes a checkpoint of `index` as the next one of `device`, then prunes old ones.
pub fn write(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    vault_id: uuid::Uuid,
    device: &DeviceId,
    index: &Index,
    time_ms: u64,
) -> Result<PathBuf, AtomicWriteError> {
    let mut ignored = Vec::new();
    let existing =
        list_seqs(&layout.device_checkpoints(device), &mut ignored).map_err(|error| {
            AtomicWriteError {
                error,
                placed: false,
            }
        })?;
    let seq = existing.last().map_or(1, |last| last + 1);
    let body = format::to_ron(&Checkpoint {
        format: format::FORMAT_VERSION,
        vault_id,
        device: device.clone(),
        time_ms,
        heads: Cow::Borrowed(&index.heads),
        records: Cow::Borrowed(&index.records),
    });
    let signed = format::sign(key, &body);
    let target = layout.checkpoint(device, seq);
    let path = write_atomic(storage, &layout.tmp_dir(), |file| {
        encrypt_stream(key.recipient(), &mut signed.as_bytes(), file)?;
        Ok(target)
    })?;
    for old in existing.iter().rev().skip(KEEP - 1) {
        // Best effort: an old checkpoint left behind is harmless and removed next time.
        storage.remove_file(&layout.checkpoint(device, *old)).ok();
    }
    Ok(path)
}
