//! The bundled font files (`assets/fonts/`, see its README for origin and licence), included in
//! the binary once: the window (`ui::fonts`) and the dossier (`export::dossier::fonts`) both use
//! these bytes.

/// Noto Sans: Latin (with the Turkish, Uyghur and Kazakh letters) and Cyrillic.
pub static LATIN: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular-Subset.ttf");
pub static LATIN_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold-Subset.ttf");
/// Noto Sans Arabic UI: Uyghur and Kazakh in Arabic script.
pub static ARABIC: &[u8] = include_bytes!("../assets/fonts/NotoSansArabic-Subset.ttf");
/// Noto Sans CJK SC: Chinese.
pub static CHINESE: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Subset.otf");
