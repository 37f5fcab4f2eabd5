//! The export of an open case in the window: the lawyer's form (what goes in, which format,
//! where to), the export running on a background thread with its progress and Cancel, and its
//! result. The form belongs to one case and starts afresh for another; everything here is
//! dropped on lock (the hand-off passphrase is wiped).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use super::background::Background;
use super::path_choice::PathChoice;
use super::scans::FilePicker;
use crate::export::handoff::{HandoffTo, check_to};
use crate::export::run::{self, ExportFormat, ExportReport, ExportStamp, Stage};
use crate::export::{ExportChoice, ExportError};
use crate::media::Decoder;
use crate::model::{Case, CaseId, DocumentId};
use crate::tr;
use crate::ui::widgets::forget_secret_field;
use crate::vault::BlobStore;
use zeroize::Zeroize;

/// The three things an export can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatKind {
    #[default]
    Pdf,
    Zip,
    Handoff,
}

impl FormatKind {
    pub const ALL: [FormatKind; 3] = [FormatKind::Pdf, FormatKind::Zip, FormatKind::Handoff];

    pub fn label(self) -> String {
        match self {
            FormatKind::Pdf => tr!("export-format-pdf"),
            FormatKind::Zip => tr!("export-format-zip"),
            FormatKind::Handoff => tr!("export-format-handoff"),
        }
    }

    pub fn explain(self) -> String {
        match self {
            FormatKind::Pdf => tr!("export-format-pdf-explain"),
            FormatKind::Zip => tr!("export-format-zip-explain"),
            FormatKind::Handoff => tr!("export-format-handoff-explain"),
        }
    }

    fn extension(self, armor: bool) -> &'static str {
        match (self, armor) {
            (FormatKind::Pdf, _) => "pdf",
            (FormatKind::Zip, _) => "zip",
            (FormatKind::Handoff, false) => "zip.age",
            (FormatKind::Handoff, true) => "zip.age.asc",
        }
    }
}

/// Progress reported by the export thread.
#[derive(Default)]
pub struct Progress {
    /// 0: dossier, 1: bundle.
    stage: AtomicU64,
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

impl Progress {
    /// (stage label, fraction done).
    pub fn read(&self) -> (String, f32) {
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        let label = if self.stage.load(Ordering::Relaxed) == 0 {
            tr!(
                "export-stage-dossier",
                done = crate::i18n::num(done as usize),
                total = crate::i18n::num(total as usize)
            )
        } else {
            tr!(
                "export-stage-bundle",
                done = crate::i18n::size_text(done),
                total = crate::i18n::size_text(total)
            )
        };
        (label, done as f32 / total.max(1) as f32)
    }
}

/// A running export.
pub struct Running {
    pub case: CaseId,
    pub by: String,
    pub at: String,
    pub vault_id: String,
    pub progress: Arc<Progress>,
    job: Background<Result<ExportReport, ExportError>>,
}

/// The export form and job of the open vault.
#[derive(Default)]
pub struct ExportState {
    /// The case the form was made for.
    case: Option<CaseId>,
    /// Its documents the form has seen: one added since is ticked, not silently left out.
    known_documents: BTreeSet<DocumentId>,
    pub choice: Option<ExportChoice>,
    pub format: FormatKind,
    /// Colleagues' public keys, one per line.
    pub recipients: String,
    pub to_passphrase: bool,
    pub passphrase: Zeroizing<String>,
    pub passphrase_again: Zeroizing<String>,
    pub armor: bool,
    /// Where to write, as typed or chosen.
    pub out: String,
    /// A path chosen in the save dialog, which asked before replacing a file; a typed path
    /// never replaces one.
    replace_confirmed: Option<String>,
    choosing: PathChoice,
    pub running: Option<Running>,
    /// The last result, and whether it is an error.
    pub message: Option<(String, bool)>,
}

impl ExportState {
    /// The form for `case`, made afresh (recommended choice) when another case was shown.
    pub fn form_for(&mut self, case: &Case, bureau: &str) -> &mut ExportChoice {
        if self.case != Some(case.id) || self.choice.is_none() {
            let fresh = Self {
                running: self.running.take(),
                ..Self::default()
            };
            *self = fresh;
            self.case = Some(case.id);
            let mut choice = ExportChoice::recommended(case);
            choice.bureau = bureau.to_string();
            self.choice = Some(choice);
        }
        let choice = self
            .choice
            .get_or_insert_with(|| ExportChoice::recommended(case));
        for document in &case.documents {
            if self.known_documents.insert(document.id) {
                choice.documents.insert(document.id);
            }
        }
        choice
    }

    pub fn busy(&self) -> bool {
        self.running.is_some() || self.choosing.busy()
    }

    /// A file name to offer: the case number and what it is.
    pub fn suggested_name(&self, case: &Case) -> String {
        let number: String = case
            .number
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{number}-dossier.{}", self.format.extension(self.armor))
    }

    /// The ids of the two passphrase fields (their egui state is dropped once used).
    pub fn passphrase_ids() -> [egui::Id; 2] {
        [
            egui::Id::unique("casevault-export-passphrase"),
            egui::Id::unique("casevault-export-passphrase-again"),
        ]
    }

    /// Wipes the hand-off passphrase and what egui kept of its fields.
    fn forget_passphrases(&mut self, ctx: &egui::Context) {
        self.passphrase.zeroize();
        self.passphrase_again.zeroize();
        for id in Self::passphrase_ids() {
            forget_secret_field(ctx, id);
        }
    }

