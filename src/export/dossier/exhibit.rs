//! The exhibit index (number, title, kind, issuer, number, holders, whether the original was
//! seen, pages and where they start) and the exhibit pages: each sheet on its own A4 page under
//! an "Exhibit N — page k of n" stamp with the title, the scan fitted inside the margins with its
//! aspect kept, or the text saying why there is no picture.

use std::rc::Rc;

use super::flow::{BOTTOM, CONTENT_WIDTH, Item, MARGIN, Page};
use super::labels::{self, Labelled};
use super::scans::{Notice, Prepared, Sheet};
use super::sections::{BODY, LABEL, SMALL, Writer};
use super::text::{Ink, Look, Text};
use crate::export::exhibits::Exhibit;
use crate::model::{Case, Document};
use crate::tr;

const STAMP: Look = Look::new(11.0).bold();

/// The exhibit index; `starts[i]` is the dossier page (1-based) where exhibit i+1 begins.
pub fn index(w: &mut Writer, case: &Case, exhibits: &[Exhibit], pages: &[usize], starts: &[usize]) {
    w.section(&tr!("dossier-exhibit-index"));
    if exhibits.is_empty() {
        w.paragraph(&tr!("dossier-no-exhibits"), BODY.ink(Ink::Grey));
        return;
    }
    let table = w.table(&[
        (tr!("dossier-col-number"), 0.07),
        (tr!("dossier-col-document"), 0.30),
        (tr!("dossier-col-issued"), 0.22),
        (tr!("dossier-col-holders"), 0.17),
        (tr!("dossier-col-original"), 0.15),
        (tr!("dossier-col-pages"), 0.09),
    ]);
    for (n, exhibit) in exhibits.iter().enumerate() {
        let Some(document) = case.document(exhibit.document) else {
            continue;
        };
        let title = labels::document_title(document);
        let kind = document.kind.label();
        let mut what = vec![title.clone()];
        if title != kind {
            what.push(kind);
        }
        if let Some(from) = labels::non_empty(&document.provenance.received_from) {
            what.push(tr!(
                "dossier-received",
                from = from,
                on = labels::date(&document.provenance.received_on),
                how = document.provenance.how.label()
            ));
        }
        let issued: Vec<String> = [
            labels::non_empty(&document.issuer),
            labels::non_empty(&document.number)
                .map(|number| tr!("dossier-document-number", number = number)),
            (!document.issued_on.is_unknown()).then(|| labels::date(&document.issued_on)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let holders: Vec<String> = document
            .holders
            .iter()
            .map(|id| labels::person(case, *id))
            .collect();
        let original = match &document.original_seen {
            Some(seen) => tr!(
                "dossier-original-seen",
                by = seen.by.clone(),
                on = seen.on.clone()
            ),
            None => tr!("dossier-original-not-seen"),
        };
        let original = format!("{original}\n{}", document.verification.label());
        let first = starts.get(n).copied().unwrap_or(0);
        let last = first + pages.get(n).copied().unwrap_or(1).max(1) - 1;
        let pages = if last > first {
            format!("{first}–{last}")
        } else {
            first.to_string()
        };
        table.add(
            w,
            &[
                &exhibit.number.to_string(),
                &what.join("\n"),
                &issued.join("\n"),
                &holders.join("\n"),
                &original,
                &pages,
            ],
        );
    }
    w.end_table();
}

/// The pages of one exhibit.
pub fn pages(w: &mut Writer, case: &Case, exhibit: &Exhibit, prepared: &Prepared) {
    let Some(document) = case.document(exhibit.document) else {
        return;
    };
    let title = labels::document_title(document);
    let count = prepared.sheets.len();
    for (k, sheet) in prepared.sheets.iter().enumerate() {
        let mut sheet_page = SheetPage {
            page: Page::default(),
            y: MARGIN,
        };
        let stamp = tr!(
            "dossier-exhibit-page",
            number = exhibit.number.to_string(),
            page = (k + 1).to_string(),
            pages = count.to_string()
        );
        sheet_page.put(w.text(&stamp, STAMP, CONTENT_WIDTH), 2.0);
        sheet_page.put(w.text(&title, BODY, CONTENT_WIDTH), 2.0);
        if let Some(file) = sheet_file(sheet).and_then(|i| document.files.get(i)) {
            sheet_page.put(
                w.text(&labels::file(file), SMALL.ink(Ink::Grey), CONTENT_WIDTH),
                1.0,
            );
        }
        if k == 0 {
            for file in prepared
                .in_bundle_only
                .iter()
                .filter_map(|&i| document.files.get(i))
            {
                let line = tr!(
                    "dossier-also-in-bundle",
                    file = labels::file(file),
                    sha256 = file.sha256.clone()
                );
                sheet_page.put(w.text(&line, SMALL.ink(Ink::Grey), CONTENT_WIDTH), 1.0);
            }
        }
        sheet_page.y += 3.0;
        sheet_page.page.items.push(Item::Rule {
            x: MARGIN,
            y: sheet_page.y,
            width: CONTENT_WIDTH,
        });
        sheet_page.y += 10.0;
        match sheet {
            Sheet::Image {
                image,
                width,
                height,
                ..
            } => {
                let (x, y, w, h) = sheet_page.fit(*width as f32, *height as f32);
                sheet_page.frame(x, y, w, h);
                sheet_page.page.items.push(Item::Image {
                    image: image.clone(),
                    x,
                    y,
                    width: w,
                    height: h,
                });
            }
            Sheet::Pdf {
                document: pdf,
                index,
                width,
                height,
                ..
            } => {
                let (x, y, w, h) = sheet_page.fit(*width, *height);
                sheet_page.frame(x, y, w, h);
                sheet_page.page.items.push(Item::PdfPage {
                    document: pdf.clone(),
                    index: *index,
                    x,
                    y,
                    width: w,
                    height: h,
                });
            }
            Sheet::Notice(notice) => notice_text(w, &mut sheet_page, document, notice),
        }
        w.flow.push_page(sheet_page.page);
        if k == 0 {
            let mark = tr!(
                "dossier-exhibit-mark",
                number = exhibit.number.to_string(),
                title = title.clone()
            );
            w.mark(&mark, true);
        }
    }
}

/// The file a sheet shows.
fn sheet_file(sheet: &Sheet) -> Option<usize> {
    match sheet {
        Sheet::Image { file, .. } | Sheet::Pdf { file, .. } => Some(*file),
        Sheet::Notice(Notice::NotMerged(file) | Notice::NotDecoded { file, .. }) => Some(*file),
        Sheet::Notice(_) => None,
    }
}

/// What a page without a picture says, with the hash of the file it is about.
fn notice_text(w: &mut Writer, page: &mut SheetPage, document: &Document, notice: &Notice) {
    let hash = |w: &mut Writer, page: &mut SheetPage, sha256: &str| {
        let line = tr!("dossier-sha256", sha256 = sha256.to_string());
        page.put(w.text(&line, LABEL, CONTENT_WIDTH), 8.0);
    };
    match notice {
        Notice::NoScan => page.put(w.text(&tr!("dossier-no-scan"), BODY, CONTENT_WIDTH), 6.0),
        Notice::InBundleOnly(files) => {
            for file in files.iter().filter_map(|&i| document.files.get(i)) {
                let text = tr!("dossier-in-bundle-only", file = labels::file(file));
                page.put(w.text(&text, BODY, CONTENT_WIDTH), 2.0);
                hash(w, page, &file.sha256);
            }
        }
        Notice::NotMerged(index) => {
            if let Some(file) = document.files.get(*index) {
                let text = tr!("dossier-not-merged", file = labels::file(file));
                page.put(w.text(&text, BODY, CONTENT_WIDTH), 2.0);
                hash(w, page, &file.sha256);
            }
        }
        Notice::NotDecoded {
            file: index,
            page: number,
            reason,
        } => {
            if let Some(file) = document.files.get(*index) {
                let text = tr!(
                    "dossier-not-decoded",
                    page = (number + 1).to_string(),
                    file = labels::file(file),
                    reason = reason.clone()
                );
                page.put(w.text(&text, BODY, CONTENT_WIDTH), 2.0);
                hash(w, page, &file.sha256);
            }
        }
    }
}

/// An exhibit page being composed, top to bottom.
struct SheetPage {
    page: Page,
    y: f32,
}

impl SheetPage {
    /// A paragraph across the width, then `gap` points.
    fn put(&mut self, text: Text, gap: f32) {
        let height = text.height();
        let lines = 0..text.line_count();
        self.page.items.push(Item::Text {
            text: Rc::new(text),
            lines,
            x: MARGIN,
            y: self.y,
        });
        self.y += height + gap;
    }

    /// A frame around a picture's box (drawn under it).
    fn frame(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.page.items.push(Item::Frame {
            x,
            y,
            width,
            height,
        });
    }

    /// The box for a picture of `width` × `height` (any unit): as large as fits between the
    /// stamp and the footer, aspect kept, centred across.
    fn fit(&self, width: f32, height: f32) -> (f32, f32, f32, f32) {
        let (room_w, room_h) = (CONTENT_WIDTH, (BOTTOM - self.y).max(1.0));
        let scale = (room_w / width.max(1.0)).min(room_h / height.max(1.0));
        let (w, h) = (width.max(1.0) * scale, height.max(1.0) * scale);
        (MARGIN + (room_w - w) / 2.0, self.y, w, h)
    }
}
