//! How the dossier writes the case's values: enum values by their translated labels (the same
//! messages the window uses), dates, places, people, documents and files.

pub use crate::i18n::labels::Labelled;
use crate::model::{Case, Document, DocumentFile, FileRole, FlexiDate, PersonId, Place};
use crate::tr;

/// A date as precise as known; ranges with a dash, "unknown" when nothing is known.
pub fn date(date: &FlexiDate) -> String {
    match date {
        FlexiDate::Unknown => tr!("dossier-unknown"),
        FlexiDate::Approximate(year) => tr!("dossier-about-year", year = year.to_string()),
        FlexiDate::Range { from, to } => format!("{from} – {to}"),
        other => other.to_string(),
    }
}

/// The date part of an RFC 3339 time (`2026-11-27T10:00:00Z` → `2026-11-27`).
pub fn day_of(time: &str) -> &str {
    time.get(..10).unwrap_or(time)
}

/// A place on one line, `None` when nothing is known.
pub fn place(place: &Place) -> Option<String> {
    (!place.is_empty()).then(|| place.one_line())
}

/// The name a person is shown by in lists (their first legal name).
pub fn person(case: &Case, id: PersonId) -> String {
    case.person(id)
        .and_then(|p| p.display_name())
        .map_or_else(|| tr!("dossier-unnamed"), str::to_string)
}

/// A document's title, or its kind when it has none.
pub fn document_title(document: &Document) -> String {
    if document.title.trim().is_empty() {
        document.kind.label()
    } else {
        document.title.clone()
    }
}

/// What a file is to its document.
pub fn file_role(role: FileRole) -> String {
    match role {
        FileRole::Original => tr!("dossier-file-original"),
        FileRole::WorkingCopy => tr!("dossier-file-working-copy"),
        FileRole::Derived => tr!("dossier-file-derived"),
    }
}

/// "name (type, size)".
pub fn file(file: &DocumentFile) -> String {
    tr!(
        "dossier-file",
        name = file.original_name.clone(),
        kind = file.media_type.clone(),
        size = crate::i18n::size_text(file.size)
    )
}

/// Text with its value, skipping blanks: `None` when `value` is empty.
pub fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Day;

    #[test]
    fn dates_read_naturally() {
        assert_eq!(day_of("2026-11-27T10:00:00Z"), "2026-11-27");
        assert_eq!(day_of("2026"), "2026");
        let range = FlexiDate::Range {
            from: Day::new(1979, 12, 1).expect("day"),
            to: Day::new(1980, 2, 29).expect("day"),
        };
        assert_eq!(date(&range), "1979-12-01 – 1980-02-29");
        assert_eq!(date(&FlexiDate::Year(1980)), "1980");
        assert!(date(&FlexiDate::Approximate(1975)).contains("1975"));
    }
}
