//! The screens: start (open or create a vault), opening (progress while the KDF runs), and the
//! open vault (case list, lock). Each draws and returns the commands the user gave.

use age::secrecy::SecretString;
use egui::Ui;
use zeroize::Zeroize;

use super::commands::Command;
use crate::tr;
use crate::ui::widgets::labelled_text;
use crate::vault::{VaultError, passphrase};

/// The start screen's form fields. Passphrases are wiped as soon as they are submitted.
#[derive(Default)]
pub struct StartForm {
    /// Recently opened vault folders, most recent first.
    pub recent: Vec<std::path::PathBuf>,
    pub open_dir: String,
    pub open_passphrase: String,
    pub new_dir: String,
    pub new_passphrase: String,
    pub new_passphrase_again: String,
}

impl StartForm {
    /// An empty form whose "new vault" folder is a fresh one under the user's data directory,
    /// and whose "open" folder is the most recent one.
    pub fn with_default_folder(recent: Vec<std::path::PathBuf>) -> Self {
        let mut form = Self::default();
        form.new_dir = default_new_vault_dir().display().to_string();
        form.open_dir = recent
            .first()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        form.recent = recent;
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

/// The start screen: open an existing vault, or create a new one.
pub fn start(ui: &mut Ui, form: &mut StartForm) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading(tr!("app-name"));
    ui.label(tr!("start-tagline"));
    ui.add_space(16.0);

    ui.group(|ui| {
        ui.heading(tr!("start-open-heading"));
        if !form.recent.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr!("start-recent"));
                for dir in form.recent.clone() {
                    if ui.button(dir.display().to_string()).clicked() {
                        form.open_dir = dir.display().to_string();
                    }
                }
            });
        }
        labelled_text(ui, &tr!("start-vault-folder"), &mut form.open_dir, false);
        let pass = labelled_text(
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
        ui.heading(tr!("start-demo-heading"));
        ui.label(tr!(
            "start-demo-hint",
            passphrase = crate::demo::DEMO_PASSPHRASE
        ));
        if ui.button(tr!("start-demo")).clicked() {
            commands.push(Command::OpenDemo);
        }
    });
    ui.add_space(16.0);

    ui.group(|ui| {
        ui.heading(tr!("start-create-heading"));
        labelled_text(ui, &tr!("start-new-vault-folder"), &mut form.new_dir, false);
        labelled_text(
            ui,
            &tr!("start-new-passphrase"),
            &mut form.new_passphrase,
            true,
        );
        labelled_text(
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
