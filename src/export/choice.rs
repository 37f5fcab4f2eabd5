//! What goes into an export: the documents and the sensitive fields the lawyer chose. Applied
//! once (`redact`) to a copy of the case, so the PDF, the bundle's case file and the originals all
//! leave out the same things.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{Case, CustodyLog, DocumentId, EventKind};

/// The lawyer's choice for one export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportChoice {
    /// The documents that go in (with their files); the others are left out everywhere.
    pub documents: BTreeSet<DocumentId>,
    /// Identity numbers (PRC ID, IIN, passport…) of the people, and the numbers of their
    /// documents.
    pub id_numbers: bool,
    /// The bureau's risk notes about the family.
    pub risk_notes: bool,
    /// The case's internal notes, each person's notes, and the reasons written for status
    /// changes and proof decisions.
    pub internal_notes: bool,
    /// How and with whom the last contact was, and who passed the documents on (may expose a
    /// relative inside China).
    pub contact_details: bool,
    /// The bureau's name, on the cover.
    pub bureau: String,
    /// To whom the dossier goes, on the cover (e.g. the ministry's department).
    pub addressee: String,
    /// The summary of the request, written for this addressee.
    pub request: String,
    /// For a case marked restricted: the lawyer confirmed that its names may leave the bureau
    /// in this export. Without it a restricted case is not exported.
    pub restricted_released: bool,
}

impl ExportChoice {
    /// What a referral usually needs: every document and the ID numbers; risk notes, internal
    /// notes and contact details stay in the bureau.
    pub fn recommended(case: &Case) -> Self {
        Self {
            documents: case.documents.iter().map(|d| d.id).collect(),
            id_numbers: true,
            risk_notes: false,
            internal_notes: false,
            contact_details: false,
            bureau: String::new(),
            addressee: String::new(),
            request: String::new(),
            restricted_released: false,
        }
    }

    /// Everything in the case, for a hand-off to a colleague.
    pub fn everything(case: &Case) -> Self {
        Self {
            risk_notes: true,
            internal_notes: true,
            contact_details: true,
            ..Self::recommended(case)
        }
    }

    /// A copy of `case` without what this choice leaves out. References to left-out documents
    /// (evidence, name sources, responses) go too, and so do the custody lines about their files
    /// (`left_out_custody` counts them: the chain of the copy then no longer checks).
    pub fn redact(&self, case: &Case) -> Redacted {
        let mut out = case.clone();
        let kept = |id: &DocumentId| self.documents.contains(id);
        let hashes_of = |keep: bool| -> BTreeSet<String> {
            case.documents
                .iter()
                .filter(|d| kept(&d.id) == keep)
                .flat_map(|d| d.files.iter().map(|f| f.sha256.clone()))
                .collect()
        };
        // A file also in a kept document keeps its custody lines.
        let left_out_hashes: BTreeSet<String> = hashes_of(false)
            .difference(&hashes_of(true))
            .cloned()
            .collect();
        out.documents.retain(|d| kept(&d.id));
        for document in &mut out.documents {
            if !self.id_numbers {
                document.number.clear();
            }
            if !self.contact_details {
                document.provenance.received_from.clear();
            }
        }
        if !self.contact_details {
            for event in out
                .events
                .iter_mut()
                .filter(|e| e.kind == EventKind::LastContact)
            {
                event.description.clear();
                event.source.clear();
            }
        }
        if !self.internal_notes {
            for change in &mut out.status_history {
                change.reason.clear();
            }
            for relationship in &mut out.relationships {
                if let Some(decision) = &mut relationship.proof_override {
                    decision.reason.clear();
                }
            }
        }
        for relationship in &mut out.relationships {
            relationship.evidence.retain(|e| kept(&e.document));
        }
        for person in &mut out.people {
            for name in &mut person.names {
                if name.source.is_some_and(|id| !kept(&id)) {
                    name.source = None;
                }
            }
            if !self.id_numbers {
                person.identifiers.clear();
            }
            if !self.internal_notes {
                person.notes.clear();
            }
            if !self.contact_details {
                person.last_contact.channel.clear();
                person.last_contact.with_whom.clear();
            }
        }
        for referral in &mut out.referrals {
            if let Some(response) = &mut referral.response
                && response.document.is_some_and(|id| !kept(&id))
            {
                response.document = None;
            }
        }
        if !self.risk_notes {
            out.risk_notes.clear();
        }
        if !self.internal_notes {
            out.notes.clear();
        }
        let mut left_out_custody = 0;
        if !left_out_hashes.is_empty() {
            let entries = out.custody.entries().to_vec();
            let before = entries.len();
            let kept_entries: Vec<_> = entries
                .into_iter()
                .filter(|e| !left_out_hashes.contains(&e.sha256))
                .collect();
            left_out_custody = before - kept_entries.len();
            out.custody = CustodyLog::from_entries(kept_entries);
        }
        Redacted {
            case: out,
            left_out_documents: case.documents.len() - self.documents_in(case),
            left_out_custody,
        }
    }

