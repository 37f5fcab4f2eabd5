//! Putting a checked bundle into the vault. `plan` finds whether we already have the case (same
//! case id, or same number) and what differs; the lawyer decides; `target_case` builds the
//! case to save (theirs as a new case; ours with the chosen differences taken; or theirs beside
//! ours with a new id and a suffixed number); `store_files` stores the files we lack (with
//! thumbnails from the decode worker, as an import does) and notes each received file in the
//! custody log; the case record is written last in one save, so a failure leaves the vault's
//! cases as they were (files stored before it stay as unreferenced objects, which `verify`
//! counts and reports as harmless).

use std::collections::{BTreeMap, BTreeSet};

use super::ReceivedBundle;
use crate::export::ExportError;
use crate::export::parallel::in_order;
use crate::media::import::store_original;
use crate::media::{Decoder, ImportError, ImportOptions, Stamp};
use crate::model::{
    CASE_KIND, Case, CaseId, CaseSummary, CustodyAction, Describe, Difference, DocumentFile,
    case_write, diff, merge, record_id,
};
use crate::tr;
use crate::vault::{BlobStore, Vault};

/// What arriving means for this vault.
#[derive(Debug)]
pub enum Arrival {
    /// We have no case with this id or number.
    NewCase,
    /// We have it: ours, and how theirs differs (empty when they are the same).
    Existing {
        ours: Box<Case>,
        differences: Vec<Difference>,
    },
}

/// What the lawyer chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Store theirs as a new case (refused if we have it).
    NewCase,
    /// Keep ours, taking theirs for these differences (their keys); their custody lines we lack
    /// are appended. An empty set changes nothing but records the receipt.
    Merge(BTreeSet<String>),
    /// Store theirs beside ours: a new case id and the number with a suffix.
    AsSeparateCase,
}

/// A received file that is not what the case says it is.
fn file_mismatch() -> ExportError {
    ExportError::BundleDamaged(tr!("bundle-reason-file-mismatch"))
}

/// Our case with the same id as theirs, else with the same number.
pub fn existing_case(vault: &Vault, theirs: &Case) -> Result<Option<Case>, ExportError> {
    let by_id = record_id(theirs.id);
    let is_case = |kind: &str| kind == CASE_KIND;
    match vault.record_ref(&by_id) {
        Some(entry) if is_case(&entry.kind) => return Ok(Some(vault.get_record(&by_id)?)),
        // The id of something else (the settings record has a fixed id): never stored over it.
        Some(_) => {
            return Err(ExportError::BundleUnreadable(tr!("bundle-reason-id-taken")));
        }
        None => {}
    }
    let by_number = vault
        .records()
        .filter(|(_, entry)| is_case(&entry.kind))
        .find(|(_, entry)| {
            CaseSummary::from_stored(entry.summary.as_deref())
                .is_some_and(|s| !s.number.is_empty() && s.number == theirs.number)
        })
        .map(|(id, _)| *id);
    match by_number {
        Some(id) => Ok(Some(vault.get_record(&id)?)),
        None => Ok(None),
    }
}

/// Whether we have the case, and how theirs differs from ours.
pub fn plan(
    vault: &Vault,
    received: &ReceivedBundle,
    describe: &dyn Describe,
) -> Result<Arrival, ExportError> {
    Ok(match existing_case(vault, received.case())? {
        None => Arrival::NewCase,
        Some(ours) => Arrival::Existing {
            differences: diff(&ours, received.case(), describe),
            ours: Box::new(ours),
        },
    })
}

/// `number` with the first suffix `-R1`, `-R2`… that no case in `taken` uses.
pub fn separate_number<'a>(number: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let taken: BTreeSet<&str> = taken.into_iter().collect();
    (1u32..)
        .map(|n| format!("{number}-R{n}"))
        .find(|candidate| !taken.contains(candidate.as_str()))
        .unwrap_or_else(|| format!("{number}-R"))
}

/// The case to save for `decision`, its files still naming the sender's objects (see
/// `store_files`). `ours` is our version if we have one; `numbers` are the case numbers in use.
pub fn target_case<'a>(
    received: &ReceivedBundle,
    ours: Option<&Case>,
    decision: &Decision,
    numbers: impl IntoIterator<Item = &'a str>,
) -> Result<Case, ExportError> {
    let theirs = received.case();
    Ok(match (decision, ours) {
        (Decision::NewCase, Some(_)) => return Err(ExportError::BundleCaseExists),
        (Decision::NewCase | Decision::Merge(_), None) => theirs.clone(),
        // Case numbers are each vault's own sequence: the same number in two bureaus can be two
        // families. Only the same case is merged.
        (Decision::Merge(_), Some(ours)) if ours.id != theirs.id => {
            return Err(ExportError::BundleOtherCaseSameNumber);
        }
        (Decision::Merge(choices), Some(ours)) => merge(ours, theirs, choices),
        (Decision::AsSeparateCase, _) => Case {
            id: CaseId::new_random(),
            number: separate_number(&theirs.number, numbers),
            ..theirs.clone()
        },
    })
}

/// The custody details of a received file.
pub fn receipt_details(received: &ReceivedBundle) -> String {
    let file = &received.case_file;
    format!(
        "received in bundle {} (exported {} by {} from vault {})",
        received.bundle_sha256, file.exported_at, file.exported_by, file.vault_id
    )
}

/// This vault's copy of a file: its object and thumbnail, and the type and page count found
/// from its bytes (never the bundle's word for them: a hostile `pages` would be believed).
#[derive(Clone)]
struct StoredCopy {
    blob: String,
    thumbnail: Option<String>,
    media_type: String,
    pages: u32,
}

