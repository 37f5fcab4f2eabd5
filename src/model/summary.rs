//! `CaseSummary`: the few fields of a case the case list and search need right after unlock,
//! stored (encrypted) in the vault's journal and checkpoints beside each case record.

use serde::{Deserialize, Serialize};

use super::case::Case;
use super::flexi_date::Day;
use super::person::Role;
use super::readiness;

/// The vault record kind of a case.
pub const CASE_KIND: &str = "case";

/// What the case list shows and searches without decrypting whole cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseSummary {
    /// The case number, `PREFIX-YEAR-NNNN`.
    pub number: String,
    /// The status, as its stable key (e.g. `gathering_documents`).
    pub status: String,
    /// Names of the people in the case, in every script they were recorded in.
    pub names: Vec<String>,
    /// Identity-document numbers (PRC resident ID, IIN, passport), for search.
    pub id_numbers: Vec<String>,
    /// The missing person's first name as shown in the list.
    pub missing_person: String,
    /// The applicant's first name as shown in the list.
    pub applicant: String,
    /// How many of the readiness rules are met, and of how many.
    pub readiness_met: u8,
    pub readiness_total: u8,
    /// The earliest follow-up date of a referral without response, if any.
    pub follow_up_due: Option<Day>,
    /// RFC 3339 time the case was opened.
    pub opened_at: String,
}

impl CaseSummary {
    /// The summary of a case.
    pub fn of(case: &Case) -> Self {
        let readiness = readiness::assess(case);
        let first_name = |role| {
            case.people_with(role)
                .find_map(|p| p.display_name())
                .unwrap_or_default()
                .to_string()
        };
        Self {
            number: case.number.clone(),
            status: case.status.key().to_string(),
            names: case
                .people
                .iter()
                .flat_map(|p| p.names.iter().map(|n| n.text.clone()))
                .filter(|n| !n.trim().is_empty())
                .collect(),
            id_numbers: case
                .people
                .iter()
                .flat_map(|p| p.identifiers.iter().map(|i| i.value.clone()))
                .filter(|v| !v.trim().is_empty())
                .collect(),
            missing_person: first_name(Role::MissingPerson),
            applicant: first_name(Role::Applicant),
            readiness_met: readiness.checks.iter().filter(|c| c.met).count() as u8,
            readiness_total: readiness.checks.len() as u8,
            follow_up_due: case
                .referrals
                .iter()
                .filter(|r| r.response.is_none())
                .filter_map(|r| r.follow_up_due)
                .min(),
            opened_at: case.opened_at.clone(),
        }
    }

    /// The form stored in the vault index.
    pub fn to_stored(&self) -> String {
        ron::to_string(self).expect("a case summary always serializes")
    }

    /// Parses a stored summary; `None` if it is missing or unreadable.
    pub fn from_stored(text: Option<&str>) -> Option<Self> {
        ron::from_str(text?).ok()
    }

    /// True when a follow-up is overdue on `today`.
    pub fn follow_up_overdue(&self, today: Day) -> bool {
        self.follow_up_due.is_some_and(|due| due < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_round_trips_names_in_every_script() {
        let summary = CaseSummary {
            number: "KZB-2026-0007".into(),
            status: "intake".into(),
            names: vec![
                "Айгүл Серікқызы".into(),
                "艾古丽".into(),
                "ئايگۈل".into(),
                "Aigul".into(),
            ],
            id_numbers: vec!["650102198001011234".into()],
            ..CaseSummary::default()
        };
        let stored = summary.to_stored();
        assert_eq!(CaseSummary::from_stored(Some(&stored)), Some(summary));
        assert_eq!(CaseSummary::from_stored(Some("not ron (")), None);
        assert_eq!(CaseSummary::from_stored(None), None);
    }
}
