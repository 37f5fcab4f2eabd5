//! `verify`: replays every journal from the first entry (MACs, chains, gaps), checks every
//! checkpoint against the journal, and checks every stored object's name and decryption, so the
//! report names exactly what is wrong and where.

use std::collections::BTreeMap;
use std::fs;
use std::io;

use super::checkpoint;
use super::crypto::decrypt_reader;
use super::ids::{ObjectId, RecordId};
use super::index::Index;
use super::journal;
use super::keys::VaultKey;
use super::layout::Layout;
use super::objects::{check_decrypts, hash_file};
use super::report::{Problem, Rejection, VerifyReport};
use super::storage::Storage;

pub fn verify(
    storage: &dyn Storage,
    layout: &Layout,
    key: &VaultKey,
    vault_id: uuid::Uuid,
    progress: &mut dyn FnMut(u64, u64),
) -> io::Result<VerifyReport> {
    let mut report = VerifyReport::default();
    let replay = journal::replay(storage, layout, key, vault_id, Index::default())?;
    report.entries_checked = replay.entries_read;
    report.problems.extend(replay.problems.iter().cloned());

    for (device, seq) in checkpoint::list(layout, &mut report.problems)? {
        match checkpoint::read(storage, layout, key, vault_id, &device, seq) {
            Ok(index) => {
                report.checkpoints_checked += 1;
                let consistent = index.heads.iter().all(|(dev, head)| {
                    replay.hashes.get(&(dev.clone(), head.seq)) == Some(&head.hash)
                });
                if !consistent {
                    report.problems.push(Problem::CheckpointRejected {
                        device,
                        seq,
                        reason: Rejection::Inconsistent,
                    });
                }
            }
            Err(reason) => report.problems.push(Problem::CheckpointRejected {
                device,
                seq,
                reason,
            }),
        }
    }

    // Objects the current records use, with the records using each.
    let mut current: BTreeMap<ObjectId, Vec<RecordId>> = BTreeMap::new();
    for (id, entry) in replay.index.live() {
        for object in std::iter::once(&entry.object).chain(&entry.blobs) {
            current.entry(object.clone()).or_default().push(*id);
        }
    }

    let files = object_files(layout, &mut report.problems)?;
    let total = files.len() as u64;
    let mut seen = std::collections::BTreeSet::new();
    for (done, (path, object)) in files.into_iter().enumerate() {
        progress(done as u64, total);
        report.objects_checked += 1;
        let users = current.get(&object).cloned().unwrap_or_default();
        let mut file = match storage.open_read(&path) {
            Ok(file) => file,
            Err(_) => {
                report.problems.push(Problem::ObjectDamaged {
                    object,
                    records: users,
                });
                continue;
            }
        };
        let intact = match hash_file(&mut file) {
            Ok((digest, size)) => {
                report.bytes_checked += size;
                ObjectId::from_digest(digest) == object
            }
            Err(_) => false,
        };
        // Objects in use are also decrypted end to end (every chunk's tag checked).
        let sound =
            intact && (!current.contains_key(&object) || decrypts_fully(storage, &path, key));
        if !sound {
            report.problems.push(Problem::ObjectDamaged {
                object: object.clone(),
                records: users,
            });
        } else if !replay.referenced.contains(&object) {
            report.unreferenced_objects += 1;
        }
        seen.insert(object);
    }
    progress(total, total);
    for (object, records) in current {
        if !seen.contains(&object) {
            report
                .problems
                .push(Problem::ObjectMissing { object, records });
        }
    }
    Ok(report)
}

fn decrypts_fully(storage: &dyn Storage, path: &std::path::Path, key: &VaultKey) -> bool {
    let Ok(file) = storage.open_read(path) else {
        return false;
    };
    match decrypt_reader(key.identity(), io::BufReader::with_capacity(1 << 16, file)) {
        Ok(mut reader) => check_decrypts(&mut reader).is_ok(),
        Err(_) => false,
    }
}

/// Every file under objects/, with the object id its name claims; anything else is a stray.
fn object_files(
    layout: &Layout,
    problems: &mut Vec<Problem>,
) -> io::Result<Vec<(std::path::PathBuf, ObjectId)>> {
    let mut files = Vec::new();
    for prefix in journal::read_dir_if_present(&layout.objects_dir())? {
        let prefix = prefix?;
        let prefix_name = prefix.file_name().to_string_lossy().into_owned();
        if !prefix.path().is_dir() {
            problems.push(Problem::StrayFile {
                path: prefix.path(),
            });
            continue;
        }
        for item in fs::read_dir(prefix.path())? {
            let item = item?;
            let name = item.file_name().to_string_lossy().into_owned();
            let object = name
                .strip_suffix(".age")
                .and_then(ObjectId::parse)
                .filter(|id| id.as_str().starts_with(&prefix_name));
            match object {
                Some(object) => files.push((item.path(), object)),
                None => problems.push(Problem::StrayFile { path: item.path() }),
            }
        }
    }
    files.sort();
    Ok(files)
}
