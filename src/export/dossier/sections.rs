//! The writing tools the dossier's sections share: a section starting on a new page (with its
//! bookmark), headings kept with what follows, labelled fields, paragraphs and tables, all set
//! in the dossier's sizes.

use super::flow::{CONTENT_WIDTH, Flow, Row};
use super::text::{Ink, Look, Text, Typesetter};

pub const TITLE: Look = Look::new(18.0).bold();
pub const HEADING: Look = Look::new(12.5).bold();
pub const SUBHEADING: Look = Look::new(10.5).bold();
pub const BODY: Look = Look::new(9.5);
pub const LABEL: Look = Look::new(9.0).ink(Ink::Grey);
pub const SMALL: Look = Look::new(8.0);

/// Width of a field's label column.
const LABEL_WIDTH: f32 = 150.0;
/// Space between table columns.
const GUTTER: f32 = 8.0;

/// A bookmark: its title, the page (0-based) and whether it is an exhibit (nested under
/// "Exhibits").
pub struct Mark {
    pub title: String,
    pub page: usize,
    pub exhibit: bool,
}

/// The dossier being written: laid-out pages and bookmarks.
pub struct Writer<'t> {
    pub typesetter: &'t mut Typesetter,
    pub flow: Flow,
    pub marks: Vec<Mark>,
}

impl<'t> Writer<'t> {
    pub fn new(typesetter: &'t mut Typesetter) -> Self {
        Self {
            typesetter,
            flow: Flow::new(),
            marks: Vec::new(),
        }
    }

    pub fn text(&mut self, text: &str, look: Look, width: f32) -> Text {
        self.typesetter.text(text, look, width)
    }

    /// A new page with the section's title, bookmarked.
    pub fn section(&mut self, title: &str) {
        self.flow.new_page();
        self.mark(title, false);
        let text = self.text(title, TITLE, CONTENT_WIDTH);
        self.flow.paragraph(text, 10.0);
    }

    /// Bookmarks the current page.
    pub fn mark(&mut self, title: &str, exhibit: bool) {
        self.marks.push(Mark {
            title: title.to_string(),
            page: self.flow.page_index(),
            exhibit,
        });
    }

    /// A heading, kept on the page with some room for what follows.
    pub fn heading(&mut self, title: &str, look: Look) {
        let text = self.text(title, look, CONTENT_WIDTH);
        self.flow.space(6.0);
        self.flow.keep(text.height() + 40.0);
        self.flow.paragraph(text, 4.0);
    }

    /// A paragraph across the width.
    pub fn paragraph(&mut self, text: &str, look: Look) {
        let text = self.text(text, look, CONTENT_WIDTH);
        self.flow.paragraph(text, 5.0);
    }

    /// A paragraph of regular and bold spans across the width.
    pub fn spans(&mut self, spans: &[(&str, bool)], look: Look) {
        let text = self.typesetter.spans(spans, look, CONTENT_WIDTH);
        self.flow.paragraph(text, 4.0);
    }

    /// "Label   value" on one row (the value wraps in its column).
    pub fn field(&mut self, label: &str, value: &str) {
        self.field_look(label, value, BODY);
    }

    /// A field whose value is set in `look`.
    pub fn field_look(&mut self, label: &str, value: &str, look: Look) {
        let label = self.text(label, LABEL, LABEL_WIDTH - GUTTER);
        let value = self.text(value, look, CONTENT_WIDTH - LABEL_WIDTH);
        let row = Row::new(vec![(label, 0.0), (value, LABEL_WIDTH)], 3.0, false);
        self.flow.row(&row);
    }

    /// A field only when there is a value.
    pub fn field_if(&mut self, label: &str, value: Option<String>) {
        if let Some(value) = value {
            self.field(label, &value);
        }
    }

    /// Starts a table with these column titles and widths (fractions of the text width).
    pub fn table(&mut self, columns: &[(String, f32)]) -> Table {
        let table = Table::new(columns.iter().map(|(_, share)| *share));
        let titles: Vec<&str> = columns.iter().map(|(title, _)| title.as_str()).collect();
        let header = table.row(self, &titles, LABEL.bold(), 4.0, true);
        self.flow.start_table(header);
        table
    }

    pub fn end_table(&mut self) {
        self.flow.end_table();
        self.flow.space(8.0);
    }
}

/// Column positions of a table.
pub struct Table {
    /// Left edge and width of each column.
    columns: Vec<(f32, f32)>,
}

impl Table {
    fn new(shares: impl Iterator<Item = f32>) -> Self {
        let mut x = 0.0;
        let columns = shares
            .map(|share| {
                let width = share * CONTENT_WIDTH;
                let column = (x, (width - GUTTER).max(10.0));
                x += width;
                column
            })
            .collect();
        Self { columns }
    }

    fn row(&self, writer: &mut Writer, cells: &[&str], look: Look, gap: f32, rule: bool) -> Row {
        let cells = self
            .columns
            .iter()
            .zip(cells)
            .map(|(&(x, width), text)| (writer.text(text, look, width), x))
            .collect();
        Row::new(cells, gap, rule)
    }

    /// One row of the table.
    pub fn add(&self, writer: &mut Writer, cells: &[&str]) {
        let row = self.row(writer, cells, BODY, 5.0, false);
        writer.flow.row(&row);
    }
}
