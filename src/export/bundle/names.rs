//! File names inside the bundle: an original's name made safe to unpack anywhere (no path, no
//! `..`, no hidden file, nothing Windows refuses, not too long), letters of every script kept,
//! and numbered so that no two files of a bundle share a name.

/// The longest safe name, in UTF-8 bytes: file systems allow 255, and the number in front and the
/// folder the bundle is unpacked into need their share (Windows counts the whole path).
pub const MAX_NAME_BYTES: usize = 120;

/// Characters Windows refuses in a name (and the path separators everywhere).
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Names Windows keeps for devices, whatever the extension (`CON.jpg` is the console).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// The longest extension kept whole when a name is shortened.
const MAX_EXTENSION_BYTES: usize = 10;

/// `original_name` as a single safe file name. Separators, control characters and characters
/// Windows refuses become `_`; bidirectional overrides (which can disguise an extension) go;
/// `..` becomes `.`; leading dots and trailing dots and spaces go; a Windows device name gets a
/// `_` in front; a long name is shortened, keeping its extension. Never empty.
pub fn safe_name(original_name: &str) -> String {
    let mut name: String = original_name
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| {
            if c.is_control() || FORBIDDEN.contains(&c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let mut name = trim_ends(&name).to_string();
    if is_reserved(&name) {
        name.insert(0, '_');
    }
    let name = shorten(&name);
    if name.is_empty() {
        "file".to_string()
    } else {
        name
    }
}

/// The bundle path of the `index`-th (0-based) of `count` originals: `originals/NN-<safe name>`,
/// numbered from 1 with as many digits as the count needs (at least two), so that names are
/// unique (even where case is ignored) and sort in the bundle's order.
pub fn original_path(index: usize, count: usize, original_name: &str) -> String {
    let width = count.to_string().len().max(2);
    format!(
        "{}{:0width$}-{}",
        super::ORIGINALS_DIR,
        index + 1,
        safe_name(original_name)
    )
}

/// Marks that reorder text: invisible, and able to make `cod.exe` look like `exe.doc`.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn trim_ends(name: &str) -> &str {
    name.trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    RESERVED
        .iter()
        .any(|reserved| stem.eq_ignore_ascii_case(reserved))
}

/// At most `MAX_NAME_BYTES`, cut on a character boundary, the extension kept when it is short.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let extension = name.rsplit_once('.').map(|(_, ext)| ext).filter(|ext| {
        !ext.is_empty()
            && ext.len() <= MAX_EXTENSION_BYTES
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
    });
    let room = match extension {
        Some(ext) => MAX_NAME_BYTES - ext.len() - 1,
        None => MAX_NAME_BYTES,
    };
    let stem = trim_ends(prefix_within(name, room));
    match extension {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem.to_string(),
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix_within(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_dots_cannot_leave_the_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "_._etc_passwd");
        assert_eq!(safe_name("a/b\\c"), "a_b_c");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(safe_name(".."), "file");
        assert_eq!(safe_name("scan..jpg"), "scan.jpg");
        assert_eq!(safe_name("C:\\Users\\x.jpg"), "C__Users_x.jpg");
        assert_eq!(safe_name("trailing. . "), "trailing");
        assert_eq!(safe_name(""), "file");
    }

    #[test]
    fn windows_device_names_and_characters_are_refused() {
        assert_eq!(safe_name("CON.jpg"), "_CON.jpg");
        assert_eq!(safe_name("con"), "_con");
        assert_eq!(safe_name("Lpt1 .tar.gz"), "_Lpt1 .tar.gz");
        assert_eq!(safe_name("CONSENT.pdf"), "CONSENT.pdf");
        assert_eq!(safe_name("what?<>|*\".png"), "what______.png");
    }

    #[test]
    fn control_and_bidi_characters_go_and_every_script_stays() {
        assert_eq!(safe_name("line\nbreak\t.jpg"), "line_break_.jpg");
        assert_eq!(safe_name("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(safe_name("户口本 第1页.jpg"), "户口本 第1页.jpg");
        assert_eq!(safe_name("Свидетельство.pdf"), "Свидетельство.pdf");
        assert_eq!(safe_name("كىملىك.jpg"), "كىملىك.jpg");
    }

    #[test]
    fn long_names_are_cut_on_a_character_keeping_the_extension() {
        let long = format!("{}.jpeg", "档案".repeat(100));
        let safe = safe_name(&long);
        assert!(safe.len() <= MAX_NAME_BYTES, "{} bytes", safe.len());
        assert!(safe.ends_with(".jpeg"));
        assert!(safe.starts_with("档案档案"));
        let no_extension = "x".repeat(300);
        assert_eq!(safe_name(&no_extension).len(), MAX_NAME_BYTES);
    }

    #[test]
    fn numbered_paths_are_unique_and_sorted() {
        assert_eq!(original_path(0, 3, "a.jpg"), "originals/01-a.jpg");
        assert_eq!(original_path(99, 100, "a.jpg"), "originals/100-a.jpg");
        assert_eq!(original_path(6, 100, "a.jpg"), "originals/007-a.jpg");
    }
}
