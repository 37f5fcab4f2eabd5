//! The overview tab: status with its history, the readiness checklist (each unmet line with a
//! button to where it is fixed), the document request for the relative, priority, consent and
//! risk notes.

use egui::Ui;

use super::{Context, ViewState};
use crate::model::{Case, Request, assess};
use crate::tr;
use crate::ui::labels::{Labelled, picker};
use crate::ui::session::now_text;
use crate::ui::widgets::{list_field, text_area, text_field};

pub fn show(ui: &mut Ui, case: &mut Case, view: &mut ViewState, context: &Context<'_>) {
    ui.heading(tr!("overview-status-heading"));
    let mut next_status = view.pending_status.unwrap_or(case.status);
    picker(ui, "status", &tr!("overview-status"), &mut next_status);
    view.pending_status = (next_status != case.status).then_some(next_status);
    if let Some(next_status) = view.pending_status {
        text_field(ui, &tr!("overview-status-reason"), &mut view.status_reason);
        if ui.button(tr!("overview-change-status")).clicked() {
            case.set_status(next_status, context.user, &now_text(), &view.status_reason);
            view.status_reason.clear();
            view.pending_status = None;
        }
    }
    for change in case.status_history.iter().rev() {
        ui.label(tr!(
            "overview-history-line",
            at = change.at.clone(),
            from = change.from.label(),
            to = change.to.label(),
            by = change.by.clone(),
            reason = change.reason.clone()
        ));
    }
    ui.separator();

    ui.heading(tr!("overview-readiness"));
    let readiness = assess(case);
    for check in &readiness.checks {
        ui.horizontal(|ui| {
            let (mark, color) = if check.met {
                (tr!("check-met"), ui.visuals().text_color())
            } else {
                (tr!("check-unmet"), ui.visuals().warn_fg_color)
            };
            ui.colored_label(color, egui::RichText::new(mark).strong());
            ui.colored_label(color, check.rule.label());
            if !check.met && ui.small_button(tr!("overview-fix")).clicked() {
                view.go_to(check.fix_at);
            }
        });
    }
    if readiness.is_ready() {
        ui.strong(tr!("overview-ready"));
    } else {
        ui.collapsing(tr!("overview-document-request"), |ui| {
            let text = document_request_text(case, &readiness.requests);
            ui.label(&text);
            if ui.button(tr!("overview-copy-request")).clicked() {
                ui.ctx().copy_text(text);
            }
        });
    }
    ui.separator();

    ui.heading(tr!("overview-facts"));
    picker(
        ui,
        "priority",
        &tr!("overview-priority"),
        &mut case.priority,
    );
    picker(
        ui,
        "consent_document",
        &tr!("overview-consent-document"),
        &mut case.consent.to_document,
    );
    picker(
        ui,
        "consent_ministry",
        &tr!("overview-consent-ministry"),
        &mut case.consent.share_with_ministry,
    );
    picker(
        ui,
        "consent_publish",
        &tr!("overview-consent-publish"),
        &mut case.consent.publish,
    );
    list_field(
        ui,
        "ngos",
        &tr!("overview-consent-ngos"),
        &mut case.consent.share_with_ngos,
    );
    text_area(ui, &tr!("overview-risk-notes"), &mut case.risk_notes);
}

/// The document request as plain text, for printing or sending to the relative.
pub fn document_request_text(case: &Case, requests: &[Request]) -> String {
    let name = |id| {
        case.person(id)
            .and_then(|p| p.display_name())
            .unwrap_or("?")
            .to_string()
    };
    let mut lines = vec![
        tr!("request-title", number = case.number.clone()),
        String::new(),
    ];
    for request in requests {
        let line = match request {
            Request::ApplicantIdentityDocument { .. } => tr!("request-applicant-identity"),
            Request::MissingPersonBirthDateOrId { person } => {
                tr!("request-birth-or-id", name = name(*person))
            }
            Request::MissingPersonLastResidence { person } => {
                tr!("request-last-residence", name = name(*person))
            }
            Request::MissingPersonName { .. } => tr!("request-missing-name"),
            Request::RelationshipProof { from, to, kind } => tr!(
                "request-relationship",
                from = name(*from),
                relation = kind.label(),
                to = name(*to)
            ),
            Request::OriginalOf { document } => {
                let title = case.document(*document).map_or_else(String::new, |d| {
                    if d.title.is_empty() {
                        d.kind.label()
                    } else {
                        d.title.clone()
                    }
                });
                tr!("request-original", document = title)
            }
            Request::ResolveContradiction { .. } => tr!("request-contradiction"),
            Request::PeopleDetails => tr!("request-people"),
            Request::ConsentToShare => tr!("request-consent"),
        };
        lines.push(format!("• {line}"));
    }
    lines.join("\n")
}
