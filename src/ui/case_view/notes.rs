//! The notes tab (dated notes by their author) and the custody log (read-only by nature: it is
//! an append-only, hash-chained record of what happened to the case's files).

use egui::Ui;

use super::{Context, ViewState};
use crate::model::{Case, Note};
use crate::tr;
use crate::ui::labels::Labelled;
use crate::ui::session::now_text;
use crate::ui::widgets::text_area;

pub fn show(ui: &mut Ui, case: &mut Case, view: &mut ViewState, context: &Context<'_>) {
    for note in case.notes.iter().rev() {
        ui.group(|ui| {
            ui.weak(tr!("notes-by", by = note.by.clone(), at = note.at.clone()));
            ui.label(&note.text);
        });
    }
    text_area(ui, &tr!("notes-new"), &mut view.new_note);
    if ui
        .add_enabled(
            !view.new_note.trim().is_empty(),
            egui::Button::new(tr!("notes-add")),
        )
        .clicked()
    {
        case.notes.push(Note {
            by: context.user.to_string(),
            at: now_text(),
            text: std::mem::take(&mut view.new_note),
        });
    }
}

pub fn custody(ui: &mut Ui, case: &Case) {
    let log = &case.custody;
    if log.entries().is_empty() {
        ui.label(tr!("custody-empty"));
        return;
    }
    match log.first_break() {
        None => ui.label(tr!("custody-intact")),
        Some(n) => ui.colored_label(
            ui.visuals().error_fg_color,
            tr!("custody-broken", line = crate::i18n::num(n + 1)),
        ),
    };
    egui::Grid::new("custody").striped(true).show(ui, |ui| {
        for entry in log.entries() {
            ui.label(&entry.at);
            ui.label(&entry.actor);
            ui.label(entry.action.label());
            ui.monospace(&entry.sha256[..entry.sha256.len().min(16)]);
            ui.label(&entry.details);
            ui.end_row();
        }
    });
}
