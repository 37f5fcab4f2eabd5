//! Local, per-laptop state of a vault that must never travel with it by sync: this device's id
//! (which names its journal). Kept under the user's local data directory, one small file per
//! vault. It holds ids only, never case data.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ids::DeviceId;
use super::storage::{OsStorage, write_atomic};

#[derive(Debug, Serialize, Deserialize)]
struct DeviceState {
    device: DeviceId,
}

/// The program's standard folders (data, local data, config) for this user.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "Casevault", "casevault")
}

/// The default folder for local state (`~/.local/share/casevault/devices` on Linux).
pub fn default_state_dir() -> PathBuf {
    project_dirs()
        .map(|dirs| dirs.data_local_dir().join("devices"))
        .unwrap_or_else(|| std::env::temp_dir().join("casevault-devices"))
}

/// This device's id for the vault, created (and stored durably) on first use.
pub fn device_id(state_dir: &Path, vault_id: uuid::Uuid) -> std::io::Result<DeviceId> {
    let path = state_dir.join(format!("{vault_id}.ron"));
    if let Ok(text) = fs::read_to_string(&path)
        && let Ok(state) = ron::from_str::<DeviceState>(&text)
    {
        return Ok(state.device);
    }
    fs::create_dir_all(state_dir)?;
    let state = DeviceState {
        device: DeviceId::new_random(),
    };
    let text = ron::to_string(&state).map_err(std::io::Error::other)?;
    // A damaged state file is replaced: this laptop then simply starts a new journal.
    fs::remove_file(&path).ok();
    write_atomic(&OsStorage, state_dir, |file| {
        file.write_all(text.as_bytes())?;
        Ok(path.clone())
    })
    .map_err(|err| err.error)?;
    Ok(state.device)
}
