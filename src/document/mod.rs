//! The document model: a text split once into lines, paragraphs, sentences
//! and a headline, all as byte spans into the original text.
//!
//! Rules never re-split text themselves; they ask the document for the units
//! their `scope` names. Every span here indexes the original string, so a
//! diagnostic found in a sentence points at the same bytes in the file, CRLF
//! line endings and a UTF-8 byte-order mark included.
//!
//! Paragraphs: scraped news comes in two layouts. Most scraped text is
//! unwrapped, one paragraph per line, with or without blank lines between.
//! Hand-edited Markdown is often hard-wrapped, where a paragraph is a block of
//! lines separated by blank lines. A document is treated as hard-wrapped when
//! no line is longer than [`WRAP_WIDTH`] characters and at least a third of
//! the line breaks inside blocks continue a sentence (the next line starts in
//! lowercase); otherwise every non-blank line is its own paragraph.

mod sentences;

use crate::diagnostic::Span;

pub use sentences::{ends_with_abbreviation, is_abbreviation};

/// Lines longer than this (in chars) mean the text is not hard-wrapped.
pub const WRAP_WIDTH: usize = 100;

const BOM: &str = "\u{feff}";

/// How the text should be read: plain text, or Markdown (front matter skipped,
/// `#` headings recognized).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

