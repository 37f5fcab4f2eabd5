//! "Import a bundle…" for the case list: the file (dialog or typed path) and what opens it
//! (this vault's key, or a passphrase typed into a field that keeps no undo history), the
//! decryption and checks on a background thread, a preview of what arrived, and — when the vault
//! already has the case — the differences side by side with a "take theirs" box per row, to
//! merge the chosen ones or import the case as a separate one. Also the translated words the
//! differences are shown in (`Translated`), used by the command line too.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use age::secrecy::SecretString;
use egui::Ui;
use serde::de::DeserializeOwned;
use zeroize::Zeroize;

use super::background::Background;
use super::labels::Labelled;
use super::path_choice::PathChoice;
use super::scans::FilePicker;
use super::session::Session;
use super::widgets::{forget_secret_field, secret_field, status_message};
use crate::export::ExportError;
use crate::export::receive::{
    Arrival, BundleKey, Decision, ReceivedBundle, existing_case, open_bundle_file, plan,
    store_files, target_case,
};
use crate::media::Decoder;
use crate::model::{
    Addressee, Case, CaseId, CaseStatus, Consent, CustodyAction, Describe, Difference,
    DocumentKind, EventKind, Fate, IdentifierKind, NameKind, Priority, ProofStatus, ReceivedAs,
    RelationKind, ResponseKind, Role, Script, Sex, Stance, Verification, case_write,
};
use crate::tr;
use crate::vault::VaultError;

/// The differences' words in the user's language.
pub struct Translated;

impl Describe for Translated {
    fn field(&self, name: &str) -> String {
        let id = field_message_id(name);
        if crate::i18n::LANGUAGE_LOADER.has(&id) {
            crate::i18n::LANGUAGE_LOADER.get(&id)
        } else {
            crate::model::Plain.field(name)
        }
    }

    fn variant(&self, key: &str, variant: &str) -> Option<String> {
        // The field the value is in and the one around it (`documents/<id>/kind` → documents,
        // kind); ids are not field names.
        let fields: Vec<&str> = key
            .split('/')
            .filter(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .collect();
        let field = *fields.last()?;
        let parent = fields
            .len()
            .checked_sub(2)
            .and_then(|i| fields.get(i))
            .copied();
        match (parent, field) {
            (Some("proof_override"), "status") => label::<ProofStatus>(variant),
            (_, "status") | (Some("status_history"), "from" | "to") => label::<CaseStatus>(variant),
            (_, "priority") => label::<Priority>(variant),
            (_, "to_document" | "share_with_ministry" | "publish") => label::<Consent>(variant),
            (_, "roles") => label::<Role>(variant),
            (_, "script") => label::<Script>(variant),
            (_, "sex") => label::<Sex>(variant),
            (_, "fate") => label::<Fate>(variant),
            (_, "stance") => label::<Stance>(variant),
            (_, "verification") => label::<Verification>(variant),
            (_, "how") => label::<ReceivedAs>(variant),
            (_, "addressee") => label::<Addressee>(variant),
            (_, "action") => label::<CustodyAction>(variant),
            (Some("names"), "kind") => label::<NameKind>(variant),
            (Some("identifiers"), "kind") => label::<IdentifierKind>(variant),
            (Some("documents"), "kind") => label::<DocumentKind>(variant),
            (Some("relationships"), "kind") => label::<RelationKind>(variant),
            (Some("events"), "kind") => label::<EventKind>(variant),
            (Some("response"), "kind") => label::<ResponseKind>(variant),
            _ => None,
        }
    }

    fn order(&self) -> String {
        tr!("diff-order")
    }

    fn boolean(&self, value: bool) -> String {
        if value {
            tr!("diff-yes")
        } else {
            tr!("diff-no")
        }
    }
}

/// The message id of a field's name (`birth_date` → `diff-field-birth-date`).
fn field_message_id(name: &str) -> String {
    format!("diff-field-{}", name.replace('_', "-"))
}

/// The label of an enum value given by its serialised name.
fn label<T: Labelled + DeserializeOwned>(variant: &str) -> Option<String> {
    serde_json::from_value::<T>(serde_json::Value::String(variant.to_string()))
        .ok()
        .map(Labelled::label)
}

/// What opens the hand-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum KeyChoice {
    #[default]
    ThisVault,
    Passphrase,
}

