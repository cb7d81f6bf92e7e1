//! Corpus-level checks: defects no single document can show.
//!
//! A name spelled `Anthony Blinken` in one article is only suspicious next
//! to the three articles that spell it `Antony Blinken`; a line is site
//! chrome when it repeats across hundreds of pages; two articles are the same
//! wire story only when compared. These checks run as a second pass over
//! everything a run was given, files and JSONL records alike.
//!
//! The pass is split so that it streams like the per-document pass:
//!
//! - [`CorpusCheck::observe`] runs in the parallel workers, on each
//!   document, and returns a compact [`Observation`] (candidate names with
//!   their spans, hashes of short lines, a MinHash signature), never the text.
//! - A [`Tally`] merges observations in input order in the sink. In memory
//!   it keeps small summaries per *distinct candidate* (a frequent short
//!   line, a name spelling, a place form); whatever is per document or per
//!   occurrence (positions of a line in every page, MinHash band hashes,
//!   the lines a finding will quote) goes to temporary files (see
//!   [`spill`]), so memory does not grow with the size of the corpus.
//! - [`Tally::finish`] returns a [`Report`] that yields findings one at a
//!   time in output order, reading back what was spilled. A large corpus
//!   can have millions of findings of site chrome; each is materialised as
//!   a [`CorpusFinding`] carrying the text of the line it points into, so
//!   the output layer renders a snippet without reading the document again
//!   and drops it before the next one.
//!
//! What still grows in memory, with the vocabulary rather than the size:
//! `repeated-boilerplate`'s table of short lines, bounded by lossy counting
//! when `min-fraction` is above zero; `name-variant`'s table of spellings
//! (a count and a first location per distinct name); and, with a corpus
//! index, the content keys of the run's units.
//!
//! Corpus checks are rules like any other: a TOML file names the check with
//! `detector = "..."`, declares `scope = "corpus"`, and keeps thresholds in
//! `[rule.params]`. Their examples hold several documents separated by a
//! [`DOCUMENT_SEPARATOR`] line.

mod boilerplate;
pub mod index;
mod name_variant;
pub mod names;
mod near_duplicate;
mod pass;
mod place_variant;
mod spill;

pub use spill::any_failed as spill_failed;

use std::any::Any;

pub use pass::{CorpusPass, Findings, Observed, Rendered};

use crate::detectors::BuildContext;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;

/// What a check learned from one document, handed from a worker to the sink.
/// Each check downcasts its own type.
pub type Observation = Box<dyn Any + Send>;

/// Identifies a unit (file, chunk or record) by its position in the run.
pub type UnitKey = u32;

/// A check over the whole corpus, built from a rule's `[rule.params]`.
pub trait CorpusCheck: Send + Sync {
    /// Runs in the parallel workers: cheap, and returns compact data.
    fn observe(&self, doc: &Document<'_>) -> Observation;
    /// A fresh accumulator for one run.
    fn tally(&self) -> Box<dyn Tally>;
}

/// Accumulates observations in input order, then reports.
pub trait Tally: Send {
    /// Merges the observation of `unit`. Returns whether the tally may later
    /// name `unit` (in a finding or a label), so the pass keeps its name.
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool;
    /// Counts a document known only from a corpus index (see [`index`]): it
    /// votes, but is never reported.
    fn absorb(&mut self, _doc: &index::IndexedDoc) {}
    /// What to report, once every unit has been merged.
    fn finish(self: Box<Self>) -> Box<dyn Report>;
}

/// A tally's findings, produced one at a time in output order: by unit, then
/// by the byte offset of their locus in the unit, then in the tally's own
/// order. A report reads what it spilled (see [`spill`]) as it goes, so a
/// million findings never sit in memory together.
pub trait Report: Send {
    /// Where the next finding points: its unit, and the byte offset in the
    /// unit of its locus. `None` when every finding has been taken.
    fn peek(&mut self) -> Option<(UnitKey, usize)>;
    /// Takes the finding [`Report::peek`] pointed at; `places` names units
    /// for its labels.
    fn next(&mut self, places: &dyn Places) -> Option<CorpusFinding>;
}

/// Names a position in another unit for a label: `path:line`.
pub trait Places {
    /// `line` is the 0-based line index inside the unit's text.
    fn place(&self, unit: UnitKey, line: usize) -> String;
}

/// Names places `#unit:line`, for tests.
#[cfg(test)]
pub(crate) struct Nowhere;

#[cfg(test)]
impl Places for Nowhere {
    fn place(&self, unit: UnitKey, line: usize) -> String {
        format!("#{unit}:{line}")
    }
}

/// Every finding of `report` with the position it was peeked at, for tests.
#[cfg(test)]
pub(crate) fn drain(report: &mut dyn Report) -> Vec<((UnitKey, usize), CorpusFinding)> {
    let mut out = Vec::new();
    while let Some(at) = report.peek() {
        let f = report.next(&Nowhere).expect("a peeked finding");
        assert_eq!(at, (f.unit, f.locus.start), "peek and next agree");
        out.push((at, f));
    }
    assert!(report.next(&Nowhere).is_none());
    out
}

/// A line of a unit, kept so a finding can be rendered without the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locus {
    /// The line's text, without its terminator.
    pub text: std::sync::Arc<str>,
    /// Byte offset of the line in the unit's text.
    pub start: usize,
    /// 0-based line index in the unit's text.
    pub line: usize,
}