    /// Opens the save dialog on its own thread.
    pub fn choose_file(&mut self, picker: Arc<dyn FilePicker>, name: String, ctx: &egui::Context) {
        if let Err(message) = self.choosing.start(ctx, move || picker.save_file(&name)) {
            self.message = Some((message, true));
        }
    }

    /// What the form says to write, or why it cannot be written yet.
    fn format_and_path(&self) -> Result<(ExportFormat, PathBuf), String> {
        let out = self.out.trim();
        if out.is_empty() {
            return Err(tr!("export-no-path"));
        }
        if std::path::Path::new(out).exists() && self.replace_confirmed.as_deref() != Some(out) {
            return Err(tr!("export-file-exists", path = out.to_string()));
        }
        let format = match self.format {
            FormatKind::Pdf => ExportFormat::Pdf,
            FormatKind::Zip => ExportFormat::Zip,
            FormatKind::Handoff if self.to_passphrase => {
                if self.passphrase.is_empty() {
                    return Err(tr!("export-passphrase-empty"));
                }
                if *self.passphrase != *self.passphrase_again {
                    return Err(tr!("vault-passphrase-mismatch"));
                }
                ExportFormat::Handoff {
                    to: HandoffTo::Passphrase(SecretString::from(self.passphrase.to_string())),
                    armor: self.armor,
                }
            }
            FormatKind::Handoff => ExportFormat::Handoff {
                to: HandoffTo::Recipients(
                    self.recipients
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from)
                        .collect(),
                ),
                armor: self.armor,
            },
        };
        if let ExportFormat::Handoff { to, .. } = &format {
            check_to(to).map_err(|err| err.to_string())?;
        }
        Ok((format, PathBuf::from(out)))
    }

    /// Starts the export of `case` on a background thread.
    pub fn start(
        &mut self,
        case: &Case,
        store: BlobStore,
        decoder: Decoder,
        stamp: (String, String, String),
        ctx: &egui::Context,
    ) {
        if self.running.is_some() {
            return;
        }
        let Some(choice) = self.choice.clone() else {
            return;
        };
        let (format, out) = match self.format_and_path() {
            Ok(found) => found,
            Err(message) => {
                self.message = Some((message, true));
                return;
            }
        };
        self.forget_passphrases(ctx);
        self.message = None;
        let (by, at, vault_id) = stamp;
        let progress = Arc::new(Progress::default());
        let (case_copy, thread_progress, wake) = (case.clone(), progress.clone(), ctx.clone());
        let (job_by, job_at, job_vault) = (by.clone(), at.clone(), vault_id.clone());
        let job = Background::spawn("casevault-export", ctx, move || {
            let report_progress = |stage: Stage| {
                let (n, done, total) = match stage {
                    Stage::Dossier(done, total) => (0, done as u64, total as u64),
                    Stage::Bundle(done, total) => (1, done, total),
                };
                thread_progress.stage.store(n, Ordering::Relaxed);
                thread_progress.done.store(done, Ordering::Relaxed);
                thread_progress.total.store(total, Ordering::Relaxed);
                wake.request_repaint();
                !thread_progress.cancel.load(Ordering::Relaxed)
            };
            run::export(
                &run::ExportRequest {
                    case: &case_copy,
                    choice: &choice,
                    format: &format,
                    out: &out,
                    stamp: &ExportStamp {
                        by: &job_by,
                        at: &job_at,
                        vault_id: &job_vault,
                    },
                },
                &store,
                &decoder,
                &report_progress,
            )
        });
        match job {
            Ok(job) => {
                self.running = Some(Running {
                    case: case.id,
                    by,
                    at,
                    vault_id,
                    progress,
                    job,
                })
            }
            Err(_) => self.message = Some((tr!("scans-thread-failed"), true)),
        }
    }

    /// Asks the running export to stop.
    pub fn cancel(&self) {
        if let Some(running) = &self.running {
            running.progress.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// A finished export, once: the job's facts and its result. Also takes a chosen file name.
    pub fn poll(&mut self) -> Option<(Running, Result<ExportReport, ExportError>)> {
        match self.choosing.poll(&mut self.out) {
            Some(true) => self.replace_confirmed = Some(self.out.clone()),
            Some(false) => self.message = Some((tr!("export-no-file-chosen"), true)),
            None => {}
        }
        let result = self.running.as_ref()?.job.poll()?;
        let running = self.running.take()?;
        Some((running, result.unwrap_or(Err(ExportError::Stopped))))
    }
}

/// Records a finished export in `case`'s custody log; returns the message to show.
pub fn finish(
    case: &mut Case,
    running: &Running,
    result: Result<ExportReport, ExportError>,
) -> (String, bool) {
    match result {
        Ok(report) => {
            run::record_export(
                case,
                &report,
                &ExportStamp {
                    by: &running.by,
                    at: &running.at,
                    vault_id: &running.vault_id,
                },
            );
            let mut message = tr!(
                "export-done",
                path = report.path.display().to_string(),
                pages = crate::i18n::num(report.pages),
                files = crate::i18n::num(report.files.len()),
                sha256 = report.sha256.clone()
            );
            for sha256 in &report.not_merged {
                message.push('\n');
                message.push_str(&tr!("export-not-merged", sha256 = sha256.clone()));
            }
            (message, false)
        }
        Err(err) => (err.to_string(), true),
    }
}
