//! What the user asked for, as data. Screens return commands; `CasevaultApp::apply` carries them
//! out after the frame. Tests drive the app with the same commands.

use std::path::PathBuf;

use age::secrecy::SecretString;

/// One user action that changes the app's state or the vault.
pub enum Command {
    /// Unlock the vault in a folder.
    Unlock {
        dir: PathBuf,
        passphrase: SecretString,
    },
    /// Create a new vault (passphrase already checked) and open it.
    Create {
        dir: PathBuf,
        passphrase: SecretString,
    },
    /// Lock: drop the key and everything decrypted.
    Lock,
    /// Dismiss the current error message.
    DismissError,
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never prints passphrases or folder names.
        f.write_str(match self {
            Command::Unlock { .. } => "Unlock",
            Command::Create { .. } => "Create",
            Command::Lock => "Lock",
            Command::DismissError => "DismissError",
        })
    }
}
