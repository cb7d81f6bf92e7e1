//! The engine: run every rule over a document, return plain diagnostics.
//!
//! Most documents trigger few rules, so the engine avoids paying for the ones
//! that cannot match. Each `pattern` regex takes one of four routes:
//!
//! - When every match must start with one of a set of rare literals (see
//!   `rules::required`), it is tried, anchored, only where one of them
//!   occurs: `(?m)^(?:Related|Read also):?\n<headline>` costs one short
//!   anchored search per label, not a search of the whole document.
//! - Else, when every match must contain one of a set of literals, it is
//!   *gated*: one Aho-Corasick scan of the document finds the literals of
//!   all gated and start-routed regexes, and each regex runs only over the
//!   units holding one of its own. Whole-line patterns that would keep a
//!   DFA alive to the end of every line cost nothing on lines without their
//!   literal.
//! - Otherwise, unless it is start-anchored, it joins one shared
//!   multi-pattern DFA (anchors relaxed, see `rules::regex`); one overlapping
//!   scan per window of the document says where it can match, and it runs
//!   over the units of those windows only.
//! - A start-anchored regex without literals runs over every unit: it fails
//!   at the first bytes of most.
//!
//! Phrase lists are one Aho-Corasick automaton per rule. Detectors always
//! run: each is responsible for being cheap on clean text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, PatternID};
use regex_automata::{Input, PatternSet, meta};

use crate::diagnostic::Span;
use crate::diagnostic::{Diagnostic, Fix, Safety};
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::rules::def::Scope;
use crate::rules::message::{MATCH_EXCERPT, push_excerpt};
use crate::rules::pattern::PatternMatcher;
use crate::rules::required::{Literals, gate_literals};
use crate::rules::{Matcher, Rule, units};
use crate::timings::{Row, Shared, Timings, timed};

/// A compiled rule set, ready to lint any number of documents from any
/// number of threads.
pub struct Linter {
    rules: Vec<Rule>,
    plan: Plan,
    /// Time per rule, with `--timings`.
    timings: Option<Timings>,
}

/// How each regex of each pattern rule is kept from running where it cannot
/// match. Regexes are numbered globally, rule by rule.
#[derive(Default)]
struct Plan {
    /// Per rule: its first global regex and its number of regexes.
    ranges: Vec<(usize, usize)>,
    /// Per global regex.
    routes: Vec<Route>,
    /// Per global regex anchored at the start of its unit: the bytes its
    /// matches can start with (`^\d{1,2}\.\d\d`). Units starting otherwise
    /// are skipped, on the [`Route::Always`] and [`Route::Gate`] routes.
    first_bytes: Vec<Option<Box<[bool; 256]>>>,
    /// The shared DFA over the regexes routed to it.
    dfa: Option<meta::Regex>,
    /// The required literals of the gated regexes.
    gate: Option<Gate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    /// Runs over every unit (start-anchored, no useful literal), or only
    /// those starting with one of its [`Plan::first_bytes`].
    Always,
    /// Pattern `n` of the shared DFA: runs over the windows where it matches.
    Dfa(usize),
    /// Runs over the units holding one of its required literals.
    Gate,
    /// Tried, anchored, where one of the literals its matches start with
    /// occurs.
    Start,
}

/// One Aho-Corasick DFA over the required literals of every gated regex
/// (see [`crate::rules::required`]).
struct Gate {
    dfa: aho_corasick::dfa::DFA,
    /// Per literal: the global regexes that require it.
    owners: Vec<Vec<usize>>,
    /// The longest literal, in bytes.
    longest: usize,
    /// With few literals, an overlapping search with its prefilter (memchr,
    /// Teddy) skips most bytes, and beats walking every byte.
    few: Option<AhoCorasick>,
}

/// How many parts of a document the gate walks at once.
const GATE_STREAMS: usize = 4;

/// A document is walked in parts once each part would have this many bytes:
/// below it, the parts' head start (the longest literal) and their separate
/// tails cost more than the overlapped loads save. Most news records (1 to
/// 10 KB) are walked in four parts.
const GATE_MIN_PART: usize = 256;

/// Up to this many literals, the gate searches with [`Gate::few`] instead of
/// walking its DFA over every byte. The built-in rules have hundreds (no
/// prefilter applies); a selection of a few rules has a handful.
const FEW_LITERALS: usize = 64;

