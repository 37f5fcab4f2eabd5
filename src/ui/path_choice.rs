//! A file or folder chosen in the native dialog, which blocks, so it runs on its own thread; the
//! path lands in a field that also takes a typed path (some desktops have no working dialog).
//! Used by the backup folder, the export file and the bundle to import.

use std::path::PathBuf;

use super::background::Background;
use crate::tr;

/// The dialog, while it is open.
#[derive(Default)]
pub struct PathChoice {
    job: Option<Background<Option<PathBuf>>>,
}

impl PathChoice {
    /// Opens the dialog (`pick`) on its own thread; the message to show if it cannot start.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        pick: impl FnOnce() -> Option<PathBuf> + Send + 'static,
    ) -> Result<(), String> {
        if self.job.is_some() {
            return Ok(());
        }
        let job = Background::spawn("casevault-file-dialog", ctx, pick)
            .map_err(|_| tr!("scans-thread-failed"))?;
        self.job = Some(job);
        Ok(())
    }

    /// True while the dialog is open.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Once the dialog has closed: puts the chosen path into `field` and says `Some(true)`, or
    /// `Some(false)` when nothing was chosen (cancelled, or no dialog could be shown).
    pub fn poll(&mut self, field: &mut String) -> Option<bool> {
        let result = self.job.as_ref()?.poll()?;
        self.job = None;
        match result.flatten() {
            Some(path) => {
                *field = path.display().to_string();
                Some(true)
            }
            None => Some(false),
        }
    }
}
