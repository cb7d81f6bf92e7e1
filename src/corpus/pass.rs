//! The corpus pass of one run: observe in the workers, merge in the sink,
//! render at the end.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::index::{CorpusIndex, content_key};
use super::{CorpusCheck, CorpusFinding, Observation, Places, Tally, UnitKey};
use crate::config::Policy;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::input::Unit;
use crate::lint::Linter;
use crate::output::Source;
use crate::rules::Rule;

/// The read-only half of the pass, shared by the workers.
pub struct Observer<'l> {
    checks: Vec<&'l dyn CorpusCheck>,
}

/// One unit's observations, one per corpus rule.
pub struct Observed(Vec<Observation>);

impl Observer<'_> {
    pub fn observe(&self, unit: &Unit) -> Observed {
        let doc = unit.document();
        self.observe_document(&doc)
    }

    pub fn observe_document(&self, doc: &Document<'_>) -> Observed {
        Observed(self.checks.iter().map(|c| c.observe(doc)).collect())
    }
}

/// What the pass remembers about a unit it may name.
struct UnitRef {
    name: Arc<str>,
    path: Arc<Path>,
    byte_offset: usize,
    line_offset: usize,
    record: Option<(Option<String>, usize)>,
}

/// The accumulating half, owned by the sink.
pub struct CorpusPass<'l> {
    rules: Vec<&'l Rule>,
    tallies: Vec<Box<dyn Tally>>,
    units: HashMap<UnitKey, UnitRef>,
    next: UnitKey,
    /// A corpus index whose other documents vote, and the content keys of
    /// this run's units (which must not vote twice).
    index: Option<(CorpusIndex, HashSet<String>)>,
}

impl<'l> CorpusPass<'l> {
    /// The pass for the corpus rules of `linter`; `None` when there are none.
    pub fn new(linter: &'l Linter) -> Option<(Observer<'l>, CorpusPass<'l>)> {
        let checks = linter.corpus_checks();
        if checks.is_empty() {
            return None;
        }
        let observer = Observer { checks: checks.iter().map(|(_, c)| *c).collect() };
        let pass = CorpusPass {
            rules: checks.iter().map(|(r, _)| *r).collect(),
            tallies: checks.iter().map(|(_, c)| c.tally()).collect(),
            units: HashMap::new(),
            next: 0,
            index: None,
        };
        Some((observer, pass))
    }

    /// Counts the documents of `index` that this run does not read.
    pub fn with_index(&mut self, index: CorpusIndex) {
        self.index = Some((index, HashSet::new()));
    }

    /// Merges the observations of the next unit (call in input order).
    pub fn merge(&mut self, unit: &Unit, observed: Observed) {
        if let Some((_, seen)) = &mut self.index {
            seen.insert(content_key(&unit.text));
            seen.insert(unit.name.to_string());
        }
        let key = self.next;
        self.next += 1;
        let mut keep = false;
        for (tally, obs) in self.tallies.iter_mut().zip(observed.0) {
            keep |= tally.merge(key, obs);
        }
        if keep {
            let record = unit.record.as_ref().map(|r| (r.id.clone(), r.line));
            let r = UnitRef {
                name: unit.name.clone(),
                path: unit.path.clone(),
                byte_offset: unit.byte_offset,
                line_offset: unit.line_offset,
                record,
            };
            self.units.insert(key, r);
        }
    }

    /// Every corpus diagnostic, in input order of the units they point into.
    pub fn finish(mut self, policy: &Policy) -> Vec<Rendered> {
        if let Some((index, seen)) = &self.index {
            for doc in index.others(seen) {
                self.tallies.iter_mut().for_each(|t| t.absorb(doc));
            }
        }
        let places = UnitPlaces(&self.units);
        let mut out = Vec::new();
        for (rule, tally) in self.rules.iter().zip(self.tallies) {
            for f in tally.finish(&places) {
                let Some(unit) = self.units.get(&f.unit) else {
                    debug_assert!(false, "a tally named a unit it did not keep");
                    continue;
                };
                let mut diagnostics = vec![diagnostic(rule, &f)];
                policy.apply(&unit.path, &mut diagnostics);
                if diagnostics.is_empty() {
                    continue;
                }
                out.push(Rendered {
                    key: (f.unit, f.locus.start, rule.meta.id.clone()),
                    name: unit.name.clone(),
                    path: unit.path.clone(),
                    text: f.locus.text.clone(),
                    byte_offset: unit.byte_offset + f.locus.start,
                    line_offset: unit.line_offset + f.locus.line,
                    record: unit.record.clone(),
                    diagnostics,
                });
            }
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out
    }
}

struct UnitPlaces<'a>(&'a HashMap<UnitKey, UnitRef>);

impl Places for UnitPlaces<'_> {
    fn place(&self, unit: UnitKey, line: usize) -> String {
        match self.0.get(&unit) {
            Some(u) => format!("{}:{}", u.name, u.line_offset + line + 1),
            None => format!("#{unit}:{}", line + 1),
        }
    }
}

/// Corpus diagnostics of one line of one unit, ready for a printer.
pub struct Rendered {
    key: (UnitKey, usize, Arc<str>),
    name: Arc<str>,
    path: Arc<Path>,
    /// The line the diagnostics point into; their spans index it.
    text: Arc<str>,
    byte_offset: usize,
    line_offset: usize,
    record: Option<(Option<String>, usize)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Rendered {
    /// The file the diagnostics belong to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line the diagnostics' spans index.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn source(&self) -> Source<'_> {
        Source {
            name: &self.name,
            path: &self.path,
            text: &self.text,
            byte_offset: self.byte_offset,
            line_offset: self.line_offset,
            column_offset: 0,
            record: self.record.as_ref().map(|(id, line)| (id.as_deref(), *line)),
        }
    }
}

/// A corpus finding as a diagnostic whose spans index the locus line.
pub(crate) fn diagnostic(rule: &Rule, f: &CorpusFinding) -> Diagnostic {
    let doc = Document::new(&f.locus.text);
    let mut finding = f.finding.clone();
    finding.span = super::relative(finding.span, &f.locus);
    if let Some(fix) = &mut finding.fix {
        fix.span = super::relative(fix.span, &f.locus);
    }
    crate::lint::diagnostic(rule, &doc, finding)
}
