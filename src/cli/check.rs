//! `newslint check`: discover, read and lint in parallel, print in order.
//!
//! The work is streamed through [`run::ordered`]: files, chunks of huge files
//! and JSONL records are linted on all cores in bounded batches and printed
//! in input order, so output is deterministic and memory stays flat however
//! large the corpus.

use std::io::{self, BufWriter};
use std::path::PathBuf;
use std::time::Instant;

use super::args::CheckArgs;
use super::settings::{Failure, Settings, stderr_color};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, report_failure};
use crate::diagnostic::Diagnostic;
use crate::input::{self, DiscoverOptions, Discovered, Item, ReadOptions, Unit};
use crate::output::{self, Source, Summary};
use crate::run;

pub fn run(args: &CheckArgs) -> i32 {
    let start = Instant::now();
    let color = stderr_color(args.rules.color);
    if let Err(e) = run::set_threads(args.input.threads) {
        let msg = format!("cannot start {} threads: {e}", args.input.threads);
        return report_failure(Failure::Message(msg), color);
    }
    let settings = match Settings::resolve(&args.rules, &args.select) {
        Ok(s) => s,
        Err(f) => return report_failure(f, color),
    };
    if !settings.warnings.is_empty() {
        let _ = output::load_errors::render(&settings.warnings, &mut io::stderr(), color, true);
    }
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
    let mut trouble = !errors.is_empty();
    for e in &errors {
        eprintln!("error: {e}");
    }
    match lint_all(args, &settings, &found, start) {
        Ok((summary, failed)) => {
            trouble |= failed;
            if trouble {
                EXIT_TROUBLE
            } else if !args.exit_zero && summary.at_least(settings.fail_on) > 0 {
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
    Linted { unit: Unit, diagnostics: Vec<Diagnostic> },
    Skipped { path: PathBuf, reason: String },
    Failed { path: PathBuf, message: String },
}

/// Lints everything; returns the summary and whether any input failed.
fn lint_all(
    args: &CheckArgs,
    settings: &Settings,
    found: &[Discovered],
    start: Instant,
) -> io::Result<(Summary, bool)> {
    let options = output::Options { color: settings.color, statistics: args.statistics, quiet: args.quiet };
    let stdout = Box::new(BufWriter::new(io::stdout().lock()));
    let meta = settings.selected_meta();
    let mut printer = output::printer(args.format, stdout, &options, &meta);
    let mut summary = Summary::default();
    let mut failed = false;
    let mut last_file: Option<std::sync::Arc<std::path::Path>> = None;
    let read = ReadOptions {
        stdin_format: args.stdin_format,
        stdin_filename: args.stdin_filename.clone(),
        ..settings.read_options(&args.input)
    };
    let items = found.iter().flat_map(|d| input::read(d, &read));
    let work = |item: Item| match item.load() {
        Item::Unit(unit) => {
            let diagnostics = settings.checker.check(&unit);
            Outcome::Linted { unit, diagnostics }
        }
        Item::Skipped { path, reason } => Outcome::Skipped { path, reason },
        Item::Failed { path, message } => Outcome::Failed { path, message },
        Item::File { .. } => unreachable!("load() reads files"),
    };
    run::ordered(items, run::Batching::default(), Item::weight, work, |outcome| {
        match outcome {
            Outcome::Linted { unit, diagnostics } => {
                if unit.record.is_some() {
                    summary.records += 1;
                }
                if last_file.as_ref() != Some(&unit.path) {
                    summary.files += 1;
                    last_file = Some(unit.path.clone());
                }
                summary.add(&diagnostics);
                printer.source(&source_of(&unit), &diagnostics)?;
            }
            Outcome::Skipped { path, reason } => {
                if !args.quiet {
                    eprintln!("note: {}: skipped: {reason}", path.display());
                }
            }
            Outcome::Failed { path, message } => {
                eprintln!("error: {}: {message}", path.display());
                failed = true;
            }
        }
        Ok::<(), io::Error>(())
    })?;
    summary.elapsed = start.elapsed();
    printer.finish(&summary)?;
    Ok((summary, failed))
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
