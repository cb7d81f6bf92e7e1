//! `--format json`: one JSON document,
//! `{"version": 1, "diagnostics": [...], "summary": {...}}`, written as the
//! run goes so memory does not grow with the number of diagnostics.
//!
//! Each diagnostic carries its file `path`, `rule`, `category`, `severity`,
//! `message`, `span` (UTF-8 byte offsets into the file, end exclusive),
//! 1-based `line`/`column`/`end_line`/`end_column` (columns in Unicode
//! scalar values), `fix` (null or `{replacement, safety, span}`) and
//! `labels`; JSONL records add `record_id` and `record_line`, with spans into
//! the record's text. (Why a rule matters is in `newslint explain`, not
//! repeated per diagnostic.)

use std::io::{self, Write};

use serde::Serialize;

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::diagnostic::{Diagnostic, Safety, Severity, Span};

/// Version of the JSON output schema.
pub const VERSION: u32 = 1;

/// The JSON shape of one diagnostic, shared by the JSON-based formats.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    pub rule: &'a str,
    pub category: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub fix: Option<JsonFix<'a>>,
    pub labels: Vec<JsonLabel<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    pub replacement: &'a str,
    pub safety: Safety,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(source: &Source<'a>, index: &LineIndex<'_>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        let (start, end) = index.span(d.span);
        let (start, end) = (source.file_position(start), source.file_position(end));
        let shift = |s: Span| s.shift(source.byte_offset);
        JsonDiagnostic {
            path: source.path.display().to_string(),
            record_id: source.record.and_then(|(id, _)| id),
            record_line: source.record.map(|(_, line)| line),
            rule: &d.rule,
            category: &d.category,
            severity: d.severity,
            message: &d.message,
            span: shift(d.span),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            fix: d.fix.as_ref().map(|f| JsonFix {
                replacement: &f.replacement,
                safety: f.safety,
                span: shift(f.span),
            }),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    message: &l.message,
                    span: l.span.map(shift),
                    line: l.span.map(|s| index.position(s.start).line + source.line_offset),
                    location: l.location.as_deref(),
                })
                .collect(),
        }
    }
}

/// The JSON shape of the run summary.
#[derive(Debug, Serialize)]
pub struct JsonSummary<'a> {
    pub files: usize,
    pub records: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    pub fixable: usize,
    pub fixable_unsafe: usize,
    pub by_rule: &'a std::collections::BTreeMap<String, super::RuleCount>,
    pub elapsed_ms: u128,
}

impl<'a> JsonSummary<'a> {
    pub fn new(s: &'a Summary) -> JsonSummary<'a> {
        JsonSummary {
            files: s.files,
            records: s.records,
            diagnostics: s.total(),
            errors: s.count(Severity::Error),
            warnings: s.count(Severity::Warning),
            info: s.count(Severity::Info),
            fixable: s.fixable,
            fixable_unsafe: s.fixable_unsafe,
            by_rule: &s.by_rule,
            elapsed_ms: s.elapsed.as_millis(),
        }
    }
}

pub struct Json<'w> {
    out: Box<dyn Write + 'w>,
    started: bool,
    first: bool,
}

impl<'w> Json<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Json<'w> {
        Json { out, started: false, first: true }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            write!(self.out, "{{\"version\":{VERSION},\"diagnostics\":[")?;
            self.started = true;
        }
        Ok(())
    }
}

impl Printer for Json<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        self.start()?;
        if diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        for d in diagnostics {
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            self.out.write_all(b"\n")?;
            serde_json::to_writer(&mut self.out, &JsonDiagnostic::new(source, &index, d))?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.start()?;
        write!(self.out, "\n],\"summary\":")?;
        serde_json::to_writer(&mut self.out, &JsonSummary::new(summary))?;
        writeln!(self.out, "}}")?;
        self.out.flush()
    }
}
