//! What the user asked for, as data. Screens return commands; `CasevaultApp::apply` carries them
//! out after the frame. Tests drive the app with the same commands.

use std::path::PathBuf;

use age::secrecy::SecretString;

use super::session::Settings;
use crate::media::Destination;
use crate::vault::RecordId;

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
    /// Open (creating it the first time) the demo vault.
    OpenDemo,
    /// Lock: drop the key and everything decrypted.
    Lock,
    /// Dismiss the current error message.
    DismissError,
    /// Show an error message (already translated).
    ShowError(String),
    NewCase,
    OpenCase(RecordId),
    /// Back to the case list (saving first).
    CloseCase,
    /// Save the open case now, after a failed save.
    RetrySave,
    OpenSettings,
    SaveSettings(Settings),
    CloseSettings,
    /// Open the file dialog; import what is chosen into the destination of the open case.
    PickFiles(Destination),
    /// Import these files (typed or dropped) into the open case.
    ImportPaths(Vec<PathBuf>, Destination),
    /// Stop the running import after the files in progress.
    CancelImport,
    /// Open the folder dialog for the backup folder.
    ChooseBackupFolder,
    /// Back the open vault up into this folder.
    BackUp(PathBuf),
    /// Open the save dialog for the export, offering this file name.
    ChooseExportFile(String),
    /// Export the open case as the export form says.
    StartExport,
    /// Stop the running export (nothing is written).
    CancelExport,
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never prints passphrases, folder names or case contents.
        f.write_str(match self {
            Command::Unlock { .. } => "Unlock",
            Command::Create { .. } => "Create",
            Command::OpenDemo => "OpenDemo",
            Command::Lock => "Lock",
            Command::DismissError => "DismissError",
            Command::ShowError(_) => "ShowError",
            Command::NewCase => "NewCase",
            Command::OpenCase(_) => "OpenCase",
            Command::CloseCase => "CloseCase",
            Command::RetrySave => "RetrySave",
            Command::OpenSettings => "OpenSettings",
            Command::SaveSettings(_) => "SaveSettings",
            Command::CloseSettings => "CloseSettings",
            Command::PickFiles(_) => "PickFiles",
            Command::ImportPaths(..) => "ImportPaths",
            Command::CancelImport => "CancelImport",
            Command::ChooseBackupFolder => "ChooseBackupFolder",
            Command::BackUp(_) => "BackUp",
            Command::ChooseExportFile(_) => "ChooseExportFile",
            Command::StartExport => "StartExport",
            Command::CancelExport => "CancelExport",
        })
    }
}