impl Locus {
    /// The line of `doc` containing byte `offset`.
    pub fn of(doc: &Document<'_>, offset: usize) -> Locus {
        let line = doc.line_at(offset);
        let span = doc.lines().get(line).copied().unwrap_or_default();
        Locus { text: doc.slice(span).into(), start: span.start, line }
    }
}

/// A span inside one line of a unit, in 12 bytes: what a tally keeps per
/// occurrence when it has many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct At {
    /// 0-based line index in the unit's text.
    pub line: u32,
    pub start: u32,
    pub end: u32,
}

impl At {
    /// `None` for a position past 4 GiB into a unit, which only a
    /// `--chunk-size` that large allows; such a line is not observed.
    pub fn new(line: usize, span: Span) -> Option<At> {
        let pos = |x: usize| u32::try_from(x).ok();
        Some(At { line: pos(line)?, start: pos(span.start)?, end: pos(span.end)? })
    }

    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// A finding in one unit; `finding.span` indexes the unit's text and lies in
/// `locus`.
#[derive(Debug, Clone)]
pub struct CorpusFinding {
    pub unit: UnitKey,
    pub locus: Locus,
    pub finding: Finding,
}

/// Builds a check from its `[rule.params]`.
pub type BuildFn = fn(&toml::Table, &BuildContext) -> Result<Box<dyn CorpusCheck>, String>;

/// What the rule loader needs to know about a corpus check.
pub struct Info {
    pub name: &'static str,
    /// Message placeholders the check fills in, besides `{match}`.
    pub args: &'static [&'static str],
    pub build: BuildFn,
}

/// Every corpus check.
pub static CHECKS: &[Info] =
    &[boilerplate::INFO, name_variant::INFO, near_duplicate::INFO, place_variant::INFO];

/// Looks a corpus check up by name.
pub fn find(name: &str) -> Option<&'static Info> {
    CHECKS.iter().find(|c| c.name == name)
}

/// The line that separates documents in a corpus rule's example text.
pub const DOCUMENT_SEPARATOR: &str = "--- next document ---";

/// Splits an example into documents: (byte offset, text) of each.
pub fn split_example(text: &str) -> Vec<(usize, &str)> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == DOCUMENT_SEPARATOR {
            docs.push((start, &text[start..pos]));
            start = pos + line.len();
        }
        pos += line.len();
    }
    docs.push((start, &text[start..]));
    docs
}

/// Runs one corpus rule over an example holding several documents; spans
/// index the whole example text. What rule examples use.
pub fn lint_example(rule: &Rule, check: &dyn CorpusCheck, text: &str) -> Vec<Diagnostic> {
    struct ExamplePlaces;
    impl Places for ExamplePlaces {
        fn place(&self, unit: UnitKey, line: usize) -> String {
            format!("document {}:{}", unit + 1, line + 1)
        }
    }
    let docs = split_example(text);
    let mut tally = check.tally();
    for (i, (_, doc)) in docs.iter().enumerate() {
        tally.merge(i as UnitKey, check.observe(&Document::new(doc)));
    }
    let mut report = tally.finish();
    let mut out: Vec<Diagnostic> = std::iter::from_fn(|| report.next(&ExamplePlaces))
        .map(|f| {
            let offset = docs[f.unit as usize].0 + f.locus.start;
            let mut d = pass::diagnostic(rule, &f);
            d.span = d.span.shift(offset);
            if let Some(fix) = &mut d.fix {
                fix.span = fix.span.shift(offset);
            }
            d
        })
        .collect();
    crate::lint::finish(&mut out);
    out
}

/// A span of `doc` as a [`Span`] relative to `locus`.
/// A check bug must not become a panic in the output layer: a span outside
/// its line is clamped to the line.
pub(crate) fn relative(span: Span, locus: &Locus) -> Span {
    let len = locus.text.len();
    let end = span.end.saturating_sub(locus.start).min(len);
    let start = span.start.saturating_sub(locus.start).min(end);
    debug_assert!(span.start >= locus.start && span.end - locus.start <= len, "span outside its locus");
    if locus.text.is_char_boundary(start) && locus.text.is_char_boundary(end) {
        Span::new(start, end)
    } else {
        Span::new(0, len)
    }
}

/// FNV-1a: a fast, stable 64-bit hash (stable across runs, so a corpus index
/// written by one run can be read by another).
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The General Punctuation block: dashes, curly quotes, spaces and more,
/// common between words in news text. It holds no letter or digit (a test
/// checks), so word scanners skip it without the slow Unicode tables.
pub(crate) const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        assert!(GENERAL_PUNCTUATION.into_iter().all(|c| !c.is_alphanumeric()));
    }

    #[test]
    fn examples_split_on_separator_lines() {
        let text = "one\n--- next document ---\ntwo\nmore\n--- next document ---\nthree";
        let docs = split_example(text);
        assert_eq!(docs.iter().map(|d| d.1).collect::<Vec<_>>(), ["one\n", "two\nmore\n", "three"]);
        assert_eq!(&text[docs[2].0..], "three");
        assert_eq!(split_example("alone").len(), 1);
    }
}