    fn documents_in(&self, case: &Case) -> usize {
        case.documents
            .iter()
            .filter(|d| self.documents.contains(&d.id))
            .count()
    }
}

/// A case as it leaves the laptop, and what was left out of it.
#[derive(Debug, Clone)]
pub struct Redacted {
    pub case: Case,
    pub left_out_documents: usize,
    /// Custody lines about left-out files (the copy's chain then has gaps).
    pub left_out_custody: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::model::{DocumentFile, FileRole};

    #[test]
    fn left_out_documents_vanish_with_every_reference_to_them() {
        let mut case = demo::demo_case(7);
        let dropped = case.documents[0].id;
        for (n, document) in [dropped, case.documents[1].id].into_iter().enumerate() {
            let file = DocumentFile {
                blob: String::new(),
                sha256: format!("{n:064}"),
                size: 1,
                media_type: "image/jpeg".into(),
                original_name: format!("scan-{n}.jpg"),
                role: FileRole::Original,
                parent: None,
                pages: 1,
                thumbnail: None,
                imported_on: "2026-11-27T10:00:00Z".into(),
                imported_by: "Lawyer A".into(),
            };
            assert!(case.attach_file(document, file, "scan"));
        }
        let mut choice = ExportChoice::everything(&case);
        choice.documents.remove(&dropped);
        let redacted = choice.redact(&case);
        let out = &redacted.case;
        assert_eq!(redacted.left_out_documents, 1);
        assert!(out.documents.iter().all(|d| d.id != dropped));
        assert!(
            out.relationships
                .iter()
                .flat_map(|r| &r.evidence)
                .all(|e| e.document != dropped)
        );
        assert!(
            out.people
                .iter()
                .flat_map(|p| &p.names)
                .all(|n| n.source != Some(dropped))
        );
        let hashes: Vec<&str> = case.documents[0]
            .files
            .iter()
            .map(|f| f.sha256.as_str())
            .collect();
        assert!(
            out.custody
                .entries()
                .iter()
                .all(|e| !hashes.contains(&e.sha256.as_str()))
        );
        assert_eq!(redacted.left_out_custody, 1);
        assert_eq!(
            out.custody.entries().len(),
            case.custody.entries().len() - 1
        );
    }

    #[test]
    fn the_recommended_choice_keeps_ids_and_drops_notes() {
        let mut case = demo::demo_case(3);
        case.risk_notes = "brother still in Ghulja".into();
        let out = ExportChoice::recommended(&case).redact(&case).case;
        assert!(out.risk_notes.is_empty());
        assert!(out.notes.is_empty());
        assert_eq!(
            out.people
                .iter()
                .map(|p| p.identifiers.len())
                .sum::<usize>(),
            case.people
                .iter()
                .map(|p| p.identifiers.len())
                .sum::<usize>()
        );
        assert_eq!(ExportChoice::everything(&case).redact(&case).case, case);
    }

    #[test]
    fn unticked_sensitive_details_leave_no_trace_elsewhere() {
        let mut case = demo::demo_case(3);
        case.documents[0].number = "N12345678".into();
        case.documents[0].provenance.received_from = "cousin via messenger".into();
        case.events.push(crate::model::Event {
            id: crate::model::EventId::new_random(),
            kind: EventKind::LastContact,
            date: crate::model::FlexiDate::Unknown,
            place: "Ghulja".into(),
            person: None,
            source: "the brother's phone call".into(),
            description: "called from a neighbour's phone".into(),
        });
        case.set_status(
            crate::model::CaseStatus::OnHold,
            "Lawyer A",
            "2026-11-27",
            "family afraid",
        );
        let choice = ExportChoice {
            id_numbers: false,
            contact_details: false,
            internal_notes: false,
            risk_notes: false,
            ..ExportChoice::recommended(&case)
        };
        let out = choice.redact(&case).case;
        let text = serde_json::to_string(&out).expect("json");
        for secret in [
            "N12345678",
            "cousin via messenger",
            "the brother's phone call",
            "called from a neighbour's phone",
            "family afraid",
        ] {
            assert!(!text.contains(secret), "{secret} left in the export");
        }
        assert!(
            text.contains("Ghulja"),
            "the place of the last contact stays"
        );
    }
}
