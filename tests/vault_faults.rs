//! Injected I/O failures through the real file system: disk full and failing fsync make a save
//! report failure with nothing lost and a working retry; a passphrase change interrupted at any
//! step leaves exactly one of the old or new passphrase able to open the vault.

mod common;

use casevault::vault::{Access, RecordId, Vault, VaultError};
use common::{PASSPHRASE, TestDir, put_text, secret};

fn faulty_vault(test: &TestDir) -> (Vault, std::sync::Arc<casevault::vault::FaultyStorage>) {
    test.create().lock();
    test.unlock_faulty()
}

#[test]
fn disk_full_during_a_save_loses_nothing_and_retry_succeeds() {
    let test = TestDir::new();
    let (mut vault, faults) = faulty_vault(&test);
    let kept = RecordId::new_random();
    put_text(&mut vault, kept, "saved before the disk filled").expect("first save");
    let edited = RecordId::new_random();
    // Room for part of one object only, and then for an object but not its journal entry.
    for budget in [100, 700] {
        faults.set_disk_space(budget);
        let result = put_text(&mut vault, edited, "the edit being saved");
        assert!(
            matches!(result, Err(VaultError::DiskFull)),
            "budget {budget}: {result:?}"
        );
        let err = result.expect_err("failed");
        assert!(err.is_retryable());
        assert!(err.to_string().contains("Nothing was lost"));
        assert!(
            common::files_under(&test.vault().join(".tmp")).is_empty(),
            "temp file removed"
        );
        assert!(
            vault.record_ref(&edited).is_none(),
            "a failed save is not shown as saved"
        );
    }
    faults.free_disk_space();
    put_text(&mut vault, edited, "the edit being saved").expect("retry after freeing space");
    vault.lock();
    let vault = test.unlock();
    assert_eq!(
        vault.get_record::<String>(&kept).expect("kept"),
        "saved before the disk filled"
    );
    assert_eq!(
        vault.get_record::<String>(&edited).expect("retried"),
        "the edit being saved"
    );
    assert!(vault.verify(&mut |_, _| {}).expect("verify").is_intact());
}

#[test]
fn a_failing_fsync_is_a_failed_save_and_retry_succeeds() {
    let test = TestDir::new();
    let (mut vault, faults) = faulty_vault(&test);
    let id = RecordId::new_random();
    faults.set_fail_sync(true);
    let result = put_text(&mut vault, id, "needs to reach the disk");
    assert!(
        matches!(result, Err(VaultError::WriteFailed { .. })),
        "{result:?}"
    );
    assert!(vault.record_ref(&id).is_none());
    faults.set_fail_sync(false);
    put_text(&mut vault, id, "needs to reach the disk").expect("retry");
    vault.lock();
    let vault = test.unlock();
    assert_eq!(
        vault.get_record::<String>(&id).expect("there"),
        "needs to reach the disk"
    );
    let report = vault.verify(&mut |_, _| {}).expect("verify");
    assert!(report.is_intact(), "{report}");
}

#[test]
fn a_save_interrupted_at_every_step_is_all_or_nothing() {
    let test = TestDir::new();
    test.create().lock();
    let mut step = 0;
    loop {
        let (mut vault, faults) = test.unlock_faulty();
        let id = RecordId::new_random();
        faults.crash_after(step);
        let result = put_text(&mut vault, id, "interrupted");
        drop(vault);
        let vault = test.unlock();
        let present = vault.record_ref(&id).is_some();
        if result.is_ok() {
            assert!(present, "a save reported as done is there");
        }
        if present {
            assert_eq!(
                vault.get_record::<String>(&id).expect("whole"),
                "interrupted"
            );
        }
        let report = vault.verify(&mut |_, _| {}).expect("verify");
        assert!(report.is_intact(), "step {step}: {report}");
        drop(vault);
        if result.is_ok() {
            break;
        }
        step += 1;
        assert!(step < 100, "the save never completed");
    }
    assert!(
        step >= 8,
        "a save has at least 8 steps to interrupt, found {step}"
    );
}

#[test]
fn a_passphrase_change_interrupted_at_every_step_leaves_exactly_one_passphrase_working() {
    let test = TestDir::new();
    test.create().lock();
    let new_passphrase = "a completely new passphrase";
    let opens = |passphrase: &str| {
        Vault::unlock(
            &test.vault(),
            &secret(passphrase),
            &test.config(),
            Access::ReadOnly,
        )
        .is_ok()
    };
    let key_file = common::files_under(&test.vault().join("keys")).remove(0);
    let original_key = std::fs::read(&key_file).expect("key file");
    let mut step = 0;
    loop {
        // Each attempt starts from the original key file (a change that took effect is undone).
        for file in common::files_under(&test.vault().join("keys")) {
            std::fs::remove_file(file).expect("reset keys");
        }
        std::fs::write(&key_file, &original_key).expect("reset key");
        let (mut vault, faults) = test.unlock_faulty();
        faults.crash_after(step);
        let result = vault.change_passphrase(&secret(PASSPHRASE), &secret(new_passphrase));
        drop(vault);
        let (old_works, new_works) = (opens(PASSPHRASE), opens(new_passphrase));
        assert!(
            old_works != new_works,
            "step {step}: old {old_works}, new {new_works}"
        );
        if result.is_ok() {
            assert!(new_works, "a change reported as done took effect");
            break;
        }
        match result {
            Err(VaultError::PassphraseChangeUnconfirmed) => assert!(new_works, "step {step}"),
            Err(_) => assert!(
                old_works,
                "step {step}: a failed change keeps the old passphrase"
            ),
            Ok(()) => unreachable!(),
        }
        step += 1;
        assert!(step < 50, "the change never completed");
    }
    assert!(step >= 5, "found only {step} steps");
    let leftovers: Vec<_> = common::files_under(&test.vault().join("keys"));
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn a_vault_creation_that_fails_leaves_nothing_behind_and_can_be_retried() {
    let test = TestDir::new();
    let faults = casevault::vault::FaultyStorage::new();
    let config = test.config_with(std::sync::Arc::new(casevault::vault::FaultyHandle(
        std::sync::Arc::clone(&faults),
    )));
    faults.set_disk_space(100);
    let result = Vault::create(&test.vault(), &secret(PASSPHRASE), &config);
    assert!(matches!(result, Err(VaultError::DiskFull)), "{result:?}");
    assert!(!test.vault().exists(), "the half-made folder is removed");
    faults.free_disk_space();
    Vault::create(&test.vault(), &secret(PASSPHRASE), &config).expect("retry");
    assert!(test.unlock().records().next().is_none());
}
