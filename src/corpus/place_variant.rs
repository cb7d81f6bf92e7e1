//! `place-variant`: one place spelled two ways across the corpus.
//!
//! `Kiev` and `Kyiv`, `Kharkov` and `Kharkiv`, `Odessa` and `Odesa`: both
//! spellings are real, but a corpus should use one. The preferred spelling
//! of each place is in the rule's params. A document is reported (once per
//! variant, at its first use) when it uses another spelling and the corpus
//! also uses the preferred one; a corpus that is consistent, whichever
//! spelling it chose, stays silent unless `only-when-mixed` is off.
//! Fixed phrases (`Chicken Kiev`) are listed as exceptions.
//!
//! Whether a variant is reported is known only at the end (the preferred
//! spelling may first appear in the last document), so every first use of a
//! variant is kept until then. A corpus that writes `Kiev` in every article
//! keeps one entry per article: 28 bytes of positions, plus the text of its
//! line once per *distinct* line, since wire copy and templated pages
//! repeat the same sentence across thousands of documents.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::{At, CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey};
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
            lines: Lines::default(),
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
    variants: Vec<Variant>,
    /// The text of the lines `variants` point into.
    lines: Lines,
}

/// A first use of a non-preferred form, in 28 bytes: the text of its line
/// is in [`Lines`].
#[derive(Debug, Clone, Copy)]
struct Variant {
    unit: UnitKey,
    form: u32,
    /// The span of the form, and its line.
    at: At,
    /// Byte offset of the line in the unit.
    line_start: u32,
    /// Index of the line's text in [`Lines`].
    text: u32,
}

/// Line texts, each distinct text stored once.
#[derive(Default)]
struct Lines {
    texts: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
}

impl Lines {
    /// The index of `text`, added if new; `None` past 4 billion lines.
    fn intern(&mut self, text: &Arc<str>) -> Option<u32> {
        if let Some(&id) = self.ids.get(text) {
            return Some(id);
        }
        let id = u32::try_from(self.texts.len()).ok()?;
        self.texts.push(text.clone());
        self.ids.insert(text.clone(), id);
        Some(id)
    }
}

impl Tally for PlaceTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(used) = observation.downcast::<Vec<Used>>() else { return false };
        let keep = !used.is_empty();
        for u in *used {
            self.docs[u.form] += 1;
            self.first[u.form].get_or_insert((unit, u.locus.line));
            if self.forms[u.form].1 != u.form {
                // Positions past 4 GiB into a unit (only a `--chunk-size`
                // that large allows them) are not reported.
                let at = At::new(u.locus.line, u.span);
                let line_start = u32::try_from(u.locus.start).ok();
                let form = u32::try_from(u.form).ok();
                if let (Some(at), Some(line_start), Some(form)) = (at, line_start, form) {
                    if let Some(text) = self.lines.intern(&u.locus.text) {
                        self.variants.push(Variant { unit, form, at, line_start, text });
                    }
                }
            }
        }
        keep
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        let mut variants = self.variants;
        if self.only_when_mixed {
            variants.retain(|v| self.docs[self.forms[v.form as usize].1] > 0);
        }
        // The lookup table is no longer needed; the texts are.
        let lines = self.lines.texts;
        Box::new(Respellings { forms: self.forms, docs: self.docs, first: self.first, variants, lines })
    }
}

/// The variant uses to report, with the counts their messages quote.
struct Respellings {
    forms: Vec<(String, usize)>,
    docs: Vec<u32>,
    first: Vec<Option<(UnitKey, usize)>>,
    variants: Vec<Variant>,
    lines: Vec<Arc<str>>,
}

impl Report for Respellings {
    fn count(&self) -> usize {
        self.variants.len()
    }

    fn position(&self, i: usize) -> (UnitKey, usize) {
        let v = &self.variants[i];
        (v.unit, v.line_start as usize)
    }

    fn finding(&self, i: usize, places: &dyn Places) -> CorpusFinding {
        let v = self.variants[i];
        let p = self.forms[v.form as usize].1;
        let preferred_docs = self.docs[p];
        let preferred = &self.forms[p].0;
        let mut finding = Finding::new(v.at.span())
            .arg("preferred", preferred.clone())
            .arg("preferred_docs", preferred_docs.to_string());
        if let Some((first_unit, line)) = self.first[p] {
            let label = format!("`{preferred}` is used in {preferred_docs} documents, first");
            finding = finding.label(Label::elsewhere(places.place(first_unit, line), label));
        }
        let locus = Locus {
            text: self.lines[v.text as usize].clone(),
            start: v.line_start as usize,
            line: v.at.line as usize,
        };
        CorpusFinding { unit: v.unit, locus, finding }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Nowhere;

    fn check() -> PlaceVariant {
        let table: toml::Table = toml::from_str("[preferred]\nKyiv = [\"Kiev\"]\n").expect("valid params");
        let params: Params = crate::detectors::params(&table).expect("params");
        let forms = vec![("Kyiv".to_string(), 0), ("Kiev".to_string(), 0)];
        let automaton = AhoCorasick::new(["Kyiv", "Kiev"]).expect("automaton");
        PlaceVariant { params, forms, automaton }
    }

    #[test]
    fn a_line_repeated_across_documents_is_kept_once() {
        // Wire copy: the same sentence in every document. What each one
        // costs is what a corpus of a million articles costs a million times.
        assert_eq!(std::mem::size_of::<Variant>(), 28);
        let check = check();
        let mut tally = check.tally();
        for i in 0..100 {
            let text = format!("Headline {i}\n\nTroops left Kiev on Monday, officials said.\n");
            tally.merge(i, check.observe(&Document::new(&text)));
        }
        tally.merge(100, check.observe(&Document::new("Kyiv said so.\n")));
        let report = tally.finish();
        assert_eq!(report.count(), 100);
        let (first, last) = (report.finding(0, &Nowhere), report.finding(99, &Nowhere));
        assert!(Arc::ptr_eq(&first.locus.text, &last.locus.text), "one copy of the line");
        assert_eq!(&*last.locus.text, "Troops left Kiev on Monday, officials said.");
        assert_eq!(&last.locus.text[super::super::relative(last.finding.span, &last.locus).range()], "Kiev");
        assert_eq!(report.position(99), (99, last.locus.start));
        assert_eq!(last.locus.line, 2);
    }

    #[test]
    fn variants_are_silent_without_the_preferred_form() {
        let check = check();
        let mut tally = check.tally();
        tally.merge(0, check.observe(&Document::new("Troops left Kiev.\n")));
        assert_eq!(tally.finish().count(), 0);
    }
}
