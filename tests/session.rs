//! The open-vault session behind the window: autosave after a pause, a failed save that keeps
//! the edit and shows "failed" until Retry works, idle lock timing, settings kept in the vault.

mod common;

use std::time::{Duration, Instant};

use casevault::model::{NameKind, Person, PersonName, Role, Script};
use casevault::ui::session::{AUTOSAVE_DELAY, SaveState, Session, Settings};
use common::TestDir;

fn person(name: &str) -> Person {
    Person {
        roles: vec![Role::MissingPerson],
        names: vec![PersonName {
            script: Script::Chinese,
            text: name.to_string(),
            kind: NameKind::Legal,
            source: None,
        }],
        ..Person::default()
    }
}

#[test]
fn edits_are_saved_after_a_pause_and_a_failed_save_keeps_the_edit_until_retry() {
    let test = TestDir::new();
    test.create().lock();
    let (vault, faults) = test.unlock_faulty();
    let mut session = Session::new(vault);
    session.new_case().expect("new case");
    let case_id = session.editor.as_ref().expect("open").draft.id;

    let start = Instant::now();
    session
        .editor
        .as_mut()
        .expect("open")
        .draft
        .people
        .push(person("古丽巴哈尔"));
    session.autosave(start);
    assert_eq!(
        session.editor.as_ref().expect("open").save_state,
        SaveState::Pending
    );
    session.autosave(start + AUTOSAVE_DELAY / 2);
    assert_eq!(
        session.editor.as_ref().expect("open").save_state,
        SaveState::Pending,
        "not before the pause"
    );
    session.autosave(start + AUTOSAVE_DELAY + Duration::from_millis(1));
    assert_eq!(
        session.editor.as_ref().expect("open").save_state,
        SaveState::Saved
    );
    assert!(
        session
            .rows
            .iter()
            .any(|r| r.summary.names.contains(&"古丽巴哈尔".to_string()))
    );

    faults.set_disk_space(0);
    session
        .editor
        .as_mut()
        .expect("open")
        .draft
        .people
        .push(person("阿依古丽"));
    let later = start + Duration::from_secs(5);
    session.autosave(later);
    session.autosave(later + AUTOSAVE_DELAY);
    let state = session.editor.as_ref().expect("open").save_state.clone();
    assert!(
        matches!(&state, SaveState::Failed(message) if message.contains("disk is full")),
        "{state:?}"
    );
    assert!(session.has_unsaved_changes(), "the edit is kept");
    faults.free_disk_space();
    session.save_open_case();
    assert_eq!(
        session.editor.as_ref().expect("open").save_state,
        SaveState::Saved,
        "Retry works"
    );
    drop(session);

    let vault = test.unlock();
    let case: casevault::model::Case = vault
        .get_record(&casevault::vault::RecordId(case_id.0))
        .expect("stored");
    assert_eq!(case.people.len(), 2);
}

#[test]
fn idle_lock_follows_the_setting_and_settings_live_in_the_vault() {
    let test = TestDir::new();
    let mut session = Session::new(test.create());
    let now = Instant::now();
    session.last_activity = now;
    assert!(!session.idle_lock_due(now + Duration::from_secs(4 * 60)));
    assert!(
        session.idle_lock_due(now + Duration::from_secs(5 * 60)),
        "default 5 minutes"
    );
    let settings = Settings {
        idle_lock_minutes: 15,
        case_prefix: "KZB".into(),
        user_name: "Lawyer A".into(),
        last_backup: None,
        lock_when_minimised: true,
        bureau_name: "Legal Aid Bureau Ә".into(),
    };
    session
        .save_settings(settings.clone())
        .expect("save settings");
    assert!(!session.idle_lock_due(now + Duration::from_secs(10 * 60)));
    session.new_case().expect("new case");
    assert!(
        session
            .editor
            .as_ref()
            .expect("open")
            .draft
            .number
            .starts_with("KZB-")
    );
    drop(session);
    let session = Session::new(test.unlock());
    assert_eq!(session.settings, settings);
}
