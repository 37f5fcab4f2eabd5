//! The scan viewer: one page of a document at a time, decrypted into memory and decoded by the
//! worker process; fit, zoom (wheel or buttons), pan (drag), turn the view, page through the
//! document and move to the previous or next document. Beside the page: the file's facts,
//! "original seen", linking the page as evidence for a relationship, and the document's form,
//! so the lawyer types what the paper says while looking at it. A turned or cropped view can be
//! saved as a working copy: a new file linked to its original, which is never changed.

use egui::{Pos2, Rect, Ui, Vec2};

use super::Context;
use super::documents::document_form;
use super::files::file_facts;
use super::relationships::{id_picker, person_name};
use crate::media::import::{
    Destination, attach, import_error_text, preview_error_text, store_original,
};
use crate::media::worker::{SCREEN_SIDE, VIEW_MAX_SIDE};
use crate::media::{Format, Imported, Output, PreviewError, Task};
use crate::model::{Case, DocumentId, Evidence, FileRole, RelationshipId, Stance};
use crate::tr;
use crate::ui::background::Background;
use crate::ui::labels::{Labelled, picker};
use crate::ui::scans::Scans;
use crate::ui::session::now_text;
use crate::ui::widgets::status_message;
use crate::ui::widgets::text_field;

/// A page: the blob of its file and the page in it.
type PageKey = (String, u32);

/// A page on screen.
struct Shown {
    key: PageKey,
    texture: egui::TextureHandle,
    /// True when the worker scaled the page down to the side asked for (a sharper one exists).
    reduced: bool,
    side: u32,
}

/// A page decoded on the background thread, ready for a texture.
struct Decoded {
    image: egui::ColorImage,
    reduced: bool,
    side: u32,
}

/// What the viewer keeps between frames; dropped (with its texture) when it closes or on lock.
pub struct Viewer {
    pub document: DocumentId,
    /// Index into the document's pages.
    pub page: usize,
    /// 1.0 is "fit".
    zoom: f32,
    offset: Vec2,
    quarter_turns: u8,
    shown: Option<Shown>,
    loading: Option<(PageKey, Background<Result<Decoded, PreviewError>>)>,
    failed: Option<(PageKey, String)>,
    cropping: bool,
    /// The crop, in fractions of the page as shown (turned).
    crop: Option<Rect>,
    crop_anchor: Option<Pos2>,
    deriving: Option<Background<Result<Imported, String>>>,
    /// The last working-copy message, and whether it is an error.
    message: Option<(String, bool)>,
    evidence_for: Option<RelationshipId>,
    evidence_stance: Stance,
    evidence_statement: String,
}

impl Viewer {
    pub fn open(document: DocumentId, page: usize) -> Self {
        Self {
            document,
            page,
            zoom: 1.0,
            offset: Vec2::ZERO,
            quarter_turns: 0,
            shown: None,
            loading: None,
            failed: None,
            cropping: false,
            crop: None,
            crop_anchor: None,
            deriving: None,
            message: None,
            evidence_for: None,
            evidence_stance: Stance::Supports,
            evidence_statement: String::new(),
        }
    }

    /// True once the current page is on screen.
    pub fn has_pixels(&self) -> bool {
        self.shown.is_some()
    }

    fn reset_view(&mut self) {
        self.zoom = 1.0;
        self.offset = Vec2::ZERO;
        self.crop = None;
        self.cropping = false;
    }

    fn go_to_page(&mut self, page: usize) {
        self.page = page;
        self.reset_view();
        self.quarter_turns = 0;
    }
}

