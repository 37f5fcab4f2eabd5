//! Readiness for referral: a table of cases, each with the checklist it must produce and what
//! the document request must ask for.

use casevault::model::{
    Case, Consent, Document, DocumentKind, Evidence, FlexiDate, Identifier, IdentifierKind,
    NameKind, OriginalSeen, Person, PersonName, Place, Readiness, RelationKind, Relationship,
    Request, Role, Rule, Script, Stance, Verification, assess,
};

fn person(role: Role, name: &str) -> Person {
    Person {
        roles: vec![role],
        names: vec![PersonName {
            script: Script::Cyrillic,
            text: name.to_string(),
            kind: NameKind::Legal,
            source: None,
        }],
        ..Person::default()
    }
}

fn document(kind: DocumentKind, holders: Vec<casevault::model::PersonId>, seen: bool) -> Document {
    Document {
        kind,
        holders,
        original_seen: seen.then(|| OriginalSeen {
            by: "Lawyer A".into(),
            on: "2026-11-01".into(),
        }),
        ..Document::default()
    }
}

fn evidence(document: &Document, stance: Stance) -> Evidence {
    Evidence {
        document: document.id,
        page: Some(1),
        statement: "Mother: Гүлнар".into(),
        stance,
        assessed_by: "Lawyer A".into(),
        assessed_on: "2026-11-01".into(),
    }
}

/// A case that meets every rule: applicant (daughter) → missing person (mother), proven by a
/// birth certificate whose original was seen.
fn ready_case() -> Case {
    let mut case = Case::default();
    let mut missing = person(Role::MissingPerson, "Гүлнар Әбілқызы");
    missing.birth_date = FlexiDate::parse("1961-05-02").expect("date");
    missing.last_residence = Place {
        country: "PRC".into(),
        prefecture: "Ili".into(),
        county: "Nilka".into(),
        ..Place::default()
    };
    let applicant = person(Role::Applicant, "Айжан Серікқызы");
    let passport = document(DocumentKind::Passport, vec![applicant.id], true);
    let birth_certificate = document(DocumentKind::BirthCertificate, vec![applicant.id], true);
    let mut link = Relationship::new(missing.id, applicant.id, RelationKind::Parent);
    link.evidence
        .push(evidence(&birth_certificate, Stance::Supports));
    case.people = vec![missing, applicant];
    case.documents = vec![passport, birth_certificate];
    case.relationships = vec![link];
    case.consent.share_with_ministry = Consent::Yes;
    case
}

fn unmet(readiness: &Readiness) -> Vec<Rule> {
    readiness
        .checks
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.rule)
        .collect()
}

