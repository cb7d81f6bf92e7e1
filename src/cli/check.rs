//! `newslint check`: discover, read and lint in parallel, print in order.
//!
//! Files are processed in batches: each batch is read and linted on all
//! cores (rayon), then printed in path order before the next batch starts, so
//! output is deterministic and memory holds one batch of texts at a time.

use std::io::{self, BufWriter, Read as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::args::CheckArgs;
use super::settings::{Failure, Settings, stderr_color};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, report_failure};
use crate::diagnostic::Diagnostic;
use crate::input::{self, Discovered, Unit};
use crate::lint;
use crate::output::{self, Source, Summary};

/// Files read and linted per parallel batch.
const BATCH: usize = 256;

enum Outcome {
    Linted { unit: Unit, diagnostics: Vec<Diagnostic> },
    Skipped { path: PathBuf, reason: String },
    Failed { path: PathBuf, message: String },
}

pub fn run(args: &CheckArgs) -> i32 {
    let start = Instant::now();
    let color = stderr_color(args.rules.color);
    let settings = match Settings::resolve(args) {
        Ok(s) => s,
        Err(f) => return report_failure(f, color),
    };
    if !settings.warnings.is_empty() {
        let _ = output::load_errors::render(&settings.warnings, &mut io::stderr(), color, true);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let (found, errors) = match input::discover(&paths, &settings.discover) {
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

/// Lints every file; returns the summary and whether any file failed.
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
    for batch in found.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch.par_iter().map(|d| process(d, args, settings)).collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Linted { unit, diagnostics } => {
                    summary.files += 1;
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
        }
    }
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
        record: unit.record.as_ref().map(|r| (r.id.as_str(), r.line)),
    }
}

fn process(d: &Discovered, args: &CheckArgs, settings: &Settings) -> Outcome {
    let (path, bytes) = match read(d, args) {
        Ok(Some(x)) => x,
        Ok(None) => {
            return Outcome::Skipped { path: d.path.clone(), reason: "not a regular file".into() };
        }
        Err(Read::TooLarge(n)) => {
            return Outcome::Skipped {
                path: d.path.clone(),
                reason: format!("{n} bytes is larger than --max-file-size ({})", args.max_file_size),
            };
        }
        Err(Read::Io(e)) => {
            return Outcome::Failed { path: d.path.clone(), message: input::io_message(&e) };
        }
    };
    let name = path.display().to_string();
    let Some(unit) = Unit::from_bytes(&path, &name, bytes) else {
        return Outcome::Skipped { path, reason: "binary file".into() };
    };
    let diagnostics = lint_unit(&unit, settings);
    Outcome::Linted { unit, diagnostics }
}

/// Lints a unit: the rules' diagnostics, the reader's, and the policy.
pub fn lint_unit(unit: &Unit, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = settings.linter.lint_format(&unit.text, unit.format);
    if !unit.system.is_empty() {
        // Findings on bytes that could not be decoded are noise.
        diagnostics.retain(|d| !unit.system.iter().any(|s| s.span.overlaps(d.span)));
        diagnostics.extend(
            unit.system.iter().filter(|d| settings.selection.selects(&d.rule, &d.category, true)).cloned(),
        );
    }
    settings.policy.apply(&unit.path, &mut diagnostics);
    lint::finish(&mut diagnostics);
    diagnostics
}

enum Read {
    TooLarge(u64),
    Io(io::Error),
}

/// Reads a file or stdin. `Ok(None)` for FIFOs, devices and the like, which
/// could block forever or never end.
fn read(d: &Discovered, args: &CheckArgs) -> Result<Option<(PathBuf, Vec<u8>)>, Read> {
    if d.is_stdin() {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map_err(Read::Io)?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
        return Ok(Some((name, bytes)));
    }
    let meta = std::fs::metadata(&d.path).map_err(Read::Io)?;
    if !meta.is_file() {
        return Ok(None);
    }
    if meta.len() > args.max_file_size {
        return Err(Read::TooLarge(meta.len()));
    }
    let bytes = std::fs::read(&d.path).map_err(Read::Io)?;
    Ok(Some((display_path(&d.path), bytes)))
}

/// Paths as the user would type them: `./x` shown as `x`.
fn display_path(p: &Path) -> PathBuf {
    p.strip_prefix("./").map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}
