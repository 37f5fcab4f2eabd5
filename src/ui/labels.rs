//! The window's picker for a labelled enum (the labels themselves are `i18n::labels`).

pub use crate::i18n::labels::Labelled;

/// A combo box choosing one value of a labelled enum; the label is its accessible name.
pub fn picker<T: Labelled>(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &mut T,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        egui::ComboBox::from_id_salt(id_salt)
            .selected_text(value.label())
            .show_ui(ui, |ui| {
                for option in T::ALL {
                    changed |= ui
                        .selectable_value(value, *option, option.label())
                        .changed();
                }
            })
            .response
            .labelled_by(label.id);
    });
    changed
}
