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
//! Memory: one entry per distinct short line, holding its text once, a
//! count and its first occurrence; the occurrences themselves (20 bytes
//! each) are written to a temporary file in input order, which is the
//! order they are reported in. The table is pruned by lossy counting
//! (Manku and Motwani): the documents are cut into buckets of `1 /
//! epsilon` with `epsilon = min-fraction / 10`, and at each bucket boundary
//! a line whose count cannot reach the bucket number is dropped, with the
//! occurrences of it not yet written. A line in at least `min-fraction` of
//! the documents is never dropped (its count is at most `epsilon * N` short
//! of the truth), while the lines seen once, most of a large corpus, no
//! longer accumulate: the table holds at most about `(1 / epsilon) *
//! log(epsilon * N)` lines. With `min-fraction = 0` nothing is pruned.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use super::spill::{Fields, Log, Reader};
use super::{At, CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey};
use crate::detectors::navigation::is_byline;
use crate::detectors::{BuildContext, byte_masks};
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
    /// Subheads that editors reuse across stories (`What happens next`):
    /// content, however often they repeat. Compared case-insensitively,
    /// without a trailing `:` or `?`.
    #[serde(default)]
    editorial: Vec<String>,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn CorpusCheck>, String> {
    let mut p: Params = crate::detectors::params(table)?;
    if p.min_docs < 2 {
        return Err("`min-docs` must be at least 2".into());
    }
    // Kept as keys only: the params travel on to every tally.
    let editorial: HashSet<String> =
        std::mem::take(&mut p.editorial).iter().map(|l| editorial_key(l)).collect();
    let editorial_len = editorial.iter().map(String::len).max().unwrap_or(0);
    Ok(Box::new(Boilerplate { params: p, editorial, editorial_len }))
}

struct Boilerplate {
    params: Params,
    editorial: HashSet<String>,
    /// The longest editorial key, in bytes: longer lines need no lookup.
    editorial_len: usize,
}

impl Boilerplate {
    /// Whether `text` is one of the `editorial` subheads (a lowercase copy
    /// only for lines short enough to be one).
    fn is_editorial(&self, text: &str) -> bool {
        text.trim().len() <= self.editorial_len + 1 && self.editorial.contains(&editorial_key(text))
    }
}

/// How a line is compared with the `editorial` list.
fn editorial_key(line: &str) -> String {
    line.trim().trim_end_matches([':', '?']).trim_end().to_lowercase()
}

/// A short line of one document, with its context hash.
struct Short {
    text: Box<str>,
    at: At,
    context: u64,
}

impl Boilerplate {
    /// Whether `text` has at most `max-words` words (separated by
    /// whitespace) and a lowercase letter (all-caps lines are datelines).
    /// One pass, which stops past the limit: long paragraphs are the common
    /// case. A test checks it against the definition.
    fn is_short(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        // Most paragraphs have too many words in their first 256 bytes to
        // be short: a vectorised lower bound of their words says so.
        if byte_masks::starts_after_blank(&bytes[..bytes.len().min(256)], |b| b.is_ascii_graphic())
            > self.params.max_words
        {
            return false;
        }
        let mut words = 0;
        let mut in_word = false;
        let mut lowercase = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII without decoding; the counting below has no branch on
            // the byte, whose pattern of letters and blanks is unpredictable.
            let (blank, lower) = if b.is_ascii() {
                i += 1;
                (matches!(b, b' ' | b'\t'..=b'\r'), b.is_ascii_lowercase())
            } else {
                let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                i += c.len_utf8();
                (c.is_whitespace(), c.is_lowercase())
            };
            words += usize::from(!blank && !in_word);
            in_word = !blank;
            lowercase |= lower;
            if words > self.params.max_words {
                return false;
            }
        }
        lowercase
    }
}

/// A byline's second line: a few capitalised words and no sentence
/// punctuation (`Associated Press`, `AP Science Writer`, `Reuters`).
fn is_affiliation(text: &str) -> bool {
    let words = text.split_whitespace();
    words.clone().count() <= MAX_AFFILIATION_WORDS
        && words.clone().all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && !text.ends_with(['.', '!', '?', ':'])
}

/// An employer under a byline is at most this many words.
const MAX_AFFILIATION_WORDS: usize = 4;

