//! The dossier's fonts: the bundled Noto subsets (see `assets/fonts/README.md`), registered from
//! memory in a parley font context that knows no system font, so that a dossier is set the same
//! on every machine; and the krilla fonts drawn with, made once per document.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use krilla::Data;
use krilla::text::Font;
use parley::fontique::{Blob, Collection, CollectionOptions, SourceCache};
use parley::{FontContext, FontData, FontFamily, FontFamilyName};

pub use crate::fonts::{ARABIC, CHINESE, LATIN, LATIN_BOLD};

/// The families as the fonts name themselves, in the order a character is looked for.
pub const FAMILIES: [&str; 3] = ["Noto Sans", "Noto Sans Arabic UI", "Noto Sans CJK SC"];

const STACK: [FontFamilyName<'static>; 3] = [
    FontFamilyName::Named(Cow::Borrowed(FAMILIES[0])),
    FontFamilyName::Named(Cow::Borrowed(FAMILIES[1])),
    FontFamilyName::Named(Cow::Borrowed(FAMILIES[2])),
];

/// A font context with the bundled fonts only.
pub fn font_context() -> FontContext {
    let mut collection = Collection::new(CollectionOptions {
        shared: false,
        system_fonts: false,
    });
    for bytes in [LATIN, LATIN_BOLD, ARABIC, CHINESE] {
        collection.register_fonts(Blob::new(Arc::new(bytes)), None);
    }
    FontContext {
        collection,
        source_cache: SourceCache::default(),
    }
}

/// Every text's font list: each character is set in the first family that has it.
pub fn stack() -> FontFamily<'static> {
    FontFamily::List(Cow::Borrowed(&STACK))
}

/// The krilla fonts of the parley fonts used so far (krilla subsets each when writing).
#[derive(Default)]
pub struct KrillaFonts {
    fonts: HashMap<(u64, u32), Option<Font>>,
}

impl KrillaFonts {
    /// The krilla font for a font parley chose; `None` if krilla cannot read it (never for the
    /// bundled fonts, which a test checks).
    pub fn get(&mut self, font: &FontData) -> Option<Font> {
        self.fonts
            .entry((font.data.id(), font.index))
            .or_insert_with(|| {
                let (bytes, _) = font.data.clone().into_raw_parts();
                Font::new(Data::from(bytes), font.index)
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_of_the_stack_is_bundled_and_nothing_else() {
        let mut context = font_context();
        for family in FAMILIES {
            assert!(
                context.collection.family_id(family).is_some(),
                "{family} is not registered"
            );
        }
        assert_eq!(
            context.collection.family_names().count(),
            FAMILIES.len(),
            "no system font may be registered"
        );
        for bytes in [LATIN, LATIN_BOLD, ARABIC, CHINESE] {
            assert!(Font::new(Data::from(bytes), 0).is_some());
        }
    }
}
