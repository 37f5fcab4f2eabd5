//! Records and blobs survive a round trip through the vault at the sizes where streaming
//! encryption changes behaviour (0, 1, 64 KiB ± 1, many chunks), and across lock and unlock.

mod common;

use std::io::Read;

use casevault::vault::{RecordId, RecordWrite, VaultError};
use common::{TestDir, put_text};
use sha2::{Digest, Sha256};

const SIZES: [usize; 6] = [0, 1, 65535, 65536, 65537, 5 * 65536 + 123];

fn pattern(size: usize, seed: u8) -> Vec<u8> {
    (0..size)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

#[test]
fn records_and_blobs_round_trip_at_chunk_boundaries_and_after_reopening() {
    let test = TestDir::new();
    let mut vault = test.create();
    let mut stored = Vec::new();
    for (n, size) in SIZES.into_iter().enumerate() {
        let record_id = RecordId::new_random();
        let text: String = "ә".repeat(size / 2) + &"x".repeat(size % 2);
        put_text(&mut vault, record_id, &text).expect("put record");
        let data = pattern(size, n as u8);
        let blob = vault.put_blob(&mut data.as_slice()).expect("put blob");
        assert_eq!(blob.size, size as u64);
        assert_eq!(
            blob.sha256,
            hex::encode(Sha256::digest(&data)),
            "hash of the original bytes"
        );
        stored.push((record_id, text, blob, data));
    }
    let check = |vault: &casevault::vault::Vault| {
        for (record_id, text, blob, data) in &stored {
            let back: String = vault.get_record(record_id).expect("get record");
            assert_eq!(&back, text);
            let mut out = Vec::new();
            vault
                .open_blob(&blob.object)
                .expect("open blob")
                .read_to_end(&mut out)
                .expect("read blob");
            assert_eq!(&out, data, "blob of {} bytes", data.len());
        }
    };
    check(&vault);
    vault.lock();
    let vault = test.unlock();
    check(&vault);
    assert!(vault.warnings().is_empty(), "{:?}", vault.warnings());
    let report = vault.verify(&mut |_, _| {}).expect("verify");
    assert!(report.is_intact(), "{report}");
}

#[test]
fn updates_and_deletes_are_replayed_and_survive_checkpoints() {
    let test = TestDir::new();
    let mut vault = test.create();
    let ids: Vec<RecordId> = (0..150).map(|_| RecordId::new_random()).collect();
    for (n, id) in ids.iter().enumerate() {
        put_text(&mut vault, *id, &format!("version 1 of {n}")).expect("put");
    }
    for id in &ids[..20] {
        vault.delete_record(id).expect("delete");
    }
    for (n, id) in ids[20..40].iter().enumerate() {
        put_text(&mut vault, *id, &format!("version 2 of {}", n + 20)).expect("update");
    }
    // 190 entries: checkpoints were written along the way (every 64), and replayed after.
    vault.lock();
    let checkpoints = common::files_under(&test.vault().join("checkpoints"));
    assert!(
        !checkpoints.is_empty() && checkpoints.len() <= 2,
        "{checkpoints:?}"
    );
    let vault = test.unlock();
    assert_eq!(vault.records().count(), 130);
    for id in &ids[..20] {
        assert!(matches!(
            vault.get_record::<String>(id),
            Err(VaultError::NoSuchRecord(_))
        ));
    }
    for (n, id) in ids.iter().enumerate().skip(20) {
        let expected = if n < 40 {
            format!("version 2 of {n}")
        } else {
            format!("version 1 of {n}")
        };
        assert_eq!(vault.get_record::<String>(id).expect("get"), expected);
    }
    let report = vault.verify(&mut |_, _| {}).expect("verify");
    assert!(report.is_intact(), "{report}");
    assert_eq!(report.entries_checked, 190);
}

#[test]
fn a_batch_is_one_journal_entry_and_summaries_are_listed_without_decrypting() {
    let test = TestDir::new();
    let mut vault = test.create();
    let ids = [RecordId::new_random(), RecordId::new_random()];
    let values = ["first".to_string(), "second".to_string()];
    vault
        .put_records(ids.iter().zip(&values).map(|(id, value)| RecordWrite {
            id: *id,
            kind: "case",
            value,
            summary: Some(format!("summary of {value}")),
            blobs: vec![],
        }))
        .expect("batch");
    vault.lock();
    let entries = common::files_under(&test.vault().join("journal"));
    assert_eq!(entries.len(), 1, "one entry for the batch");
    let vault = test.unlock();
    let mut summaries: Vec<_> = vault
        .records()
        .map(|(_, r)| r.summary.clone().expect("summary"))
        .collect();
    summaries.sort();
    assert_eq!(summaries, ["summary of first", "summary of second"]);
}

#[test]
fn a_second_writer_is_refused_but_a_reader_may_look() {
    let test = TestDir::new();
    let _vault = test.create();
    let second = test.try_unlock(casevault::vault::Access::ReadWrite);
    assert!(matches!(second, Err(VaultError::InUse)), "{second:?}");
    let reader = test.unlock_read_only();
    let mut reader = reader;
    assert!(matches!(
        put_text(&mut reader, RecordId::new_random(), "x"),
        Err(VaultError::ReadOnly)
    ));
}

#[test]
fn leftover_temp_files_are_removed_at_open() {
    let test = TestDir::new();
    test.create().lock();
    let stray = test.vault().join(".tmp").join("0123.tmp");
    std::fs::write(&stray, b"ciphertext left by a crash").expect("write");
    let _vault = test.unlock();
    assert!(!stray.exists());
}

#[test]
fn creating_in_a_folder_with_files_is_refused_and_opening_a_plain_folder_says_not_a_vault() {
    let test = TestDir::new();
    std::fs::create_dir_all(test.vault()).expect("mkdir");
    std::fs::write(test.vault().join("notes.txt"), b"x").expect("write");
    let created = casevault::vault::Vault::create(
        &test.vault(),
        &common::secret(common::PASSPHRASE),
        &test.config(),
    );
    assert!(
        matches!(created, Err(VaultError::FolderNotEmpty(_))),
        "{created:?}"
    );
    let opened = test.try_unlock(casevault::vault::Access::ReadOnly);
    assert!(
        matches!(opened, Err(VaultError::NotAVault(_))),
        "{opened:?}"
    );
}

#[test]
fn a_vault_from_a_newer_version_is_refused() {
    let test = TestDir::new();
    test.create().lock();
    let header = test.vault().join("vault.ron");
    let text = std::fs::read_to_string(&header).expect("read");
    std::fs::write(&header, text.replace("format: 1", "format: 2")).expect("write");
    let opened = test.try_unlock(casevault::vault::Access::ReadOnly);
    assert!(
        matches!(
            opened,
            Err(VaultError::NewerFormat {
                found: 2,
                supported: 1
            })
        ),
        "{opened:?}"
    );
}

#[test]
fn a_scan_that_cannot_be_read_to_the_end_is_reported_as_such_and_nothing_is_stored() {
    struct Vanishing {
        left: usize,
    }
    impl Read for Vanishing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
            }
            let n = buf.len().min(self.left);
            buf[..n].fill(1);
            self.left -= n;
            Ok(n)
        }
    }
    let test = TestDir::new();
    let mut vault = test.create();
    let before = common::files_under(&test.vault());
    let result = vault.put_blob(&mut Vanishing { left: 3 << 20 });
    assert!(
        matches!(
            result,
            Err(VaultError::SourceUnreadable {
                kind: std::io::ErrorKind::NotFound
            })
        ),
        "{result:?}"
    );
    assert_eq!(
        common::files_under(&test.vault()),
        before,
        "no object and no temp file left"
    );
}
