//! The dossier PDF (DESIGN.md §5): cover, summary, relationships with their evidence, timeline,
//! exhibit index, every exhibit's pages, and an appendix with the SHA-256 of every file and the
//! custody log; in the order `exhibits::parts` plans. Everything is laid out first (so every
//! footer can say "Page N of M"), then drawn with krilla; the originals are read and decoded
//! beforehand, several exhibits at a time.
//!
//! - `fonts`: the bundled fonts, and nothing else; `text`: parley layout drawn as krilla glyphs;
//! - `flow`: pages, rows, page breaks; `sections`: headings, fields, tables;
//! - `summary`, `relations`, `exhibit`, `appendix`: the parts; `scans`: the originals as pages;
//! - `labels`: how values are written; `draw`: the PDF itself.

mod appendix;
mod draw;
mod exhibit;
mod flow;
pub mod fonts;
mod labels;
mod relations;
mod scans;
mod sections;
mod summary;
mod text;

use std::sync::atomic::{AtomicBool, Ordering};

use i18n_embed::LanguageLoader;

use self::scans::Prepared;
use self::sections::Writer;
use self::text::Typesetter;
use crate::export::choice::ExportChoice;
use crate::export::exhibits::{Exhibit, Part, exhibits, parts};
use crate::export::originals::{ExportError, Originals};
use crate::export::parallel::in_order;
use crate::media::worker::Decoder;
use crate::model::Case;
use crate::tr;

/// What the dossier is made of.
pub struct DossierInput<'a> {
    /// Already redacted by `ExportChoice::redact`.
    pub case: &'a Case,
    /// Bureau, addressee, request text, which sensitive fields went in.
    pub choice: &'a ExportChoice,
    /// Custody lines left out with excluded documents (the appendix says so).
    pub left_out_custody: usize,
    /// RFC 3339.
    pub exported_at: &'a str,
    pub exported_by: &'a str,
}

/// The written dossier.
pub struct Dossier {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// SHA-256 of originals that could not be merged as pages (listed with their hash instead).
    pub not_merged: Vec<String>,
}

/// Writes the dossier. `progress(done, total)` is called as exhibits are placed; returning
/// false cancels (`ExportError::Cancelled`).
pub fn write_dossier(
    input: &DossierInput,
    originals: &dyn Originals,
    decoder: &Decoder,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<Dossier, ExportError> {
    let case = input.case;
    let exhibits = exhibits(case);
    let prepared = prepare_all(case, &exhibits, originals, decoder, progress)?;
    let not_merged = prepared
        .iter()
        .flat_map(|p| p.not_merged.iter().cloned())
        .collect();
    let mut typesetter = Typesetter::new();
    let (pages, marks) = {
        let mut writer = Writer::new(&mut typesetter);
        for part in parts(&exhibits) {
            match part {
                Part::Cover => summary::cover(&mut writer, input),
                Part::Summary => summary::summary(&mut writer, input, &exhibits),
                Part::Relationships => {
                    relations::relationships(&mut writer, case, &exhibits, &prepared)
                }
                Part::Timeline => relations::timeline(&mut writer, case),
                Part::ExhibitIndex => index(&mut writer, case, &exhibits, &prepared),
                Part::Exhibit { number, .. } => {
                    let found = exhibits
                        .iter()
                        .zip(&prepared)
                        .find(|(e, _)| e.number == number);
                    if let Some((exhibit, sheets)) = found {
                        exhibit::pages(&mut writer, case, exhibit, sheets);
                    }
                }
                Part::Appendix => {
                    appendix::appendix(&mut writer, case, &exhibits, input.left_out_custody);
                }
            }
        }
        (writer.flow.into_pages(), writer.marks)
    };
    let info = draw::Info {
        case_number: &case.number,
        title: tr!("dossier-pdf-title", number = case.number.clone()),
        language: crate::i18n::LANGUAGE_LOADER.current_language().to_string(),
        author: input.exported_by,
        created: input.exported_at,
    };
    let pdf = draw::write(&pages, &marks, &mut typesetter, &info)?;
    Ok(Dossier {
        pdf,
        pages: pages.len(),
        not_merged,
    })
}

/// The exhibit index, with the page each exhibit starts on: the index is laid out once aside to
/// learn how many pages it takes (its rows do not change height with the numbers in them).
fn index(writer: &mut Writer, case: &Case, exhibits: &[Exhibit], prepared: &[Prepared]) {
    let sizes: Vec<usize> = prepared.iter().map(|p| p.sheets.len()).collect();
    let before = writer.flow.page_count();
    let starts = |index_pages: usize| -> Vec<usize> {
        let mut next = before + index_pages + 1;
        sizes
            .iter()
            .map(|size| {
                let start = next;
                next += size;
                start
            })
            .collect()
    };
    let mut guess = 1;
    for _ in 0..3 {
        let mut aside = Writer::new(writer.typesetter);
        exhibit::index(&mut aside, case, exhibits, &sizes, &starts(guess));
        let taken = aside.flow.page_count();
        if taken == guess {
            break;
        }
        guess = taken;
    }
    exhibit::index(writer, case, exhibits, &sizes, &starts(guess));
}

/// Exhibits read and decoded at the same time.
const PARALLEL: usize = 2;

/// Reads and decodes every exhibit's originals, a few exhibits at a time (each image decode is
/// its own worker process), in exhibit order.
fn prepare_all(
    case: &Case,
    exhibits: &[Exhibit],
    originals: &dyn Originals,
    decoder: &Decoder,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<Vec<Prepared>, ExportError> {
    let total = exhibits.len();
    if !progress(0, total) {
        return Err(ExportError::Cancelled);
    }
    // Two at a time, as the import runs them: a lossless page can take hundreds of megabytes.
    let cancelled = AtomicBool::new(false);
    let results = in_order(
        exhibits,
        PARALLEL,
        |exhibit| match case.document(exhibit.document) {
            Some(document) => scans::prepare(document, exhibit, originals, decoder),
            None => Ok(Prepared {
                sheets: Vec::new(),
                in_bundle_only: Vec::new(),
                not_merged: Vec::new(),
            }),
        },
        |finished| {
            let go_on = progress(finished, total);
            if !go_on {
                cancelled.store(true, Ordering::SeqCst);
            }
            go_on
        },
    );
    let mut prepared = Vec::with_capacity(total);
    for result in results {
        prepared.push(result?);
    }
    if cancelled.load(Ordering::SeqCst) || prepared.len() < total {
        return Err(ExportError::Cancelled);
    }
    Ok(prepared)
}