/// Draws the viewer; returns false when the user closes it.
pub fn show(
    ui: &mut Ui,
    viewer: &mut Viewer,
    case: &mut Case,
    scans: &mut Scans,
    context: &Context<'_>,
) -> bool {
    let Some(index) = case.documents.iter().position(|d| d.id == viewer.document) else {
        return false;
    };
    poll_derived(viewer, case);
    let pages = case.documents[index].pages();
    if pages.is_empty() {
        return false;
    }
    viewer.page = viewer.page.min(pages.len() - 1);
    let page_ref = pages[viewer.page];
    let file = case.documents[index].files[page_ref.file].clone();
    let key: PageKey = (file.blob.clone(), page_ref.page);
    let mut keep_open = true;

    // Toolbar.
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr!("viewer-close")).clicked() {
            keep_open = false;
        }
        let with_files: Vec<DocumentId> = case
            .documents
            .iter()
            .filter(|d| !d.files.is_empty())
            .map(|d| d.id)
            .collect();
        let at = with_files.iter().position(|id| *id == viewer.document);
        ui.add_enabled_ui(at.is_some_and(|a| a > 0), |ui| {
            if ui.button(tr!("viewer-previous-document")).clicked()
                && let Some(a) = at
            {
                *viewer = Viewer::open(with_files[a - 1], 0);
            }
        });
        ui.add_enabled_ui(at.is_some_and(|a| a + 1 < with_files.len()), |ui| {
            if ui.button(tr!("viewer-next-document")).clicked()
                && let Some(a) = at
            {
                *viewer = Viewer::open(with_files[a + 1], 0);
            }
        });
        ui.separator();
        let current = viewer.page;
        ui.add_enabled_ui(current > 0, |ui| {
            if ui.button(tr!("viewer-previous-page")).clicked() {
                viewer.go_to_page(current - 1);
            }
        });
        ui.label(tr!(
            "viewer-page-of",
            page = crate::i18n::num(current + 1),
            pages = crate::i18n::num(pages.len())
        ));
        ui.add_enabled_ui(current + 1 < pages.len(), |ui| {
            if ui.button(tr!("viewer-next-page")).clicked() {
                viewer.go_to_page(current + 1);
            }
        });
        ui.separator();
        if ui.button(tr!("viewer-fit")).clicked() {
            viewer.reset_view();
        }
        if ui.button(tr!("viewer-zoom-out")).clicked() {
            viewer.zoom = (viewer.zoom / 1.25).max(0.1);
        }
        if ui.button(tr!("viewer-zoom-in")).clicked() {
            viewer.zoom = (viewer.zoom * 1.25).min(40.0);
        }
        if ui.button(tr!("viewer-turn-left")).clicked() {
            viewer.quarter_turns = (viewer.quarter_turns + 3) % 4;
            viewer.crop = None;
        }
        if ui.button(tr!("viewer-turn-right")).clicked() {
            viewer.quarter_turns = (viewer.quarter_turns + 1) % 4;
            viewer.crop = None;
        }
        ui.separator();
        ui.toggle_value(&mut viewer.cropping, tr!("viewer-crop"))
            .on_hover_text(tr!("viewer-crop-hint"));
        let changed = viewer.quarter_turns != 0 || viewer.crop.is_some();
        ui.add_enabled_ui(changed && viewer.deriving.is_none(), |ui| {
            if ui
                .button(tr!("viewer-save-working-copy"))
                .on_hover_text(tr!("viewer-save-working-copy-hint"))
                .clicked()
            {
                start_derive(ui.ctx(), viewer, scans, &file, page_ref.page, context);
            }
        });
        if viewer.deriving.is_some() {
            ui.spinner();
        }
    });
    status_message(ui, &viewer.message);
    ui.separator();

    egui::Panel::right("viewer_side")
        .resizable(true)
        .default_size(380.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(file_facts(&file));
                ui.separator();
                evidence_links(ui, viewer, case, index, context);
                ui.separator();
                document_form(ui, case, index, context);
            });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        page_area(ui, viewer, scans, key, &file);
    });
    keep_open
}

