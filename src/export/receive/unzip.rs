//! Reading the bundle's ZIP defensively: a bounded number of entries and total size (declared
//! sizes checked before anything is unpacked, and each entry read with a cap at its declared
//! size, so a zip bomb stops at once), no encrypted entries or links, and only plain relative
//! paths (no `/…`, `..`, `\`, drive letters or control characters). Entries are unpacked into
//! memory that is wiped when dropped.

use std::collections::BTreeMap;
use std::io::Read;

use zeroize::Zeroizing;
use zip::ZipArchive;

use super::open::{Chunked, looks_like_zip};
use crate::export::ExportError;
use crate::tr;

/// The most entries a bundle may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The most bytes a bundle may unpack to (declared and actual).
pub const MAX_TOTAL_SIZE: u64 = 4 << 30;
/// The longest entry path accepted.
const MAX_PATH: usize = 1024;
/// Deflate cannot expand data by more than about 1032:1; a declared size beyond that for the
/// compressed bytes is a lie, so no more than this is ever reserved for an entry.
const MAX_RATIO: u64 = 1100;
/// An entry bigger than this that shrank more than `BOMB_RATIO` times is taken for a zip bomb:
/// bundles hold scans, which barely compress.
const BOMB_SIZE: u64 = 16 << 20;
const BOMB_RATIO: u64 = 100;

/// The bundle's files, by path.
pub type Entries = BTreeMap<String, Zeroizing<Vec<u8>>>;

/// Unpacks every file entry of the ZIP (directories are skipped).
pub fn read_entries(zip: Chunked) -> Result<Entries, ExportError> {
    let was_zip = looks_like_zip(zip.head());
    let mut archive = ZipArchive::new(zip).map_err(|_| {
        if was_zip {
            // It starts like a ZIP but its directory is gone or broken: cut short, or altered.
            ExportError::BundleDamaged(tr!("bundle-reason-zip-damaged"))
        } else {
            ExportError::BundleUnreadable(tr!("bundle-reason-not-zip-or-age"))
        }
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(unreadable(tr!(
            "bundle-reason-too-many-entries",
            limit = crate::i18n::num(MAX_ENTRIES)
        )));
    }
    if archive.has_duplicate_names() {
        return Err(unreadable(tr!("bundle-reason-duplicate-entry")));
    }
    let mut declared = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|_| damaged())?;
        let name = entry.name().map_err(|_| unsafe_path())?;
        if !is_plain_path(&name) {
            return Err(unsafe_path());
        }
        if entry.encrypted() || entry.is_symlink() {
            return Err(unreadable(tr!("bundle-reason-odd-entry")));
        }
        if entry.size() > BOMB_SIZE && entry.size() / entry.compressed_size().max(1) > BOMB_RATIO {
            return Err(unreadable(tr!("bundle-reason-bomb")));
        }
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_TOTAL_SIZE {
        return Err(too_large());
    }
    let mut entries = Entries::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|err| match err {
            zip::result::ZipError::UnsupportedArchive(_)
            | zip::result::ZipError::CompressionMethodNotSupported(_) => {
                unreadable(tr!("bundle-reason-odd-entry"))
            }
            _ => damaged(),
        })?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|_| unsafe_path())?.into_owned();
        let size = entry.size();
        let reserve = size.min(entry.compressed_size().saturating_mul(MAX_RATIO));
        let mut bytes = Zeroizing::new(Vec::with_capacity(reserve as usize));
        (&mut entry)
            .take(size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| damaged())?;
        // More or fewer bytes than the directory says: altered (or a bomb that lied).
        if bytes.len() as u64 != size {
            return Err(damaged());
        }
        entries.insert(name, bytes);
    }
    Ok(entries)
}

/// A relative path of plain names: no root, drive, `.`/`..`, empty part, backslash or control
/// character. Directory entries end with `/`.
pub fn is_plain_path(name: &str) -> bool {
    let name = name.strip_suffix('/').unwrap_or(name);
    !name.is_empty()
        && name.len() <= MAX_PATH
        && !name.contains(['\\', ':', '\0'])
        && !name.chars().any(char::is_control)
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn unreadable(reason: String) -> ExportError {
    ExportError::BundleUnreadable(reason)
}

fn damaged() -> ExportError {
    ExportError::BundleDamaged(tr!("bundle-reason-entry-damaged"))
}

fn unsafe_path() -> ExportError {
    unreadable(tr!("bundle-reason-unsafe-path"))
}

fn too_large() -> ExportError {
    unreadable(tr!(
        "bundle-reason-too-large",
        limit = crate::i18n::num((MAX_TOTAL_SIZE >> 30) as usize)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_pass() {
        for good in [
            "case.json",
            "originals/01-户口本.jpg",
            "originals/",
            "originals/02-Айгүл паспорт.pdf",
            "originals/03-ئايگۈل.png",
        ] {
            assert!(is_plain_path(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../case.json",
            "originals/../../x",
            "originals//x",
            "./case.json",
            "C:/x",
            "originals\\x",
            "a\nb",
            "a\0b",
            "originals/..",
        ] {
            assert!(!is_plain_path(bad), "{bad:?}");
        }
    }
}
