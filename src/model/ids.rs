//! Typed ids of the things inside a case (people, documents, relationships…), so that a person
//! id can never be passed where a document id is meant.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! entity_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            pub fn new_random() -> Self {
                Self(uuid::Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

entity_id!(
    /// A case; also its record id in the vault.
    CaseId,
    /// A person within a case.
    PersonId,
    /// A relationship between two people of a case.
    RelationshipId,
    /// A document (one paper, possibly several files).
    DocumentId,
    /// An event of the timeline.
    EventId,
    /// A referral to an authority.
    ReferralId,
);
