//! One export from start to finish, the same for the window and the command line: apply the
//! lawyer's choice, write the dossier, then (for a bundle or a hand-off) stream the ZIP — straight
//! into the age encryptor for a hand-off, so no plaintext bundle ever touches the disk — into a
//! file written atomically; and say what left, with its hashes, for the custody log.

use std::path::{Path, PathBuf};

use super::bundle::{self, BundleMeta};
use super::choice::ExportChoice;
use super::dossier::{self, DossierInput};
use super::handoff::{self, HandoffTo};
use super::originals::{ExportError, Originals};
use super::output::write_file_atomically;
use crate::media::worker::Decoder;
use crate::model::{Case, Confidentiality, CustodyAction};

/// What to write.
pub enum ExportFormat {
    /// The dossier PDF alone.
    Pdf,
    /// The ZIP bundle: dossier, originals, SHA256SUMS, the case file.
    Zip,
    /// The bundle, age-encrypted.
    Handoff { to: HandoffTo, armor: bool },
}

impl ExportFormat {
    /// The word the custody log uses.
    pub fn custody_word(&self) -> &'static str {
        match self {
            ExportFormat::Pdf => "dossier PDF",
            ExportFormat::Zip => "ZIP bundle",
            ExportFormat::Handoff { .. } => "encrypted hand-off",
        }
    }
}

/// Who exports, when, from which vault.
pub struct ExportStamp<'a> {
    pub by: &'a str,
    /// RFC 3339.
    pub at: &'a str,
    pub vault_id: &'a str,
}

/// How far an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Exhibits placed in the dossier (done, total).
    Dossier(usize, usize),
    /// Bytes of the bundle written (done, total).
    Bundle(u64, u64),
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    /// What was written, in the custody log's words ("dossier PDF", "ZIP bundle"…).
    pub written: &'static str,
    pub path: PathBuf,
    /// SHA-256 (hex) of the file written.
    pub sha256: String,
    pub size: u64,
    pub pages: usize,
    /// SHA-256 of each file of the case that went out.
    pub files: Vec<String>,
    /// PDF originals that could not be merged as pages (listed with their hash instead).
    pub not_merged: Vec<String>,
    /// Documents left out by the lawyer's choice.
    pub left_out_documents: usize,
}

/// One export: the case, the lawyer's choice, the format, the file to write, who and when.
pub struct ExportRequest<'a> {
    pub case: &'a Case,
    pub choice: &'a ExportChoice,
    pub format: &'a ExportFormat,
    pub out: &'a Path,
    pub stamp: &'a ExportStamp<'a>,
}

/// Writes the request's case (as its choice leaves it) to its file.
pub fn export(
    request: &ExportRequest<'_>,
    originals: &dyn Originals,
    decoder: &Decoder,
    progress: &(dyn Fn(Stage) -> bool + Sync),
) -> Result<ExportReport, ExportError> {
    let ExportRequest {
        case,
        choice,
        format,
        out,
        stamp,
    } = *request;
    if case.confidentiality == Confidentiality::Restricted && !choice.restricted_released {
        return Err(ExportError::Restricted);
    }
    if let ExportFormat::Handoff { to, .. } = format {
        // Refuse a mistyped key or a weak passphrase before the long work, not after it.
        handoff::check_to(to)?;
    }
    let redacted = choice.redact(case);
    let dossier = dossier::write_dossier(
        &DossierInput {
            case: &redacted.case,
            choice,
            left_out_custody: redacted.left_out_custody,
            exported_at: stamp.at,
            exported_by: stamp.by,
        },
        originals,
        decoder,
        &|done, total| progress(Stage::Dossier(done, total)),
    )?;
    let meta = BundleMeta {
        exported_at: stamp.at,
        exported_by: stamp.by,
        vault_id: stamp.vault_id,
    };
    let write_zip = |sink: &mut dyn std::io::Write| -> Result<(), ExportError> {
        bundle::write_bundle(
            sink,
            &redacted.case,
            &dossier.pdf,
            originals,
            &meta,
            &|done, total| progress(Stage::Bundle(done, total)),
        )
        .map(|_| ())
    };
    let (sha256, size) = write_file_atomically(out, |sink| match format {
        ExportFormat::Pdf => sink
            .write_all(&dossier.pdf)
            .map_err(|e| ExportError::Write(out.to_path_buf(), e.to_string())),
        ExportFormat::Zip => write_zip(sink),
        ExportFormat::Handoff { to, armor } => handoff::encrypt_to(sink, to, *armor, write_zip),
    })?;
    let files = match format {
        ExportFormat::Pdf => dossier_files(&redacted.case, &dossier.not_merged),
        ExportFormat::Zip | ExportFormat::Handoff { .. } => all_files(&redacted.case),
    };
    Ok(ExportReport {
        written: format.custody_word(),
        path: out.to_path_buf(),
        sha256,
        size,
        pages: dossier.pages,
        files,
        not_merged: dossier.not_merged,
        left_out_documents: redacted.left_out_documents,
    })
}

