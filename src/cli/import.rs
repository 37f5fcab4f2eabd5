//! `casevault import DIR --case NUMBER FILE...`: files from a scanner folder or a script into a
//! case, through the same import as the window (size cap, real format, decode worker,
//! thumbnails, custody log). Folders among FILE are read one level deep, in name order.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use crate::media::{Decoder, Destination, ImportOptions, Stamp, attach, import_batch};
use crate::model::{Case, case_write};
use crate::tr;
use crate::ui::session::{Settings, now_text};
use crate::vault::Vault;

/// What `import` was asked to do.
pub struct ImportRequest<'a> {
    pub case_number: &'a str,
    pub document_title: Option<&'a str>,
    pub files: &'a [PathBuf],
}

/// Imports the files into the case; exits 1 if any file was refused (the others are kept).
pub fn run(vault: &mut Vault, request: &ImportRequest<'_>) -> Result<ExitCode, String> {
    let (_, mut case) = super::case_by_number(vault, request.case_number)?;
    let destination = match request.document_title {
        None => Destination::NewDocuments,
        Some(title) => Destination::Document(document_titled(&mut case, title)),
    };
    let paths = expand_folders(request.files);
    let decoder = Decoder::this_program().map_err(|e| e.to_string())?;
    let stamp = Stamp {
        by: Settings::load(vault).actor(tr!("cli-import-actor")),
        at: now_text(),
    };
    let total = paths.len();
    let outcomes = Mutex::new(Vec::new());
    import_batch(
        &vault.blob_store(),
        &decoder,
        &paths,
        &ImportOptions::default(),
        &stamp,
        &AtomicBool::new(false),
        &|index, outcome| {
            if let Some(message) = outcome.message() {
                println!("{message}");
            }
            let mut outcomes = outcomes.lock().unwrap_or_else(|e| e.into_inner());
            outcomes.push((index, outcome));
        },
    );
    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    outcomes.sort_by_key(|(index, _)| *index);
    let mut imported = 0;
    for (_, outcome) in outcomes {
        if let Ok(file) = outcome.result {
            attach(&mut case, destination, file);
            imported += 1;
        }
    }
    if imported > 0 {
        vault
            .put_record(case_write(&case))
            .map_err(|e| e.to_string())?;
    }
    println!(
        "{}",
        tr!(
            "cli-import-done",
            imported = crate::i18n::num(imported),
            total = crate::i18n::num(total),
            number = case.number.clone()
        )
    );
    Ok(if imported == total {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The document with this title, created if the case has none.
fn document_titled(case: &mut Case, title: &str) -> crate::model::DocumentId {
    match case.documents.iter().find(|d| d.title == title) {
        Some(document) => document.id,
        None => case.add_document_titled(title),
    }
}

/// Files as given, with each folder replaced by the files in it (sorted, hidden ones skipped).
/// An unreadable folder stays in the list, so the import reports it.
fn expand_folders(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        match folder_files(path) {
            Some(files) => out.extend(files),
            None => out.push(path.clone()),
        }
    }
    out
}

fn folder_files(path: &Path) -> Option<Vec<PathBuf>> {
    if !path.is_dir() {
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Some(files)
}
