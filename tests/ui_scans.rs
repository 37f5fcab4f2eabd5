//! Scans in the window, as a user works with them: files chosen in the (stand-in) file dialog
//! become documents with thumbnails, a renamed non-image gets its own message, a dropped file
//! joins the document shown, the viewer shows the page, links it as evidence for a relationship,
//! records "original seen" in one click, and saves a turned working copy beside the untouched
//! original. Every file's hash and custody line is checked against the bytes on disk.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use casevault::model::{CustodyAction, FileRole};
use casevault::ui::scans::FilePicker;
use common::app::{AppHarness, click, demo_harness_with_picker, replace_text, wait_for};
use egui_kittest::kittest::Queryable;
use sha2::{Digest, Sha256};

/// The file dialog, answered with fixed files.
struct ChosenFiles(Vec<PathBuf>);

impl FilePicker for ChosenFiles {
    fn pick_files(&self) -> Option<Vec<PathBuf>> {
        Some(self.0.clone())
    }
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A temp folder for the test, with a folder `name` in it for the files to import.
fn folder_of_files(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let files = dir.path().join(name);
    std::fs::create_dir_all(&files).expect("dir");
    (dir, files)
}

/// A page-like JPEG: white with dark bars.
fn write_scan(path: &Path, width: u32, height: u32) {
    let page = image::RgbImage::from_fn(width, height, |x, y| {
        if y % 60 < 12 && x > width / 10 && x < width * 9 / 10 {
            image::Rgb([30, 30, 30])
        } else {
            image::Rgb([245, 243, 238])
        }
    });
    page.save_with_format(path, image::ImageFormat::Jpeg)
        .expect("write scan");
}

fn sha256_of(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).expect("read")))
}

/// Clicks a button that starts work on another thread (no waiting for the UI to settle).
fn start(harness: &mut AppHarness, label: &str) {
    harness.get_by_label(label).click();
    harness.step();
}

/// The demo vault's first case on its documents tab, with `files` chosen in the file dialog as
/// new documents; also returns how many documents the case had before.
fn choose_new_documents(dir: &Path, files: Vec<PathBuf>) -> (AppHarness, usize) {
    let picker = Arc::new(ChosenFiles(files));
    let mut harness = demo_harness_with_picker(dir, None, Some(picker));
    replace_text(&mut harness, "Search", "DEMO-2024-0001");
    click(&mut harness, "DEMO-2024-0001");
    click(&mut harness, "Documents");
    let before = draft(&harness).documents.len();
    start(&mut harness, "New documents from files…");
    (harness, before)
}

fn draft(harness: &AppHarness) -> casevault::model::Case {
    harness
        .state()
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.draft.clone())
        .expect("a case is open")
}

