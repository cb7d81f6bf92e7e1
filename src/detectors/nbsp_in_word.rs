//! `nbsp-in-word`: a no-break space between two parts of what reads as one
//! word (`Chibou\u{a0}gamau`).
//!
//! No-break spaces belong between a number and its unit (`10\u{a0}km`), in
//! `Mr.\u{a0}Smith`, before French punctuation. Between two lowercase
//! fragments they usually come from HTML `&nbsp;` left inside a word by a
//! scraper or an editor, and a tokenizer then sees two words. The detector
//! only looks at a no-break space with a letter before it and a lowercase
//! letter after it, and stays silent when either neighbour is a common
//! short word (`Sunday\u{a0}in`, `of\u{a0}the`), which marks an ordinary
//! word gap typed as `&nbsp;`. Whether the fix is a space or nothing cannot
//! be known, so there is none.

use std::collections::HashSet;

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "nbsp-in-word", args: &["code"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Words that show the no-break space stands between words (lowercase).
    #[serde(default)]
    common_words: Vec<String>,
}

struct NbspInWord {
    common: HashSet<String>,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    Ok(Box::new(NbspInWord { common: params.common_words.into_iter().map(|w| w.to_lowercase()).collect() }))
}

fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

impl Detector for NbspInWord {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.body();
        let text = doc.text();
        if text[body.range()].is_ascii() {
            return;
        }
        let bytes = text.as_bytes();
        let mut pos = body.start;
        // U+00A0 is C2 A0; U+2007 and U+202F are E2 80 87 / E2 80 AF.
        while let Some(i) = memchr::memchr2(0xC2, 0xE2, &bytes[pos..body.end]) {
            let start = pos + i;
            let Some(c) = text[start..].chars().next() else { break };
            pos = start + c.len_utf8();
            if !is_nbsp(c) {
                continue;
            }
            let before = fragment_before(&text[body.start..start]);
            let after = fragment_after(&text[pos..body.end]);
            let ok = !before.is_empty()
                && after.starts_with(char::is_lowercase)
                && !self.is_common(before)
                && !self.is_common(after);
            if ok {
                out.push(Finding::new(Span::new(start, pos)).arg("code", format!("{:04X}", c as u32)));
            }
        }
    }
}

impl NbspInWord {
    fn is_common(&self, word: &str) -> bool {
        self.common.contains(word) || self.common.contains(&word.to_lowercase())
    }
}

fn fragment_before(s: &str) -> &str {
    let start =
        s.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn fragment_after(s: &str) -> &str {
    &s[..s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len())]
}
