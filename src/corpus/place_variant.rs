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
//! variant is kept until then: a corpus that writes `Kiev` in every article
//! has one per article. They are written, with the text of their line, to a
//! temporary file in input order and read back at the end; memory holds a
//! count and a first location per form.

use std::collections::BTreeMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::spill::{Fields, Log, Reader};
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
            variants: Log::new(),
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
    /// First use of a non-preferred form in each document, with the text
    /// of its line, in input order.
    variants: Log,
}

/// A first use of a non-preferred form.
struct Variant {
    unit: UnitKey,
    form: u32,
    /// The span of the form, and its line.
    at: At,
    /// Byte offset of the line in the unit.
    line_start: u32,
}

impl Variant {
    fn encode(&self, text: &str, out: &mut Vec<u8>) {
        for x in [self.unit, self.form, self.at.line, self.at.start, self.at.end, self.line_start] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(text.as_bytes());
    }

    /// The variant and the text of its line.
    fn decode(bytes: &[u8]) -> (Variant, &str) {
        let mut f = Fields(bytes);
        let (unit, form) = (f.u32(), f.u32());
        let at = At { line: f.u32(), start: f.u32(), end: f.u32() };
        let line_start = f.u32();
        (Variant { unit, form, at, line_start }, std::str::from_utf8(f.0).unwrap_or(""))
    }
}

impl Tally for PlaceTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(used) = observation.downcast::<Vec<Used>>() else { return false };
        let keep = !used.is_empty();
        let mut record = Vec::new();
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
                    record.clear();
                    Variant { unit, form, at, line_start }.encode(&u.locus.text, &mut record);
                    self.variants.append_record(&record);
                }
            }
        }
        keep
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        Box::new(Respellings {
            forms: self.forms,
            only_when_mixed: self.only_when_mixed,
            docs: self.docs,
            first: self.first,
            variants: self.variants.finish(),
            next: None,
        })
    }
}

/// The variant uses to report, with the counts their messages quote.
struct Respellings {
    forms: Vec<(String, usize)>,
    only_when_mixed: bool,
    docs: Vec<u32>,
    first: Vec<Option<(UnitKey, usize)>>,
    variants: Reader,
    /// The next variant to report and the text of its line, once read.
    next: Option<(Variant, Arc<str>)>,
}

impl Report for Respellings {
    fn peek(&mut self) -> Option<(UnitKey, usize)> {
        let mut buf = Vec::new();
        while self.next.is_none() && self.variants.bytes(&mut buf) {
            let (v, text) = Variant::decode(&buf);
            let mixed = self.docs[self.forms[v.form as usize].1] > 0;
            if mixed || !self.only_when_mixed {
                self.next = Some((v, text.into()));
            }
        }
        self.next.as_ref().map(|(v, _)| (v.unit, v.line_start as usize))
    }

    fn next(&mut self, places: &dyn Places) -> Option<CorpusFinding> {
        self.peek()?;
        let (v, text) = self.next.take()?;
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
        let locus = Locus { text, start: v.line_start as usize, line: v.at.line as usize };
        Some(CorpusFinding { unit: v.unit, locus, finding })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::drain;

    fn check() -> PlaceVariant {
        let table: toml::Table = toml::from_str("[preferred]\nKyiv = [\"Kiev\"]\n").expect("valid params");
        let params: Params = crate::detectors::params(&table).expect("params");
        let forms = vec![("Kyiv".to_string(), 0), ("Kiev".to_string(), 0)];
        let automaton = AhoCorasick::new(["Kyiv", "Kiev"]).expect("automaton");
        PlaceVariant { params, forms, automaton }
    }

    #[test]
    fn variants_are_read_back_in_input_order() {
        // Wire copy: the same sentence in every document. What each one
        // costs in memory is what a corpus of a million articles costs a
        // million times, so the uses are written out with their line.
        let check = check();
        let mut tally = check.tally();
        for i in 0..100 {
            let text = format!("Headline {i}\n\nTroops left Kiev on Monday, officials said.\n");
            tally.merge(i, check.observe(&Document::new(&text)));
        }
        tally.merge(100, check.observe(&Document::new("Kyiv said so.\n")));
        let findings = drain(tally.finish().as_mut());
        assert_eq!(findings.len(), 100);
        let (at, last) = &findings[99];
        assert_eq!(&*last.locus.text, "Troops left Kiev on Monday, officials said.");
        assert_eq!(&last.locus.text[super::super::relative(last.finding.span, &last.locus).range()], "Kiev");
        assert_eq!(*at, (99, last.locus.start));
        assert_eq!(last.locus.line, 2);
        assert_eq!(last.finding.labels[0].location.as_deref(), Some("#100:0"));
    }

    #[test]
    fn variants_are_silent_without_the_preferred_form() {
        let check = check();
        let mut tally = check.tally();
        tally.merge(0, check.observe(&Document::new("Troops left Kiev.\n")));
        assert!(drain(tally.finish().as_mut()).is_empty());
    }
}
