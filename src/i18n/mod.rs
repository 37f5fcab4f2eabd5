//! Localisation: Fluent messages embedded in the binary, one `.ftl` file per language under
//! `i18n/<lang>/casevault.ftl`, English as the fallback. `tr!("message-id", arg = value)` looks a
//! message up; its id is checked at compile time against the English file.

pub mod labels;

use std::sync::LazyLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The loader every `tr!` goes through.
pub static LANGUAGE_LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    loader
        .load_fallback_language(&Localizations)
        .expect("the English messages are embedded in the binary");
    // No Unicode isolation marks around arguments: egui would draw them as boxes.
    loader.set_use_isolating(false);
    loader
});

/// Looks up a message by id (checked at compile time), with optional `name = value` arguments.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::LANGUAGE_LOADER, $id)
    };
    ($id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::LANGUAGE_LOADER, $id, $($args)*)
    };
}

/// A number as a message argument, so that plural rules (`[one]`, `[few]`, …) apply to it.
pub fn num(n: usize) -> fluent_bundle::FluentValue<'static> {
    fluent_bundle::FluentValue::from(n)
}

/// A file size for messages: KiB or MiB with one decimal.
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// The languages with a message file, as language tags (`en-US`, …), sorted.
pub fn available_languages() -> Vec<String> {
    let mut languages: Vec<String> = LANGUAGE_LOADER
        .available_languages(&Localizations)
        .map(|langs| langs.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    languages.sort();
    languages
}

/// Switches every later `tr!` to `tag` (falling back to English for missing messages).
pub fn select_language(tag: &str) -> Result<(), String> {
    let id: unic_langid::LanguageIdentifier = tag
        .parse()
        .map_err(|_| format!("not a language tag: {tag}"))?;
    i18n_embed::select(&*LANGUAGE_LOADER, &Localizations, &[id]).map_err(|err| err.to_string())?;
    Ok(())
}
