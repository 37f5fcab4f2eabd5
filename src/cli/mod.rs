//! The admin command line. Calls the same library functions as the window; the only place
//! (besides the UI) that talks to the user. Exit code 0 on success, 1 with a one-line reason.

mod args;
mod secret_input;

use std::io::Write;
use std::process::ExitCode;

pub use args::{Args, Command};

use crate::model::{CASE_KIND, CaseSummary};
use crate::vault::{Access, Problem, Vault, VaultConfig, VerifyReport};

/// Runs one subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match execute(command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("casevault: {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command) -> Result<ExitCode, String> {
    let config = VaultConfig::default();
    match command {
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
            println!(
                "Keep the passphrase safe: without it nobody, including Casevault, can open the vault."
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify {
            dir,
            passphrase_file,
        } => {
            let passphrase = secret_input::existing(passphrase_file.as_deref(), "Passphrase: ")
                .map_err(|e| e.to_string())?;
            let vault = Vault::unlock(&dir, &passphrase, &config, Access::ReadOnly)
                .map_err(|e| e.to_string())?;
            let report = vault.verify(&mut |_, _| {}).map_err(|e| e.to_string())?;
            print_report(&vault, &report);
            Ok(if report.is_intact() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Passwd {
            dir,
            passphrase_file,
            new_passphrase_file,
        } => {
            let old = secret_input::existing(passphrase_file.as_deref(), "Current passphrase: ")
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
                writeln!(out, "  affected case: {}", summary.number).ok();
            }
        }
    }
}