/// A bundle that arrived and was checked, waiting for the lawyer's decision.
struct Preview {
    received: ReceivedBundle,
    arrival: Arrival,
    /// Keys of the differences whose "take theirs" box is ticked.
    take: BTreeSet<String>,
}

#[derive(Default)]
enum Step {
    /// Only the button.
    #[default]
    Idle,
    /// Choosing the file and the key.
    Form,
    Opening(Background<Result<ReceivedBundle, ExportError>>),
    Preview(Box<Preview>),
    /// Files being stored; the case record is written when this is done.
    Storing(Background<Result<Case, ExportError>>),
}

/// The bundle import of the case list. Dropped on lock (with everything decrypted in it).
#[derive(Default)]
pub struct ReceiveState {
    step: Step,
    /// The typed or chosen file.
    pub path: String,
    key: KeyChoice,
    passphrase: String,
    picking: PathChoice,
    /// The last result, and whether it is an error.
    pub message: Option<(String, bool)>,
}

impl Drop for ReceiveState {
    fn drop(&mut self) {
        self.passphrase.zeroize();
    }
}

/// The passphrase field's id: its egui state is cleared of undo history every frame and
/// removed once the passphrase is used.
fn passphrase_id() -> egui::Id {
    egui::Id::unique("casevault-receive-passphrase")
}

impl ReceiveState {
    /// True while a bundle is being opened or stored (tests wait on it).
    pub fn busy(&self) -> bool {
        matches!(self.step, Step::Opening(_) | Step::Storing(_)) || self.picking.busy()
    }

