//! The corpus pass of one run: observe in the workers, merge in the sink,
//! render at the end.

use std::collections::HashSet;
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

/// What the pass remembers about a unit it may name: a large corpus keeps
/// one per document with a candidate finding, so it is kept small.
struct UnitRef {
    key: UnitKey,
    path: Arc<Path>,
    /// `None` when the name is the path as displayed (every plain file),
    /// which is then derived again when it is needed.
    name: Option<Arc<str>>,
    byte_offset: usize,
    line_offset: usize,
    /// A JSONL record's id and line; rare, so boxed.
    record: Option<Box<(Option<String>, usize)>>,
}

impl UnitRef {
    fn name(&self) -> Arc<str> {
        match &self.name {
            Some(name) => name.clone(),
            None => crate::input::read::display(&self.path).into(),
        }
    }
}

/// The units the tallies may name, in key order (units are merged in key
/// order), found by binary search: no hash table per unit.
#[derive(Default)]
struct Units(Vec<UnitRef>);

impl Units {
    fn get(&self, key: UnitKey) -> Option<&UnitRef> {
        self.0.binary_search_by_key(&key, |u| u.key).ok().map(|i| &self.0[i])
    }
}

/// The accumulating half, owned by the sink.
pub struct CorpusPass<'l> {
    rules: Vec<&'l Rule>,
    tallies: Vec<Box<dyn Tally>>,
    units: Units,
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
            units: Units::default(),
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
            let record = unit.record.as_ref().map(|r| Box::new((r.id.clone(), r.line)));
            let derived = crate::input::read::display(&unit.path) == *unit.name;
            let r = UnitRef {
                key,
                path: unit.path.clone(),
                name: (!derived).then(|| unit.name.clone()),
                byte_offset: unit.byte_offset,
                line_offset: unit.line_offset,
                record,
            };
            self.units.0.push(r);
        }
    }

    /// Every corpus diagnostic, in input order of the units they point into
    /// (then by position, then by rule id), built one at a time as the caller
    /// iterates: a finding costs memory only while it is printed.
    pub fn finish<'p>(mut self, policy: &'p Policy) -> Findings<'l, 'p> {
        if let Some((index, seen)) = &self.index {
            for doc in index.others(seen) {
                self.tallies.iter_mut().for_each(|t| t.absorb(doc));
            }
        }
        let mut by_id: Vec<usize> = (0..self.rules.len()).collect();
        by_id.sort_by(|&a, &b| self.rules[a].meta.id.cmp(&self.rules[b].meta.id));
        let mut queues: Vec<Queue<'l>> = self
            .rules
            .iter()
            .zip(self.tallies)
            .map(|(rule, tally)| Queue::new(rule, tally.finish()))
            .collect();
        for (rank, i) in by_id.into_iter().enumerate() {
            queues[i].rank = rank;
        }
        Findings { queues, units: self.units, policy }
    }
}

/// One rule's report, and the order in which to print its findings.
struct Queue<'l> {
    rule: &'l Rule,
    /// Position of the rule among the corpus rules sorted by id: at one
    /// position, findings come in that order.
    rank: usize,
    report: Box<dyn super::Report>,
    /// Finding numbers sorted by position (4 bytes a finding), and how many
    /// have been taken.
    order: Vec<u32>,
    taken: usize,
}

impl<'l> Queue<'l> {
    fn new(rule: &'l Rule, report: Box<dyn super::Report>) -> Queue<'l> {
        // More than 4 billion findings would not fit in memory anyway.
        let count = u32::try_from(report.count()).unwrap_or(u32::MAX);
        let mut order: Vec<u32> = (0..count).collect();
        order.sort_unstable_by_key(|&i| (report.position(i as usize), i));
        Queue { rule, rank: 0, report, order, taken: 0 }
    }

    /// The next finding's number and its sort key.
    fn peek(&self) -> Option<(usize, (UnitKey, usize, usize))> {
        let i = *self.order.get(self.taken)? as usize;
        let (unit, start) = self.report.position(i);
        Some((i, (unit, start, self.rank)))
    }
}

/// The corpus diagnostics of a run, in output order (see [`CorpusPass::finish`]).
pub struct Findings<'l, 'p> {
    queues: Vec<Queue<'l>>,
    units: Units,
    policy: &'p Policy,
}

impl Findings<'_, '_> {
    /// Renders one finding; `None` when the policy drops it.
    fn render(&self, queue: &Queue<'_>, i: usize) -> Option<Rendered> {
        let f = queue.report.finding(i, &UnitPlaces(&self.units));
        let Some(unit) = self.units.get(f.unit) else {
            debug_assert!(false, "a tally named a unit it did not keep");
            return None;
        };
        let mut diagnostics = vec![diagnostic(queue.rule, &f)];
        self.policy.apply(&unit.path, &mut diagnostics);
        if diagnostics.is_empty() {
            return None;
        }
        Some(Rendered {
            name: unit.name(),
            path: unit.path.clone(),
            byte_offset: unit.byte_offset + f.locus.start,
            line_offset: unit.line_offset + f.locus.line,
            text: f.locus.text,
            record: unit.record.as_deref().cloned(),
            diagnostics,
        })
    }
}

impl Iterator for Findings<'_, '_> {
    type Item = Rendered;

    fn next(&mut self) -> Option<Rendered> {
        loop {
            let (q, i) = self
                .queues
                .iter()
                .enumerate()
                .filter_map(|(q, queue)| queue.peek().map(|(i, key)| (key, q, i)))
                .min()
                .map(|(_, q, i)| (q, i))?;
            self.queues[q].taken += 1;
            if let Some(rendered) = self.render(&self.queues[q], i) {
                return Some(rendered);
            }
        }
    }
}

struct UnitPlaces<'a>(&'a Units);

impl Places for UnitPlaces<'_> {
    fn place(&self, unit: UnitKey, line: usize) -> String {
        match self.0.get(unit) {
            Some(u) => format!("{}:{}", u.name(), u.line_offset + line + 1),
            None => format!("#{unit}:{}", line + 1),
        }
    }
}

/// Corpus diagnostics of one line of one unit, ready for a printer.
pub struct Rendered {
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
