//! The people tab: who is in the case, their roles, names in every script, sex, birth date,
//! places, identity numbers (checked, with a warning when they disagree with what is recorded),
//! last contact and fate.

use egui::Ui;

use super::{ViewState, choose_item, remove_button};
use crate::model::{
    Case, Fate, Identifier, IdentifierKind, NameKind, Person, PersonName, Place, Role, Script, Sex,
    mismatches,
};
use crate::tr;
use crate::ui::labels::{Labelled, picker};
use crate::ui::widgets::{date_field, list_field, text_area, text_field};

pub fn show(ui: &mut Ui, case: &mut Case, view: &mut ViewState) {
    let labels = case
        .people
        .iter()
        .map(|person| {
            let name = person
                .display_name()
                .map_or_else(|| tr!("people-unnamed"), str::to_string);
            let roles: Vec<String> = person.roles.iter().map(|r| r.label()).collect();
            format!("{name} ({})", roles.join(", "))
        })
        .collect();
    let chosen = choose_item(
        ui,
        &mut case.people,
        labels,
        &mut view.person,
        |p| p.id,
        &tr!("people-add"),
        Person::default,
    );
    let Some(index) = chosen else {
        ui.label(tr!("people-choose"));
        return;
    };
    let person = &mut case.people[index];
    let salt = person.id;

    ui.horizontal(|ui| {
        ui.label(tr!("people-roles"));
        for role in <Role as Labelled>::ALL {
            let mut has = person.roles.contains(role);
            if ui.checkbox(&mut has, role.label()).changed() {
                if has {
                    person.roles.push(*role);
                } else {
                    person.roles.retain(|r| r != role);
                }
            }
        }
    });

    ui.heading(tr!("people-names"));
    let mut remove = None;
    for (n, name) in person.names.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            picker(
                ui,
                (salt, "script", n),
                &tr!("people-script"),
                &mut name.script,
            );
            picker(
                ui,
                (salt, "kind", n),
                &tr!("people-name-kind"),
                &mut name.kind,
            );
            text_field(ui, &tr!("people-name"), &mut name.text);
            if remove_button(ui) {
                remove = Some(n);
            }
        });
    }
    if let Some(n) = remove {
        person.names.remove(n);
    }
    if ui.button(tr!("people-add-name")).clicked() {
        person.names.push(PersonName {
            script: Script::Cyrillic,
            text: String::new(),
            kind: NameKind::Legal,
            source: None,
        });
    }

    ui.heading(tr!("people-identity"));
    let mut sex_known = person.sex.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut sex_known, tr!("people-sex-known"));
        if sex_known {
            let mut sex = person.sex.unwrap_or(Sex::Female);
            picker(ui, (salt, "sex"), &tr!("people-sex"), &mut sex);
            person.sex = Some(sex);
        } else {
            person.sex = None;
        }
    });
    date_field(
        ui,
        (salt, "birth"),
        &tr!("people-birth-date"),
        &mut person.birth_date,
    );
    text_field(ui, &tr!("people-ethnicity"), &mut person.ethnicity);
    list_field(
        ui,
        (salt, "citizenships"),
        &tr!("people-citizenships"),
        &mut person.citizenships,
    );

    ui.heading(tr!("people-identifiers"));
    let mut remove = None;
    for (n, identifier) in person.identifiers.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            picker(
                ui,
                (salt, "id_kind", n),
                &tr!("people-id-kind"),
                &mut identifier.kind,
            );
            text_field(ui, &tr!("people-id-number"), &mut identifier.value);
            text_field(ui, &tr!("people-id-issuer"), &mut identifier.issuer);
            if remove_button(ui) {
                remove = Some(n);
            }
        });
        match identifier.validation() {
            Some(Ok(facts)) => {
                ui.label(tr!(
                    "people-id-valid",
                    birth = facts.birth.to_string(),
                    sex = facts.sex.label()
                ));
                for mismatch in mismatches(&facts, &person.birth_date, person.sex) {
                    let text = match mismatch {
                        crate::model::IdMismatch::BirthDate { on_id } => {
                            tr!("people-id-birth-mismatch", date = on_id.to_string())
                        }
                        crate::model::IdMismatch::Sex { on_id } => {
                            tr!("people-id-sex-mismatch", sex = on_id.label())
                        }
                    };
                    ui.colored_label(ui.visuals().warn_fg_color, text);
                }
            }
            Some(Err(problem)) if !identifier.value.trim().is_empty() => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr!("people-id-invalid", reason = problem.to_string()),
                );
            }
            _ => {}
        }
    }
    if let Some(n) = remove {
        person.identifiers.remove(n);
    }
    if ui.button(tr!("people-add-identifier")).clicked() {
        person.identifiers.push(Identifier {
            kind: IdentifierKind::PrcResidentId,
            value: String::new(),
            issuer: String::new(),
        });
    }

    ui.heading(tr!("people-places"));
    place_fields(ui, &tr!("people-birthplace"), &mut person.birthplace);
    place_fields(
        ui,
        &tr!("people-last-residence"),
        &mut person.last_residence,
    );

    ui.heading(tr!("people-fate"));
    date_field(
        ui,
        (salt, "contact"),
        &tr!("people-last-contact-date"),
        &mut person.last_contact.date,
    );
    text_field(
        ui,
        &tr!("people-last-contact-channel"),
        &mut person.last_contact.channel,
    );
    text_field(
        ui,
        &tr!("people-last-contact-with"),
        &mut person.last_contact.with_whom,
    );
    let mut fate: Fate = person.fate;
    picker(ui, (salt, "fate"), &tr!("people-fate-status"), &mut fate);
    person.fate = fate;
    date_field(
        ui,
        (salt, "fate_date"),
        &tr!("people-fate-date"),
        &mut person.fate_date,
    );
    text_field(ui, &tr!("people-fate-source"), &mut person.fate_source);
    text_field(
        ui,
        &tr!("people-detention-place"),
        &mut person.detention_place,
    );
    text_area(ui, &tr!("people-notes"), &mut person.notes);
    ui.separator();
    if ui.button(tr!("people-remove")).clicked() {
        let id = person.id;
        case.people.retain(|p| p.id != id);
        case.relationships.retain(|r| r.from != id && r.to != id);
        view.person = None;
    }
}

fn place_fields(ui: &mut Ui, title: &str, place: &mut Place) {
    ui.collapsing(title, |ui| {
        text_field(ui, &tr!("place-country"), &mut place.country);
        text_field(ui, &tr!("place-prefecture"), &mut place.prefecture);
        text_field(ui, &tr!("place-county"), &mut place.county);
        text_field(ui, &tr!("place-township"), &mut place.township);
        text_field(ui, &tr!("place-village"), &mut place.village);
        text_field(ui, &tr!("place-details"), &mut place.details);
    });
}
