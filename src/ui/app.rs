//! The application state and the one place where commands are applied.

use std::time::{Duration, Instant};

use egui::Ui;

use super::backup::BackupState;
use super::case_list::{CaseListState, case_list};
use super::case_view::{self, ViewState};
use super::clipboard::ClipboardGuard;
use super::commands::Command;
use super::export::ExportState;
use super::receive::ReceiveState;
use super::scans::{FilePicker, NativeFilePicker, Scans};
use super::screens::{self, StartForm};
use super::session::{Session, Settings, today};
use super::settings;
use super::stats::StatsState;
use super::worker::{Job, PendingOpen};
use crate::media::{Decoder, Destination, attach};
use crate::tr;
use crate::vault::VaultConfig;
use std::sync::Arc;

enum Screen {
    Start,
    Opening(PendingOpen),
    Open(Box<OpenVault>),
}

/// The unlocked vault and the UI state that goes with it; all of it is dropped on lock.
struct OpenVault {
    session: Session,
    list: CaseListState,
    view: ViewState,
    settings_draft: Option<Settings>,
    scans: Scans,
    backup: BackupState,
    export: ExportState,
    receive: ReceiveState,
    stats: StatsState,
}

/// The whole app. Case data lives only inside `Screen::Open` and is dropped on lock.
pub struct CasevaultApp {
    config: VaultConfig,
    /// Where "Open the demo vault" creates and opens it.
    demo_dir: std::path::PathBuf,
    /// Where the recently opened folders are remembered.
    recent_file: Option<std::path::PathBuf>,
    screen: Screen,
    form: StartForm,
    error: Option<String>,
    /// How scans are decoded (the worker process) and chosen (the native dialog).
    decoder: Decoder,
    picker: Arc<dyn FilePicker>,
    clipboard: ClipboardGuard,
}

impl CasevaultApp {
    /// The app, with the bundled fonts installed in `ctx`.
    pub fn new(ctx: &egui::Context, config: VaultConfig) -> Self {
        super::fonts::install(ctx);
        let demo_dir = crate::vault::project_dirs()
            .map(|dirs| dirs.data_dir().join("demo vault"))
            .unwrap_or_else(|| std::path::PathBuf::from("Casevault demo vault"));
        let recent_file = super::recent::default_file();
        Self {
            config,
            demo_dir,
            form: StartForm::with_default_folder(super::recent::load(recent_file.as_deref())),
            recent_file,
            screen: Screen::Start,
            error: None,
            decoder: Decoder::this_program()
                .unwrap_or_else(|_| Decoder::new(std::path::PathBuf::from("casevault"))),
            picker: Arc::new(NativeFilePicker),
            clipboard: ClipboardGuard::default(),
        }
    }

    /// Decodes scans with this worker (tests and benchmarks name the built binary).
    pub fn with_decoder(mut self, decoder: Decoder) -> Self {
        self.decoder = decoder;
        self
    }

    /// Chooses files with this picker instead of the native dialog (tests).
    pub fn with_file_picker(mut self, picker: Arc<dyn FilePicker>) -> Self {
        self.picker = picker;
        self
    }

    /// True while scans are being chosen or imported (tests wait on it).
    pub fn scans_busy(&self) -> bool {
        match &self.screen {
            Screen::Open(open) => open.scans.busy(),
            _ => false,
        }
    }

    /// The open viewer's state, for tests and benchmarks.
    pub fn viewer_has_pixels(&self) -> bool {
        match &self.screen {
            Screen::Open(open) => open.view.viewer.as_ref().is_some_and(|v| v.has_pixels()),
            _ => false,
        }
    }

    /// Puts the demo vault somewhere else (tests keep it in a temp folder).
    pub fn with_demo_dir(mut self, dir: std::path::PathBuf) -> Self {
        self.demo_dir = dir;
        self
    }

    /// Keeps the list of recent vaults in `file` instead of the user's config folder (tests).
    pub fn with_recent_file(mut self, file: std::path::PathBuf) -> Self {
        self.form = StartForm::with_default_folder(super::recent::load(Some(&file)));
        self.recent_file = Some(file);
        self
    }

    /// True while a vault is unlocked.
    pub fn is_unlocked(&self) -> bool {
        matches!(self.screen, Screen::Open(_))
    }

