//! `duplicate-line`: a headline or paragraph repeated verbatim in one document.
//!
//! Scrapers often capture a headline twice (the page title and the `<h1>`) or
//! repeat a paragraph when a page is paginated. Paragraphs are compared after
//! whitespace normalization, by a 64-bit hash of the normalized words, so no
//! paragraph is copied; equal hashes are confirmed by comparing the words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::{Label, Span};
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "duplicate-line", args: &["first_line"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Paragraphs with fewer words are never reported (subheads repeat).
    #[serde(default = "default_min_words")]
    min_words: usize,
}

fn default_min_words() -> usize {
    4
}

struct DuplicateLine {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(DuplicateLine { params: super::params(table)? }))
}

impl Detector for DuplicateLine {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let mut seen: HashMap<u64, Span, BuildHasherDefault<KeyHasher>> = HashMap::default();
        for &para in doc.paragraphs() {
            let text = doc.slice(para);
            let (key, words) = words_hash(text);
            if words < self.params.min_words {
                continue;
            }
            match seen.get(&key) {
                Some(&first) if same_words(doc.slice(first), text) => {
                    let line = doc.line_at(first.start) + 1;
                    out.push(
                        Finding::new(para)
                            .arg("first_line", line.to_string())
                            .label(Label::here(first, "first copy"))
                            .fix(Edit::delete(deletion(doc.text(), para))),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, para);
                }
            }
        }
    }
}

/// A hash of the text's whitespace-separated words (as `split_whitespace`
/// sees them) and their count, in one pass over the bytes: this detector
/// reads every paragraph of the corpus, so it must cost little more than a
/// memory scan. FNV-1a, with a separator before each word.
fn words_hash(text: &str) -> (u64, usize) {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            in_word = false;
        } else {
            if !in_word {
                words += 1;
                hash = (hash ^ 0xff).wrapping_mul(PRIME);
                in_word = true;
            }
            for &x in &bytes[i..i + len] {
                hash = (hash ^ u64::from(x)).wrapping_mul(PRIME);
            }
        }
        i += len;
    }
    (hash, words)
}

/// The map's keys are already hashes.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The span to delete so the duplicate leaves no extra blank line: the
/// paragraph and the whitespace after it up to the next content line, or,
/// at the end of the text, the whitespace before it.
fn deletion(text: &str, para: Span) -> Span {
    let after = &text[para.end..];
    let trailing = after.len() - after.trim_start().len();
    if para.end + trailing < text.len() {
        // Keep the next line's indentation: stop after the last line break.
        let ws = &after[..trailing];
        let end = ws.rfind('\n').or_else(|| ws.rfind('\r')).map_or(0, |i| i + 1);
        return Span::new(para.start, para.end + end);
    }
    let before = &text[..para.start];
    Span::new(before.trim_end().len(), para.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hash_ignores_how_words_are_spaced() {
        let (h, n) = words_hash("The  talks\u{a0}ended\tin Geneva.");
        assert_eq!((h, n), words_hash(" The talks ended in\r\nGeneva. "));
        assert_eq!(n, 5);
        assert_ne!(h, words_hash("The talks ended in Geneva").0);
        assert_ne!(words_hash("ab c").0, words_hash("a bc").0);
        assert_eq!(words_hash("").1, 0);
    }

    #[test]
    fn deletion_removes_the_copy_and_its_line_break() {
        let text = "Head line here now\n\nHead line here now\nImage: x";
        let span = Span::new(20, 38);
        let d = deletion(text, span);
        let mut fixed = text.to_string();
        fixed.replace_range(d.range(), "");
        assert_eq!(fixed, "Head line here now\n\nImage: x");
    }

    #[test]
    fn deletion_at_end_removes_preceding_whitespace() {
        let text = "Para one two three.\n\nPara one two three.\n";
        let d = deletion(text, Span::new(21, 40));
        let mut fixed = text.to_string();
        fixed.replace_range(d.range(), "");
        assert_eq!(fixed, "Para one two three.\n");
    }
}
