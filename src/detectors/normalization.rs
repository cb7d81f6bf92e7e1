//! `unicode-normalization`: text that is not in Unicode Normalization Form C.
//!
//! `é` can be stored as one code point (U+00E9) or as `e` plus a combining
//! acute accent (U+0301). Both render the same, but they compare, hash,
//! search and tokenize differently, so a corpus should hold one form: NFC,
//! what the web and most keyboards produce. Decomposed text comes from macOS
//! file names, some PDF extractors and some translation services.
//!
//! Clean text costs almost nothing: ASCII text is skipped, and the NFC quick
//! check (one pass, a table lookup per non-ASCII character) answers "yes"
//! for nearly all other text. Only when it does not is the text cut into
//! segments at "stable" characters (combining class 0 and quick check yes,
//! which nothing before them can compose with or reorder across); a
//! segment whose NFC differs is reported, widened to its word so the message
//! and the fix read naturally. The fix is NFC itself, which is always safe.

use serde::Deserialize;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "unicode-normalization", args: &["fixed"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Report the whole word around a non-NFC sequence (otherwise only the
    /// sequence itself).
    #[serde(default = "yes")]
    whole_word: bool,
}

fn yes() -> bool {
    true
}

struct Normalization {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(Normalization { params: super::params(table)? }))
}

/// A character that nothing before it composes with or reorders across.
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || !is_stable(c)
}

impl Detector for Normalization {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.slice(doc.body());
        // No quick check of the whole body first: the paragraphs are checked
        // below anyway (a body that passes has no paragraph that fails), and
        // in a corpus with a few decomposed characters a megabyte chunk
        // rarely passes, so the body was decoded twice.
        if body.is_ascii() {
            return;
        }
        let offset = doc.body().start;
        let mut spans: Vec<Span> = Vec::new();
        // Segments never cross a line break (it is a stable character), so
        // only the paragraphs that are not quickly NFC need a closer look.
        let candidates = doc.paragraphs().iter().filter(|p| {
            let text = doc.slice(**p);
            !text.is_ascii() && is_nfc_quick(text.chars()) != IsNormalized::Yes
        });
        let segments = candidates.flat_map(|p| {
            let start = p.start - offset;
            unstable_segments(doc.slice(*p)).map(move |seg| seg.shift(start))
        });
        for seg in segments {
            let s = &body[seg.range()];
            if s.chars().nfc().eq(s.chars()) {
                continue;
            }
            let seg = if self.params.whole_word { widen(body, seg) } else { seg };
            match spans.last_mut() {
                Some(last) if last.end >= seg.start => last.end = last.end.max(seg.end),
                _ => spans.push(seg),
            }
        }
        for seg in spans {
            let fixed: String = body[seg.range()].nfc().collect();
            let span = Span::new(seg.start + offset, seg.end + offset);
            out.push(Finding::new(span).arg("fixed", fixed.clone()).fix(Edit::new(span, fixed)));
        }
    }
}

/// Segments of `text` that start at a stable character (or the text start)
/// and contain at least one unstable character; they end before the next
/// stable character.
fn unstable_segments(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    let mut unstable = false;
    let mut iter = text.char_indices().chain(std::iter::once((text.len(), 'a')));
    std::iter::from_fn(move || {
        for (i, c) in iter.by_ref() {
            if is_stable(c) {
                let seg = Span::new(start, i);
                start = i;
                if std::mem::replace(&mut unstable, false) {
                    return Some(seg);
                }
            } else {
                unstable = true;
            }
        }
        None
    })
}

/// `seg` widened to the word around it, as long as the new start is a
/// stable character (so NFC of the wider span equals NFC in context).
fn widen(text: &str, seg: Span) -> Span {
    let before = &text[..seg.start];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(seg.start, |(i, _)| i);
    let start = if text[start..].starts_with(is_stable) { start } else { seg.start };
    let after = &text[seg.end..];
    let len = after.find(|c: char| !is_word_char(c)).unwrap_or(after.len());
    Span::new(start, seg.end + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(s: &str) -> Vec<&str> {
        unstable_segments(s).map(|sp| &s[sp.range()]).collect()
    }

    #[test]
    fn segments_start_at_the_base_letter() {
        assert_eq!(segments("He\u{301}le\u{300}ne"), vec!["e\u{301}", "e\u{300}"]);
        assert_eq!(segments("plain é text"), Vec::<&str>::new());
    }

    #[test]
    fn widen_reaches_the_word_edges() {
        let s = "Dr. He\u{301}le\u{300}ne Gagnon";
        let seg = unstable_segments(s).next().unwrap();
        assert_eq!(&s[widen(s, seg).range()], "He\u{301}le\u{300}ne");
    }
}
