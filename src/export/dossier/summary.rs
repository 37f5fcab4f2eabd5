//! The cover (bureau, case number, date, addressee, who prepared it, the confidentiality
//! marking) and the summary: the request, then the missing person, the applicant and the other
//! people of the case with their names in every script and what is known of them.

use super::DossierInput;
use super::labels::{self, Labelled};
use super::sections::{BODY, HEADING, LABEL, SUBHEADING, Writer};
use super::text::{Align, Ink, Look};
use crate::export::exhibits::{Exhibit, exhibit_of};
use crate::model::{Confidentiality, Person, Role};
use crate::tr;

/// Names, a little larger than the text around them.
const NAME: Look = Look::new(11.0).align(Align::Left);

/// The cover page.
pub fn cover(w: &mut Writer, input: &DossierInput) {
    let case = input.case;
    w.flow.new_page();
    w.mark(&tr!("dossier-cover"), false);
    if let Some(bureau) = labels::non_empty(&input.choice.bureau) {
        w.paragraph(&bureau, Look::new(14.0).bold());
    }
    w.flow.space(150.0);
    w.paragraph(&tr!("dossier-title"), Look::new(26.0).bold());
    w.paragraph(&case.number, Look::new(20.0).bold());
    w.flow.space(24.0);
    w.field(
        &tr!("dossier-exported-on"),
        labels::day_of(input.exported_at),
    );
    w.field_if(
        &tr!("dossier-addressee"),
        labels::non_empty(&input.choice.addressee),
    );
    w.field_if(
        &tr!("dossier-prepared-by"),
        labels::non_empty(input.exported_by),
    );
    let concerning: Vec<String> = case
        .people_with(Role::MissingPerson)
        .filter_map(Person::display_name)
        .map(str::to_string)
        .collect();
    if !concerning.is_empty() {
        w.field(&tr!("dossier-concerning"), &concerning.join("; "));
    }
    let mut left_out = Vec::new();
    if !input.choice.id_numbers {
        left_out.push(tr!("dossier-left-out-id-numbers"));
    }
    if !input.choice.contact_details {
        left_out.push(tr!("dossier-left-out-contact"));
    }
    if !left_out.is_empty() {
        w.field(&tr!("dossier-left-out"), &left_out.join("; "));
    }
    w.flow.space(40.0);
    w.flow.rule();
    w.paragraph(
        &tr!("dossier-confidential"),
        Look::new(11.0).bold().ink(Ink::Red),
    );
    if case.confidentiality == Confidentiality::Restricted {
        w.paragraph(&tr!("dossier-restricted"), BODY.ink(Ink::Red));
    }
    w.flow.rule();
}

/// The summary: request and people.
pub fn summary(w: &mut Writer, input: &DossierInput, exhibits: &[Exhibit]) {
    let case = input.case;
    w.section(&tr!("dossier-summary"));
    w.heading(&tr!("dossier-request"), HEADING);
    match labels::non_empty(&input.choice.request) {
        Some(request) => w.paragraph(&request, BODY),
        None => w.paragraph(&tr!("dossier-no-request"), BODY.ink(Ink::Grey)),
    }
    for role in [Role::MissingPerson, Role::Applicant] {
        w.heading(&role.label(), HEADING);
        let people: Vec<&Person> = case.people_with(role).collect();
        if people.is_empty() {
            w.paragraph(&tr!("dossier-nobody"), BODY.ink(Ink::Grey));
        }
        for person in people {
            person_block(w, exhibits, person);
        }
    }
    let others: Vec<&Person> = case
        .people
        .iter()
        .filter(|p| !p.has_role(Role::MissingPerson) && !p.has_role(Role::Applicant))
        .collect();
    if !others.is_empty() {
        w.heading(&tr!("dossier-other-people"), HEADING);
        for person in others {
            person_block(w, exhibits, person);
        }
    }
    if let Some(risk) = labels::non_empty(&case.risk_notes) {
        w.heading(&tr!("dossier-risk-notes"), HEADING);
        w.paragraph(&risk, BODY);
    }
    if !case.notes.is_empty() {
        w.heading(&tr!("dossier-case-notes"), HEADING);
        for note in &case.notes {
            let by = tr!(
                "dossier-note-by",
                by = note.by.clone(),
                at = labels::day_of(&note.at).to_string()
            );
            w.paragraph(&by, LABEL);
            w.paragraph(&note.text, BODY);
        }
    }
}

/// One person: names in every script, identity numbers, dates, places, fate, last contact.
fn person_block(w: &mut Writer, exhibits: &[Exhibit], person: &Person) {
    let name = person
        .display_name()
        .map_or_else(|| tr!("dossier-unnamed"), str::to_string);
    w.heading(&name, SUBHEADING);
    let roles: Vec<String> = person.roles.iter().map(|r| r.label()).collect();
    if !roles.is_empty() {
        w.field(&tr!("dossier-roles"), &roles.join(", "));
    }
    for written in &person.names {
        let mut label = format!("{} · {}", written.script.label(), written.kind.label());
        if let Some(exhibit) = written.source.and_then(|d| exhibit_of(exhibits, d)) {
            label.push_str(" · ");
            label.push_str(&tr!("dossier-exhibit", number = exhibit.number.to_string()));
        }
        // The name alone in its cell, so that an Arabic-script name sits right-to-left.
        w.field_look(&label, &written.text, NAME);
    }
    for id in &person.identifiers {
        let value = match labels::non_empty(&id.issuer) {
            Some(issuer) => format!("{} ({issuer})", id.value),
            None => id.value.clone(),
        };
        w.field(&id.kind.label(), &value);
    }
    w.field_if(&tr!("dossier-sex"), person.sex.map(|s| s.label()));
    w.field(
        &tr!("dossier-birth-date"),
        &labels::date(&person.birth_date),
    );
    w.field_if(
        &tr!("dossier-birthplace"),
        labels::place(&person.birthplace),
    );
    w.field_if(
        &tr!("dossier-last-residence"),
        labels::place(&person.last_residence),
    );
    w.field_if(
        &tr!("dossier-ethnicity"),
        labels::non_empty(&person.ethnicity),
    );
    if !person.citizenships.is_empty() {
        w.field(&tr!("dossier-citizenship"), &person.citizenships.join(", "));
    }
    if person.has_role(Role::MissingPerson) || person.fate != crate::model::Fate::Unknown {
        let mut fate = person.fate.label();
        if !person.fate_date.is_unknown() {
            fate = tr!(
                "dossier-fate-since",
                fate = fate,
                date = labels::date(&person.fate_date)
            );
        }
        w.field(&tr!("dossier-fate"), &fate);
    }
    w.field_if(
        &tr!("dossier-detention-place"),
        labels::non_empty(&person.detention_place),
    );
    w.field_if(
        &tr!("dossier-fate-source"),
        labels::non_empty(&person.fate_source),
    );
    let contact = &person.last_contact;
    let contact_parts: Vec<String> = [
        (!contact.date.is_unknown()).then(|| labels::date(&contact.date)),
        labels::non_empty(&contact.channel),
        labels::non_empty(&contact.with_whom).map(|whom| tr!("dossier-contact-with", whom = whom)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !contact_parts.is_empty() {
        w.field(&tr!("dossier-last-contact"), &contact_parts.join("; "));
    }
    w.field_if(&tr!("dossier-notes"), labels::non_empty(&person.notes));
    w.flow.space(4.0);
}
