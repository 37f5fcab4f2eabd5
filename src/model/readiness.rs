//! Readiness for referral (DESIGN.md §3): five rules computed from the case, each met or not
//! with a pointer to where it is fixed, and from the same rules the document request — what the
//! relative should bring next time. Pure functions over a `Case`.

use std::collections::{BTreeMap, VecDeque};

use super::case::{Case, Consent};
use super::ids::{DocumentId, PersonId, RelationshipId};
use super::person::Role;
use super::relationship::{ProofStatus, RelationKind};

/// The rules, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// 1. The case has an applicant and a missing person.
    ApplicantAndMissingPerson,
    /// 2. The missing person has a name, a birth date or PRC ID number, and a last residence.
    MissingPersonIdentifiable,
    /// 3. An identity document of the applicant is attached.
    ApplicantIdentityDocument,
    /// 4. A chain of relationships links applicant and missing person, every link proven.
    RelationshipChainProven,
    /// 5. Consent to share with the ministry is recorded.
    ConsentToShareWithMinistry,
}

/// Where in the case the lawyer goes to fix an unmet rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAt {
    People,
    Person(PersonId),
    Documents,
    Relationships,
    Overview,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub rule: Rule,
    pub met: bool,
    pub fix_at: FixAt,
}

/// One thing to ask the relative for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The applicant's passport, ID card or residence document.
    ApplicantIdentityDocument { applicant: Option<PersonId> },
    /// A document giving the missing person's birth date or PRC ID number (ID card, hukou page).
    MissingPersonBirthDateOrId { person: PersonId },
    /// The missing person's last address in China.
    MissingPersonLastResidence { person: PersonId },
    /// A name of the missing person as written on a document.
    MissingPersonName { person: PersonId },
    /// A document proving this link (birth or marriage certificate, hukou page…).
    RelationshipProof {
        from: PersonId,
        to: PersonId,
        kind: RelationKind,
    },
    /// The original of a document the bureau has only a copy or photo of.
    OriginalOf { document: DocumentId },
    /// Documents explaining a contradiction in the evidence for a link.
    ResolveContradiction { relationship: RelationshipId },
    /// Name and details of the applicant and the missing person.
    PeopleDetails,
    /// The relative's decision on sharing with the ministry.
    ConsentToShare,
}

/// The checklist and the document request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub checks: Vec<Check>,
    pub requests: Vec<Request>,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.checks.iter().all(|c| c.met)
    }
}

/// The shortest chain of relationships between two people (any proof status), as ids.
pub fn relationship_chain(
    case: &Case,
    from: PersonId,
    to: PersonId,
) -> Option<Vec<RelationshipId>> {
    chain_where(case, from, to, |_| true)
}

fn chain_where(
    case: &Case,
    from: PersonId,
    to: PersonId,
    usable: impl Fn(RelationshipId) -> bool,
) -> Option<Vec<RelationshipId>> {
    let mut came_by: BTreeMap<PersonId, Option<(PersonId, RelationshipId)>> = BTreeMap::new();
    came_by.insert(from, None);
    let mut queue = VecDeque::from([from]);
    while let Some(person) = queue.pop_front() {
        if person == to {
            let mut chain = Vec::new();
            let mut at = to;
            while let Some(Some((prev, link))) = came_by.get(&at) {
                chain.push(*link);
                at = *prev;
            }
            chain.reverse();
            return Some(chain);
        }
        for rel in case.relationships.iter().filter(|r| usable(r.id)) {
            let next = if rel.from == person {
                rel.to
            } else if rel.to == person {
                rel.from
            } else {
                continue;
            };
            if let std::collections::btree_map::Entry::Vacant(slot) = came_by.entry(next) {
                slot.insert(Some((person, rel.id)));
                queue.push_back(next);
            }
        }
    }
    None
}

