//! The files of a document: the ways to add scans (file dialog, a typed path, dropping files on
//! the window), the progress of an import, its messages, and one card per page (its thumbnail)
//! or per file without preview (name, type, size, SHA-256). A card opens the viewer.

use std::path::PathBuf;

use egui::Ui;

use crate::media::Destination;
use crate::model::{Document, DocumentFile, FileRole};
use crate::tr;
use crate::ui::commands::Command;
use crate::ui::scans::Scans;

/// Card size on screen.
const CARD_SIDE: f32 = 128.0;

/// Progress of a running import with Cancel, or the ways to start one; then the messages.
pub fn import_controls(
    ui: &mut Ui,
    scans: &mut Scans,
    document: Option<&Document>,
    commands: &mut Vec<Command>,
) {
    if let Some(job) = &scans.import {
        ui.horizontal(|ui| {
            let fraction = job.done as f32 / job.total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(260.0)
                    .show_percentage()
                    .animate(true),
            );
            let label = if job.is_cancelled() {
                tr!("scans-cancelling")
            } else {
                tr!(
                    "scans-importing",
                    done = crate::i18n::num(job.done),
                    total = crate::i18n::num(job.total)
                )
            };
            ui.label(label);
            if !job.is_cancelled() && ui.button(tr!("scans-cancel")).clicked() {
                commands.push(Command::CancelImport);
            }
        });
    } else {
        ui.horizontal_wrapped(|ui| {
            if let Some(document) = document
                && ui
                    .button(tr!("scans-add-to-document"))
                    .on_hover_text(tr!("scans-add-to-document-hint"))
                    .clicked()
            {
                commands.push(Command::PickFiles(Destination::Document(document.id)));
            }
            if ui
                .button(tr!("scans-add-as-new-documents"))
                .on_hover_text(tr!("scans-add-as-new-documents-hint"))
                .clicked()
            {
                commands.push(Command::PickFiles(Destination::NewDocuments));
            }
            ui.label(tr!("scans-drop-hint"));
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr!("scans-typed-path"));
            ui.add(
                egui::TextEdit::singleline(&mut scans.typed_path)
                    .desired_width(320.0)
                    .hint_text(tr!("scans-typed-path-hint")),
            );
            let paths = typed_paths(&scans.typed_path);
            ui.add_enabled_ui(!paths.is_empty(), |ui| {
                if let Some(document) = document
                    && ui.button(tr!("scans-typed-add-to-document")).clicked()
                {
                    commands.push(Command::ImportPaths(
                        paths.clone(),
                        Destination::Document(document.id),
                    ));
                }
                if ui.button(tr!("scans-typed-add-as-new")).clicked() {
                    commands.push(Command::ImportPaths(
                        paths.clone(),
                        Destination::NewDocuments,
                    ));
                }
            });
        });
    }
    if !scans.messages.is_empty() {
        ui.group(|ui| {
            for message in &scans.messages {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
            if ui.small_button(tr!("scans-messages-dismiss")).clicked() {
                scans.messages.clear();
            }
        });
    }
}

/// The paths in the typed field: one per line (or several separated by `;`), with quotes and a
/// `file://` prefix (as copied from a file manager) removed.
pub fn typed_paths(text: &str) -> Vec<PathBuf> {
    text.split(['\n', ';'])
        .map(|part| part.trim().trim_matches(['"', '\'']))
        .filter(|part| !part.is_empty())
        .map(|part| match part.strip_prefix("file://") {
            Some(uri) => PathBuf::from(percent_decode(uri)),
            None => PathBuf::from(part),
        })
        .collect()
}

/// Decodes `%20`-style escapes of a `file://` URI; a malformed escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One card per page of the document; returns the page index clicked, if any.
pub fn page_cards(ui: &mut Ui, document: &Document, scans: &mut Scans) -> Option<usize> {
    let mut clicked = None;
    if document.files.is_empty() {
        ui.label(tr!("scans-no-files"));
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        for (index, page) in document.pages().into_iter().enumerate() {
            let file = &document.files[page.file];
            // A fixed-size allocation, so the row wraps before a card that would not fit.
            let card = egui::vec2(CARD_SIDE + 8.0, CARD_SIDE + 36.0);
            let response = ui
                .allocate_ui_with_layout(card, egui::Layout::top_down(egui::Align::Min), |ui| {
                    ui.set_width(CARD_SIDE + 8.0);
                    let thumbnail = (page.page == 0)
                        .then_some(file.thumbnail.as_deref())
                        .flatten()
                        .and_then(|object| scans.thumbnails.get(ui.ctx(), &scans.store, object));
                    let response = match thumbnail {
                        Some(texture) => ui.add(
                            egui::Image::new(&texture)
                                .max_size(egui::vec2(CARD_SIDE, CARD_SIDE))
                                .sense(egui::Sense::click()),
                        ),
                        None => no_preview_card(ui, file, page.page),
                    };
                    let caption = card_caption(file, page.page);
                    ui.small(&caption);
                    let name = tr!("scans-open-viewer-named", caption = caption);
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    response
                })
                .inner;
            if response.on_hover_text(tr!("scans-open-viewer")).clicked() {
                clicked = Some(index);
            }
        }
    });
    clicked
}

/// "Page 2 · hukou.tif", with the role for working copies.
fn card_caption(file: &DocumentFile, page: u32) -> String {
    let role = match file.role {
        FileRole::Original => String::new(),
        FileRole::WorkingCopy | FileRole::Derived => format!(" · {}", tr!("scans-working-copy")),
    };
    if file.pages > 1 {
        format!(
            "{} · {}{}",
            tr!("scans-page", page = crate::i18n::num(page as usize + 1)),
            file.original_name,
            role
        )
    } else {
        format!("{}{}", file.original_name, role)
    }
}

/// A card for a file (or page) without a thumbnail.
fn no_preview_card(ui: &mut Ui, file: &DocumentFile, page: u32) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(CARD_SIDE, CARD_SIDE), egui::Sense::click());
    ui.painter()
        .rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let text = if page > 0 {
        tr!("scans-page-preview-on-open")
    } else {
        let kind = if file.media_type == crate::media::Format::Other.media_type() {
            tr!("scans-unknown-type")
        } else {
            file.media_type.clone()
        };
        tr!(
            "scans-no-preview-card",
            kind = kind,
            size = crate::i18n::size_text(file.size),
            sha = file.sha256.get(..12).unwrap_or_default().to_string()
        )
    };
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(12.0),
        ui.visuals().text_color(),
    );
    response.on_hover_text(file_facts(file))
}

/// Name, type, size and SHA-256 of a file, for hover texts and the viewer.
pub fn file_facts(file: &DocumentFile) -> String {
    tr!(
        "scans-file-facts",
        name = file.original_name.clone(),
        kind = file.media_type.clone(),
        size = crate::i18n::size_text(file.size),
        sha = file.sha256.clone(),
        by = file.imported_by.clone(),
        on = file.imported_on.clone()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_accept_quotes_uris_and_several_lines() {
        assert_eq!(
            typed_paths("  \"/home/a/scan 1.jpg\" \nfile:///home/a/scan%202.png; /tmp/x.tif\n\n"),
            vec![
                PathBuf::from("/home/a/scan 1.jpg"),
                PathBuf::from("/home/a/scan 2.png"),
                PathBuf::from("/tmp/x.tif"),
            ]
        );
        assert!(typed_paths("   ").is_empty());
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%D0%9A"), "К");
    }
}
