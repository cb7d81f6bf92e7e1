//! `invisible-character`: zero-width and bidirectional control characters.
//!
//! Zero-width spaces, joiners, soft hyphens, word joiners, a byte-order mark
//! in mid-text and bidi controls render as nothing, so no proofreader sees
//! them; but they split or glue words for every tokenizer and search index
//! (`Chibou\u{200b}gamau` is not `Chibougamau`), and a bidi override
//! reorders what a reader sees (`\u{202e}154` displays as `451`).
//!
//! Several have legitimate uses, so context decides: joiners and zero-width
//! spaces are left alone next to characters of scripts that need them
//! (Persian and Indic joiners, emoji sequences, Thai and Khmer word breaks),
//! and directional marks, embeddings and isolates are left alone on lines
//! holding right-to-left text. Deleting the character leaves the visible
//! text unchanged, which makes the fix safe, except for bidi controls,
//! whose removal changes the display (unsafe).

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::{Safety, Span};
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "invisible-character", args: &["name", "code"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Report directional marks, embeddings and isolates (never on lines with
    /// right-to-left text; overrides are always reported).
    #[serde(default = "yes")]
    bidi: bool,
    /// Report soft hyphens (U+00AD).
    #[serde(default = "yes")]
    soft_hyphen: bool,
}

fn yes() -> bool {
    true
}

struct Invisible {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(Invisible { params: super::params(table)? }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Zero-width spaces and joiners: legitimate next to some scripts.
    ZeroWidth,
    /// Marks, embeddings, isolates: legitimate in right-to-left text.
    Bidi,
    /// Overrides: reorder the display, always reported.
    Override,
    /// Soft hyphen, word joiner, invisible operators, BOM: never needed in text.
    Other,
}

fn classify(c: char) -> Option<(Kind, &'static str)> {
    Some(match c {
        '\u{ad}' => (Kind::Other, "soft hyphen"),
        '\u{200b}' => (Kind::ZeroWidth, "zero width space"),
        '\u{200c}' => (Kind::ZeroWidth, "zero width non-joiner"),
        '\u{200d}' => (Kind::ZeroWidth, "zero width joiner"),
        '\u{200e}' => (Kind::Bidi, "left-to-right mark"),
        '\u{200f}' => (Kind::Bidi, "right-to-left mark"),
        '\u{202a}' => (Kind::Bidi, "left-to-right embedding"),
        '\u{202b}' => (Kind::Bidi, "right-to-left embedding"),
        '\u{202c}' => (Kind::Bidi, "pop directional formatting"),
        '\u{202d}' => (Kind::Override, "left-to-right override"),
        '\u{202e}' => (Kind::Override, "right-to-left override"),
        '\u{2060}' => (Kind::Other, "word joiner"),
        '\u{2061}'..='\u{2064}' => (Kind::Other, "invisible operator"),
        '\u{2066}' => (Kind::Bidi, "left-to-right isolate"),
        '\u{2067}' => (Kind::Bidi, "right-to-left isolate"),
        '\u{2068}' => (Kind::Bidi, "first strong isolate"),
        '\u{2069}' => (Kind::Bidi, "pop directional isolate"),
        '\u{feff}' => (Kind::Other, "byte-order mark in mid-text"),
        _ => return None,
    })
}

/// Characters of scripts and sequences that use zero-width characters.
fn needs_zero_width(c: char) -> bool {
    let u = c as u32;
    u >= 0x370 && !(0x2000..=0x206F).contains(&u)
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

impl Detector for Invisible {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.body();
        let text = doc.text();
        let bytes = text.as_bytes();
        if text[body.range()].is_ascii() {
            return;
        }
        let mut pos = body.start;
        // Lead bytes: U+00AD is C2 AD, U+200B..U+2069 are E2 80/81 xx, U+FEFF is EF BB BF.
        while let Some(i) = memchr::memchr3(0xC2, 0xE2, 0xEF, &bytes[pos..body.end]) {
            let start = pos + i;
            let Some(c) = text[start..].chars().next() else { break };
            pos = start + c.len_utf8();
            let Some((kind, name)) = classify(c) else { continue };
            if !self.wanted(doc, start, pos, kind, c) {
                continue;
            }
            let mut end = pos;
            while let Some(next) = text[end..body.end].chars().next() {
                if classify(next).map(|(k, _)| k) != Some(kind) {
                    break;
                }
                end += next.len_utf8();
            }
            pos = end;
            let span = Span::new(start, end);
            let mut edit = Edit::delete(span);
            if matches!(kind, Kind::Bidi | Kind::Override) {
                edit = edit.with_safety(Safety::Unsafe);
            }
            out.push(Finding::new(span).arg("name", name).arg("code", format!("{:04X}", c as u32)).fix(edit));
        }
    }
}

impl Invisible {
    fn wanted(&self, doc: &Document<'_>, start: usize, end: usize, kind: Kind, c: char) -> bool {
        let text = doc.text();
        match kind {
            Kind::Other if c == '\u{ad}' => self.params.soft_hyphen,
            Kind::Other | Kind::Override => true,
            Kind::ZeroWidth => {
                let prev = text[..start].chars().next_back();
                let next = text[end..].chars().next();
                !prev.into_iter().chain(next).any(needs_zero_width)
            }
            Kind::Bidi => {
                // A line of right-to-left text may need its marks, unless
                // one stands inside a word of left-to-right letters
                // (`Sultan\u{200f}'s`).
                let line = doc.lines()[doc.line_at(start)];
                let ltr = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_rtl(c));
                let mut after = text[end..].chars();
                let next = match after.next() {
                    Some('\'' | '’') => after.next(),
                    c => c,
                };
                let in_word = ltr(text[..start].chars().next_back()) && ltr(next);
                self.params.bidi && (in_word || !text[line.range()].chars().any(is_rtl))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_and_persian_joiners_are_legitimate() {
        assert!(needs_zero_width('👨'));
        assert!(needs_zero_width('ی'));
        assert!(!needs_zero_width('a'));
        assert!(!needs_zero_width('’'));
    }
}
