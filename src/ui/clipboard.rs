//! The clipboard and the X11/Wayland primary selection hold whatever was copied or selected in
//! the app (a name, an ID number, the document request). They are wiped 30 s after the app put
//! text there, and at lock, so a case detail does not linger for the next program to paste.

use std::time::{Duration, Instant};

/// How long copied text stays on the clipboard.
pub const CLEAR_AFTER: Duration = Duration::from_secs(30);

/// Remembers when the app last put text on the clipboard or the primary selection.
#[derive(Default)]
pub struct ClipboardGuard {
    put_at: Option<Instant>,
}

impl ClipboardGuard {
    /// Call at the end of every frame: notes new copies, and wipes the clipboard when due.
    pub fn watch(&mut self, ctx: &egui::Context, now: Instant) {
        let copied = ctx.output(|o| {
            o.commands.iter().any(|c| match c {
                egui::OutputCommand::CopyText(text)
                | egui::OutputCommand::TextSelectionSettled(text) => !text.is_empty(),
                _ => false,
            })
        });
        if copied {
            self.put_at = Some(now);
        }
        match self.put_at {
            Some(at) if now.duration_since(at) >= CLEAR_AFTER => self.clear(ctx),
            Some(at) => ctx.request_repaint_after(CLEAR_AFTER.saturating_sub(now - at)),
            None => {}
        }
    }

    /// Wipes the clipboard now if the app put anything there (at lock).
    pub fn clear_now(&mut self, ctx: &egui::Context) {
        if self.put_at.is_some() {
            self.clear(ctx);
        }
    }

    /// True while something the app copied may still be on the clipboard.
    #[cfg(test)]
    fn holds_copy(&self) -> bool {
        self.put_at.is_some()
    }

    fn clear(&mut self, ctx: &egui::Context) {
        ctx.output_mut(|o| {
            o.commands
                .push(egui::OutputCommand::CopyText(String::new()));
            o.commands
                .push(egui::OutputCommand::TextSelectionSettled(String::new()));
        });
        self.put_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(
        ctx: &egui::Context,
        copy: Option<&str>,
        guard: &mut ClipboardGuard,
        now: Instant,
    ) -> Vec<egui::OutputCommand> {
        let output = ctx.run_ui(egui::RawInput::default(), |ui| {
            if let Some(text) = copy {
                ui.ctx().copy_text(text.to_string());
            }
            guard.watch(ui.ctx(), now);
        });
        let mut output = output;
        output.textures_delta.clear();
        output.platform_output.commands
    }

    #[test]
    fn copied_text_is_wiped_after_thirty_seconds_and_not_before() {
        let ctx = egui::Context::default();
        let mut guard = ClipboardGuard::default();
        let start = Instant::now();
        frame(&ctx, Some("Айгерім 110101198003140025"), &mut guard, start);
        assert!(guard.holds_copy());
        let early = frame(&ctx, None, &mut guard, start + Duration::from_secs(29));
        assert!(early.is_empty(), "nothing is wiped before 30 s");
        let due = frame(&ctx, None, &mut guard, start + CLEAR_AFTER);
        assert!(due.contains(&egui::OutputCommand::CopyText(String::new())));
        assert!(!guard.holds_copy());
        let later = frame(&ctx, None, &mut guard, start + Duration::from_secs(90));
        assert!(later.is_empty(), "wiped once");
    }
}
