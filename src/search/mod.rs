//! Search over case summaries: what the case list's search box and `casevault list --search`
//! match against. For now case-insensitive matching of every query word against case numbers,
//! names (in every script recorded) and identity numbers; transliteration across scripts
//! (Cyrillic ↔ Latin ↔ Arabic script, Chinese ↔ pinyin) is the languages issue's to add here.

use crate::model::{CaseSummary, normalise_id};

/// Folds text for comparison: lower case, one space between words.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A parsed query: its words, each of which must match somewhere in the case.
#[derive(Debug, Clone, Default)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self {
            words: fold(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word of the query is found in the case's number, a name or an ID number.
    pub fn matches(&self, summary: &CaseSummary) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let names: Vec<String> = summary.names.iter().map(|n| fold(n)).collect();
        let ids: Vec<String> = summary
            .id_numbers
            .iter()
            .map(|i| normalise_id(i).to_lowercase())
            .collect();
        let number = summary.number.to_lowercase();
        self.words.iter().all(|word| {
            number.contains(word.as_str())
                || names.iter().any(|n| n.contains(word.as_str()))
                || ids
                    .iter()
                    .any(|i| i.contains(&normalise_id(word).to_lowercase()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> CaseSummary {
        CaseSummary {
            number: "KZB-2026-0042".into(),
            names: vec![
                "Нұрлан Сейітұлы".into(),
                "努尔兰·赛依提".into(),
                "نۇرلان سېيىت".into(),
                "SEIITULY NURLAN".into(),
            ],
            id_numbers: vec!["65410019800101123X".into()],
            ..CaseSummary::default()
        }
    }

    #[test]
    fn words_match_names_numbers_and_ids_in_any_case() {
        let s = summary();
        for query in [
            "",
            "нұрлан",
            "НҰРЛАН сейітұлы",
            "努尔兰",
            "نۇرلان",
            "nurlan seiituly",
            "0042",
            "kzb-2026",
            "6541 0019 8001 0112 3x",
        ] {
            assert!(Query::new(query).matches(&s), "{query}");
        }
        for query in ["Айгерім", "нұрлан айгерім", "0043", "999"] {
            assert!(!Query::new(query).matches(&s), "{query}");
        }
    }
}
