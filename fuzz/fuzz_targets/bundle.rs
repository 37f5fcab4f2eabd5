//! Fuzz target: `casevault::vault::fuzzing::bundle` must return on any input without panicking.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    casevault::vault::fuzzing::bundle(data);
});
