//! The output layer: turning plain diagnostics into text for people and tools.
//!
//! The engine hands over each linted text (a [`Source`]) with its
//! diagnostics, in order, and a [`Summary`] at the end. Printers write as
//! they go, so a corpus of any size streams through in bounded memory; JUnit,
//! whose document opens with its counts, spools its failures to a temporary
//! file until [`Printer::finish`]. Line and column numbers are
//! computed here, once, and nowhere else.

mod concise;
pub mod diff;
pub mod github;
mod gitlab;
mod human;
pub mod json;
mod jsonl;
mod junit;
pub mod load_errors;
mod position;
pub mod sarif;
mod snippet;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

pub use human::ColorMode;
pub use position::{LineIndex, Position};

use crate::diagnostic::{Diagnostic, Safety, Severity};
use crate::rules::RuleMeta;

/// A linted text as the output layer sees it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The name to show: a path, or `shard.jsonl#id` for a record.
    pub name: &'a str,
    pub path: &'a Path,
    pub text: &'a str,
    /// Where `text` starts in its file (for chunks of a larger file).
    pub byte_offset: usize,
    pub line_offset: usize,
    /// The column where `text` starts on its first line (for a chunk cut in
    /// the middle of a long line).
    pub column_offset: usize,
    /// For a JSONL record: its id (if it has one) and 1-based line in the shard.
    pub record: Option<(Option<&'a str>, usize)>,
}

impl Source<'_> {
    /// A position in `text` as a position in the file.
    pub fn file_position(&self, p: Position) -> Position {
        file_position(p, self.line_offset, self.column_offset)
    }
}

/// Shifts a position in a chunk by where the chunk starts in its file.
pub fn file_position(p: Position, line_offset: usize, column_offset: usize) -> Position {
    let column = if p.line == 1 { p.column + column_offset } else { p.column };
    Position { line: p.line + line_offset, column }
}

/// Totals for the end of a run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub records: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_rule: BTreeMap<String, RuleCount>,
    /// Diagnostics with a safe fix (applied by `--fix`).
    pub fixable: usize,
    /// Diagnostics with an unsafe fix (applied with `--unsafe-fixes`).
    pub fixable_unsafe: usize,
    /// Fixes applied by `--fix`, and in how many files.
    pub fixed: usize,
    pub fixed_files: usize,
    pub elapsed: Duration,
}

#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct RuleCount {
    pub count: usize,
    pub fixable: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            *self.by_severity.entry(d.severity).or_default() += 1;
            // Looked up by `&str`: a `String` only for a rule's first finding.
            let entry = match self.by_rule.get_mut(&*d.rule) {
                Some(entry) => entry,
                None => self.by_rule.entry(d.rule.to_string()).or_default(),
            };
            entry.count += 1;
            if let Some(fix) = &d.fix {
                entry.fixable += 1;
                match fix.safety {
                    Safety::Safe => self.fixable += 1,
                    Safety::Unsafe => self.fixable_unsafe += 1,
                }
            }
        }
    }

    pub fn total(&self) -> usize {
        self.by_severity.values().sum()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity.get(&severity).copied().unwrap_or(0)
    }

    /// Diagnostics at or above `severity`.
    pub fn at_least(&self, severity: Severity) -> usize {
        self.by_severity.range(severity..).map(|(_, n)| n).sum()
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with source snippets.
    #[default]
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule]: message`.
    Concise,
    /// One JSON document with every diagnostic and a summary.
    Json,
    /// One JSON object per diagnostic per line.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning and other viewers).
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
    /// JUnit XML: one test case per file.
    Junit,
}

/// Settings shared by printers.
#[derive(Debug, Clone)]
pub struct Options {
    pub color: ColorMode,
    /// Print per-rule counts instead of individual diagnostics.
    pub statistics: bool,
    /// Print diagnostics only: no summary line.
    pub quiet: bool,
}

/// A renderer for one output format.
pub trait Printer {
    /// Called once per linted text, in order, with its sorted diagnostics.
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The printer for `format`, writing to `out`. `rules` is every rule of the
/// run (for formats that describe them).
pub fn printer<'w>(
    format: Format,
    out: Box<dyn Write + 'w>,
    options: &Options,
    rules: &[&RuleMeta],
) -> Box<dyn Printer + 'w> {
    match format {
        Format::Human => Box::new(human::Human::new(out, options)),
        Format::Concise => Box::new(concise::Concise::new(out, options)),
        Format::Json => Box::new(json::Json::new(out)),
        Format::Jsonl => Box::new(jsonl::Jsonl::new(out)),
        Format::Sarif => Box::new(sarif::Sarif::new(out, rules)),
        Format::Github => Box::new(github::Github::new(out)),
        Format::Gitlab => Box::new(gitlab::Gitlab::new(out)),
        Format::Junit => Box::new(junit::Junit::new(out)),
    }
}

/// The summary sentence shared by the human and concise formats.
pub fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    let records =
        if summary.records > 0 { format!(" ({})", plural(summary.records, "record")) } else { String::new() };
    let ms = summary.elapsed.as_millis();
    if summary.total() == 0 {
        return format!("All clean: {files}{records} checked in {ms} ms.");
    }
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .filter(|s| summary.count(**s) > 0)
        .map(|s| match s {
            Severity::Error => plural(summary.count(*s), "error"),
            Severity::Warning => plural(summary.count(*s), "warning"),
            Severity::Info => format!("{} info", summary.count(*s)),
        })
        .collect();
    format!("Found {} in {files}{records} checked in {ms} ms.", parts.join(", "))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// "Fixed N diagnostics in M files.", or `None` when nothing was fixed.
pub fn fixed_line(summary: &Summary) -> Option<String> {
    (summary.fixed > 0).then(|| {
        let n = plural(summary.fixed, "diagnostic");
        format!("Fixed {n} in {}.", plural(summary.fixed_files, "file"))
    })
}

/// "N fixable with --fix", or `None` when nothing is fixable.
pub fn fixable_line(summary: &Summary) -> Option<String> {
    match (summary.fixable, summary.fixable_unsafe) {
        (0, 0) => None,
        (n, 0) => Some(format!("{n} fixable with --fix.")),
        (0, u) => Some(format!("{u} fixable with --fix --unsafe-fixes.")),
        (n, u) => Some(format!("{n} fixable with --fix ({u} more with --unsafe-fixes).")),
    }
}

/// The per-rule table printed by `--statistics`.
pub fn write_statistics(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    let mut rows: Vec<_> = summary.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
    for (rule, c) in rows {
        let fixable = if c.fixable > 0 { format!("  [{} fixable]", c.fixable) } else { String::new() };
        writeln!(out, "{:>7}  {rule}{fixable}", c.count)?;
    }
    Ok(())
}
