//! `--format gitlab`: a GitLab Code Quality report, the JSON array that a
//! job publishes with `artifacts: reports: codequality:` and that GitLab
//! shows in merge requests.
//!
//! Each issue has a `description`, a `check_name` (the rule id), a
//! `fingerprint` that GitLab uses to tell new findings from old ones, a
//! `severity` (`info`, `minor`, `major`, `critical`, `blocker`) and a
//! `location` with a path and begin/end lines. Fingerprints must be unique
//! within a report, so the stable [`baseline::fingerprint`] of the finding
//! is combined with the path and its occurrence number.

use std::io::{self, Write};

use serde::Serialize;

use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::baseline;
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub struct Gitlab<'w> {
    out: Box<dyn Write + 'w>,
    first: bool,
}

impl<'w> Gitlab<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Gitlab<'w> {
        Gitlab { out, first: true }
    }
}

impl Printer for Gitlab<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        let path = crate::input::read::display(source.path);
        let fingerprints = baseline::fingerprints(source.text, diagnostics);
        for (d, (fp, nth)) in diagnostics.iter().zip(fingerprints) {
            let (start, end) = index.span(d.span);
            let (begin, end, record) = match source.record {
                Some((id, line)) => (line, line, format!("#{}@{line}", id.unwrap_or_default())),
                None => (start.line + source.line_offset, end.line + source.line_offset, String::new()),
            };
            let issue = Issue {
                description: format!("{}: {}", d.rule, d.message),
                check_name: &d.rule,
                fingerprint: format!("{fp}-{:x}", path_hash(&path, &record, nth)),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location { path: path.clone(), lines: Lines { begin, end } },
            };
            self.out.write_all(if self.first { b"[\n" } else { b",\n" })?;
            self.first = false;
            serde_json::to_writer(&mut self.out, &issue)?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

/// Folds the path, record and occurrence number into 64 bits (FNV-1a).
fn path_hash(path: &str, record: &str, nth: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes().chain(record.bytes()).chain([0]).chain(nth.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
