//! `newslint check`: discover, read and lint in parallel, print in order.
//!
//! The work is streamed through [`run::ordered`]: files, chunks of huge files
//! and JSONL records are linted (and, with `--fix`, fixed and written back)
//! on all cores in bounded batches, and reported in input order, so output
//! is deterministic and memory stays flat however large the corpus. Baseline
//! filtering and recording happen in the ordered sink, so duplicate counting
//! is deterministic too.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::args::CheckArgs;
use super::fixing::{self, FixOutcome, Mode};
use super::settings::{Failure, Settings, stderr_color};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, report_failure};
use crate::baseline::Baseline;
use crate::corpus::index::CorpusIndex;
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;
use crate::input::{self, DiscoverOptions, Discovered, Item, ReadOptions, Unit};
use crate::output::{self, ColorMode, Source, Summary};
use crate::timings::{Row, Shared, timed};
use crate::{corpus, fix_write, run, suppress};

/// With `--fix`, files up to this size are read whole (not chunked) so they
/// can be rewritten.
const FIX_WHOLE_FILE: usize = 256 << 20;

pub fn run(args: &CheckArgs) -> i32 {
    let start = Instant::now();
    let color = stderr_color(args.rules.color);
    if let Err(e) = run::set_threads(args.input.threads) {
        let msg = format!("cannot start {} threads: {e}", args.input.threads);
        return report_failure(Failure::Message(msg), color);
    }
    let mut settings = match Settings::resolve(&args.rules, &args.select) {
        Ok(s) => s,
        Err(f) => return report_failure(f, color),
    };
    if args.timings {
        settings.checker.linter.time_rules();
    }
    if !settings.warnings.is_empty() {
        let _ = output::load_errors::render(&settings.warnings, &mut io::stderr(), color, true);
    }
    let baseline = match &args.baseline {
        Some(path) => match Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => return report_failure(Failure::Message(e), color),
        },
        None => None,
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut discover = DiscoverOptions {
        exclude: settings.exclude.iter().chain(&args.exclude).cloned().collect(),
        force_exclude: args.force_exclude,
        hidden: args.hidden,
        respect_ignore_files: !args.no_ignore,
        ..DiscoverOptions::default()
    };
    if let Some(include) = &settings.include {
        discover.include = include.clone();
    }
    let (found, errors) = match input::discover(&paths, &discover) {
        Ok(x) => x,
        Err(e) => return report_failure(Failure::Message(e), color),
    };
    if args.fix && found.iter().any(Discovered::is_stdin) {
        let msg = "--fix cannot write standard input back; use --diff to see the fixes".to_string();
        return report_failure(Failure::Message(msg), color);
    }
    let mut trouble = !errors.is_empty();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let out: Box<dyn Write> = match &args.output_file {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => {
                let msg = format!("cannot create {}: {}", path.display(), input::io_message(&e));
                return report_failure(Failure::Message(msg), color);
            }
        },
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let run = Run { args, settings: &settings };
    match run.lint_all(&found, out, start, baseline) {
        Ok(totals) => {
            trouble |= totals.failed;
            if let Some(path) = &args.write_baseline {
                if let Err(e) = fix_write::write_atomic(path, totals.recorded.to_json().as_bytes()) {
                    eprintln!("error: cannot write baseline {}: {}", path.display(), input::io_message(&e));
                    return EXIT_TROUBLE;
                }
                if !args.quiet {
                    eprintln!("Wrote {} findings to baseline {}.", totals.recorded.len(), path.display());
                }
                return if trouble { EXIT_TROUBLE } else { EXIT_CLEAN };
            }
            if trouble {
                EXIT_TROUBLE
            } else if args.diff {
                if totals.diffs > 0 { EXIT_FINDINGS } else { EXIT_CLEAN }
            } else if !args.exit_zero && totals.summary.at_least(settings.fail_on) > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            }
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            EXIT_TROUBLE
        }
    }
}

/// The result of one work item, in input order.
enum Outcome {
    Linted {
        unit: Unit,
        diagnostics: Vec<Diagnostic>,
        fix: FixOutcome,
        observed: Option<Box<corpus::Observed>>,
    },
    Skipped {
        path: PathBuf,
        reason: String,
    },
    Failed {
        path: PathBuf,
        message: String,
    },
}

struct Totals {
    summary: Summary,
    /// Files `--diff` printed a diff for.
    diffs: usize,
    /// Findings for `--write-baseline`.
    recorded: Baseline,
    /// Whether any input could not be read or written.
    failed: bool,
}

/// One check run's state beyond the settings.
struct Run<'a> {
    args: &'a CheckArgs,
    settings: &'a Settings,
}

