//! "Statistics for reports" in the settings: the counts of `export::stats` (by status, region,
//! year opened, referral outcome) written as a CSV file chosen in the dialog or typed. Counts
//! only: no names or numbers leave the vault this way.

use std::path::Path;
use std::sync::Arc;

use egui::Ui;

use super::path_choice::PathChoice;
use super::scans::FilePicker;
use super::session::Session;
use super::widgets::status_message;
use crate::export::stats;
use crate::tr;
use crate::vault::Vault;

/// The statistics section's state.
#[derive(Default)]
pub struct StatsState {
    pub path: String,
    choosing: PathChoice,
    pub message: Option<(String, bool)>,
}

impl StatsState {
    /// Draws the section; writes the file when asked.
    pub fn show(&mut self, ui: &mut Ui, session: &Session, picker: &Arc<dyn FilePicker>) {
        if self.choosing.poll(&mut self.path) == Some(false) {
            self.message = Some((tr!("export-no-file-chosen"), true));
        }
        ui.heading(tr!("stats-heading"));
        ui.label(tr!("stats-explain"));
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr!("stats-file"));
            ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .hint_text("casevault-statistics.csv")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(
                    !self.choosing.busy(),
                    egui::Button::new(tr!("export-choose-file")),
                )
                .clicked()
            {
                let picker = picker.clone();
                let started = self.choosing.start(ui.ctx(), move || {
                    picker.save_file("casevault-statistics.csv")
                });
                if let Err(message) = started {
                    self.message = Some((message, true));
                }
            }
        });
        if ui.button(tr!("stats-write")).clicked() {
            self.message = Some(match self.write(&session.vault) {
                Ok(message) => (message, false),
                Err(message) => (message, true),
            });
        }
        status_message(ui, &self.message);
    }

    /// Writes the statistics of every case to the chosen file.
    fn write(&self, vault: &Vault) -> Result<String, String> {
        let path = self.path.trim();
        if path.is_empty() {
            return Err(tr!("export-no-path"));
        }
        let cases = stats::write_csv(vault, Path::new(path)).map_err(|e| e.to_string())?;
        Ok(tr!(
            "cli-stats-done",
            path = path.to_string(),
            cases = crate::i18n::num(cases)
        ))
    }
}