impl Linter {
    pub fn new(rules: Vec<Rule>) -> Result<Linter, String> {
        let mut plan = Plan::default();
        let mut dfa_hirs = Vec::new();
        let mut literals: Vec<(Vec<u8>, usize)> = Vec::new();
        for rule in &rules {
            let first = plan.routes.len();
            if let Matcher::Pattern(p) = &rule.matcher {
                for hir in &p.hirs {
                    let g = plan.routes.len();
                    let route = match gate_literals(hir) {
                        Some(Literals::Within(lits)) => {
                            literals.extend(lits.into_iter().map(|l| (l, g)));
                            Route::Gate
                        }
                        Some(Literals::Start(lits)) => {
                            literals.extend(lits.into_iter().map(|l| (l, g)));
                            Route::Start
                        }
                        None if starts_anchored(hir) => Route::Always,
                        None => {
                            dfa_hirs.push(hir.clone());
                            Route::Dfa(dfa_hirs.len() - 1)
                        }
                    };
                    plan.first_bytes.push(if matches!(route, Route::Dfa(_) | Route::Start) {
                        None
                    } else {
                        first_bytes(hir)
                    });
                    plan.routes.push(route);
                }
            }
            plan.ranges.push((first, plan.routes.len() - first));
        }
        if !dfa_hirs.is_empty() {
            plan.dfa = Some(crate::rules::regex::compile_prefilter(&dfa_hirs)?);
        }
        if !literals.is_empty() {
            plan.gate = Some(Gate::new(literals, FEW_LITERALS)?);
        }
        Ok(Linter { rules, plan, timings: None })
    }

    /// Counts the time each rule takes (`--timings`).
    pub fn time_rules(&mut self) {
        self.timings = Some(Timings::new(self.rules.len()));
    }

    pub fn timings(&self) -> Option<&Timings> {
        self.timings.as_ref()
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Takes the rules back (to build another linter from some of them).
    pub fn into_rules(self) -> Vec<Rule> {
        self.rules
    }

    /// The corpus-level rules, with their indices, and their checks, in
    /// rule order.
    pub fn corpus_checks(&self) -> Vec<(usize, &Rule, &dyn crate::corpus::CorpusCheck)> {
        self.rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match &r.matcher {
                Matcher::Corpus(c) => Some((i, r, c.as_ref())),
                _ => None,
            })
            .collect()
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.meta.id == id)
    }

    /// Lints a plain-text document.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        self.lint_document(&Document::new(text))
    }

    pub fn lint_format(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        self.lint_document(&Document::with_format(text, format))
    }

    /// Lints a segmented document; diagnostics come back sorted by position.
    pub fn lint_document(&self, doc: &Document<'_>) -> Vec<Diagnostic> {
        self.lint_documents(std::slice::from_ref(doc)).pop().expect("one document, one result")
    }

    /// Lints several documents, rule by rule: each rule runs over all of
    /// them before the next starts, so its automata and tables stay in the
    /// CPU caches, where one document at a time the other rules' tables
    /// evict them between two short documents (5 KB records took 2.27 s one
    /// by one and 1.78 s in groups, on one thread over 30 MB). Diagnostics
    /// come back per document, in order, each list sorted by position.
    pub fn lint_documents(&self, docs: &[Document<'_>]) -> Vec<Vec<Diagnostic>> {
        let timings = self.timings.as_ref();
        let plan = &self.plan;
        let scans: Vec<Scans> = timed(timings, Row::Shared(Shared::Prefilter), || {
            docs.iter()
                .map(|doc| {
                    let windows = windows(doc, WINDOW);
                    Scans {
                        dfa: plan.dfa.as_ref().map(|dfa| DfaHits::new(dfa, doc, &windows)),
                        gated: plan.gate.as_ref().map(|gate| gate.scan(doc, plan.routes.len())),
                        windows,
                    }
                })
                .collect()
        });
        let mut outs: Vec<Vec<Diagnostic>> = docs.iter().map(|_| Vec::new()).collect();
        for (i, rule) in self.rules.iter().enumerate() {
            timed(timings, Row::Rule(i), || {
                for ((doc, scans), out) in docs.iter().zip(&scans).zip(&mut outs) {
                    match &rule.matcher {
                        Matcher::Pattern(m) => self.run_pattern(i, rule, m, doc, scans, out),
                        _ => run_rule(rule, doc, out),
                    }
                }
            });
        }
        for out in &mut outs {
            finish(out);
        }
        outs
    }

    /// Runs pattern rule `i` over the units the document's scans leave it.
    fn run_pattern(
        &self,
        i: usize,
        rule: &Rule,
        m: &PatternMatcher,
        doc: &Document<'_>,
        scans: &Scans,
        out: &mut Vec<Diagnostic>,
    ) {
        let plan = &self.plan;
        let windows = &scans.windows;
        let units = units(doc, m.scope());
        let units = units.as_slice();
        let (first, n) = plan.ranges[i];
        // A unit as large as the document spans every window.
        let whole = matches!(m.scope(), Scope::Document | Scope::Headline) || windows.len() == 1;
        let mut findings = Vec::new();
        let mut starts = Vec::new();
        for j in 0..n {
            match plan.routes[first + j] {
                Route::Always => {
                    let starting =
                        units.iter().copied().filter(|u| can_start(doc, u, &plan.first_bytes[first + j]));
                    m.find_one(doc, j, starting, &mut findings)
                }
                Route::Dfa(d) => {
                    let hits = scans.dfa.as_ref().expect("a DFA route has a DFA");
                    let matching = (0..windows.len()).filter(|&w| hits.matches(w, d));
                    if whole {
                        if matching.count() > 0 {
                            m.find_one(doc, j, units.iter().copied(), &mut findings);
                        }
                        continue;
                    }
                    for w in matching {
                        let window = windows[w];
                        let from = units.partition_point(|u| u.start < window.start);
                        let to = units.partition_point(|u| u.start < window.end);
                        m.find_one(doc, j, units[from..to].iter().copied(), &mut findings);
                    }
                }
                Route::Start => {
                    let at = scans.gated.as_ref().expect("a gated route has a gate").of(first + j);
                    starts.clear();
                    starts.extend(at.iter().map(|&(start, _)| start));
                    starts.sort_unstable();
                    starts.dedup();
                    m.find_at(doc, j, units, &starts, &mut findings);
                }
                Route::Gate => {
                    let at = scans.gated.as_ref().expect("a gated route has a gate").of(first + j);
                    let firsts = &plan.first_bytes[first + j];
                    m.find_one(
                        doc,
                        j,
                        units_at(units, at).filter(|u| can_start(doc, u, firsts)),
                        &mut findings,
                    );
                }
            }
        }
        emit(rule, doc, findings, out);
    }
}

