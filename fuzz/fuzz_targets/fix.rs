//! The fix applier: fixes converge, re-linting the result is valid, and
//! fixing twice changes nothing.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_fix(&String::from_utf8_lossy(data));
});
