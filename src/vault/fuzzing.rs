//! Entry points for fuzzing the parsers that read what is on disk (the `fuzz/` targets, and
//! `tests/fuzz_corpus.rs`, which replays their corpus on every test run). Each takes arbitrary
//! bytes and must return — with an error or not — without panicking.

use std::path::Path;
use std::sync::LazyLock;

use super::format::{JournalEntry, open_signed, sign};
use super::keys::VaultKey;

/// One key for every run, so that bodies signed with it pass the MAC and reach the parser.
static KEY: LazyLock<VaultKey> = LazyLock::new(VaultKey::generate);

/// `vault.ron` as read at unlock.
pub fn vault_header(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = super::parse_header(text, Path::new("vault.ron"));
    }
}

/// A decrypted journal entry: the framing and MAC check on the bytes as given, then the body
/// signed with the right key, so the RON decoding of an entry is reached too.
pub fn journal_entry(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = open_signed(&KEY, text);
    let signed = sign(&KEY, text);
    if let Ok(body) = open_signed(&KEY, &signed) {
        let _ = ron::from_str::<JournalEntry>(body);
    }
}

/// A received bundle (plain ZIP): unpacking with its limits, then every check of its entries,
/// `SHA256SUMS` and `case.json`.
pub fn bundle(bytes: &[u8]) {
    let _ = crate::export::receive::check_plain_bundle(bytes);
}

/// A decrypted case record.
pub fn case_record(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = ron::from_str::<crate::model::Case>(text);
    }
}

/// An imported file: sniffing, then the page count and a small preview under tight limits (in
/// the app this runs in the decode worker; here a panic is a finding).
pub fn image_preview(bytes: &[u8]) {
    use crate::media::{Format, Limits, decode};
    let format = Format::sniff(&bytes[..bytes.len().min(crate::media::sniff::SNIFF_LEN)]);
    let limits = Limits {
        max_side: 2048,
        max_alloc: 16 << 20,
    };
    let _ = decode::page_count(bytes, format, &limits);
    let _ = decode::page_within(bytes, format, 0, 64, &limits);
    let _ = decode::page_within(bytes, format, 1, 64, &limits);
}
