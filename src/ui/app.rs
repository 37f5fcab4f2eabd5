//! The application state and the one place where commands are applied.

use egui::Ui;

use super::commands::Command;
use super::screens::{self, CaseRow, StartForm};
use super::worker::{Job, PendingOpen};
use crate::model::{CASE_KIND, CaseSummary};
use crate::vault::{Vault, VaultConfig};

enum Screen {
    Start,
    Opening(PendingOpen),
    Open {
        vault: Box<Vault>,
        rows: Vec<CaseRow>,
    },
}

/// The whole app. Case data lives only inside `Screen::Open` and is dropped on lock.
pub struct CasevaultApp {
    config: VaultConfig,
    screen: Screen,
    form: StartForm,
    error: Option<String>,
}

impl CasevaultApp {
    /// The app, with the bundled fonts installed in `ctx`.
    pub fn new(ctx: &egui::Context, config: VaultConfig) -> Self {
        super::fonts::install(ctx);
        Self {
            config,
            screen: Screen::Start,
            form: StartForm::with_default_folder(),
            error: None,
        }
    }

    /// True while a vault is unlocked.
    pub fn is_unlocked(&self) -> bool {
        matches!(self.screen, Screen::Open { .. })
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
            Command::Lock => {
                if let Screen::Open { vault, .. } = &self.screen {
                    // Offer the same vault again on the start screen.
                    self.form.open_dir = vault.path().display().to_string();
                }
                // Dropping the vault zeroizes the key; the rows go with it.
                self.screen = Screen::Start;
                self.form.wipe_passphrases();
            }
            Command::DismissError => self.error = None,
        }
    }

    fn start_opening(
        &mut self,
        job: Job,
        dir: std::path::PathBuf,
        passphrase: age::secrecy::SecretString,
        ctx: &egui::Context,
    ) {
        self.error = None;
        let wake = ctx.clone();
        match PendingOpen::start(job, dir, passphrase, self.config.clone(), move || {
            wake.request_repaint()
        }) {
            Ok(pending) => self.screen = Screen::Opening(pending),
            Err(err) => {
                let cause = err.kind().to_string();
                self.error = Some(crate::tr!("error-worker", cause = cause));
            }
        }
    }

    /// Moves from "opening" to "open" (or back to start with the error) when the worker is done.
    fn poll_worker(&mut self, ctx: &egui::Context) {
        let Screen::Opening(pending) = &self.screen else {
            return;
        };
        match pending.poll() {
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            Some(Ok(vault)) => {
                let rows = case_rows(&vault);
                self.screen = Screen::Open {
                    vault: Box::new(vault),
                    rows,
                };
            }
            Some(Err(err)) => {
                self.error = Some(err.to_string());
                self.screen = Screen::Start;
            }
        }
    }
}

/// The case list rows from the vault's summaries, sorted by case number.
fn case_rows(vault: &Vault) -> Vec<CaseRow> {
    let mut rows: Vec<CaseRow> = vault
        .records()
        .filter(|(_, entry)| entry.kind == CASE_KIND)
        .map(|(_, entry)| {
            let summary = CaseSummary::from_stored(entry.summary.as_deref()).unwrap_or_default();
            CaseRow {
                number: summary.number,
                status: summary.status,
                names: summary.names.join(" · "),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.number.cmp(&b.number));
    rows
}

impl eframe::App for CasevaultApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_worker(&ctx);
        let mut commands = Vec::new();
        if let Some(error) = &self.error {
            let mut dismissed = false;
            egui::Panel::top("error_bar").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                    dismissed = ui.button(crate::tr!("error-dismiss")).clicked();
                });
            });
            if dismissed {
                commands.push(Command::DismissError);
            }
        }
        match &self.screen {
            Screen::Start => {
                egui::CentralPanel::default().show(ui, |ui| {
                    commands.extend(screens::start(ui, &mut self.form));
                });
            }
            Screen::Opening(pending) => {
                let (elapsed, creating) = (pending.started.elapsed(), pending.creating);
                egui::CentralPanel::default()
                    .show(ui, |ui| screens::opening(ui, elapsed, creating));
            }
            Screen::Open { vault, rows } => {
                let warnings: Vec<String> =
                    vault.warnings().iter().map(ToString::to_string).collect();
                commands.extend(screens::open_vault(ui, rows, &warnings));
                if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::L)) {
                    commands.push(Command::Lock);
                }
            }
        }
        for command in commands {
            self.apply(command, &ctx);
        }
    }
}
