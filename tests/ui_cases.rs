//! The case workspace driven as a user would (egui_kittest through the accessibility tree):
//! open the demo vault, search in every script, create a case with people named in several
//! scripts and a relationship, watch the checklist and the autosave, lock, unlock, find it again.
//! Names in Cyrillic, Chinese and Arabic script are on screen, so a missing glyph fails the test.

mod common;

use std::time::{Duration, Instant};

use common::app::{click, demo_harness, replace_text, shows, wait_until_open};
use egui_kittest::kittest::Queryable;

#[test]
fn search_create_and_find_cases_in_every_script() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = demo_harness(dir.path(), None);
    assert!(shows(&harness, "30 of 30 cases"));

    for query in ["努尔兰", "نۇرلان", "Нұрлан", "NURLAN"] {
        replace_text(&mut harness, "Search", query);
        assert!(
            harness.query_by_label_contains(" of 30 cases").is_some(),
            "{query}"
        );
        assert!(!shows(&harness, "0 of 30 cases"), "{query} finds something");
        assert!(
            !shows(&harness, "30 of 30 cases"),
            "{query} narrows the list"
        );
    }
    replace_text(&mut harness, "Search", "DEMO-2024-0001");
    assert!(shows(&harness, "1 of 30 cases"));
    click(&mut harness, "DEMO-2024-0001");
    click(&mut harness, "People");
    assert!(
        harness
            .query_all_by_value("古丽娜尔·赛依提")
            .next()
            .is_some(),
        "the Chinese name is shown"
    );
    click(&mut harness, "Back to the cases");

    replace_text(&mut harness, "Search", "");
    click(&mut harness, "New case");
    click(&mut harness, "People");
    click(&mut harness, "Add person");
    harness.get_by_label("Missing person").click();
    harness.run();
    click(&mut harness, "Add a name");
    replace_text(&mut harness, "Name", "古丽巴哈尔 گۈلباھار");
    click(&mut harness, "Add person");
    harness.get_by_label("Applicant").click();
    harness.run();
    click(&mut harness, "Add a name");
    replace_text(&mut harness, "Name", "Гүлбахар Ермекқызы");
    // A list field keeps what is being typed, trailing comma included.
    replace_text(&mut harness, "Citizenships (comma-separated)", "KZ, PRC,");
    assert_eq!(
        harness
            .get_by_label("Citizenships (comma-separated)")
            .value()
            .as_deref(),
        Some("KZ, PRC,")
    );
    click(&mut harness, "Relationships");
    click(&mut harness, "Add a relationship");
    assert!(harness.query_by_label("Proof: Unproven").is_some());
    click(&mut harness, "Overview");
    click(&mut harness, "Status");
    click(&mut harness, "Gathering documents");
    replace_text(
        &mut harness,
        "Reason for the change",
        "birth certificate promised",
    );
    click(&mut harness, "Change status");
    assert!(
        harness
            .query_by_label_contains("from Intake to Gathering documents")
            .is_some(),
        "the change is in the history"
    );
    let done = harness.query_all_by_label("Done").count();
    assert_eq!(done, 1, "only 'applicant and missing person' is met");

    // Autosave after a pause, with its indicator.
    let started = Instant::now();
    while harness.query_by_label("Saved").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "autosave did not happen"
        );
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    click(&mut harness, "Back to the cases");
    assert!(shows(&harness, "31 of 31 cases"));
    replace_text(&mut harness, "Search", "گۈلباھار");
    assert!(shows(&harness, "1 of 31 cases"));

    click(&mut harness, "Lock");
    assert!(!harness.state().is_unlocked());
    replace_text(&mut harness, "Passphrase", casevault::demo::DEMO_PASSPHRASE);
    harness.get_by_label("Unlock").click();
    wait_until_open(&mut harness);
    replace_text(&mut harness, "Search", "古丽巴哈尔");
    assert!(
        shows(&harness, "1 of 31 cases"),
        "found again after lock and unlock"
    );
}

#[test]
fn a_failed_save_shows_in_the_window_and_retry_saves_it() {
    let dir = tempfile::tempdir().expect("temp");
    let faults = casevault::vault::FaultyStorage::new();
    let storage = casevault::vault::FaultyHandle(std::sync::Arc::clone(&faults));
    let mut harness = demo_harness(dir.path(), Some(std::sync::Arc::new(storage)));
    click(&mut harness, "New case");
    faults.set_disk_space(0);
    replace_text(
        &mut harness,
        "Risk notes",
        "Relatives in Ghulja were questioned last week.",
    );
    let started = Instant::now();
    while harness.query_by_label_contains("Not saved").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the failure is not shown"
        );
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    assert!(harness.query_by_label_contains("disk is full").is_some());
    faults.free_disk_space();
    click(&mut harness, "Retry");
    assert!(
        harness.query_by_label("Saved").is_some(),
        "Retry saved the edit"
    );
    click(&mut harness, "Back to the cases");
    assert!(shows(&harness, "31 of 31 cases"));
}
