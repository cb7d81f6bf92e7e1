//! The rule and config loaders on arbitrary TOML: rules or errors pointing
//! into the file, never a panic; loaded rules lint without panicking.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        invariants::check_rule_source(text);
    }
});