/// Loads the page if needed and paints it, or says why it cannot. The first load is
/// screen-sized; zooming in past its resolution loads the page at full size.
fn page_area(
    ui: &mut Ui,
    viewer: &mut Viewer,
    scans: &Scans,
    key: PageKey,
    file: &crate::model::DocumentFile,
) {
    let format = Format::from_media_type(&file.media_type);
    if !format.has_preview() {
        ui.label(tr!("viewer-no-preview"));
        return;
    }
    if viewer.shown.as_ref().is_some_and(|s| s.key != key) {
        viewer.shown = None;
    }
    if let Some((loading_key, job)) = &viewer.loading
        && let Some(result) = job.poll()
    {
        let loading_key = loading_key.clone();
        viewer.loading = None;
        match result {
            Some(Ok(decoded)) => {
                let texture =
                    ui.ctx()
                        .load_texture("scan-page", decoded.image, egui::TextureOptions::LINEAR);
                viewer.shown = Some(Shown {
                    key: loading_key,
                    texture,
                    reduced: decoded.reduced,
                    side: decoded.side,
                });
            }
            Some(Err(err)) => viewer.failed = Some((loading_key, preview_error_text(&err))),
            None => viewer.failed = Some((loading_key, tr!("preview-crashed"))),
        }
    }
    if let Some((failed_key, reason)) = &viewer.failed {
        if *failed_key == key {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr!("viewer-page-failed", reason = reason.clone()),
            );
            return;
        }
        viewer.failed = None;
    }
    let Some(shown) = &viewer.shown else {
        if viewer.loading.as_ref().is_none_or(|(k, _)| *k != key) {
            start_load(ui.ctx(), viewer, scans, key, file, SCREEN_SIDE);
        }
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr!("viewer-loading"));
        });
        return;
    };
    let (texture, reduced, side) = (shown.texture.clone(), shown.reduced, shown.side);
    let needs_sharper = paint_page(ui, viewer, &texture);
    if needs_sharper && reduced && side < VIEW_MAX_SIDE && viewer.loading.is_none() {
        start_load(ui.ctx(), viewer, scans, key, file, VIEW_MAX_SIDE);
    }
}

/// Decrypts the file and has the worker decode the page within `side` pixels, on a
/// background thread.
fn start_load(
    ctx: &egui::Context,
    viewer: &mut Viewer,
    scans: &Scans,
    key: PageKey,
    file: &crate::model::DocumentFile,
    side: u32,
) {
    let (store, decoder, max_size) = (
        scans.store.clone(),
        scans.decoder.clone(),
        scans.options.max_size,
    );
    let format = Format::from_media_type(&file.media_type);
    let size = file.size;
    let (blob, page) = key.clone();
    let job = Background::spawn("casevault-page", ctx, move || {
        let object = crate::vault::ObjectId::parse(&blob).ok_or(PreviewError::Crashed)?;
        let bytes = store
            .read_sized(&object, size, max_size)
            .map_err(|e| PreviewError::NotStored(e.to_string()))?;
        let task = Task::Page { page, side };
        match decoder.run(format, task, &bytes)? {
            Output::Page { page, .. } => Ok(Decoded {
                // Halved pages are between `side` and twice it; a sharper one exists.
                reduced: page.width.max(page.height) >= side && side < VIEW_MAX_SIDE,
                image: page.to_color_image(),
                side,
            }),
            _ => Err(PreviewError::Crashed),
        }
    });
    match job {
        Ok(job) => viewer.loading = Some((key, job)),
        Err(_) => viewer.failed = Some((key, tr!("scans-thread-failed"))),
    }
}

/// The texture coordinates of the four corners (top-left, top-right, bottom-right,
/// bottom-left) of the page turned by `quarter_turns` clockwise.
fn turned_uvs(quarter_turns: u8) -> [Pos2; 4] {
    let corners = [
        Pos2::new(0.0, 0.0),
        Pos2::new(1.0, 0.0),
        Pos2::new(1.0, 1.0),
        Pos2::new(0.0, 1.0),
    ];
    let k = usize::from(quarter_turns % 4);
    std::array::from_fn(|i| corners[(i + 4 - k) % 4])
}

