//! `replacement-character`: U+FFFD, the mark a decoder leaves where it met
//! bytes it could not decode.
//!
//! Each `�` stands for a character that is gone (`BOGOT�`,
//! `Trois-Rivi�res`): the text was decoded with the wrong encoding, or
//! truncated in the middle of a character, before it reached the corpus. The
//! original cannot be recovered from the text, so there is no fix; a run of
//! consecutive replacement characters is one finding.

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "replacement-character", args: &["count"], build };

const FFFD: &str = "\u{fffd}";

struct ReplacementCharacter;

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    super::no_params(table)?;
    Ok(Box::new(ReplacementCharacter))
}

impl Detector for ReplacementCharacter {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.body();
        let text = &doc.text()[body.range()];
        if text.is_ascii() {
            return;
        }
        let finder = memchr::memmem::Finder::new(FFFD);
        let mut pos = 0;
        while let Some(i) = finder.find(&text.as_bytes()[pos..]) {
            let start = pos + i;
            let count = text[start..].chars().take_while(|&c| c == '\u{fffd}').count();
            let end = start + count * FFFD.len();
            out.push(
                Finding::new(Span::new(body.start + start, body.start + end)).arg("count", count.to_string()),
            );
            pos = end;
        }
    }
}
