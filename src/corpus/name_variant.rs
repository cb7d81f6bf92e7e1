//! `name-variant`: a person's name spelled one way in a few documents and a
//! close other way in clearly more.
//!
//! Each document contributes its distinct name candidates (see [`names`]).
//! The tally counts documents per spelling, with its first location for
//! labels, and writes the mentions of a spelling (with their line) to a
//! temporary file only while it is rare enough to be reported; at the end
//! the mentions of the spellings reported are read back in input order. At the end,
//! spellings that share all parts but one are compared on that part
//! (transliteration folding, Jaro-Winkler and edit distance), so the
//! comparison is per block of related names, never all pairs.
//!
//! Two well-attested spellings (`Sherman` in five documents, `Sharman` in
//! four) are two people: only a spelling in at most `max-minority-docs`
//! documents is reported, and only against one in at least
//! `min-majority-docs` documents and `min-ratio` times as many.
//!
//! A gazetteer of known spellings wins over the vote: a spelling listed in
//! `known-names` is never reported.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use serde::Deserialize;

use super::names::{close, inflected, styled_alike};
use super::spill::{Fields, Log, Reader};
use super::{CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey};
use crate::detectors::BuildContext;
use crate::diagnostic::{Label, Span};
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info =
    Info { name: "name-variant", args: &["majority", "majority_docs", "minority_docs"], build };

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// A spelling in more documents than this is never reported.
    max_minority_docs: u32,
    /// The majority spelling must be in at least this many documents...
    min_majority_docs: u32,
    /// ...and in at least this many times as many documents as the minority.
    min_ratio: f64,
    /// Jaro-Winkler similarity of the differing name part, 0..1.
    min_similarity: f64,
    /// Edit distance of the differing part, after transliteration folding.
    max_edits: usize,
    /// Known spellings (a gazetteer): never reported.
    #[serde(default)]
    known_names: Vec<String>,
    /// Endings that make another word of the same stem, not a misspelling
    /// (`Prize`/`Prizes`, `Korea`/`Korean`).
    #[serde(default)]
    inflections: Vec<String>,
    /// Surname endings that make another family name of the same stem
    /// (`Kowalczyk`/`Kowalczuk`): two people, not a misspelling.
    #[serde(default)]
    distinct_endings: Vec<String>,
}

fn build(table: &toml::Table, context: &BuildContext) -> Result<Box<dyn CorpusCheck>, String> {
    let mut params: Params = crate::detectors::params(table)?;
    // The gazetteer wins over the vote: a spelling it knows is never a minority.
    params.known_names.extend(context.known_names.iter().cloned());
    if !(0.0..=1.0).contains(&params.min_similarity) {
        return Err("`min-similarity` must be between 0 and 1".into());
    }
    Ok(Box::new(NameVariant { params: Arc::new(params) }))
}

struct NameVariant {
    params: Arc<Params>,
}

/// Mentions of one spelling: span and index into [`Seen::lines`].
type Mentions = Vec<(Span, usize)>;

/// A document's names: each distinct spelling with its mentions.
struct Seen {
    names: Vec<(Box<str>, Mentions)>,
    /// Lines the mentions point into (indexed by the `usize` above).
    lines: Vec<Locus>,
}

impl CorpusCheck for NameVariant {
    fn observe(&self, doc: &Document<'_>) -> Observation {
        let mut names: Vec<(Box<str>, Mentions)> = Vec::new();
        let mut lines: Vec<Locus> = Vec::new();
        // Spans come in order, so a line's locus is the last one pushed.
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for &span in doc.name_candidates() {
            // A correction note names the wrong spelling on purpose.
            if doc.in_correction(span) {
                continue;
            }
            let line = doc.line_at(span.start);
            if lines.last().is_none_or(|l| l.line != line) {
                lines.push(Locus::of(doc, span.start));
            }
            let li = lines.len() - 1;
            let name = doc.slice(span);
            match by_name.get(name) {
                Some(&i) => names[i].1.push((span, li)),
                None => {
                    by_name.insert(name, names.len());
                    names.push((name.into(), vec![(span, li)]));
                }
            }
        }
        Box::new(Seen { names, lines })
    }

    fn tally(&self) -> Box<dyn Tally> {
        Box::new(NameTally {
            params: self.params.clone(),
            names: HashMap::new(),
            next_id: 0,
            mentions: Log::new(),
        })
    }
}

/// Where a spelling was first seen.
#[derive(Clone)]
enum First {
    /// A unit of this run, and a 0-based line in it.
    Unit(UnitKey, usize),
    /// A document known from the corpus index: `path:line`.
    Indexed(Box<str>),
}

