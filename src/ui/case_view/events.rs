//! The timeline tab: last contact, detention, transfers, sentences… each with a date as precise
//! as known, a place, and where the information comes from.

use egui::Ui;

use super::remove_button;
use crate::model::{Case, Event, EventId, EventKind, FlexiDate};
use crate::tr;
use crate::ui::labels::picker;
use crate::ui::widgets::{date_field, text_field};

pub fn show(ui: &mut Ui, case: &mut Case) {
    let mut remove = None;
    for (n, event) in case.events.iter_mut().enumerate() {
        let salt = event.id;
        ui.group(|ui| {
            ui.horizontal(|ui| {
                picker(ui, (salt, "kind"), &tr!("events-kind"), &mut event.kind);
                date_field(ui, (salt, "date"), &tr!("events-date"), &mut event.date);
                if remove_button(ui) {
                    remove = Some(n);
                }
            });
            text_field(ui, &tr!("events-place"), &mut event.place);
            text_field(ui, &tr!("events-description"), &mut event.description);
            text_field(ui, &tr!("events-source"), &mut event.source);
        });
    }
    if let Some(n) = remove {
        case.events.remove(n);
    }
    if ui.button(tr!("events-add")).clicked() {
        case.events.push(Event {
            id: EventId::new_random(),
            kind: EventKind::Other,
            date: FlexiDate::Unknown,
            place: String::new(),
            person: None,
            source: String::new(),
            description: String::new(),
        });
    }
}
