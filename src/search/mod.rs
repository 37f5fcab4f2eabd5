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

/// The text a case is searched in: its number, names and ID numbers, folded, one per line.
/// Computed once per case (when the list is built or the case saved), not per keystroke.
pub fn haystack(summary: &CaseSummary) -> String {
    let mut text = summary.number.to_lowercase();
    for name in &summary.names {
        text.push('\n');
        text.push_str(&fold(name));
    }
    for id in &summary.id_numbers {
        text.push('\n');
        text.push_str(&normalise_id(id).to_lowercase());
    }
    text
}

/// A parsed query: its words, each of which must match somewhere in the case.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Each word, and the same word as an ID number would be written (no spaces or dashes).
    words: Vec<(String, String)>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self {
            words: fold(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| (w.to_string(), normalise_id(w).to_lowercase()))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word of the query is found in a case's `haystack`.
    pub fn matches_text(&self, haystack: &str) -> bool {
        self.words.iter().all(|(word, as_id)| {
            haystack.contains(word.as_str()) || haystack.contains(as_id.as_str())
        })
    }

    /// True when every word of the query is found in the case's number, a name or an ID number.
    pub fn matches(&self, summary: &CaseSummary) -> bool {
        self.is_empty() || self.matches_text(&haystack(summary))
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
