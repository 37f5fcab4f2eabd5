//! An unlocked vault as the UI sees it: the case list rows (from summaries), the settings, and
//! the case being edited with its autosave state. All writes to the vault happen here, called
//! from `CasevaultApp::apply`; views only edit drafts and return commands.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

pub use crate::model::record_id;
use crate::model::{CASE_KIND, Case, CaseSummary, Day, case_write_summarised};
use crate::vault::{RecordId, RecordWrite, Vault, VaultError};

/// The record kind and fixed id of the vault's settings.
const SETTINGS_KIND: &str = "settings";
const SETTINGS_ID: RecordId = RecordId(uuid::Uuid::from_u128(
    0x5e77_1165_0000_4000_8000_0000_0000_0001,
));

/// How long after the last keystroke a changed case is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(600);

/// Settings kept inside the vault (so they travel with it and stay encrypted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Minutes without input after which the vault locks.
    pub idle_lock_minutes: u32,
    /// Case numbers are `PREFIX-YEAR-NNNN`.
    pub case_prefix: String,
    /// The user's name as recorded in "seen by", status history and the custody log.
    pub user_name: String,
    /// When and where the vault was last backed up (and checked).
    pub last_backup: Option<BackupRecord>,
    /// Lock as soon as the window is minimised.
    pub lock_when_minimised: bool,
    /// The bureau's name, for the dossier's cover.
    pub bureau_name: String,
}

/// A backup that was made and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRecord {
    /// RFC 3339 time.
    pub at: String,
    /// The folder it went to.
    pub to: String,
}

impl Settings {
    /// The settings stored in the vault (defaults when there are none, or they do not read).
    pub fn load(vault: &Vault) -> Self {
        if vault.record_ref(&SETTINGS_ID).is_some() {
            vault.get_record(&SETTINGS_ID).unwrap_or_default()
        } else {
            Settings::default()
        }
    }

    /// The name recorded in the window ("seen by", custody log), or a reminder to set it.
    pub fn user(&self) -> String {
        self.actor(crate::tr!("user-unnamed"))
    }

    /// The name recorded as the actor ("seen by", custody log), or `fallback` when unset.
    pub fn actor(&self, fallback: String) -> String {
        if self.user_name.trim().is_empty() {
            fallback
        } else {
            self.user_name.clone()
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            idle_lock_minutes: 5,
            case_prefix: "CASE".to_string(),
            user_name: String::new(),
            last_backup: None,
            lock_when_minimised: false,
            bureau_name: String::new(),
        }
    }
}

/// One row of the case list.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub id: RecordId,
    pub summary: CaseSummary,
    /// What search matches against (see `search::haystack`).
    pub search_text: String,
}

impl CaseRow {
    pub fn new(id: RecordId, summary: CaseSummary) -> Self {
        let search_text = crate::search::haystack(&summary);
        Self {
            id,
            summary,
            search_text,
        }
    }
}

/// Where the last save of the open case stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Changed; will be saved shortly.
    Pending,
    Failed(String),
}

/// The case open in the case view.
pub struct CaseEditor {
    pub saved: Case,
    pub draft: Case,
    pub save_state: SaveState,
    pub last_edit: Instant,
}

impl CaseEditor {
    /// An editor on a case as stored.
    fn new(case: Case) -> Self {
        Self {
            saved: case.clone(),
            draft: case,
            save_state: SaveState::Saved,
            last_edit: Instant::now(),
        }
    }
}

/// Everything that exists only while the vault is unlocked.
pub struct Session {
    pub vault: Vault,
    pub rows: Vec<CaseRow>,
    pub settings: Settings,
    pub editor: Option<CaseEditor>,
    pub last_activity: Instant,
}

/// Today's date (UTC), for overdue follow-ups and "seen today".
pub fn today() -> Day {
    let text = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    Day::parse_iso(&text[..10]).unwrap_or_else(|| Day::new(2026, 1, 1).expect("a valid day"))
}

/// The current time, RFC 3339.
pub fn now_text() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

impl Session {
    pub fn new(vault: Vault) -> Self {
        let settings = Settings::load(&vault);
        let mut session = Self {
            vault,
            rows: Vec::new(),
            settings,
            editor: None,
            last_activity: Instant::now(),
        };
        session.reload_rows();
        session
    }