/// The hash of a long paragraph, as the context of the short lines around
/// it. Only compared for equality within a run, so any good hash does:
/// xxh3 reads long paragraphs several times faster than FNV-1a.
fn context_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl CorpusCheck for Boilerplate {
    fn observe(&self, doc: &Document<'_>) -> Observation {
        let paras = doc.paragraphs();
        let short: Vec<bool> = paras.iter().map(|p| self.is_short(doc.slice(*p))).collect();
        // Each long paragraph is hashed once, when a short one first needs it.
        let mut hashes: Vec<Option<u64>> = vec![None; paras.len()];
        let mut long_hash = |i: Option<usize>| {
            i.map_or(0, |i| *hashes[i].get_or_insert_with(|| context_hash(doc.slice(paras[i]))))
        };
        let mut out: Vec<Short> = Vec::new();
        let mut previous_long = None;
        for (i, &para) in paras.iter().enumerate() {
            if !short[i] {
                previous_long = Some(i);
                continue;
            }
            let text = doc.slice(para);
            let line = doc.line_at(para.start);
            if line != doc.line_at(para.end)
                || out.iter().any(|s| &*s.text == text)
                || self.is_editorial(text)
                // A reporter's byline recurs across their stories: content,
                // and so does the employer under it (`Associated Press`).
                || is_byline(text)
                || (i > 0 && is_byline(doc.slice(paras[i - 1])) && is_affiliation(text))
            {
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

#[derive(Default)]
struct LineEntry {
    /// Distinct contexts seen, up to `min-docs`.
    contexts: Vec<u64>,
    /// Documents with the line since it was (re)inserted.
    count: u64,
    /// Lossy counting: the most occurrences the line may have had before
    /// it was (re)inserted.
    delta: u64,
    /// Names this insertion of the line in the occurrence records.
    id: u32,
    /// The first occurrence since it was (re)inserted.
    first: (UnitKey, At),
}

/// An occurrence of a line: the entry it counts for, its unit and its
/// span there, 20 bytes on disk.
#[derive(Clone, Copy)]
struct Occurrence {
    id: u32,
    unit: UnitKey,
    at: At,
}

impl Occurrence {
    const SIZE: usize = 20;

    fn encode(&self, out: &mut Vec<u8>) {
        for x in [self.id, self.unit, self.at.line, self.at.start, self.at.end] {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }

    fn decode(bytes: &[u8]) -> Occurrence {
        let mut f = Fields(bytes);
        let (id, unit) = (f.u32(), f.u32());
        Occurrence { id, unit, at: At { line: f.u32(), start: f.u32(), end: f.u32() } }
    }
}

/// Occurrences buffered before they are written: pruning at the end of a
/// bucket drops those of lines seen once before they cost a write.
const PENDING: usize = 1 << 16;

struct LineTally {
    params: Params,
    lines: HashMap<Box<str>, LineEntry>,
    documents: u64,
    /// Lossy-counting bucket width in documents (`u64::MAX`: never prune).
    bucket: u64,
    /// The next entry id.
    next_id: u32,
    /// Occurrences not yet written, in input order.
    pending: Vec<Occurrence>,
    /// Every occurrence written, in input order: by unit, then position.
    occurrences: Log,
}

impl LineTally {
    fn new(params: Params) -> LineTally {
        let bucket = if params.min_fraction > 0.0 {
            (10.0 / params.min_fraction).ceil().max(1.0) as u64
        } else {
            u64::MAX
        };
        LineTally {
            params,
            lines: HashMap::new(),
            documents: 0,
            bucket,
            next_id: 0,
            pending: Vec::new(),
            occurrences: Log::new(),
        }
    }

    /// The current lossy-counting bucket, numbered from 1.
    fn bucket_id(&self) -> u64 {
        self.documents.div_ceil(self.bucket).max(1)
    }

    /// At a bucket boundary, drops the lines that cannot be frequent, and
    /// the pending occurrences of those lines.
    fn prune(&mut self) {
        if self.documents % self.bucket == 0 {
            let b = self.bucket_id();
            let mut dropped = Vec::new();
            self.lines.retain(|_, e| {
                let keep = e.count + e.delta > b;
                if !keep {
                    dropped.push(e.id);
                }
                keep
            });
            dropped.sort_unstable();
            self.pending.retain(|o| dropped.binary_search(&o.id).is_err());
            self.write_pending();
        } else if self.pending.len() >= PENDING {
            self.write_pending();
        }
    }

    fn write_pending(&mut self) {
        let mut bytes = Vec::with_capacity(self.pending.len() * Occurrence::SIZE);
        self.pending.iter().for_each(|o| o.encode(&mut bytes));
        self.occurrences.append(&bytes);
        self.pending.clear();
    }
}

impl Tally for LineTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        self.documents += 1;
        let Ok(shorts) = observation.downcast::<Vec<Short>>() else { return false };
        let keep = !shorts.is_empty();
        for s in *shorts {
            let delta = self.bucket_id() - 1;
            let next_id = &mut self.next_id;
            let entry = self.lines.entry(s.text).or_insert_with(|| {
                let id = *next_id;
                // Ids only name insertions; four billion of them wrap
                // around long after the first ones were pruned.
                *next_id = next_id.wrapping_add(1);
                LineEntry { delta, id, first: (unit, s.at), ..LineEntry::default() }
            });
            if entry.contexts.len() < self.params.min_docs as usize && !entry.contexts.contains(&s.context) {
                entry.contexts.push(s.context);
            }
            entry.count += 1;
            self.pending.push(Occurrence { id: entry.id, unit, at: s.at });
        }
        self.prune();
        keep
    }

    fn finish(mut self: Box<Self>) -> Box<dyn Report> {
        self.write_pending();
        let p = &self.params;
        let by_fraction = (p.min_fraction * self.documents as f64).ceil() as u64;
        let min_docs = u64::from(p.min_docs).max(by_fraction);
        let lines: HashMap<u32, Frequent> = self
            .lines
            .into_iter()
            .filter(|(_, e)| e.count >= min_docs && e.contexts.len() >= p.min_docs as usize)
            .map(|(text, e)| (e.id, Frequent { text: text.into(), docs: e.count, first: e.first }))
            .collect();
        Box::new(Repeated { lines, occurrences: self.occurrences.finish(), next: None })
    }
}

/// A line frequent enough to report.
struct Frequent {
    text: Arc<str>,
    docs: u64,
    first: (UnitKey, At),
}

/// The frequent lines, and the occurrences to read them from.
struct Repeated {
    /// By entry id.
    lines: HashMap<u32, Frequent>,
    occurrences: Reader,
    /// The next occurrence of a frequent line, once read.
    next: Option<Occurrence>,
}

impl Report for Repeated {
    fn peek(&mut self) -> Option<(UnitKey, usize)> {
        let mut buf = [0; Occurrence::SIZE];
        while self.next.is_none() && !self.lines.is_empty() && self.occurrences.read(&mut buf) {
            let o = Occurrence::decode(&buf);
            if self.lines.contains_key(&o.id) {
                self.next = Some(o);
            }
        }
        self.next.map(|o| (o.unit, o.at.start as usize))
    }

    fn next(&mut self, places: &dyn Places) -> Option<CorpusFinding> {
        self.peek()?;
        let o = self.next.take()?;
        let line = self.lines.get(&o.id)?;
        let mut finding = Finding::new(o.at.span()).arg("docs", line.docs.to_string());
        let (first_unit, first) = line.first;
        if (first_unit, first.start) != (o.unit, o.at.start) {
            finding =
                finding.label(Label::elsewhere(places.place(first_unit, first.line as usize), "first seen"));
        }
        let locus = Locus { text: line.text.clone(), start: o.at.start as usize, line: o.at.line as usize };
        Some(CorpusFinding { unit: o.unit, locus, finding })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::drain;

    /// A check with `min-docs = 3` and no editorial lines.
    fn checker(max_words: usize, min_fraction: f64) -> Boilerplate {
        let params = Params { max_words, min_docs: 3, min_fraction, editorial: Vec::new() };
        Boilerplate { params, editorial: HashSet::new(), editorial_len: 0 }
    }

    proptest::proptest! {
        #[test]
        fn is_short_agrees_with_the_definition(
            text in "([a-zA-Z0-9 ,.\t\n\u{b}\u{a0}\u{2009}\u{3000}’–]|É|é|ß|Σ|σ){0,40}",
            max_words in 0usize..12,
        ) {
            let check = checker(max_words, 0.0);
            let within = text.split_whitespace().nth(max_words).is_none();
            let expected = within && text.chars().any(char::is_lowercase);
            proptest::prop_assert_eq!(check.is_short(&text), expected);
        }

        #[test]
        fn ascii_word_starts_never_exceed_the_words(
            text in "([a-zA-Z0-9 ,.\t\n\u{b}\u{a0}\u{2009}\u{3000}’–]|É|é|ß|Σ|σ){0,300}",
        ) {
            let prefix = &text.as_bytes()[..text.len().min(256)];
            let starts = byte_masks::starts_after_blank(prefix, |b| b.is_ascii_graphic());
            proptest::prop_assert!(starts <= text.split_whitespace().count());
        }
    }

    /// `n` documents, each with a line of its own and the same chrome line,
    /// between long paragraphs of their own. Returns the table size at the
    /// end and the findings.
    fn run(n: u32, min_fraction: f64) -> (usize, Vec<CorpusFinding>) {
        let (lines, mut report) = tally(n, min_fraction);
        (lines, drain(report.as_mut()).into_iter().map(|(_, f)| f).collect())
    }

    /// [`run`], with the report unrendered.
    fn tally(n: u32, min_fraction: f64) -> (usize, Box<dyn Report>) {
        let check = checker(12, min_fraction);
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
    fn a_reporter_byline_is_not_boilerplate() {
        let check = checker(12, 0.0);
        let mut tally = LineTally::new(check.params.clone());
        for i in 0..5 {
            let text = format!(
                "Officials in district {i} said the budget for roads and schools would rise next year.\n\n\
                 By Jane Doe\n\nAssociated Press\n\nBy admin\n\nRelated Stories\n\n\
                 The council of district {i} will vote on the plan before the end of the month."
            );
            tally.merge(i, check.observe(&Document::new(&text)));
        }
        let findings = drain(Box::new(tally).finish().as_mut());
        // The employer under a reporter's byline is content too; a line
        // after `By admin` that is not an employer's name is not.
        assert_eq!(findings.len(), 10);
        assert!(findings.iter().all(|(_, f)| ["By admin", "Related Stories"].contains(&&*f.locus.text)));
    }

    #[test]
    fn no_fraction_means_no_pruning() {
        let (lines, _) = run(1_500, 0.0);
        assert_eq!(lines, 1_501);
    }

    #[test]
    fn occurrences_go_to_disk_and_the_text_is_kept_once() {
        // A frequent line is in every document: what each occurrence costs
        // in memory is what a corpus of a million pages costs a million
        // times, so occurrences are written out and read back in order.
        let (_, mut report) = tally(50, 0.01);
        let findings = drain(report.as_mut());
        assert_eq!(findings.len(), 50);
        let (first, last) = (&findings[0].1, &findings[49].1);
        assert!(
            Arc::ptr_eq(&first.locus.text, &last.locus.text),
            "one copy of the line for all its findings"
        );
        assert_eq!(findings[49].0, (49, last.finding.span.start));
        assert!(first.finding.labels.is_empty());
        assert_eq!(last.finding.labels[0].message, "first seen");
        assert_eq!(last.finding.labels[0].location.as_deref(), Some("#0:4"));
    }

    #[test]
    fn occurrences_of_pruned_lines_are_not_reported() {
        // A line that comes back after it was pruned counts from zero
        // again, and its first occurrence is the one after the pruning:
        // what was written for the pruned entry is left out.
        let check = checker(12, 0.5);
        let mut tally = LineTally::new(check.params.clone());
        let doc = |i: u32, chrome: bool| {
            let extra = if chrome { "\n\nRead more on our site" } else { "" };
            format!(
                "Officials in district {i} said the budget for roads and schools would rise next year.\n\n\
                 Only here in document {i}{extra}\n\n\
                 The council of district {i} will vote on the plan before the end of the month."
            )
        };
        // Bucket of 20 documents: the chrome line of document 0 is pruned
        // at document 20, then it is in every document from 20 on.
        for i in 0..60 {
            tally.merge(i, check.observe(&Document::new(&doc(i, i == 0 || i >= 20))));
        }
        let findings = drain(Box::new(tally).finish().as_mut());
        assert_eq!(findings.len(), 40);
        assert_eq!(findings[0].0.0, 20);
        assert!(findings.iter().all(|(_, f)| f.finding.args.iter().any(|(k, v)| k == "docs" && v == "40")));
    }
}