/// A segmented text. Cheap to build: one pass for lines; sentences are split
/// on first use, so rule sets without sentence rules never pay for them.
#[derive(Debug)]
pub struct Document<'t> {
    text: &'t str,
    body: Span,
    lines: Vec<Span>,
    paragraphs: Vec<Span>,
    /// Sentences, and the index into `paragraphs` of each one's paragraph.
    sentences: std::cell::OnceCell<(Vec<Span>, Vec<u32>)>,
    /// Person-name candidates, found on first use.
    names: std::cell::OnceCell<Vec<Span>>,
    /// Capitalised words of the body, found on first use.
    capitalised: std::cell::OnceCell<Vec<Span>>,
    headline: Option<usize>,
    wrapped: bool,
    first: bool,
    last: bool,
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        Document::with_format(text, Format::Text)
    }

    pub fn with_format(text: &'t str, format: Format) -> Document<'t> {
        Document::part(text, format, true, true)
    }

    /// A document that may be one chunk of a larger file: `first` is false
    /// when text comes before it (then it has no headline), `last` is false
    /// when text comes after it.
    pub fn part(text: &'t str, format: Format, first: bool, last: bool) -> Document<'t> {
        let mut body_start = if first && text.starts_with(BOM) { BOM.len() } else { 0 };
        if first && format == Format::Markdown {
            body_start = skip_front_matter(text, body_start);
        }
        let body = Span::new(body_start, text.len());
        let lines = split_lines(text, body_start);
        let wrapped = is_hard_wrapped(text, &lines);
        let paragraphs = if wrapped { blocks(text, &lines) } else { non_blank(text, &lines) };
        let headline = if first { lines.iter().position(|l| !is_blank(&text[l.range()])) } else { None };
        Document {
            text,
            body,
            lines,
            paragraphs,
            sentences: std::cell::OnceCell::new(),
            names: std::cell::OnceCell::new(),
            capitalised: std::cell::OnceCell::new(),
            headline,
            wrapped,
            first,
            last,
        }
    }

    /// The whole original text, BOM included.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The text after the BOM (and Markdown front matter).
    pub fn body(&self) -> Span {
        self.body
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.range()]
    }

    /// Every line, without its line terminator (`\n`, `\r\n` or lone `\r`).
    pub fn lines(&self) -> &[Span] {
        &self.lines
    }

    /// Paragraphs, trimmed of surrounding whitespace.
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }

    /// Whether `span` is in a correction note, which quotes the wrong
    /// spelling on purpose (`Correction: ... He is Maxime Prévot, not Maxime
    /// Prévost.`).
    pub fn in_correction(&self, span: Span) -> bool {
        let i = self.paragraphs.partition_point(|p| p.end <= span.start);
        self.paragraphs.get(i).is_some_and(|&p| {
            let text = self.slice(p).trim_start();
            ["Correction", "CORRECTION", "Clarification", "CLARIFICATION"].iter().any(|c| text.starts_with(c))
        })
    }

    /// Sentences, in order, each inside one paragraph.
    pub fn sentences(&self) -> &[Span] {
        &self.split_sentences().0
    }

    /// The paragraph index of sentence `i`.
    pub fn paragraph_of_sentence(&self, i: usize) -> usize {
        self.split_sentences().1[i] as usize
    }

    /// The sentences of one paragraph. Splits only that paragraph unless the
    /// whole text is already split, so a rule that needs the sentences of a
    /// few paragraphs does not pay for all of them.
    pub fn sentences_in(&self, para: Span) -> Vec<Span> {
        if let Some((sentences, _)) = self.sentences.get() {
            let from = sentences.partition_point(|s| s.start < para.start);
            let to = sentences.partition_point(|s| s.start < para.end);
            return sentences[from..to].to_vec();
        }
        let mut sentences = Vec::new();
        sentences::split(self.text, para, &mut sentences);
        sentences
    }

    /// The sentence containing `span`, if one does (see [`Document::sentences_in`]).
    pub fn sentence_containing(&self, span: Span) -> Option<Span> {
        let para = span.within(&self.paragraphs)?;
        span.within(&self.sentences_in(para))
    }

    fn split_sentences(&self) -> &(Vec<Span>, Vec<u32>) {
        self.sentences.get_or_init(|| {
            let mut sentences = Vec::new();
            let mut paragraph = Vec::new();
            for (i, p) in self.paragraphs.iter().enumerate() {
                sentences::split(self.text, *p, &mut sentences);
                paragraph.resize(sentences.len(), i as u32);
            }
            (sentences, paragraph)
        })
    }

    /// The runs of capitalised words that may name a person, in order (see
    /// [`crate::corpus::names::candidates`]); found once for the rules that
    /// compare names.
    pub fn name_candidates(&self) -> &[Span] {
        self.names.get_or_init(|| {
            let mut names = Vec::new();
            crate::corpus::names::candidates(self, &mut names);
            names
        })
    }

    /// The capitalised words of the body, in order (see
    /// [`crate::detectors::gazetteer::words::CapWords`]); found once for the
    /// rules that check names.
    pub fn capitalised_words(&self) -> &[Span] {
        self.capitalised.get_or_init(|| {
            // News prose has a capitalised word every 40 bytes or so.
            let mut words = Vec::with_capacity(self.body.len() / 32);
            words.extend(crate::detectors::gazetteer::words::CapWords::new(self.text, self.body));
            words
        })
    }

    /// Index into [`Document::lines`] of the headline: the first non-blank line.
    pub fn headline_line(&self) -> Option<usize> {
        self.headline
    }

    /// The headline, trimmed (for Markdown, without the leading `#`s).
    pub fn headline(&self) -> Option<Span> {
        let line = self.lines[self.headline?];
        let mut span = trim(self.text, line);
        let s = self.slice(span);
        if s.starts_with('#') {
            let hashes = s.len() - s.trim_start_matches('#').len();
            span = trim(self.text, Span::new(span.start + hashes, span.end));
        }
        Some(span)
    }

    /// Whether this text starts its file (false for a later chunk of a huge file).
    pub fn starts_file(&self) -> bool {
        self.first
    }

    /// Whether this text ends its file (false for an earlier chunk of a huge file).
    pub fn ends_file(&self) -> bool {
        self.last
    }

    /// Whether paragraphs are blank-line blocks of hard-wrapped lines.
    pub fn is_hard_wrapped(&self) -> bool {
        self.wrapped
    }

    /// Whether line `i` is a row of a pipe table: it and a line next to it
    /// (blank lines between aside) have the same number of cells (three or
    /// more) between ` | ` bars, and it has a cell that is a number (`Kenya | 8 |
    /// 2 | 3`) or is the header of such a row (`Team | P | W | D` above
    /// it). A menu (`News | Sport | Weather`) has no figures.
    pub fn is_table_row(&self, i: usize) -> bool {
        let cells = |i: usize| -> Option<(usize, bool)> {
            let line = self.slice(*self.lines.get(i)?);
            let bars = line.matches(" | ").count();
            // A cell that is a number (`9,091`, `61.7%`), not a time or a
            // count with its word (`23:15`, `3 comments`).
            let figures = line.split(" | ").map(str::trim).any(|c| {
                c.starts_with(|c: char| c.is_ascii_digit())
                    && c.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | ' ' | '\u{a0}'))
            });
            // Three cells at least: `Headline | Site` over `2025-06-22 | Port
            // Sudan` is a page title and its stamp.
            (bars >= 2).then_some((bars, figures))
        };
        let Some((bars, figures)) = cells(i) else { return false };
        let filled = |&j: &usize| !is_blank(self.slice(self.lines[j]));
        let above = (0..i).rev().find(filled).and_then(cells);
        let below = (i + 1..self.lines.len()).find(filled).and_then(cells);
        // A row of figures next to a row of as many cells, or the header
        // right above one.
        let same = |row: Option<(usize, bool)>| row.filter(|&(b, _)| b == bars);
        figures && (same(above).is_some() || same(below).is_some()) || same(below).is_some_and(|(_, f)| f)
    }

    /// The index of the line containing byte `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        match self.lines.binary_search_by(|l| l.start.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Whitespace-only (or empty) text.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// `span` without leading and trailing whitespace.
