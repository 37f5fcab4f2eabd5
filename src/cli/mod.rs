//! The admin command line. Calls the same library functions as the window; the only place
//! (besides the UI) that talks to the user. Exit code 0 on success, 1 with a one-line reason.

mod args;
mod bundle;
mod export;
mod import;
mod secret_input;

use std::io::Write;
use std::process::ExitCode;

pub use args::{Args, Command};

use crate::model::{CASE_KIND, Case, CaseSummary};
use crate::vault::{Access, Problem, Vault, VaultConfig, VerifyReport};

/// Runs one subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match execute(command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{}", crate::tr!("cli-error-prefix", message = message));
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command) -> Result<ExitCode, String> {
    let config = VaultConfig::default();
    match command {
        Command::DecodeWorker => Ok(crate::media::worker::serve()),
        Command::Backup {
            dir,
            dest,
            passphrase_file,
        } => {
            let vault = open(&dir, passphrase_file.as_deref(), &config, Access::ReadWrite)?;
            let report = vault
                .backup_source()
                .copy_to(&dest, &mut |_, _| {})
                .map_err(|e| e.to_string())?;
            println!("{}", report.summary(&dest));
            if !report.is_good() {
                print!("{}", report.check);
                return Ok(ExitCode::FAILURE);
            }
            let mut session = crate::ui::session::Session::new(vault);
            if let Err(err) = session.record_backup(&dest) {
                let reason = err.to_string();
                eprintln!("{}", crate::tr!("backup-not-recorded", reason = reason));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            dir,
            case,
            document,
            passphrase_file,
            files,
        } => {
            let mut vault = open(&dir, passphrase_file.as_deref(), &config, Access::ReadWrite)?;
            import::run(
                &mut vault,
                &import::ImportRequest {
                    case_number: &case,
                    document_title: document.as_deref(),
                    files: &files,
                },
            )
        }
        Command::Export {
            dir,
            case,
            format,
            out,
            recipient,
            to_passphrase_file,
            armor,
            everything,
            without_id_numbers,
            release_restricted,
            addressee,
            request_file,
            passphrase_file,
        } => {
            let mut vault = open(&dir, passphrase_file.as_deref(), &config, Access::ReadWrite)?;
            export::run(
                &mut vault,
                &export::ExportRequest {
                    case_number: &case,
                    format,
                    out: &out,
                    recipients: recipient,
                    to_passphrase_file: to_passphrase_file.as_deref(),
                    armor,
                    everything,
                    without_id_numbers,
                    release_restricted,
                    addressee,
                    request_file: request_file.as_deref(),
                },
            )
        }
        Command::Stats {
            dir,
            out,
            passphrase_file,
        } => {
            let vault = open_read_only(&dir, passphrase_file.as_deref(), &config)?;
            export::stats(&vault, &out)
        }
        Command::ImportBundle {
            dir,
            file,
            identity_file,
            from_passphrase_file,
            passphrase_file,
            as_new_case,
            take_theirs,
        } => {
            let mut vault = open(&dir, passphrase_file.as_deref(), &config, Access::ReadWrite)?;
            bundle::run(
                &mut vault,
                bundle::ImportBundleRequest {
                    file: &file,
                    identity_file,
                    from_passphrase_file: from_passphrase_file.as_deref(),
                    as_new_case,
                    take_theirs,
                },
            )
        }
        Command::Init {
            dir,
            passphrase_file,
        } => {
            let passphrase =
                secret_input::new(passphrase_file.as_deref()).map_err(|e| e.to_string())?;
            let vault = Vault::create(&dir, &passphrase, &config).map_err(|e| e.to_string())?;
            println!(
                "Created a new vault (id {}) in {}",
                vault.vault_id(),
                dir.display()
            );
            println!("{}", crate::tr!("cli-keep-passphrase"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify {
            dir,
            passphrase_file,
        } => {
            let vault = open_read_only(&dir, passphrase_file.as_deref(), &config)?;
            let report = vault.verify(&mut |_, _| {}).map_err(|e| e.to_string())?;
            print_report(&vault, &report);
            Ok(if report.is_intact() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Demo {
            dir,
            passphrase_file,
        } => {
            let passphrase = match &passphrase_file {
                Some(path) => secret_input::new(Some(path)).map_err(|e| e.to_string())?,
                None => age::secrecy::SecretString::from(crate::demo::DEMO_PASSPHRASE.to_string()),
            };
            let vault = crate::demo::create_demo_vault(&dir, &passphrase, &config)
                .map_err(|e| e.to_string())?;
            let path = dir.display().to_string();
            let count = vault.records().count();
            println!(
                "{}",
                crate::tr!(
                    "cli-demo-created",
                    count = crate::i18n::num(count),
                    path = path
                )
            );
            if passphrase_file.is_none() {
                println!(
                    "{}",
                    crate::tr!(
                        "cli-demo-passphrase",
                        passphrase = crate::demo::DEMO_PASSPHRASE
                    )
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::List {
            dir,
            passphrase_file,
            search,
            json,
        } => {
            let vault = open_read_only(&dir, passphrase_file.as_deref(), &config)?;
            print_case_list(
                &vault,
                &crate::search::Query::new(search.as_deref().unwrap_or("")),
                json,
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Passwd {
            dir,
            passphrase_file,
            new_passphrase_file,
        } => {
            let old = secret_input::existing(
                passphrase_file.as_deref(),
                &crate::tr!("cli-prompt-current-passphrase"),
            )
            .map_err(|e| e.to_string())?;
            let mut vault =
                Vault::unlock(&dir, &old, &config, Access::ReadWrite).map_err(|e| e.to_string())?;
            let new =
                secret_input::new(new_passphrase_file.as_deref()).map_err(|e| e.to_string())?;
            vault
                .change_passphrase(&old, &new)
                .map_err(|e| e.to_string())?;
            println!(
                "The passphrase was changed. Copies of the old key file (backups, synced trash) still open with the old passphrase."
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The case numbered `number` (e.g. `CASE-2026-0007`) and its record id.
fn case_by_number(vault: &Vault, number: &str) -> Result<(crate::vault::RecordId, Case), String> {
    let record = vault
        .records()
        .filter(|(_, entry)| entry.kind == CASE_KIND)
        .find(|(_, entry)| {
            CaseSummary::from_stored(entry.summary.as_deref()).is_some_and(|s| s.number == number)
        })
        .map(|(id, _)| *id)
        .ok_or_else(|| crate::tr!("cli-import-no-case", number = number))?;
    let case = vault.get_record(&record).map_err(|e| e.to_string())?;
    Ok((record, case))
}

/// Asks for the passphrase (or reads its file) and opens the vault without taking the lock.
fn open_read_only(
    dir: &std::path::Path,
    passphrase_file: Option<&std::path::Path>,
    config: &crate::vault::VaultConfig,
) -> Result<Vault, String> {
    open(dir, passphrase_file, config, Access::ReadOnly)
}

/// Asks for the passphrase (or reads its file) and opens the vault.
fn open(
    dir: &std::path::Path,
    passphrase_file: Option<&std::path::Path>,
    config: &crate::vault::VaultConfig,
    access: Access,
) -> Result<Vault, String> {
    let passphrase = secret_input::existing(passphrase_file, &crate::tr!("cli-prompt-passphrase"))
        .map_err(|e| e.to_string())?;
    Vault::unlock(dir, &passphrase, config, access).map_err(|e| e.to_string())
}

/// Prints one line (or JSON object) per matching case, sorted by case number.
fn print_case_list(vault: &Vault, query: &crate::search::Query, json: bool) {
    let mut cases: Vec<CaseSummary> = vault
        .records()
        .filter(|(_, entry)| entry.kind == CASE_KIND)
        .filter_map(|(_, entry)| CaseSummary::from_stored(entry.summary.as_deref()))
        .filter(|summary| query.matches(summary))
        .collect();
    cases.sort_by(|a, b| a.number.cmp(&b.number));
    let mut out = std::io::stdout().lock();
    for case in cases {
        let line = if json {
            serde_json::json!({
                "number": case.number,
                "status": case.status,
                "readiness": { "met": case.readiness_met, "of": case.readiness_total },
                "names": case.names,
            })
            .to_string()
        } else {
            format!(
                "{}\t{}\t{}/{}\t{}",
                case.number,
                case.status,
                case.readiness_met,
                case.readiness_total,
                case.names.join(" | ")
            )
        };
        if writeln!(out, "{line}").is_err() {
            // The reader went away (e.g. `| head`): stop quietly, as other tools do.
            return;
        }
    }
}

/// Prints the verify report, naming affected cases by number where the summary gives one.
fn print_report(vault: &Vault, report: &VerifyReport) {
    let mut out = std::io::stdout().lock();
    write!(out, "{report}").ok();
    for problem in &report.problems {
        let records = match problem {
            Problem::ObjectDamaged { records, .. } | Problem::ObjectMissing { records, .. } => {
                records
            }
            _ => continue,
        };
        for id in records {
            let Some(entry) = vault.record_ref(id) else {
                continue;
            };
            if entry.kind == CASE_KIND
                && let Some(summary) = CaseSummary::from_stored(entry.summary.as_deref())
            {
                let number = summary.number;
                writeln!(
                    out,
                    "  {}",
                    crate::tr!("report-affected-case", number = number)
                )
                .ok();
            }
        }
    }
}