struct Entry {
    docs: u32,
    first: First,
    /// Names the spelling in the mention records.
    id: u32,
    /// Whether mentions of it were recorded (while `docs <=
    /// max-minority-docs`; a spelling known only from the index has none).
    mentioned: bool,
}

struct NameTally {
    params: Arc<Params>,
    names: HashMap<Box<str>, Entry>,
    /// The next entry id.
    next_id: u32,
    /// The mentions of every spelling while it was rare, in input order.
    mentions: Log,
}

impl NameTally {
    fn entry(&mut self, name: Box<str>, first: impl FnOnce() -> First) -> (&mut Entry, bool) {
        let mut new = false;
        let next_id = &mut self.next_id;
        let entry = self.names.entry(name).or_insert_with(|| {
            new = true;
            let id = *next_id;
            *next_id = next_id.saturating_add(1);
            Entry { docs: 0, first: first(), id, mentioned: false }
        });
        (entry, new)
    }
}

/// A mention of a rare spelling and the line it is on.
struct Mention {
    id: u32,
    unit: UnitKey,
    span: Span,
    locus: Locus,
}

impl Mention {
    fn encode(id: u32, unit: UnitKey, span: Span, locus: &Locus, out: &mut Vec<u8>) {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&unit.to_le_bytes());
        for x in [span.start, span.end, locus.start, locus.line] {
            out.extend_from_slice(&(x as u64).to_le_bytes());
        }
        out.extend_from_slice(locus.text.as_bytes());
    }

    fn decode(bytes: &[u8]) -> Mention {
        let mut f = Fields(bytes);
        let (id, unit) = (f.u32(), f.u32());
        let span = Span::new(f.u64() as usize, f.u64() as usize);
        let (start, line) = (f.u64() as usize, f.u64() as usize);
        let text = std::str::from_utf8(f.0).unwrap_or("").into();
        Mention { id, unit, span, locus: Locus { text, start, line } }
    }
}

impl Tally for NameTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(seen) = observation.downcast::<Seen>() else { return false };
        let max = self.params.max_minority_docs;
        let mut keep = false;
        let mut record = Vec::new();
        for (name, mentions) in seen.names {
            let first = || First::Unit(unit, seen.lines[mentions[0].1].line);
            let (entry, new) = self.entry(name, first);
            keep |= new;
            entry.docs += 1;
            if entry.docs <= max {
                entry.mentioned = true;
                let id = entry.id;
                for &(span, l) in &mentions {
                    record.clear();
                    Mention::encode(id, unit, span, &seen.lines[l], &mut record);
                    self.mentions.append_record(&record);
                }
                keep = true;
            }
        }
        keep
    }

    fn absorb(&mut self, doc: &super::index::IndexedDoc) {
        for (name, line) in &doc.names {
            let first = || First::Indexed(format!("{}:{line}", doc.name).into());
            self.entry(name.as_str().into(), first).0.docs += 1;
        }
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        let p = &self.params;
        let known: HashSet<&str> = p.known_names.iter().map(String::as_str).collect();
        let mut variants = HashMap::new();
        for (minority, majority) in pairs(&self.names, p) {
            if known.contains(minority) {
                continue;
            }
            let (m, big) = (&self.names[minority], &self.names[majority]);
            let rank = variants.len();
            variants.insert(
                m.id,
                Variant {
                    rank,
                    majority: majority.into(),
                    majority_docs: big.docs,
                    minority_docs: m.docs,
                    first: big.first.clone(),
                },
            );
        }
        let mentions = self.mentions.finish();
        Box::new(Variants { variants, mentions, unit: VecDeque::new(), ahead: None })
    }
}

/// A minority spelling to report, with what its findings say.
struct Variant {
    /// Its place in the report's order: at one position, findings of
    /// lower ranks come first.
    rank: usize,
    majority: Box<str>,
    majority_docs: u32,
    minority_docs: u32,
    /// Where the majority spelling was first seen.
    first: First,
}

/// The minority spellings to report: a finding per mention, read from the
/// mention records a unit at a time.
struct Variants {
    /// By entry id.
    variants: HashMap<u32, Variant>,
    mentions: Reader,
    /// The mentions of one unit to report, in output order.
    unit: VecDeque<Mention>,
    /// The first mention of the next unit, read ahead.
    ahead: Option<Mention>,
}