/// Drops the findings that lie within another of the same rule: where two
/// of a rule's regexes match one defect (a line addressed to the reader,
/// and the `at the end of this article` in it), it is reported once, by the
/// wider match.
fn drop_nested(findings: &mut Vec<Finding>) {
    findings.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    // The furthest end of the findings kept so far, all starting earlier.
    let mut reach: Option<usize> = None;
    findings.retain(|f| {
        let nested = reach.is_some_and(|r| f.span.end <= r);
        reach = Some(reach.map_or(f.span.end, |r| r.max(f.span.end)));
        !nested
    });
}

/// What one document's shared scans found, for every pattern rule.
struct Scans {
    windows: Vec<Span>,
    dfa: Option<DfaHits>,
    /// Per global regex: where its required literals are.
    gated: Option<Gated>,
}

/// Per global regex, the (start, end) of each of its required literals in
/// a document, in order of their ends: one list, cut at `bounds`.
#[derive(Debug, PartialEq, Eq)]
struct Gated {
    /// Regex `g`'s literals are `at[bounds[g]..bounds[g + 1]]`.
    bounds: Vec<u32>,
    at: Vec<(usize, usize)>,
}

impl Gated {
    fn of(&self, g: usize) -> &[(usize, usize)] {
        &self.at[self.bounds[g] as usize..self.bounds[g + 1] as usize]
    }
}

/// The units that contain one of `positions` (sorted), each once.
fn units_at<'u>(units: &'u [Span], positions: &'u [(usize, usize)]) -> impl Iterator<Item = Span> + 'u {
    let mut last = usize::MAX;
    // Positions come in order of their ends, so each search starts where the
    // previous one stopped (a frequent literal has thousands of positions).
    let (mut from, mut prev_end) = (0, 0);
    positions.iter().filter_map(move |&(start, end)| {
        if end < prev_end {
            from = 0;
        }
        prev_end = end;
        let i = first_ending_at(units, from, end);
        from = i;
        let unit = *units.get(i)?;
        (unit.start <= start && i != last).then(|| {
            last = i;
            unit
        })
    })
}

/// `units.partition_point(|u| u.end < end)`, given that every unit before
/// `from` ends before `end`: a galloping search from `from`, which costs
/// little when the answer is near.
fn first_ending_at(units: &[Span], mut from: usize, end: usize) -> usize {
    let (mut probe, mut step) = (from, 1);
    while probe < units.len() && units[probe].end < end {
        from = probe + 1;
        probe += step;
        step *= 2;
    }
    let probe = probe.min(units.len());
    from + units[from..probe].partition_point(|u| u.end < end)
}