    /// Rebuilds the rows from the vault's summaries.
    pub fn reload_rows(&mut self) {
        self.rows = self
            .vault
            .records()
            .filter(|(_, entry)| entry.kind == CASE_KIND)
            .map(|(id, entry)| {
                CaseRow::new(
                    *id,
                    CaseSummary::from_stored(entry.summary.as_deref()).unwrap_or_default(),
                )
            })
            .collect();
    }

    /// Creates a new, empty case with the next number and opens it.
    pub fn new_case(&mut self) -> Result<(), VaultError> {
        let year = today().year;
        let number = Case::next_number(
            &self.settings.case_prefix,
            year,
            self.rows.iter().map(|r| r.summary.number.as_str()),
        );
        let case = Case {
            number,
            opened_at: now_text(),
            ..Case::default()
        };
        self.store(&case)?;
        self.editor = Some(CaseEditor::new(case));
        Ok(())
    }

    /// Opens a case for editing (decrypts it).
    pub fn open_case(&mut self, id: RecordId) -> Result<(), VaultError> {
        let case: Case = self.vault.get_record(&id)?;
        self.editor = Some(CaseEditor::new(case));
        Ok(())
    }

    /// Saves the open case if it changed; keeps the draft and the error if saving fails.
    pub fn save_open_case(&mut self) {
        let Some(editor) = self.editor.as_ref() else {
            return;
        };
        if editor.draft == editor.saved {
            return;
        }
        let draft = editor.draft.clone();
        let result = self.store(&draft);
        if let Some(editor) = self.editor.as_mut() {
            match result {
                Ok(()) => {
                    editor.saved = draft;
                    editor.save_state = SaveState::Saved;
                }
                Err(err) => editor.save_state = SaveState::Failed(err.to_string()),
            }
        }
    }

    /// Marks edits and saves when the user paused long enough.
    pub fn autosave(&mut self, now: Instant) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        if editor.draft == editor.saved {
            if editor.save_state == SaveState::Pending {
                editor.save_state = SaveState::Saved;
            }
            return;
        }
        if editor.save_state == SaveState::Saved {
            editor.save_state = SaveState::Pending;
            editor.last_edit = now;
        }
        if editor.save_state == SaveState::Pending
            && now.duration_since(editor.last_edit) >= AUTOSAVE_DELAY
        {
            self.save_open_case();
        }
    }

    /// True when the vault has been idle for the configured time and should lock.
    pub fn idle_lock_due(&self, now: Instant) -> bool {
        now.duration_since(self.last_activity) >= self.idle_limit()
    }

    /// How long the vault may stay idle.
    pub fn idle_limit(&self) -> Duration {
        Duration::from_secs(u64::from(self.settings.idle_lock_minutes.max(1)) * 60)
    }

    /// True when the open case has changes that are not saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.editor.as_ref().is_some_and(|e| e.draft != e.saved)
    }

    /// Notes a good backup in the settings (stored in the vault).
    pub fn record_backup(&mut self, to: &std::path::Path) -> Result<(), VaultError> {
        let mut settings = self.settings.clone();
        settings.last_backup = Some(BackupRecord {
            at: now_text(),
            to: to.display().to_string(),
        });
        self.save_settings(settings)
    }

    /// Who and when, for files imported now.
    pub fn stamp(&self) -> crate::media::Stamp {
        crate::media::Stamp {
            by: self.settings.user(),
            at: now_text(),
        }
    }

    /// Saves the settings into the vault.
    pub fn save_settings(&mut self, settings: Settings) -> Result<(), VaultError> {
        self.vault.put_record(RecordWrite {
            id: SETTINGS_ID,
            kind: SETTINGS_KIND,
            value: &settings,
            summary: None,
            blobs: vec![],
        })?;
        self.settings = settings;
        Ok(())
    }

    fn store(&mut self, case: &Case) -> Result<(), VaultError> {
        let summary = CaseSummary::of(case);
        let write = case_write_summarised(case, &summary);
        let id = write.id;
        self.vault.put_record(write)?;
        match self.rows.iter_mut().find(|r| r.id == id) {
            Some(row) => *row = CaseRow::new(id, summary),
            None => self.rows.push(CaseRow::new(id, summary)),
        }
        Ok(())
    }
}
