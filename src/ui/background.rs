//! One piece of slow work on a named thread (a file dialog, a page to decode, a working copy to
//! make), its result picked up by the UI when ready; the UI is woken when it is.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// A running piece of work that yields one `T`.
pub struct Background<T> {
    receiver: Receiver<T>,
    pub started: Instant,
}

impl<T: Send + 'static> Background<T> {
    /// Runs `work` on a thread named `name`, then repaints `ctx`. An error if no thread could
    /// be started (the caller reports it).
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = channel();
        let wake = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                // The receiver is gone only if the UI moved on (locked); the result is dropped.
                sender.send(work()).ok();
                wake.request_repaint();
            })?;
        Ok(Self {
            receiver,
            started: Instant::now(),
        })
    }

    /// The result once ready; `Some(None)` if the thread died without one.
    pub fn poll(&self) -> Option<Option<T>> {
        match self.receiver.try_recv() {
            Ok(value) => Some(Some(value)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}
