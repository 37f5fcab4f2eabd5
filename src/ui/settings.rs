//! The settings panel: idle lock time, case number prefix, the user's name as written in
//! "original seen by", the status history and the custody log, the bureau's name for dossier
//! covers (all stored encrypted in the vault), and the vault's public key to give colleagues.

use egui::Ui;

use super::commands::Command;
use super::session::Settings;
use crate::tr;
use crate::ui::widgets::text_field;

/// Draws the settings; `public_key` is the vault's own age recipient (`age1…`).
pub fn show(ui: &mut Ui, draft: &mut Settings, public_key: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading(tr!("settings-heading"));
    text_field(ui, &tr!("settings-user-name"), &mut draft.user_name);
    text_field(ui, &tr!("settings-bureau-name"), &mut draft.bureau_name);
    text_field(ui, &tr!("settings-case-prefix"), &mut draft.case_prefix);
    ui.horizontal(|ui| {
        let label = ui.label(tr!("settings-idle-lock"));
        ui.add(
            egui::DragValue::new(&mut draft.idle_lock_minutes)
                .range(1..=240)
                .suffix(tr!("settings-minutes-suffix")),
        )
        .labelled_by(label.id);
    });
    ui.checkbox(
        &mut draft.lock_when_minimised,
        tr!("settings-lock-when-minimised"),
    );
    let prefix_ok = !draft.case_prefix.trim().is_empty()
        && draft.case_prefix.chars().all(|c| c.is_alphanumeric());
    if !prefix_ok {
        ui.colored_label(ui.visuals().warn_fg_color, tr!("settings-prefix-invalid"));
    }
    public_key_row(ui, public_key);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(prefix_ok, egui::Button::new(tr!("settings-save")))
            .clicked()
        {
            commands.push(Command::SaveSettings(draft.clone()));
        }
        if ui.button(tr!("settings-cancel")).clicked() {
            commands.push(Command::CloseSettings);
        }
    });
    commands
}

/// The vault's public key, selectable and with a copy button: colleagues encrypt hand-offs to it.
fn public_key_row(ui: &mut Ui, public_key: &str) {
    ui.label(tr!("settings-public-key"));
    ui.horizontal(|ui| {
        let mut shown = public_key;
        ui.add(
            egui::TextEdit::singleline(&mut shown)
                .font(egui::TextStyle::Monospace)
                .desired_width(560.0),
        );
        if ui.button(tr!("settings-copy-public-key")).clicked() {
            ui.ctx().copy_text(public_key.to_string());
        }
    });
}
