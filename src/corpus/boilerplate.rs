//! `repeated-boilerplate`: a short line repeated across many documents.
//!
//! A scraper that misses a site's chrome leaves the same `Share this
//! article` or `Sign up for our newsletter` line in every page of that site.
//! One page cannot tell chrome from content; the corpus can. Every short
//! single-line paragraph is counted once per document it appears in.
//!
//! Syndicated wire copy repeats lines too, but with the story around them.
//! So each occurrence also records its context (the nearest long paragraphs
//! before and after it): a line counts as boilerplate only when it is seen
//! in at least `min-docs` different contexts, which two copies of one story
//! never give. Datelines (`GENEVA`) and other all-caps lines are skipped.
//!
//! Memory: one entry per distinct short line, holding its occurrences.

use std::collections::HashMap;

use serde::Deserialize;

use super::{CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Tally, UnitKey, fnv};
use crate::detectors::BuildContext;
use crate::diagnostic::{Label, Span};
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "repeated-boilerplate", args: &["docs"], build };

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Lines with more words are content, not chrome.
    max_words: usize,
    /// A line must be in at least this many documents, in as many contexts...
    min_docs: u32,
    /// ...and in at least this fraction of all documents.
    min_fraction: f64,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn CorpusCheck>, String> {
    let p: Params = crate::detectors::params(table)?;
    if p.min_docs < 2 {
        return Err("`min-docs` must be at least 2".into());
    }
    Ok(Box::new(Boilerplate { params: p }))
}

struct Boilerplate {
    params: Params,
}

/// A short line of one document, with its context hash.
struct Short {
    span: Span,
    locus: Locus,
    context: u64,
}

impl Boilerplate {
    fn is_short(&self, text: &str) -> bool {
        let words = text.split_whitespace().count();
        words <= self.params.max_words && text.chars().any(char::is_lowercase)
    }
}

impl CorpusCheck for Boilerplate {
    fn observe(&self, doc: &Document<'_>) -> Observation {
        let paras = doc.paragraphs();
        let short: Vec<bool> = paras.iter().map(|p| self.is_short(doc.slice(*p))).collect();
        let long_hash = |i: Option<usize>| i.map_or(0, |i| fnv(doc.slice(paras[i]).as_bytes()));
        let mut out: Vec<Short> = Vec::new();
        let mut previous_long = None;
        for (i, &para) in paras.iter().enumerate() {
            if !short[i] {
                previous_long = Some(i);
                continue;
            }
            let text = doc.slice(para);
            let one_line = doc.line_at(para.start) == doc.line_at(para.end);
            if !one_line || out.iter().any(|s| doc.slice(s.span) == text) {
                continue;
            }
            let next_long = (i + 1..paras.len()).find(|&j| !short[j]);
            let context = long_hash(previous_long) ^ long_hash(next_long).rotate_left(1);
            out.push(Short { span: para, locus: Locus::of(doc, para.start), context });
        }
        Box::new(out)
    }

    fn tally(&self) -> Box<dyn Tally> {
        Box::new(LineTally { params: self.params.clone(), lines: HashMap::new(), documents: 0 })
    }
}

#[derive(Default)]
struct LineEntry {
    /// Distinct contexts seen, up to `min-docs`.
    contexts: Vec<u64>,
    /// (unit, span, line index) of every document with the line.
    occurrences: Vec<(UnitKey, Span, usize)>,
}

struct LineTally {
    params: Params,
    lines: HashMap<Box<str>, LineEntry>,
    documents: u64,
}

impl Tally for LineTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        self.documents += 1;
        let Ok(shorts) = observation.downcast::<Vec<Short>>() else { return false };
        let keep = !shorts.is_empty();
        for s in *shorts {
            let text = &s.locus.text[s.span.start - s.locus.start..s.span.end - s.locus.start];
            // Look up before allocating a key: most lines were seen before
            // or will never be seen again, and the sink is serial.
            if !self.lines.contains_key(text) {
                self.lines.insert(text.into(), LineEntry::default());
            }
            let Some(entry) = self.lines.get_mut(text) else { continue };
            if entry.contexts.len() < self.params.min_docs as usize && !entry.contexts.contains(&s.context) {
                entry.contexts.push(s.context);
            }
            entry.occurrences.push((unit, s.span, s.locus.line));
        }
        keep
    }

    fn finish(self: Box<Self>, places: &dyn Places) -> Vec<CorpusFinding> {
        let p = &self.params;
        let by_fraction = (p.min_fraction * self.documents as f64).ceil() as usize;
        let min_docs = (p.min_docs as usize).max(by_fraction);
        let mut out = Vec::new();
        for (text, e) in self.lines {
            let docs = e.occurrences.len();
            if docs < min_docs || e.contexts.len() < p.min_docs as usize {
                continue;
            }
            let (first_unit, _, first_line) = e.occurrences[0];
            let first = places.place(first_unit, first_line);
            for (i, &(unit, span, line)) in e.occurrences.iter().enumerate() {
                let mut finding = Finding::new(span).arg("docs", docs.to_string());
                if i > 0 {
                    finding = finding.label(Label::elsewhere(first.clone(), "first seen"));
                }
                let locus = Locus { text: text.clone(), start: span.start, line };
                out.push(CorpusFinding { unit, locus, finding });
            }
        }
        out
    }
}
