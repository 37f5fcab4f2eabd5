//! The case: its number, status workflow with history, consent, the people and what links them,
//! documents, timeline, referrals, notes and the custody log. One case is one vault record.

use serde::{Deserialize, Serialize};

use super::custody::{CustodyAction, CustodyLog};
use super::document::{Document, DocumentFile, FileRole};
use super::flexi_date::{Day, FlexiDate};
use super::ids::{CaseId, DocumentId, EventId, PersonId, ReferralId};
use super::person::{Person, Role};
use super::relationship::Relationship;

/// The version of the case record format this program writes. Older records keep loading:
/// every field added later has a default.
pub const CASE_FORMAT: u32 = 1;

/// Where a case stands. The main path runs from `Intake` to `Closed`; the last three are side states.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum CaseStatus {
    #[default]
    Intake,
    GatheringDocuments,
    ProofReview,
    ReadyForReferral,
    Referred,
    ResponseReceived,
    Closed,
    OnHold,
    InsufficientProof,
    Withdrawn,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 10] = [
        CaseStatus::Intake,
        CaseStatus::GatheringDocuments,
        CaseStatus::ProofReview,
        CaseStatus::ReadyForReferral,
        CaseStatus::Referred,
        CaseStatus::ResponseReceived,
        CaseStatus::Closed,
        CaseStatus::OnHold,
        CaseStatus::InsufficientProof,
        CaseStatus::Withdrawn,
    ];

    /// A stable identifier (used in summaries, CSV and message ids).
    pub fn key(self) -> &'static str {
        match self {
            CaseStatus::Intake => "intake",
            CaseStatus::GatheringDocuments => "gathering_documents",
            CaseStatus::ProofReview => "proof_review",
            CaseStatus::ReadyForReferral => "ready_for_referral",
            CaseStatus::Referred => "referred",
            CaseStatus::ResponseReceived => "response_received",
            CaseStatus::Closed => "closed",
            CaseStatus::OnHold => "on_hold",
            CaseStatus::InsufficientProof => "insufficient_proof",
            CaseStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One change of status: who, when, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from: CaseStatus,
    pub to: CaseStatus,
    pub by: String,
    /// RFC 3339 time.
    pub at: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Confidentiality {
    #[default]
    Normal,
    /// Names may not leave the bureau without the lawyer's explicit choice.
    Restricted,
}

/// A consent answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Consent {
    Yes,
    No,
    #[default]
    Pending,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consents {
    pub to_document: Consent,
    pub share_with_ministry: Consent,
    /// Named organisations the relative agreed to share with.
    pub share_with_ngos: Vec<String>,
    pub publish: Consent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    LastContact,
    Detention,
    Transfer,
    Sentence,
    Release,
    Death,
    PassportConfiscated,
    Summons,
    Other,
}

/// An event of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub kind: EventKind,
    #[serde(default)]
    pub date: FlexiDate,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub person: Option<PersonId>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Addressee {
    MfaKazakhstan,
    MfaKyrgyzstan,
    Consulate,
    Ombudsman,
    UnWorkingGroup,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResponseKind {
    Acknowledged,
    InformationProvided,
    Refused,
    PersonLocated,
    PersonReleased,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralResponse {
    pub date: FlexiDate,
    pub kind: ResponseKind,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub document: Option<DocumentId>,
}

/// A request sent on the family's behalf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub id: ReferralId,
    pub addressee: Addressee,
    #[serde(default)]
    pub addressee_details: String,
    #[serde(default)]
    pub sent_on: FlexiDate,
    #[serde(default)]
    pub letter_number: String,
    /// The export (dossier) that was sent.
    #[serde(default)]
    pub export_id: String,
    #[serde(default)]
    pub response: Option<ReferralResponse>,
    /// When to follow up if nothing comes back.
    #[serde(default)]
    pub follow_up_due: Option<Day>,
}

impl Referral {
    /// A follow-up is overdue when its date has passed and no response arrived.
    pub fn follow_up_overdue(&self, today: Day) -> bool {
        self.response.is_none() && self.follow_up_due.is_some_and(|due| due < today)
    }
}

/// A note in the case, with its author and time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub by: String,
    pub at: String,
    pub text: String,
}

/// A whole case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Case {
    pub format: u32,
    pub id: CaseId,
    /// `PREFIX-YEAR-NNNN`.
    pub number: String,
    pub status: CaseStatus,
    pub status_history: Vec<StatusChange>,
    pub priority: Priority,
    pub risk_notes: String,
    pub confidentiality: Confidentiality,
    pub consent: Consents,
    pub people: Vec<Person>,
    pub relationships: Vec<Relationship>,
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
    pub referrals: Vec<Referral>,
    pub notes: Vec<Note>,
    pub custody: CustodyLog,
    /// RFC 3339 time the case was opened.
    pub opened_at: String,
}

impl Default for Case {
    fn default() -> Self {
        Self {
            format: CASE_FORMAT,
            id: CaseId::new_random(),
            number: String::new(),
            status: CaseStatus::Intake,
            status_history: Vec::new(),
            priority: Priority::Normal,
            risk_notes: String::new(),
            confidentiality: Confidentiality::Normal,
            consent: Consents::default(),
            people: Vec::new(),
            relationships: Vec::new(),
            documents: Vec::new(),
            events: Vec::new(),
            referrals: Vec::new(),
            notes: Vec::new(),
            custody: CustodyLog::default(),
            opened_at: String::new(),
        }
    }
}

