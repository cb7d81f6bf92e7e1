//! `--fix` and `--diff` for one unit: fix until stable, then write the file
//! back atomically or render the diff. Runs on the worker threads, so files
//! are fixed in parallel; the caller reports in input order.
//!
//! Only whole UTF-8 text files are rewritten ([`Unit::is_fixable`]): a JSONL
//! record's text lives inside a JSON string, a UTF-16 file was re-encoded to
//! be read, bytes that were not UTF-8 were replaced, and a chunk is only part
//! of its file; in all those cases writing the text back would change bytes
//! nobody asked to change, so the fixes are reported as not applied instead.

use crate::diagnostic::Diagnostic;
use crate::fix::{self, Applicability};
use crate::fix_write;
use crate::input::{Encoding, Unit};
use crate::output;

/// What fixing did to one unit.
#[derive(Debug, Default)]
pub enum FixOutcome {
    /// Not asked to fix, or nothing to fix.
    #[default]
    Nothing,
    /// The file was rewritten (or, with `--diff`, would be; `diff` holds it).
    Changed { applied: usize, converged: bool, diff: Option<String> },
    /// Fixable diagnostics that cannot be written back, and why.
    NotWritable { fixable: usize, reason: &'static str },
    /// Writing the file failed; it is unchanged.
    WriteFailed(String),
}

/// What the run asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Report,
    Fix(Applicability),
    Diff(Applicability),
}

/// Fixes `unit` in place (its text becomes the fixed text and `diagnostics`
/// what is left), writing the file unless in diff mode. `diagnose` lints a
/// unit the way the run does (rules, policy, suppressions).
pub fn fix_unit(
    unit: &mut Unit,
    diagnostics: &mut Vec<Diagnostic>,
    mode: Mode,
    diagnose: &dyn Fn(&Unit) -> Vec<Diagnostic>,
) -> FixOutcome {
    let which = match mode {
        Mode::Report => return FixOutcome::Nothing,
        Mode::Fix(w) | Mode::Diff(w) => w,
    };
    let fixable =
        diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| which.allows(f.safety))).count();
    if fixable == 0 {
        return FixOutcome::Nothing;
    }
    if !unit.is_fixable() {
        return FixOutcome::NotWritable { fixable, reason: not_writable_reason(unit) };
    }
    let mut scratch = unit.clone();
    let mut lint = |text: &str| {
        scratch.text.clear();
        scratch.text.push_str(text);
        diagnose(&scratch)
    };
    let fixed = fix::fix_until_stable(&unit.text, &mut lint, which);
    if fixed.text == unit.text {
        return FixOutcome::Nothing;
    }
    let diff = match mode {
        Mode::Diff(_) => {
            let mut out = Vec::new();
            let path = crate::input::read::display(&unit.path);
            output::diff::unified(&path, &unit.text, &fixed.text, &mut out).expect("writing to memory");
            Some(String::from_utf8_lossy(&out).into_owned())
        }
        _ => {
            if let Err(e) = fix_write::write_atomic(&unit.path, fixed.text.as_bytes()) {
                return FixOutcome::WriteFailed(format!(
                    "cannot write fixes: {} (file left unchanged)",
                    crate::input::io_message(&e)
                ));
            }
            None
        }
    };
    if diff.is_none() {
        unit.text = fixed.text;
        *diagnostics = diagnose(unit);
    }
    FixOutcome::Changed { applied: fixed.applied, converged: fixed.converged, diff }
}

fn not_writable_reason(unit: &Unit) -> &'static str {
    if unit.record.is_some() {
        "fixes inside JSONL records are not written back"
    } else if unit.encoding != Encoding::Utf8 {
        "the file is UTF-16; fixes are only written to UTF-8 files"
    } else if !unit.system.is_empty() {
        "the file has bytes that are not UTF-8; fixes are not written to it"
    } else {
        "the file is too large to fix in one piece (see --max-file-size)"
    }
}
