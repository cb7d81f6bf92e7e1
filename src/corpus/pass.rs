//! The corpus pass of one run: observe in the workers, merge in the sink,
//! render at the end.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::index::{CorpusIndex, content_key};
use super::spill::{self, Fields, Log, Reader};
use super::{CorpusCheck, CorpusFinding, Observation, Places, Tally, UnitKey};
use crate::config::Policy;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::input::Unit;
use crate::lint::Linter;
use crate::output::Source;
use crate::rules::Rule;
use crate::timings::{Row, Timings, timed};

/// The read-only half of the pass, shared by the workers.
pub struct Observer<'l> {
    checks: Vec<&'l dyn CorpusCheck>,
    /// Per check: its rule's index in the linter, for `--timings`.
    rows: Vec<usize>,
    timings: Option<&'l Timings>,
}

/// One unit's observations, one per corpus rule.
pub struct Observed(Vec<Observation>);

impl Observer<'_> {
    /// What each corpus rule observes in each document, check by check
    /// over all of them (as [`crate::lint::Linter::lint_documents`] runs
    /// rules).
    pub fn observe_documents(&self, docs: &[Document<'_>]) -> Vec<Observed> {
        let mut observed: Vec<Observed> = docs.iter().map(|_| Observed(Vec::new())).collect();
        for (c, &row) in self.checks.iter().zip(&self.rows) {
            timed(self.timings, Row::Rule(row), || {
                for (doc, o) in docs.iter().zip(&mut observed) {
                    o.0.push(c.observe(doc));
                }
            });
        }
        observed
    }
}

/// What the pass remembers about a unit it may name: a large corpus has
/// one per document with a candidate finding, so they are kept on disk
/// (see [`Units`]).
struct UnitRef {
    path: Arc<Path>,
    /// `None` when the name is the path as displayed (every plain file),
    /// which is then derived again when it is needed.
    name: Option<Arc<str>>,
    byte_offset: usize,
    line_offset: usize,
    /// A JSONL record's id and line.
    record: Option<(Option<String>, usize)>,
}

impl UnitRef {
    fn name(&self) -> Arc<str> {
        match &self.name {
            Some(name) => name.clone(),
            None => crate::input::read::display(&self.path).into(),
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        let flags = u32::from(self.name.is_some())
            | u32::from(self.record.is_some()) << 1
            | u32::from(self.record.as_ref().is_some_and(|r| r.0.is_some())) << 2;
        out.extend_from_slice(&flags.to_le_bytes());
        out.extend_from_slice(&(self.byte_offset as u64).to_le_bytes());
        out.extend_from_slice(&(self.line_offset as u64).to_le_bytes());
        spill::put_bytes(out, &spill::path_bytes(&self.path));
        if let Some(name) = &self.name {
            spill::put_bytes(out, name.as_bytes());
        }
        if let Some((id, line)) = &self.record {
            out.extend_from_slice(&(*line as u64).to_le_bytes());
            if let Some(id) = id {
                spill::put_bytes(out, id.as_bytes());
            }
        }
    }

    fn decode(bytes: &[u8]) -> UnitRef {
        let mut f = Fields(bytes);
        let flags = f.u32();
        let byte_offset = f.u64() as usize;
        let line_offset = f.u64() as usize;
        let path: Arc<Path> = spill::path_from(f.bytes()).into();
        let name = (flags & 1 != 0).then(|| Arc::from(f.str()));
        let record = (flags & 2 != 0).then(|| {
            let line = f.u64() as usize;
            let id = (flags & 4 != 0).then(|| f.str().to_string());
            (id, line)
        });
        UnitRef { path, name, byte_offset, line_offset, record }
    }
}

/// The units the tallies may name, on disk: a record per kept unit, and at
/// `8 * key` in a second file the offset of unit `key`'s record
/// ([`NOT_KEPT`] for a unit no tally may name). Nothing per unit stays in
/// memory.
#[derive(Default)]
struct Units {
    records: Log,
    offsets: Log,
}

const NOT_KEPT: u64 = u64::MAX;

/// Units read back while findings are printed, with the last few looked up
/// (labels point at the same few units over and over).
struct UnitsReader {
    records: Reader,
    offsets: Reader,
    cache: HashMap<UnitKey, Arc<UnitRef>>,
    buf: Vec<u8>,
}

/// Units kept in [`UnitsReader::cache`] before it is emptied (a few hundred
/// bytes each): labels name the holders of near-duplicates, which recur
/// all over a corpus of copies, and a miss costs two seeks and reads.
const UNIT_CACHE: usize = 1 << 16;

impl Units {
    fn push(&mut self, unit: Option<&UnitRef>) {
        let offset = match unit {
            Some(u) => {
                let offset = self.records.len();
                let mut record = Vec::new();
                u.encode(&mut record);
                self.records.append_record(&record);
                offset
            }
            None => NOT_KEPT,
        };
        self.offsets.append(&offset.to_le_bytes());
    }