#[test]
fn scans_are_imported_viewed_linked_and_copied_without_touching_the_original() {
    let (dir, files) = folder_of_files("from the relative");
    let scan = files.join("birth-certificate.jpg");
    write_scan(&scan, 1240, 1754);
    let renamed = files.join("photo.jpg");
    std::fs::write(&renamed, b"this is a text file, not a photo").expect("write");
    let dropped = files.join("back-side.jpg");
    write_scan(&dropped, 1754, 1240);
    let (mut harness, documents_before) =
        choose_new_documents(dir.path(), vec![scan.clone(), renamed.clone()]);
    wait_for(&mut harness, Duration::from_secs(60), "the import", |h| {
        !h.state().scans_busy()
    });

    // Each file is a new document, in the order chosen; the original bytes are hashed.
    let case = draft(&harness);
    assert_eq!(case.documents.len(), documents_before + 2);
    let certificate = &case.documents[documents_before];
    assert_eq!(certificate.title, "birth-certificate.jpg");
    let original = &certificate.files[0];
    assert_eq!(original.sha256, sha256_of(&scan));
    assert_eq!(original.media_type, "image/jpeg");
    assert_eq!(original.role, FileRole::Original);
    assert_eq!(original.pages, 1);
    assert!(original.thumbnail.is_some(), "a thumbnail was made");
    let photo = &case.documents[documents_before + 1].files[0];
    assert_eq!(photo.media_type, "application/octet-stream");
    assert!(photo.thumbnail.is_none());
    for file in [original, photo] {
        assert!(
            case.custody
                .entries()
                .iter()
                .any(|e| e.action == CustodyAction::Imported && e.sha256 == file.sha256),
            "the custody log names {}",
            file.original_name
        );
    }
    assert_eq!(case.custody.first_break(), None);
    assert!(
        harness
            .query_by_label_contains("photo.jpg: the name says it is an image")
            .is_some(),
        "the renamed file has its own message"
    );
    // Saved at once: the vault's copy already names the files.
    let saved = harness
        .state()
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.saved.clone())
        .expect("open");
    assert_eq!(saved.documents.len(), documents_before + 2);

    // A file dropped on the window joins the document shown.
    click(&mut harness, "birth-certificate.jpg");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dropped.clone())));
    harness.step();
    wait_for(&mut harness, Duration::from_secs(60), "the drop", |h| {
        !h.state().scans_busy()
    });
    let case = draft(&harness);
    let certificate = &case.documents[documents_before];
    assert_eq!(certificate.files.len(), 2, "the dropped file joined");
    assert_eq!(certificate.files[1].sha256, sha256_of(&dropped));

    // The viewer: first pixels, evidence from this page, original seen, a turned copy.
    start(&mut harness, "Open birth-certificate.jpg in the viewer");
    let first_pixels = wait_for(&mut harness, Duration::from_secs(30), "the page", |h| {
        h.state().viewer_has_pixels()
    });
    eprintln!("viewer: first pixels after {first_pixels:?} (debug build)");
    assert!(harness.query_by_label("Page 1 of 2").is_some());
    let evidence_before: usize = case.relationships.iter().map(|r| r.evidence.len()).sum();
    replace_text(&mut harness, "What it says, as written", "Мать: Гүлнар");
    click(&mut harness, "Link page 1 as evidence");
    let case = draft(&harness);
    let certificate_id = case.documents[documents_before].id;
    let linked: Vec<_> = case
        .relationships
        .iter()
        .flat_map(|r| &r.evidence)
        .filter(|e| e.document == certificate_id)
        .collect();
    assert_eq!(
        case.relationships
            .iter()
            .map(|r| r.evidence.len())
            .sum::<usize>(),
        evidence_before + 1
    );
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].page, Some(1));
    assert_eq!(linked[0].statement, "Мать: Гүлнар");

    click(&mut harness, "Original seen by me today");
    let case = draft(&harness);
    assert!(case.documents[documents_before].original_seen.is_some());
    assert!(
        case.custody
            .entries()
            .iter()
            .any(|e| e.action == CustodyAction::Verified && e.sha256 == sha256_of(&scan))
    );

    click(&mut harness, "Turn right");
    start(&mut harness, "Save as working copy");
    wait_for(
        &mut harness,
        Duration::from_secs(30),
        "the working copy",
        |h| draft(h).documents[documents_before].files.len() == 3,
    );
    let case = draft(&harness);
    let files_now = &case.documents[documents_before].files;
    let copy = &files_now[2];
    assert_eq!(copy.role, FileRole::Derived);
    assert_eq!(copy.parent.as_deref(), Some(sha256_of(&scan).as_str()));
    assert_eq!(copy.media_type, "image/png");
    assert!(copy.thumbnail.is_some());
    assert_eq!(
        files_now[0].sha256,
        sha256_of(&scan),
        "the original is untouched"
    );
    assert!(
        case.custody
            .entries()
            .iter()
            .any(|e| e.action == CustodyAction::Derived && e.sha256 == copy.sha256)
    );
    assert_eq!(case.custody.first_break(), None);

    // Lock: the case is saved with its files, and nothing decrypted stays.
    click(&mut harness, "Back to the document");
    click(&mut harness, "Lock");
    assert!(!harness.state().is_unlocked());
    assert!(!harness.state().viewer_has_pixels());
}

#[test]
fn cancelling_an_import_keeps_the_files_already_stored_and_says_how_many_were_not() {
    let (dir, files) = folder_of_files("scanner");
    let first = files.join("page-00.jpg");
    write_scan(&first, 2480, 3508);
    let paths: Vec<PathBuf> = (0..30)
        .map(|n| {
            let path = files.join(format!("page-{n:02}.jpg"));
            if n > 0 {
                std::fs::copy(&first, &path).expect("copy");
            }
            path
        })
        .collect();
    let (mut harness, before) = choose_new_documents(dir.path(), paths);
    wait_for(
        &mut harness,
        Duration::from_secs(30),
        "the progress bar",
        |h| h.query_by_label("Cancel import").is_some(),
    );
    assert!(
        harness.query_by_label("Back to the cases").is_some(),
        "the case stays open"
    );
    start(&mut harness, "Cancel import");
    wait_for(&mut harness, Duration::from_secs(60), "the cancel", |h| {
        !h.state().scans_busy()
    });
    let imported = draft(&harness).documents.len() - before;
    assert!(imported < 30, "the import stopped early ({imported} of 30)");
    let message = match 30 - imported {
        1 => "Import cancelled: one file was not imported.".to_string(),
        n => format!("Import cancelled: {n} files were not imported."),
    };
    assert!(
        harness.query_by_label(&message).is_some(),
        "expected “{message}”"
    );
}
