//! `name-variant`: a person's name spelled one way in a few documents and a
//! close other way in clearly more.
//!
//! Each document contributes its distinct name candidates (see [`names`]).
//! The tally counts documents per spelling and keeps the mentions of a
//! spelling only while it is rare enough to be reported; a spelling seen in
//! more documents keeps just its first location, for labels. At the end,
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

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use super::names::{candidates, close};
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
        let mut spans = Vec::new();
        candidates(doc, &mut spans);
        let mut names: Vec<(Box<str>, Mentions)> = Vec::new();
        let mut lines: Vec<Locus> = Vec::new();
        // Spans come in order, so a line's locus is the last one pushed.
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for span in spans {
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
        Box::new(NameTally { params: self.params.clone(), names: HashMap::new() })
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
    /// Every mention, while `docs <= max-minority-docs`.
    mentions: Vec<(UnitKey, Span, Arc<Locus>)>,
}

struct NameTally {
    params: Arc<Params>,
    names: HashMap<Box<str>, Entry>,
}

impl Tally for NameTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(seen) = observation.downcast::<Seen>() else { return false };
        let lines: Vec<Arc<Locus>> = seen.lines.into_iter().map(Arc::new).collect();
        let mut keep = false;
        for (name, mentions) in seen.names {
            let first = First::Unit(unit, lines[mentions[0].1].line);
            let entry = self.names.entry(name).or_insert_with(|| {
                keep = true;
                Entry { docs: 0, first, mentions: Vec::new() }
            });
            entry.docs += 1;
            if entry.docs <= self.params.max_minority_docs {
                entry.mentions.extend(mentions.iter().map(|&(s, l)| (unit, s, lines[l].clone())));
                keep = true;
            } else if !entry.mentions.is_empty() {
                entry.mentions = Vec::new();
            }
        }
        keep
    }

    fn absorb(&mut self, doc: &super::index::IndexedDoc) {
        for (name, line) in &doc.names {
            let entry = self.names.entry(name.as_str().into()).or_insert_with(|| Entry {
                docs: 0,
                first: First::Indexed(format!("{}:{line}", doc.name).into()),
                mentions: Vec::new(),
            });
            entry.docs += 1;
            if entry.docs > self.params.max_minority_docs {
                entry.mentions = Vec::new();
            }
        }
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        let p = &self.params;
        let known: HashSet<&str> = p.known_names.iter().map(String::as_str).collect();
        let mut variants = Vec::new();
        for (minority, majority) in pairs(&self.names, p) {
            if known.contains(minority) {
                continue;
            }
            let (m, big) = (&self.names[minority], &self.names[majority]);
            variants.push(Variant {
                majority: majority.into(),
                majority_docs: big.docs,
                minority_docs: m.docs,
                first: big.first.clone(),
                mentions: m.mentions.clone(),
            });
        }
        let mut ends = Vec::with_capacity(variants.len());
        let mut total = 0;
        for v in &variants {
            total += v.mentions.len();
            ends.push(total);
        }
        Box::new(Variants { variants, ends })
    }
}

/// A minority spelling to report, with what its findings say.
struct Variant {
    majority: Box<str>,
    majority_docs: u32,
    minority_docs: u32,
    /// Where the majority spelling was first seen.
    first: First,
    mentions: Vec<(UnitKey, Span, Arc<Locus>)>,
}

/// The minority spellings to report: a finding per mention.
struct Variants {
    variants: Vec<Variant>,
    /// Findings are numbered variant after variant: `ends[k]` is one past the
    /// number of the last mention of variant `k`.
    ends: Vec<usize>,
}

impl Variants {
    /// Finding `i` as (variant, mention).
    fn locate(&self, i: usize) -> (&Variant, &(UnitKey, Span, Arc<Locus>)) {
        let k = self.ends.partition_point(|&end| end <= i);
        let before = if k == 0 { 0 } else { self.ends[k - 1] };
        let v = &self.variants[k];
        (v, &v.mentions[i - before])
    }
}

impl Report for Variants {
    fn count(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    fn position(&self, i: usize) -> (UnitKey, usize) {
        let (_, (unit, _, locus)) = self.locate(i);
        (*unit, locus.start)
    }

    fn finding(&self, i: usize, places: &dyn Places) -> CorpusFinding {
        let (v, (unit, span, locus)) = self.locate(i);
        let place = match &v.first {
            First::Unit(unit, line) => places.place(*unit, *line),
            First::Indexed(place) => place.to_string(),
        };
        let finding = Finding::new(*span)
            .arg("majority", v.majority.to_string())
            .arg("majority_docs", v.majority_docs.to_string())
            .arg("minority_docs", v.minority_docs.to_string())
            .label(Label::elsewhere(
                place,
                format!("`{}` is used in {} documents, first", v.majority, v.majority_docs),
            ));
        CorpusFinding { unit: *unit, locus: (**locus).clone(), finding }
    }
}

/// (minority, majority) spelling pairs to report, in a stable order.
fn pairs<'a>(names: &'a HashMap<Box<str>, Entry>, p: &Params) -> Vec<(&'a str, &'a str)> {
    // Block by "every part but one": `Anthony Blinken` and `Antony Blinken`
    // share the block (2 parts, part 0 varies, "blinken").
    let mut blocks: HashMap<(usize, usize, String), Vec<&str>> = HashMap::new();
    for (name, e) in names {
        let rare = !e.mentions.is_empty() && e.docs <= p.max_minority_docs;
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
            if m.mentions.is_empty() || m.docs > p.max_minority_docs {
                continue;
            }
            let part = |n: &'a str| n.split(' ').nth(*i).unwrap_or("");
            for &major in members {
                let big = &names[major];
                let strong =
                    big.docs >= p.min_majority_docs && f64::from(big.docs) >= p.min_ratio * f64::from(m.docs);
                if !strong || !close(part(minority), part(major), p.min_similarity, p.max_edits) {
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
