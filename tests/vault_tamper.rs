//! Tampering and damage: every altered, truncated, forged or wrong-place file is detected and
//! reported by name, the right passphrase is never confused with damage silently, and nothing is
//! ever "repaired" by dropping data or re-initialising the vault.

mod common;

use std::io::Write;

use casevault::vault::{Access, Problem, RecordId, Rejection, Vault, VaultError};
use common::{TestDir, flip_byte, put_text, secret};

fn unlock(test: &TestDir) -> Result<Vault, VaultError> {
    test.try_unlock(Access::ReadOnly)
}

/// A vault with a few records and one blob.
fn populated() -> (TestDir, Vec<RecordId>) {
    let test = TestDir::new();
    let mut vault = test.create();
    let ids: Vec<RecordId> = (0..3).map(|_| RecordId::new_random()).collect();
    for id in &ids {
        put_text(&mut vault, *id, "Мәди Серікұлы — 麦迪").expect("put");
    }
    vault.lock();
    (test, ids)
}

fn key_file(test: &TestDir) -> std::path::PathBuf {
    common::files_under(&test.vault().join("keys")).remove(0)
}

#[test]
fn twenty_wrong_passphrases_each_get_their_own_error_and_leave_the_key_file_untouched() {
    let test = TestDir::new();
    test.create().lock();
    let before = common::snapshot_files(&test.vault());
    for attempt in 0..20 {
        let result = Vault::unlock(
            &test.vault(),
            &secret(&format!("not the passphrase {attempt}")),
            &test.config(),
            Access::ReadWrite,
        );
        assert!(
            matches!(result, Err(VaultError::WrongPassphrase)),
            "{result:?}"
        );
    }
    let after = common::snapshot_files(&test.vault());
    assert_eq!(
        before.get(
            &key_file(&test)
                .strip_prefix(test.vault())
                .expect("in vault")
                .to_path_buf()
        ),
        after.get(
            &key_file(&test)
                .strip_prefix(test.vault())
                .expect("in vault")
                .to_path_buf()
        )
    );
    assert_eq!(before, after, "no file of the vault changed");
    assert!(unlock(&test).is_ok());
}

#[test]
fn every_flipped_or_truncated_object_is_reported_as_damaged_with_its_record() {
    let (test, ids) = populated();
    let vault = unlock(&test).expect("unlock");
    let object = vault.record_ref(&ids[1]).expect("record").object.clone();
    drop(vault);
    let path = common::files_under(&test.vault().join("objects"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains(object.as_str()))
        .expect("object file");
    let original = std::fs::read(&path).expect("read");
    let len = original.len();
    for offset in [0, 10, 40, len / 2, len - 17, len - 1] {
        flip_byte(&path, offset);
        let vault = unlock(&test).expect("a damaged object does not stop unlock");
        let got = vault.get_record::<String>(&ids[1]);
        assert!(
            matches!(&got, Err(VaultError::DamagedObject(name)) if *name == object.to_string()),
            "{got:?}"
        );
        assert!(
            vault.get_record::<String>(&ids[0]).is_ok(),
            "other records unaffected"
        );
        let report = vault.verify(&mut |_, _| {}).expect("verify");
        assert!(
            report.problems.contains(&Problem::ObjectDamaged {
                object: object.clone(),
                records: vec![ids[1]]
            }),
            "offset {offset}: {report}"
        );
        std::fs::write(&path, &original).expect("restore");
    }
    for cut in [0, 1, 30, len / 2, len - 1] {
        std::fs::write(&path, &original[..cut]).expect("truncate");
        let vault = unlock(&test).expect("unlock");
        assert!(matches!(
            vault.get_record::<String>(&ids[1]),
            Err(VaultError::DamagedObject(_))
        ));
        assert!(!vault.verify(&mut |_, _| {}).expect("verify").is_intact());
    }
    std::fs::remove_file(&path).expect("remove");
    let vault = unlock(&test).expect("unlock");
    assert!(matches!(
        vault.get_record::<String>(&ids[1]),
        Err(VaultError::MissingObject(_))
    ));
    let report = vault.verify(&mut |_, _| {}).expect("verify");
    assert!(
        report.problems.contains(&Problem::ObjectMissing {
            object,
            records: vec![ids[1]]
        }),
        "{report}"
    );
}

#[test]
fn flipped_and_truncated_journal_entries_are_rejected_and_named() {
    let (test, _) = populated();
    let entries = common::files_under(&test.vault().join("journal"));
    assert_eq!(entries.len(), 3);
    let target = &entries[1];
    let device = target
        .parent()
        .and_then(|p| p.file_name())
        .expect("device")
        .to_string_lossy()
        .into_owned();
    let original = std::fs::read(target).expect("read");
    let len = original.len();
    for offset in [0, 5, 60, len / 2, len - 1] {
        flip_byte(target, offset);
        let vault = unlock(&test).expect("a bad entry does not stop unlock");
        assert!(
            vault.warnings().iter().any(|w| matches!(w,
                Problem::EntryRejected { device: d, seq: 2, .. } if d.as_str() == device)),
            "offset {offset}: {:?}",
            vault.warnings()
        );
        let report = vault.verify(&mut |_, _| {}).expect("verify");
        assert!(!report.is_intact());
        assert!(
            report
                .to_string()
                .contains(&format!("Journal entry 2 of device {device}")),
            "{report}"
        );
        std::fs::write(target, &original).expect("restore");
    }
    std::fs::write(target, &original[..len / 2]).expect("truncate");
    let report = test.verify();
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, Problem::EntryRejected { seq: 2, .. })),
        "{report}"
    );
    // Removing an entry from the middle breaks the chain: reported as missing.
    std::fs::remove_file(target).expect("remove");
    let report = test.verify();
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, Problem::EntriesMissing { from: 2, to: 2, .. })),
        "{report}"
    );
}

