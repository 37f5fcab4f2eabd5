//! The Export tab: a warning naming what is missing when the case is not ready for referral,
//! the cover (bureau, addressee, request), which documents and sensitive fields go in, the
//! dossier's page list as it will be, the format (PDF, ZIP bundle, encrypted hand-off) and
//! where to write it, then the export with its progress.

use egui::Ui;

use super::ViewState;
use crate::export::exhibits::{Part, parts};
use crate::export::{ExportChoice, exhibits};
use crate::model::{Case, Confidentiality, assess};
use crate::tr;
use crate::ui::commands::Command;
use crate::ui::export::{ExportState, FormatKind};
use crate::ui::labels::Labelled;
use crate::ui::widgets::{secret_field, status_message, text_area, text_field};

/// Draws the tab.
pub fn show(
    ui: &mut Ui,
    case: &Case,
    view: &mut ViewState,
    state: &mut ExportState,
    bureau: &str,
    commands: &mut Vec<Command>,
) {
    readiness_warning(ui, case, view);
    let running = state.running.is_some();
    ui.add_enabled_ui(!running, |ui| {
        let choice = state.form_for(case, bureau);
        cover(ui, choice);
        ui.separator();
        contents(ui, case, choice);
        ui.separator();
        page_list(ui, case, choice);
        ui.separator();
        format(ui, state);
        ui.separator();
        destination(ui, case, state, commands);
    });
    if let Some(running) = &state.running {
        let (label, fraction) = running.progress.read();
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(260.0)
                    .animate(true),
            );
            ui.label(label);
            if ui.button(tr!("export-cancel")).clicked() {
                commands.push(Command::CancelExport);
            }
        });
    }
    status_message(ui, &state.message);
}

/// Names what the case still lacks for a referral, with the way to fix each.
fn readiness_warning(ui: &mut Ui, case: &Case, view: &mut ViewState) {
    let readiness = assess(case);
    if readiness.is_ready() {
        return;
    }
    ui.group(|ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            egui::RichText::new(tr!("export-not-ready")).strong(),
        );
        for check in readiness.checks.iter().filter(|c| !c.met) {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, check.rule.label());
                if ui.small_button(tr!("overview-fix")).clicked() {
                    view.go_to(check.fix_at);
                }
            });
        }
    });
}

fn cover(ui: &mut Ui, choice: &mut ExportChoice) {
    ui.heading(tr!("export-cover-heading"));
    text_field(ui, &tr!("export-bureau"), &mut choice.bureau);
    text_field(ui, &tr!("export-addressee"), &mut choice.addressee);
    text_area(ui, &tr!("export-request"), &mut choice.request);
}

/// Which documents and which sensitive fields go in.
fn contents(ui: &mut Ui, case: &Case, choice: &mut ExportChoice) {
    ui.heading(tr!("export-contents-heading"));
    for document in &case.documents {
        let mut included = choice.documents.contains(&document.id);
        let title = if document.title.trim().is_empty() {
            document.kind.label()
        } else {
            document.title.clone()
        };
        let label = tr!(
            "export-document-line",
            title = title,
            files = crate::i18n::num(document.files.len())
        );
        if ui.checkbox(&mut included, label).changed() {
            if included {
                choice.documents.insert(document.id);
            } else {
                choice.documents.remove(&document.id);
            }
        }
    }
    ui.label(tr!("export-sensitive-heading"));
    ui.checkbox(&mut choice.id_numbers, tr!("export-include-id-numbers"));
    ui.checkbox(
        &mut choice.contact_details,
        tr!("export-include-contact-details"),
    );
    ui.checkbox(&mut choice.risk_notes, tr!("export-include-risk-notes"));
    if case.confidentiality == Confidentiality::Restricted {
        ui.checkbox(
            &mut choice.restricted_released,
            egui::RichText::new(tr!("export-release-restricted")).strong(),
        );
    }
    ui.checkbox(
        &mut choice.internal_notes,
        tr!("export-include-internal-notes"),
    );
}

/// The dossier's parts in order, as the writer will follow them.
fn page_list(ui: &mut Ui, case: &Case, choice: &ExportChoice) {
    let redacted = choice.redact(case);
    let exhibits = exhibits(&redacted.case);
    egui::CollapsingHeader::new(tr!("export-page-list-heading"))
        .default_open(true)
        .show(ui, |ui| {
            for part in parts(&exhibits) {
                let line = match part {
                    Part::Cover => tr!("export-part-cover"),
                    Part::Summary => tr!("export-part-summary"),
                    Part::Relationships => tr!("export-part-relationships"),
                    Part::Timeline => tr!("export-part-timeline"),
                    Part::ExhibitIndex => tr!("export-part-exhibit-index"),
                    Part::Exhibit { number, pages } => {
                        let title = exhibits
                            .get(number - 1)
                            .and_then(|e| redacted.case.document(e.document))
                            .map(|d| d.title.clone())
                            .unwrap_or_default();
                        tr!(
                            "export-part-exhibit",
                            number = crate::i18n::num(number),
                            title = title,
                            pages = crate::i18n::num(pages as usize)
                        )
                    }
                    Part::Appendix => tr!(
                        "export-part-appendix",
                        lines = crate::i18n::num(redacted.case.custody.entries().len())
                    ),
                };
                ui.label(line);
            }
            if redacted.left_out_custody > 0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr!(
                        "export-custody-partial",
                        lines = crate::i18n::num(redacted.left_out_custody)
                    ),
                );
            }
        });
}

fn format(ui: &mut Ui, state: &mut ExportState) {
    ui.heading(tr!("export-format-heading"));
    for kind in FormatKind::ALL {
        if ui
            .radio_value(&mut state.format, kind, kind.label())
            .changed()
            && let Some(choice) = state.choice.as_mut()
        {
            // A hand-off goes to a colleague: everything by default (left-out details would
            // look like deletions when it is merged back); a dossier or a bundle leaves the
            // bureau: the recommended details. The boxes above show it and can be changed.
            let everything = kind == FormatKind::Handoff;
            choice.risk_notes = everything;
            choice.internal_notes = everything;
            choice.contact_details = everything;
        }
    }
    ui.label(state.format.explain());
    if state.format != FormatKind::Handoff {
        return;
    }
    ui.radio_value(&mut state.to_passphrase, false, tr!("export-to-keys"));
    ui.radio_value(&mut state.to_passphrase, true, tr!("export-to-passphrase"));
    if state.to_passphrase {
        let [first, again] = ExportState::passphrase_ids();
        secret_field(ui, &tr!("export-passphrase"), &mut state.passphrase, first);
        secret_field(
            ui,
            &tr!("export-passphrase-again"),
            &mut state.passphrase_again,
            again,
        );
        ui.label(tr!("export-passphrase-explain"));
    } else {
        let label = ui.label(tr!("export-recipients"));
        ui.add(
            egui::TextEdit::multiline(&mut state.recipients)
                .hint_text("age1…")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    }
    ui.checkbox(&mut state.armor, tr!("export-armor"));
}

fn destination(ui: &mut Ui, case: &Case, state: &mut ExportState, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(tr!("export-save-to"));
        ui.add(egui::TextEdit::singleline(&mut state.out).desired_width(360.0))
            .labelled_by(label.id);
        if ui.button(tr!("export-choose-file")).clicked() {
            commands.push(Command::ChooseExportFile(state.suggested_name(case)));
        }
    });
    if ui
        .button(egui::RichText::new(tr!("export-start")).strong())
        .clicked()
    {
        commands.push(Command::StartExport);
    }
}
