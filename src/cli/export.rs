//! `casevault export` and `casevault stats`: the same export as the window (one `export::run`),
//! from a script or a terminal, and the statistics CSV.

use std::path::Path;
use std::process::ExitCode;

use super::args::ExportFormatArg;
use super::secret_input;
use crate::export::handoff::HandoffTo;
use crate::export::run::{self, ExportFormat, ExportStamp};
use crate::export::{ExportChoice, stats};
use crate::media::Decoder;
use crate::model::case_write;
use crate::tr;
use crate::ui::session::{Settings, now_text};
use crate::vault::Vault;

/// What `export` was asked to do.
pub struct ExportRequest<'a> {
    pub case_number: &'a str,
    pub format: ExportFormatArg,
    pub out: &'a Path,
    pub recipients: Vec<String>,
    pub to_passphrase_file: Option<&'a Path>,
    pub armor: bool,
    pub everything: bool,
    pub without_id_numbers: bool,
    pub release_restricted: bool,
    pub addressee: String,
    pub request_file: Option<&'a Path>,
}

/// Exports the case, records the export in its custody log, and prints what was written.
pub fn run(vault: &mut Vault, request: &ExportRequest<'_>) -> Result<ExitCode, String> {
    if request.out.exists() {
        return Err(tr!(
            "cli-export-exists",
            path = request.out.display().to_string()
        ));
    }
    let (_, mut case) = super::case_by_number(vault, request.case_number)?;
    let format = match request.format {
        ExportFormatArg::Pdf => ExportFormat::Pdf,
        ExportFormatArg::Zip => ExportFormat::Zip,
        ExportFormatArg::Age => ExportFormat::Handoff {
            to: handoff_to(request)?,
            armor: request.armor,
        },
    };
    let settings = Settings::load(vault);
    let mut choice = if request.everything || matches!(format, ExportFormat::Handoff { .. }) {
        ExportChoice::everything(&case)
    } else {
        ExportChoice::recommended(&case)
    };
    choice.id_numbers = !request.without_id_numbers;
    choice.restricted_released = request.release_restricted;
    choice.bureau = settings.bureau_name.clone();
    choice.addressee = request.addressee.clone();
    if let Some(path) = request.request_file {
        choice.request = std::fs::read_to_string(path).map_err(|e| {
            tr!(
                "cli-read-failed",
                path = path.display().to_string(),
                reason = e.to_string()
            )
        })?;
    }
    let decoder = Decoder::this_program().map_err(|e| e.to_string())?;
    let by = settings.actor(tr!("cli-import-actor"));
    let at = now_text();
    let vault_id = vault.vault_id().to_string();
    let stamp = ExportStamp {
        by: &by,
        at: &at,
        vault_id: &vault_id,
    };
    let report = run::export(
        &run::ExportRequest {
            case: &case,
            choice: &choice,
            format: &format,
            out: request.out,
            stamp: &stamp,
        },
        &vault.blob_store(),
        &decoder,
        &|_| true,
    )
    .map_err(|e| e.to_string())?;
    run::record_export(&mut case, &report, &stamp);
    vault.put_record(case_write(&case)).map_err(|e| {
        tr!(
            "cli-export-not-recorded",
            path = report.path.display().to_string(),
            reason = e.to_string()
        )
    })?;
    println!(
        "{}",
        tr!(
            "cli-export-done",
            path = report.path.display().to_string(),
            pages = crate::i18n::num(report.pages),
            files = crate::i18n::num(report.files.len()),
            sha256 = report.sha256.clone()
        )
    );
    for sha256 in &report.not_merged {
        println!("{}", tr!("export-not-merged", sha256 = sha256.clone()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The hand-off's recipients or passphrase, as given.
fn handoff_to(request: &ExportRequest<'_>) -> Result<HandoffTo, String> {
    match (request.to_passphrase_file, request.recipients.is_empty()) {
        (Some(_), false) => Err(tr!("cli-export-key-or-passphrase")),
        (Some(file), true) => secret_input::from_file(file)
            .map(HandoffTo::Passphrase)
            .map_err(|e| e.to_string()),
        (None, false) => Ok(HandoffTo::Recipients(request.recipients.clone())),
        (None, true) => Err(crate::export::ExportError::NoRecipient.to_string()),
    }
}

/// Writes the statistics CSV of every case in the vault.
pub fn stats(vault: &Vault, out: &Path) -> Result<ExitCode, String> {
    let cases = stats::write_csv(vault, out).map_err(|e| e.to_string())?;
    println!(
        "{}",
        tr!(
            "cli-stats-done",
            path = out.display().to_string(),
            cases = crate::i18n::num(cases)
        )
    );
    Ok(ExitCode::SUCCESS)
}
