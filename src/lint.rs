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

use crate::diagnostic::{Diagnostic, Fix, Safety};
use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::rules::message::{MATCH_EXCERPT, excerpt};
use crate::rules::{Matcher, Rule};

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
            if let Matcher::Pattern(p) = &rule.matcher {
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
        let hits = self.prefilter.as_ref().map(|p| {
            let mut set = PatternSet::new(p.regex.pattern_len());
            p.regex.which_overlapping_matches(&Input::new(&doc.text()[doc.body().range()]), &mut set);
            let mut enabled = vec![false; p.owners.len()];
            for id in set.iter() {
                enabled[id.as_usize()] = true;
            }
            enabled
        });
        for (i, rule) in self.rules.iter().enumerate() {
            let enabled = match (&self.prefilter, &hits, &rule.matcher) {
                (Some(p), Some(hits), Matcher::Pattern(_)) => {
                    let (first, n) = p.ranges[i];
                    let slice = &hits[first..first + n];
                    if !slice.contains(&true) {
                        continue;
                    }
                    Some(slice)
                }
                _ => None,
            };
            run_rule(rule, doc, enabled, &mut out);
        }
        finish(&mut out);
        out
    }
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
