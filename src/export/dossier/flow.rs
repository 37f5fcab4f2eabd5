//! Page flow: A4 pages with margins, filled top to bottom with rows of laid-out text (a
//! paragraph is a row of one cell, a table row has several). A row that does not fit goes to the
//! next page, one taller than a page is split between its lines, and a table's header row is
//! repeated at the top of every page the table runs onto. Pages are kept as lists of items, so
//! the page count is known before anything is drawn.

use std::ops::Range;
use std::rc::Rc;

use krilla::image::Image;
use krilla::pdf::PdfDocument;

use super::text::Text;

/// A4, in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm.
pub const MARGIN: f32 = 56.7;
/// Where content ends; the footer sits below.
pub const BOTTOM: f32 = PAGE_HEIGHT - 62.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// Something drawn on a page, at absolute page coordinates (top-left origin, points).
pub enum Item {
    /// Lines `lines` of a paragraph, the top of the first at `y`.
    Text {
        text: Rc<Text>,
        lines: Range<usize>,
        x: f32,
        y: f32,
    },
    /// A thin horizontal line.
    Rule { x: f32, y: f32, width: f32 },
    /// A thin frame around a picture.
    Frame {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    Image {
        image: Image,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// Page `index` of a PDF original, scaled into the box.
    PdfPage {
        document: PdfDocument,
        index: usize,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

/// One page of the dossier.
#[derive(Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// One cell of a row: a paragraph at `x` from the left margin, `dy` below the row's top.
#[derive(Clone)]
pub struct Cell {
    pub text: Rc<Text>,
    pub x: f32,
    dy: f32,
}

/// Paragraphs side by side, their first lines on one baseline, with `gap` points below.
#[derive(Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub gap: f32,
    /// A thin line under the row (table headers).
    pub rule_below: bool,
}

impl Row {
    /// Paragraphs at their `x`, moved down so that their first baselines line up.
    pub fn new(cells: Vec<(Text, f32)>, gap: f32, rule_below: bool) -> Self {
        let baseline = cells
            .iter()
            .map(|(text, _)| text.first_baseline())
            .fold(0.0, f32::max);
        Self {
            cells: cells
                .into_iter()
                .map(|(text, x)| Cell {
                    dy: baseline - text.first_baseline(),
                    text: Rc::new(text),
                    x,
                })
                .collect(),
            gap,
            rule_below,
        }
    }

    pub fn single(text: Text, gap: f32) -> Self {
        Self::new(vec![(text, 0.0)], gap, false)
    }

    fn height(&self, from: &[usize]) -> f32 {
        self.cells
            .iter()
            .zip(from)
            .map(|(cell, &start)| {
                cell.offset(start) + cell.text.lines_height(start..cell.text.line_count())
            })
            .fold(0.0, f32::max)
    }
}

impl Cell {
    /// How far below the row's top the cell's lines from `start` begin.
    fn offset(&self, start: usize) -> f32 {
        if start == 0 { self.dy } else { 0.0 }
    }
}

/// Pages being filled.
pub struct Flow {
    pages: Vec<Page>,
    y: f32,
    /// Where the body of the current page starts (below a repeated table header).
    body_top: f32,
    header: Option<Row>,
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}

impl Flow {
    pub fn new() -> Self {
        Self {
            pages: Vec::new(),
            y: MARGIN,
            body_top: MARGIN,
            header: None,
        }
    }

    /// Starts a new page (and repeats the table header, if a table is running).
    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
        if let Some(header) = self.header.clone() {
            self.place_whole(&header);
        }
        self.body_top = self.y;
    }

    /// Pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Index (0-based) of the page being filled.
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    /// Starts a table: `header` now and at the top of each page it runs onto.
    pub fn start_table(&mut self, header: Row) {
        self.keep(header.height(&vec![0; header.cells.len()]) * 3.0);
        self.place_whole(&header);
        self.header = Some(header);
    }

    pub fn end_table(&mut self) {
        self.header = None;
    }

    /// Vertical space.
    pub fn space(&mut self, points: f32) {
        self.y = (self.y + points).min(BOTTOM);
    }

    /// Goes to a new page unless `points` of room are left (keeps a heading with what follows).
    pub fn keep(&mut self, points: f32) {
        if self.pages.is_empty() || (self.y + points > BOTTOM && self.y > self.body_top + 0.01) {
            self.new_page();
        }
    }

    /// A thin line across the text width.
    pub fn rule(&mut self) {
        self.keep(4.0);
        let y = self.y;
        self.push(Item::Rule {
            x: MARGIN,
            y,
            width: CONTENT_WIDTH,
        });
        self.y += 6.0;
    }

    /// A paragraph across the text width.
    pub fn paragraph(&mut self, text: Text, gap: f32) {
        self.row(&Row::single(text, gap));
    }

    /// Places a row: on this page if it fits, else on the next; split between lines when it
    /// is taller than a page.
    pub fn row(&mut self, row: &Row) {
        if self.pages.is_empty() {
            self.new_page();
        }
        let mut from = vec![0usize; row.cells.len()];
        loop {
            let rest = row.height(&from);
            if self.y + rest <= BOTTOM + 0.01 {
                self.place(row, &from, None);
                self.y += rest;
                self.finish_row(row);
                return;
            }
            if self.y > self.body_top + 0.01 && rest <= BOTTOM - self.body_top {
                self.new_page();
                continue;
            }
            // Taller than what is left of a fresh page: as many lines as fit, the rest after.
            let room = (BOTTOM - self.y).max(0.0);
            let ends = self.place(row, &from, Some(room));
            let progressed = ends.iter().zip(&from).any(|(end, start)| end > start);
            from = if progressed {
                ends
            } else {
                // Not one line fits even on a fresh page (cannot happen at the dossier's
                // sizes): force one line of each cell, so the flow always ends.
                let forced: Vec<usize> = row
                    .cells
                    .iter()
                    .zip(&from)
                    .map(|(cell, &start)| (start + 1).min(cell.text.line_count()))
                    .collect();
                self.place_lines(row, &from, &forced);
                forced
            };
            let done = row
                .cells
                .iter()
                .zip(&from)
                .all(|(cell, &start)| start >= cell.text.line_count());
            if done {
                self.y = BOTTOM;
                self.finish_row(row);
                return;
            }
            self.new_page();
        }
    }

    fn finish_row(&mut self, row: &Row) {
        if row.rule_below {
            let y = self.y + 2.0;
            self.push(Item::Rule {
                x: MARGIN,
                y,
                width: CONTENT_WIDTH,
            });
            self.y += 4.0;
        }
        self.y = (self.y + row.gap).min(BOTTOM);
    }

    /// Places the lines of each cell from `from` on, up to `room` points tall (all of them
    /// without a limit); returns where each cell stopped.
    fn place(&mut self, row: &Row, from: &[usize], room: Option<f32>) -> Vec<usize> {
        let ends: Vec<usize> = row
            .cells
            .iter()
            .zip(from)
            .map(|(cell, &start)| {
                let count = cell.text.line_count();
                match room {
                    None => count,
                    Some(room) => (start..count)
                        .take_while(|&end| {
                            cell.offset(start) + cell.text.lines_height(start..end + 1) <= room
                        })
                        .last()
                        .map_or(start, |end| end + 1),
                }
            })
            .collect();
        self.place_lines(row, from, &ends);
        ends
    }

    fn place_lines(&mut self, row: &Row, from: &[usize], to: &[usize]) {
        let y = self.y;
        for ((cell, &start), &end) in row.cells.iter().zip(from).zip(to) {
            if end > start {
                self.push(Item::Text {
                    text: Rc::clone(&cell.text),
                    lines: start..end,
                    x: MARGIN + cell.x,
                    y: y + cell.offset(start),
                });
            }
        }
    }

    /// A row that fits on an empty page (a table header).
    fn place_whole(&mut self, row: &Row) {
        let from = vec![0; row.cells.len()];
        self.place(row, &from, None);
        self.y += row.height(&from);
        self.finish_row(row);
    }

    /// Adds a ready-made page (an exhibit page).
    pub fn push_page(&mut self, page: Page) {
        self.pages.push(page);
        self.y = BOTTOM;
        self.body_top = MARGIN;
    }

    fn push(&mut self, item: Item) {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    pub fn into_pages(self) -> Vec<Page> {
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{Look, Typesetter};
    use super::*;

    fn text_lines(page: &Page) -> usize {
        page.items
            .iter()
            .map(|item| match item {
                Item::Text { lines, .. } => lines.len(),
                _ => 0,
            })
            .sum()
    }

    #[test]
    fn a_paragraph_longer_than_a_page_is_split_between_lines_and_nothing_is_lost() {
        let mut typesetter = Typesetter::new();
        let long = "Paragraph text that goes on. ".repeat(600);
        let text = typesetter.text(&long, Look::new(10.0), CONTENT_WIDTH);
        let lines = text.line_count();
        let mut flow = Flow::new();
        flow.new_page();
        flow.paragraph(text, 0.0);
        let pages = flow.into_pages();
        assert!(pages.len() >= 2, "{}", pages.len());
        assert_eq!(pages.iter().map(text_lines).sum::<usize>(), lines);
        for page in &pages {
            for item in &page.items {
                if let Item::Text { text, lines, y, .. } = item {
                    assert!(y + text.lines_height(lines.clone()) <= BOTTOM + 0.01);
                }
            }
        }
    }

    #[test]
    fn a_row_that_does_not_fit_moves_to_the_next_page_with_the_table_header() {
        let mut typesetter = Typesetter::new();
        let mut flow = Flow::new();
        flow.new_page();
        let header = Row::single(
            typesetter.text("Header", Look::new(10.0).bold(), 100.0),
            2.0,
        );
        flow.start_table(header);
        for n in 0..80 {
            let row = Row::single(
                typesetter.text(&format!("row {n}"), Look::new(10.0), 100.0),
                2.0,
            );
            flow.row(&row);
        }
        flow.end_table();
        let pages = flow.into_pages();
        assert!(pages.len() >= 2);
        // Every page starts with the header; rows are never split (one line each).
        for page in &pages {
            match page.items.first() {
                Some(Item::Text { text, .. }) => assert_eq!(text.line_count(), 1),
                _ => panic!("page without the header"),
            }
        }
        let rows: usize = pages.iter().map(text_lines).sum();
        assert_eq!(rows, 80 + pages.len());
    }
}