impl Gate {
    fn new(literals: Vec<(Vec<u8>, usize)>, few_literals: usize) -> Result<Gate, String> {
        let mut index: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (lit, g) in literals {
            let id = *index.entry(lit.clone()).or_insert_with(|| {
                patterns.push(lit);
                owners.push(Vec::new());
                patterns.len() - 1
            });
            owners[id].push(g);
        }
        // No prefilter: with hundreds of literals there is none worth
        // having, and without one only match states are special.
        let dfa = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| format!("required literals failed to compile: {e}"))?;
        let longest = patterns.iter().map(Vec::len).max().unwrap_or(1);
        let few = (patterns.len() <= few_literals)
            .then(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
            })
            .transpose()
            .map_err(|e| format!("required literals failed to compile: {e}"))?;
        Ok(Gate { dfa, owners, longest, few })
    }

    /// Per global regex: the (start, end) of each required literal found in
    /// the document body, in order of their ends (every occurrence,
    /// overlapping ones included, as an overlapping Aho-Corasick search
    /// reports them).
    fn scan(&self, doc: &Document<'_>, regexes: usize) -> Gated {
        use aho_corasick::automaton::Automaton;
        let body = doc.body();
        let hay = doc.text().as_bytes();
        let hits: Vec<Vec<(PatternID, usize)>> = if let Some(few) = &self.few {
            let input = aho_corasick::Input::new(hay).span(body.start..body.end);
            vec![few.find_overlapping_iter(input).map(|m| (m.pattern(), m.end())).collect()]
        } else if body.len() >= GATE_STREAMS * GATE_MIN_PART {
            self.walk::<GATE_STREAMS>(hay, body).into()
        } else {
            self.walk::<1>(hay, body).into()
        };
        // Counted, then placed: one allocation for all the regexes.
        let mut bounds = vec![0u32; regexes + 1];
        for (pattern, _) in hits.iter().flatten() {
            for &g in &self.owners[pattern.as_usize()] {
                bounds[g + 1] += 1;
            }
        }
        for g in 0..regexes {
            bounds[g + 1] += bounds[g];
        }
        let mut next = bounds.clone();
        let mut at = vec![(0, 0); bounds[regexes] as usize];
        for (pattern, end) in hits.iter().flatten() {
            let start = end - self.dfa.pattern_len(*pattern);
            for &g in &self.owners[pattern.as_usize()] {
                at[next[g] as usize] = (start, *end);
                next[g] += 1;
            }
        }
        Gated { bounds, at }
    }

    /// The (literal, end) of every literal occurrence in `body`, in order,
    /// as `N` lists. A DFA walk is one dependent load per byte, so it runs at
    /// the latency of a load, not at the machine's throughput: `N` parts of
    /// the body are walked in one loop, each by its own state, and their
    /// loads overlap. Part `k` reports the occurrences that end in its share
    /// of the body; it starts early enough (the longest literal, less a byte)
    /// to see those that begin in the share before it.
    fn walk<const N: usize>(&self, hay: &[u8], body: Span) -> [Vec<(PatternID, usize)>; N] {
        use aho_corasick::Anchored;
        use aho_corasick::automaton::Automaton;
        let dfa = &self.dfa;
        let start = dfa.start_state(Anchored::No).expect("an unanchored DFA has an unanchored start");
        let share = body.len() / N;
        let bound = |k: usize| if k == N { body.end } else { body.start + k * share };
        let mut sid = [start; N];
        let mut at: [usize; N] = std::array::from_fn(|k| {
            if k == 0 { body.start } else { bound(k).saturating_sub(self.longest - 1).max(body.start) }
        });
        let ends: [usize; N] = std::array::from_fn(|k| bound(k + 1));
        let mut hits: [Vec<(PatternID, usize)>; N] = std::array::from_fn(|_| Vec::new());
        let record = |hits: &mut Vec<(PatternID, usize)>, sid, end: usize, k: usize| {
            if end > bound(k) && dfa.is_match(sid) {
                hits.extend((0..dfa.match_len(sid)).map(|i| (dfa.match_pattern(sid, i), end)));
            }
        };
        // Together while every part has bytes left, then each to its end.
        let together = (0..N).map(|k| ends[k] - at[k]).min().unwrap_or(0);
        for _ in 0..together {
            for k in 0..N {
                sid[k] = dfa.next_state(Anchored::No, sid[k], hay[at[k]]);
                at[k] += 1;
                if dfa.is_special(sid[k]) {
                    record(&mut hits[k], sid[k], at[k], k);
                }
            }
        }
        for k in 0..N {
            while at[k] < ends[k] {
                sid[k] = dfa.next_state(Anchored::No, sid[k], hay[at[k]]);
                at[k] += 1;
                if dfa.is_special(sid[k]) {
                    record(&mut hits[k], sid[k], at[k], k);
                }
            }
        }
        hits
    }
}

/// Whether a regex can only match at the start of its unit (a line, for
/// line-anchored rules). Such regexes stay out of the shared DFA: relaxing
/// their anchor turns a cheap anchored check per line into a pattern that
/// may start anywhere, and a handful of them with broad classes (`\p{Lu}`,
/// `.*?`, `(?:\S+\s+){3,}`) blows up the combined lazy DFA until it falls
/// back to the slow NFA (measured: 4 such rules made the whole rule set 20x
/// slower). Run alone, an anchored regex fails at the first byte of most
/// lines.
/// Whether a match may start `unit`, given the first bytes of a regex
/// anchored at the start (any unit, without them).
fn can_start(doc: &Document<'_>, unit: &Span, firsts: &Option<Box<[bool; 256]>>) -> bool {
    match firsts {
        Some(firsts) => unit.end > unit.start && firsts[usize::from(doc.text().as_bytes()[unit.start])],
        None => true,
    }
}