impl Run<'_> {
    fn mode(&self) -> Mode {
        let which = if self.args.unsafe_fixes { Applicability::All } else { Applicability::Safe };
        if self.args.diff {
            Mode::Diff(which)
        } else if self.args.fix {
            Mode::Fix(which)
        } else {
            Mode::Report
        }
    }

    /// Lints a unit as this run does: rules, policy, suppression comments.
    fn diagnose(&self, unit: &Unit) -> Vec<Diagnostic> {
        self.settle(unit, self.settings.checker.check(unit))
    }

    /// [`Self::diagnose`] on a group of units, their documents already
    /// segmented.
    fn diagnose_documents(
        &self,
        units: &[&Unit],
        docs: &[crate::document::Document<'_>],
    ) -> Vec<Vec<Diagnostic>> {
        let checked = self.settings.checker.check_documents(units, docs);
        units.iter().zip(checked).map(|(unit, diagnostics)| self.settle(unit, diagnostics)).collect()
    }

    /// Applies suppression comments and keeps one report per defect.
    fn settle(&self, unit: &Unit, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        suppress::apply(&unit.text, &mut diagnostics, self.args.report_unused_suppressions);
        crate::lint::one_per_defect(&unit.text, &mut diagnostics);
        diagnostics
    }

    /// Lints (and fixes) everything, reporting through the printer.
    fn lint_all(
        &self,
        found: &[Discovered],
        out: Box<dyn Write>,
        start: Instant,
        mut baseline: Option<Baseline>,
    ) -> io::Result<Totals> {
        let args = self.args;
        let mode = self.mode();
        let color = if args.output_file.is_some() { ColorMode::Never } else { self.settings.color };
        let options = output::Options { color, statistics: args.statistics, quiet: args.quiet };
        let meta = self.settings.selected_meta();
        let mut printer = output::printer(args.format, out, &options, &meta);
        let mut diff_out = BufWriter::new(io::stdout().lock());
        let mut totals =
            Totals { summary: Summary::default(), diffs: 0, recorded: Baseline::default(), failed: false };
        let mut last_file: Option<Arc<Path>> = None;
        let mut not_written = NotWritten { quiet: args.quiet, current: None };
        let mut read = ReadOptions {
            stdin_format: args.stdin_format,
            stdin_filename: args.stdin_filename.clone(),
            ..self.settings.read_options(&args.input)
        };
        if mode != Mode::Report {
            read.chunk_size = read.chunk_size.max(FIX_WHOLE_FILE);
        }
        let items = found.iter().flat_map(|d| input::read(d, &read));
        let (observer, mut corpus) = match corpus::CorpusPass::new(&self.settings.checker.linter) {
            Some((o, c)) if !args.no_corpus => (Some(o), Some(c)),
            _ => (None, None),
        };
        if let (Some(pass), Some(path)) = (&mut corpus, CorpusIndex::locate(args.corpus_index.as_deref())) {
            match CorpusIndex::read(&path) {
                Ok(index) => pass.with_index(index),
                Err(e) => eprintln!("warning: ignoring the corpus index: {e}"),
            }
        }
        let timings = self.settings.checker.linter.timings();
        let this = self;
        let work = |group: Vec<Item>| {
            let loaded: Vec<Item> = group.into_iter().map(Item::load).collect();
            // Segment once for both passes, and lint the group's documents
            // together (rule by rule).
            let units: Vec<&Unit> = loaded.iter().filter_map(Item::unit).collect();
            let docs: Vec<_> = units.iter().map(|u| u.document()).collect();
            let diagnosed = this.diagnose_documents(&units, &docs);
            let observed: Vec<Option<Box<corpus::Observed>>> = match &observer {
                Some(o) => o.observe_documents(&docs).into_iter().map(|o| Some(Box::new(o))).collect(),
                None => docs.iter().map(|_| None).collect(),
            };
            drop(docs);
            let mut results = diagnosed.into_iter().zip(observed);
            let outcomes = loaded.into_iter().map(|item| match item {
                Item::Unit(mut unit) => {
                    let (mut diagnostics, observed) = results.next().expect("one result per unit");
                    let fix = fixing::fix_unit(&mut unit, &mut diagnostics, mode, &|u| this.diagnose(u));
                    Outcome::Linted { unit, diagnostics, fix, observed }
                }
                Item::Skipped { path, reason } => Outcome::Skipped { path, reason },
                Item::Failed { path, message } => Outcome::Failed { path, message },
                Item::File { .. } => unreachable!("load() reads files"),
            });
            outcomes.collect::<Vec<_>>()
        };
        run::ordered_groups(items, run::Batching::default(), Item::weight, work, |outcome| {
            match outcome {
                Outcome::Linted { unit, mut diagnostics, fix, observed } => {
                    if let (Some(pass), Some(observed)) = (&mut corpus, observed) {
                        timed(timings, Row::Shared(Shared::CorpusMerge), || pass.merge(&unit, *observed));
                    }
                    let summary = &mut totals.summary;
                    if unit.record.is_some() {
                        summary.records += 1;
                    }
                    if last_file.as_ref() != Some(&unit.path) {
                        summary.files += 1;
                        last_file = Some(unit.path.clone());
                    }
                    match fix {
                        FixOutcome::Nothing => {}
                        FixOutcome::Changed { applied, converged, diff } => {
                            if !converged {
                                eprintln!(
                                    "warning: {}: fixes did not settle after {} passes; some may remain",
                                    unit.name,
                                    crate::fix::MAX_PASSES
                                );
                            }
                            match diff {
                                Some(diff) => {
                                    totals.diffs += 1;
                                    diff_out.write_all(diff.as_bytes())?;
                                }
                                None => {
                                    summary.fixed += applied;
                                    summary.fixed_files += 1;
                                }
                            }
                        }
                        FixOutcome::NotWritable { fixable, reason } => {
                            not_written.add(&unit.path, fixable, reason)
                        }
                        FixOutcome::WriteFailed(message) => {
                            eprintln!("error: {}: {message}", unit.name);
                            totals.failed = true;
                        }
                    }
                    if let Some(b) = baseline.as_mut() {
                        b.filter(&unit.path, &unit.text, &mut diagnostics);
                    }
                    if args.write_baseline.is_some() {
                        totals.recorded.record(&unit.path, &unit.text, &diagnostics);
                    }
                    summary.add(&diagnostics);
                    if !args.diff {
                        printer.source(&source_of(&unit), &diagnostics)?;
                    }
                }
                Outcome::Skipped { path, reason } => {
                    if !args.quiet {
                        eprintln!("note: {}: skipped: {reason}", path.display());
                    }
                }
                Outcome::Failed { path, message } => {
                    eprintln!("error: {}: {message}", path.display());
                    totals.failed = true;
                }
            }
            Ok::<(), io::Error>(())
        })?;
        not_written.flush();
        // Corpus findings carry the line they point at, so they render
        // without re-reading their documents. They have no fixes. They are
        // built one at a time: a corpus can have a million of them.
        let began = Instant::now();
        for mut rendered in corpus.into_iter().flat_map(|c| c.finish(&self.settings.checker.policy)) {
            if let Some(b) = baseline.as_mut() {
                let mut kept = std::mem::take(&mut rendered.diagnostics);
                b.filter(rendered.path(), rendered.text(), &mut kept);
                rendered.diagnostics = kept;
            }
            if args.write_baseline.is_some() {
                totals.recorded.record(rendered.path(), rendered.text(), &rendered.diagnostics);
            }
            totals.summary.add(&rendered.diagnostics);
            if !args.diff {
                printer.source(&rendered.source(), &rendered.diagnostics)?;
            }
        }
        if let Some(t) = timings {
            t.since(Row::Shared(Shared::CorpusFinish), began);
        }
        // A corpus finding lost to a full disk is I/O trouble, not a clean run.
        totals.failed |= corpus::spill_failed();
        totals.summary.elapsed = start.elapsed();
        if args.diff {
            diff_out.flush()?;
            if !args.quiet {
                let n = totals.diffs;
                eprintln!("{n} file{} would be changed by --fix.", if n == 1 { "" } else { "s" });
            }
        } else {
            printer.finish(&totals.summary)?;
        }
        if let Some(t) = timings {
            let ids: Vec<&str> = self.settings.checker.linter.rules().iter().map(|r| &*r.meta.id).collect();
            t.render(&ids, totals.summary.elapsed, &mut io::stderr().lock())?;
        }
        Ok(totals)
    }
}

/// Fixes that could not be written, reported once per file (a JSONL shard
/// would otherwise print a note per record).
#[derive(Default)]
struct NotWritten {
    quiet: bool,
    current: Option<(Arc<Path>, usize, &'static str)>,
}

impl NotWritten {
    fn add(&mut self, path: &Arc<Path>, fixable: usize, reason: &'static str) {
        match &mut self.current {
            Some((p, n, _)) if p == path => *n += fixable,
            _ => {
                self.flush();
                self.current = Some((path.clone(), fixable, reason));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((path, n, reason)) = self.current.take() {
            if !self.quiet {
                let fixes = if n == 1 { "fix" } else { "fixes" };
                eprintln!("note: {}: {n} {fixes} not applied: {reason}", input::read::display(&path));
            }
        }
    }
}

/// The output layer's view of a unit.
pub fn source_of(unit: &Unit) -> Source<'_> {
    Source {
        name: &unit.name,
        path: &unit.path,
        text: &unit.text,
        byte_offset: unit.byte_offset,
        line_offset: unit.line_offset,
        column_offset: unit.column_offset,
        record: unit.record.as_ref().map(|r| (r.id.as_deref(), r.line)),
    }
}
