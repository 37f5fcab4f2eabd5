//! Unlock and create on a named background thread (the KDF takes about a second); the UI is
//! woken when the vault is ready.

use std::path::PathBuf;

use age::secrecy::SecretString;

use super::background::Background;
use crate::vault::{Access, Vault, VaultConfig, VaultError};

/// What the worker is asked to do.
pub enum Job {
    Unlock,
    Create,
    /// Unlock the demo vault, creating it first if it does not exist yet.
    Demo,
}

/// A running unlock or create.
pub struct PendingOpen {
    job: Background<Result<Vault, VaultError>>,
    /// True for a new vault (the screen says "Creating…" rather than "Unlocking…").
    pub creating: bool,
}

impl PendingOpen {
    /// Starts the job; `ctx` is repainted when the result is ready.
    pub fn start(
        job: Job,
        dir: PathBuf,
        passphrase: SecretString,
        config: VaultConfig,
        ctx: &egui::Context,
    ) -> std::io::Result<Self> {
        let creating = matches!(job, Job::Create)
            || matches!(job, Job::Demo) && !dir.join("vault.ron").is_file();
        let job = Background::spawn("casevault-unlock", ctx, move || {
            let result = match job {
                Job::Unlock => Vault::unlock(&dir, &passphrase, &config, Access::ReadWrite),
                Job::Create => Vault::create(&dir, &passphrase, &config),
                Job::Demo if dir.join("vault.ron").is_file() => {
                    Vault::unlock(&dir, &passphrase, &config, Access::ReadWrite)
                }
                Job::Demo => crate::demo::create_demo_vault(&dir, &passphrase, &config),
            };
            drop(passphrase);
            result
        })?;
        Ok(Self { job, creating })
    }

    /// When the job started.
    pub fn started(&self) -> std::time::Instant {
        self.job.started
    }

    /// The result, once ready.
    pub fn poll(&self) -> Option<Result<Vault, VaultError>> {
        self.job
            .poll()
            .map(|result| result.unwrap_or(Err(VaultError::Interrupted)))
    }
}