/// Computes the checklist and the document request for a case.
pub fn assess(case: &Case) -> Readiness {
    let mut checks = Vec::new();
    let mut requests = Vec::new();
    let applicant = case.people_with(Role::Applicant).next();
    let missing = case.people_with(Role::MissingPerson).next();

    // 1. Applicant and missing person.
    let both = applicant.is_some() && missing.is_some();
    checks.push(Check {
        rule: Rule::ApplicantAndMissingPerson,
        met: both,
        fix_at: FixAt::People,
    });
    if !both {
        requests.push(Request::PeopleDetails);
    }

    // 2. Missing person identifiable.
    let identifiable = missing.is_some_and(|m| {
        let named = m.display_name().is_some();
        let dated = !m.birth_date.is_unknown() || m.valid_prc_id().is_some();
        let placed = !m.last_residence.is_empty();
        if !named {
            requests.push(Request::MissingPersonName { person: m.id });
        }
        if !dated {
            requests.push(Request::MissingPersonBirthDateOrId { person: m.id });
        }
        if !placed {
            requests.push(Request::MissingPersonLastResidence { person: m.id });
        }
        named && dated && placed
    });
    checks.push(Check {
        rule: Rule::MissingPersonIdentifiable,
        met: identifiable,
        fix_at: missing.map_or(FixAt::People, |m| FixAt::Person(m.id)),
    });

    // 3. The applicant's identity document.
    let identity_documents: Vec<_> = case
        .documents
        .iter()
        .filter(|d| {
            d.kind.is_identity_document() && applicant.is_some_and(|a| d.holders.contains(&a.id))
        })
        .collect();
    checks.push(Check {
        rule: Rule::ApplicantIdentityDocument,
        met: !identity_documents.is_empty(),
        fix_at: FixAt::Documents,
    });
    if identity_documents.is_empty() {
        requests.push(Request::ApplicantIdentityDocument {
            applicant: applicant.map(|a| a.id),
        });
    }

    // 4. A proven chain of relationships.
    let seen = |doc: DocumentId| case.document_counts_as_proof(doc);
    let proof_of = |id: RelationshipId| {
        case.relationships
            .iter()
            .find(|r| r.id == id)
            .map_or(ProofStatus::Unproven, |r| r.proof(seen))
    };
    let proven_chain = match (applicant, missing) {
        (Some(a), Some(m)) => {
            chain_where(case, a.id, m.id, |id| proof_of(id) == ProofStatus::Proven).is_some()
        }
        _ => false,
    };
    checks.push(Check {
        rule: Rule::RelationshipChainProven,
        met: proven_chain,
        fix_at: FixAt::Relationships,
    });
    if !proven_chain && let (Some(a), Some(m)) = (applicant, missing) {
        match relationship_chain(case, a.id, m.id) {
            None => requests.push(Request::RelationshipProof {
                from: a.id,
                to: m.id,
                kind: RelationKind::Other,
            }),
            Some(chain) => {
                for id in chain {
                    let Some(rel) = case.relationships.iter().find(|r| r.id == id) else {
                        continue;
                    };
                    match rel.proof(seen) {
                        ProofStatus::Proven => {}
                        ProofStatus::Contradicted => {
                            requests.push(Request::ResolveContradiction {
                                relationship: rel.id,
                            });
                        }
                        ProofStatus::PartiallyProven => {
                            for evidence in &rel.evidence {
                                let request = Request::OriginalOf {
                                    document: evidence.document,
                                };
                                if !requests.contains(&request) {
                                    requests.push(request);
                                }
                            }
                        }
                        ProofStatus::Unproven => requests.push(Request::RelationshipProof {
                            from: rel.from,
                            to: rel.to,
                            kind: rel.kind,
                        }),
                    }
                }
            }
        }
    }

    // 5. Consent to share with the ministry.
    let consent = case.consent.share_with_ministry == Consent::Yes;
    checks.push(Check {
        rule: Rule::ConsentToShareWithMinistry,
        met: consent,
        fix_at: FixAt::Overview,
    });
    if !consent {
        requests.push(Request::ConsentToShare);
    }
    Readiness { checks, requests }
}
