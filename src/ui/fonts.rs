//! The bundled fonts: subsets of Noto Sans SC (Chinese) and Noto Sans Arabic UI (Uyghur and
//! Kazakh Arabic script), added behind egui's default fonts so that names in every script render
//! from the first frame, with no dependence on fonts installed on the computer. See
//! `assets/fonts/README.md` for their origin and licence (SIL OFL 1.1). egui's Hack face closes
//! the proportional family, for symbols such as arrows.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

use crate::fonts::{ARABIC, CHINESE};

/// Installs the bundled fonts as fallbacks of both font families. Used by the app and the tests.
pub fn install(ctx: &egui::Context) {
    for (name, bytes) in [("noto-sans-arabic-ui", ARABIC), ("noto-sans-sc", CHINESE)] {
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(FontInsert::new(
            name,
            FontData::from_static(bytes),
            families,
        ));
    }
    // Arrows (→ in "A → B") and other symbols: egui's monospace face has them, its
    // proportional one does not.
    ctx.add_font(FontInsert::new(
        "hack-symbols",
        FontData::from_static(epaint_default_fonts::HACK_REGULAR),
        vec![InsertFontFamily {
            family: FontFamily::Proportional,
            priority: FontPriority::Lowest,
        }],
    ));
}
