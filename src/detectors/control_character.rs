//! `control-character`: C0 control characters (other than tab and line
//! breaks) and DEL in text.
//!
//! A backspace, an escape or a NUL in a news article is debris from a
//! terminal, a PDF extractor or a broken conversion. They are invisible in
//! most viewers, break XML and JSON consumers, and glue or split words.
//! Deleting one leaves the visible text unchanged (safe), except for the
//! separators (vertical tab, form feed, U+001C-U+001F) that stood between
//! words or pages, which become a space (unsafe), and SUBSTITUTE (U+001A),
//! which marks a character lost in conversion, so there is nothing to
//! restore. C1 controls (U+0080-U+009F) are mojibake and reported by the
//! `mojibake` detector.
//!
//! Clean text costs one branch-free pass over its bytes.

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::{Safety, Span};
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "control-character", args: &["name", "code"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Also report form feeds (page breaks in some plain-text exports).
    #[serde(default = "yes")]
    form_feed: bool,
}

fn yes() -> bool {
    true
}

struct ControlCharacter {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(ControlCharacter { params: super::params(table)? }))
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F
}

/// Whether any byte is a control, in 64-byte blocks the compiler vectorizes.
fn any_control(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| block.iter().fold(false, |acc, &b| acc | is_control(b)))
}

fn name(b: u8) -> &'static str {
    const NAMES: [&str; 32] = [
        "null",
        "start of heading",
        "start of text",
        "end of text",
        "end of transmission",
        "enquiry",
        "acknowledge",
        "bell",
        "backspace",
        "tab",
        "line feed",
        "vertical tab",
        "form feed",
        "carriage return",
        "shift out",
        "shift in",
        "data link escape",
        "device control one",
        "device control two",
        "device control three",
        "device control four",
        "negative acknowledge",
        "synchronous idle",
        "end of transmission block",
        "cancel",
        "end of medium",
        "substitute",
        "escape",
        "file separator",
        "group separator",
        "record separator",
        "unit separator",
    ];
    NAMES.get(b as usize).copied().unwrap_or("delete")
}

impl Detector for ControlCharacter {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.body();
        let bytes = &doc.text().as_bytes()[body.range()];
        if !any_control(bytes) {
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !is_control(b) || (b == 0x0C && !self.params.form_feed) {
                i += 1;
                continue;
            }
            let end = i + bytes[i..].iter().take_while(|&&x| x == b).count();
            let span = Span::new(body.start + i, body.start + end);
            let finding = Finding::new(span).arg("name", name(b)).arg("code", format!("{b:04X}"));
            out.push(match b {
                0x1A => finding,
                0x0B | 0x0C | 0x1C..=0x1F => finding.fix(Edit::new(span, " ").with_safety(Safety::Unsafe)),
                _ => finding.fix(Edit::delete(span)),
            });
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_recognized() {
        assert!(any_control(b"Minister\x08 Justin"));
        assert!(any_control(&[b'a'; 200].iter().copied().chain([0x7F]).collect::<Vec<_>>()));
        assert!(!any_control(b"tab\there\r\nline"));
        assert_eq!(name(0x08), "backspace");
        assert_eq!(name(0x7F), "delete");
    }
}
