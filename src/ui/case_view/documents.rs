//! The documents tab: what each paper is, whose it is, where it came from, whether the
//! original was seen ("Original seen by me today" in one click) and its verification, with its
//! scans as cards that open the viewer. The form is shared with the viewer's side panel.

use egui::Ui;

use super::files::{import_controls, page_cards};
use super::relationships::{document_title, person_name};
use super::viewer::Viewer;
use super::{Context, ViewState, choose_item};
use crate::model::{Case, Document, OriginalSeen};
use crate::tr;
use crate::ui::commands::Command;
use crate::ui::labels::picker;
use crate::ui::scans::Scans;
use crate::ui::session::now_text;
use crate::ui::widgets::{date_field, list_field, text_area, text_field};

pub fn show(
    ui: &mut Ui,
    case: &mut Case,
    view: &mut ViewState,
    context: &Context<'_>,
    scans: &mut Scans,
    commands: &mut Vec<Command>,
) {
    let labels = case
        .documents
        .iter()
        .map(|d| document_title(case, d.id))
        .collect();
    let chosen = choose_item(
        ui,
        &mut case.documents,
        labels,
        &mut view.document,
        |d| d.id,
        &tr!("documents-add"),
        Document::default,
    );
    import_controls(ui, scans, chosen.map(|i| &case.documents[i]), commands);
    let Some(index) = chosen else {
        ui.label(tr!("documents-choose"));
        return;
    };
    ui.separator();
    if let Some(page) = page_cards(ui, &case.documents[index], scans) {
        view.viewer = Some(Viewer::open(case.documents[index].id, page));
    }
    ui.separator();
    document_form(ui, case, index, context);
    ui.separator();
    if ui.button(tr!("documents-remove")).clicked() {
        let id = case.documents[index].id;
        case.documents.retain(|d| d.id != id);
        for relationship in &mut case.relationships {
            relationship.evidence.retain(|e| e.document != id);
        }
        view.document = None;
    }
}

/// The fields of one document (kind, title, holders, numbers, provenance, "original seen",
/// verification, translation notes).
pub fn document_form(ui: &mut Ui, case: &mut Case, index: usize, context: &Context<'_>) {
    let people: Vec<(crate::model::PersonId, String)> = case
        .people
        .iter()
        .map(|p| (p.id, person_name(case, p.id)))
        .collect();
    let document = &mut case.documents[index];
    let salt = document.id;
    picker(
        ui,
        (salt, "kind"),
        &tr!("documents-kind"),
        &mut document.kind,
    );
    text_field(ui, &tr!("documents-title"), &mut document.title);
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!("documents-holders"));
        for (id, name) in &people {
            let mut holds = document.holders.contains(id);
            if ui.checkbox(&mut holds, name).changed() {
                if holds {
                    document.holders.push(*id);
                } else {
                    document.holders.retain(|h| h != id);
                }
            }
        }
    });
    text_field(ui, &tr!("documents-number"), &mut document.number);
    text_field(ui, &tr!("documents-issuer"), &mut document.issuer);
    date_field(
        ui,
        (salt, "issued"),
        &tr!("documents-issued-on"),
        &mut document.issued_on,
    );
    list_field(
        ui,
        (salt, "languages"),
        &tr!("documents-languages"),
        &mut document.languages,
    );

    ui.heading(tr!("documents-provenance"));
    text_field(
        ui,
        &tr!("documents-received-from"),
        &mut document.provenance.received_from,
    );
    date_field(
        ui,
        (salt, "received"),
        &tr!("documents-received-on"),
        &mut document.provenance.received_on,
    );
    picker(
        ui,
        (salt, "how"),
        &tr!("documents-received-how"),
        &mut document.provenance.how,
    );
    let mut marked_seen = false;
    ui.horizontal(|ui| match &document.original_seen {
        Some(seen) => {
            ui.label(tr!(
                "documents-original-seen-by",
                by = seen.by.clone(),
                on = seen.on.clone()
            ));
            if ui
                .small_button(tr!("documents-original-seen-clear"))
                .clicked()
            {
                document.original_seen = None;
            }
        }
        None => {
            if ui.button(tr!("documents-original-seen-today")).clicked() {
                document.original_seen = Some(OriginalSeen {
                    by: context.user.to_string(),
                    on: context.today.to_string(),
                });
                marked_seen = true;
            }
        }
    });
    picker(
        ui,
        (salt, "verification"),
        &tr!("documents-verification"),
        &mut document.verification,
    );
    text_area(
        ui,
        &tr!("documents-translation-notes"),
        &mut document.translation_notes,
    );
    if marked_seen {
        case.record_original_seen(index, context.user, &now_text());
    }
}