impl Case {
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// People with a role, in the order they were added.
    pub fn people_with(&self, role: Role) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(move |p| p.has_role(role))
    }

    /// True when a document counts as proof (original seen or verified).
    pub fn document_counts_as_proof(&self, id: DocumentId) -> bool {
        self.document(id).is_some_and(Document::counts_as_proof)
    }

    /// Changes the status and records who, when and why.
    pub fn set_status(&mut self, to: CaseStatus, by: &str, at: &str, reason: &str) {
        if to == self.status {
            return;
        }
        self.status_history.push(StatusChange {
            from: self.status,
            to,
            by: by.to_string(),
            at: at.to_string(),
            reason: reason.to_string(),
        });
        self.status = to;
    }

    /// True when any referral's follow-up is overdue.
    pub fn follow_up_overdue(&self, today: Day) -> bool {
        self.referrals.iter().any(|r| r.follow_up_overdue(today))
    }

    /// Every vault object the case's files use (originals, working copies, thumbnails), as
    /// object names; stored with the case record so that `verify` knows which case a damaged
    /// scan belongs to.
    pub fn file_objects(&self) -> Vec<&str> {
        self.documents
            .iter()
            .flat_map(|d| &d.files)
            .flat_map(|f| std::iter::once(f.blob.as_str()).chain(f.thumbnail.as_deref()))
            .collect()
    }

    /// Adds a stored file to a document and records it in the custody log (imported, or
    /// derived from its parent). Returns false, changing nothing, if the document is gone.
    pub fn attach_file(&mut self, document: DocumentId, file: DocumentFile, details: &str) -> bool {
        let Some(target) = self.documents.iter_mut().find(|d| d.id == document) else {
            return false;
        };
        let action = match file.role {
            FileRole::Original => CustodyAction::Imported,
            FileRole::WorkingCopy | FileRole::Derived => CustodyAction::Derived,
        };
        self.custody.append(
            &file.imported_on,
            &file.imported_by,
            action,
            &file.sha256,
            details,
        );
        target.files.push(file);
        true
    }

    /// Notes in the custody log that the original of document `index` was seen: one
    /// "verified" line per original file, naming who saw it.
    pub fn record_original_seen(&mut self, index: usize, by: &str, at: &str) {
        let Some(document) = self.documents.get(index) else {
            return;
        };
        let originals: Vec<(String, String)> = document
            .files
            .iter()
            .filter(|f| f.role == FileRole::Original)
            .map(|f| (f.sha256.clone(), f.original_name.clone()))
            .collect();
        for (sha256, name) in originals {
            let details = format!("original seen: {name}");
            self.custody
                .append(at, by, CustodyAction::Verified, &sha256, &details);
        }
    }

    /// A new, empty document with this title (files imported without a document are titled
    /// after the file).
    pub fn add_document_titled(&mut self, title: &str) -> DocumentId {
        let document = Document {
            title: title.to_string(),
            ..Document::default()
        };
        let id = document.id;
        self.documents.push(document);
        id
    }

    /// The next case number for a prefix and year, after the numbers already used.
    pub fn next_number<'a>(
        prefix: &str,
        year: i32,
        existing: impl IntoIterator<Item = &'a str>,
    ) -> String {
        let head = format!("{prefix}-{year}-");
        let highest = existing
            .into_iter()
            .filter_map(|n| n.strip_prefix(&head)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{head}{:04}", highest + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_changes_are_recorded_with_who_when_and_why() {
        let mut case = Case::default();
        case.set_status(
            CaseStatus::GatheringDocuments,
            "Lawyer A",
            "2026-01-02T10:00:00Z",
            "first papers",
        );
        case.set_status(
            CaseStatus::GatheringDocuments,
            "Lawyer A",
            "2026-01-03T10:00:00Z",
            "no change",
        );
        assert_eq!(case.status, CaseStatus::GatheringDocuments);
        assert_eq!(case.status_history.len(), 1);
        assert_eq!(case.status_history[0].from, CaseStatus::Intake);
        assert_eq!(case.status_history[0].reason, "first papers");
    }

    #[test]
    fn status_keys_round_trip() {
        for status in CaseStatus::ALL {
            assert_eq!(CaseStatus::from_key(status.key()), Some(status));
        }
    }

    #[test]
    fn case_numbers_continue_after_the_highest_of_the_year() {
        let existing = [
            "KZB-2026-0001",
            "KZB-2026-0007",
            "KZB-2025-0099",
            "OTHER-2026-0050",
        ];
        assert_eq!(Case::next_number("KZB", 2026, existing), "KZB-2026-0008");
        assert_eq!(Case::next_number("KZB", 2027, existing), "KZB-2027-0001");
    }

    #[test]
    fn older_records_without_new_fields_still_load() {
        let old = r#"(format: 1, number: "KZB-2020-0001", status: Referred)"#;
        let case: Case = ron::from_str(old).expect("loads");
        assert_eq!(case.number, "KZB-2020-0001");
        assert_eq!(case.status, CaseStatus::Referred);
        assert!(case.people.is_empty());
    }

    #[test]
    fn overdue_follow_up_needs_a_passed_date_and_no_response() {
        let today = Day::new(2026, 11, 27).expect("day");
        let mut referral = Referral {
            id: ReferralId::new_random(),
            addressee: Addressee::MfaKazakhstan,
            addressee_details: String::new(),
            sent_on: FlexiDate::Unknown,
            letter_number: String::new(),
            export_id: String::new(),
            response: None,
            follow_up_due: Day::new(2026, 10, 1),
        };
        assert!(referral.follow_up_overdue(today));
        referral.follow_up_due = Day::new(2026, 12, 1);
        assert!(!referral.follow_up_overdue(today));
        referral.follow_up_due = Day::new(2026, 10, 1);
        referral.response = Some(ReferralResponse {
            date: FlexiDate::Unknown,
            kind: ResponseKind::Acknowledged,
            summary: String::new(),
            document: None,
        });
        assert!(!referral.follow_up_overdue(today));
    }
}
