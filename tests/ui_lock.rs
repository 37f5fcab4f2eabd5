//! Locking: when the window is minimised (only when the setting asks for it, and then at once),
//! and after a panic in a frame, with every acknowledged save still there on reopening.

mod common;

use std::time::Duration;

use common::app::{AppHarness, click, demo_harness, replace_text, wait_for, wait_until_open};
use egui_kittest::kittest::Queryable;

fn minimise(harness: &mut AppHarness, minimised: bool) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .minimized = Some(minimised);
    harness.step();
    harness.step();
}

#[test]
fn a_minimised_window_locks_only_when_the_setting_says_so() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    minimise(&mut harness, true);
    assert!(harness.state().is_unlocked(), "off by default");
    minimise(&mut harness, false);

    click(&mut harness, "Settings");
    click(&mut harness, "Lock when the window is minimised");
    click(&mut harness, "Save settings");
    assert!(harness.state().is_unlocked());
    minimise(&mut harness, true);
    assert!(!harness.state().is_unlocked(), "locked on minimise");
    assert!(harness.query_by_label("Open the demo vault").is_some());
}

#[test]
fn after_a_panic_the_vault_is_locked_and_reopens_with_every_acknowledged_save() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    replace_text(&mut harness, "Search", "DEMO-2024-0001");
    click(&mut harness, "DEMO-2024-0001");
    replace_text(&mut harness, "Risk notes", "saved before the crash");
    wait_for(&mut harness, Duration::from_secs(10), "the autosave", |h| {
        h.query_by_label("Saved").is_some()
            && h.state()
                .session()
                .and_then(|s| s.editor.as_ref())
                .is_some_and(|e| e.saved.risk_notes == "saved before the crash")
    });
    // An edit not yet saved when the frame panics.
    harness
        .get_by_label("Risk notes")
        .type_text(" and typed after");
    harness.step();

    let ctx = harness.ctx.clone();
    harness.state_mut().recover_from_panic(&ctx);
    harness.run();
    assert!(!harness.state().is_unlocked(), "locked");
    assert!(
        harness
            .query_by_label_contains("Something went wrong inside Casevault")
            .is_some()
    );

    harness.get_by_label("Open the demo vault").click();
    wait_until_open(&mut harness);
    replace_text(&mut harness, "Search", "DEMO-2024-0001");
    click(&mut harness, "DEMO-2024-0001");
    let reopened = harness
        .state()
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.saved.risk_notes.clone())
        .expect("case open");
    assert_eq!(reopened, "saved before the crash");
    let report = harness
        .state()
        .session()
        .expect("open")
        .vault
        .verify(&mut |_, _| {})
        .expect("verify");
    assert!(report.is_intact(), "{report}");
}

#[test]
fn after_lock_no_thumbnail_or_page_texture_and_no_session_remain() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    let textures = |h: &AppHarness| h.ctx.tex_manager().read().num_allocated();
    let before = textures(&harness);
    replace_text(&mut harness, "Search", "DEMO-2024-0001");
    click(&mut harness, "DEMO-2024-0001");
    click(&mut harness, "Documents");
    assert!(
        textures(&harness) > before,
        "the document's thumbnail is a texture"
    );
    harness
        .get_by_label("Open DEMO-2024-0001-1.png in the viewer")
        .click();
    harness.step();
    wait_for(&mut harness, Duration::from_secs(30), "the page", |h| {
        h.state().viewer_has_pixels()
    });
    let open = textures(&harness);
    assert!(open >= before + 2, "thumbnail and page: {before} -> {open}");

    click(&mut harness, "Lock");
    harness.run();
    assert!(!harness.state().is_unlocked());
    assert!(harness.state().session().is_none(), "no session, no key");
    assert_eq!(textures(&harness), before, "every case texture freed");
}