    fn finish(self) -> UnitsReader {
        UnitsReader {
            // Findings come in unit order, and their labels name units
            // anywhere before.
            records: self.records.finish_nearby(),
            offsets: self.offsets.finish_nearby(),
            cache: HashMap::new(),
            buf: Vec::new(),
        }
    }
}

impl UnitsReader {
    fn get(&mut self, key: UnitKey) -> Option<Arc<UnitRef>> {
        if let Some(u) = self.cache.get(&key) {
            return Some(u.clone());
        }
        let mut offset = [0; 8];
        if !self.offsets.seek(u64::from(key) * 8) || !self.offsets.read(&mut offset) {
            return None;
        }
        let offset = u64::from_le_bytes(offset);
        if offset == NOT_KEPT || !self.records.seek(offset) || !self.records.bytes(&mut self.buf) {
            return None;
        }
        let unit = Arc::new(UnitRef::decode(&self.buf));
        if self.cache.len() >= UNIT_CACHE {
            self.cache.clear();
        }
        self.cache.insert(key, unit.clone());
        Some(unit)
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
        let observer = Observer {
            checks: checks.iter().map(|(_, _, c)| *c).collect(),
            rows: checks.iter().map(|(i, _, _)| *i).collect(),
            timings: linter.timings(),
        };
        let pass = CorpusPass {
            rules: checks.iter().map(|(_, r, _)| *r).collect(),
            tallies: checks.iter().map(|(_, _, c)| c.tally()).collect(),
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
        let kept = keep.then(|| {
            let derived = crate::input::read::display(&unit.path) == *unit.name;
            UnitRef {
                path: unit.path.clone(),
                name: (!derived).then(|| unit.name.clone()),
                byte_offset: unit.byte_offset,
                line_offset: unit.line_offset,
                record: unit.record.as_ref().map(|r| (r.id.clone(), r.line)),
            }
        });
        self.units.push(kept.as_ref());
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
        // Each tally sorts and groups what it spilled: independent work.
        use rayon::prelude::*;
        let reports: Vec<Box<dyn super::Report>> = self.tallies.into_par_iter().map(|t| t.finish()).collect();
        let mut queues: Vec<Queue<'l>> =
            self.rules.iter().zip(reports).map(|(rule, report)| Queue { rule, rank: 0, report }).collect();
        for (rank, i) in by_id.into_iter().enumerate() {
            queues[i].rank = rank;
        }
        Findings { queues, units: RefCell::new(self.units.finish()), policy }
    }
}

/// One rule's report.
struct Queue<'l> {
    rule: &'l Rule,
    /// Position of the rule among the corpus rules sorted by id: at one
    /// position, findings come in that order.
    rank: usize,
    report: Box<dyn super::Report>,
}

/// The corpus diagnostics of a run, in output order (see [`CorpusPass::finish`]).
pub struct Findings<'l, 'p> {
    queues: Vec<Queue<'l>>,
    units: RefCell<UnitsReader>,
    policy: &'p Policy,
}

impl Findings<'_, '_> {
    /// Renders one finding; `None` when the policy drops it.
    fn render(&self, rule: &Rule, f: CorpusFinding) -> Option<Rendered> {
        let Some(unit) = self.units.borrow_mut().get(f.unit) else {
            debug_assert!(false, "a tally named a unit it did not keep");
            return None;
        };
        let mut diagnostics = vec![diagnostic(rule, &f)];
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
            record: unit.record.clone(),
            diagnostics,
        })
    }
}

impl Iterator for Findings<'_, '_> {
    type Item = Rendered;

    fn next(&mut self) -> Option<Rendered> {
        loop {
            let (_, q) = self
                .queues
                .iter_mut()
                .enumerate()
                .filter_map(|(q, queue)| {
                    queue.report.peek().map(|(unit, start)| ((unit, start, queue.rank), q))
                })
                .min()?;
            let queue = &mut self.queues[q];
            let rule = queue.rule;
            let Some(f) = queue.report.next(&UnitPlaces(&self.units)) else {
                debug_assert!(false, "a report peeked at a finding it did not give");
                continue;
            };
            if let Some(rendered) = self.render(rule, f) {
                return Some(rendered);
            }
        }
    }
}

struct UnitPlaces<'a>(&'a RefCell<UnitsReader>);

impl Places for UnitPlaces<'_> {
    fn place(&self, unit: UnitKey, line: usize) -> String {
        match self.0.borrow_mut().get(unit) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read_back_from_disk_by_key() {
        let shard = UnitRef {
            path: Path::new("shards/a b.jsonl").into(),
            name: Some("shards/a b.jsonl#x-1".into()),
            byte_offset: 5_000_000_000,
            line_offset: 7,
            record: Some((Some("x-1".into()), 8)),
        };
        let file = UnitRef { path: Path::new("news/one.txt").into(), name: None, ..UnitRef::decode(&[]) };
        let mut units = Units::default();
        units.push(Some(&shard));
        units.push(None);
        units.push(Some(&file));
        let mut reader = units.finish();
        let got = reader.get(0).expect("kept");
        assert_eq!((&*got.path, got.name.as_deref()), (&*shard.path, Some("shards/a b.jsonl#x-1")));
        assert_eq!((got.byte_offset, got.line_offset, got.record.clone()), (5_000_000_000, 7, shard.record));
        assert!(reader.get(1).is_none(), "not kept");
        let got = reader.get(2).expect("kept");
        assert_eq!(
            (&*got.path, got.name.is_none(), got.record.is_none()),
            (Path::new("news/one.txt"), true, true)
        );
        assert!(reader.get(3).is_none(), "past the end");
        assert_eq!(reader.get(0).expect("cached").line_offset, 7);
    }
}
