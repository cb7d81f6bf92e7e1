//! `place-variant`: one place spelled two ways across the corpus.
//!
//! `Kiev` and `Kyiv`, `Kharkov` and `Kharkiv`, `Odessa` and `Odesa`: both
//! spellings are real, but a corpus should use one. The preferred spelling
//! of each place is in the rule's params. A document is reported (once per
//! variant, at its first use) when it uses another spelling and the corpus
//! also uses the preferred one; a corpus that is consistent, whichever
//! spelling it chose, stays silent unless `only-when-mixed` is off.
//! Fixed phrases (`Chicken Kiev`) are listed as exceptions.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::{CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey};
use crate::detectors::BuildContext;
use crate::diagnostic::{Label, Span};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::at_word_boundaries;

pub const INFO: Info = Info { name: "place-variant", args: &["preferred", "preferred_docs"], build };

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Preferred spelling -> other spellings.
    preferred: BTreeMap<String, Vec<String>>,
    /// Phrases in which a variant is not a place name to respell.
    #[serde(default)]
    exceptions: Vec<String>,
    /// Report only when the corpus also uses the preferred spelling.
    #[serde(default = "yes")]
    only_when_mixed: bool,
}

fn yes() -> bool {
    true
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn CorpusCheck>, String> {
    let params: Params = crate::detectors::params(table)?;
    // Form i: its text and the index of its preferred form (itself if preferred).
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (preferred, variants) in &params.preferred {
        let p = forms.len();
        forms.push((preferred.clone(), p));
        forms.extend(variants.iter().map(|v| (v.clone(), p)));
    }
    if forms.iter().any(|(f, _)| f.trim().is_empty()) {
        return Err("place spellings must not be empty".into());
    }
    let patterns = forms.iter().map(|(f, _)| f.as_str()).chain(params.exceptions.iter().map(String::as_str));
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .map_err(|e| format!("cannot build the place matcher: {e}"))?;
    Ok(Box::new(PlaceVariant { params, forms, automaton }))
}

struct PlaceVariant {
    params: Params,
    forms: Vec<(String, usize)>,
    automaton: AhoCorasick,
}

/// A form used in a document: its index, and its first use.
struct Used {
    form: usize,
    span: Span,
    locus: Locus,
}

impl CorpusCheck for PlaceVariant {
    fn observe(&self, doc: &Document<'_>) -> Observation {
        let text = doc.text();
        let mut used: Vec<Used> = Vec::new();
        for m in self.automaton.find_iter(text) {
            let form = m.pattern().as_usize();
            // Exceptions are matched, longest first, so they hide the variant.
            if form >= self.forms.len() || !at_word_boundaries(text, m.start(), m.end()) {
                continue;
            }
            if !used.iter().any(|u| u.form == form) {
                used.push(Used {
                    form,
                    span: Span::new(m.start(), m.end()),
                    locus: Locus::of(doc, m.start()),
                });
            }
        }
        Box::new(used)
    }

    fn tally(&self) -> Box<dyn Tally> {
        Box::new(PlaceTally {
            forms: self.forms.clone(),
            only_when_mixed: self.params.only_when_mixed,
            docs: vec![0; self.forms.len()],
            first: vec![None; self.forms.len()],
            variants: Vec::new(),
        })
    }
}

struct PlaceTally {
    forms: Vec<(String, usize)>,
    only_when_mixed: bool,
    /// Documents using each form.
    docs: Vec<u32>,
    /// Where each form was first seen.
    first: Vec<Option<(UnitKey, usize)>>,
    /// First use of a non-preferred form in each document.
    variants: Vec<(UnitKey, Used)>,
}

impl Tally for PlaceTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(used) = observation.downcast::<Vec<Used>>() else { return false };
        let keep = !used.is_empty();
        for u in *used {
            self.docs[u.form] += 1;
            self.first[u.form].get_or_insert((unit, u.locus.line));
            if self.forms[u.form].1 != u.form {
                self.variants.push((unit, u));
            }
        }
        keep
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        let mut variants = self.variants;
        if self.only_when_mixed {
            variants.retain(|(_, u)| self.docs[self.forms[u.form].1] > 0);
        }
        Box::new(Respellings { forms: self.forms, docs: self.docs, first: self.first, variants })
    }
}

/// The variant uses to report, with the counts their messages quote.
struct Respellings {
    forms: Vec<(String, usize)>,
    docs: Vec<u32>,
    first: Vec<Option<(UnitKey, usize)>>,
    variants: Vec<(UnitKey, Used)>,
}

impl Report for Respellings {
    fn count(&self) -> usize {
        self.variants.len()
    }

    fn position(&self, i: usize) -> (UnitKey, usize) {
        let (unit, u) = &self.variants[i];
        (*unit, u.locus.start)
    }

    fn finding(&self, i: usize, places: &dyn Places) -> CorpusFinding {
        let (unit, u) = &self.variants[i];
        let p = self.forms[u.form].1;
        let preferred_docs = self.docs[p];
        let preferred = &self.forms[p].0;
        let mut finding = Finding::new(u.span)
            .arg("preferred", preferred.clone())
            .arg("preferred_docs", preferred_docs.to_string());
        if let Some((first_unit, line)) = self.first[p] {
            let label = format!("`{preferred}` is used in {preferred_docs} documents, first");
            finding = finding.label(Label::elsewhere(places.place(first_unit, line), label));
        }
        CorpusFinding { unit: *unit, locus: u.locus.clone(), finding }
    }
}
