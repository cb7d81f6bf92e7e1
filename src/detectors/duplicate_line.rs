//! `duplicate-line`: a headline or paragraph repeated verbatim in one document.
//!
//! Scrapers often capture a headline twice (the page title and the `<h1>`) or
//! repeat a paragraph when a page is paginated. Paragraphs are compared after
//! whitespace normalization, by a 64-bit hash of the normalized words, so no
//! paragraph is copied; equal hashes are confirmed by comparing the words.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

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
        let mut seen: HashMap<u64, Span> = HashMap::new();
        for &para in doc.paragraphs() {
            let text = doc.slice(para);
            if text.split_whitespace().nth(self.params.min_words.saturating_sub(1)).is_none() {
                continue;
            }
            let key = normalized_hash(text);
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

fn normalized_hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    for word in text.split_whitespace() {
        word.hash(&mut hasher);
    }
    hasher.finish()
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