impl StoredCopy {
    fn of(file: &DocumentFile) -> Self {
        Self {
            blob: file.blob.clone(),
            thumbnail: file.thumbnail.clone(),
            media_type: file.media_type.clone(),
            pages: file.pages,
        }
    }
}

/// This vault's copies of the case's files, by SHA-256.
type Objects = BTreeMap<String, StoredCopy>;

/// Makes every file of `case` name an object of this vault: files `reuse` (our version of the
/// case) already has keep our objects; the others are stored from the bundle (two at a time, as
/// an import does), with a thumbnail when the decode worker can make one. Then notes each
/// received file the case has in its custody log.
pub fn store_files(
    store: &BlobStore,
    decoder: &Decoder,
    received: &ReceivedBundle,
    reuse: Option<&Case>,
    case: &mut Case,
    stamp: &Stamp,
) -> Result<(), ExportError> {
    let mut objects: Objects = reuse
        .into_iter()
        .flat_map(|ours| &ours.documents)
        .flat_map(|d| &d.files)
        .map(|f| (f.sha256.clone(), StoredCopy::of(f)))
        .collect();
    let mut wanted = BTreeSet::new();
    let missing: Vec<&DocumentFile> = case
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .filter(|f| !objects.contains_key(&f.sha256) && wanted.insert(f.sha256.as_str()))
        .collect();
    objects.extend(store_missing(store, decoder, received, &missing, stamp)?);
    for file in case.documents.iter_mut().flat_map(|d| &mut d.files) {
        let copy = objects.get(&file.sha256).ok_or_else(file_mismatch)?;
        file.blob = copy.blob.clone();
        file.thumbnail = copy.thumbnail.clone();
        file.media_type = copy.media_type.clone();
        file.pages = copy.pages;
    }
    let details = receipt_details(received);
    let mut noted = BTreeSet::new();
    let in_case: Vec<String> = case
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .map(|f| f.sha256.clone())
        .filter(|sha256| received.files.contains_key(sha256) && noted.insert(sha256.clone()))
        .collect();
    for sha256 in in_case {
        case.custody.append(
            &stamp.at,
            &stamp.by,
            CustodyAction::Imported,
            &sha256,
            &details,
        );
    }
    Ok(())
}

/// Stores `files` from the bundle, `ImportOptions::parallel` at a time; the first failure (in
/// the files' order) is the error.
fn store_missing(
    store: &BlobStore,
    decoder: &Decoder,
    received: &ReceivedBundle,
    files: &[&DocumentFile],
    stamp: &Stamp,
) -> Result<Objects, ExportError> {
    let options = ImportOptions::default();
    let results = in_order(
        files,
        options.parallel,
        |file| store_one(store, decoder, received, file, &options, stamp),
        |_| true,
    );
    let mut objects = Objects::new();
    for (file, result) in files.iter().zip(results) {
        objects.insert(file.sha256.clone(), result?);
    }
    Ok(objects)
}

/// Stores one file from the bundle with its thumbnail; its object and thumbnail.
fn store_one(
    store: &BlobStore,
    decoder: &Decoder,
    received: &ReceivedBundle,
    file: &DocumentFile,
    options: &ImportOptions,
    stamp: &Stamp,
) -> Result<StoredCopy, ExportError> {
    let changed = file_mismatch;
    let bytes = received.files.get(&file.sha256).ok_or_else(changed)?;
    let stored = store_original(
        store,
        decoder,
        bytes,
        file.original_name.clone(),
        file.role,
        file.parent.clone(),
        options,
        stamp,
    )
    .map_err(|err| match err {
        ImportError::Vault(err) => ExportError::Vault(err),
        _ => changed(),
    })?;
    if stored.file.sha256 != file.sha256 {
        return Err(changed());
    }
    Ok(StoredCopy::of(&stored.file))
}

/// Stores the received case as `decision` says and returns its id. Everything is checked
/// before the vault is touched; the case record is written last, in one save.
pub fn store(
    vault: &mut Vault,
    received: &ReceivedBundle,
    decision: &Decision,
    stamp: &Stamp,
    decoder: &Decoder,
) -> Result<CaseId, ExportError> {
    let ours = existing_case(vault, received.case())?;
    let numbers: Vec<String> = vault
        .records()
        .filter(|(_, entry)| entry.kind == CASE_KIND)
        .filter_map(|(_, entry)| CaseSummary::from_stored(entry.summary.as_deref()))
        .map(|s| s.number)
        .collect();
    let mut case = target_case(
        received,
        ours.as_ref(),
        decision,
        numbers.iter().map(String::as_str),
    )?;
    let reuse = match decision {
        Decision::Merge(_) => ours.as_ref(),
        Decision::NewCase | Decision::AsSeparateCase => None,
    };
    store_files(
        &vault.blob_store(),
        decoder,
        received,
        reuse,
        &mut case,
        stamp,
    )?;
    vault.put_records(std::iter::once(case_write(&case)))?;
    Ok(case.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_separate_case_gets_the_first_free_suffix() {
        assert_eq!(separate_number("KZB-2026-0007", []), "KZB-2026-0007-R1");
        assert_eq!(
            separate_number(
                "KZB-2026-0007",
                ["KZB-2026-0007", "KZB-2026-0007-R1", "KZB-2026-0007-R3"]
            ),
            "KZB-2026-0007-R2"
        );
    }
}
