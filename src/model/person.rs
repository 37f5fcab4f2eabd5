//! People in a case: their roles, their names in every script and form they appear in, identity
//! numbers (validated), places, last contact and what is known of their fate.

use serde::{Deserialize, Serialize};

use super::flexi_date::FlexiDate;
use super::id_numbers::{self, IdFacts, IdProblem, Sex};
use super::ids::{DocumentId, PersonId};

/// Why a person is in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    MissingPerson,
    Applicant,
    Relative,
    Witness,
}

/// The writing system a name is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Script {
    /// Kazakh (or Russian) Cyrillic.
    Cyrillic,
    /// Kazakh or Uyghur Arabic script, as used in Xinjiang.
    Arabic,
    /// Chinese characters.
    Chinese,
    /// Hanyu pinyin.
    Pinyin,
    /// Latin as in a passport (machine-readable zone or data page).
    PassportLatin,
    /// The 2021 Kazakh Latin alphabet, or other Latin.
    Latin,
}

/// What kind of name it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameKind {
    Legal,
    Former,
    Alias,
    /// Exactly as written on a document (with its spelling mistakes).
    AsWritten,
}

/// One written form of a person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    pub script: Script,
    pub text: String,
    pub kind: NameKind,
    /// The document the name was read from, if any.
    #[serde(default)]
    pub source: Option<DocumentId>,
}

/// Kinds of identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdentifierKind {
    /// PRC 18-digit resident identity number.
    PrcResidentId,
    /// Kazakh 12-digit IIN.
    KazakhIin,
    Passport,
    Hukou,
    KandasCertificate,
    Other,
}

/// An identity number as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: IdentifierKind,
    pub value: String,
    /// Issuing country or authority, free text.
    #[serde(default)]
    pub issuer: String,
}

impl Identifier {
    /// The check of numbers that carry a checksum: facts when valid, the problem otherwise;
    /// `None` for kinds without a checksum.
    pub fn validation(&self) -> Option<Result<IdFacts, IdProblem>> {
        match self.kind {
            IdentifierKind::PrcResidentId => Some(id_numbers::validate_prc_id(&self.value)),
            IdentifierKind::KazakhIin => Some(id_numbers::validate_iin(&self.value)),
            _ => None,
        }
    }
}

/// A place as precise as known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    pub country: String,
    pub prefecture: String,
    pub county: String,
    pub township: String,
    pub village: String,
    pub details: String,
}

impl Place {
    /// True when nothing is filled in.
    pub fn is_empty(&self) -> bool {
        [
            &self.country,
            &self.prefecture,
            &self.county,
            &self.township,
            &self.village,
            &self.details,
        ]
        .iter()
        .all(|part| part.trim().is_empty())
    }

    /// The filled parts, from the largest to the smallest, joined by commas.
    pub fn one_line(&self) -> String {
        [
            &self.village,
            &self.township,
            &self.county,
            &self.prefecture,
            &self.country,
            &self.details,
        ]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The last contact with the missing person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LastContact {
    pub date: FlexiDate,
    /// Phone, WeChat, letter, in person…
    pub channel: String,
    /// Who had the contact.
    pub with_whom: String,
}

/// What is known of the person's situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Fate {
    #[default]
    Unknown,
    Detained,
    Camp,
    Prison,
    Sentenced,
    Released,
    MovementRestricted,
    Deceased,
}

/// One person of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub id: PersonId,
    pub roles: Vec<Role>,
    pub names: Vec<PersonName>,
    pub sex: Option<Sex>,
    pub birth_date: FlexiDate,
    pub birthplace: Place,
    pub last_residence: Place,
    pub ethnicity: String,
    /// Citizenships as written (PRC, KZ, KG, stateless…).
    pub citizenships: Vec<String>,
    pub identifiers: Vec<Identifier>,
    pub last_contact: LastContact,
    pub fate: Fate,
    pub fate_date: FlexiDate,
    pub fate_source: String,
    /// Alleged place of detention.
    pub detention_place: String,
    pub notes: String,
}

impl Default for Person {
    fn default() -> Self {
        Self {
            id: PersonId::new_random(),
            roles: Vec::new(),
            names: Vec::new(),
            sex: None,
            birth_date: FlexiDate::Unknown,
            birthplace: Place::default(),
            last_residence: Place::default(),
            ethnicity: String::new(),
            citizenships: Vec::new(),
            identifiers: Vec::new(),
            last_contact: LastContact::default(),
            fate: Fate::Unknown,
            fate_date: FlexiDate::Unknown,
            fate_source: String::new(),
            detention_place: String::new(),
            notes: String::new(),
        }
    }
}

impl Person {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The name to show first: the first legal name, else the first name of any kind.
    pub fn display_name(&self) -> Option<&str> {
        self.names
            .iter()
            .find(|n| n.kind == NameKind::Legal && !n.text.trim().is_empty())
            .or_else(|| self.names.iter().find(|n| !n.text.trim().is_empty()))
            .map(|n| n.text.as_str())
    }

    /// Valid PRC resident ID facts, if a valid one is recorded.
    pub fn valid_prc_id(&self) -> Option<IdFacts> {
        self.identifiers
            .iter()
            .filter(|i| i.kind == IdentifierKind::PrcResidentId)
            .find_map(|i| i.validation().and_then(Result::ok))
    }
}
