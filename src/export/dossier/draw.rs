//! Drawing the laid-out pages with krilla: their items, every page's footer (case number,
//! confidentiality, "Page N of M" — the total is known, as everything was laid out first), the
//! bookmarks and the document's metadata; then writing the PDF, a panic inside the writer
//! reported as an error rather than taking the app down.

use std::panic::{AssertUnwindSafe, catch_unwind};

use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use super::flow::{BOTTOM, CONTENT_WIDTH, Item, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Page};
use super::fonts::KrillaFonts;
use super::sections::Mark;
use super::text::{Align, Ink, Look, Typesetter};
use crate::export::originals::ExportError;
use crate::tr;

/// What the PDF says about itself.
pub struct Info<'a> {
    pub case_number: &'a str,
    pub title: String,
    pub language: String,
    pub author: &'a str,
    /// RFC 3339.
    pub created: &'a str,
}

const FOOTER: Look = Look::new(8.0).ink(Ink::Grey);

/// Draws the pages and writes the PDF.
pub fn write(
    pages: &[Page],
    marks: &[Mark],
    typesetter: &mut Typesetter,
    info: &Info,
) -> Result<Vec<u8>, ExportError> {
    let mut document = Document::new();
    let mut fonts = KrillaFonts::default();
    let total = pages.len();
    let left = format!(
        "{} · {}",
        info.case_number,
        tr!("dossier-footer-confidential")
    );
    let left = typesetter.text(&left, FOOTER, CONTENT_WIDTH * 0.7);
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| ExportError::Pdf(tr!("dossier-writer-failed")))?;
    for (n, page) in pages.iter().enumerate() {
        let mut pdf_page = document.start_page_with(size.clone());
        let mut surface = pdf_page.surface();
        for item in &page.items {
            draw_item(&mut surface, &mut fonts, item);
        }
        let right = tr!(
            "dossier-footer-page",
            page = (n + 1).to_string(),
            pages = total.to_string()
        );
        let right = typesetter.text(&right, FOOTER.align(Align::End), CONTENT_WIDTH * 0.3);
        let y = BOTTOM + 24.0;
        draw_rule(&mut surface, MARGIN, y - 6.0, CONTENT_WIDTH);
        left.draw(&mut surface, &mut fonts, 0..left.line_count(), MARGIN, y);
        right.draw(
            &mut surface,
            &mut fonts,
            0..right.line_count(),
            MARGIN + CONTENT_WIDTH * 0.7,
            y,
        );
        surface.finish();
        pdf_page.finish();
    }
    document.set_outline(outline(marks));
    let mut metadata = Metadata::new()
        .title(info.title.clone())
        .language(info.language.clone())
        .creator("casevault".to_string())
        .authors(vec![info.author.to_string()]);
    if let Some(created) = date_time(info.created) {
        metadata = metadata.creation_date(created);
    }
    document.set_metadata(metadata);
    match catch_unwind(AssertUnwindSafe(|| document.finish())) {
        Ok(Ok(pdf)) => Ok(pdf),
        Ok(Err(err)) => Err(ExportError::Pdf(err.to_string())),
        Err(_) => Err(ExportError::Pdf(tr!("dossier-writer-failed"))),
    }
}

fn draw_item(surface: &mut Surface, fonts: &mut KrillaFonts, item: &Item) {
    match item {
        Item::Text { text, lines, x, y } => text.draw(surface, fonts, lines.clone(), *x, *y),
        Item::Rule { x, y, width } => draw_rule(surface, *x, *y, *width),
        Item::Frame {
            x,
            y,
            width,
            height,
        } => draw_frame(surface, *x, *y, *width, *height),
        Item::Image {
            image,
            x,
            y,
            width,
            height,
        } => {
            if let Some(size) = Size::from_wh(*width, *height) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
        Item::PdfPage {
            document,
            index,
            x,
            y,
            width,
            height,
        } => {
            if let Some(size) = Size::from_wh(*width, *height) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_pdf_page(document, size, *index);
                surface.pop();
            }
        }
    }
}

/// A hairline (0.5 pt, grey).
fn draw_rule(surface: &mut Surface, x: f32, y: f32, width: f32) {
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, width, 0.5) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.set_fill(Some(Fill {
            paint: rgb::Color::new(150, 150, 150).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }));
        surface.draw_path(&path);
    }
}

/// A hairline frame (grey) around a picture, to show where a page ends.
fn draw_frame(surface: &mut Surface, x: f32, y: f32, width: f32, height: f32) {
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, width, height) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(150, 150, 150).into(),
            width: 0.5,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

/// Bookmarks: the sections, and the exhibits nested under one "Exhibits" entry.
fn outline(marks: &[Mark]) -> Outline {
    let node = |mark: &Mark| {
        OutlineNode::new(
            mark.title.clone(),
            XyzDestination::new(mark.page, Point::from_xy(0.0, 0.0)),
        )
    };
    let mut outline = Outline::new();
    let mut exhibits: Option<OutlineNode> = None;
    for mark in marks {
        if mark.exhibit {
            exhibits
                .get_or_insert_with(|| {
                    OutlineNode::new(
                        tr!("dossier-exhibits"),
                        XyzDestination::new(mark.page, Point::from_xy(0.0, 0.0)),
                    )
                    .with_open(true)
                })
                .push_child(node(mark));
        } else {
            if let Some(group) = exhibits.take() {
                outline.push_child(group);
            }
            outline.push_child(node(mark));
        }
    }
    if let Some(group) = exhibits {
        outline.push_child(group);
    }
    outline
}

/// An RFC 3339 time (`2026-11-27T10:00:00Z`, `…+06:00`) as PDF metadata wants it.
fn date_time(text: &str) -> Option<DateTime> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u8>().ok();
    let year: u16 = text.get(0..4)?.parse().ok()?;
    let mut time = DateTime::new(year)
        .month(number(5..7)?)
        .day(number(8..10)?)
        .hour(number(11..13)?)
        .minute(number(14..16)?)
        .second(number(17..19)?);
    // The zone: after the seconds and any fraction.
    let zone = text
        .get(19..)?
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    if zone.eq_ignore_ascii_case("z") {
        time = time.utc_offset_hour(0).utc_offset_minute(0);
    } else if let (Some(sign), Some(hours), Some(minutes)) =
        (zone.get(0..1), zone.get(1..3), zone.get(4..6))
    {
        let hours: i8 = hours.parse().ok()?;
        time = time
            .utc_offset_hour(if sign == "-" { -hours } else { hours })
            .utc_offset_minute(minutes.parse().ok()?);
    }
    Some(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_become_pdf_dates() {
        assert!(date_time("2026-11-27T10:00:00Z").is_some());
        assert!(date_time("2026-11-27T10:00:00.123+06:00").is_some());
        assert!(date_time("yesterday").is_none());
    }
}