    /// The unlocked session, for tests and benchmarks.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Open(open) => Some(&open.session),
            _ => None,
        }
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Unlock { dir, passphrase } => {
                self.start_opening(Job::Unlock, dir, passphrase, ctx)
            }
            Command::Create { dir, passphrase } => {
                self.start_opening(Job::Create, dir, passphrase, ctx)
            }
            Command::OpenDemo => {
                let dir = self.demo_dir.clone();
                let passphrase =
                    age::secrecy::SecretString::from(crate::demo::DEMO_PASSPHRASE.to_string());
                self.start_opening(Job::Demo, dir, passphrase, ctx);
            }
            Command::Lock => self.lock(ctx),
            Command::DismissError => self.error = None,
            Command::ShowError(message) => self.error = Some(message),
            command => self.apply_to_session(command, ctx),
        }
    }

    fn apply_to_session(&mut self, command: Command, ctx: &egui::Context) {
        let Screen::Open(open) = &mut self.screen else {
            return;
        };
        let result = match command {
            Command::NewCase => {
                let result = open.session.new_case();
                open.view = ViewState::default();
                open.list.invalidate();
                result
            }
            Command::OpenCase(id) => {
                open.view = ViewState::default();
                open.session.open_case(id)
            }
            Command::CloseCase => {
                open.session.save_open_case();
                if !open.session.has_unsaved_changes() {
                    open.session.editor = None;
                    open.list.invalidate();
                }
                Ok(())
            }
            Command::RetrySave => {
                open.session.save_open_case();
                Ok(())
            }
            Command::OpenSettings => {
                open.settings_draft = Some(open.session.settings.clone());
                Ok(())
            }
            Command::SaveSettings(mut settings) => {
                // A backup made while the settings were open is kept.
                settings.last_backup = open.session.settings.last_backup.clone();
                let result = open.session.save_settings(settings);
                if result.is_ok() {
                    open.settings_draft = None;
                }
                result
            }
            Command::CloseSettings => {
                open.settings_draft = None;
                Ok(())
            }
            Command::PickFiles(destination) => {
                open.scans.pick_files(destination, ctx);
                Ok(())
            }
            Command::ImportPaths(paths, destination) => {
                let stamp = open.session.stamp();
                open.scans.start_import(paths, destination, stamp, ctx);
                Ok(())
            }
            Command::ChooseBackupFolder => {
                open.backup.choose_folder(self.picker.clone(), ctx);
                Ok(())
            }
            Command::BackUp(dest) => {
                open.backup
                    .start(open.session.vault.backup_source(), dest, ctx);
                Ok(())
            }
            Command::ChooseExportFile(name) => {
                open.export.choose_file(self.picker.clone(), name, ctx);
                Ok(())
            }
            Command::StartExport => {
                // Edits typed just before go out with the export and are saved first.
                open.session.save_open_case();
                if let Some(editor) = &open.session.editor {
                    let stamp = (
                        open.session.settings.user(),
                        super::session::now_text(),
                        open.session.vault.vault_id().to_string(),
                    );
                    open.export.start(
                        &editor.draft,
                        open.session.vault.blob_store(),
                        self.decoder.clone(),
                        stamp,
                        ctx,
                    );
                }
                Ok(())
            }
            Command::CancelExport => {
                open.export.cancel();
                Ok(())
            }
            Command::CancelImport => {
                if let Some(job) = &open.scans.import {
                    job.cancel();
                }
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(err) = result {
            self.error = Some(err.to_string());
        }
    }

    /// Locks, after saving the open case. If that save fails the vault stays open with the
    /// error shown, so that nothing typed is lost.
    fn lock(&mut self, ctx: &egui::Context) {
        if let Screen::Open(open) = &mut self.screen {
            // Files already stored go into the case before it is saved; the rest are dropped.
            if let Some(job) = &open.scans.import {
                job.cancel();
            }
            open.export.cancel();
            take_imported(open);
            open.session.save_open_case();
            if open.session.has_unsaved_changes() {
                self.error = Some(tr!("lock-unsaved"));
                return;
            }
            // Offer the same vault again on the start screen.
            self.form.open_dir = open.session.vault.path().display().to_string();
        }
        self.clipboard.clear_now(ctx);
        // Dropping the session zeroizes the key; decrypted cases go with it, and egui's memory
        // (text-field contents and undo history) is cleared.
        self.screen = Screen::Start;
        self.form.wipe_passphrases();
        ctx.memory_mut(|memory| memory.data.clear());
    }

    fn start_opening(
        &mut self,
        job: Job,
        dir: std::path::PathBuf,
        passphrase: age::secrecy::SecretString,
        ctx: &egui::Context,
    ) {
        self.error = None;
        // The passphrase fields' state (with its undo history) lives in egui's memory: drop it
        // now rather than keep the passphrase there for the whole session.
        ctx.memory_mut(|memory| memory.data.clear());
        match PendingOpen::start(job, dir, passphrase, self.config.clone(), ctx) {
            Ok(pending) => self.screen = Screen::Opening(pending),
            Err(err) => {
                let cause = err.kind().to_string();
                self.error = Some(tr!("error-worker", cause = cause));
            }
        }
    }

    /// Moves from "opening" to "open" (or back to start with the error) when the worker is done.
    fn poll_worker(&mut self, ctx: &egui::Context) {
        let Screen::Opening(pending) = &self.screen else {
            return;
        };
        match pending.poll() {
            None => ctx.request_repaint_after(Duration::from_millis(50)),
            Some(Ok(vault)) => {
                if let Err(err) = super::recent::remember(
                    &mut self.form.recent,
                    vault.path(),
                    self.recent_file.as_deref(),
                ) {
                    self.error = Some(tr!("recent-not-saved", cause = err.kind().to_string()));
                }
                let scans = Scans::new(
                    vault.blob_store(),
                    self.decoder.clone(),
                    self.picker.clone(),
                );
                self.screen = Screen::Open(Box::new(OpenVault {
                    session: Session::new(vault),
                    list: CaseListState::default(),
                    view: ViewState::default(),
                    settings_draft: None,
                    scans,
                    backup: BackupState::default(),
                    export: ExportState::default(),
                    receive: ReceiveState::default(),
                    stats: StatsState::default(),
                }));
            }
            Some(Err(err)) => {
                self.error = Some(err.to_string());
                self.screen = Screen::Start;
            }
        }
    }

    /// Autosave and idle lock, once per frame.
    fn housekeeping(&mut self, ctx: &egui::Context) {
        let Screen::Open(open) = &mut self.screen else {
            return;
        };
        let now = Instant::now();
        let active = ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving());
        // Work in progress (an import, an export, a backup) counts as activity: the idle lock
        // would cancel it.
        let working =
            open.scans.busy() || open.export.busy() || open.receive.busy() || open.backup.busy();
        if active || working {
            open.session.last_activity = now;
        }
        let picked = take_imported(open);
        if let Some((destination, paths)) = picked {
            let stamp = open.session.stamp();
            open.scans.start_import(paths, destination, stamp, ctx);
        }
        if let Some((dest, result)) = open.backup.poll() {
            open.backup.message = Some(match result {
                Ok(report) if report.is_good() => match open.session.record_backup(&dest) {
                    Ok(()) => (report.summary(&dest), false),
                    Err(err) => {
                        let reason = err.to_string();
                        (tr!("backup-not-recorded", reason = reason), true)
                    }
                },
                Ok(report) => (report.summary(&dest), true),
                Err(err) => (err.to_string(), true),
            });
        }
        if let Some((running, result)) = open.export.poll() {
            open.export.message = Some(match open.session.editor.as_mut() {
                Some(editor) if editor.draft.id == running.case => {
                    let message = super::export::finish(&mut editor.draft, &running, result);
                    open.session.save_open_case();
                    message
                }
                // The case view cannot be left while exporting; this is only a safety net.
                _ => (tr!("export-case-closed"), true),
            });
        }
        if open.scans.busy() || open.backup.busy() || open.export.busy() || open.receive.busy() {
            // Scans arrive from other threads; keep the progress bar moving.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        open.session.autosave(now);
        if open.session.has_unsaved_changes() {
            ctx.request_repaint_after(super::session::AUTOSAVE_DELAY);
        }
        let minimised = ctx.input(|i| i.viewport().minimized == Some(true));
        if open.session.idle_lock_due(now)
            || (minimised && open.session.settings.lock_when_minimised)
        {
            self.lock(ctx);
        } else {
            let idle = now.duration_since(open.session.last_activity);
            ctx.request_repaint_after(open.session.idle_limit().saturating_sub(idle));
        }
    }
}

impl eframe::App for CasevaultApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        // A bug anywhere in a frame must not take the window down with the vault open: the
        // vault is locked instead (acknowledged saves are on disk already) and the user told.
        let frame = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.frame(ui)));
        if frame.is_err() {
            self.recover_from_panic(ui.ctx());
        }
    }
}

