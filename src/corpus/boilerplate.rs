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
//! Memory: one entry per distinct short line, holding its occurrences, but
//! pruned by lossy counting (Manku and Motwani): the documents are cut into
//! buckets of `1 / epsilon` with `epsilon = min-fraction / 10`, and at each
//! bucket boundary a line whose count cannot reach the bucket number is
//! dropped. A line in at least `min-fraction` of the documents is never
//! dropped (its count is at most `epsilon * N` short of the truth), while
//! the lines seen once, most of a large corpus, no longer accumulate.

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
        Box::new(LineTally::new(self.params.clone()))
    }
}

#[derive(Default)]
struct LineEntry {
    /// Distinct contexts seen, up to `min-docs`.
    contexts: Vec<u64>,
    /// (unit, span, line index) of every document with the line.
    occurrences: Vec<(UnitKey, Span, usize)>,
    /// Lossy counting: the most occurrences the line may have had before
    /// it was (re)inserted.
    delta: u64,
}

struct LineTally {
    params: Params,
    lines: HashMap<Box<str>, LineEntry>,
    documents: u64,
    /// Lossy-counting bucket width in documents (`u64::MAX`: never prune).
    bucket: u64,
}

impl LineTally {
    fn new(params: Params) -> LineTally {
        let bucket = if params.min_fraction > 0.0 {
            (10.0 / params.min_fraction).ceil().max(1.0) as u64
        } else {
            u64::MAX
        };
        LineTally { params, lines: HashMap::new(), documents: 0, bucket }
    }

    /// The current lossy-counting bucket, numbered from 1.
    fn bucket_id(&self) -> u64 {
        self.documents.div_ceil(self.bucket).max(1)
    }

    /// At a bucket boundary, drops the lines that cannot be frequent.
    fn prune(&mut self) {
        if self.documents % self.bucket == 0 {
            let b = self.bucket_id();
            self.lines.retain(|_, e| e.occurrences.len() as u64 + e.delta > b);
        }
    }
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
                let delta = self.bucket_id() - 1;
                self.lines.insert(text.into(), LineEntry { delta, ..LineEntry::default() });
            }
            let Some(entry) = self.lines.get_mut(text) else { continue };
            if entry.contexts.len() < self.params.min_docs as usize && !entry.contexts.contains(&s.context) {
                entry.contexts.push(s.context);
            }
            entry.occurrences.push((unit, s.span, s.locus.line));
        }
        self.prune();
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
            // One copy of the line for all its findings.
            let text: std::sync::Arc<str> = text.into();
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

#[cfg(test)]
mod tests {
    use super::*;

    struct Nowhere;
    impl Places for Nowhere {
        fn place(&self, unit: UnitKey, line: usize) -> String {
            format!("#{unit}:{line}")
        }
    }

    /// `n` documents, each with a line of its own and the same chrome line,
    /// between long paragraphs of their own. Returns the table size at the
    /// end and the findings.
    fn run(n: u32, min_fraction: f64) -> (usize, Vec<CorpusFinding>) {
        let check = Boilerplate { params: Params { max_words: 12, min_docs: 3, min_fraction } };
        let mut tally = LineTally::new(check.params.clone());
        for i in 0..n {
            let text = format!(
                "Officials in district {i} said the budget for roads and schools would rise next year.\n\n\
                 Only here in document {i}\n\nSubscribe to our newsletter\n\n\
                 The council of district {i} will vote on the plan before the end of the month."
            );
            let doc = Document::new(&text);
            tally.merge(i, check.observe(&doc));
        }
        (tally.lines.len(), Box::new(tally).finish(&Nowhere))
    }

    #[test]
    fn lines_seen_once_are_pruned_and_frequent_lines_are_kept() {
        let (lines, findings) = run(5_000, 0.01);
        // Bucket of 1,000 documents: at most one bucket of one-off lines
        // survives, instead of 5,000.
        assert!(lines <= 1_001, "{lines} lines kept");
        let chrome = findings.iter().filter(|f| f.locus.text.contains("Subscribe")).count();
        assert_eq!(chrome, 5_000);
        assert!(findings.iter().all(|f| f.locus.text.contains("Subscribe")));
    }

    #[test]
    fn no_fraction_means_no_pruning() {
        let (lines, _) = run(1_500, 0.0);
        assert_eq!(lines, 1_501);
    }
}