/// The bytes a match of `hir` can start with, when it is anchored at the
/// start of the haystack (not of any line) and cannot be empty; `None`
/// otherwise. A class contributes the lead bytes of its ranges, so `\d` and
/// `\p{L}` give a superset that is still exact about ASCII.
fn first_bytes(hir: &regex_syntax::hir::Hir) -> Option<Box<[bool; 256]>> {
    use regex_syntax::hir::Look;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let mut firsts = Box::new([false; 256]);
    let nullable = add_first_bytes(hir, &mut firsts);
    (!nullable).then_some(firsts)
}

/// Adds the bytes a match of `hir` can start with to `firsts`; returns
/// whether `hir` can match the empty string (then what follows it can start
/// a match too).
fn add_first_bytes(hir: &regex_syntax::hir::Hir, firsts: &mut [bool; 256]) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    let lead = |c: char| usize::from(c.encode_utf8(&mut [0; 4]).as_bytes()[0]);
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                firsts[usize::from(b)] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(class)) => {
            for r in class.ranges() {
                firsts[lead(r.start())..=lead(r.end())].fill(true);
            }
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            for r in class.ranges() {
                firsts[usize::from(r.start())..=usize::from(r.end())].fill(true);
            }
            false
        }
        HirKind::Repetition(rep) => add_first_bytes(&rep.sub, firsts) || rep.min == 0,
        HirKind::Capture(cap) => add_first_bytes(&cap.sub, firsts),
        HirKind::Concat(parts) => parts.iter().all(|p| add_first_bytes(p, firsts)),
        HirKind::Alternation(alts) => alts.iter().fold(false, |any, a| add_first_bytes(a, firsts) | any),
    }
}

fn starts_anchored(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::Look;
    let prefix = hir.properties().look_set_prefix();
    prefix.contains(Look::Start) || prefix.contains(Look::StartLF) || prefix.contains(Look::StartCRLF)
}

/// Target size of a DFA window. A window is a run of whole lines cut where a
/// paragraph starts, so every line, sentence and paragraph lies in exactly
/// one window. Small documents (articles, records) are one window; a 1 MiB
/// chunk of a corpus file is about 60, and a regex that matches once in the
/// chunk runs over one window's units instead of all of them.
const WINDOW: usize = 16 << 10;

/// Which DFA patterns can match in each window of a document.
struct DfaHits {
    /// Pattern count.
    n: usize,
    /// `windows * n` flags, window-major.
    flags: Vec<bool>,
}

impl DfaHits {
    fn new(dfa: &meta::Regex, doc: &Document<'_>, windows: &[Span]) -> DfaHits {
        let n = dfa.pattern_len();
        let mut flags = vec![false; windows.len() * n];
        let mut set = PatternSet::new(n);
        for (w, window) in windows.iter().enumerate() {
            set.clear();
            dfa.which_overlapping_matches(&Input::new(&doc.text()[window.range()]), &mut set);
            for id in set.iter() {
                flags[w * n + id.as_usize()] = true;
            }
        }
        DfaHits { n, flags }
    }

    fn matches(&self, window: usize, pattern: usize) -> bool {
        self.flags[window * self.n + pattern]
    }
}

/// Cuts the document body into windows of about `size` bytes (see [`WINDOW`]).
fn windows(doc: &Document<'_>, size: usize) -> Vec<Span> {
    let body = doc.body();
    let mut cuts = vec![body.start];
    if body.len() >= 2 * size {
        for p in doc.paragraphs() {
            let last = *cuts.last().expect("starts with one cut");
            if p.start >= last + size {
                let line = doc.lines()[doc.line_at(p.start)];
                if line.start > last {
                    cuts.push(line.start);
                }
            }
        }
    }
    cuts.push(body.end);
    cuts.windows(2).map(|c| Span::new(c[0], c[1])).collect()
}

/// Sorts diagnostics by position and drops exact repeats.
pub fn finish(out: &mut Vec<Diagnostic>) {
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
}

/// Keeps one diagnostic where rules of one category flag the very same
/// whole line of `text` (`Read more:` alone on a line is both a site-chrome
/// line and a site prompt), or the very same span with the very same fix
/// (a misspelled name the gazetteer knows and the document spells right
/// elsewhere): one defect, one report. `out` is sorted (see [`finish`]), so
/// the rule first by id stays. Other narrower spans are left alone, since
/// two rules there see two defects (a curly quote in a straight-quoted
/// text that is also never opened), and so are a diagnostic with another
/// fix and one of another severity (which may decide the exit code). Runs
/// after suppression comments, so suppressing one rule leaves the other's
/// report.
pub fn one_per_defect(text: &str, out: &mut Vec<Diagnostic>) {
    if !out.windows(2).any(|w| w[0].span == w[1].span) {
        return;
    }
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(out.len());
    // Where the diagnostics at the current span start in `kept`.
    let mut run = 0;
    for d in out.drain(..) {
        if kept.get(run).is_none_or(|k| k.span != d.span) {
            run = kept.len();
        }
        let same_fix = |k: &Diagnostic| match (&k.fix, &d.fix) {
            (None, None) => is_whole_line(text, d.span),
            (Some(a), Some(b)) => a.span == b.span && a.replacement == b.replacement,
            _ => false,
        };
        let merged = |k: &Diagnostic| k.category == d.category && k.severity == d.severity && same_fix(k);
        if !kept[run..].iter().any(merged) {
            kept.push(d);
        }
    }
    *out = kept;
}