impl CasevaultApp {
    /// After a panic in a frame: drops the open vault without saving the draft (it may be half
    /// changed; every save already acknowledged is durable), forgets every decrypted thing,
    /// and says what happened on the start screen, where the vault can be opened again.
    pub fn recover_from_panic(&mut self, ctx: &egui::Context) {
        if let Screen::Open(open) = &self.screen {
            if let Some(job) = &open.scans.import {
                job.cancel();
            }
            self.form.open_dir = open.session.vault.path().display().to_string();
        }
        self.screen = Screen::Start;
        self.form.wipe_passphrases();
        self.clipboard.clear_now(ctx);
        ctx.memory_mut(|memory| memory.data.clear());
        self.error = Some(tr!("error-panic"));
    }

    fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_worker(&ctx);
        let mut commands = Vec::new();
        if let Some(error) = &self.error {
            let mut dismissed = false;
            egui::Panel::top("error_bar").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                    dismissed = ui.button(tr!("error-dismiss")).clicked();
                });
            });
            if dismissed {
                commands.push(Command::DismissError);
            }
        }
        match &mut self.screen {
            Screen::Start => {
                egui::CentralPanel::default().show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| commands.extend(screens::start(ui, &mut self.form)));
                });
            }
            Screen::Opening(pending) => {
                let (elapsed, creating) = (pending.started().elapsed(), pending.creating);
                egui::CentralPanel::default()
                    .show(ui, |ui| screens::opening(ui, elapsed, creating));
            }
            Screen::Open(open) => {
                commands.extend(dropped_files(&ctx, open));
                commands.extend(open_vault_ui(ui, open, &self.decoder, &self.picker));
                drop_veil(&ctx, ui, open);
                if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::L)) {
                    commands.push(Command::Lock);
                }
            }
        }
        for command in commands {
            self.apply(command, &ctx);
        }
        self.housekeeping(&ctx);
        self.clipboard.watch(&ctx, Instant::now());
    }
}

