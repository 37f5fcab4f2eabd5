//! `casevault import-bundle DIR FILE`: a colleague's bundle or hand-off into the vault, through
//! the same checks and storing as the window. When the vault already has the case and the
//! command does not say what to do (`--take-theirs` or `--as-new-case`), it prints the
//! differences — where, ours, theirs; one per line, tab-separated — changes nothing and exits 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::export::receive::{Arrival, BundleKey, Decision, open_bundle_file, plan, store};
use crate::media::{Decoder, Stamp};
use crate::tr;
use crate::ui::receive::Translated;
use crate::ui::session::{Settings, now_text};
use crate::vault::Vault;

/// The exit code when the case exists and the differences were printed instead of imported.
const EXIT_UNDECIDED: u8 = 2;

/// What `import-bundle` was asked to do.
pub struct ImportBundleRequest<'a> {
    pub file: &'a Path,
    pub identity_file: Option<PathBuf>,
    pub from_passphrase_file: Option<&'a Path>,
    pub as_new_case: bool,
    pub take_theirs: bool,
}

/// Opens, checks and stores the bundle; prints what it did.
pub fn run(vault: &mut Vault, request: ImportBundleRequest<'_>) -> Result<ExitCode, String> {
    let key = match (request.identity_file, request.from_passphrase_file) {
        (Some(path), _) => BundleKey::IdentityFile(path),
        (None, Some(path)) => {
            BundleKey::Passphrase(super::secret_input::from_file(path).map_err(|e| e.to_string())?)
        }
        (None, None) => BundleKey::ThisVault,
    };
    let received =
        open_bundle_file(request.file, &key, &vault.blob_store()).map_err(|e| e.to_string())?;
    let arrival = plan(vault, &received, &Translated).map_err(|e| e.to_string())?;
    let decision = match arrival {
        Arrival::NewCase => Decision::NewCase,
        Arrival::Existing { .. } if request.as_new_case => Decision::AsSeparateCase,
        Arrival::Existing { differences, .. } if request.take_theirs => {
            Decision::Merge(differences.into_iter().map(|d| d.key).collect())
        }
        Arrival::Existing { differences, .. } if differences.is_empty() => {
            println!(
                "{}",
                tr!("cli-bundle-same", number = received.case().number.clone())
            );
            return Ok(ExitCode::SUCCESS);
        }
        Arrival::Existing { differences, .. } => {
            let none = tr!("receive-empty-value");
            for difference in &differences {
                println!(
                    "{}\t{}\t{}",
                    difference.path.join(" › "),
                    difference.ours.as_deref().unwrap_or(&none),
                    difference.theirs.as_deref().unwrap_or(&none)
                );
            }
            eprintln!(
                "{}",
                tr!(
                    "cli-bundle-differs",
                    number = received.case().number.clone(),
                    count = crate::i18n::num(differences.len())
                )
            );
            return Ok(ExitCode::from(EXIT_UNDECIDED));
        }
    };
    let decoder = Decoder::this_program().map_err(|e| e.to_string())?;
    let stamp = Stamp {
        by: Settings::load(vault).actor(tr!("cli-import-actor")),
        at: now_text(),
    };
    let id = store(vault, &received, &decision, &stamp, &decoder).map_err(|e| e.to_string())?;
    let number = vault
        .get_record::<crate::model::Case>(&crate::model::record_id(id))
        .map(|case| case.number)
        .map_err(|e| e.to_string())?;
    let done = match decision {
        Decision::NewCase => tr!(
            "cli-bundle-imported",
            number = number,
            files = crate::i18n::num(received.files.len()),
            dossier = received.dossier_sha256.clone()
        ),
        Decision::Merge(taken) => tr!(
            "cli-bundle-merged",
            number = number,
            taken = crate::i18n::num(taken.len())
        ),
        Decision::AsSeparateCase => tr!("cli-bundle-separate", number = number),
    };
    println!("{done}");
    Ok(ExitCode::SUCCESS)
}
