//! The command line: `casevault` alone opens the window; subcommands administer a vault.
//! Passphrases never come from arguments (they would show in `ps` and shell history).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "casevault",
    version,
    about = "Encrypted case files for documenting the disappeared. Without a command, opens the window."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty vault in DIR (DIR must not exist or be empty).
    Init {
        dir: PathBuf,
        /// Read the passphrase from the first line of FILE instead of prompting.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Check every file of the vault in DIR; exits 0 only when it is intact.
    Verify {
        dir: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Create a vault in DIR filled with about thirty fictional demo cases.
    Demo {
        dir: PathBuf,
        /// Use the first line of FILE as the passphrase instead of the shown demo passphrase.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// List the cases of the vault in DIR: number, status, readiness and names in every script.
    List {
        dir: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Only cases whose number, names or ID numbers match every word of TEXT.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add scans to a case of the vault in DIR: each FILE becomes a new document, or all go into
    /// the document titled TITLE. Folders among FILE are read one level deep, in name order.
    Import {
        dir: PathBuf,
        /// The case number, e.g. CASE-2026-0007.
        #[arg(long, value_name = "NUMBER")]
        case: String,
        /// Put all files into this document (created if the case has none with this title).
        #[arg(long, value_name = "TITLE")]
        document: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Copy the encrypted vault in DIR to DEST (a new or empty folder, or an earlier backup of
    /// it), check the copy, and note the time in the vault. Restoring is opening the copy.
    Backup {
        dir: PathBuf,
        dest: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Decodes one image from stdin for the app (internal: the sandboxed decode worker).
    #[command(name = "decode-worker", hide = true)]
    DecodeWorker,
    /// Change your passphrase for the vault in DIR.
    Passwd {
        dir: PathBuf,
        /// The current passphrase, from the first line of FILE.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// The new passphrase, from the first line of FILE.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}
