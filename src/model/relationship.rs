//! Family relationships between people of a case, the evidence for each (which document, which
//! page, what it says, supports or contradicts), and the proof status computed from it.

use serde::{Deserialize, Serialize};

use super::flexi_date::FlexiDate;
use super::ids::{DocumentId, PersonId, RelationshipId};

/// How `from` is related to `to` ("from is the mother of to" is `Parent`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    Parent,
    Child,
    Spouse,
    Sibling,
    HalfSibling,
    Grandparent,
    Grandchild,
    UncleOrAunt,
    NephewOrNiece,
    InLaw,
    Guardian,
    Other,
}

/// Whether a piece of evidence supports or contradicts the relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Supports,
    Contradicts,
}

/// One document's say on a relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub document: DocumentId,
    /// Page of the document (1-based), if it has several.
    #[serde(default)]
    pub page: Option<u32>,
    /// What the document says, as written ("Mother: …").
    #[serde(default)]
    pub statement: String,
    pub stance: Stance,
    /// Who assessed it, and when (display name, ISO date).
    #[serde(default)]
    pub assessed_by: String,
    #[serde(default)]
    pub assessed_on: String,
}

/// The computed proof status of a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProofStatus {
    /// No supporting evidence.
    Unproven,
    /// Supported, but no supporting document's original has been seen or verified.
    PartiallyProven,
    /// Supported by at least one document whose original was seen (or that was verified), and
    /// nothing contradicts it.
    Proven,
    /// Some evidence contradicts it.
    Contradicted,
}

/// A lawyer's decision to set the status by hand, with the reason written down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofOverride {
    pub status: ProofStatus,
    pub reason: String,
    pub by: String,
    pub on: String,
}

/// A relationship between two people of the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    pub id: RelationshipId,
    pub from: PersonId,
    pub to: PersonId,
    pub kind: RelationKind,
    #[serde(default)]
    pub valid_from: FlexiDate,
    #[serde(default)]
    pub valid_to: FlexiDate,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub proof_override: Option<ProofOverride>,
}

impl Relationship {
    pub fn new(from: PersonId, to: PersonId, kind: RelationKind) -> Self {
        Self {
            id: RelationshipId::new_random(),
            from,
            to,
            kind,
            valid_from: FlexiDate::Unknown,
            valid_to: FlexiDate::Unknown,
            evidence: Vec::new(),
            proof_override: None,
        }
    }

    /// The status from the evidence alone; `original_seen` tells whether a document's original
    /// was seen by the bureau or the document was verified.
    pub fn computed_proof(&self, original_seen: impl Fn(DocumentId) -> bool) -> ProofStatus {
        if self
            .evidence
            .iter()
            .any(|e| e.stance == Stance::Contradicts)
        {
            return ProofStatus::Contradicted;
        }
        let supporting: Vec<&Evidence> = self
            .evidence
            .iter()
            .filter(|e| e.stance == Stance::Supports)
            .collect();
        if supporting.is_empty() {
            ProofStatus::Unproven
        } else if supporting.iter().any(|e| original_seen(e.document)) {
            ProofStatus::Proven
        } else {
            ProofStatus::PartiallyProven
        }
    }

    /// The status that counts: the lawyer's override if any, else the computed one.
    pub fn proof(&self, original_seen: impl Fn(DocumentId) -> bool) -> ProofStatus {
        self.proof_override
            .as_ref()
            .map_or_else(|| self.computed_proof(original_seen), |o| o.status)
    }

    /// True when the relationship links `a` and `b`, in either direction.
    pub fn links(&self, a: PersonId, b: PersonId) -> bool {
        (self.from == a && self.to == b) || (self.from == b && self.to == a)
    }
}
