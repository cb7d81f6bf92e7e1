//! Applying fixes to a text.
//!
//! Fixes from different rules may overlap. Each pass applies the fixes that do
//! not overlap an earlier one (ordered by position, then rule id, so the
//! outcome is deterministic), then the text is linted again and the next pass
//! picks up what is left, up to [`MAX_PASSES`]. Only the bytes inside fix
//! spans change: line endings, a byte-order mark and the final newline are
//! whatever they were.

use crate::diagnostic::{Diagnostic, Safety};

/// Passes of apply-and-relint before giving up on convergence.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// Only fixes marked safe.
    Safe,
    /// Safe and unsafe fixes.
    All,
}

impl Applicability {
    pub fn allows(self, safety: Safety) -> bool {
        self == Applicability::All || safety == Safety::Safe
    }
}

/// The result of fixing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Number of fixes applied over all passes.
    pub applied: usize,
    /// False if fixes were still being produced after [`MAX_PASSES`].
    pub converged: bool,
}

/// Applies one pass of non-overlapping fixes. Returns the new text and the
/// number of fixes applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic], which: Applicability) -> (String, usize) {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (f, &*d.rule)))
        .filter(|(f, _)| which.allows(f.safety) && f.span.end <= text.len())
        .filter(|(f, _)| text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end))
        .collect();
    fixes.sort_by(|(a, ra), (b, rb)| (a.span.start, a.span.end, ra).cmp(&(b.span.start, b.span.end, rb)));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut applied = 0;
    let mut last_insert_at = None;
    for (fix, _) in fixes {
        if fix.span.start < last || (fix.span.is_empty() && last_insert_at == Some(fix.span.start)) {
            continue; // overlaps an earlier fix: the next pass will see it again
        }
        if fix.replacement == text[fix.span.range()] {
            continue;
        }
        out.push_str(&text[last..fix.span.start]);
        out.push_str(&fix.replacement);
        last = fix.span.end;
        if fix.span.is_empty() {
            last_insert_at = Some(fix.span.start);
        }
        applied += 1;
    }
    out.push_str(&text[last..]);
    (out, applied)
}

/// Lints, applies fixes and re-lints until nothing more is fixable.
pub fn fix_until_stable(
    text: &str,
    lint: &mut dyn FnMut(&str) -> Vec<Diagnostic>,
    which: Applicability,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let diagnostics = lint(&current);
        let (next, n) = apply(&current, &diagnostics, which);
        if n == 0 {
            return Fixed { text: current, applied, converged: true };
        }
        applied += n;
        current = next;
    }
    let converged = apply(&current, &lint(&current), which).1 == 0;
    Fixed { text: current, applied, converged }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Span};

    fn diag(rule: &str, start: usize, end: usize, replacement: &str, safety: Safety) -> Diagnostic {
        let fix = Fix { span: Span::new(start, end), replacement: replacement.into(), safety };
        Diagnostic { fix: Some(fix), ..Diagnostic::bare(rule, Span::new(start, end)) }
    }

    #[test]
    fn applies_non_overlapping_fixes_in_order() {
        let text = "aa bb cc";
        let diags = [diag("r", 6, 8, "CC", Safety::Safe), diag("r", 0, 2, "AA", Safety::Safe)];
        assert_eq!(apply(text, &diags, Applicability::Safe), ("AA bb CC".into(), 2));
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let diags = [diag("b", 1, 4, "X", Safety::Safe), diag("a", 2, 5, "Y", Safety::Safe)];
        assert_eq!(apply(text, &diags, Applicability::Safe), ("aXef".into(), 1));
    }

    #[test]
    fn unsafe_fixes_need_permission() {
        let diags = [diag("r", 0, 1, "X", Safety::Unsafe)];
        assert_eq!(apply("abc", &diags, Applicability::Safe).1, 0);
        assert_eq!(apply("abc", &diags, Applicability::All).0, "Xbc");
    }

    #[test]
    fn fix_until_stable_relints_until_nothing_changes() {
        // A "rule" that turns one "--" into "-" per pass.
        let mut lint = |t: &str| match t.find("--") {
            Some(i) => vec![diag("dash", i, i + 2, "-", Safety::Safe)],
            None => Vec::new(),
        };
        let fixed = fix_until_stable("a----b", &mut lint, Applicability::Safe);
        assert_eq!(fixed.text, "a-b");
        assert_eq!(fixed.applied, 3);
        assert!(fixed.converged);
    }

    #[test]
    fn non_converging_fixes_are_reported() {
        let mut lint = |t: &str| {
            vec![diag("grow", 0, 0, "x", Safety::Safe)].into_iter().filter(|_| t.len() < 100).collect()
        };
        let fixed = fix_until_stable("", &mut lint, Applicability::Safe);
        assert_eq!(fixed.applied, MAX_PASSES);
        assert!(!fixed.converged);
    }
}
