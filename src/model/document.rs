//! Documents that prove identity and relationships: what they are, where they came from, whether
//! the original was seen, and the metadata of their files (originals, working copies, thumbnails).

use serde::{Deserialize, Serialize};

use super::flexi_date::FlexiDate;
use super::ids::{DocumentId, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    BirthCertificate,
    MarriageCertificate,
    DivorceCertificate,
    DeathCertificate,
    HukouPage,
    PrcIdCard,
    Passport,
    KazakhId,
    KandasCertificate,
    ResidencePermit,
    LetterFromAuthorities,
    CourtVerdict,
    FamilyPhoto,
    Statement,
    Other,
}

impl DocumentKind {
    /// Documents that establish who a person is (for the applicant's identity).
    pub fn is_identity_document(self) -> bool {
        matches!(
            self,
            DocumentKind::PrcIdCard
                | DocumentKind::Passport
                | DocumentKind::KazakhId
                | DocumentKind::KandasCertificate
                | DocumentKind::ResidencePermit
        )
    }
}

/// How the bureau received the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ReceivedAs {
    #[default]
    OriginalShownInPerson,
    PaperCopy,
    PhotoViaMessenger,
    Email,
    Usb,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    pub received_from: String,
    pub received_on: FlexiDate,
    pub how: ReceivedAs,
}

/// Who saw the original, and when (ISO date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalSeen {
    pub by: String,
    pub on: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Verification {
    #[default]
    Unverified,
    Partial,
    Verified,
}

/// What a file is to its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileRole {
    Original,
    WorkingCopy,
    Derived,
}

/// A file of a document: a scan or photo, stored as an encrypted blob.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFile {
    /// The vault object holding the bytes.
    pub blob: String,
    /// SHA-256 of the original bytes (hex).
    pub sha256: String,
    pub size: u64,
    /// The sniffed type (e.g. `image/jpeg`).
    pub media_type: String,
    pub original_name: String,
    pub role: FileRole,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub pages: u32,
    #[serde(default)]
    pub thumbnail: Option<String>,
    pub imported_on: String,
    pub imported_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub id: DocumentId,
    pub kind: DocumentKind,
    pub title: String,
    /// Whose document it is.
    pub holders: Vec<PersonId>,
    pub issuer: String,
    pub number: String,
    pub issued_on: FlexiDate,
    pub languages: Vec<String>,
    pub provenance: Provenance,
    pub original_seen: Option<OriginalSeen>,
    pub verification: Verification,
    pub translation_notes: String,
    pub files: Vec<DocumentFile>,
}

impl Default for Document {
    fn default() -> Self {
        Self {
            id: DocumentId::new_random(),
            kind: DocumentKind::Other,
            title: String::new(),
            holders: Vec::new(),
            issuer: String::new(),
            number: String::new(),
            issued_on: FlexiDate::Unknown,
            languages: Vec::new(),
            provenance: Provenance::default(),
            original_seen: None,
            verification: Verification::Unverified,
            translation_notes: String::new(),
            files: Vec::new(),
        }
    }
}

/// One page of a document: the file (index into `files`) and the page in it (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRef {
    pub file: usize,
    pub page: u32,
}

impl Document {
    /// The document's pages in order: every page of every file (a file whose pages are
    /// unknown, such as a PDF kept without preview, counts as one).
    pub fn pages(&self) -> Vec<PageRef> {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(file, f)| (0..f.pages.max(1)).map(move |page| PageRef { file, page }))
            .collect()
    }

    /// True when the original was seen by the bureau or the document was verified: what makes
    /// it count as proof.
    pub fn counts_as_proof(&self) -> bool {
        self.original_seen.is_some() || self.verification == Verification::Verified
    }
}
