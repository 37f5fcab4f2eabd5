//! Small shared widgets: labelled text fields (the label is the accessible name), and a date
//! field that accepts the notations `FlexiDate` understands and says when it cannot.

use egui::Ui;

use crate::model::{Day, FlexiDate};
use crate::tr;

/// A labelled single-line text field; returns true when the text changed.
pub fn text_field(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    labelled_text(ui, label, value, false).changed()
}

/// A labelled single-line field, optionally masked (passphrases).
pub fn labelled_text(ui: &mut Ui, label: &str, value: &mut String, secret: bool) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(value)
                .password(secret)
                .desired_width(360.0),
        )
        .labelled_by(label.id)
    })
    .inner
}

/// A labelled passphrase field: masked, and keeping no undo history (egui keeps one per text
/// field, which would hold every earlier state of the passphrase).
pub fn secret_field(ui: &mut Ui, label: &str, value: &mut String, id: egui::Id) -> egui::Response {
    let response = ui
        .horizontal(|ui| {
            let label = ui.label(label);
            ui.add(
                egui::TextEdit::singleline(value)
                    .id(id)
                    .password(true)
                    .desired_width(280.0),
            )
            .labelled_by(label.id)
        })
        .inner;
    if let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), id) {
        state.set_undoer(Default::default());
        state.store(ui.ctx(), id);
    }
    response
}

/// Forgets what egui keeps of a secret field (once its passphrase has been used).
pub fn forget_secret_field(ctx: &egui::Context, id: egui::Id) {
    ctx.data_mut(|data| data.remove::<egui::text_edit::TextEditState>(id));
}

/// A labelled multi-line text field.
pub fn text_area(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
    .changed()
}

/// The text being typed into a date field, kept between frames while it does not parse yet.
fn pending_text(ui: &Ui, id: egui::Id) -> Option<String> {
    ui.data(|d| d.get_temp::<String>(id))
}

/// A date field: `1980-03-14`, `1980-03`, `1980`, `~1980`, `1980-01-01..1981-12-31` or empty.
pub fn date_field(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &mut FlexiDate,
) -> bool {
    let id = ui.make_persistent_id(id_salt);
    let mut text = pending_text(ui, id).unwrap_or_else(|| value.to_string());
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(tr!("date-hint"))
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        if response.changed() {
            match FlexiDate::parse(&text) {
                Some(parsed) => {
                    changed = parsed != *value;
                    *value = parsed;
                    ui.data_mut(|d| d.remove::<String>(id));
                }
                None => {
                    ui.data_mut(|d| d.insert_temp(id, text.clone()));
                }
            }
        }
        if pending_text(ui, id).is_some() {
            ui.colored_label(ui.visuals().warn_fg_color, tr!("date-invalid"));
        }
    });
    changed
}

/// A field for a comma-separated list (citizenships, languages, organisations). While the user
/// types, the text is kept as typed (a trailing comma included); the list follows it.
pub fn list_field(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    items: &mut Vec<String>,
) -> bool {
    let id = ui.make_persistent_id(id_salt);
    let mut text = pending_text(ui, id).unwrap_or_else(|| items.join(", "));
    let response = labelled_text(ui, label, &mut text, false);
    let mut changed = false;
    if response.changed() {
        let parsed: Vec<String> = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        changed = parsed != *items;
        *items = parsed;
        ui.data_mut(|d| d.insert_temp(id, text));
    }
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    changed
}

/// A field for an exact day, or none.
pub fn day_field(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &mut Option<Day>,
) -> bool {
    let mut flexi = value.map_or(FlexiDate::Unknown, FlexiDate::Exact);
    let changed = date_field(ui, id_salt, label, &mut flexi);
    if changed {
        *value = match flexi {
            FlexiDate::Exact(day) => Some(day),
            _ => None,
        };
    }
    changed
}

/// A result line: plain when all went well, in the warning colour when it is an error.
pub fn status_message(ui: &mut Ui, message: &Option<(String, bool)>) {
    match message {
        Some((text, true)) => {
            ui.colored_label(ui.visuals().warn_fg_color, text);
        }
        Some((text, false)) => {
            ui.label(text);
        }
        None => {}
    }
}