#[test]
fn swapping_two_journal_entries_is_detected() {
    let (test, _) = populated();
    let entries = common::files_under(&test.vault().join("journal"));
    let (a, b) = (
        std::fs::read(&entries[0]).expect("a"),
        std::fs::read(&entries[1]).expect("b"),
    );
    std::fs::write(&entries[0], &b).expect("swap");
    std::fs::write(&entries[1], &a).expect("swap");
    let report = test.verify();
    assert!(
        report.problems.iter().any(|p| matches!(
            p,
            Problem::EntryRejected {
                reason: Rejection::Misplaced,
                ..
            }
        )),
        "{report}"
    );
}

/// Encrypts `plain` to the vault's public key, as anyone who can read vault.ron could.
fn outsider_age_file(test: &TestDir, plain: &[u8]) -> Vec<u8> {
    let header = std::fs::read_to_string(test.vault().join("vault.ron")).expect("header");
    let recipient_text = header
        .split('"')
        .find(|s| s.starts_with("age1"))
        .expect("recipient in vault.ron");
    let recipient: age::x25519::Recipient = recipient_text.parse().expect("recipient");
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .expect("encryptor");
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).expect("wrap");
    writer.write_all(plain).expect("write");
    writer.finish().expect("finish");
    out
}

#[test]
fn outsiders_files_encrypted_to_the_vault_key_are_rejected() {
    let (test, ids) = populated();
    let device_dir = common::files_under(&test.vault().join("journal"))[0]
        .parent()
        .expect("device dir")
        .to_path_buf();
    // A forged next journal entry: valid age, right place, but no MAC key → rejected.
    let forged_entry = format!(
        "casevault-signed-v1 {}\n(format:1,vault_id:\"00000000-0000-0000-0000-000000000000\",device:\"{}\",seq:4,time_ms:99999999999999,prev:None,ops:[Delete(record:\"{}\")])",
        "00".repeat(32),
        device_dir.file_name().expect("name").to_string_lossy(),
        ids[0]
    );
    std::fs::write(
        device_dir.join("000000000004.age"),
        outsider_age_file(&test, forged_entry.as_bytes()),
    )
    .expect("drop entry");
    // A forged object under a wrong name, and one under its own hash (never referenced, never read).
    let forged_object = outsider_age_file(&test, b"\"forged record\"");
    let objects = test.vault().join("objects");
    let wrong_name = objects.join("00").join(format!("{}.age", "0".repeat(64)));
    std::fs::create_dir_all(wrong_name.parent().expect("parent")).expect("mkdir");
    std::fs::write(&wrong_name, &forged_object).expect("drop object");
    let own_hash = casevault::vault::ObjectId::of_bytes(&forged_object);
    let right_name = objects
        .join(&own_hash.as_str()[..2])
        .join(format!("{own_hash}.age"));
    std::fs::create_dir_all(right_name.parent().expect("parent")).expect("mkdir");
    std::fs::write(&right_name, &forged_object).expect("drop object");

    let vault = unlock(&test).expect("unlock");
    assert_eq!(
        vault
            .get_record::<String>(&ids[0])
            .expect("not deleted by the forgery"),
        "Мәди Серікұлы — 麦迪"
    );
    assert!(
        vault.warnings().iter().any(|w| matches!(
            w,
            Problem::EntryRejected {
                seq: 4,
                reason: Rejection::Unauthentic,
                ..
            }
        )),
        "{:?}",
        vault.warnings()
    );
    let report = vault.verify(&mut |_, _| {}).expect("verify");
    assert!(report.problems.iter().any(|p| matches!(p,
        Problem::ObjectDamaged { object, records } if object.as_str() == "0".repeat(64) && records.is_empty())), "{report}");
    assert_eq!(report.unreferenced_objects, 1, "{report}");
    for (_, entry) in vault.records() {
        assert_ne!(entry.object, own_hash, "the forged object is never used");
    }
}