#[test]
fn a_table_of_cases_and_their_checklists() {
    type Edit = fn(&mut Case);
    let table: Vec<(&str, Edit, Vec<Rule>)> = vec![
        ("complete case", |_| {}, vec![]),
        (
            "empty case",
            |c| *c = Case::default(),
            vec![
                Rule::ApplicantAndMissingPerson,
                Rule::MissingPersonIdentifiable,
                Rule::ApplicantIdentityDocument,
                Rule::RelationshipChainProven,
                Rule::ConsentToShareWithMinistry,
            ],
        ),
        (
            "no consent",
            |c| c.consent.share_with_ministry = Consent::Pending,
            vec![Rule::ConsentToShareWithMinistry],
        ),
        (
            "consent refused",
            |c| c.consent.share_with_ministry = Consent::No,
            vec![Rule::ConsentToShareWithMinistry],
        ),
        (
            "missing person without birth date",
            |c| c.people[0].birth_date = FlexiDate::Unknown,
            vec![Rule::MissingPersonIdentifiable],
        ),
        (
            "a valid PRC ID replaces the birth date",
            |c| {
                c.people[0].birth_date = FlexiDate::Unknown;
                c.people[0].identifiers.push(Identifier {
                    kind: IdentifierKind::PrcResidentId,
                    value: "11010519491231002X".into(),
                    issuer: String::new(),
                });
            },
            vec![],
        ),
        (
            "an invalid PRC ID does not",
            |c| {
                c.people[0].birth_date = FlexiDate::Unknown;
                c.people[0].identifiers.push(Identifier {
                    kind: IdentifierKind::PrcResidentId,
                    value: "110105194912310021".into(),
                    issuer: String::new(),
                });
            },
            vec![Rule::MissingPersonIdentifiable],
        ),
        (
            "missing person without last residence",
            |c| c.people[0].last_residence = Place::default(),
            vec![Rule::MissingPersonIdentifiable],
        ),
        (
            "no applicant",
            |c| c.people[1].roles = vec![Role::Relative],
            vec![
                Rule::ApplicantAndMissingPerson,
                Rule::ApplicantIdentityDocument,
                Rule::RelationshipChainProven,
            ],
        ),
        (
            "applicant's passport belongs to someone else",
            |c| c.documents[0].holders.clear(),
            vec![Rule::ApplicantIdentityDocument],
        ),
        (
            "a birth certificate is not an identity document",
            |c| c.documents[0].kind = DocumentKind::FamilyPhoto,
            vec![Rule::ApplicantIdentityDocument],
        ),
        (
            "proof only from a photo of the certificate",
            |c| c.documents[1].original_seen = None,
            vec![Rule::RelationshipChainProven],
        ),
        (
            "a verified copy counts",
            |c| {
                c.documents[1].original_seen = None;
                c.documents[1].verification = Verification::Verified;
            },
            vec![],
        ),
        (
            "a contradicting document",
            |c| {
                let hukou = document(DocumentKind::HukouPage, vec![], true);
                let contradiction = evidence(&hukou, Stance::Contradicts);
                c.documents.push(hukou);
                c.relationships[0].evidence.push(contradiction);
            },
            vec![Rule::RelationshipChainProven],
        ),
        (
            "no relationship at all",
            |c| c.relationships.clear(),
            vec![Rule::RelationshipChainProven],
        ),
        (
            "a two-link chain through a relative, both proven",
            |c| {
                // applicant → her father (relative) → missing person (his mother)
                let father = person(Role::Relative, "Серік Әбілұлы");
                let certificate = document(DocumentKind::BirthCertificate, vec![father.id], true);
                let mut first = Relationship::new(father.id, c.people[1].id, RelationKind::Parent);
                first
                    .evidence
                    .push(evidence(&c.documents[1], Stance::Supports));
                let mut second = Relationship::new(c.people[0].id, father.id, RelationKind::Parent);
                second
                    .evidence
                    .push(evidence(&certificate, Stance::Supports));
                c.relationships = vec![first, second];
                c.people.push(father);
                c.documents.push(certificate);
            },
            vec![],
        ),
        (
            "a two-link chain with one link unproven",
            |c| {
                let father = person(Role::Relative, "Серік Әбілұлы");
                let mut first = Relationship::new(father.id, c.people[1].id, RelationKind::Parent);
                first
                    .evidence
                    .push(evidence(&c.documents[1], Stance::Supports));
                let second = Relationship::new(c.people[0].id, father.id, RelationKind::Parent);
                c.relationships = vec![first, second];
                c.people.push(father);
            },
            vec![Rule::RelationshipChainProven],
        ),
    ];
    for (name, edit, expected) in table {
        let mut case = ready_case();
        edit(&mut case);
        let readiness = assess(&case);
        assert_eq!(unmet(&readiness), expected, "{name}");
        assert_eq!(readiness.is_ready(), expected.is_empty(), "{name}");
        assert_eq!(
            readiness.checks.len(),
            5,
            "{name}: the checklist always has five lines"
        );
    }
}

#[test]
fn the_document_request_asks_for_what_is_missing() {
    let ready = assess(&ready_case());
    assert!(ready.requests.is_empty(), "{:?}", ready.requests);

    let mut case = ready_case();
    case.documents[1].original_seen = None;
    case.documents.remove(0);
    case.people[0].last_residence = Place::default();
    case.consent.share_with_ministry = Consent::Pending;
    let certificate = case.documents[0].id;
    let (missing, applicant) = (case.people[0].id, case.people[1].id);
    let requests = assess(&case).requests;
    assert_eq!(
        requests,
        vec![
            Request::MissingPersonLastResidence { person: missing },
            Request::ApplicantIdentityDocument {
                applicant: Some(applicant)
            },
            Request::OriginalOf {
                document: certificate
            },
            Request::ConsentToShare,
        ]
    );

    let mut unlinked = ready_case();
    let (missing, applicant) = (unlinked.people[0].id, unlinked.people[1].id);
    unlinked.relationships[0].evidence.clear();
    assert_eq!(
        assess(&unlinked).requests,
        vec![Request::RelationshipProof {
            from: missing,
            to: applicant,
            kind: RelationKind::Parent
        }]
    );
}
