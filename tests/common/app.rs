//! The app in a test window (egui_kittest, driven through the accessibility tree): opening the
//! demo vault, clicking and typing by label, with scans decoded by the built binary's worker.

use std::time::{Duration, Instant};

use casevault::ui::CasevaultApp;
use casevault::ui::scans::FilePicker;
use casevault::vault::VaultConfig;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::scans::real_decoder;

pub type AppHarness = Harness<'static, CasevaultApp>;

pub fn click(harness: &mut AppHarness, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

pub fn replace_text(harness: &mut AppHarness, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

pub fn wait_until_open(harness: &mut AppHarness) {
    // One frame handles the click, the next starts the worker.
    harness.step();
    harness.step();
    wait_for(harness, Duration::from_secs(30), "the vault to open", |h| {
        h.state().is_unlocked()
    });
}

/// The app with its vaults, local state and recent list in `dir`, opened on the demo vault.
pub fn demo_harness(
    dir: &std::path::Path,
    storage: Option<std::sync::Arc<dyn casevault::vault::Storage>>,
) -> AppHarness {
    demo_harness_with_picker(dir, storage, None)
}

/// The same, with a file picker standing in for the native dialog.
pub fn demo_harness_with_picker(
    dir: &std::path::Path,
    storage: Option<std::sync::Arc<dyn casevault::vault::Storage>>,
    picker: Option<std::sync::Arc<dyn FilePicker>>,
) -> AppHarness {
    let mut config = VaultConfig {
        state_dir: dir.join("state"),
        kdf_log_n: 10,
        ..VaultConfig::default()
    };
    if let Some(storage) = storage {
        config.storage = storage;
    }
    let (demo_dir, recent) = (dir.join("demo"), dir.join("recent-vaults.ron"));
    let mut harness: AppHarness = Harness::builder()
        .with_size(egui::vec2(1200.0, 900.0))
        .build_eframe(move |cc| {
            let app = CasevaultApp::new(&cc.egui_ctx, config)
                .with_demo_dir(demo_dir)
                .with_recent_file(recent)
                .with_decoder(real_decoder());
            match picker {
                Some(picker) => app.with_file_picker(picker),
                None => app,
            }
        });
    harness.run();
    harness.get_by_label("Open the demo vault").click();
    wait_until_open(&mut harness);
    harness
}

/// True when the list's counter reads exactly `text` ("3 of 30 cases").
pub fn shows(harness: &AppHarness, text: &str) -> bool {
    harness.query_by_label(text).is_some()
}

/// Runs frames until `done` holds (work finishing on other threads), failing after `limit`.
pub fn wait_for(
    harness: &mut AppHarness,
    limit: Duration,
    what: &str,
    done: impl Fn(&AppHarness) -> bool,
) -> Duration {
    let started = Instant::now();
    while !done(harness) {
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    let elapsed = started.elapsed();
    // One more frame to show the result (not `run`: a progress bar never settles).
    harness.step();
    elapsed
}
