//! The case-file data model (DESIGN.md §3): pure data and pure functions — no I/O, no egui.
//! Cases are stored as vault records (RON, see `record.rs`); every struct takes `#[serde(default)]` for fields
//! added later, so older records keep loading.

mod case;
mod custody;
mod diff;
mod document;
mod flexi_date;
mod id_numbers;
mod ids;
mod person;
mod readiness;
mod record;
mod relationship;
mod summary;

pub use case::{
    Addressee, CASE_FORMAT, Case, CaseStatus, Confidentiality, Consent, Consents, Event, EventKind,
    Note, Priority, Referral, ReferralResponse, ResponseKind, StatusChange,
};
pub use custody::{CustodyAction, CustodyEntry, CustodyLog};
pub use diff::{
    CASE_SCOPE, Describe, Difference, Plain, Scope, diff, diff_values, merge, merge_typed,
    merge_values, union_custody,
};
pub use document::{
    Document, DocumentFile, DocumentKind, FileRole, OriginalSeen, PageRef, Provenance, ReceivedAs,
    Verification,
};
pub use flexi_date::{Day, FlexiDate, days_in_month, is_leap_year};
pub use id_numbers::{
    IdFacts, IdMismatch, IdProblem, Sex, iin_check_digit, mismatches, normalise_id,
    prc_check_character, validate_iin, validate_prc_id,
};
pub use ids::{CaseId, DocumentId, EventId, PersonId, ReferralId, RelationshipId};
pub use person::{
    Fate, Identifier, IdentifierKind, LastContact, NameKind, Person, PersonName, Place, Role,
    Script,
};
pub use readiness::{Check, FixAt, Readiness, Request, Rule, assess, relationship_chain};
pub use record::{case_write, case_write_summarised, record_id};
pub use relationship::{Evidence, ProofOverride, ProofStatus, RelationKind, Relationship, Stance};
pub use summary::{CASE_KIND, CaseSummary};
