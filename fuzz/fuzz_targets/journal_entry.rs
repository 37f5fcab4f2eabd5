//! Fuzz target: `casevault::vault::fuzzing::journal_entry` must return on any input without panicking.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    casevault::vault::fuzzing::journal_entry(data);
});
