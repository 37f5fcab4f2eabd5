//! The Export tab in the window: the readiness warning names what is missing; the lawyer leaves
//! a document out and the page list follows; a dossier PDF and an encrypted hand-off are written
//! on a background thread, recorded in the custody log with their hashes; a mistyped key is
//! refused by name before anything is written.

mod common;

use std::io::Read;
use std::time::Duration;

use casevault::model::CustodyAction;
use common::app::{AppHarness, click, demo_harness, replace_text, wait_for};
use egui_kittest::kittest::Queryable;
use sha2::{Digest, Sha256};

fn open_case(harness: &mut AppHarness, number: &str) {
    click(harness, number);
    click(harness, "Export");
    // Tall enough for the whole form: clicks go to widgets on screen.
    harness.set_size(egui::vec2(1200.0, 1800.0));
    harness.run();
}

fn export_and_wait(harness: &mut AppHarness) {
    harness.get_by_label("Export now").click();
    harness.step();
    wait_for(harness, Duration::from_secs(120), "the export", |h| {
        h.query_by_label_contains("Exported to ").is_some()
            || h.query_by_label_contains("could not").is_some()
    });
    assert!(
        harness.query_by_label_contains("Exported to ").is_some(),
        "the export succeeded"
    );
}

fn exported_lines(harness: &AppHarness, sha256: &str) -> usize {
    let case = &harness
        .state()
        .session()
        .and_then(|s| s.editor.as_ref())
        .expect("a case is open")
        .draft;
    case.custody
        .entries()
        .iter()
        .filter(|e| e.action == CustodyAction::Exported && e.sha256 == sha256)
        .count()
}

#[test]
fn a_dossier_and_a_hand_off_are_written_and_recorded() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    open_case(&mut harness, "DEMO-2024-0025");
    assert!(
        harness
            .query_by_label_contains("not ready for referral")
            .is_none(),
        "a ready case shows no warning"
    );
    // Leaving a document out takes its exhibit out of the page list.
    assert!(harness.query_by_label_contains("Exhibit 3: ").is_some());
    click(&mut harness, "Applicant's passport (1 file)");
    assert!(harness.query_by_label_contains("Exhibit 3: ").is_none());
    click(&mut harness, "Applicant's passport (1 file)");

    let pdf_path = dir.path().join("out").join("dossier.pdf");
    std::fs::create_dir_all(pdf_path.parent().expect("parent")).expect("out dir");
    replace_text(
        &mut harness,
        "To",
        "Ministry of Foreign Affairs, Consular Department",
    );
    replace_text(&mut harness, "Save to", &pdf_path.display().to_string());
    export_and_wait(&mut harness);
    let pdf = std::fs::read(&pdf_path).expect("the dossier was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let pdf_hash = hex::encode(Sha256::digest(&pdf));
    assert_eq!(
        exported_lines(&harness, &pdf_hash),
        1,
        "the dossier is in the custody log"
    );
    // A typed path never replaces a file.
    harness.get_by_label("Export now").click();
    harness.step();
    wait_for(&mut harness, Duration::from_secs(10), "the refusal", |h| {
        h.query_by_label_contains("already exists").is_some()
    });
    assert_eq!(std::fs::read(&pdf_path).expect("still there"), pdf);

    // A hand-off to a colleague's key: a mistyped key is refused by name, nothing written.
    let colleague = age::x25519::Identity::generate();
    let handoff_path = dir.path().join("out").join("handoff.zip.age");
    click(&mut harness, "Encrypted hand-off (age)");
    replace_text(
        &mut harness,
        "Public keys (age1…), one per line",
        "age1notakey",
    );
    replace_text(&mut harness, "Save to", &handoff_path.display().to_string());
    harness.get_by_label("Export now").click();
    harness.step();
    wait_for(&mut harness, Duration::from_secs(60), "the refusal", |h| {
        h.query_by_label_contains("“age1notakey” is not an age public key")
            .is_some()
    });
    assert!(!handoff_path.exists());

    replace_text(
        &mut harness,
        "Public keys (age1…), one per line",
        &colleague.to_public().to_string(),
    );
    export_and_wait(&mut harness);
    let sealed = std::fs::read(&handoff_path).expect("the hand-off was written");
    let hash = hex::encode(Sha256::digest(&sealed));
    assert_eq!(
        exported_lines(&harness, &hash),
        1,
        "the hand-off is in the custody log"
    );
    let decryptor = age::Decryptor::new(sealed.as_slice()).expect("an age file");
    let mut zip = Vec::new();
    decryptor
        .decrypt(std::iter::once(&colleague as &dyn age::Identity))
        .expect("the colleague's key opens it")
        .read_to_end(&mut zip)
        .expect("decrypts");
    assert!(zip.starts_with(b"PK"), "a ZIP inside");
    // Saved at once, like imports: the custody lines are on disk.
    assert!(harness.query_by_label("Saved").is_some());
}

#[test]
fn a_case_not_ready_names_what_is_missing() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    open_case(&mut harness, "DEMO-2025-0023");
    assert!(
        harness
            .query_by_label("This case is not ready for referral yet. Missing:")
            .is_some()
    );
    // Each missing item has its way to fix it.
    assert!(harness.query_all_by_label("Go and fix").count() >= 3);
}

#[test]
fn the_settings_write_statistics_without_names() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    click(&mut harness, "Settings");
    harness.set_size(egui::vec2(1200.0, 1800.0));
    harness.run();
    let csv = dir.path().join("report").join("statistics.csv");
    std::fs::create_dir_all(csv.parent().expect("parent")).expect("dir");
    replace_text(&mut harness, "Save to", &csv.display().to_string());
    click(&mut harness, "Write statistics");
    assert!(
        harness
            .query_by_label_contains("statistics of 30 cases")
            .is_some()
    );
    let text = std::fs::read_to_string(&csv).expect("written");
    assert!(text.starts_with("dimension,key,label,cases\r\n"));
    let by_year: usize = text
        .lines()
        .filter(|l| l.starts_with("year_opened,"))
        .filter_map(|l| l.rsplit(',').next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(by_year, 30);
    let session = harness.state().session().expect("open");
    for row in &session.rows {
        assert!(!text.contains(&row.summary.missing_person), "no names");
    }
}
