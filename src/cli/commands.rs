//! `newslint rules`, `newslint explain ID`, `newslint test-rules [DIR]`.

use std::io::{self, Write};

use serde::Serialize;

use super::args::{ExplainArgs, RulesArgs, TestRulesArgs};
use super::settings::{Failure, RuleBook, stderr_color};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, report_failure};
use crate::diagnostic::Safety;
use crate::rules::{self, LoadOptions, RuleMeta, check_examples};

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    category: &'a str,
    severity: &'a str,
    kind: &'a str,
    scope: &'a str,
    fix: Option<&'a str>,
    enabled: bool,
    what: &'a str,
}

fn row(m: &RuleMeta) -> RuleRow<'_> {
    RuleRow {
        id: &m.id,
        category: &m.category,
        severity: m.severity.as_str(),
        kind: &m.kind,
        scope: m.scope.as_str(),
        fix: m.fix_safety.map(|s| s.as_str()),
        enabled: m.enabled,
        what: &m.what,
    }
}

pub fn list(args: &RulesArgs) -> i32 {
    let book = match RuleBook::load(&args.rules) {
        Ok(b) => b,
        Err(f) => return report_failure(f, stderr_color(args.rules.color)),
    };
    let all = book.all_meta();
    let mut out = io::stdout().lock();
    let result = if args.json {
        let rows: Vec<_> = all.iter().map(|m| row(m)).collect();
        serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::from).and_then(|_| writeln!(out))
    } else {
        write_table(&mut out, &all)
    };
    match result {
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_TROUBLE
        }
    }
}

fn write_table(out: &mut dyn Write, all: &[&RuleMeta]) -> io::Result<()> {
    let width = all.iter().map(|m| m.id.len()).max().unwrap_or(4).max(4);
    writeln!(out, "{:width$}  {:12}  {:8}  {:6}  KIND", "RULE", "CATEGORY", "SEVERITY", "FIX")?;
    for m in all {
        let fix = m.fix_safety.map_or("-", |s| s.as_str());
        let off = if m.enabled { "" } else { " (off by default)" };
        writeln!(
            out,
            "{:width$}  {:12}  {:8}  {:6}  {}{off}",
            m.id,
            m.category,
            m.severity.as_str(),
            fix,
            m.kind
        )?;
    }
    Ok(())
}

pub fn explain(args: &ExplainArgs) -> i32 {
    let book = match RuleBook::load(&args.rules) {
        Ok(b) => b,
        Err(f) => return report_failure(f, stderr_color(args.rules.color)),
    };
    let all = book.all_meta();
    let Some(meta) = all.iter().find(|m| *m.id == *args.id) else {
        let ids: Vec<&str> = all.iter().map(|m| &*m.id).collect();
        eprintln!("error: unknown rule `{}`\n\nknown rules: {}", args.id, ids.join(", "));
        return EXIT_TROUBLE;
    };
    let examples = book.rules.iter().find(|r| r.meta.id == meta.id).map_or(&[][..], |r| &r.examples[..]);
    let mut out = io::stdout().lock();
    let _ = write_explanation(&mut out, meta, examples);
    EXIT_CLEAN
}

fn write_explanation(out: &mut dyn Write, m: &RuleMeta, examples: &[rules::Example]) -> io::Result<()> {
    writeln!(out, "{} ({}, {}, {})", m.id, m.category, m.severity, m.kind)?;
    writeln!(out)?;
    writeln!(out, "## What it flags\n{}\n", m.what)?;
    writeln!(out, "## Why it matters\n{}\n", m.why)?;
    match m.fix_safety {
        Some(Safety::Safe) => writeln!(out, "## Fix\nFixable with --fix (safe).\n")?,
        Some(Safety::Unsafe) => {
            writeln!(out, "## Fix\nFixable with --fix --unsafe-fixes (unsafe: check the result).\n")?
        }
        None => writeln!(out, "## Fix\nNot fixable automatically.\n")?,
    }
    let (flagging, silent): (Vec<_>, Vec<_>) = examples.iter().partition(|e| !e.flags.is_empty());
    if !flagging.is_empty() {
        writeln!(out, "## Flagged")?;
        for e in flagging {
            writeln!(out, "  {}", e.text.replace('\n', "\n  "))?;
            writeln!(
                out,
                "    -> flags {}",
                e.flags.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
            )?;
            if let Some(fixed) = &e.fixed {
                writeln!(out, "    -> fixed: {}", fixed.replace('\n', "\\n"))?;
            }
        }
        writeln!(out)?;
    }
    if !silent.is_empty() {
        writeln!(out, "## Not flagged")?;
        for e in silent {
            writeln!(out, "  {}", e.text.replace('\n', "\n  "))?;
        }
        writeln!(out)?;
    }
    if !m.origin.name.starts_with('<') {
        writeln!(out, "Defined in {}.", m.origin.name)?;
    }
    Ok(())
}

pub fn test_rules(args: &TestRulesArgs) -> i32 {
    let color = stderr_color(args.rules.color);
    let sources = match &args.dir {
        Some(dir) => match rules::read_sources(dir) {
            Ok(s) if s.is_empty() => {
                eprintln!("error: no .toml rule files in {}", dir.display());
                return EXIT_TROUBLE;
            }
            Ok(s) => s,
            Err(e) => return report_failure(Failure::Files(vec![e]), color),
        },
        None => rules::builtin_sources(),
    };
    let loaded = match rules::load(&sources, &LoadOptions::default()) {
        Ok(r) => r,
        Err(errors) => return report_failure(Failure::Files(errors), color),
    };
    let mut failures = Vec::new();
    let mut examples = 0;
    for rule in &loaded {
        examples += rule.examples.len();
        failures.extend(check_examples(rule).into_iter().map(|f| f.into_load_error(rule)));
    }
    if !failures.is_empty() {
        let _ = crate::output::load_errors::render(&failures, &mut io::stderr(), color, false);
    }
    let status = if failures.is_empty() { "ok" } else { "FAILED" };
    println!("test-rules: {status}. {} rules, {examples} examples, {} failed.", loaded.len(), failures.len());
    if failures.is_empty() { EXIT_CLEAN } else { EXIT_FINDINGS }
}
