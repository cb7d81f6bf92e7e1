//! Document segmentation of arbitrary text: lines, paragraphs, sentences and
//! the headline are ordered, inside the text and on char boundaries.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check_document(&String::from_utf8_lossy(data));
});
