//! "Back up vault to…" in the settings: a folder typed or chosen, the copy and its check on a
//! background thread with a progress bar, the result, and when the last good backup was made.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::Ui;

use super::background::Background;
use super::commands::Command;
use super::path_choice::PathChoice;
use super::scans::FilePicker;
use super::session::BackupRecord;
use crate::tr;
use crate::ui::widgets::status_message;
use crate::vault::{BackupReport, BackupSource, VaultError};

/// Files done and total, updated by the backup thread.
#[derive(Default)]
struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

/// The backup part of an open vault's state.
#[derive(Default)]
pub struct BackupState {
    pub folder: String,
    running: Option<(PathBuf, Background<Result<BackupReport, VaultError>>)>,
    choosing: PathChoice,
    progress: Arc<Progress>,
    /// The last result, and whether it is an error.
    pub message: Option<(String, bool)>,
}

impl BackupState {
    pub fn busy(&self) -> bool {
        self.running.is_some() || self.choosing.busy()
    }

    /// Starts copying the vault to `dest` on a background thread.
    pub fn start(&mut self, source: BackupSource, dest: PathBuf, ctx: &egui::Context) {
        if self.running.is_some() {
            return;
        }
        self.message = None;
        self.progress = Arc::new(Progress::default());
        let (progress, target, wake) = (self.progress.clone(), dest.clone(), ctx.clone());
        let job = Background::spawn("casevault-backup", ctx, move || {
            source.copy_to(&target, &mut |done, total| {
                progress.done.store(done, Ordering::Relaxed);
                progress.total.store(total, Ordering::Relaxed);
                wake.request_repaint();
            })
        });
        match job {
            Ok(job) => self.running = Some((dest, job)),
            Err(_) => self.message = Some((tr!("scans-thread-failed"), true)),
        }
    }

    /// Opens the folder dialog on its own thread.
    pub fn choose_folder(&mut self, picker: Arc<dyn FilePicker>, ctx: &egui::Context) {
        if let Err(message) = self.choosing.start(ctx, move || picker.pick_folder()) {
            self.message = Some((message, true));
        }
    }

    /// A finished backup (the folder, and what happened), once.
    pub fn poll(&mut self) -> Option<(PathBuf, Result<BackupReport, VaultError>)> {
        if self.choosing.poll(&mut self.folder) == Some(false) {
            self.message = Some((tr!("backup-no-folder-chosen"), true));
        }
        let (_, job) = self.running.as_ref()?;
        let result = job.poll()?;
        let (dest, _) = self.running.take()?;
        Some((dest, result.unwrap_or(Err(VaultError::Interrupted))))
    }
}

/// The backup section of the settings screen.
pub fn show(ui: &mut Ui, state: &mut BackupState, last: Option<&BackupRecord>) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading(tr!("backup-heading"));
    ui.label(tr!("backup-explain"));
    match last {
        Some(record) => ui.label(tr!(
            "backup-last",
            at = record.at.clone(),
            path = record.to.clone()
        )),
        None => ui.label(tr!("backup-never")),
    };
    if state.running.is_some() {
        let (done, total) = (
            state.progress.done.load(Ordering::Relaxed),
            state.progress.total.load(Ordering::Relaxed),
        );
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                    .desired_width(260.0)
                    .animate(true),
            );
            ui.label(tr!(
                "backup-running",
                done = crate::i18n::num(done as usize),
                total = crate::i18n::num(total as usize)
            ));
        });
    } else {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr!("backup-folder"));
            ui.add(
                egui::TextEdit::singleline(&mut state.folder)
                    .desired_width(360.0)
                    .hint_text(tr!("backup-folder-hint")),
            )
            .labelled_by(label.id);
            if ui.button(tr!("backup-choose-folder")).clicked() {
                commands.push(Command::ChooseBackupFolder);
            }
            let folder = state.folder.trim();
            if ui
                .add_enabled(!folder.is_empty(), egui::Button::new(tr!("backup-now")))
                .clicked()
            {
                commands.push(Command::BackUp(PathBuf::from(folder)));
            }
        });
    }
    status_message(ui, &state.message);
    commands
}
