//! `newslint filter`: a streaming step for data pipelines (Spark's
//! `rdd.pipe`, datatrove, shell pipes).
//!
//! Reads JSONL records (standard input, or shards), writes exactly one JSONL
//! line per input record, in input order: a verdict (`--emit verdict`) or the
//! record itself with a `newslint` field added (`--emit record`). Findings
//! never change the exit code, so a pipeline step never fails on a bad
//! article; only unreadable input does (exit 2). Inline suppression comments
//! in a record's text apply as in `check`; baselines do not (a baseline
//! records a repository's known findings, a pipeline judges each record).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::args::{Emit, FilterArgs};
use super::settings::{Failure, Settings, stderr_color};
use super::{EXIT_CLEAN, EXIT_TROUBLE, report_failure};
use crate::diagnostic::Diagnostic;
use crate::input::{self, Discovered, Item, ReadOptions, StdinFormat, Unit};
use crate::output::LineIndex;
use crate::output::json::JsonDiagnostic;
use crate::{run, suppress};

#[derive(Serialize)]
struct Verdict<'a> {
    path: String,
    id: Option<&'a str>,
    line: usize,
    pass: bool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Field<'a> {
    pass: bool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

pub fn run(args: &FilterArgs) -> i32 {
    let color = stderr_color(args.rules.color);
    if let Err(e) = run::set_threads(args.input.threads) {
        return report_failure(Failure::Message(format!("cannot start threads: {e}")), color);
    }
    let settings = match Settings::resolve(&args.rules, &args.select) {
        Ok(s) => s,
        Err(f) => return report_failure(f, color),
    };
    let mut read = ReadOptions { stdin_format: StdinFormat::Jsonl, ..settings.read_options(&args.input) };
    read.jsonl.keep_raw = args.emit == Emit::Record;
    let inputs: Vec<Discovered> = if args.paths.is_empty() {
        vec![Discovered { path: PathBuf::from("-") }]
    } else {
        args.paths.iter().map(|p| Discovered { path: p.clone() }).collect()
    };
    let items = inputs.iter().flat_map(|d| input::read(d, &read));
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut trouble = false;
    let work = |group: Vec<Item>| {
        let loaded: Vec<Item> = group.into_iter().map(Item::load).collect();
        let records: Vec<&Unit> =
            loaded.iter().filter_map(Item::unit).filter(|u| u.record.is_some()).collect();
        let docs: Vec<_> = records.iter().map(|u| u.document()).collect();
        // As `check` does, so a record's verdict is the same either way.
        let mut checked = settings.checker.check_documents(&records, &docs).into_iter();
        drop(docs);
        let results = loaded.iter().map(|item| match item {
            Item::Unit(unit) if unit.record.is_some() => {
                let mut diagnostics = checked.next().expect("one result per record");
                suppress::apply(&unit.text, &mut diagnostics, false);
                crate::lint::one_per_defect(&unit.text, &mut diagnostics);
                Ok(line(unit, &diagnostics, &settings, args.emit))
            }
            Item::Unit(unit) => Err(format!("{}: not a JSONL shard", unit.path.display())),
            Item::Skipped { path, reason } => Err(format!("{}: skipped: {reason}", path.display())),
            Item::Failed { path, message } => Err(format!("{}: {message}", path.display())),
            Item::File { .. } => unreachable!("load() reads files"),
        });
        results.collect::<Vec<_>>()
    };
    let result = run::ordered_groups(items, run::Batching::default(), Item::weight, work, |r| match r {
        Ok(line) => out.write_all(line.as_bytes()),
        Err(msg) => {
            eprintln!("error: {msg}");
            trouble = true;
            Ok(())
        }
    });
    match result.and_then(|()| out.flush()) {
        Ok(()) if trouble => EXIT_TROUBLE,
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            EXIT_TROUBLE
        }
    }
}

/// The output line (with its newline) for one record.
fn line(unit: &Unit, diagnostics: &[Diagnostic], settings: &Settings, emit: Emit) -> String {
    let record = unit.record.as_ref().expect("records only");
    let source = super::check::source_of(unit);
    let index = LineIndex::new(&unit.text);
    let json: Vec<_> = diagnostics.iter().map(|d| JsonDiagnostic::new(&source, &index, d)).collect();
    let pass = !diagnostics.iter().any(|d| d.severity >= settings.fail_on);
    let raw_object =
        record.raw.as_deref().map(str::trim_end).filter(|r| unit.system.is_empty() && r.ends_with('}'));
    let mut out = match (emit, raw_object) {
        (Emit::Record, Some(raw)) => {
            let field = serde_json::to_string(&Field { pass, diagnostics: json }).expect("serializable");
            let body = raw[..raw.len() - 1].trim_end();
            let sep = if body.ends_with('{') { "" } else { "," };
            format!("{body}{sep}\"newslint\":{field}}}")
        }
        _ => {
            let verdict = Verdict {
                path: input::read::display(&unit.path),
                id: record.id.as_deref(),
                line: record.line,
                pass,
                diagnostics: json,
            };
            serde_json::to_string(&verdict).expect("serializable")
        }
    };
    out.push('\n');
    out
}
