//! The units of a document a rule's `scope` names.

use super::def::Scope;
use crate::diagnostic::Span;
use crate::document::Document;

/// The spans a scope covers, borrowed from the document where possible.
pub enum Units<'d> {
    Many(&'d [Span]),
    One([Span; 1]),
    None,
}

impl Units<'_> {
    pub fn as_slice(&self) -> &[Span] {
        match self {
            Units::Many(s) => s,
            Units::One(one) => one,
            Units::None => &[],
        }
    }
}

pub fn units<'d>(doc: &'d Document<'_>, scope: Scope) -> Units<'d> {
    match scope {
        Scope::Document | Scope::Corpus => Units::One([doc.body()]),
        Scope::Headline => doc.headline().map_or(Units::None, |h| Units::One([h])),
        Scope::Line => Units::Many(doc.lines()),
        Scope::Paragraph => Units::Many(doc.paragraphs()),
        Scope::Sentence => Units::Many(doc.sentences()),
    }
}

/// Is `c` part of a word, for whole-word phrase matching?
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Does `text[start..end]` sit between word boundaries?
pub fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left = !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let right = !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    left && right
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_are_unicode_aware() {
        assert!(at_word_boundaries("say Leave a Reply.", 4, 17));
        assert!(!at_word_boundaries("Müllerx", 0, 6));
        assert!(!at_word_boundaries("xMüller", 1, 7));
        assert!(at_word_boundaries("(© 2019)", 1, 3));
    }
}