    /// Draws the import; returns the id of a case once it has been stored.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &mut Session,
        decoder: &Decoder,
        picker: &Arc<dyn FilePicker>,
    ) -> Option<CaseId> {
        let stored = self.poll(session);
        match &self.step {
            Step::Idle => {
                if ui.button(tr!("receive-open-button")).clicked() {
                    self.message = None;
                    self.step = Step::Form;
                }
            }
            Step::Form => self.form(ui, session, picker),
            Step::Opening(_) => busy_line(ui, &tr!("receive-opening")),
            Step::Preview(_) => self.preview(ui, session, decoder),
            Step::Storing(_) => busy_line(ui, &tr!("receive-storing")),
        }
        status_message(ui, &self.message);
        stored
    }

    /// Picks up finished background work.
    fn poll(&mut self, session: &mut Session) -> Option<CaseId> {
        if self.picking.poll(&mut self.path) == Some(false) {
            self.message = Some((tr!("receive-no-file-chosen"), true));
        }
        match &self.step {
            Step::Opening(job) => {
                let result = job.poll()?;
                let opened = result.unwrap_or(Err(ExportError::Vault(VaultError::Interrupted)));
                self.step = Step::Form;
                match opened.and_then(|received| {
                    let arrival = plan(&session.vault, &received, &Translated)?;
                    Ok(Preview {
                        received,
                        arrival,
                        take: BTreeSet::new(),
                    })
                }) {
                    Ok(preview) => self.step = Step::Preview(Box::new(preview)),
                    Err(err) => self.message = Some((err.to_string(), true)),
                }
                None
            }
            Step::Storing(job) => {
                let result = job.poll()?;
                self.step = Step::Idle;
                let case = match result.unwrap_or(Err(ExportError::Vault(VaultError::Interrupted)))
                {
                    Ok(case) => case,
                    Err(err) => {
                        self.message = Some((err.to_string(), true));
                        return None;
                    }
                };
                if let Err(err) = session.vault.put_record(case_write(&case)) {
                    self.message = Some((err.to_string(), true));
                    return None;
                }
                session.reload_rows();
                self.message = Some((tr!("receive-stored", number = case.number.clone()), false));
                Some(case.id)
            }
            _ => None,
        }
    }

    fn form(&mut self, ui: &mut Ui, session: &Session, picker: &Arc<dyn FilePicker>) {
        ui.heading(tr!("receive-heading"));
        ui.label(tr!("receive-explain"));
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr!("receive-file"));
            ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .desired_width(360.0)
                    .hint_text(tr!("receive-file-hint")),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(
                    !self.picking.busy(),
                    egui::Button::new(tr!("receive-choose-file")),
                )
                .clicked()
            {
                let picker = picker.clone();
                if let Err(message) = self.picking.start(ui.ctx(), move || picker.pick_bundle()) {
                    self.message = Some((message, true));
                }
            }
        });
        ui.horizontal(|ui| {
            ui.radio_value(
                &mut self.key,
                KeyChoice::ThisVault,
                tr!("receive-key-vault"),
            );
            ui.radio_value(
                &mut self.key,
                KeyChoice::Passphrase,
                tr!("receive-key-passphrase"),
            );
        });
        if self.key == KeyChoice::Passphrase {
            secret_field(
                ui,
                &tr!("receive-passphrase"),
                &mut self.passphrase,
                passphrase_id(),
            );
        }
        let path = self.path.trim().to_string();
        let ready =
            !path.is_empty() && (self.key == KeyChoice::ThisVault || !self.passphrase.is_empty());
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(tr!("receive-open")))
                .clicked()
            {
                self.start_opening(PathBuf::from(path), session, ui.ctx());
            }
            if ui.button(tr!("receive-cancel")).clicked() {
                self.forget_passphrase(ui.ctx());
                self.message = None;
                self.step = Step::Idle;
            }
        });
    }

    fn forget_passphrase(&mut self, ctx: &egui::Context) {
        self.passphrase.zeroize();
        forget_secret_field(ctx, passphrase_id());
    }

    fn start_opening(&mut self, path: PathBuf, session: &Session, ctx: &egui::Context) {
        let key = match self.key {
            KeyChoice::ThisVault => BundleKey::ThisVault,
            KeyChoice::Passphrase => {
                BundleKey::Passphrase(SecretString::from(self.passphrase.clone()))
            }
        };
        self.forget_passphrase(ctx);
        self.message = None;
        let store = session.vault.blob_store();
        match Background::spawn("casevault-receive-open", ctx, move || {
            open_bundle_file(&path, &key, &store)
        }) {
            Ok(job) => self.step = Step::Opening(job),
            Err(_) => self.message = Some((tr!("scans-thread-failed"), true)),
        }
    }

    fn preview(&mut self, ui: &mut Ui, session: &Session, decoder: &Decoder) {
        let Step::Preview(preview) = &mut self.step else {
            return;
        };
        let mut decision = None;
        ui.heading(tr!("receive-preview-heading"));
        summary(ui, &preview.received);
        match &preview.arrival {
            Arrival::NewCase => {
                ui.label(tr!("receive-new-case"));
                if ui.button(tr!("receive-import-new")).clicked() {
                    decision = Some(Decision::NewCase);
                }
            }
            Arrival::Existing { differences, ours } => {
                let same_case = ours.id == preview.received.case().id;
                if !same_case {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        tr!("bundle-other-case-same-number"),
                    );
                } else if differences.is_empty() {
                    ui.label(tr!("receive-same"));
                } else {
                    ui.label(tr!(
                        "receive-differences",
                        count = crate::i18n::num(differences.len())
                    ));
                    differences_table(ui, differences, &mut preview.take);
                }
                ui.horizontal(|ui| {
                    let merge = ui.add_enabled(same_case, egui::Button::new(tr!("receive-merge")));
                    if merge.clicked() {
                        decision = Some(Decision::Merge(preview.take.clone()));
                    }
                    if ui.button(tr!("receive-separate")).clicked() {
                        decision = Some(Decision::AsSeparateCase);
                    }
                });
            }
        }
        let cancelled = ui.button(tr!("receive-cancel-preview")).clicked();
        if cancelled {
            // Dropping the preview wipes the received files.
            self.step = Step::Idle;
            self.message = None;
        } else if let Some(decision) = decision {
            self.start_storing(decision, session, decoder, ui.ctx());
        }
    }

    fn start_storing(
        &mut self,
        decision: Decision,
        session: &Session,
        decoder: &Decoder,
        ctx: &egui::Context,
    ) {
        let Step::Preview(preview) = std::mem::take(&mut self.step) else {
            return;
        };
        let Preview {
            received, arrival, ..
        } = *preview;
        let ours = match arrival {
            Arrival::NewCase => None,
            Arrival::Existing { ours, .. } => Some(*ours),
        };
        // The case may have been edited here since the differences were shown: never merge
        // into that older copy; show the differences again instead.
        let current = match existing_case(&session.vault, received.case()) {
            Ok(current) => current,
            Err(err) => {
                self.message = Some((err.to_string(), true));
                return;
            }
        };
        if current != ours {
            match plan(&session.vault, &received, &Translated) {
                Ok(arrival) => {
                    self.step = Step::Preview(Box::new(Preview {
                        received,
                        arrival,
                        take: BTreeSet::new(),
                    }));
                    self.message = Some((tr!("receive-changed-since-preview"), true));
                }
                Err(err) => self.message = Some((err.to_string(), true)),
            }
            return;
        }
        let numbers = session.rows.iter().map(|row| row.summary.number.as_str());
        let case = match target_case(&received, ours.as_ref(), &decision, numbers) {
            Ok(case) => case,
            Err(err) => {
                self.message = Some((err.to_string(), true));
                return;
            }
        };
        let reuse = match decision {
            Decision::Merge(_) => ours,
            Decision::NewCase | Decision::AsSeparateCase => None,
        };
        let (store, decoder, stamp) =
            (session.vault.blob_store(), decoder.clone(), session.stamp());
        match Background::spawn("casevault-receive-store", ctx, move || {
            let mut case = case;
            store_files(
                &store,
                &decoder,
                &received,
                reuse.as_ref(),
                &mut case,
                &stamp,
            )?;
            Ok(case)
        }) {
            Ok(job) => self.step = Step::Storing(job),
            Err(_) => self.message = Some((tr!("scans-thread-failed"), true)),
        }
    }
}

