//! `CaseSummary`: the few fields of a case the case list and search need right after unlock,
//! stored (encrypted) in the vault's journal and checkpoints beside each case record.

use serde::{Deserialize, Serialize};

/// The vault record kind of a case.
pub const CASE_KIND: &str = "case";

/// What the case list shows and searches without decrypting whole cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseSummary {
    /// The case number, `PREFIX-YEAR-NNNN`.
    pub number: String,
    /// The status, as its stable identifier (e.g. `gathering_documents`).
    pub status: String,
    /// Names of the people in the case, in every script they were recorded in.
    pub names: Vec<String>,
    /// Identity-document numbers (PRC resident ID, IIN, passport), for search.
    pub id_numbers: Vec<String>,
}

impl CaseSummary {
    /// The form stored in the vault index.
    pub fn to_stored(&self) -> String {
        ron::to_string(self).expect("a case summary always serializes")
    }

    /// Parses a stored summary; `None` if it is missing or unreadable.
    pub fn from_stored(text: Option<&str>) -> Option<Self> {
        ron::from_str(text?).ok()
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
        };
        let stored = summary.to_stored();
        assert_eq!(CaseSummary::from_stored(Some(&stored)), Some(summary));
        assert_eq!(CaseSummary::from_stored(Some("not ron (")), None);
        assert_eq!(CaseSummary::from_stored(None), None);
    }
}
