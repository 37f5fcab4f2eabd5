//! "Back up vault to…" in the window: the settings screen copies the open vault into a folder,
//! shows the progress and the checked result, remembers when, and the copy opens as the vault.

mod common;

use std::time::Duration;

use casevault::vault::{Access, Vault, VaultConfig};
use common::app::{click, demo_harness, replace_text, wait_for};
use egui_kittest::kittest::Queryable;

#[test]
fn the_settings_back_the_open_vault_up_and_remember_when() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    let stick = dir.path().join("USB stick").join("Casevault backup");
    click(&mut harness, "Settings");
    assert!(
        harness
            .query_by_label("This vault has not been backed up from this app yet.")
            .is_some()
    );
    replace_text(
        &mut harness,
        "Back up to folder",
        &stick.display().to_string(),
    );
    harness.get_by_label("Back up now").click();
    harness.step();
    wait_for(&mut harness, Duration::from_secs(60), "the backup", |h| {
        h.query_by_label_contains("The copy was checked with the vault's key and is intact")
            .is_some()
    });
    assert!(harness.query_by_label_contains("Last backup: ").is_some());

    // Saving other settings afterwards keeps the record of the backup.
    replace_text(
        &mut harness,
        "Your name (for \"seen by\" and the logs)",
        "Lawyer Ә",
    );
    click(&mut harness, "Save settings");
    let settings = &harness.state().session().expect("open").settings;
    assert_eq!(settings.user_name, "Lawyer Ә");
    assert!(settings.last_backup.is_some(), "the backup is remembered");

    let config = VaultConfig {
        state_dir: dir.path().join("state-copy"),
        kdf_log_n: 10,
        ..VaultConfig::default()
    };
    let passphrase = casevault::vault::age_secret::SecretString::from(
        casevault::demo::DEMO_PASSPHRASE.to_string(),
    );
    let copy = Vault::unlock(&stick, &passphrase, &config, Access::ReadOnly).expect("copy opens");
    // A snapshot from before the backup was noted in the settings: the 30 cases.
    assert_eq!(copy.records().count(), 30);
}
