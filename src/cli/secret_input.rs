//! Reading passphrases for the command line: from a file given with `--…-file`, or from the
//! terminal without echo. Never from argv or the environment.

use std::path::Path;

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::vault::VaultError;
use crate::vault::passphrase;

/// Why a passphrase could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("Could not read the passphrase file ({kind}): {path}")]
    File {
        kind: std::io::ErrorKind,
        path: String,
    },
    #[error("The passphrase file is empty: {0}")]
    EmptyFile(String),
    #[error(
        "Could not read a passphrase from the terminal ({0}). Use --passphrase-file in scripts."
    )]
    Terminal(std::io::ErrorKind),
    #[error(transparent)]
    Rejected(#[from] VaultError),
}

/// The first line of `path` (without its line ending).
pub fn from_file(path: &Path) -> Result<SecretString, InputError> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path).map_err(|err| InputError::File {
            kind: err.kind(),
            path: path.display().to_string(),
        })?,
    );
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(InputError::EmptyFile(path.display().to_string()));
    }
    Ok(SecretString::from(line.to_string()))
}

/// Prompts on the terminal without echo.
pub fn prompt(label: &str) -> Result<SecretString, InputError> {
    rpassword::prompt_password(label)
        .map(SecretString::from)
        .map_err(|err| InputError::Terminal(err.kind()))
}

/// An existing passphrase: from the file if given, else prompted.
pub fn existing(file: Option<&Path>, label: &str) -> Result<SecretString, InputError> {
    match file {
        Some(path) => from_file(path),
        None => prompt(label),
    }
}

/// A new passphrase: from the file if given, else prompted twice; weak ones are refused.
pub fn new(file: Option<&Path>) -> Result<SecretString, InputError> {
    use age::secrecy::ExposeSecret;
    let chosen = match file {
        Some(path) => from_file(path)?,
        None => {
            let first = prompt(&crate::tr!("cli-prompt-new-passphrase"))?;
            let second = prompt(&crate::tr!("cli-prompt-repeat-passphrase"))?;
            passphrase::check_new(first.expose_secret(), second.expose_secret())?;
            first
        }
    };
    passphrase::check_new(chosen.expose_secret(), chosen.expose_secret())?;
    Ok(chosen)
}
