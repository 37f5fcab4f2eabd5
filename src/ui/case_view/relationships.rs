//! The relationships tab: who is related to whom, the evidence for each link (document, page,
//! the statement as written, supports or contradicts), and the proof status computed from it.

use egui::Ui;

use super::{Context, remove_button};
use crate::model::{
    Case, DocumentId, Evidence, PersonId, ProofStatus, RelationKind, Relationship, Stance,
};
use crate::tr;
use crate::ui::labels::{Labelled, picker};
use crate::ui::widgets::text_field;

/// A person's name for lists and pickers.
pub fn person_name(case: &Case, id: PersonId) -> String {
    case.person(id)
        .and_then(|p| p.display_name())
        .map_or_else(|| tr!("people-unnamed"), str::to_string)
}

/// A document's title for lists and pickers.
pub fn document_title(case: &Case, id: DocumentId) -> String {
    case.document(id).map_or_else(String::new, |d| {
        if d.title.trim().is_empty() {
            d.kind.label()
        } else {
            d.title.clone()
        }
    })
}

/// A combo box over `(id, label)` choices; the label is its accessible name.
pub fn id_picker<Id: Copy + PartialEq>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    choices: &[(Id, String)],
    value: &mut Id,
) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let current = choices
            .iter()
            .find(|(id, _)| id == value)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt(salt)
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (id, text) in choices {
                    ui.selectable_value(value, *id, text);
                }
            })
            .response
            .labelled_by(label.id);
    });
}

pub fn show(ui: &mut Ui, case: &mut Case, context: &Context<'_>) {
    if case.people.len() < 2 {
        ui.label(tr!("relationships-need-people"));
        return;
    }
    let snapshot = case.clone();
    let people: Vec<(PersonId, String)> = case
        .people
        .iter()
        .map(|p| (p.id, person_name(case, p.id)))
        .collect();
    let documents: Vec<(DocumentId, String)> = case
        .documents
        .iter()
        .map(|d| (d.id, document_title(case, d.id)))
        .collect();
    let seen = |doc: DocumentId| snapshot.document_counts_as_proof(doc);
    let mut remove = None;
    for (n, relationship) in case.relationships.iter_mut().enumerate() {
        let salt = relationship.id;
        ui.group(|ui| {
            ui.horizontal(|ui| {
                id_picker(
                    ui,
                    (salt, "from"),
                    &tr!("relationships-from"),
                    &people,
                    &mut relationship.from,
                );
                picker(
                    ui,
                    (salt, "kind"),
                    &tr!("relationships-kind"),
                    &mut relationship.kind,
                );
                id_picker(
                    ui,
                    (salt, "to"),
                    &tr!("relationships-to"),
                    &people,
                    &mut relationship.to,
                );
                if remove_button(ui) {
                    remove = Some(n);
                }
            });
            let proof = relationship.proof(seen);
            let color = match proof {
                ProofStatus::Proven => ui.visuals().text_color(),
                _ => ui.visuals().warn_fg_color,
            };
            ui.colored_label(color, tr!("relationships-proof", status = proof.label()));
            let mut remove_evidence = None;
            for (e, evidence) in relationship.evidence.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    id_picker(
                        ui,
                        (salt, "doc", e),
                        &tr!("evidence-document"),
                        &documents,
                        &mut evidence.document,
                    );
                    picker(
                        ui,
                        (salt, "stance", e),
                        &tr!("evidence-stance"),
                        &mut evidence.stance,
                    );
                    let mut page = evidence.page.map_or_else(String::new, |p| p.to_string());
                    if text_field(ui, &tr!("evidence-page"), &mut page) {
                        evidence.page = page.trim().parse().ok();
                    }
                    if remove_button(ui) {
                        remove_evidence = Some(e);
                    }
                });
                text_field(ui, &tr!("evidence-statement"), &mut evidence.statement);
            }
            if let Some(e) = remove_evidence {
                relationship.evidence.remove(e);
            }
            match snapshot.documents.first() {
                Some(first) => {
                    if ui.button(tr!("evidence-add")).clicked() {
                        relationship.evidence.push(Evidence {
                            document: first.id,
                            page: None,
                            statement: String::new(),
                            stance: Stance::Supports,
                            assessed_by: context.user.to_string(),
                            assessed_on: context.today.to_string(),
                        });
                    }
                }
                None => {
                    ui.label(tr!("evidence-need-document"));
                }
            }
        });
    }
    if let Some(n) = remove {
        case.relationships.remove(n);
    }
    if ui.button(tr!("relationships-add")).clicked() {
        let (from, to) = (case.people[0].id, case.people[1].id);
        case.relationships
            .push(Relationship::new(from, to, RelationKind::Parent));
    }
}
