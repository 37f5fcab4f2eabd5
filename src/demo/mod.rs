//! The demo vault: about thirty fictional cases in every status, with names in Kazakh Cyrillic,
//! Chinese characters, Uyghur Arabic script and Latin, some proven and some not, documents,
//! and referrals with overdue follow-ups. Every person is invented: given names are common ones,
//! combined with invented family names, dates, places and numbers.

mod names;
mod scan;

use std::path::Path;

use age::secrecy::SecretString;

use crate::model::{
    Addressee, Case, CaseStatus, Consent, Day, Document, DocumentId, DocumentKind, Event, EventId,
    EventKind, Evidence, Fate, FlexiDate, Identifier, IdentifierKind, NameKind, Note, OriginalSeen,
    Person, PersonName, Place, Priority, Referral, ReferralId, ReferralResponse, RelationKind,
    Relationship, ResponseKind, Role, Script, Sex, Stance, case_write, prc_check_character,
};
use crate::vault::{Vault, VaultConfig, VaultError};
use names::{FAMILY, GIVEN};

/// The demo vault's passphrase, shown on the start screen and by `casevault demo`.
pub const DEMO_PASSPHRASE: &str = "fictional demo cases only";

/// How many cases the demo vault holds.
pub const DEMO_CASES: usize = 30;

/// When the demo's scans were "imported".
const IMPORTED_AT: &str = "2026-02-10T10:00:00Z";

/// The lawyer who "did" everything in the demo.
const DEMO_LAWYER: &str = "Demo Lawyer";

/// Creates a vault in `dir` filled with the demo cases.
pub fn create_demo_vault(
    dir: &Path,
    passphrase: &SecretString,
    config: &VaultConfig,
) -> Result<Vault, VaultError> {
    let mut vault = Vault::create(dir, passphrase, config)?;
    let mut cases: Vec<Case> = (0..DEMO_CASES).map(demo_case).collect();
    for (n, case) in cases.iter_mut().enumerate() {
        attach_scans(&mut vault, case, n)?;
    }
    vault.put_records(cases.iter().map(case_write))?;
    Ok(vault)
}

/// Gives every document of a demo case a generated page image, stored as an encrypted blob and
/// recorded in the custody log with its SHA-256, as a real import would.
fn attach_scans(vault: &mut Vault, case: &mut Case, n: usize) -> Result<(), VaultError> {
    let documents: Vec<(DocumentId, String)> = case
        .documents
        .iter()
        .map(|d| (d.id, d.title.clone()))
        .collect();
    for (d, (document, title)) in documents.into_iter().enumerate() {
        let page = scan::page(n * 7 + d, &title);
        let stored = vault.put_blob(&mut page.png.as_slice())?;
        let thumbnail = vault.put_blob(&mut page.thumbnail_jpeg.as_slice())?;
        let name = format!("{}-{}.png", case.number, d + 1);
        let file = crate::model::DocumentFile {
            blob: stored.object.to_string(),
            sha256: stored.sha256,
            size: stored.size,
            media_type: "image/png".into(),
            original_name: name.clone(),
            role: crate::model::FileRole::Original,
            parent: None,
            pages: 1,
            thumbnail: Some(thumbnail.object.to_string()),
            imported_on: IMPORTED_AT.into(),
            imported_by: DEMO_LAWYER.into(),
        };
        case.attach_file(document, file, &name);
    }
    Ok(())
}

/// A person's names in four scripts, from the name tables.
fn names_of(given: usize, family: usize, female: bool) -> Vec<PersonName> {
    // The table alternates male and female given names.
    let g = &GIVEN[2 * (given % (GIVEN.len() / 2)) + usize::from(female)];
    let f = &FAMILY[family % FAMILY.len()];
    let (cyr_family, lat_family) = if female {
        (f.cyrillic_f, f.latin_f)
    } else {
        (f.cyrillic_m, f.latin_m)
    };
    let name = |script, text: String, kind| PersonName {
        script,
        text,
        kind,
        source: None,
    };
    vec![
        name(
            Script::Cyrillic,
            format!("{} {}", g.cyrillic, cyr_family),
            NameKind::Legal,
        ),
        name(
            Script::Chinese,
            format!("{}·{}", g.chinese, f.chinese),
            NameKind::AsWritten,
        ),
        name(
            Script::Arabic,
            format!("{} {}", g.arabic, f.arabic),
            NameKind::AsWritten,
        ),
        name(
            Script::PassportLatin,
            format!("{} {}", lat_family.to_uppercase(), g.latin.to_uppercase()),
            NameKind::AsWritten,
        ),
    ]
}

/// A PRC resident ID that passes the check, for an invented area code and sequence.
fn demo_prc_id(birth: Day, n: usize, sex: Sex) -> String {
    let sequence = (n * 37 % 499) * 2 + usize::from(sex == Sex::Male);
    let first17 = format!(
        "654{:03}{:04}{:02}{:02}{:03}",
        100 + n % 400,
        birth.year,
        birth.month,
        birth.day,
        sequence % 1000
    );
    let digits: Vec<u32> = first17.chars().filter_map(|c| c.to_digit(10)).collect();
    format!("{first17}{}", prc_check_character(&digits))
}