/// Paints the page with the view's zoom, offset and turn; handles wheel, drag and crop.
/// Returns true when the page is shown larger than the texture's own pixels.
fn paint_page(ui: &mut Ui, viewer: &mut Viewer, texture: &egui::TextureHandle) -> bool {
    let area = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(area, egui::Sense::click_and_drag());
    let [w, h] = texture.size().map(|v| v as f32);
    let turned = if viewer.quarter_turns % 2 == 1 {
        Vec2::new(h, w)
    } else {
        Vec2::new(w, h)
    };
    let fit = (area.width() / turned.x).min(area.height() / turned.y);
    if response.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            viewer.zoom = (viewer.zoom * (scroll * 0.002).exp()).clamp(0.1, 40.0);
        }
    }
    let scale = fit * viewer.zoom;
    let page_rect = Rect::from_center_size(area.center() + viewer.offset, turned * scale);
    let to_fraction = |p: Pos2| {
        Pos2::new(
            ((p.x - page_rect.left()) / page_rect.width()).clamp(0.0, 1.0),
            ((p.y - page_rect.top()) / page_rect.height()).clamp(0.0, 1.0),
        )
    };
    if viewer.cropping {
        if response.drag_started()
            && let Some(p) = response.interact_pointer_pos()
        {
            viewer.crop_anchor = Some(to_fraction(p));
        }
        if response.dragged()
            && let (Some(anchor), Some(p)) = (viewer.crop_anchor, response.interact_pointer_pos())
        {
            viewer.crop = Some(Rect::from_two_pos(anchor, to_fraction(p)));
        }
    } else if response.dragged() {
        viewer.offset += response.drag_delta();
    }
    let painter = ui.painter_at(area);
    let mut mesh = egui::Mesh::with_texture(texture.id());
    let corners = [
        page_rect.left_top(),
        page_rect.right_top(),
        page_rect.right_bottom(),
        page_rect.left_bottom(),
    ];
    for (corner, uv) in corners.into_iter().zip(turned_uvs(viewer.quarter_turns)) {
        mesh.vertices.push(egui::epaint::Vertex {
            pos: corner,
            uv,
            color: egui::Color32::WHITE,
        });
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    painter.add(egui::Shape::mesh(mesh));
    if let Some(crop) = viewer.crop {
        let on_screen = Rect::from_min_max(
            page_rect.lerp_inside(crop.min.to_vec2()),
            page_rect.lerp_inside(crop.max.to_vec2()),
        );
        painter.rect_stroke(
            on_screen,
            0.0,
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Outside,
        );
    }
    let shown_pixels = page_rect.width().max(page_rect.height()) * ui.ctx().pixels_per_point();
    shown_pixels > w.max(h) * 1.05
}

/// Makes the working copy (turned, cropped) of the page on a background thread.
fn start_derive(
    ctx: &egui::Context,
    viewer: &mut Viewer,
    scans: &Scans,
    file: &crate::model::DocumentFile,
    page: u32,
    context: &Context<'_>,
) {
    let (store, decoder, options) = (scans.store.clone(), scans.decoder.clone(), scans.options);
    let format = Format::from_media_type(&file.media_type);
    let (blob, parent, size) = (file.blob.clone(), file.sha256.clone(), file.size);
    let quarter_turns = viewer.quarter_turns;
    let crop = viewer
        .crop
        .filter(|c| c.width() > 0.01 && c.height() > 0.01)
        .map(|c| [c.min.x, c.min.y, c.max.x, c.max.y]);
    let name = working_copy_name(&file.original_name, page, quarter_turns, crop.is_some());
    let stamp = crate::media::Stamp {
        by: context.user.to_string(),
        at: now_text(),
    };
    let job = Background::spawn("casevault-derive", ctx, move || {
        let object = crate::vault::ObjectId::parse(&blob).ok_or_else(|| tr!("preview-crashed"))?;
        let bytes = store
            .read_sized(&object, size, options.max_size)
            .map_err(|e| e.to_string())?;
        let task = Task::Derive {
            page,
            quarter_turns,
            crop,
        };
        let png = match decoder.run(format, task, &bytes) {
            Ok(Output::Derived { png }) => png,
            Ok(_) => return Err(tr!("preview-crashed")),
            Err(err) => return Err(preview_error_text(&err)),
        };
        store_original(
            &store,
            &decoder,
            &png,
            name.clone(),
            FileRole::Derived,
            Some(parent),
            &options,
            &stamp,
        )
        .map_err(|e| import_error_text(&name, &e))
    });
    match job {
        Ok(job) => viewer.deriving = Some(job),
        Err(_) => viewer.message = Some((tr!("scans-thread-failed"), true)),
    }
}

/// "hukou.tif, page 2, turned 90°, cropped.png": what was done, in the name.
fn working_copy_name(original: &str, page: u32, quarter_turns: u8, cropped: bool) -> String {
    let stem = original.rsplit_once('.').map_or(original, |(stem, _)| stem);
    let mut name = tr!(
        "viewer-working-copy-name",
        name = stem,
        page = crate::i18n::num(page as usize + 1)
    );
    if !quarter_turns.is_multiple_of(4) {
        name.push_str(&tr!(
            "viewer-working-copy-turned",
            degrees = crate::i18n::num(usize::from(quarter_turns % 4) * 90)
        ));
    }
    if cropped {
        name.push_str(&tr!("viewer-working-copy-cropped"));
    }
    name.push_str(".png");
    name
}

