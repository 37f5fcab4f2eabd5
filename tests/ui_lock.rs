//! Locking when the window is minimised: only when the setting asks for it, and then at once.

mod common;

use common::app::{AppHarness, click, demo_harness};
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
