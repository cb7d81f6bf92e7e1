//! The engine: run every rule over a document, return plain diagnostics.
//!
//! Most documents trigger few rules, so the engine avoids paying for the ones
//! that cannot match. All `pattern` regexes are compiled together into one
//! multi-pattern regex (anchors relaxed, see `rules::regex`); one overlapping
//! scan of the document says which regexes can match anywhere, and only
//! those run over the rule's units. Phrase lists are one Aho-Corasick
//! automaton per rule. Detectors always run: each is responsible for being
//! cheap on clean text.

use regex_automata::{Input, PatternSet, meta};

use crate::diagnostic::Span;
use crate::diagnostic::{Diagnostic, Fix, Safety};
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::rules::def::Scope;
use crate::rules::message::{MATCH_EXCERPT, excerpt};
use crate::rules::{Matcher, Rule, units};

/// A compiled rule set, ready to lint any number of documents from any
/// number of threads.
pub struct Linter {
    rules: Vec<Rule>,
    prefilter: Option<Prefilter>,
}

struct Prefilter {
    regex: meta::Regex,
    /// For each prefilter pattern: (rule index, regex index within the rule).
    owners: Vec<(usize, usize)>,
    /// For each rule: the first prefilter pattern and the number of regexes.
    ranges: Vec<(usize, usize)>,
}

