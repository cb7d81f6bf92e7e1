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
//! Memory: one entry per distinct short line, holding its text once and
//! its occurrences as 16-byte positions (never a copy of the text), but
//! pruned by lossy counting (Manku and Motwani): the documents are cut into
//! buckets of `1 / epsilon` with `epsilon = min-fraction / 10`, and at each
//! bucket boundary a line whose count cannot reach the bucket number is
//! dropped. A line in at least `min-fraction` of the documents is never
//! dropped (its count is at most `epsilon * N` short of the truth), while
//! the lines seen once, most of a large corpus, no longer accumulate.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::{At, CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey, fnv};
use crate::detectors::BuildContext;
use crate::diagnostic::Label;
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
    text: Box<str>,
    at: At,
    context: u64,
}

impl Boilerplate {
    fn is_short(&self, text: &str) -> bool {
        // Counting stops past the limit: long paragraphs are the common case.
        let within = text.split_whitespace().nth(self.params.max_words).is_none();
        within && text.chars().any(char::is_lowercase)
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
            let line = doc.line_at(para.start);
            if line != doc.line_at(para.end) || out.iter().any(|s| &*s.text == text) {
                continue;
            }
            let Some(at) = At::new(line, para) else { continue };
            let next_long = (i + 1..paras.len()).find(|&j| !short[j]);
            let context = long_hash(previous_long) ^ long_hash(next_long).rotate_left(1);
            out.push(Short { text: text.into(), at, context });
        }
        Box::new(out)
    }

    fn tally(&self) -> Box<dyn Tally> {
        Box::new(LineTally::new(self.params.clone()))
    }
}

/// Where a line occurs: its unit and its span there, 16 bytes.
type Occurrence = (UnitKey, At);

#[derive(Default)]
struct LineEntry {
    /// Distinct contexts seen, up to `min-docs`.
    contexts: Vec<u64>,
    /// Every document with the line, and where in it: 16 bytes each, as a
    /// frequent line is in every document of a site.
    occurrences: Vec<Occurrence>,
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
            let delta = self.bucket_id() - 1;
            let entry =
                self.lines.entry(s.text).or_insert_with(|| LineEntry { delta, ..LineEntry::default() });
            if entry.contexts.len() < self.params.min_docs as usize && !entry.contexts.contains(&s.context) {
                entry.contexts.push(s.context);
            }
            entry.occurrences.push((unit, s.at));
        }
        self.prune();
        keep
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        let p = &self.params;
        let by_fraction = (p.min_fraction * self.documents as f64).ceil() as usize;
        let min_docs = (p.min_docs as usize).max(by_fraction);
        let mut lines: Vec<(Arc<str>, Vec<Occurrence>)> = self
            .lines
            .into_iter()
            .filter(|(_, e)| e.occurrences.len() >= min_docs && e.contexts.len() >= p.min_docs as usize)
            .map(|(text, e)| (text.into(), e.occurrences))
            .collect();
        // Hash order would do (no two lines share a position), but a stable
        // numbering is easier to debug.
        lines.sort_unstable_by_key(|(_, occurrences)| (occurrences[0].0, occurrences[0].1.start));
        let mut ends = Vec::with_capacity(lines.len());
        let mut total = 0;
        for (_, occurrences) in &lines {
            total += occurrences.len();
            ends.push(total);
        }
        Box::new(Repeated { lines, ends })
    }
}

/// The frequent lines, each with its text once and every occurrence.
struct Repeated {
    lines: Vec<(Arc<str>, Vec<Occurrence>)>,
    /// Findings are numbered line after line: `ends[k]` is one past the
    /// number of the last occurrence of line `k`.
    ends: Vec<usize>,
}

impl Repeated {
    /// Finding `i` as (line, occurrence within the line).
    fn locate(&self, i: usize) -> (usize, usize) {
        let k = self.ends.partition_point(|&end| end <= i);
        let before = if k == 0 { 0 } else { self.ends[k - 1] };
        (k, i - before)
    }
}

impl Report for Repeated {
    fn count(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    fn position(&self, i: usize) -> (UnitKey, usize) {
        let (k, j) = self.locate(i);
        let (unit, at) = self.lines[k].1[j];
        (unit, at.start as usize)
    }

    fn finding(&self, i: usize, places: &dyn Places) -> CorpusFinding {
        let (k, j) = self.locate(i);
        let (text, occurrences) = &self.lines[k];
        let (unit, at) = occurrences[j];
        let mut finding = Finding::new(at.span()).arg("docs", occurrences.len().to_string());
        if j > 0 {
            let (first_unit, first) = occurrences[0];
            finding =
                finding.label(Label::elsewhere(places.place(first_unit, first.line as usize), "first seen"));
        }
        let locus = Locus { text: text.clone(), start: at.start as usize, line: at.line as usize };
        CorpusFinding { unit, locus, finding }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Nowhere;

    /// `n` documents, each with a line of its own and the same chrome line,
    /// between long paragraphs of their own. Returns the table size at the
    /// end and the findings.
    fn run(n: u32, min_fraction: f64) -> (usize, Vec<CorpusFinding>) {
        let (lines, report) = tally(n, min_fraction);
        (lines, (0..report.count()).map(|i| report.finding(i, &Nowhere)).collect())
    }

    /// [`run`], with the report unrendered.
    fn tally(n: u32, min_fraction: f64) -> (usize, Box<dyn Report>) {
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
        (tally.lines.len(), Box::new(tally).finish())
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

    #[test]
    fn occurrences_are_positions_and_the_text_is_kept_once() {
        // A frequent line is in every document: what each occurrence costs
        // is what a corpus of a million pages costs a million times.
        assert_eq!(std::mem::size_of::<Occurrence>(), 16);
        let (_, report) = tally(50, 0.01);
        assert_eq!(report.count(), 50);
        let (first, last) = (report.finding(0, &Nowhere), report.finding(49, &Nowhere));
        assert!(
            Arc::ptr_eq(&first.locus.text, &last.locus.text),
            "one copy of the line for all its findings"
        );
        assert_eq!(report.position(49), (49, last.finding.span.start));
        assert_eq!(last.finding.labels[0].message, "first seen");
    }
}
