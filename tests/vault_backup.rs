//! Backups of an open vault: the copy opens with the same passphrase and holds the same records
//! and scans; a backup taken while another thread keeps saving still checks out intact; a second
//! backup to the same folder copies only what is new; a folder holding something else is refused.

mod common;

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use casevault::vault::{Access, RecordId, Vault, VaultError};
use common::{PASSPHRASE, TestDir, put_text, secret};

fn open_copy(test: &TestDir, dest: &std::path::Path) -> Vault {
    Vault::unlock(dest, &secret(PASSPHRASE), &test.config(), Access::ReadOnly)
        .expect("the copy opens with the vault's passphrase")
}

#[test]
fn a_backup_opens_as_the_same_vault_and_a_second_one_copies_only_what_is_new() {
    let test = TestDir::new();
    let mut vault = test.create();
    let mut records = Vec::new();
    for n in 0..20 {
        let id = RecordId::new_random();
        put_text(&mut vault, id, &format!("record {n} Айгерім 古丽")).expect("put");
        records.push(id);
    }
    let scan: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let blob = vault.put_blob(&mut scan.as_slice()).expect("blob");
    let dest = test.dir.path().join("usb stick").join("backup");

    let first = vault
        .backup_source()
        .copy_to(&dest, &mut |_, _| {})
        .expect("backup");
    assert!(first.is_good(), "{}", first.check);
    assert!(first.copied >= 23 && first.already_there == 0, "{first:?}");
    let copy = open_copy(&test, &dest);
    for id in &records {
        let original: String = vault.get_record(id).expect("original");
        let copied: String = copy.get_record(id).expect("copied record");
        assert_eq!(original, copied);
    }
    let mut back = Vec::new();
    copy.open_blob(&blob.object)
        .expect("blob in copy")
        .read_to_end(&mut back)
        .expect("read");
    assert_eq!(back, scan);
    drop(copy);

    put_text(&mut vault, RecordId::new_random(), "one more").expect("put");
    let second = vault
        .backup_source()
        .copy_to(&dest, &mut |_, _| {})
        .expect("second backup");
    assert!(second.is_good());
    assert!(second.already_there >= first.copied - 1, "{second:?}");
    assert!(
        second.copied >= 1 && second.copied < first.copied,
        "{second:?}"
    );
    assert_eq!(open_copy(&test, &dest).records().count(), records.len() + 1);
}

#[test]
fn a_backup_taken_while_saves_continue_checks_out_intact() {
    let test = TestDir::new();
    let mut vault = test.create();
    for n in 0..50 {
        put_text(&mut vault, RecordId::new_random(), &format!("before {n}")).expect("put");
    }
    let source = vault.backup_source();
    let dest = test.dir.path().join("backup");
    let done = AtomicBool::new(false);
    let saved = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut saved = 0;
            while !done.load(Ordering::SeqCst) || saved < 20 {
                put_text(
                    &mut vault,
                    RecordId::new_random(),
                    &format!("during {saved}"),
                )
                .expect("save during the backup");
                vault
                    .put_blob(&mut vec![saved as u8; 10_000].as_slice())
                    .expect("blob during the backup");
                saved += 1;
            }
            saved
        });
        let report = source.copy_to(&dest, &mut |_, _| {}).expect("backup");
        done.store(true, Ordering::SeqCst);
        assert!(report.is_good(), "{}", report.check);
        writer.join().expect("writer")
    });
    assert!(saved >= 20);
    let copy = open_copy(&test, &dest);
    let count = copy.records().count();
    assert!(
        (50..=50 + saved).contains(&count),
        "the copy is a snapshot: {count} records"
    );
    assert!(copy.verify(&mut |_, _| {}).expect("verify").is_intact());
}

#[test]
fn a_folder_with_other_things_or_another_vault_is_refused() {
    let test = TestDir::new();
    let vault = test.create();
    let busy = test.dir.path().join("holiday photos");
    std::fs::create_dir_all(&busy).expect("dir");
    std::fs::write(busy.join("beach.jpg"), b"not ours").expect("write");
    assert!(matches!(
        vault.backup_source().copy_to(&busy, &mut |_, _| {}),
        Err(VaultError::BackupFolderNotEmpty(_))
    ));
    assert_eq!(
        std::fs::read_dir(&busy).expect("dir").count(),
        1,
        "left alone"
    );

    let other = TestDir::new();
    let other_vault = other.create();
    let other_backup = test.dir.path().join("other backup");
    other_vault
        .backup_source()
        .copy_to(&other_backup, &mut |_, _| {})
        .expect("backup of the other vault");
    let refused = vault.backup_source().copy_to(&other_backup, &mut |_, _| {});
    assert!(matches!(refused, Err(VaultError::BackupOfAnotherVault(_))));
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("different vault"), "{message}");

    assert!(matches!(
        vault.backup_source().copy_to(&test.vault(), &mut |_, _| {}),
        Err(VaultError::BackupIntoItself)
    ));
}
