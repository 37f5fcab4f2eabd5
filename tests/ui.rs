//! The window driven as a user would (egui_kittest, through the accessibility tree): create a
//! vault, see the empty case list, lock, get a clear message for a wrong passphrase, unlock.

mod common;

use std::time::Duration;

use casevault::ui::CasevaultApp;
use casevault::vault::VaultConfig;
use common::app::{AppHarness, wait_for};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn type_into(harness: &mut AppHarness, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Steps frames until the worker thread has finished (the KDF), or fails after 30 s.
fn wait_for_worker(harness: &mut AppHarness) {
    // One frame handles the click, the next shows the progress screen.
    harness.step();
    harness.step();
    wait_for(harness, Duration::from_secs(30), "the worker", |h| {
        h.query_by_label("Unlocking…").is_none()
            && h.query_by_label("Creating the vault…").is_none()
    });
}

/// Every text a field's undo history holds.
fn undo_texts(state: &egui::text_edit::TextEditState) -> Vec<String> {
    let mut undoer = state.undoer();
    let mut current = (
        egui::text_selection::CCursorRange::default(),
        "\u{0}".to_string(),
    );
    let mut texts = Vec::new();
    while let Some(previous) = undoer.undo(&current).cloned() {
        if previous == current || texts.len() > 1000 {
            break;
        }
        texts.push(previous.1.clone());
        current = previous;
    }
    texts
}

#[test]
fn create_lock_and_unlock_a_vault_from_the_window() {
    let dir = tempfile::tempdir().expect("temp");
    let vault_dir = dir.path().join("Бюро vault Қазақ 案件 ئۇيغۇر");
    let config = VaultConfig {
        state_dir: dir.path().join("state"),
        // The real work factor: the progress screen must be visible while it runs.
        kdf_log_n: casevault::vault::KDF_LOG_N,
        ..VaultConfig::default()
    };
    let recent = dir.path().join("recent-vaults.ron");
    let recent_file = recent.clone();
    let mut harness: AppHarness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(move |cc| CasevaultApp::new(&cc.egui_ctx, config).with_recent_file(recent));
    harness.run();

    let path = vault_dir.display().to_string();
    let suggested = harness
        .get_by_label("New vault folder")
        .value()
        .unwrap_or_default();
    assert!(
        suggested.ends_with("Casevault vault"),
        "a default folder is offered: {suggested}"
    );
    harness.get_by_label("New vault folder").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    type_into(&mut harness, "New vault folder", &path);
    type_into(&mut harness, "New passphrase", "short");
    assert!(
        harness
            .query_by_label_contains("shorter than 12 characters")
            .is_some()
    );
    type_into(&mut harness, "New passphrase", " but now long enough");
    type_into(
        &mut harness,
        "Repeat the new passphrase",
        "short but now long enough",
    );
    assert!(
        harness
            .query_by_label_contains("The passphrase is acceptable")
            .is_some()
    );
    harness.get_by_label("Create vault").click();
    harness.step();
    harness.step();
    assert!(
        harness.query_by_label("Creating the vault…").is_some(),
        "progress is shown"
    );
    wait_for_worker(&mut harness);
    assert!(harness.state().is_unlocked(), "the new vault is open");
    // The passphrase fields' state, undo history included, is gone from egui's memory.
    let kept = harness.ctx.memory(|memory| {
        memory
            .data
            .iter_temp_by_type::<egui::text_edit::TextEditState>()
            .any(|state| {
                undo_texts(state)
                    .iter()
                    .any(|t| t.contains("now long enough"))
            })
    });
    assert!(!kept, "no passphrase left in text-field state");
    assert!(harness.query_by_label("No cases yet.").is_some());
    assert!(vault_dir.join("vault.ron").is_file());

    harness.get_by_label("Lock").click();
    harness.run();
    assert!(!harness.state().is_unlocked(), "locked");
    assert!(
        harness.query_by_label("Recent:").is_some(),
        "the vault is offered among recent ones"
    );

    assert_eq!(
        harness.get_by_label("Vault folder").value().as_deref(),
        Some(path.as_str()),
        "the locked vault is offered again"
    );
    type_into(&mut harness, "Passphrase", "not the right one at all");
    harness.get_by_label("Unlock").click();
    harness.step();
    wait_for_worker(&mut harness);
    assert!(!harness.state().is_unlocked());
    assert!(
        harness
            .query_by_label_contains("Wrong passphrase")
            .is_some(),
        "a clear message"
    );

    type_into(&mut harness, "Passphrase", "short but now long enough");
    harness.get_by_label("Unlock").click();
    harness.step();
    wait_for_worker(&mut harness);
    assert!(
        harness.state().is_unlocked(),
        "unlocked with the right passphrase"
    );
    assert!(
        harness
            .query_by_label(
                "Wrong passphrase. Check the keyboard layout and Caps Lock, then try again."
            )
            .is_none()
    );
    let remembered = std::fs::read_to_string(&recent_file).expect("recent vaults remembered");
    assert!(remembered.contains("Бюро vault"), "{remembered}");
}
