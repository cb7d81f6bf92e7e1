//! The invariants every input must keep, shared by the fuzz targets
//! (`fuzz/`), the property tests (`tests/properties.rs`) and the fuzz
//! regression tests (`tests/fuzz_regressions.rs`), so a bug found by one is
//! checked by all.
//!
//! Each function panics with a description when an invariant breaks.
#![allow(dead_code)]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use newslint::document::Format;
use newslint::fix::{Applicability, fix_until_stable};
use newslint::input::{Decoded, Unit};
use newslint::output::{self, ColorMode, Source, Summary};
use newslint::rules::{LoadOptions, SourceFile, builtin_sources, load};
use newslint::{Diagnostic, Document, Linter};

/// Every built-in rule, the ones off by default included.
pub fn all_rules() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let rules = load(&builtin_sources(), &LoadOptions::default()).expect("built-in rules load");
        Linter::new(rules).expect("built-in rules compile")
    })
}

/// Segmentation: every span of every kind, in every mode, is ordered, inside
/// the text and on character boundaries.
pub fn check_document(text: &str) {
    for format in [Format::Text, Format::Markdown] {
        for (first, last) in [(true, true), (false, true), (true, false), (false, false)] {
            let doc = Document::part(text, format, first, last);
            let kinds =
                [("line", doc.lines()), ("paragraph", doc.paragraphs()), ("sentence", doc.sentences())];
            for (kind, spans) in kinds {
                for (i, s) in spans.iter().enumerate() {
                    assert_span(text, s.start, s.end, kind);
                    if i > 0 {
                        assert!(spans[i - 1].end <= s.start, "{kind}s overlap or are unordered: {spans:?}");
                    }
                }
            }
            for (i, s) in doc.sentences().iter().enumerate() {
                let p = doc.paragraphs()[doc.paragraph_of_sentence(i)];
                assert!(p.start <= s.start && s.end <= p.end, "sentence {s:?} outside paragraph {p:?}");
            }
            if let Some(h) = doc.headline() {
                assert_span(text, h.start, h.end, "headline");
            }
            let body = doc.body();
            assert_span(text, body.start, body.end, "body");
            for offset in [0, text.len() / 2, text.len()] {
                let _ = doc.line_at(offset);
            }
        }
    }
}

/// Lints with every built-in rule; every span and fix span is valid.
pub fn check_lint(text: &str, format: Format) -> Vec<Diagnostic> {
    let diagnostics = all_rules().lint_format(text, format);
    assert_diagnostics(text, &diagnostics);
    diagnostics
}

/// The whole path of a file's bytes: decode, lint, render in every format.
pub fn check_bytes(bytes: &[u8]) {
    let Some(unit) = Unit::from_bytes(Path::new("fuzz.txt"), "fuzz.txt", bytes.to_vec()) else {
        assert!(matches!(newslint::input::decode(bytes.to_vec()), Decoded::Binary));
        return;
    };
    for d in &unit.system {
        assert_span(&unit.text, d.span.start, d.span.end, "input diagnostic");
    }
    let mut diagnostics = all_rules().lint_document(&unit.document());
    assert_diagnostics(&unit.text, &diagnostics);
    diagnostics.extend(unit.system.iter().cloned());
    newslint::lint::finish(&mut diagnostics);
    render(&unit, &diagnostics);
}

/// Renders diagnostics in every output format into memory.
pub fn render(unit: &Unit, diagnostics: &[Diagnostic]) {
    let source = Source {
        name: &unit.name,
        path: &unit.path,
        text: &unit.text,
        byte_offset: 0,
        line_offset: 0,
        column_offset: 0,
        record: None,
    };
    for format in [output::Format::Human, output::Format::Concise, output::Format::Json] {
        let mut buf = Vec::new();
        {
            let options = output::Options { color: ColorMode::Never, statistics: false, quiet: false };
            let mut printer = output::printer(format, Box::new(&mut buf), &options, &[]);
            printer.source(&source, diagnostics).expect("write to memory");
            let mut summary = Summary::default();
            summary.add(diagnostics);
            printer.finish(&summary).expect("write to memory");
        }
        if format == output::Format::Json {
            serde_json::from_slice::<serde_json::Value>(&buf).expect("JSON output parses");
        }
    }
}

/// Fixing: applying every fix (safe and unsafe) converges, leaves text whose
/// re-lint is valid, and fixing the result again changes nothing.
pub fn check_fix(text: &str) {
    let linter = all_rules();
    let mut lint = |t: &str| {
        let d = linter.lint(t);
        assert_diagnostics(t, &d);
        d
    };
    for which in [Applicability::Safe, Applicability::All] {
        let once = fix_until_stable(text, &mut lint, which);
        assert!(once.converged, "fixes do not converge ({which:?}) on {text:?}");
        let twice = fix_until_stable(&once.text, &mut lint, which);
        assert_eq!(twice.applied, 0, "fixing twice changes the text ({which:?}): {:?}", once.text);
        assert_eq!(twice.text, once.text);
    }
}

/// Rule and config loading: any text gives rules or errors that point
/// inside the file, never a panic; loaded rules lint without panicking.
pub fn check_rule_source(text: &str) {
    let source = Arc::new(SourceFile { name: "fuzz.toml".into(), text: text.to_string(), builtin: false });
    let options = LoadOptions { run_examples: true, ..LoadOptions::default() };
    match load(std::slice::from_ref(&source), &options) {
        Ok(rules) => {
            let _ = newslint::rules::slowness_warnings(std::slice::from_ref(&source));
            if let Ok(linter) = Linter::new(rules) {
                let sample = "Headline\n\nHe said: “ We will not agree.” Leave a Reply\n\nA - b.";
                let d = linter.lint(sample);
                assert_diagnostics(sample, &d);
            }
        }
        Err(errors) => {
            for e in errors {
                if let Some(span) = &e.span {
                    assert!(span.start <= span.end && span.end <= text.len(), "error span {span:?}");
                }
                let _ = e.to_string();
            }
        }
    }
    match newslint::config::Config::parse("fuzz.toml", text.to_string()) {
        Ok(config) => {
            let _ = config.overrides();
        }
        Err(errors) => {
            for e in errors {
                let _ = e.to_string();
            }
        }
    }
}

pub fn assert_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert_span(text, d.span.start, d.span.end, &d.rule);
        if let Some(fix) = &d.fix {
            assert_span(text, fix.span.start, fix.span.end, &format!("{} fix", d.rule));
        }
        for label in &d.labels {
            if let Some(s) = label.span {
                assert_span(text, s.start, s.end, &format!("{} label", d.rule));
            }
        }
    }
}

fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} span {start}..{end} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} span {start}..{end} not on char boundaries"
    );
}