impl Variants {
    /// Reads the next unit's mentions to report, if the last are out.
    fn fill(&mut self) {
        if !self.unit.is_empty() || self.variants.is_empty() {
            return;
        }
        let mut buf = Vec::new();
        loop {
            let m = match self.ahead.take() {
                Some(m) => m,
                None if self.mentions.bytes(&mut buf) => Mention::decode(&buf),
                None => break,
            };
            if !self.variants.contains_key(&m.id) {
                continue;
            }
            if self.unit.front().is_some_and(|first| first.unit != m.unit) {
                self.ahead = Some(m);
                break;
            }
            self.unit.push_back(m);
        }
        // By line, then variant after variant; a variant's mentions are
        // already in text order (the sort is stable).
        let variants = &self.variants;
        self.unit.make_contiguous().sort_by_key(|m| (m.locus.start, variants[&m.id].rank));
    }
}

impl Report for Variants {
    fn peek(&mut self) -> Option<(UnitKey, usize)> {
        self.fill();
        self.unit.front().map(|m| (m.unit, m.locus.start))
    }

    fn next(&mut self, places: &dyn Places) -> Option<CorpusFinding> {
        self.fill();
        let m = self.unit.pop_front()?;
        let v = &self.variants[&m.id];
        let place = match &v.first {
            First::Unit(unit, line) => places.place(*unit, *line),
            First::Indexed(place) => place.to_string(),
        };
        let finding = Finding::new(m.span)
            .arg("majority", v.majority.to_string())
            .arg("majority_docs", v.majority_docs.to_string())
            .arg("minority_docs", v.minority_docs.to_string())
            .label(Label::elsewhere(
                place,
                format!("`{}` is used in {} documents, first", v.majority, v.majority_docs),
            ));
        Some(CorpusFinding { unit: m.unit, locus: m.locus, finding })
    }
}

/// Given names that differ only in their last vowel (`Yuki` and `Yuko`,
/// `Mario` and `Maria`; `Jan` and `Jana` is [`extends`]'s): two people's
/// names, often a man's and a woman's, not one name misspelled.
fn gendered(a: &str, b: &str) -> bool {
    let vowel = |c: char| "aeiouy".contains(c.to_ascii_lowercase());
    let (mut x, mut y) = (a.chars(), b.chars());
    match (x.next_back(), y.next_back()) {
        (Some(p), Some(q)) => p != q && vowel(p) && vowel(q) && x.eq(y),
        _ => false,
    }
}

/// Whether one name part is the other with letters added at the end
/// (`Ellis` and `Ellison`, `Robert` and `Roberts`): two family names, not a
/// slip.
fn extends(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a != b && (a.starts_with(&b) || b.starts_with(&a))
}

/// (minority, majority) spelling pairs to report, in a stable order.
fn pairs<'a>(names: &'a HashMap<Box<str>, Entry>, p: &Params) -> Vec<(&'a str, &'a str)> {
    // Block by "every part but one": `Anthony Blinken` and `Antony Blinken`
    // share the block (2 parts, part 0 varies, "blinken").
    let mut blocks: HashMap<(usize, usize, String), Vec<&str>> = HashMap::new();
    for (name, e) in names {
        let rare = e.mentioned && e.docs <= p.max_minority_docs;
        let common = e.docs >= p.min_majority_docs;
        if !rare && !common {
            continue;
        }
        let parts: Vec<&str> = name.split(' ').collect();
        for i in 0..parts.len() {
            let others: Vec<String> =
                parts.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| s.to_lowercase()).collect();
            blocks.entry((parts.len(), i, others.join(" "))).or_default().push(name);
        }
    }
    let mut best: HashMap<&str, &str> = HashMap::new();
    for ((_, i, _), members) in &blocks {
        for &minority in members {
            let m = &names[minority];
            if !m.mentioned || m.docs > p.max_minority_docs {
                continue;
            }
            let part = |n: &'a str| n.split(' ').nth(*i).unwrap_or("");
            for &major in members {
                let big = &names[major];
                let strong =
                    big.docs >= p.min_majority_docs && f64::from(big.docs) >= p.min_ratio * f64::from(m.docs);
                let (a, b) = (part(minority), part(major));
                if !strong
                    || !close(a, b, p.min_similarity, p.max_edits)
                    || inflected(a, b, &p.inflections)
                    || inflected(a, b, &p.distinct_endings)
                    || styled_alike(a, b)
                    || extends(a, b)
                    || (*i == 0 && gendered(a, b))
                {
                    continue;
                }
                let better = best.get(minority).is_none_or(|b| {
                    let b_docs = names[*b].docs;
                    big.docs > b_docs || (big.docs == b_docs && major < *b)
                });
                if better {
                    best.insert(minority, major);
                }
            }
        }
    }
    let mut out: Vec<(&str, &str)> = best.into_iter().collect();
    out.sort_unstable();
    out
}