/// Puts the files the import has finished into the open case and saves it at once (the blobs
/// are already durable; the case must name them). Returns files chosen in the dialog.
fn take_imported(open: &mut OpenVault) -> Option<(Destination, Vec<std::path::PathBuf>)> {
    let (arrived, picked) = open.scans.poll();
    if arrived.imported.is_empty() {
        return picked;
    }
    match open.session.editor.as_mut() {
        Some(editor) => {
            let mut last = None;
            for (destination, imported) in arrived.imported {
                last = Some(attach(&mut editor.draft, destination, imported));
            }
            if open.view.document.is_none() || arrived.finished {
                open.view.document = last.or(open.view.document);
            }
            open.session.save_open_case();
        }
        None => open.scans.messages.push(tr!("scans-no-case-open")),
    }
    picked
}

/// Files dropped on the window go into the open case: into the document shown on the documents
/// tab, or as new documents.
fn dropped_files(ctx: &egui::Context, open: &mut OpenVault) -> Option<Command> {
    let paths: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    if paths.is_empty() {
        return None;
    }
    if open.session.editor.is_none() {
        open.scans.messages.clear();
        return Some(Command::ShowError(tr!("scans-drop-open-case-first")));
    }
    let destination = match (open.view.tab, open.view.document) {
        (case_view::Tab::Documents, Some(id)) => Destination::Document(id),
        _ => Destination::NewDocuments,
    };
    open.view.tab = case_view::Tab::Documents;
    Some(Command::ImportPaths(paths, destination))
}

/// While files are dragged over the window: a veil saying where they will go.
fn drop_veil(ctx: &egui::Context, ui: &Ui, open: &OpenVault) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let text = match (&open.session.editor, open.view.tab, open.view.document) {
        (None, ..) => tr!("scans-drop-open-case-first"),
        (Some(_), case_view::Tab::Documents, Some(_)) => tr!("scans-drop-into-document"),
        (Some(_), ..) => tr!("scans-drop-as-new-documents"),
    };
    let rect = ui.max_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_veil"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// The open vault: a top bar (settings, lock), then settings, the open case, or the case list.
fn open_vault_ui(
    ui: &mut Ui,
    open: &mut OpenVault,
    decoder: &Decoder,
    picker: &Arc<dyn FilePicker>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("vault_top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(tr!("vault-cases-heading"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(tr!("vault-lock"))
                    .on_hover_text(tr!("vault-lock-hint"))
                    .clicked()
                {
                    commands.push(Command::Lock);
                }
                if ui.button(tr!("vault-settings")).clicked() {
                    commands.push(Command::OpenSettings);
                }
            });
        });
    });
    let today = today();
    egui::CentralPanel::default().show(ui, |ui| {
        for warning in open.session.vault.warnings() {
            ui.colored_label(ui.visuals().warn_fg_color, warning.to_string());
        }
        if let Some(draft) = open.settings_draft.as_mut() {
            let public_key = open.session.vault.recipient();
            commands.extend(settings::show(ui, draft, &public_key));
            ui.separator();
            commands.extend(super::backup::show(
                ui,
                &mut open.backup,
                open.session.settings.last_backup.as_ref(),
            ));
            ui.separator();
            open.stats.show(ui, &open.session, picker);
        } else if let Some(editor) = open.session.editor.as_mut() {
            let user = open.session.settings.user();
            let context = case_view::Context {
                user: &user,
                bureau: &open.session.settings.bureau_name,
                today,
            };
            commands.extend(case_view::case_view(
                ui,
                editor,
                &mut open.view,
                &context,
                &mut open.scans,
                &mut open.export,
            ));
        } else {
            // A colleague's bundle or hand-off, imported above the list it joins.
            if open
                .receive
                .show(ui, &mut open.session, decoder, picker)
                .is_some()
            {
                open.list.invalidate();
            }
            commands.extend(case_list(ui, &open.session.rows, &mut open.list, today));
        }
    });
    commands
}