const COUNTIES: [(&str, &str); 6] = [
    ("Ili Kazakh Autonomous Prefecture", "Nilka County"),
    ("Ili Kazakh Autonomous Prefecture", "Qapqal County"),
    ("Tacheng Prefecture", "Dorbiljin County"),
    ("Altay Prefecture", "Burqin County"),
    ("Changji Hui Autonomous Prefecture", "Mori County"),
    ("Kashgar Prefecture", "Yengisar County"),
];

fn status_for(n: usize) -> CaseStatus {
    CaseStatus::ALL[n % CaseStatus::ALL.len()]
}

fn day(year: i32, month: u8, day_of_month: u8) -> Day {
    Day::new(year, month, day_of_month).expect("demo dates are valid")
}

/// The `n`th demo case. Deterministic, so tests and screenshots are stable.
pub fn demo_case(n: usize) -> Case {
    let mut case = Case {
        number: format!("DEMO-{}-{:04}", 2024 + (n % 3) as i32, n + 1),
        opened_at: format!("{}-0{}-1{}T09:30:00Z", 2024 + (n % 3), 1 + n % 9, n % 10),
        priority: [
            Priority::Normal,
            Priority::High,
            Priority::Urgent,
            Priority::Low,
        ][n % 4],
        ..Case::default()
    };
    let missing_female = n.is_multiple_of(3);
    let missing_sex = if missing_female {
        Sex::Female
    } else {
        Sex::Male
    };
    let birth = day(
        1950 + (n * 7 % 30) as i32,
        1 + (n % 12) as u8,
        1 + (n * 3 % 28) as u8,
    );
    let (prefecture, county) = COUNTIES[n % COUNTIES.len()];
    let mut missing = Person {
        roles: vec![Role::MissingPerson],
        names: names_of(n * 5 + usize::from(missing_female), n, missing_female),
        sex: Some(missing_sex),
        birth_date: if n % 7 == 3 {
            FlexiDate::Approximate(birth.year)
        } else {
            FlexiDate::Exact(birth)
        },
        last_residence: if n % 9 == 4 {
            Place::default()
        } else {
            Place {
                country: "PRC".into(),
                prefecture: prefecture.into(),
                county: county.into(),
                village: format!("Village {}", n % 13 + 1),
                ..Place::default()
            }
        },
        ethnicity: if n % 4 == 1 {
            "Uyghur".into()
        } else {
            "Kazakh".into()
        },
        citizenships: vec!["PRC".into()],
        fate: [
            Fate::Unknown,
            Fate::Camp,
            Fate::Prison,
            Fate::Sentenced,
            Fate::Released,
        ][n % 5],
        fate_source: "Statement of the applicant".into(),
        detention_place: if n % 5 == 1 {
            format!("{county}, facility {}", n % 4 + 1)
        } else {
            String::new()
        },
        ..Person::default()
    };
    missing.last_contact.date = FlexiDate::Month {
        year: 2017 + (n % 3) as i32,
        month: 1 + (n % 12) as u8,
    };
    missing.last_contact.channel = ["WeChat call", "Telephone", "Letter"][n % 3].into();
    missing.last_contact.with_whom = "The applicant".into();
    if n.is_multiple_of(2) {
        missing.identifiers.push(Identifier {
            kind: IdentifierKind::PrcResidentId,
            value: demo_prc_id(birth, n, missing_sex),
            issuer: "PRC".into(),
        });
    }

    let applicant_female = n.is_multiple_of(2);
    let mut applicant = Person {
        roles: vec![Role::Applicant],
        names: names_of(
            n * 5 + 2 + usize::from(applicant_female),
            n + 1,
            applicant_female,
        ),
        sex: Some(if applicant_female {
            Sex::Female
        } else {
            Sex::Male
        }),
        birth_date: FlexiDate::Year(birth.year + 24),
        citizenships: vec!["KZ".into()],
        ethnicity: "Kazakh".into(),
        ..Person::default()
    };
    applicant.identifiers.push(Identifier {
        kind: IdentifierKind::Passport,
        value: format!("N{:08}", 10_000_000 + n * 7919),
        issuer: "KZ".into(),
    });

    let seen = |on: &str| OriginalSeen {
        by: DEMO_LAWYER.into(),
        on: on.into(),
    };
    let mut documents = Vec::new();
    if n % 6 != 5 {
        documents.push(Document {
            kind: DocumentKind::Passport,
            title: "Applicant's passport".into(),
            holders: vec![applicant.id],
            number: applicant.identifiers[0].value.clone(),
            original_seen: Some(seen("2026-02-10")),
            ..Document::default()
        });
    }
    let certificate = Document {
        kind: DocumentKind::BirthCertificate,
        title: "Applicant's birth certificate".into(),
        holders: vec![applicant.id],
        issuer: format!("{county} civil registry"),
        languages: vec!["zh".into(), "kk".into()],
        original_seen: (n % 4 != 2).then(|| seen("2026-02-10")),
        ..Document::default()
    };
    let hukou = Document {
        kind: DocumentKind::HukouPage,
        title: "Household register page (photo via messenger)".into(),
        holders: vec![missing.id, applicant.id],
        provenance: crate::model::Provenance {
            received_from: "The applicant".into(),
            received_on: FlexiDate::Exact(day(2026, 1, 20)),
            how: crate::model::ReceivedAs::PhotoViaMessenger,
        },
        ..Document::default()
    };
    let mut link = Relationship::new(missing.id, applicant.id, RelationKind::Parent);
    if n % 8 != 7 {
        link.evidence.push(Evidence {
            document: certificate.id,
            page: Some(1),
            statement: format!("Parent: {}", missing.names[1].text),
            stance: Stance::Supports,
            assessed_by: DEMO_LAWYER.into(),
            assessed_on: "2026-02-11".into(),
        });
    }
    if n % 10 == 9 {
        link.evidence.push(Evidence {
            document: hukou.id,
            page: Some(2),
            statement: "Relation to head of household: niece".into(),
            stance: Stance::Contradicts,
            assessed_by: DEMO_LAWYER.into(),
            assessed_on: "2026-02-11".into(),
        });
    }
    documents.push(certificate);
    documents.push(hukou);

    case.events.push(Event {
        id: EventId::new_random(),
        kind: EventKind::LastContact,
        date: missing.last_contact.date.clone(),
        place: county.into(),
        person: Some(missing.id),
        source: "Applicant".into(),
        description: format!("{} by {}", missing.last_contact.channel, "the applicant"),
    });
    if matches!(missing.fate, Fate::Camp | Fate::Prison | Fate::Sentenced) {
        case.events.push(Event {
            id: EventId::new_random(),
            kind: EventKind::Detention,
            date: FlexiDate::Year(2018),
            place: county.into(),
            person: Some(missing.id),
            source: "Relatives in the village".into(),
            description: "Taken from home; family not told where".into(),
        });
    }

    case.consent.to_document = Consent::Yes;
    case.consent.share_with_ministry = if n % 5 == 2 {
        Consent::Pending
    } else {
        Consent::Yes
    };
    let status = status_for(n);
    if matches!(
        status,
        CaseStatus::Referred | CaseStatus::ResponseReceived | CaseStatus::Closed
    ) {
        let overdue = n.is_multiple_of(2);
        case.referrals.push(Referral {
            id: ReferralId::new_random(),
            addressee: if n.is_multiple_of(3) {
                Addressee::MfaKyrgyzstan
            } else {
                Addressee::MfaKazakhstan
            },
            addressee_details: String::new(),
            sent_on: FlexiDate::Exact(day(2026, 3, 1 + (n % 20) as u8)),
            letter_number: format!("DEMO/{n:03}"),
            export_id: String::new(),
            response: (status != CaseStatus::Referred).then(|| ReferralResponse {
                date: FlexiDate::Exact(day(2026, 6, 2)),
                kind: if n.is_multiple_of(2) {
                    ResponseKind::Acknowledged
                } else {
                    ResponseKind::InformationProvided
                },
                summary: "The ministry acknowledged the request.".into(),
                document: None,
            }),
            follow_up_due: Some(if overdue {
                day(2026, 9, 1)
            } else {
                day(2027, 3, 1)
            }),
        });
    }
    case.notes.push(Note {
        by: DEMO_LAWYER.into(),
        at: case.opened_at.clone(),
        text: "Fictional demo case: every name, date and number in it is invented.".into(),
    });
    case.people = vec![missing, applicant];
    case.relationships = vec![link];
    case.documents = documents;
    let opened = case.opened_at.clone();
    case.set_status(status, DEMO_LAWYER, &opened, "demo");
    case
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{assess, validate_prc_id};

    #[test]
    fn the_demo_covers_every_status_script_and_readiness_outcome() {
        let cases: Vec<Case> = (0..DEMO_CASES).map(demo_case).collect();
        for status in CaseStatus::ALL {
            assert!(cases.iter().any(|c| c.status == status), "{status:?}");
        }
        for script in [
            Script::Cyrillic,
            Script::Chinese,
            Script::Arabic,
            Script::PassportLatin,
        ] {
            assert!(cases.iter().all(|c| {
                c.people
                    .iter()
                    .all(|p| p.names.iter().any(|n| n.script == script))
            }));
        }
        let ready = cases.iter().filter(|c| assess(c).is_ready()).count();
        assert!(
            ready > 3 && ready < DEMO_CASES - 3,
            "some ready, some not: {ready}"
        );
        let today = day(2026, 11, 27);
        assert!(cases.iter().any(|c| c.follow_up_overdue(today)));
        for case in &cases {
            for id in case.people.iter().flat_map(|p| &p.identifiers) {
                if id.kind == IdentifierKind::PrcResidentId {
                    assert!(validate_prc_id(&id.value).is_ok(), "{}", id.value);
                }
            }
        }
        let numbers: std::collections::BTreeSet<_> =
            cases.iter().map(|c| c.number.clone()).collect();
        assert_eq!(numbers.len(), DEMO_CASES, "unique case numbers");
    }
}
