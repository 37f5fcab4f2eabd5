//! Translated labels of the model's enums (statuses, roles, scripts, document kinds…), for the
//! window, the dossier and the statistics alike. Message ids are built from one prefix per enum;
//! a test checks that every variant has a message, so a missing translation fails the build's
//! tests, not a user.

use crate::model::{
    Addressee, CaseStatus, Consent, CustodyAction, DocumentKind, EventKind, Fate, IdentifierKind,
    NameKind, Priority, ProofStatus, ReceivedAs, RelationKind, ResponseKind, Role, Rule, Script,
    Sex, Stance, Verification,
};

/// An enum whose values are shown by a translated label.
pub trait Labelled: Copy + PartialEq + 'static {
    /// Every value, in the order pickers list them.
    const ALL: &'static [Self];
    /// The message id of this value.
    fn message_id(self) -> String;
    /// The translated label.
    fn label(self) -> String {
        crate::i18n::LANGUAGE_LOADER.get(&self.message_id())
    }
}

/// Turns a Rust variant name (`GatheringDocuments`) into a message id part (`gathering-documents`).
fn kebab(debug_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug_name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

macro_rules! labelled {
    ($($ty:ty => $prefix:literal [$($variant:ident),* $(,)?];)*) => {$(
        impl Labelled for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),*];
            fn message_id(self) -> String {
                format!("{}-{}", $prefix, kebab(&format!("{self:?}")))
            }
        }
    )*};
}

labelled! {
    CaseStatus => "status" [Intake, GatheringDocuments, ProofReview, ReadyForReferral, Referred, ResponseReceived, Closed, OnHold, InsufficientProof, Withdrawn];
    Priority => "priority" [Low, Normal, High, Urgent];
    Consent => "consent" [Yes, No, Pending];
    Role => "role" [MissingPerson, Applicant, Relative, Witness];
    Script => "script" [Cyrillic, Arabic, Chinese, Pinyin, PassportLatin, Latin];
    NameKind => "name-kind" [Legal, Former, Alias, AsWritten];
    Sex => "sex" [Female, Male];
    IdentifierKind => "id-kind" [PrcResidentId, KazakhIin, Passport, Hukou, KandasCertificate, Other];
    Fate => "fate" [Unknown, Detained, Camp, Prison, Sentenced, Released, MovementRestricted, Deceased];
    RelationKind => "relation" [Parent, Child, Spouse, Sibling, HalfSibling, Grandparent, Grandchild, UncleOrAunt, NephewOrNiece, InLaw, Guardian, Other];
    Stance => "stance" [Supports, Contradicts];
    ProofStatus => "proof" [Unproven, PartiallyProven, Proven, Contradicted];
    DocumentKind => "doc-kind" [BirthCertificate, MarriageCertificate, DivorceCertificate, DeathCertificate, HukouPage, PrcIdCard, Passport, KazakhId, KandasCertificate, ResidencePermit, LetterFromAuthorities, CourtVerdict, FamilyPhoto, Statement, Other];
    ReceivedAs => "received" [OriginalShownInPerson, PaperCopy, PhotoViaMessenger, Email, Usb];
    Verification => "verification" [Unverified, Partial, Verified];
    EventKind => "event" [LastContact, Detention, Transfer, Sentence, Release, Death, PassportConfiscated, Summons, Other];
    Addressee => "addressee" [MfaKazakhstan, MfaKyrgyzstan, Consulate, Ombudsman, UnWorkingGroup, Other];
    ResponseKind => "response" [Acknowledged, InformationProvided, Refused, PersonLocated, PersonReleased, Other];
    CustodyAction => "custody-action" [Imported, Derived, Exported, Verified, Deleted];
    Rule => "rule" [ApplicantAndMissingPerson, MissingPersonIdentifiable, ApplicantIdentityDocument, RelationshipChainProven, ConsentToShareWithMinistry];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_have_messages<T: Labelled>() {
        for value in T::ALL {
            let id = value.message_id();
            assert!(
                crate::i18n::LANGUAGE_LOADER.has(&id),
                "no English message {id}"
            );
        }
    }

    #[test]
    fn every_enum_value_has_an_english_label() {
        all_have_messages::<CaseStatus>();
        all_have_messages::<Priority>();
        all_have_messages::<Consent>();
        all_have_messages::<Role>();
        all_have_messages::<Script>();
        all_have_messages::<NameKind>();
        all_have_messages::<Sex>();
        all_have_messages::<IdentifierKind>();
        all_have_messages::<Fate>();
        all_have_messages::<RelationKind>();
        all_have_messages::<Stance>();
        all_have_messages::<ProofStatus>();
        all_have_messages::<DocumentKind>();
        all_have_messages::<ReceivedAs>();
        all_have_messages::<Verification>();
        all_have_messages::<EventKind>();
        all_have_messages::<Addressee>();
        all_have_messages::<ResponseKind>();
        all_have_messages::<Rule>();
        all_have_messages::<CustodyAction>();
        assert_eq!(CaseStatus::ALL.len(), <CaseStatus as Labelled>::ALL.len());
    }
}