impl Linter {
    pub fn new(rules: Vec<Rule>) -> Result<Linter, String> {
        let mut hirs = Vec::new();
        let mut owners = Vec::new();
        let mut ranges = Vec::with_capacity(rules.len());
        for (i, rule) in rules.iter().enumerate() {
            let first = hirs.len();
            if let Matcher::Pattern(p) = &rule.matcher
                && !p.hirs.iter().any(starts_anchored)
            {
                for (j, hir) in p.hirs.iter().enumerate() {
                    hirs.push(hir.clone());
                    owners.push((i, j));
                }
            }
            ranges.push((first, hirs.len() - first));
        }
        let prefilter = if hirs.is_empty() {
            None
        } else {
            Some(Prefilter { regex: crate::rules::regex::compile_prefilter(&hirs)?, owners, ranges })
        };
        Ok(Linter { rules, prefilter })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The corpus-level rules and their checks, in rule order.
    pub fn corpus_checks(&self) -> Vec<(&Rule, &dyn crate::corpus::CorpusCheck)> {
        self.rules
            .iter()
            .filter_map(|r| match &r.matcher {
                Matcher::Corpus(c) => Some((r, c.as_ref())),
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
        let mut out = Vec::new();
        let Some(p) = &self.prefilter else {
            for rule in &self.rules {
                run_rule(rule, doc, None, &mut out);
            }
            finish(&mut out);
            return out;
        };
        let hits = WindowHits::new(p, doc);
        for (i, rule) in self.rules.iter().enumerate() {
            let Matcher::Pattern(m) = &rule.matcher else {
                run_rule(rule, doc, None, &mut out);
                continue;
            };
            let (first, n) = p.ranges[i];
            if n == 0 {
                // Kept out of the prefilter (see `starts_anchored`).
                run_rule(rule, doc, None, &mut out);
                continue;
            }
            let any = &hits.any[first..first + n];
            if !any.contains(&true) {
                continue;
            }
            if matches!(m.scope(), Scope::Document | Scope::Headline) || hits.windows.len() == 1 {
                run_rule(rule, doc, Some(any), &mut out);
                continue;
            }
            // Run the regexes only over the units of the windows where they can match.
            let units = units(doc, m.scope());
            let units = units.as_slice();
            let mut findings = Vec::new();
            for (w, window) in hits.windows.iter().enumerate() {
                let enabled = &hits.window(w)[first..first + n];
                if !enabled.contains(&true) {
                    continue;
                }
                let from = units.partition_point(|u| u.start < window.start);
                let to = units.partition_point(|u| u.start < window.end);
                m.find_in(doc, &units[from..to], Some(enabled), &mut findings);
            }
            emit(rule, doc, findings, &mut out);
        }
        finish(&mut out);
        out
    }
}

/// Whether a regex can only match at the start of its unit (a line, for
/// line-anchored rules). Such regexes stay out of the combined prefilter:
/// relaxing their anchor turns a cheap anchored check per line into a
/// pattern that may start anywhere, and a handful of them with broad classes
/// (`\p{Lu}`, `.*?`, `(?:\S+\s+){3,}`) blows up the combined lazy DFA until
/// it falls back to the slow NFA (measured: 4 such rules made the whole rule
/// set 20x slower). Run alone, an anchored regex fails at the first byte of
/// most lines.
fn starts_anchored(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::Look;
    let prefix = hir.properties().look_set_prefix();
    prefix.contains(Look::Start) || prefix.contains(Look::StartLF) || prefix.contains(Look::StartCRLF)
}

/// Target size of a prefilter window. A window is a run of whole lines cut
/// where a paragraph starts, so every line, sentence and paragraph lies in
/// exactly one window. Small documents (articles, records) are one window;
/// a 1 MiB chunk of a corpus file is about 60, and a regex that matches once
/// in the chunk runs over one window's units instead of all of them.
const WINDOW: usize = 16 << 10;

/// Which prefilter patterns can match in each window of a document.
struct WindowHits {
    windows: Vec<Span>,
    /// Pattern count.
    n: usize,
    /// `windows.len() * n` flags, window-major.
    flags: Vec<bool>,
    /// Per pattern: whether it can match in some window.
    any: Vec<bool>,
}

impl WindowHits {
    fn new(p: &Prefilter, doc: &Document<'_>) -> WindowHits {
        let windows = windows(doc, WINDOW);
        let n = p.owners.len();
        let mut flags = vec![false; windows.len() * n];
        let mut any = vec![false; n];
        let mut set = PatternSet::new(p.regex.pattern_len());
        for (w, window) in windows.iter().enumerate() {
            set.clear();
            p.regex.which_overlapping_matches(&Input::new(&doc.text()[window.range()]), &mut set);
            for id in set.iter() {
                flags[w * n + id.as_usize()] = true;
                any[id.as_usize()] = true;
            }
        }
        WindowHits { windows, n, flags, any }
    }

    fn window(&self, w: usize) -> &[bool] {
        &self.flags[w * self.n..(w + 1) * self.n]
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

/// Runs one rule over a document. `enabled` restricts a pattern rule to the
/// regexes the prefilter let through.
pub fn run_rule(rule: &Rule, doc: &Document<'_>, enabled: Option<&[bool]>, out: &mut Vec<Diagnostic>) {
    let mut findings = Vec::new();
    match &rule.matcher {
        Matcher::Pattern(m) => m.find(doc, enabled, &mut findings),
        Matcher::Literal(m) => m.find(doc, &mut findings),
        Matcher::Detector(d) => d.check(doc, &mut findings),
        Matcher::Corpus(_) => {}
    }
    emit(rule, doc, findings, out);
}

fn emit(rule: &Rule, doc: &Document<'_>, findings: Vec<Finding>, out: &mut Vec<Diagnostic>) {
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
        meta.message.render(&mut |name| {
            if let Some((_, v)) = finding.args.iter().find(|(k, _)| k == name) {
                return v.clone();
            }
            if name == "match" {
                return excerpt(doc.slice(finding.span), MATCH_EXCERPT);
            }
            String::new()
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
    run_rule(rule, &doc, None, &mut out);
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

    #[test]
    fn windowed_prefilter_finds_what_a_full_scan_finds() {
        let rules = load(&builtin_sources(), &LoadOptions::default()).unwrap();
        let text = big_text();
        let doc = Document::new(&text);
        let mut expected = Vec::new();
        for rule in &rules {
            run_rule(rule, &doc, None, &mut expected);
        }
        finish(&mut expected);
        let linter = Linter::new(rules).unwrap();
        let got = linter.lint_document(&doc);
        let key = |d: &Diagnostic| (d.rule.clone(), d.span, d.message.clone());
        assert!(!expected.is_empty());
        assert_eq!(got.iter().map(key).collect::<Vec<_>>(), expected.iter().map(key).collect::<Vec<_>>());
    }
}
