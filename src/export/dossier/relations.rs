//! The relationships and the timeline: the chain of relationships from the applicant to the
//! missing person, each link with its proof status and every piece of evidence (which exhibit
//! and page, supports or contradicts, the statement as written), then the other relationships;
//! and the case's events in date order.

use super::labels::{self, Labelled};
use super::scans::Prepared;
use super::sections::{BODY, HEADING, Writer};
use super::text::Ink;
use crate::export::exhibits::{Exhibit, exhibit_of};
use crate::model::{
    Case, DocumentId, Event, Relationship, RelationshipId, Role, relationship_chain,
};
use crate::tr;

/// The relationships section.
pub fn relationships(w: &mut Writer, case: &Case, exhibits: &[Exhibit], prepared: &[Prepared]) {
    w.section(&tr!("dossier-relationships"));
    w.heading(&tr!("dossier-chain"), HEADING);
    let applicant = case.people_with(Role::Applicant).next();
    let missing = case.people_with(Role::MissingPerson).next();
    let chain: Vec<RelationshipId> = match (applicant, missing) {
        (Some(a), Some(m)) => match relationship_chain(case, a.id, m.id) {
            Some(chain) => chain,
            None => {
                w.paragraph(&tr!("dossier-no-chain"), BODY.ink(Ink::Grey));
                Vec::new()
            }
        },
        _ => {
            w.paragraph(&tr!("dossier-no-applicant-or-missing"), BODY.ink(Ink::Grey));
            Vec::new()
        }
    };
    for (n, id) in chain.iter().enumerate() {
        if let Some(relationship) = case.relationships.iter().find(|r| r.id == *id) {
            let title = tr!("dossier-link", number = (n + 1).to_string());
            link(w, case, (exhibits, prepared), relationship, Some(&title));
        }
    }
    let others: Vec<&Relationship> = case
        .relationships
        .iter()
        .filter(|r| !chain.contains(&r.id))
        .collect();
    if !others.is_empty() {
        w.heading(&tr!("dossier-other-relationships"), HEADING);
        for relationship in others {
            link(w, case, (exhibits, prepared), relationship, None);
        }
    }
}

/// Where evidence page `page` (1-based, of the document's pages as the viewer counts them) is
/// in the dossier: the exhibit's own page number, which differs when the document has working
/// copies, files kept in the bundle only, or PDF originals of several pages.
fn evidence_page(
    case: &Case,
    exhibit: &Exhibit,
    prepared: &[Prepared],
    document: DocumentId,
    page: u32,
) -> String {
    let number = exhibit.number.to_string();
    let sheet = case
        .document(document)
        .and_then(|d| d.pages().get(page.saturating_sub(1) as usize).copied())
        .zip(prepared.get(exhibit.number.saturating_sub(1)))
        .and_then(|(at, placed)| placed.sheet_of(at.file, at.page));
    match sheet {
        Some(sheet) => tr!(
            "dossier-exhibit-page-ref",
            number = number,
            page = sheet.to_string()
        ),
        None => tr!(
            "dossier-exhibit-page-in-bundle",
            number = number,
            page = page.to_string()
        ),
    }
}

/// One relationship with its status and evidence.
fn link(
    w: &mut Writer,
    case: &Case,
    (exhibits, prepared): (&[Exhibit], &[Prepared]),
    relationship: &Relationship,
    title: Option<&str>,
) {
    let from = labels::person(case, relationship.from);
    let to = labels::person(case, relationship.to);
    let kind = format!(" {} ", relationship.kind.label());
    let mut spans = Vec::new();
    if let Some(title) = title {
        spans.push((title, true));
        spans.push((" ", false));
    }
    spans.extend([
        (from.as_str(), true),
        (kind.as_str(), false),
        (to.as_str(), true),
    ]);
    w.flow.space(4.0);
    w.flow.keep(60.0);
    w.spans(&spans, BODY);
    let proof = relationship.proof(|d| case.document_counts_as_proof(d));
    w.field(&tr!("dossier-proof-status"), &proof.label());
    if let Some(over) = &relationship.proof_override {
        let text = tr!(
            "dossier-proof-override",
            by = over.by.clone(),
            on = over.on.clone(),
            reason = over.reason.clone()
        );
        w.field(&tr!("dossier-proof-set-by-hand"), &text);
    }
    if !relationship.valid_from.is_unknown() || !relationship.valid_to.is_unknown() {
        let text = tr!(
            "dossier-valid",
            from = labels::date(&relationship.valid_from),
            to = labels::date(&relationship.valid_to)
        );
        w.field(&tr!("dossier-valid-label"), &text);
    }
    if relationship.evidence.is_empty() {
        w.field(&tr!("dossier-evidence"), &tr!("dossier-no-evidence"));
    }
    for evidence in &relationship.evidence {
        let at = match exhibit_of(exhibits, evidence.document) {
            Some(exhibit) => match evidence.page {
                Some(page) => evidence_page(case, exhibit, prepared, evidence.document, page),
                None => tr!("dossier-exhibit", number = exhibit.number.to_string()),
            },
            None => tr!("dossier-document-not-included"),
        };
        let mut text = evidence.stance.label();
        if let Some(statement) = labels::non_empty(&evidence.statement) {
            text = tr!(
                "dossier-evidence-statement",
                stance = text,
                statement = statement
            );
        }
        if let Some(by) = labels::non_empty(&evidence.assessed_by) {
            text = tr!(
                "dossier-evidence-assessed",
                evidence = text,
                by = by,
                on = evidence.assessed_on.clone()
            );
        }
        w.field(&at, &text);
    }
}

/// The timeline: events in date order (undated ones last, in the order recorded).
pub fn timeline(w: &mut Writer, case: &Case) {
    w.section(&tr!("dossier-timeline"));
    if case.events.is_empty() {
        w.paragraph(&tr!("dossier-no-events"), BODY.ink(Ink::Grey));
        return;
    }
    let mut events: Vec<&Event> = case.events.iter().collect();
    events.sort_by_key(|e| e.date.bounds().map_or((1, None), |b| (0, Some(b))));
    let table = w.table(&[
        (tr!("dossier-col-date"), 0.17),
        (tr!("dossier-col-event"), 0.17),
        (tr!("dossier-col-person"), 0.18),
        (tr!("dossier-col-place"), 0.18),
        (tr!("dossier-col-details"), 0.30),
    ]);
    for event in events {
        let person = event
            .person
            .map(|p| labels::person(case, p))
            .unwrap_or_default();
        let mut details = event.description.trim().to_string();
        if let Some(source) = labels::non_empty(&event.source) {
            if !details.is_empty() {
                details.push('\n');
            }
            details.push_str(&tr!("dossier-source", source = source));
        }
        table.add(
            w,
            &[
                &labels::date(&event.date),
                &event.kind.label(),
                &person,
                &event.place,
                &details,
            ],
        );
    }
    w.end_table();
}
