//! Recently opened vault folders, offered on the start screen. Kept in the user's config folder
//! (`recent-vaults.ron`): folder paths only — never anything from inside a vault.

use std::path::{Path, PathBuf};

/// How many folders are remembered.
const KEEP: usize = 5;

/// Where the list is kept for this user.
pub fn default_file() -> Option<PathBuf> {
    crate::vault::project_dirs().map(|dirs| dirs.config_dir().join("recent-vaults.ron"))
}

/// The remembered folders, most recent first; empty if none or unreadable.
pub fn load(file: Option<&Path>) -> Vec<PathBuf> {
    file.and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| ron::from_str(&text).ok())
        .unwrap_or_default()
}

/// Puts `dir` first in the list and stores it. A failure to store is reported to the caller,
/// who shows it; the vault itself is unaffected.
pub fn remember(list: &mut Vec<PathBuf>, dir: &Path, file: Option<&Path>) -> std::io::Result<()> {
    list.retain(|d| d != dir);
    list.insert(0, dir.to_path_buf());
    list.truncate(KEEP);
    let Some(path) = file else { return Ok(()) };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let text = ron::to_string(list).map_err(std::io::Error::other)?;
    std::fs::write(path, text)
}
