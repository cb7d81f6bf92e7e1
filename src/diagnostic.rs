//! Plain-data diagnostics.
//!
//! The engine reports what it found as [`Diagnostic`] values: a rule id, a
//! severity, a byte span into the linted text, a message and an optional fix.
//! Nothing here knows about terminals, JSON or line numbers; the output layer
//! turns these into text. Keeping the engine's result plain data is what lets
//! the same lint run feed a human terminal, a CI annotation and a Spark job.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered, so `severity >= fail_on` reads naturally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!("unknown severity `{s}` (expected error, warning or info)")),
        }
    }
}

/// A half-open byte range into the linted text (UTF-8 offsets, end exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// This span moved right by `offset` bytes.
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The unit of `units` (sorted, not overlapping: lines, sentences,
    /// paragraphs) that contains this span, by binary search.
    pub fn within(self, units: &[Span]) -> Option<Span> {
        let i = units.partition_point(|u| u.start <= self.start);
        units[..i].last().copied().filter(|u| u.contains(self))
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Whether a fix can be applied without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// Applied by `--fix`: the replacement is certain (typography, mojibake).
    Safe,
    /// Applied only with `--unsafe-fixes`: likely right, but meaning may change
    /// (names, calques, deleting a line).
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// A suggested edit: replace `span` of the text with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    pub safety: Safety,
}

/// A secondary annotation: "the first copy is here", "the majority spelling".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Where the label points. `None` when it points into another document
    /// (see `location`) rather than into the text of this diagnostic.
    pub span: Option<Span>,
    pub message: String,
    /// A human-readable location elsewhere in the corpus (`path:line`), used
    /// by corpus-level checks.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<String>,
}

impl Label {
    pub fn here(span: Span, message: impl Into<String>) -> Label {
        Label { span: Some(span), message: message.into(), location: None }
    }

    pub fn elsewhere(location: impl Into<String>, message: impl Into<String>) -> Label {
        Label { span: None, message: message.into(), location: Some(location.into()) }
    }
}

/// One finding of one rule in one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's kebab-case id, e.g. `quote-spacing`.
    pub rule: Arc<str>,
    pub category: Arc<str>,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    /// Why this matters (the rule's `why`), shown as `note:`.
    pub note: Option<Arc<str>>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A warning of `rule` at `span` with no message, labels or fix: what
    /// unit tests of the layers after the engine need.
    #[cfg(test)]
    pub(crate) fn bare(rule: &str, span: Span) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: "test".into(),
            severity: Severity::Warning,
            span,
            message: String::new(),
            labels: Vec::new(),
            note: None,
            fix: None,
        }
    }

    /// Sort key: position first, then rule id, so output is deterministic.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_finds_the_sorted_unit_containing_a_span() {
        let units = [Span::new(0, 5), Span::new(7, 12)];
        assert_eq!(Span::new(1, 4).within(&units), Some(units[0]));
        assert_eq!(Span::new(7, 12).within(&units), Some(units[1]));
        assert_eq!(Span::new(4, 8).within(&units), None);
        assert_eq!(Span::new(5, 6).within(&units), None);
        assert_eq!(Span::new(0, 0).within(&[]), None);
    }
}