/// The files whose pages are in the dossier (the originals).
/// The files whose bytes are in the dossier: originals placed as pages, not those only named
/// by their hash (types that cannot be pages, PDFs that could not be merged).
fn dossier_files(case: &Case, not_merged: &[String]) -> Vec<String> {
    super::exhibits(case)
        .iter()
        .flat_map(|exhibit| {
            let document = case.document(exhibit.document);
            exhibit
                .files
                .iter()
                .filter(|f| f.placement != super::Placement::ListedOnly)
                .filter_map(move |f| document.and_then(|d| d.files.get(f.index)))
                .map(|file| file.sha256.clone())
        })
        .filter(|sha256| !not_merged.contains(sha256))
        .collect()
}

/// Every file of the case (a bundle carries them all).
fn all_files(case: &Case) -> Vec<String> {
    case.documents
        .iter()
        .flat_map(|d| d.files.iter().map(|f| f.sha256.clone()))
        .collect()
}

/// Records the export in the case's custody log: a line for the file written (its hash) and a
/// line for each file of the case that went out in it, naming that export. The addressee is
/// not written there: custody lines travel in later exports, and one recipient must not learn
/// of another (the referral records whom a dossier went to).
pub fn record_export(case: &mut Case, report: &ExportReport, stamp: &ExportStamp) {
    let name = report
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    case.custody.append(
        stamp.at,
        stamp.by,
        CustodyAction::Exported,
        &report.sha256,
        &format!(
            "{} {name}: {} pages, {} files, {} bytes",
            report.written,
            report.pages,
            report.files.len(),
            report.size
        ),
    );
    for file in &report.files {
        case.custody.append(
            stamp.at,
            stamp.by,
            CustodyAction::Exported,
            file,
            &format!("in {} {}", report.written, report.sha256),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentFile;
    use zeroize::Zeroizing;

    struct NoOriginals;

    impl Originals for NoOriginals {
        fn read(&self, file: &DocumentFile) -> Result<Zeroizing<Vec<u8>>, ExportError> {
            Err(ExportError::FileChanged(file.original_name.clone()))
        }
    }

    #[test]
    fn a_restricted_case_leaves_only_with_the_lawyers_confirmation() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("dossier.pdf");
        let mut case = crate::demo::demo_case(1);
        for document in &mut case.documents {
            document.files.clear();
        }
        case.confidentiality = Confidentiality::Restricted;
        let mut choice = ExportChoice::recommended(&case);
        let stamp = ExportStamp {
            by: "Lawyer A",
            at: "2026-11-28T10:00:00Z",
            vault_id: "test",
        };
        let export = |choice: &ExportChoice| {
            export(
                &ExportRequest {
                    case: &case,
                    choice,
                    format: &ExportFormat::Pdf,
                    out: &out,
                    stamp: &stamp,
                },
                &NoOriginals,
                &Decoder::new(PathBuf::from("/nonexistent")),
                &|_| true,
            )
        };
        assert!(matches!(export(&choice), Err(ExportError::Restricted)));
        assert!(!out.exists(), "nothing written");
        choice.restricted_released = true;
        let report = export(&choice).expect("exported once confirmed");
        assert!(out.is_file());
        assert_eq!(report.files.len(), 0);
    }
}
