//! Plaintext never touches the disk: records, summaries and blobs carrying a unique marker are
//! saved, read, verified and locked; then the vault folder, the temp directory and the local state
//! and config folders are searched for the marker (in every script it was written in).

mod common;

use std::io::Read;
use std::path::Path;

use casevault::vault::{RecordId, RecordWrite};
use common::TestDir;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Paths of files under `root` whose bytes contain any of `needles`.
fn files_containing(root: &Path, needles: &[Vec<u8>]) -> Vec<String> {
    common::files_under(root)
        .into_iter()
        .filter(|path| {
            // One file at a time: the temp directory may hold large unrelated files.
            std::fs::read(path).is_ok_and(|bytes| needles.iter().any(|n| contains(&bytes, n)))
        })
        .map(|path| path.display().to_string())
        .collect()
}

#[test]
fn a_canary_written_to_the_vault_appears_nowhere_in_clear() {
    let marker = format!("CANARY{}", hex::encode(rand::random::<[u8; 8]>()));
    let names = [
        format!("Қанат {marker}"),
        format!("金丝雀{marker}"),
        format!("كانات {marker}"),
    ];
    let needles: Vec<Vec<u8>> = std::iter::once(marker.clone())
        .chain(names.iter().cloned())
        .map(String::into_bytes)
        .collect();

    let test = TestDir::new();
    let mut vault = test.create();
    let scan = format!("%PDF-1.4 scan of a birth certificate for {}", names[0]).repeat(5000);
    let blob = vault.put_blob(&mut scan.as_bytes()).expect("blob");
    for name in &names {
        vault
            .put_record(RecordWrite {
                id: RecordId::new_random(),
                kind: "case",
                value: name,
                summary: Some(name.clone()),
                blobs: vec![blob.object.clone()],
            })
            .expect("put");
    }
    vault
        .checkpoint()
        .expect("checkpoint holds the summaries too");
    let mut back = String::new();
    vault
        .open_blob(&blob.object)
        .expect("open")
        .read_to_string(&mut back)
        .expect("read");
    assert!(
        back.contains(&marker),
        "the marker really is in what was stored"
    );
    assert!(vault.verify(&mut |_, _| {}).expect("verify").is_intact());
    vault.lock();
    let vault = test.unlock();
    assert_eq!(vault.records().count(), 3);
    vault.lock();

    let mut hits = files_containing(test.dir.path(), &needles);
    hits.extend(files_containing(&std::env::temp_dir(), &needles));
    if let Some(dirs) = casevault::vault::project_dirs() {
        hits.extend(files_containing(dirs.config_dir(), &needles));
        hits.extend(files_containing(dirs.data_local_dir(), &needles));
    }
    assert!(hits.is_empty(), "plaintext found in: {hits:?}");
}
