//! Text for the dossier: parley lays a paragraph out (font fallback over the bundled fonts,
//! shaping, bidi, line breaks at a width, alignment), and the laid-out glyphs are drawn with
//! krilla, each with the range of text it shows, so that the PDF's text can be searched and
//! copied (Chinese, Uyghur and Kazakh names included).

use std::ops::Range;

use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use parley::{
    Alignment, AlignmentOptions, FontContext, FontWeight, Layout, LayoutContext, LineHeight,
    OverflowWrap, PositionedLayoutItem, StyleProperty,
};

use super::fonts::{self, KrillaFonts};

/// The colour of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Black,
    /// Labels, footers.
    Grey,
    /// The confidentiality marking.
    Red,
}

impl Ink {
    fn fill(self) -> Fill {
        let color = match self {
            Ink::Black => rgb::Color::new(0, 0, 0),
            Ink::Grey => rgb::Color::new(90, 90, 90),
            Ink::Red => rgb::Color::new(160, 0, 0),
        };
        Fill {
            paint: color.into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }
    }
}

/// Where the lines of a paragraph sit in its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left for left-to-right paragraphs, right for right-to-left ones.
    Start,
    /// Left whatever the direction (a name in a table cell, next to its label).
    Left,
    /// Right for left-to-right paragraphs.
    End,
}

/// Size, weight and colour of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub size: f32,
    pub bold: bool,
    pub ink: Ink,
    pub align: Align,
}

impl Look {
    pub const fn new(size: f32) -> Self {
        Self {
            size,
            bold: false,
            ink: Ink::Black,
            align: Align::Start,
        }
    }
    pub const fn bold(self) -> Self {
        Self { bold: true, ..self }
    }
    pub const fn ink(self, ink: Ink) -> Self {
        Self { ink, ..self }
    }
    pub const fn align(self, align: Align) -> Self {
        Self { align, ..self }
    }
}

/// A laid-out paragraph.
pub struct Text {
    text: String,
    layout: Layout<()>,
    ink: Ink,
    /// Top and bottom of each line box, from the top of the paragraph.
    lines: Vec<(f32, f32)>,
}

impl Text {
    pub fn height(&self) -> f32 {
        self.lines.last().map_or(0.0, |line| line.1)
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The top and bottom of line `index`.
    pub fn line_box(&self, index: usize) -> (f32, f32) {
        self.lines.get(index).copied().unwrap_or((0.0, 0.0))
    }

    /// The height of lines `range` together.
    pub fn lines_height(&self, range: Range<usize>) -> f32 {
        if range.is_empty() {
            return 0.0;
        }
        self.line_box(range.end - 1).1 - self.line_box(range.start).0
    }

    /// The baseline of the first line, from the top.
    pub fn first_baseline(&self) -> f32 {
        self.layout.first_baseline().unwrap_or(0.0)
    }

    /// Width of the widest line.
    #[cfg(test)]
    pub fn width(&self) -> f32 {
        self.layout.width()
    }

    /// Draws lines `range` with the top of the first at (`x`, `y`).
    pub fn draw(
        &self,
        surface: &mut Surface,
        fonts: &mut KrillaFonts,
        range: Range<usize>,
        x: f32,
        y: f32,
    ) {
        let top = self.line_box(range.start).0;
        surface.set_fill(Some(self.ink.fill()));
        for line in self.layout.lines().skip(range.start).take(range.len()) {
            // Where each run starts: the first of its glyph runs, in visual order.
            let mut starts: Vec<(usize, f32, f32)> = Vec::new();
            for item in line.items() {
                if let PositionedLayoutItem::GlyphRun(glyph_run) = item {
                    let index = glyph_run.run().index();
                    if !starts.iter().any(|(i, _, _)| *i == index) {
                        starts.push((index, glyph_run.offset(), glyph_run.baseline()));
                    }
                }
            }
            for run in line.runs() {
                let Some(&(_, offset, baseline)) =
                    starts.iter().find(|(i, _, _)| *i == run.index())
                else {
                    continue;
                };
                let Some(font) = fonts.get(run.font()) else {
                    continue;
                };
                let size = run.font_size();
                let glyphs = run_glyphs(&run, size);
                if glyphs.is_empty() {
                    continue;
                }
                surface.draw_glyphs(
                    Point::from_xy(x + offset, y + baseline - top),
                    &glyphs,
                    font,
                    &self.text,
                    size,
                    false,
                );
            }
        }
    }
}

/// The glyphs of a run in visual order, each with the text of its cluster (a ligature's glyphs
/// carry the text of all the characters it joins).
fn run_glyphs(run: &parley::Run<'_, ()>, size: f32) -> Vec<KrillaGlyph> {
    // Clusters in logical order first, so that ligature continuations join the cluster that
    // starts the ligature whatever the direction.
    let mut clusters: Vec<(Range<usize>, Vec<parley::Glyph>)> = Vec::new();
    for cluster in run.clusters() {
        let range = cluster.text_range();
        if cluster.is_ligature_continuation()
            && let Some((last, _)) = clusters.last_mut()
        {
            last.start = last.start.min(range.start);
            last.end = last.end.max(range.end);
            continue;
        }
        clusters.push((range, cluster.glyphs().collect()));
    }
    if run.is_rtl() {
        clusters.reverse();
    }
    clusters
        .into_iter()
        .flat_map(|(range, glyphs)| {
            glyphs.into_iter().map(move |glyph| {
                KrillaGlyph::new(
                    GlyphId::new(glyph.id),
                    glyph.advance / size,
                    glyph.x / size,
                    glyph.y / size,
                    0.0,
                    range.clone(),
                    None,
                )
            })
        })
        .collect()
}

/// Lays paragraphs out with the bundled fonts.
pub struct Typesetter {
    fonts: FontContext,
    layouts: LayoutContext<()>,
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    pub fn new() -> Self {
        Self {
            fonts: fonts::font_context(),
            layouts: LayoutContext::new(),
        }
    }

