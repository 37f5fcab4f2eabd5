//! The appendix: the SHA-256 of every file of the case (original name, type, size, role) and the
//! custody log line by line, saying whether its chain holds and how many lines about left-out
//! documents are not shown.

use super::labels::{self, Labelled};
use super::sections::{BODY, HEADING, LABEL, SMALL, Writer};
use super::text::Ink;
use crate::export::exhibits::{Exhibit, exhibit_of};
use crate::model::Case;
use crate::tr;

/// The appendix.
pub fn appendix(w: &mut Writer, case: &Case, exhibits: &[Exhibit], left_out_custody: usize) {
    w.section(&tr!("dossier-appendix"));
    w.heading(&tr!("dossier-manifest"), HEADING);
    let mut any = false;
    for document in &case.documents {
        let exhibit = exhibit_of(exhibits, document.id)
            .map(|e| tr!("dossier-exhibit", number = e.number.to_string()))
            .unwrap_or_default();
        for file in &document.files {
            any = true;
            let rest = format!(
                " · {} · {}",
                labels::file(file),
                labels::file_role(file.role)
            );
            w.flow.keep(30.0);
            w.spans(&[(exhibit.as_str(), true), (rest.as_str(), false)], BODY);
            w.paragraph(&file.sha256, SMALL);
        }
    }
    if !any {
        w.paragraph(&tr!("dossier-no-files"), BODY.ink(Ink::Grey));
    }

    w.heading(&tr!("dossier-custody"), HEADING);
    let entries = case.custody.entries();
    if left_out_custody > 0 {
        let text = tr!(
            "dossier-custody-left-out",
            count = crate::i18n::num(left_out_custody)
        );
        w.paragraph(&text, BODY);
    } else if let Some(line) = case.custody.first_break() {
        let text = tr!("dossier-custody-break", line = (line + 1).to_string());
        w.paragraph(&text, BODY.ink(Ink::Red));
    } else if !entries.is_empty() {
        w.paragraph(&tr!("dossier-custody-intact"), BODY);
    }
    if entries.is_empty() {
        w.paragraph(&tr!("dossier-no-custody"), BODY.ink(Ink::Grey));
    }
    for (n, entry) in entries.iter().enumerate() {
        let number = format!("{}. ", n + 1);
        let what = format!("{} · {} · {}", entry.at, entry.actor, entry.action.label());
        w.flow.keep(40.0);
        w.spans(&[(number.as_str(), true), (what.as_str(), false)], BODY);
        if let Some(details) = labels::non_empty(&entry.details) {
            w.paragraph(&details, LABEL);
        }
        w.paragraph(&entry.sha256, SMALL);
    }
}
