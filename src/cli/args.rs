//! The command line: `casevault` alone opens the window; subcommands administer a vault.
//! Passphrases never come from arguments (they would show in `ps` and shell history).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Export a case of the vault in DIR: the dossier PDF, the ZIP bundle (dossier, originals,
    /// SHA256SUMS, case.json), or that bundle age-encrypted for a colleague (`age`). PDF and ZIP
    /// leave out risk notes, internal notes and contact details unless --everything is given; a
    /// hand-off carries everything. The export is recorded in the case's custody log.
    Export {
        dir: PathBuf,
        /// The case number, e.g. CASE-2026-0007.
        #[arg(long, value_name = "NUMBER")]
        case: String,
        #[arg(long, value_enum)]
        format: ExportFormatArg,
        /// The file to write (it must not exist yet).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// A colleague's public key (age1…), for --format age; may be repeated.
        #[arg(long, value_name = "AGE1…")]
        recipient: Vec<String>,
        /// Encrypt the hand-off to the passphrase in the first line of FILE instead.
        #[arg(long, value_name = "FILE")]
        to_passphrase_file: Option<PathBuf>,
        /// Write the hand-off as ASCII text (for e-mail bodies and messengers).
        #[arg(long)]
        armor: bool,
        /// Include risk notes, internal notes and contact details in a PDF or ZIP too.
        #[arg(long)]
        everything: bool,
        /// Leave out ID numbers.
        #[arg(long)]
        without_id_numbers: bool,
        /// The case is marked restricted: confirm that its names may leave the bureau.
        #[arg(long)]
        release_restricted: bool,
        /// To whom the dossier goes, for its cover.
        #[arg(long, value_name = "TEXT", default_value = "")]
        addressee: String,
        /// The summary of the request, from FILE (UTF-8 text).
        #[arg(long, value_name = "FILE")]
        request_file: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Write statistics of the vault in DIR as CSV: cases by status, by region of last
    /// residence, by year opened and by referral outcome. Counts only, no names.
    Stats {
        dir: PathBuf,
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Import a colleague's bundle (ZIP) or hand-off (age) FILE into the vault in DIR. Opened
    /// with the vault's own key unless --identity-file or --from-passphrase-file is given. If
    /// the vault has the case already, the differences are printed and nothing changes (exit 2)
    /// unless --take-theirs or --as-new-case says what to do.
    ImportBundle {
        dir: PathBuf,
        file: PathBuf,
        /// Decrypt with the age identity (AGE-SECRET-KEY-1…) in KEY.
        #[arg(long, value_name = "KEY", conflicts_with = "from_passphrase_file")]
        identity_file: Option<PathBuf>,
        /// Decrypt with the passphrase in the first line of FILE (the one the sender chose).
        #[arg(long, value_name = "FILE")]
        from_passphrase_file: Option<PathBuf>,
        /// The vault's passphrase, from the first line of FILE.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// If the vault has the case, import this one beside it (new id, number with -R1…).
        #[arg(long, conflicts_with = "take_theirs")]
        as_new_case: bool,
        /// If the vault has the case, take every field that differs from the bundle.
        #[arg(long)]
        take_theirs: bool,
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

/// `--format` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Pdf,
    Zip,
    Age,
}