pub fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    if start >= end { Span::new(start, start) } else { Span::new(start, end) }
}

fn split_lines(text: &str, start: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut pos = start;
    while pos < bytes.len() {
        match memchr::memchr2(b'\n', b'\r', &bytes[pos..]) {
            Some(i) => {
                let end = pos + i;
                lines.push(Span::new(pos, end));
                pos =
                    if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
            }
            None => {
                lines.push(Span::new(pos, bytes.len()));
                pos = bytes.len();
            }
        }
    }
    lines
}

fn is_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    // Evidence of wrapping: a line break inside a block followed by a line
    // that continues a sentence (starts lowercase). A headline followed by a
    // caption, or one paragraph per line, never looks like that.
    let mut breaks = 0usize;
    let mut continued = 0usize;
    let mut previous_blank = true;
    for line in lines {
        let s = &text[line.range()];
        if s.len() > WRAP_WIDTH && s.chars().count() > WRAP_WIDTH {
            return false;
        }
        let trimmed = s.trim_start();
        let blank = trimmed.is_empty();
        if !blank && !previous_blank {
            breaks += 1;
            if trimmed.starts_with(|c: char| c.is_lowercase()) {
                continued += 1;
            }
        }
        previous_blank = blank;
    }
    breaks > 0 && continued * 3 >= breaks
}

fn non_blank(text: &str, lines: &[Span]) -> Vec<Span> {
    lines.iter().map(|l| trim(text, *l)).filter(|l| !l.is_empty()).collect()
}

fn blocks(text: &str, lines: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines {
        let t = trim(text, *line);
        match (t.is_empty(), current) {
            (true, Some(block)) => {
                out.push(block);
                current = None;
            }
            (true, None) => {}
            (false, Some(block)) => current = Some(Span::new(block.start, t.end)),
            (false, None) => current = Some(t),
        }
    }
    out.extend(current);
    out
}

/// Skips a YAML (`---`) or TOML (`+++`) front-matter block at `start`.
fn skip_front_matter(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    for fence in ["---", "+++"] {
        let Some(after) = rest.strip_prefix(fence) else {
            continue;
        };
        let Some(after) = after.strip_prefix('\n').or_else(|| after.strip_prefix("\r\n")) else {
            continue;
        };
        let mut offset = rest.len() - after.len();
        for line in after.split_inclusive('\n') {
            offset += line.len();
            if line.trim_end() == fence {
                return start + offset;
            }
        }
    }
    start
}

/// The length of the UTF-8 sequence a byte starts: `None` for a byte that
/// cannot start one (ASCII continuation bytes `80..=BF`, and `C0`, `C1`,
/// `F5..=FF`, which never occur in UTF-8).
pub fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0x00..=0x7F => Some(1),
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
