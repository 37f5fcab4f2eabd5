//! The dossier's exhibits and its page plan: every document of the (redacted) case becomes
//! "Exhibit N" in case order, each original file placed by its type. The plan is what the lawyer
//! previews before exporting and what the dossier writer follows, so the two cannot disagree.

use crate::media::sniff::Format;
use crate::model::{Case, DocumentId, FileRole};

/// How a file goes into the dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A JPEG, embedded byte for byte (the PDF holds the very file that was imported).
    JpegAsIs,
    /// PNG, TIFF or WebP: decoded by the sandboxed worker, embedded losslessly.
    Lossless,
    /// A PDF original, its pages merged into the dossier where they can be read; otherwise listed.
    PdfPages,
    /// Anything else (HEIC, unknown types): named with its SHA-256, in the bundle only.
    ListedOnly,
}

impl Placement {
    pub fn of(media_type: &str) -> Self {
        match Format::from_media_type(media_type) {
            Format::Jpeg => Placement::JpegAsIs,
            Format::Png | Format::Tiff | Format::Webp => Placement::Lossless,
            Format::Pdf => Placement::PdfPages,
            Format::Heic | Format::Other => Placement::ListedOnly,
        }
    }
}

/// One original file of an exhibit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitFile {
    /// Index into the document's `files`.
    pub index: usize,
    /// Pages it is expected to give (PDFs: as recorded at import, at least 1).
    pub pages: u32,
    pub placement: Placement,
}

/// A document as an exhibit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhibit {
    /// 1-based.
    pub number: usize,
    pub document: DocumentId,
    /// Its original files in order (working copies and derived files are listed in the
    /// appendix and shipped in the bundle, not repeated as pages).
    pub files: Vec<ExhibitFile>,
}

impl Exhibit {
    /// Pages this exhibit adds to the dossier (a document without a scan still gets one page
    /// saying so, so that its exhibit number is never missing).
    pub fn planned_pages(&self) -> u32 {
        let scans: u32 = self
            .files
            .iter()
            .filter(|f| f.placement != Placement::ListedOnly)
            .map(|f| f.pages.max(1))
            .sum();
        scans.max(1)
    }
}

/// The exhibits of a (redacted) case, numbered from 1 in document order.
pub fn exhibits(case: &Case) -> Vec<Exhibit> {
    case.documents
        .iter()
        .enumerate()
        .map(|(n, document)| Exhibit {
            number: n + 1,
            document: document.id,
            files: document
                .files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.role == FileRole::Original)
                .map(|(index, f)| ExhibitFile {
                    index,
                    pages: f.pages.max(1),
                    placement: Placement::of(&f.media_type),
                })
                .collect(),
        })
        .collect()
}

/// The exhibit that holds `document`, if it is in the dossier.
pub fn exhibit_of(exhibits: &[Exhibit], document: DocumentId) -> Option<&Exhibit> {
    exhibits.iter().find(|e| e.document == document)
}

/// The parts of the dossier in order, for the preview and the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Cover,
    /// Request summary, the missing person and the applicant.
    Summary,
    /// The relationship chain with the evidence for each link.
    Relationships,
    Timeline,
    ExhibitIndex,
    /// Exhibit `number` (1-based) and the pages it takes.
    Exhibit {
        number: usize,
        pages: u32,
    },
    /// SHA-256 manifest and custody log.
    Appendix,
}

/// The dossier's parts for these exhibits.
pub fn parts(exhibits: &[Exhibit]) -> Vec<Part> {
    let mut parts = vec![
        Part::Cover,
        Part::Summary,
        Part::Relationships,
        Part::Timeline,
        Part::ExhibitIndex,
    ];
    parts.extend(exhibits.iter().map(|e| Part::Exhibit {
        number: e.number,
        pages: e.planned_pages(),
    }));
    parts.push(Part::Appendix);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentFile};

    fn file(media_type: &str, role: FileRole, pages: u32) -> DocumentFile {
        DocumentFile {
            blob: String::new(),
            sha256: String::new(),
            size: 1,
            media_type: media_type.into(),
            original_name: "f".into(),
            role,
            parent: None,
            pages,
            thumbnail: None,
            imported_on: String::new(),
            imported_by: String::new(),
        }
    }

    #[test]
    fn exhibits_number_documents_and_place_originals_by_type() {
        let mut case = Case::default();
        let scanned = Document {
            files: vec![
                file("image/jpeg", FileRole::Original, 1),
                file("image/tiff", FileRole::Original, 3),
                file("image/jpeg", FileRole::Derived, 1),
                file("image/heic", FileRole::Original, 0),
                file("application/pdf", FileRole::Original, 0),
            ],
            ..Document::default()
        };
        case.documents = vec![Document::default(), scanned];
        let list = exhibits(&case);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].number, 1);
        assert_eq!(list[0].planned_pages(), 1);
        let placements: Vec<(usize, Placement)> = list[1]
            .files
            .iter()
            .map(|f| (f.index, f.placement))
            .collect();
        assert_eq!(
            placements,
            [
                (0, Placement::JpegAsIs),
                (1, Placement::Lossless),
                (3, Placement::ListedOnly),
                (4, Placement::PdfPages)
            ]
        );
        assert_eq!(list[1].planned_pages(), 1 + 3 + 1);
        assert_eq!(parts(&list).len(), 5 + 2 + 1);
    }
}
