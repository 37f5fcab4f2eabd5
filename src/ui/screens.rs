//! The screens: start (open or create a vault), opening (progress while the KDF runs), and the
//! open vault (case list, lock). Each draws and returns the commands the user gave.

use age::secrecy::SecretString;
use egui::{RichText, Ui};
use zeroize::Zeroize;

use super::commands::Command;
use crate::tr;
use crate::vault::{VaultError, passphrase};

/// The start screen's form fields. Passphrases are wiped as soon as they are submitted.
#[derive(Default)]
pub struct StartForm {
    pub open_dir: String,
    pub open_passphrase: String,
    pub new_dir: String,
    pub new_passphrase: String,
    pub new_passphrase_again: String,
}

impl StartForm {
    /// An empty form whose "new vault" folder is a fresh one under the user's data directory.
    pub fn with_default_folder() -> Self {
        let mut form = Self::default();
        form.new_dir = default_new_vault_dir().display().to_string();
        form
    }

    pub fn wipe_passphrases(&mut self) {
        self.open_passphrase.zeroize();
        self.new_passphrase.zeroize();
        self.new_passphrase_again.zeroize();
    }
}

impl Drop for StartForm {
    fn drop(&mut self) {
        self.wipe_passphrases();
    }
}

/// `~/.local/share/casevault/vaults/Casevault vault` (numbered if taken): where a new vault goes
/// unless the user types another folder.
fn default_new_vault_dir() -> std::path::PathBuf {
    let base = crate::vault::project_dirs()
        .map(|dirs| dirs.data_dir().join("vaults"))
        .unwrap_or_else(|| std::path::PathBuf::from("Casevault vaults"));
    (1..)
        .map(|n| match n {
            1 => base.join("Casevault vault"),
            n => base.join(format!("Casevault vault {n}")),
        })
        .find(|dir| !dir.exists())
        .unwrap_or(base)
}

/// A labelled single-line text field; the label is its accessible name.
fn labelled_field(ui: &mut Ui, label: &str, value: &mut String, secret: bool) -> egui::Response {
    let label = ui.label(label);
    let edit = egui::TextEdit::singleline(value)
        .password(secret)
        .desired_width(420.0);
    ui.add(edit).labelled_by(label.id)
}

/// The start screen: open an existing vault, or create a new one.
pub fn start(ui: &mut Ui, form: &mut StartForm) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading(tr!("app-name"));
    ui.label(tr!("start-tagline"));
    ui.add_space(16.0);

    ui.group(|ui| {
        ui.heading(tr!("start-open-heading"));
        labelled_field(ui, &tr!("start-vault-folder"), &mut form.open_dir, false);
        let pass = labelled_field(
            ui,
            &tr!("start-passphrase"),
            &mut form.open_passphrase,
            true,
        );
        let submitted = pass.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !form.open_dir.trim().is_empty() && !form.open_passphrase.is_empty();
        if (ui
            .add_enabled(ready, egui::Button::new(tr!("start-unlock")))
            .clicked()
            || submitted)
            && ready
        {
            commands.push(Command::Unlock {
                dir: form.open_dir.trim().into(),
                passphrase: SecretString::from(form.open_passphrase.clone()),
            });
            form.wipe_passphrases();
        }
    });
    ui.add_space(16.0);

    ui.group(|ui| {
        ui.heading(tr!("start-create-heading"));
        labelled_field(ui, &tr!("start-new-vault-folder"), &mut form.new_dir, false);
        labelled_field(
            ui,
            &tr!("start-new-passphrase"),
            &mut form.new_passphrase,
            true,
        );
        labelled_field(
            ui,
            &tr!("start-repeat-passphrase"),
            &mut form.new_passphrase_again,
            true,
        );
        let verdict = passphrase::check_new(&form.new_passphrase, &form.new_passphrase_again);
        match &verdict {
            Ok(()) => {
                ui.label(tr!("start-passphrase-ok"));
            }
            Err(VaultError::PassphraseMismatch) if form.new_passphrase_again.is_empty() => {
                ui.label(tr!("start-passphrase-repeat-hint"));
            }
            Err(reason) if !form.new_passphrase.is_empty() => {
                ui.colored_label(ui.visuals().warn_fg_color, reason.to_string());
            }
            Err(_) => {
                ui.label(tr!(
                    "start-passphrase-hint",
                    min = crate::i18n::num(passphrase::MIN_CHARS)
                ));
            }
        }
        let ready = verdict.is_ok() && !form.new_dir.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(tr!("start-create")))
            .clicked()
        {
            commands.push(Command::Create {
                dir: form.new_dir.trim().into(),
                passphrase: SecretString::from(form.new_passphrase.clone()),
            });
            form.wipe_passphrases();
        }
    });
    commands
}

/// Shown while the KDF runs on the worker thread.
pub fn opening(ui: &mut Ui, elapsed: std::time::Duration, creating: bool) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.heading(if creating {
            tr!("opening-creating")
        } else {
            tr!("opening-unlocking")
        });
        ui.label(tr!("opening-explanation"));
        // The KDF reports no progress; show expected progress against its ~1 s duration.
        let fraction = (elapsed.as_secs_f32() / 1.2).min(0.95);
        ui.add(
            egui::ProgressBar::new(fraction)
                .animate(true)
                .desired_width(300.0),
        );
    });
}

/// One row of the case list.
pub struct CaseRow {
    pub number: String,
    pub status: String,
    pub names: String,
}

/// The open vault: a top bar with Lock, any warnings, and the case list.
pub fn open_vault(ui: &mut Ui, rows: &[CaseRow], warnings: &[String]) -> Vec<Command> {
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
            });
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        for warning in warnings {
            ui.colored_label(ui.visuals().warn_fg_color, warning);
        }
        if rows.is_empty() {
            ui.add_space(20.0);
            ui.label(RichText::new(tr!("cases-empty")).size(18.0));
            ui.label(tr!("cases-empty-hint"));
            return;
        }
        egui::Grid::new("case_list").striped(true).show(ui, |ui| {
            ui.strong(tr!("cases-column-number"));
            ui.strong(tr!("cases-column-status"));
            ui.strong(tr!("cases-column-people"));
            ui.end_row();
            for row in rows {
                ui.label(&row.number);
                ui.label(&row.status);
                ui.label(&row.names);
                ui.end_row();
            }
        });
    });
    commands
}