/// Attaches a finished working copy to the document.
fn poll_derived(viewer: &mut Viewer, case: &mut Case) {
    let Some(job) = &viewer.deriving else {
        return;
    };
    let Some(result) = job.poll() else {
        return;
    };
    viewer.deriving = None;
    match result {
        Some(Ok(imported)) => {
            let name = imported.file.original_name.clone();
            attach(case, Destination::Document(viewer.document), imported);
            viewer.message = Some((tr!("viewer-working-copy-saved", name = name), false));
            viewer.reset_view();
            viewer.quarter_turns = 0;
        }
        Some(Err(reason)) => {
            viewer.message = Some((tr!("viewer-working-copy-failed", reason = reason), true));
        }
        None => {
            let reason = tr!("preview-crashed");
            viewer.message = Some((tr!("viewer-working-copy-failed", reason = reason), true));
        }
    }
}

/// "This page supports / contradicts <relationship>", with the statement as written; the
/// links this document already gives, with each relationship's proof status.
fn evidence_links(
    ui: &mut Ui,
    viewer: &mut Viewer,
    case: &mut Case,
    index: usize,
    context: &Context<'_>,
) {
    let document = case.documents[index].id;
    let page_number = viewer.page as u32 + 1;
    ui.heading(tr!("viewer-evidence-heading"));
    if case.relationships.is_empty() {
        ui.label(tr!("viewer-evidence-no-relationships"));
        return;
    }
    let choices: Vec<(RelationshipId, String)> = case
        .relationships
        .iter()
        .map(|r| {
            (
                r.id,
                tr!(
                    "relationship-label",
                    from = person_name(case, r.from),
                    kind = r.kind.label(),
                    to = person_name(case, r.to)
                ),
            )
        })
        .collect();
    let snapshot = case.clone();
    let seen = |d: DocumentId| snapshot.document_counts_as_proof(d);
    for relationship in &mut case.relationships {
        let label = choices
            .iter()
            .find(|(id, _)| *id == relationship.id)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        let mut remove = None;
        for (e, evidence) in relationship.evidence.iter().enumerate() {
            if evidence.document != document {
                continue;
            }
            ui.horizontal_wrapped(|ui| {
                let page = evidence.page.map_or_else(String::new, |p| {
                    tr!("scans-page", page = crate::i18n::num(p as usize))
                });
                ui.label(format!(
                    "{} · {} · {} «{}»",
                    evidence.stance.label(),
                    label,
                    page,
                    evidence.statement
                ));
                if super::remove_button(ui) {
                    remove = Some(e);
                }
            });
        }
        if let Some(e) = remove {
            relationship.evidence.remove(e);
        }
    }
    let selected = *viewer.evidence_for.get_or_insert(choices[0].0);
    let mut chosen = selected;
    id_picker(
        ui,
        "viewer_evidence_relationship",
        &tr!("viewer-evidence-relationship"),
        &choices,
        &mut chosen,
    );
    viewer.evidence_for = Some(chosen);
    picker(
        ui,
        "viewer_evidence_stance",
        &tr!("evidence-stance"),
        &mut viewer.evidence_stance,
    );
    text_field(
        ui,
        &tr!("evidence-statement"),
        &mut viewer.evidence_statement,
    );
    if ui
        .button(tr!(
            "viewer-evidence-link",
            page = crate::i18n::num(page_number as usize)
        ))
        .clicked()
        && let Some(relationship) = case.relationships.iter_mut().find(|r| r.id == chosen)
    {
        relationship.evidence.push(Evidence {
            document,
            page: Some(page_number),
            statement: std::mem::take(&mut viewer.evidence_statement),
            stance: viewer.evidence_stance,
            assessed_by: context.user.to_string(),
            assessed_on: context.today.to_string(),
        });
    }
    if let Some(relationship) = case.relationships.iter().find(|r| r.id == chosen) {
        let status = relationship.proof(seen).label();
        ui.label(tr!("relationships-proof", status = status));
    }
}