/// Whether `span` is a line of `text` but for blanks around it.
fn is_whole_line(text: &str, span: Span) -> bool {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else { return false };
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let line_after = after.split('\n').next().unwrap_or("");
    !span.is_empty() && line_before.trim().is_empty() && line_after.trim().is_empty()
}

/// Runs one rule over a document, every regex over every unit (no routing).
pub fn run_rule(rule: &Rule, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
    let mut findings = Vec::new();
    match &rule.matcher {
        Matcher::Pattern(m) => m.find(doc, &mut findings),
        Matcher::Literal(m) => m.find(doc, &mut findings),
        Matcher::Detector(d) => d.check(doc, &mut findings),
        Matcher::Corpus(_) => {}
    }
    emit(rule, doc, findings, out);
}

fn emit(rule: &Rule, doc: &Document<'_>, mut findings: Vec<Finding>, out: &mut Vec<Diagnostic>) {
    if let Matcher::Pattern(m) = &rule.matcher
        && m.hirs.len() > 1
        && findings.len() > 1
    {
        drop_nested(&mut findings);
    }
    out.extend(findings.into_iter().filter(|f| valid_span(doc, f)).map(|f| diagnostic(rule, doc, f)));
}

/// A detector bug must not become a panic in the output layer.
fn valid_span(doc: &Document<'_>, f: &Finding) -> bool {
    let text = doc.text();
    let ok = |s: crate::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    debug_assert!(ok(f.span), "finding span {:?} is not valid in the text", f.span);
    ok(f.span) && f.fix.as_ref().is_none_or(|e| ok(e.span))
}

pub(crate) fn diagnostic(rule: &Rule, doc: &Document<'_>, finding: Finding) -> Diagnostic {
    let meta = &rule.meta;
    let message = finding.message.unwrap_or_else(|| {
        meta.message.render_with(&mut |name, out| {
            if let Some((_, v)) = finding.args.iter().find(|(k, _)| k == name) {
                out.push_str(v);
            } else if name == "match" {
                push_excerpt(out, doc.slice(finding.span), MATCH_EXCERPT);
            }
        })
    });
    let fix = match (finding.fix, meta.fix_safety) {
        (Some(edit), Some(safety)) => Some(Fix {
            span: edit.span,
            replacement: edit.replacement,
            safety: edit.safety.unwrap_or(safety),
        }),
        _ => None,
    };
    Diagnostic {
        rule: meta.id.clone(),
        category: meta.category.clone(),
        severity: meta.severity,
        span: finding.span,
        message,
        labels: finding.labels,
        note: Some(meta.why.clone()),
        fix,
    }
}

