//! Everything egui: the window, its screens, and the one place that applies user commands to the
//! vault. Slow work (the KDF) runs on a named worker thread; the UI only polls for the result.

mod app;
mod background;
mod backup;
pub mod case_list;
mod case_view;
mod clipboard;
mod commands;
mod export;
pub mod fonts;
pub mod labels;
mod path_choice;
pub mod receive;
mod recent;
pub mod scans;
pub mod screens;
pub mod session;
mod settings;
mod stats;
mod widgets;
mod worker;

pub use app::CasevaultApp;
pub use commands::Command;

use std::process::ExitCode;

use crate::vault::VaultConfig;

/// The window title: the program's name only, never anything from a case.
pub const WINDOW_TITLE: &str = "Casevault";

/// Opens the main window and runs until it is closed.
pub fn run() -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_inner_size([1000.0, 700.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(|cc| {
            Ok(Box::new(CasevaultApp::new(
                &cc.egui_ctx,
                VaultConfig::default(),
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let message = crate::tr!("cli-window-failed", error = err.to_string());
            eprintln!("{}", crate::tr!("cli-error-prefix", message = message));
            ExitCode::FAILURE
        }
    }
}