fn busy_line(ui: &mut Ui, text: &str) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(text);
    });
}

/// What arrived: number, names, files, the dossier's hash, who sent it and when.
fn summary(ui: &mut Ui, received: &ReceivedBundle) {
    let case = received.case();
    let file = &received.case_file;
    let names: Vec<&str> = case
        .people
        .iter()
        .filter_map(|p| p.display_name())
        .collect();
    egui::Grid::new("receive-summary")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (label, value) in [
                (tr!("receive-case-number"), case.number.clone()),
                (tr!("receive-people"), names.join(" · ")),
                (tr!("receive-files"), received.files.len().to_string()),
                (tr!("receive-dossier-hash"), received.dossier_sha256.clone()),
                (
                    tr!("receive-from"),
                    tr!(
                        "receive-from-value",
                        by = file.exported_by.clone(),
                        at = file.exported_at.clone()
                    ),
                ),
            ] {
                ui.label(label);
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
}

/// The differences side by side, with a "take theirs" box per row.
fn differences_table(ui: &mut Ui, differences: &[Difference], take: &mut BTreeSet<String>) {
    let empty = tr!("receive-empty-value");
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            // Three text columns sharing the width; wrapping labels would shrink to nothing.
            let text_column = ((ui.available_width() - 160.0) / 3.0).max(120.0);
            egui::Grid::new("receive-differences")
                .num_columns(4)
                .min_col_width(text_column)
                .max_col_width(text_column)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.strong(tr!("receive-column-where"));
                    ui.strong(tr!("receive-column-ours"));
                    ui.strong(tr!("receive-column-theirs"));
                    ui.strong(tr!("receive-column-take"));
                    ui.end_row();
                    for difference in differences {
                        ui.add(egui::Label::new(difference.path.join(" › ")).wrap());
                        ui.add(
                            egui::Label::new(difference.ours.as_deref().unwrap_or(&empty)).wrap(),
                        );
                        ui.add(
                            egui::Label::new(difference.theirs.as_deref().unwrap_or(&empty)).wrap(),
                        );
                        let mut chosen = take.contains(&difference.key);
                        if ui
                            .checkbox(&mut chosen, tr!("receive-take-theirs"))
                            .changed()
                        {
                            if chosen {
                                take.insert(difference.key.clone());
                            } else {
                                take.remove(&difference.key);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Document, DocumentFile, Event, FileRole, FlexiDate, Identifier, OriginalSeen, Person,
        PersonName, ProofOverride, Referral, ReferralResponse, Relationship,
    };

    /// A case with one of everything, so that every field appears in its JSON.
    fn full_case() -> Case {
        let mut person = Person {
            roles: vec![Role::MissingPerson],
            names: vec![PersonName {
                script: Script::Arabic,
                text: "ئايگۈل".into(),
                kind: NameKind::Legal,
                source: None,
            }],
            identifiers: vec![Identifier {
                kind: IdentifierKind::Passport,
                value: "E1".into(),
                issuer: String::new(),
            }],
            ..Person::default()
        };
        person.sex = Some(Sex::Female);
        let mut relationship = Relationship::new(person.id, person.id, RelationKind::Parent);
        relationship.proof_override = Some(ProofOverride {
            status: ProofStatus::Proven,
            reason: "r".into(),
            by: "b".into(),
            on: "o".into(),
        });
        let document = Document {
            original_seen: Some(OriginalSeen {
                by: "b".into(),
                on: "o".into(),
            }),
            files: vec![DocumentFile {
                blob: "b".into(),
                sha256: "s".into(),
                size: 1,
                media_type: "m".into(),
                original_name: "n".into(),
                role: FileRole::Original,
                parent: None,
                pages: 1,
                thumbnail: None,
                imported_on: "o".into(),
                imported_by: "b".into(),
            }],
            ..Document::default()
        };
        let event = Event {
            id: crate::model::EventId::new_random(),
            kind: EventKind::Detention,
            date: FlexiDate::Unknown,
            place: String::new(),
            person: None,
            source: String::new(),
            description: String::new(),
        };
        let referral = Referral {
            id: crate::model::ReferralId::new_random(),
            addressee: Addressee::Ombudsman,
            addressee_details: String::new(),
            sent_on: FlexiDate::Unknown,
            letter_number: String::new(),
            export_id: String::new(),
            response: Some(ReferralResponse {
                date: FlexiDate::Unknown,
                kind: ResponseKind::Refused,
                summary: String::new(),
                document: None,
            }),
            follow_up_due: None,
        };
        let mut case = Case::default();
        case.set_status(CaseStatus::Referred, "b", "o", "r");
        case.people.push(person);
        case.relationships.push(relationship);
        case.documents.push(document);
        case.events.push(event);
        case.referrals.push(referral);
        case
    }

    fn field_names(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    if key.starts_with(|c: char| c.is_ascii_lowercase()) {
                        out.insert(key.clone());
                    }
                    field_names(inner, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| field_names(i, out)),
            _ => {}
        }
    }

    #[test]
    fn every_field_of_a_case_has_a_translated_name() {
        let mut names = BTreeSet::new();
        field_names(
            &serde_json::to_value(full_case()).expect("serialises"),
            &mut names,
        );
        assert!(names.len() > 60, "{names:?}");
        let missing: Vec<&String> = names
            .iter()
            .filter(|name| !crate::i18n::LANGUAGE_LOADER.has(&field_message_id(name)))
            .collect();
        assert!(missing.is_empty(), "no message for {missing:?}");
    }

    #[test]
    fn differences_are_shown_in_the_users_words() {
        let ours = full_case();
        let mut theirs = ours.clone();
        theirs.documents[0].kind = DocumentKind::Passport;
        theirs.people[0].identifiers[0].kind = IdentifierKind::KazakhIin;
        theirs.relationships[0].kind = RelationKind::Spouse;
        let differences = crate::model::diff(&ours, &theirs, &Translated);
        let shown: Vec<(String, Option<String>)> = differences
            .iter()
            .map(|d| (d.path.join(" › "), d.theirs.clone()))
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].0.starts_with(&tr!("diff-field-people")),
            "{shown:?}"
        );
        assert!(
            shown[0]
                .1
                .as_deref()
                .is_some_and(|v| v.contains(&IdentifierKind::KazakhIin.label())),
            "{shown:?}"
        );
        assert_eq!(
            shown[1].1.as_deref(),
            Some(RelationKind::Spouse.label().as_str())
        );
        assert_eq!(shown[2].1, Some(DocumentKind::Passport.label()));
    }
}
