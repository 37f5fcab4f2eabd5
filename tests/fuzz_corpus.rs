//! The fuzz corpus (`fuzz/corpus/<target>/`, grown by `cargo fuzz` and committed), replayed on
//! the stable toolchain on every test run: every input must go through its parser without a
//! panic. An input that once crashed a target is kept there as a regression test.

use std::path::Path;

use casevault::vault::fuzzing;

fn replay(target: &str, parse: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join("corpus")
        .join(target);
    let inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("corpus entry").path())
        .collect();
    assert!(!inputs.is_empty(), "the {target} corpus is empty");
    for path in inputs {
        let bytes = std::fs::read(&path).expect("corpus file");
        parse(&bytes);
    }
}

#[test]
fn vault_header_corpus() {
    replay("vault_header", fuzzing::vault_header);
}

#[test]
fn journal_entry_corpus() {
    replay("journal_entry", fuzzing::journal_entry);
}

#[test]
fn case_record_corpus() {
    replay("case_record", fuzzing::case_record);
}

#[test]
fn image_preview_corpus() {
    replay("image_preview", fuzzing::image_preview);
}

#[test]
fn bundle_corpus() {
    replay("bundle", fuzzing::bundle);
}
