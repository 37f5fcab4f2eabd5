//! Unlock and create on a named background thread (the KDF takes about a second), reporting the
//! result through a channel and waking the UI when done.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread;

use age::secrecy::SecretString;

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
    receiver: Receiver<Result<Vault, VaultError>>,
    pub started: std::time::Instant,
    /// True for a new vault (the screen says "Creating…" rather than "Unlocking…").
    pub creating: bool,
}

impl PendingOpen {
    /// Starts the job; `wake` is called (from the worker) when the result is ready.
    pub fn start(
        job: Job,
        dir: PathBuf,
        passphrase: SecretString,
        config: VaultConfig,
        wake: impl FnOnce() + Send + 'static,
    ) -> std::io::Result<Self> {
        let creating = matches!(job, Job::Create)
            || matches!(job, Job::Demo) && !dir.join("vault.ron").is_file();
        let (sender, receiver) = channel();
        thread::Builder::new()
            .name("casevault-unlock".into())
            .spawn(move || {
                let result = match job {
                    Job::Unlock => Vault::unlock(&dir, &passphrase, &config, Access::ReadWrite),
                    Job::Create => Vault::create(&dir, &passphrase, &config),
                    Job::Demo if dir.join("vault.ron").is_file() => {
                        Vault::unlock(&dir, &passphrase, &config, Access::ReadWrite)
                    }
                    Job::Demo => crate::demo::create_demo_vault(&dir, &passphrase, &config),
                };
                drop(passphrase);
                // The receiver is gone only if the app closed meanwhile; the vault then just locks.
                sender.send(result).ok();
                wake();
            })?;
        Ok(Self {
            receiver,
            started: std::time::Instant::now(),
            creating,
        })
    }

    /// The result, once ready.
    pub fn poll(&self) -> Option<Result<Vault, VaultError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(VaultError::Interrupted)),
        }
    }
}
