//! The whole path of arbitrary bytes: decode (UTF-8, UTF-16, binary),
//! segment, lint with every built-in rule, render in every format.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_bytes(data);
});