    /// One paragraph in one look, broken into lines of at most `width` points.
    pub fn text(&mut self, text: &str, look: Look, width: f32) -> Text {
        self.spans(&[(text, look.bold)], look, width)
    }

    /// A paragraph of spans, each regular or bold (`look.bold` is ignored), in one size and
    /// colour.
    pub fn spans(&mut self, spans: &[(&str, bool)], look: Look, width: f32) -> Text {
        let text: String = spans.iter().map(|(part, _)| *part).collect();
        let mut builder = self
            .layouts
            .ranged_builder(&mut self.fonts, &text, 1.0, false);
        builder.push_default(StyleProperty::FontFamily(fonts::stack()));
        builder.push_default(StyleProperty::FontSize(look.size));
        builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(1.3)));
        // A word wider than the column (a long file name, a hash) breaks instead of overflowing.
        builder.push_default(StyleProperty::OverflowWrap(OverflowWrap::Anywhere));
        let mut at = 0;
        for (part, bold) in spans {
            if *bold {
                builder.push(
                    StyleProperty::FontWeight(FontWeight::BOLD),
                    at..at + part.len(),
                );
            }
            at += part.len();
        }
        let mut layout = builder.build(&text);
        layout.break_all_lines(Some(width));
        let alignment = match look.align {
            Align::Start => Alignment::Start,
            Align::Left => Alignment::Left,
            Align::End => Alignment::End,
        };
        layout.align(alignment, AlignmentOptions::default());
        let lines = layout
            .lines()
            .map(|line| {
                let metrics = line.metrics();
                (metrics.block_min_coord, metrics.block_max_coord)
            })
            .collect();
        Text {
            text,
            layout,
            ink: look.ink,
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_breaks_into_lines_within_the_width() {
        let mut typesetter = Typesetter::new();
        let words = "Ainur Kenzhebekova Қасымқызы 阿依努尔 ئايگۈل ".repeat(20);
        let text = typesetter.text(&words, Look::new(10.0), 200.0);
        assert!(text.line_count() > 5, "{}", text.line_count());
        assert!(text.width() <= 200.5, "{}", text.width());
        let (top, bottom) = text.line_box(1);
        assert!(top >= text.line_box(0).1 - 0.01 && bottom > top);
        assert!((text.height() - text.lines_height(0..text.line_count())).abs() < 0.01);
    }

    #[test]
    fn every_script_finds_a_bundled_font() {
        let mut typesetter = Typesetter::new();
        let mut fonts = KrillaFonts::default();
        for sample in ["Қасымқызы", "ئايگۈل تۇرسۇن", "阿依古丽", "Ayg\u{fc}l"]
        {
            let text = typesetter.text(sample, Look::new(10.0), 400.0);
            for line in text.layout.lines() {
                for run in line.runs() {
                    assert!(fonts.get(run.font()).is_some());
                    let glyphs = run_glyphs(&run, 10.0);
                    // No .notdef: every character has a glyph in the chosen font.
                    assert!(glyphs.iter().all(|g| g.glyph_id.to_u32() != 0), "{sample}");
                }
            }
        }
    }
}
