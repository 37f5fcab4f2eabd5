//! The bundle's contents checked before anything is stored: `SHA256SUMS` lists every entry and
//! every hash matches, `case.json` reads and is of a format this program knows, and every file
//! of every document is there with the SHA-256 and size the case records. Reasons name what is
//! wrong in general terms, never a name or number from the case.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::unzip::Entries;
use crate::export::ExportError;
use crate::export::bundle::{
    BUNDLE_FORMAT, CASE_FILE, CaseFile, DOSSIER_FILE, ORIGINALS_DIR, SUMS_FILE,
};
use crate::tr;

/// What a checked bundle gives.
pub struct Checked {
    pub case_file: CaseFile,
    pub files: BTreeMap<String, Zeroizing<Vec<u8>>>,
    pub dossier_sha256: String,
}

/// Checks the unpacked bundle and keeps the files its case uses.
pub fn check(mut entries: Entries) -> Result<Checked, ExportError> {
    if !entries.contains_key(CASE_FILE) {
        return Err(ExportError::BundleUnreadable(tr!(
            "bundle-reason-no-case-file"
        )));
    }
    let sums = entries
        .remove(SUMS_FILE)
        .ok_or_else(|| ExportError::BundleDamaged(tr!("bundle-reason-no-sums")))?;
    let listed = parse_sums(&sums)?;
    let hashes: BTreeMap<String, String> = entries
        .iter()
        .map(|(path, bytes)| (path.clone(), hex::encode(Sha256::digest(&bytes[..]))))
        .collect();
    for (path, hash) in &hashes {
        match listed.get(path) {
            None => return Err(damaged(tr!("bundle-reason-unlisted"))),
            Some(expected) if expected != hash => {
                return Err(damaged(tr!("bundle-reason-hash-mismatch")));
            }
            Some(_) => {}
        }
    }
    if listed.keys().any(|path| !hashes.contains_key(path)) {
        return Err(damaged(tr!("bundle-reason-missing-entry")));
    }
    let dossier_sha256 = hashes
        .get(DOSSIER_FILE)
        .cloned()
        .ok_or_else(|| damaged(tr!("bundle-reason-no-dossier")))?;
    let case_file = read_case_file(entries.get(CASE_FILE).map_or(&[][..], |b| &b[..]))?;

    let mut files = BTreeMap::new();
    for (sha256, path) in &case_file.files {
        let fits =
            path.starts_with(ORIGINALS_DIR) && hashes.get(path).is_some_and(|hash| hash == sha256);
        if !fits {
            return Err(damaged(tr!("bundle-reason-file-mismatch")));
        }
        if let Some(bytes) = entries.remove(path) {
            files.insert(sha256.clone(), bytes);
        }
    }
    for file in case_file.case.documents.iter().flat_map(|d| &d.files) {
        match files.get(&file.sha256) {
            None => return Err(damaged(tr!("bundle-reason-file-missing"))),
            Some(bytes) if bytes.len() as u64 != file.size => {
                return Err(damaged(tr!("bundle-reason-file-mismatch")));
            }
            Some(_) => {}
        }
    }
    // Files the case does not use are not imported.
    let used: std::collections::BTreeSet<&str> = case_file
        .case
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .map(|f| f.sha256.as_str())
        .collect();
    files.retain(|sha256, _| used.contains(sha256.as_str()));
    Ok(Checked {
        case_file,
        files,
        dossier_sha256,
    })
}

fn damaged(reason: String) -> ExportError {
    ExportError::BundleDamaged(reason)
}

/// `SHA256SUMS` as `sha256sum` writes it: `<64 hex>  <path>` (or ` *<path>`) per line.
fn parse_sums(text: &[u8]) -> Result<BTreeMap<String, String>, ExportError> {
    let unreadable = || damaged(tr!("bundle-reason-sums-unreadable"));
    let text = std::str::from_utf8(text).map_err(|_| unreadable())?;
    let mut listed = BTreeMap::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let (hash, rest) = line.split_at_checked(64).ok_or_else(unreadable)?;
        let path = rest
            .strip_prefix("  ")
            .or_else(|| rest.strip_prefix(" *"))
            .ok_or_else(unreadable)?;
        if !hash.chars().all(|c| c.is_ascii_hexdigit()) || path.is_empty() {
            return Err(unreadable());
        }
        if listed
            .insert(path.to_string(), hash.to_ascii_lowercase())
            .is_some()
        {
            return Err(unreadable());
        }
    }
    Ok(listed)
}

/// The largest `case.json` taken: a case with hundreds of people and documents is a few MiB.
const MAX_CASE_FILE: usize = 64 << 20;

/// `case.json`, refusing formats this program does not know. Only its `format` is read first
/// (not the whole file into a generic JSON tree, several times its size in memory).
fn read_case_file(bytes: &[u8]) -> Result<CaseFile, ExportError> {
    #[derive(serde::Deserialize)]
    struct Format {
        format: u64,
    }
    let unreadable = || ExportError::BundleUnreadable(tr!("bundle-reason-case-file-unreadable"));
    if bytes.len() > MAX_CASE_FILE {
        return Err(unreadable());
    }
    let format = serde_json::from_slice::<Format>(bytes)
        .map_err(|_| unreadable())?
        .format;
    if format > u64::from(BUNDLE_FORMAT) {
        return Err(ExportError::BundleUnreadable(tr!(
            "bundle-reason-newer-format"
        )));
    }
    if format != u64::from(BUNDLE_FORMAT) {
        return Err(unreadable());
    }
    serde_json::from_slice(bytes).map_err(|_| unreadable())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_lines_are_read_as_sha256sum_writes_them() {
        let a = "ab".repeat(32);
        let b = "CD".repeat(32);
        let text = format!("{a}  dossier.pdf\n{b} *originals/01-户口本.jpg\n\n");
        let listed = parse_sums(text.as_bytes()).expect("reads");
        assert_eq!(listed["dossier.pdf"], a);
        assert_eq!(listed["originals/01-户口本.jpg"], "cd".repeat(32));
        for bad in [
            format!("{a} dossier.pdf\n"),
            format!("{a}  \n"),
            format!("{}  x\n", "zz".repeat(32)),
            format!("{a}  x\n{a}  x\n"),
            "short  x\n".to_string(),
        ] {
            assert!(
                matches!(
                    parse_sums(bad.as_bytes()),
                    Err(ExportError::BundleDamaged(_))
                ),
                "{bad:?}"
            );
        }
    }
}