/// Lints `text` with a single rule (no prefilter): what rule examples use.
/// A corpus rule's example holds several documents (see
/// [`crate::corpus::split_example`]).
pub fn lint_with_rule(rule: &Rule, text: &str) -> Vec<Diagnostic> {
    if let Matcher::Corpus(check) = &rule.matcher {
        return crate::corpus::lint_example(rule, check.as_ref(), text);
    }
    let doc = Document::new(text);
    let mut out = Vec::new();
    run_rule(rule, &doc, &mut out);
    finish(&mut out);
    out
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Linter>();
    let _ = Safety::Safe;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{LoadOptions, builtin_sources, load};

    #[test]
    fn first_bytes_of_start_anchored_regexes() {
        let firsts = |re: &str| {
            first_bytes(&regex_syntax::parse(re).unwrap())
                .map(|f| (0..=255u8).filter(|&b| f[usize::from(b)]).map(char::from).collect::<String>())
        };
        let ascii = |re: &str| firsts(re).map(|f| f.chars().filter(char::is_ascii).collect::<String>());
        assert_eq!(ascii(r"^\d{1,2}\.\d"), Some("0123456789".to_string()));
        assert_eq!(ascii(r"(?i)^(?:as of|\d)x"), Some("0123456789Aa".to_string()));
        assert_eq!(firsts(r"^[0-9]:"), Some("0123456789".to_string()));
        // Anchored at any line, unanchored, or starting with a large class.
        assert_eq!(firsts(r"(?m)^\d"), None);
        assert_eq!(firsts(r"\d"), None);
        assert_eq!(firsts(r"^\d?"), None);
        // A large class gives the lead bytes of its ranges.
        let letters = firsts(r"^\p{L}+").unwrap();
        assert!(
            letters.contains('a')
                && letters.contains('Z')
                && !letters.contains('1')
                && !letters.contains(' ')
        );
    }

    #[test]
    fn a_finding_within_another_is_dropped() {
        let at = |start, end| Finding::new(Span::new(start, end));
        let mut findings = vec![at(10, 20), at(0, 30), at(12, 15), at(25, 40), at(0, 30), at(41, 45)];
        drop_nested(&mut findings);
        let spans: Vec<(usize, usize)> = findings.iter().map(|f| (f.span.start, f.span.end)).collect();
        assert_eq!(spans, [(0, 30), (25, 40), (41, 45)]);
    }

    #[test]
    fn one_report_per_span_and_category() {
        let at = |rule: &str, category: &str, end: usize| {
            let mut d = Diagnostic::bare(rule, Span::new(0, end));
            d.category = category.into();
            d
        };
        let mut fixed = at("e-fixed", "chrome", 10);
        fixed.fix = Some(crate::diagnostic::Fix {
            span: Span::new(0, 10),
            replacement: String::new(),
            safety: crate::diagnostic::Safety::Safe,
        });
        let mut respelled = at("h-respelled", "chrome", 10);
        respelled.fix = fixed.fix.clone();
        let mut out = vec![
            respelled,
            at("b-prompt", "chrome", 10),
            at("a-line", "chrome", 10),
            at("c-quotes", "typography", 10),
            at("d-credit", "chrome", 10),
            fixed,
            at("f-longer", "chrome", 11),
        ];
        let mut info = at("g-info", "chrome", 10);
        info.severity = crate::diagnostic::Severity::Info;
        out.push(info);
        finish(&mut out);
        let mut part_of_a_line = out.clone();
        one_per_defect("Read more:\n", &mut out);
        let rules: Vec<&str> = out.iter().map(|d| &*d.rule).collect();
        assert_eq!(rules, ["a-line", "c-quotes", "e-fixed", "g-info", "f-longer"]);
        // The same spans inside a longer line are distinct defects, unless
        // they make the same fix.
        one_per_defect("Read more: the rest of the line", &mut part_of_a_line);
        let rules: Vec<&str> = part_of_a_line.iter().map(|d| &*d.rule).collect();
        assert_eq!(rules, ["a-line", "b-prompt", "c-quotes", "d-credit", "e-fixed", "g-info", "f-longer"]);
    }

    /// The seed articles, repeated into a text of several windows.
    fn big_text() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let seeds: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        let mut text = String::new();
        while text.len() < 5 * WINDOW {
            for s in &seeds {
                text.push_str(s);
                text.push_str("\n\n");
            }
        }
        text
    }

    #[test]
    fn literal_positions_select_each_containing_unit_once() {
        let units = [Span::new(0, 10), Span::new(11, 20), Span::new(21, 30)];
        // Two hits in the first unit, one straddling the first two, one in the third.
        let at = [(1, 3), (5, 8), (9, 12), (22, 25)];
        let got: Vec<Span> = units_at(&units, &at).collect();
        assert_eq!(got, vec![units[0], units[2]]);
    }

    /// What `Gate::scan` replaced: one overlapping Aho-Corasick search.
    fn overlapping_scan(
        literals: &[(Vec<u8>, usize)],
        doc: &Document<'_>,
        regexes: usize,
    ) -> Vec<Vec<(usize, usize)>> {
        let patterns: Vec<&[u8]> = literals.iter().map(|(l, _)| l.as_slice()).collect();
        let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&patterns).unwrap();
        let mut found = vec![Vec::new(); regexes];
        let body = doc.body();
        let input = aho_corasick::Input::new(doc.text()).span(body.start..body.end);
        for m in ac.find_overlapping_iter(input) {
            found[literals[m.pattern().as_usize()].1].push((m.start(), m.end()));
        }
        found
    }

    #[test]
    fn interleaved_gate_walk_finds_what_an_overlapping_search_finds() {
        let literals: Vec<(Vec<u8>, usize)> = ["ab", "abc", "bcd", "cd", "b c", "“", "”,", "xyzzy long one"]
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_bytes().to_vec(), i % 3))
            .collect();
        let walking = Gate::new(literals.clone(), 0).unwrap();
        let searching = Gate::new(literals.clone(), FEW_LITERALS).unwrap();
        assert!(walking.few.is_none() && searching.few.is_some());
        // Literals everywhere, so some straddle the cuts between the parts.
        let mut text = String::from("Headline\n\n");
        let mut i = 0;
        while text.len() < 5 * GATE_STREAMS * 4096 {
            text.push_str(["aBcd ", "b c", "“x”, ", "xyzzy long one ", "\n\nabc", "q"][i % 6]);
            i += 7;
        }
        for len in [
            text.len(),
            3000,
            16 * 1024 + 5,
            GATE_STREAMS * GATE_MIN_PART - 1,
            GATE_STREAMS * GATE_MIN_PART + 13,
        ] {
            let len = (0..=len).rev().find(|&l| text.is_char_boundary(l)).unwrap();
            let doc = Document::new(&text[..len]);
            let expected = overlapping_scan(&literals, &doc, 3);
            for gate in [&walking, &searching] {
                let gated = gate.scan(&doc, 3);
                assert_eq!(
                    (0..3).map(|g| gated.of(g).to_vec()).collect::<Vec<_>>(),
                    expected,
                    "length {len}"
                );
            }
        }
    }

    #[test]
    fn galloping_search_agrees_with_partition_point() {
        let units: Vec<Span> = (0..40).map(|i| Span::new(10 * i, 10 * i + 5 + i % 3)).collect();
        for end in 0..420 {
            let expected = units.partition_point(|u| u.end < end);
            for from in 0..=expected {
                assert_eq!(first_ending_at(&units, from, end), expected, "end {end} from {from}");
            }
        }
        // Out-of-order ends restart the search.
        let at = [(41, 43), (1, 3), (22, 24)];
        let got: Vec<Span> = units_at(&units, &at).collect();
        assert_eq!(got, vec![units[4], units[0], units[2]]);
    }

    #[test]
    fn windows_cover_the_body_at_line_starts() {
        let text = big_text();
        let doc = Document::new(&text);
        let ws = windows(&doc, WINDOW);
        assert!(ws.len() >= 3, "{} windows", ws.len());
        assert_eq!(ws[0].start, doc.body().start);
        assert_eq!(ws.last().unwrap().end, text.len());
        for pair in ws.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(doc.lines().iter().any(|l| l.start == pair[1].start), "cut inside a line");
        }
        assert_eq!(windows(&Document::new("Short text.\n"), WINDOW).len(), 1);
    }

    /// A built-in regex with neither a required literal nor a start anchor
    /// joins the shared DFA, which then walks every byte of every document;
    /// one with a bounded repetition of a large class (`[^\n]{0,40}?`) made
    /// the whole run ten times slower. Built-in rules must give each regex a
    /// gate or an anchor (user rules may rely on the DFA).
    #[test]
    fn every_builtin_regex_is_gated_or_anchored() {
        let rules = load(&builtin_sources(), &LoadOptions::default()).unwrap();
        let linter = Linter::new(rules).unwrap();
        let plan = &linter.plan;
        let mut ungated = Vec::new();
        for (rule, &(first, n)) in linter.rules.iter().zip(&plan.ranges) {
            for j in 0..n {
                if matches!(plan.routes[first + j], Route::Dfa(_)) {
                    ungated.push(format!("{} pattern {}", rule.meta.id, j + 1));
                }
            }
        }
        assert!(ungated.is_empty(), "regexes on the shared DFA: {ungated:?}");
        assert!(plan.dfa.is_none());
        // The gate's DFA takes about 4 KB per literal (19 MB for the 5,157
        // of the built-in rules), at every start: a run over one file.
        let literals = plan.gate.as_ref().map_or(0, |g| g.owners.len());
        assert!(literals < 6_000, "{literals} gate literals");
    }

    /// Every route (literal gates, starts, anchors) finds what running each
    /// regex over every unit finds, on every rule example and every defect
    /// fixture.
    #[test]
    fn routes_find_what_a_plain_search_finds() {
        let rules = load(&builtin_sources(), &LoadOptions::default()).unwrap();
        let mut texts: Vec<String> =
            rules.iter().flat_map(|r| r.examples.iter().map(|e| e.text.clone())).collect();
        let defects = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/defects");
        for entry in std::fs::read_dir(defects).unwrap() {
            texts.extend(std::fs::read_to_string(entry.unwrap().path()).ok());
        }
        let expected: Vec<Vec<Diagnostic>> = texts
            .iter()
            .map(|text| {
                let doc = Document::new(text);
                let mut out = Vec::new();
                for rule in &rules {
                    run_rule(rule, &doc, &mut out);
                }
                finish(&mut out);
                out
            })
            .collect();
        let linter = Linter::new(rules).unwrap();
        assert!(linter.plan.routes.iter().filter(|r| **r == Route::Start).count() > 40);
        let key = |d: &Diagnostic| (d.rule.clone(), d.span, d.message.clone());
        for (text, expected) in texts.iter().zip(&expected) {
            let got = linter.lint(text);
            assert_eq!(
                got.iter().map(key).collect::<Vec<_>>(),
                expected.iter().map(key).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn windowed_prefilter_finds_what_a_full_scan_finds() {
        let rules = load(&builtin_sources(), &LoadOptions::default()).unwrap();
        let text = big_text();
        let doc = Document::new(&text);
        let mut expected = Vec::new();
        for rule in &rules {
            run_rule(rule, &doc, &mut expected);
        }
        finish(&mut expected);
        let linter = Linter::new(rules).unwrap();
        let got = linter.lint_document(&doc);
        let key = |d: &Diagnostic| (d.rule.clone(), d.span, d.message.clone());
        assert!(!expected.is_empty());
        assert_eq!(got.iter().map(key).collect::<Vec<_>>(), expected.iter().map(key).collect::<Vec<_>>());
    }
}