#[test]
fn a_damaged_or_truncated_key_file_is_reported_and_never_replaced() {
    let test = TestDir::new();
    test.create().lock();
    let key = key_file(&test);
    let original = std::fs::read(&key).expect("read");
    let len = original.len();
    let before = common::snapshot_files(&test.vault());
    let mut damaged_reports = 0;
    // Every byte: the right passphrase never opens an altered key file. Where the flip lands in
    // the scrypt stanza's salt or wrapped key, damage and a wrong passphrase are
    // cryptographically the same thing; everywhere else the key file is named as damaged.
    for offset in 0..len {
        flip_byte(&key, offset);
        match unlock(&test) {
            Err(VaultError::DamagedKeyFile(path)) => {
                assert_eq!(path, key);
                damaged_reports += 1;
            }
            Err(VaultError::WrongPassphrase) => {}
            other => panic!("offset {offset}: {other:?}"),
        }
        std::fs::write(&key, &original).expect("restore");
    }
    assert!(
        damaged_reports * 2 > len,
        "most flips named as damage: {damaged_reports} of {len}"
    );
    for cut in [0, 10, len / 2, len - 1] {
        std::fs::write(&key, &original[..cut]).expect("truncate");
        assert!(
            matches!(unlock(&test), Err(VaultError::DamagedKeyFile(_))),
            "cut {cut}"
        );
    }
    std::fs::write(&key, &original).expect("restore");
    assert_eq!(
        before,
        common::snapshot_files(&test.vault()),
        "nothing rewritten"
    );
    assert!(unlock(&test).is_ok());
}

#[test]
fn an_altered_or_damaged_vault_ron_is_reported_by_name_and_never_reinitialised() {
    let (test, ids) = populated();
    let header = test.vault().join("vault.ron");
    let original = std::fs::read_to_string(&header).expect("read");
    let before = common::snapshot_files(&test.vault());
    let alterations = [
        original.replacen("created: \"20", "created: \"19", 1),
        original.replacen("kdf_log_n: 10", "kdf_log_n: 11", 1),
        original.replacen("format: 1", "forma: 1", 1),
        original.replacen('(', "[", 1),
        original[..original.len() / 2].to_string(),
        String::new(),
    ];
    for altered in alterations {
        assert_ne!(altered, original);
        std::fs::write(&header, &altered).expect("write");
        let result = unlock(&test);
        assert!(
            matches!(&result, Err(VaultError::DamagedHeader(p)) if *p == header),
            "{result:?}"
        );
        assert!(
            result
                .expect_err("refused")
                .to_string()
                .contains("vault.ron")
        );
    }
    std::fs::write(&header, &original).expect("restore");
    let after = common::snapshot_files(&test.vault());
    assert_eq!(before, after);
    let vault = unlock(&test).expect("unlock");
    assert!(vault.get_record::<String>(&ids[0]).is_ok());
}

#[test]
fn a_damaged_checkpoint_is_reported_and_the_journal_still_gives_every_record() {
    let test = TestDir::new();
    let mut vault = test.create();
    let ids: Vec<RecordId> = (0..70).map(|_| RecordId::new_random()).collect();
    for (n, id) in ids.iter().enumerate() {
        put_text(&mut vault, *id, &format!("record {n}")).expect("put");
    }
    vault.lock();
    let checkpoint = common::files_under(&test.vault().join("checkpoints")).remove(0);
    let len = std::fs::metadata(&checkpoint).expect("meta").len() as usize;
    flip_byte(&checkpoint, len / 2);
    let vault = unlock(&test).expect("unlock without the checkpoint");
    assert!(
        vault
            .warnings()
            .iter()
            .any(|w| matches!(w, Problem::CheckpointRejected { seq: 1, .. })),
        "{:?}",
        vault.warnings()
    );
    for (n, id) in ids.iter().enumerate() {
        assert_eq!(
            vault.get_record::<String>(id).expect("from the journal"),
            format!("record {n}")
        );
    }
    assert!(
        !test.verify().is_intact(),
        "verify names the damaged checkpoint"
    );
}

#[test]
fn an_entry_replaced_by_another_authentic_one_breaks_the_chain() {
    // Two diverged copies of one vault written by the same device: the copy's entry 4 is
    // authentic and in its right place, but entry 5 of the original follows a different entry 4.
    let (test, _) = populated();
    let copy = test.dir.path().join("copy");
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(test.vault())
        .arg(&copy)
        .status()
        .expect("cp");
    assert!(copied.success());
    let config = test.config();
    let write_in = |dir: &std::path::Path, texts: &[&str]| {
        let mut vault = Vault::unlock(dir, &secret(common::PASSPHRASE), &config, Access::ReadWrite)
            .expect("unlock");
        for text in texts {
            put_text(&mut vault, RecordId::new_random(), text).expect("put");
        }
    };
    write_in(&copy, &["written only in the copy"]);
    write_in(&test.vault(), &["written in the original", "and one more"]);
    let copy_entries = common::files_under(&copy.join("journal"));
    let entries = common::files_under(&test.vault().join("journal"));
    assert_eq!((copy_entries.len(), entries.len()), (4, 5));
    assert!(test.verify().is_intact());
    std::fs::copy(&copy_entries[3], &entries[3]).expect("transplant entry 4");
    let report = test.verify();
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, Problem::ChainBroken { seq: 5, .. })),
        "{report}"
    );
    assert!(
        !report
            .problems
            .iter()
            .any(|p| matches!(p, Problem::EntryRejected { .. })),
        "the transplanted entry itself is authentic: {report}"
    );
}
